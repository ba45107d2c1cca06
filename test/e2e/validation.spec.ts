import { sampleCadre } from '../fixtures/cadre';
import { Installation, test, expect, screenshot } from './fixture';

test('数据校验 finds a career gap and a birth month that disagrees with the ID number, and links to the fields', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  const unit = Installation.record({ id: 'u1', parentId: null, name: '区委组织部', order: 0 });
  await installation.seedRecords('units', [unit]);
  const zhang = sampleCadre({ unitId: 'u1', name: '张三', idNumber: '320102198005151238', sex: '1', birth: '1980-05', partyJoined: '2003-06', workStarted: '2002-07', currentPost: '干部科科长', status: '01' });
  const wang = sampleCadre({ unitId: 'u1', name: '王芳', birth: '1949-11' }); // the ID number says 1949.12
  await installation.seedRecords('cadres', [zhang, wang]);
  const seg = (id: string, cadreId: string, from: string, to: string | null, unitName: string, post: string, kind = 'work') =>
    Installation.record({ id, cadreId, from, to, unit: unitName, post, kind });
  await installation.seedRecords('career', [
    seg('c1', zhang.id, '1998-09', '2002-07', '南京大学学习', '', 'study'),
    seg('c2', zhang.id, '2002-07', '2008-07', '新城区委组织部', '科员'),
    seg('c3', zhang.id, '2009-03', null, '新城区委组织部', '干部科科长'),
    seg('w1', wang.id, '1968-09', null, '南京市第一中学', ''),
  ]);

  await page.getByRole('menuitem', { name: '数据校验' }).click();
  await page.getByRole('button', { name: '开始校验' }).click();
  await expect(page.getByTestId('validation-summary')).toContainText('已校验 2 人');
  const findings = page.getByTestId('findings');
  await expect(findings).toContainText('2008.07 至 2009.03 之间简历不连续');
  await expect(findings).toContainText('出生年月');
  // in the order of an official list: within the unit by 姓氏笔画 (王 has 4 strokes, 张 7)
  const rows = findings.locator('tbody tr.ant-table-row');
  await expect(rows.first()).toContainText('王芳');
  await expect(rows.last()).toContainText('张三');
  await screenshot(page, 'validation');

  await findings.getByRole('row').filter({ hasText: '2008.07 至 2009.03' }).getByRole('button', { name: '去修改' }).click();
  await expect(page.getByTestId('dossier-name')).toHaveText('张三');
  await expect(page.getByRole('tab', { name: '简历', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('sub-career').locator('tr.row-to-fix')).toContainText('2009.03');

  await page.getByRole('menuitem', { name: '数据校验' }).click();
  await page.getByRole('button', { name: '开始校验' }).click();
  await page.getByTestId('findings').getByRole('row').filter({ hasText: '王芳' }).filter({ hasText: '身份证' }).first().getByRole('button', { name: '去修改' }).click();
  await expect(page.getByTestId('dossier-name')).toHaveText('王芳');
  await expect(page.getByTestId('basic-form').getByLabel('出生年月')).toBeFocused();
});
