import ExcelJS from 'exceljs';
import path from 'node:path';
import { sampleCadre } from '../fixtures/cadre';
import { Installation, test, expect, screenshot } from './fixture';
import { readXlsx } from './ui';

async function makeXlsx(file: string, headers: string[], rows: string[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}

const HEADERS = ['姓名', '身份证号码', '民族', '政治面貌', '单位', '现任职务', '职级'];

test('roster spreadsheets: import with preview, export the view, re-import changes nothing, errors commit nothing', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  const dir = installation.root;
  await installation.seedRecords('units', [
    Installation.record({ id: 'r', parentId: null, name: '新城区', order: 0 }),
    Installation.record({ id: 'org', parentId: 'r', name: '区委组织部', order: 0 }),
  ]);
  await installation.seedRecords('cadres', [sampleCadre({ unitId: 'org', name: '王芳', status: '01' })]);
  const count = page.getByTestId('roster-count');
  await expect(count).toHaveText('共 1 人');

  // 1. import: two new cadres and an update of 王芳, matched by ID number
  const incoming = path.join(dir, '报送名册.xlsx');
  await makeXlsx(incoming, HEADERS, [
    ['张三', '320102198005151238', '汉族', '中共党员', '区委组织部', '干部科科长', '一级主任科员'],
    ['李四', '320102199003122227', '回族', '群众', '新城区/区委组织部', '科员', '一级科员'],
    ['王芳', '11010519491231002X', '汉族', '中共党员', '区委组织部', '调研员', ''],
  ]);
  installation.answerNextDialog([incoming]);
  await page.getByRole('button', { name: '导入名册' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('import-summary')).toContainText('新增 2 人，更新 1 人，无变化 0 人');
  await screenshot(page, 'import-preview');
  await dialog.getByRole('button', { name: '导入', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(count).toHaveText('共 3 人');
  await expect(page.getByTestId('roster-row').filter({ hasText: '王芳' })).toContainText('调研员');

  // 2. export the current view (all three, in the roster's column order)
  const exported = path.join(dir, '干部名册.xlsx');
  installation.answerNextDialog([exported]);
  await page.getByRole('button', { name: '导出 Excel' }).click();
  await expect(page.getByText(/已导出 3 人/)).toBeVisible();
  const sheet = await readXlsx(exported);
  expect(sheet[0]).toEqual(['序号', '姓名', '所在单位', '现任职务', '职级', '身份证号码', '性别', '出生年月（年龄）', '民族', '政治面貌']);
  expect(sheet).toHaveLength(4);
  const zhang = sheet.find((r) => r[1] === '张三')!;
  expect(zhang.slice(2, 10)).toEqual(['区委组织部', '干部科科长', '一级主任科员', '320102198005151238', '男', expect.stringMatching(/^1980\.05（\d+岁）$/), '汉族', '中共党员']);

  // 3. the exported file imported again changes nothing
  installation.answerNextDialog([exported]);
  await page.getByRole('button', { name: '导入名册' }).click();
  await expect(dialog.getByTestId('import-summary')).toContainText('新增 0 人，更新 0 人，无变化 3 人');
  await expect(dialog.getByRole('button', { name: '导入', exact: true })).toBeDisabled();
  await dialog.getByRole('button', { name: '取消' }).click();

  // 4. a sheet with errors: every problem listed by row and column, nothing committed
  const bad = path.join(dir, '有错误的名册.xlsx');
  await makeXlsx(bad, HEADERS, [
    ['赵六', '320102198505051230', '汉族', '群众', '区委组织部', '', ''],
    ['钱七', '320102198505051217', '汉族', '群众', '区财政局', '', ''],
    ['孙八', '32010219850505122', '汉族', '群众', '区委组织部', '', '特级科员'],
  ]);
  installation.answerNextDialog([bad]);
  await page.getByRole('button', { name: '导入名册' }).click();
  await expect(dialog.getByTestId('import-summary')).toContainText('发现 4 处问题');
  const issues = dialog.getByTestId('import-issues');
  await expect(issues).toContainText('校验位不正确');
  await expect(issues).toContainText('单位“区财政局”不在单位树中');
  await expect(issues).toContainText('身份证号码应为18位');
  await expect(issues).toContainText('“特级科员”不是有效的职级');
  await expect(issues.getByRole('row').filter({ hasText: '区财政局' })).toContainText('3');
  await screenshot(page, 'import-errors');
  await expect(dialog.getByRole('button', { name: '导入', exact: true })).toBeDisabled();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(count).toHaveText('共 3 人');

  // 5. a misspelled required column is named, and nothing is read
  const misspelled = path.join(dir, '列名错误.xlsx');
  await makeXlsx(misspelled, ['姓名', '身份症号码', '民族', '政治面貌', '单位'], [['周九', '320102198505051233', '汉族', '群众', '区委组织部']]);
  installation.answerNextDialog([misspelled]);
  await page.getByRole('button', { name: '导入名册' }).click();
  await expect(dialog.getByTestId('import-issues')).toContainText('缺少必需的列“身份证号码”');
  // mapping the misspelled column by hand fixes it
  await dialog.getByLabel('“身份症号码”对应的字段').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="身份证号码"]').click();
  await expect(dialog.getByTestId('import-summary')).toContainText('新增 1 人');
  await dialog.getByRole('button', { name: '导入', exact: true }).click();
  await expect(count).toHaveText('共 4 人');

  // 6. a file that is not a spreadsheet
  const notXlsx = path.join(dir, '不是表格.xlsx');
  await (await import('node:fs/promises')).writeFile(notXlsx, 'hello');
  installation.answerNextDialog([notXlsx]);
  await page.getByRole('button', { name: '导入名册' }).click();
  await expect(page.getByText('不是有效的 Excel（.xlsx）文件')).toBeVisible();
});
