import path from 'node:path';
import { sampleCadre } from '../fixtures/cadre';
import { Installation, test, expect, screenshot } from './fixture';
import { choose, openDialog, readXlsx } from './ui';

const assessment = (cadreId: string, year: number, grade: string) =>
  Installation.record({ id: `a-${cadreId}-${year}`, cadreId, year, grade });

test('record types get their screens from the catalogue: a district list with filters and export, a dossier tab with history', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  await installation.seedRecords('units', [
    Installation.record({ id: 'r', parentId: null, name: '新城区', order: 0 }),
    Installation.record({ id: 'org', parentId: 'r', name: '区委组织部', order: 0 }),
    Installation.record({ id: 'st', parentId: 'r', name: '东街道', order: 1 }),
  ]);
  const wang = sampleCadre({ unitId: 'org', name: '王芳', status: '01' });
  const zhang = sampleCadre({ unitId: 'st', name: '张三', status: '01', idNumber: '320102198005151238', sex: '1', birth: '1980-05' });
  await installation.seedRecords('cadres', [wang, zhang]);
  await installation.seedRecords('assessments', [
    assessment(wang.id, 2023, '1'),
    assessment(wang.id, 2024, '2'),
    assessment(zhang.id, 2024, '2'),
  ]);

  // the district list of 年度考核: every record, newest first, with its cadre and unit
  await page.getByRole('menuitem', { name: /档案记录/ }).click();
  await page.getByText('年度考核', { exact: true }).click();
  const rows = page.getByTestId('record-row');
  await expect(page.getByTestId('record-count')).toHaveText('共 3 条');
  await expect(rows.first()).toContainText('2024');
  await screenshot(page, 'records-list');

  // filtered by unit subtree and by period
  await choose(page, page.locator('body'), '单位范围', '东街道');
  await expect(page.getByTestId('record-count')).toHaveText('共 1 条');
  await expect(rows).toContainText(['张三']);
  await choose(page, page.locator('body'), '单位范围', '新城区');
  await expect(page.getByTestId('record-count')).toHaveText('共 3 条');
  await page.getByLabel('起始期间').fill('2024');
  await expect(page.getByTestId('record-count')).toHaveText('共 2 条');

  // exported as shown: the view's columns, one row per record
  const file = path.join(installation.root, '年度考核.xlsx');
  installation.answerNextDialog([file]);
  await page.getByRole('button', { name: '导出Excel' }).click();
  await expect(page.getByText('已导出 2 条年度考核记录')).toBeVisible();
  const sheet = await readXlsx(file);
  expect(sheet[0]).toEqual(['姓名', '所在单位', '年度', '考核结果']);
  expect(sheet.slice(1).map((r) => r.join('|')).sort()).toEqual(['张三|东街道|2024|称职', '王芳|区委组织部|2024|称职']);

  // a row opens its fields and history
  await rows.filter({ hasText: '王芳' }).click();
  await expect(page.getByTestId('record-detail')).toContainText('称职');
  await page.keyboard.press('Escape');

  // on the dossier: the tab edits the record, the history drawer names the change in Chinese
  await page.goto(`${page.url().split('#')[0]}#/cadre?id=${wang.id}&tab=assessments`);
  const tab = page.getByTestId('sub-assessments');
  await tab.getByRole('row').filter({ hasText: '2024' }).getByRole('button', { name: '修改' }).click();
  const dialog = await openDialog(page);
  await choose(page, dialog, '考核结果', '优秀');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await tab.getByRole('row').filter({ hasText: '2024' }).getByRole('button', { name: '历史' }).click();
  await expect(page.getByTestId('record-history')).toContainText('2024年度考核：考核结果：称职→优秀');
  await screenshot(page, 'record-history');
  const stored = (await installation.readAll<{ id: string; grade: string; vv: Record<string, number> }>('assessments')).find(
    (a) => a.id === `a-${wang.id}-2024`,
  )!;
  expect(stored.grade).toBe('1');
  expect(Object.keys(stored.vv)).toHaveLength(2); // the origin's counter, and now this installation's
});
