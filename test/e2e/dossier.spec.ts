import type { Page } from '@playwright/test';
import { sampleCadre } from '../fixtures/cadre';
import { Installation, test, expect, screenshot } from './fixture';
import { addUnit, choose, openDialog } from './ui';

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
}

/** Adds one sub-record through its tab's dialog: fields are [label, kind, value]. */
async function addEntry(page: Page, tab: string, button: string, fields: [string, 'text' | 'pick', string][]) {
  await openTab(page, tab);
  await page.getByRole('button', { name: button }).click();
  const dialog = await openDialog(page);
  for (const [label, kind, value] of fields) {
    if (kind === 'pick') await choose(page, dialog, label, value);
    else await dialog.getByLabel(label, { exact: true }).fill(value);
  }
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
}

test('a cadre is created with every sub-record, refused on a wrong ID, and found by pinyin initials', async ({ installation }) => {
  test.setTimeout(120_000); // a long walk through every tab, as a person would make it
  await installation.completeFirstRun();
  const page = installation.page;
  await page.getByRole('menuitem', { name: '单位管理' }).click();
  await addUnit(page, '新增顶级单位', '新城区');
  await addUnit(page, '新增下级单位', '区委组织部');

  await page.getByRole('menuitem', { name: '干部名册' }).click();
  await page.getByRole('button', { name: '新增干部' }).click();
  const form = page.getByTestId('basic-form');
  await form.getByLabel('姓名', { exact: true }).fill('张三');
  await form.getByLabel('身份证号码').fill('320102198005151230'); // wrong check character (should be 8)
  await choose(page, form, '性别', '男');
  await form.getByLabel('出生年月').fill('1980.5');
  await choose(page, form, '政治面貌', '中共党员');
  await form.getByLabel('入党时间').fill('2003-06');
  await form.getByLabel('参加工作时间').fill('2002-07');
  await choose(page, form, '全日制学历', '大学');
  await form.getByLabel('全日制毕业院校').fill('南京大学');
  await choose(page, form, '所在单位', '区委组织部');
  await form.getByLabel('现任职务').fill('区委组织部干部科科长');
  await choose(page, form, '职级', '一级主任科员');
  await form.getByRole('button', { name: '保存基本信息' }).click();
  await expect(form.getByText('身份证号码校验位不正确：最后一位应为“8”')).toBeVisible();
  await expect(form.getByLabel('出生年月')).toHaveValue('1980-05');
  // nothing was saved
  expect(await installation.readAll('cadres')).toEqual([]);

  await form.getByLabel('身份证号码').fill('320102198005151238');
  await form.getByRole('button', { name: '保存基本信息' }).click();
  await expect(page.getByTestId('dossier-name')).toHaveText('张三');

  await addEntry(page, '简历', '新增简历', [
    ['起始时间', 'text', '1998-09'],
    ['截止时间', 'text', '2002-07'],
    ['工作单位（学校）', 'text', '南京大学中文系学习'],
    ['经历类别', 'pick', '全日制学习'],
  ]);
  await addEntry(page, '简历', '新增简历', [
    ['起始时间', 'text', '2002-07'],
    ['工作单位（学校）', 'text', '新城区委组织部'],
    ['职务（职级）', 'text', '区委组织部干部科科长'],
  ]);
  // rows only, not the hidden row the table measures its column widths with
  await expect(page.getByTestId('sub-career').locator('tbody tr.ant-table-row')).toHaveCount(2);
  await addEntry(page, '学历学位', '新增学历学位', [
    ['教育类别', 'pick', '全日制'],
    ['入学时间', 'text', '1998-09'],
    ['毕业时间', 'text', '2002-07'],
    ['学校', 'text', '南京大学'],
    ['专业', 'text', '汉语言文学'],
    ['学历', 'pick', '大学'],
    ['学位', 'pick', '文学学士'],
  ]);
  await addEntry(page, '家庭成员', '新增家庭成员', [
    ['称谓', 'pick', '妻子'],
    ['姓名', 'text', '李娜'],
    ['出生年月', 'text', '1982-03'],
    ['工作单位及职务', 'text', '新城区第一小学教师'],
  ]);
  await addEntry(page, '奖惩情况', '新增奖惩情况', [
    ['奖惩类别', 'pick', '表彰奖励'],
    ['时间', 'text', '2019-12'],
    ['名称', 'text', '全区优秀共产党员'],
    ['批准机关', 'text', '中共新城区委'],
  ]);
  await addEntry(page, '年度考核', '新增年度考核', [
    ['年度', 'text', '2023'],
    ['考核结果', 'pick', '优秀'],
  ]);
  // the same year twice is refused at the field
  await openTab(page, '年度考核');
  await page.getByRole('button', { name: '新增年度考核' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('年度', { exact: true }).fill('2023');
  await choose(page, dialog, '考核结果', '称职');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('2023年度的考核结果已登记，请修改原记录')).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  // what was typed is not thrown away without asking
  await page.getByRole('dialog').filter({ hasText: '放弃未保存的修改？' }).getByRole('button', { name: '放弃修改' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await addEntry(page, '职务任免', '新增职务任免', [
    ['职务名称', 'text', '区委组织部干部科科长'],
    ['职务层次', 'pick', '正科'],
    ['任职时间', 'text', '2018-03'],
    ['任免文号', 'text', '新组干〔2018〕12号'],
  ]);
  // an end before its start is refused at the field
  await openTab(page, '职级变动');
  await page.getByRole('button', { name: '新增职级变动' }).click();
  dialog = page.getByRole('dialog');
  await choose(page, dialog, '职级', '一级主任科员');
  await dialog.getByLabel('任职级时间').fill('2021-06');
  await dialog.getByLabel('截止时间').fill('2020-01');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('截止时间不能早于任职级时间')).toBeVisible();
  await dialog.getByLabel('截止时间').fill('');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();

  for (const [tab, count] of [['学历学位', 1], ['家庭成员', 1], ['奖惩情况', 1], ['年度考核', 1], ['职务任免', 1], ['职级变动', 1]] as const) {
    await openTab(page, tab);
    await expect(page.getByRole('tabpanel', { name: tab }).locator('tbody').getByRole('row')).toHaveCount(count);
  }
  await openTab(page, '变更记录');
  await expect(page.getByTestId('cadre-history')).toContainText('新增干部“张三”');
  await expect(page.getByTestId('cadre-history')).toContainText('为干部“张三”新增年度考核记录');
  await openTab(page, '简历');
  await screenshot(page, 'dossier');

  // Another cadre, as the department's bundle would bring it; then the roster finds 张三 by pinyin.
  const unitId = (await installation.readAll<{ id: string; name: string }>('units')).find((u) => u.name === '区委组织部')!.id;
  await installation.seedRecords('cadres', [sampleCadre({ unitId, name: '王芳', status: '01' })]);
  await page.getByRole('menuitem', { name: '干部名册' }).click();
  await expect(page.getByTestId('roster-count')).toHaveText('共 2 人');
  const search = page.getByLabel('快速查找');
  for (const q of ['zs', 'zhangsan', 'ZS', '张', '3201021980']) {
    await search.fill(q);
    await expect(page.getByTestId('roster-count')).toHaveText('共 1 人');
    await expect(page.getByTestId('roster-row')).toHaveCount(1);
    await expect(page.getByTestId('roster-row')).toContainText('张三');
  }
  await search.fill('wf');
  await expect(page.getByTestId('roster-row')).toContainText('王芳');
  await search.fill('');
  await expect(page.getByTestId('roster-count')).toHaveText('共 2 人');
  await screenshot(page, 'roster');
  await page.getByTestId('roster-row').filter({ hasText: '张三' }).dblclick();
  await expect(page.getByTestId('dossier-name')).toHaveText('张三');

  // It all survives a restart.
  await installation.restart();
  await installation.page.getByRole('menuitem', { name: '干部名册' }).click();
  await expect(installation.page.getByTestId('roster-count')).toHaveText('共 2 人');
});

test('Installation.record is a complete synced record', () => {
  const r = Installation.record({ id: 'x', name: '甲' });
  expect(r).toMatchObject({ id: 'x', name: '甲', deleted: false });
  expect(Object.keys(r.vv)).toHaveLength(1);
});
