import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { sampleCadre } from '../fixtures/cadre';
import { naturalId } from '../../shared/ids';
import { addMonths, monthOf } from '../../shared/rules/months';
import { Installation, test, expect, screenshot } from './fixture';
import { choose, openDialog, readXlsx } from './ui';

// each test makes its own installations: they may run in separate workers, which keeps CI's two workers even
test.describe.configure({ mode: 'parallel' });

// 实绩档案 (issue 13, "Done when"): one monthly report from draft to applied as the two sides do it — the unit's
// installation fills it in, is refused an empty submission, submits and reviews it, and sends a bundle; the
// department returns it with a comment, the return comes back to the unit, which corrects and resubmits; the
// department approves and applies it. Then, on the department's installation: the collection matrix and the
// 催报清单 (the print preview's 返回 back to it), the district's year by unit and its .xlsx, conduct recorded against
// both lists, an adjustment's evidence links edited (修改依据), and the 一人一册 booklet printed to PDF and rendered
// to PNG.

const SHOTS = path.join('test-results', 'screens');
const lastMonth = addMonths(monthOf(new Date()), -1);
const lastMonthLabel = `${lastMonth.slice(0, 4)}年${Number(lastMonth.slice(5))}月`;

async function openPerformance(page: Page, tab: string) {
  await page.getByRole('menuitem', { name: '实绩档案' }).click();
  await page.getByRole('tab', { name: tab }).click();
}

/** Opens 王芳's monthly report of last month on 实绩填报. */
async function openReport(page: Page) {
  await openPerformance(page, '实绩填报');
  await choose(page, page, '干部', '王芳');
  await expect(page.getByText(`${lastMonthLabel}月上报`, { exact: true })).toBeVisible();
}

async function act(page: Page, button: string, comment?: { label: string; text: string }) {
  await page.getByRole('button', { name: button, exact: true }).click();
  if (!comment) return;
  const dialog = await openDialog(page);
  await dialog.getByLabel(comment.label).fill(comment.text);
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
}

test('a monthly report from the unit’s draft to the department’s application, returned once on the way', async ({ makeInstallation }) => {
  test.setTimeout(180_000);
  const dept = await makeInstallation();
  const unit = await makeInstallation();
  await dept.launch();
  await unit.launch();
  await dept.completeFirstRun('新城区委组织部干部科', '李明', '组织部');
  await unit.completeFirstRun('新城区教育局', '王芳', '单位');
  // both hold the same unit and cadre already (as after the department's first bundle)
  const edu = Installation.record({ id: 'edu', parentId: null, name: '新城区教育局', order: 0 });
  const wang = sampleCadre({ unitId: 'edu', name: '王芳' });
  for (const i of [dept, unit]) {
    await i.seedRecords('units', [edu]);
    await i.seedRecords('cadres', [wang]);
  }

  await unit.trustPeer(dept, 'all');
  await dept.trustPeer(unit, { unitId: 'edu' });

  // a bundle from one side to the other, through 数据交换 as people do it (test/e2e/exchange.spec.ts)
  let n = 0;
  const carry = async (from: Installation, toName: string, to: Installation) => {
    const file = path.join(dept.root, `第${++n}包.cadre`);
    await from.page.getByRole('menuitem', { name: '数据交换' }).click();
    await choose(from.page, from.page, '发往', toName);
    from.answerNextDialog([file]);
    await from.page.getByRole('button', { name: '导出数据包…' }).click();
    const sent = from.page.getByRole('dialog').filter({ hasText: '可以安全拔出U盘' });
    await expect(sent).toBeVisible({ timeout: 30_000 });
    await sent.getByRole('button', { name: '知道了' }).click();
    await expect(sent).toBeHidden();
    await to.page.getByRole('menuitem', { name: '数据交换' }).click();
    to.answerNextDialog([file]);
    await to.page.getByRole('button', { name: '导入数据包…' }).click();
    const ask = to.page.getByRole('dialog').filter({ hasText: '校验数据包' });
    await ask.getByRole('button', { name: '校验并读取' }).click();
    await expect(ask).toBeHidden();
    const preview = to.page.getByRole('dialog').filter({ hasText: '发来的数据？' });
    await expect(preview.getByTestId('import-preview')).toContainText('实绩档案', { timeout: 30_000 });
    await preview.getByRole('button', { name: '导入' }).click();
    const done = to.page.getByRole('dialog').filter({ hasText: '导入完成' });
    await expect(done).toBeVisible({ timeout: 30_000 });
    await done.getByRole('button', { name: '知道了' }).click();
    await expect(done).toBeHidden();
  };

  // the unit: an empty report is refused at submission, a filled one submitted and reviewed by the unit
  const u = unit.page;
  await openReport(u);
  await u.getByTestId('perf-save').click();
  await expect(u.getByTestId('perf-status')).toHaveText('草稿');
  await u.getByLabel('重点工作完成情况').fill('');
  await u.getByRole('button', { name: '上报', exact: true }).click();
  await expect(u.getByTestId('perf-error')).toContainText('请填写突出实绩后再上报');
  await expect(u.getByTestId('perf-status')).toHaveText('草稿');
  await u.getByLabel('重点工作完成情况').fill('完成校舍改造三项，推进集团化办学');
  await u.getByLabel('突出实绩').fill('新建学校一所');
  await u.getByLabel('下月计划').fill('启动秋季招生');
  await act(u, '上报');
  await expect(u.getByTestId('perf-status')).toHaveText('已上报');
  await act(u, '单位审核通过');
  await expect(u.getByTestId('perf-status')).toHaveText('单位已审核');
  await screenshot(u, 'performance-report-unit');
  await carry(unit, '新城区委组织部干部科', dept);

  // the department returns it with a comment; the return goes back to the unit
  const d = dept.page;
  await openReport(d);
  await expect(d.getByTestId('perf-status')).toHaveText('单位已审核');
  await expect(d.getByLabel('突出实绩')).toHaveValue('新建学校一所');
  await act(d, '组织部退回', { label: '退回意见', text: '突出实绩请写明投资和学位数' });
  await expect(d.getByTestId('perf-status')).toHaveText('已退回');
  await carry(dept, '新城区教育局', unit);

  await openReport(u);
  await expect(u.getByTestId('perf-status')).toHaveText('已退回');
  await expect(u.getByText('已退回：突出实绩请写明投资和学位数')).toBeVisible();
  await u.getByLabel('突出实绩').fill('新建学校一所，投资1.2亿元，新增学位1800个');
  await act(u, '上报');
  await act(u, '单位审核通过');
  await expect(u.getByTestId('perf-status')).toHaveText('单位已审核');
  await carry(unit, '新城区委组织部干部科', dept);

  // the department approves and applies it; every step is kept with who and where
  await openReport(d);
  await expect(d.getByLabel('突出实绩')).toHaveValue(/新增学位1800个/);
  await act(d, '组织部审定通过');
  await expect(d.getByTestId('perf-status')).toHaveText('已审定');
  await expect(d.getByLabel('突出实绩')).toBeDisabled();
  await act(d, '运用', { label: '运用说明（文号等）', text: '区委组织部〔2025〕12号' });
  await expect(d.getByTestId('perf-status')).toHaveText('已运用');
  const history = d.getByTestId('perf-history');
  for (const step of ['新城区教育局 王芳：上报', '新城区委组织部干部科 李明：组织部退回（突出实绩请写明投资和学位数）', '组织部审定通过', '运用（区委组织部〔2025〕12号）']) {
    await expect(history).toContainText(step);
  }
  await screenshot(d, 'performance-report-applied');
  const [stored] = await dept.readAll<{ status: string; uses: { use: string }[]; history: unknown[] }>('performanceRecords');
  expect(stored).toMatchObject({ status: 'applied', uses: [{ use: 'selection' }] });
  expect(stored!.history).toHaveLength(7);
  expect([...dept.errors, ...unit.errors]).toEqual([]);
});

test('the collection matrix and 催报清单, the year by unit, conduct on both lists, evidence edited, the 一人一册 booklet as PDF', async ({ installation }) => {
  test.setTimeout(120_000);
  await installation.completeFirstRun();
  const page = installation.page;
  await installation.seedRecords('units', [Installation.record({ id: 'edu', parentId: null, name: '新城区教育局', order: 0 })]);
  const wang = sampleCadre({ unitId: 'edu', name: '王芳', idNumber: '320102198005151238', birth: '1980-05', currentPost: '新城区教育局局长' });
  const li = sampleCadre({ unitId: 'edu', name: '李强', idNumber: '11010519750610002X', birth: '1975-06', sex: '2' });
  await installation.seedRecords('cadres', [wang, li]);
  const year = Number(lastMonth.slice(0, 4));
  const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  const report = (cadreId: string, m: number, status: string, text: string) =>
    Installation.record({
      id: naturalId('performance', cadreId, 'monthly', month(m)),
      cadreId,
      kind: 'monthly',
      period: month(m),
      summary: '',
      keyWork: `${text}：推进学校建设`,
      highlights: text,
      shortcomings: '',
      nextPlan: '继续推进',
      checkedBy: '',
      findings: '',
      rating: 'none',
      grade: null,
      attachments: [],
      status,
      history: [],
      uses: [],
    });
  await installation.seedRecords('performanceRecords', [
    report(wang.id, 1, 'approved', '新建学校一所'),
    report(wang.id, 2, 'returned', '开展教师轮岗'),
    report(li.id, 1, 'submitted', '完成营养餐招标'),
  ]);

  // the matrix of 新城区教育局 for the year: approved, returned, submitted and missing months; the reminder list
  await openPerformance(page, '收集情况');
  await choose(page, page, '单位', '新城区教育局');
  const matrix = page.getByTestId('collection-matrix');
  const row = (name: string) => matrix.locator('.ant-table-row').filter({ hasText: name });
  await expect(row('王芳')).toContainText('已审定');
  await expect(row('王芳')).toContainText('已退回');
  await expect(row('李强')).toContainText('已上报');
  await expect(row('李强')).toContainText('未报');
  const reminders = page.getByTestId('reminder-list');
  await expect(reminders).toContainText('催报清单（2人）');
  await expect(reminders.locator('.ant-list-item').filter({ hasText: '王芳' })).toContainText('退回待重报：2月');
  await screenshot(page, 'performance-matrix');
  await page.getByTestId('print-reminders').click();
  await expect(page.getByTestId('print-document')).toContainText(`新城区教育局${year}年月上报催报清单`);
  await expect(page.getByTestId('preview-pages')).toHaveText('共 1 页');
  await screenshot(page, 'performance-reminders-preview');
  // 返回 leads back to the page the preview was opened from
  await page.getByRole('button', { name: /返回$/ }).click();
  await expect(page.getByRole('tab', { name: '收集情况', selected: true })).toBeVisible();

  // the district's year by unit: each month collected/due, the year's figures, and its .xlsx
  await page.getByRole('tab', { name: '全年统计' }).click();
  const stats = page.getByTestId('year-stats');
  await stats.getByLabel('统计年度').fill(String(year));
  await stats.getByRole('button', { name: '统计' }).click();
  const eduRow = stats.locator('.ant-table-row').filter({ hasText: '新城区教育局' });
  await expect(eduRow.locator('td').nth(1)).toHaveText('2/2');
  await expect(eduRow.locator('td').nth(2)).toHaveText(Number(lastMonth.slice(5)) >= 2 ? '0/2' : '');
  await screenshot(page, 'performance-year-stats');
  const xlsx = path.join(mkdtempSync(path.join(tmpdir(), 'cadredesk-year-')), '统计.xlsx');
  installation.answerNextDialog([xlsx]);
  await stats.getByRole('button', { name: '导出Excel' }).click();
  await expect(page.getByText(`已导出到 ${xlsx}`)).toBeVisible();
  const sheet = await readXlsx(xlsx);
  expect(sheet[0]!.slice(0, 3)).toEqual(['单位', '1月', '2月']);
  expect(sheet.find((r) => r[0] === '新城区教育局')!.slice(0, 2)).toEqual(['新城区教育局', '2/2']);
  expect(sheet.at(-1)![0]).toBe('合计');

  // conduct against both lists
  await openPerformance(page, '正负面清单');
  await expect(page.getByTestId('conduct-lists').getByLabel('条目Z01')).toHaveValue(/^主动请战/);
  const form = page.getByTestId('conduct-form');
  const record = async (list: string, item: string, date: string, facts: string) => {
    await choose(page, form, '干部', '王芳');
    await form.locator('.ant-segmented-item').filter({ hasText: list }).click();
    await choose(page, form, '行为表现', item);
    await form.getByLabel('发生日期').fill(date);
    await form.getByLabel('事实情况').fill(facts);
    await form.getByLabel('信息来源').fill('单位报告');
    await form.getByRole('button', { name: '登记' }).click();
    await expect(page.getByTestId('conduct-recent')).toContainText(item.slice(4));
  };
  await record('正面清单', 'Z01 主动请战、签订责任状，承担急难险重任务并按期完成', `${year}-01-15`, '主动承担新校区建设攻坚');
  await record('负面清单', 'F02 工作不作为、慢作为，推诿扯皮、敷衍塞责', `${year}-02-20`, '家长投诉处理拖延');
  await expect(page.getByTestId('conduct-recent').locator('.ant-tag')).toHaveText(['负面清单', '正面清单']);
  await screenshot(page, 'performance-conduct');

  // an adjustment's evidence links changed after it was recorded: a record of the cadre's timeline added
  await openPerformance(page, '研判与三项机制');
  const adjustments = page.getByTestId('adjustments');
  await choose(page, adjustments, '干部', '王芳');
  await adjustments.getByLabel('调整日期').fill(`${year}-03-01`);
  await adjustments.getByLabel('调整内容').fill('列为鼓励激励对象');
  await adjustments.getByRole('button', { name: '登记调整' }).click();
  const adjustment = page.getByTestId('adjustment-list').locator('.ant-table-row').filter({ hasText: '列为鼓励激励对象' });
  await expect(adjustment).toContainText('0条');
  await adjustment.getByText('修改依据').click();
  const evidence = await openDialog(page);
  // a multiple select stays open after a pick: closed by a click on the dialog's title, as a person would
  await evidence.getByLabel('依据记录', { exact: true }).click();
  await page.keyboard.type('主动请战');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `${year}-01-15 主动请战` }).click();
  await evidence.locator('.ant-modal-title').click();
  await expect(page.locator('.ant-select-dropdown:visible')).toBeHidden();
  await expect(evidence.locator('.ant-select-selection-item')).toContainText('主动请战');
  await evidence.getByRole('button', { name: '保存' }).click();
  await expect(evidence).toBeHidden();
  await expect(adjustment).toContainText('1条');
  const [linked] = await installation.readAll<{ evidence: { title: string }[] }>('mechanismAdjustments');
  expect(linked!.evidence.map((e) => e.title)).toEqual(['主动请战、签订责任状，承担急难险重任务并按期完成']);

  // the timeline shows both side by side with the reports; then the booklet
  await page.goto(`${page.url().split('#')[0]}#/performance?tab=timeline&cadre=${wang.id}`);
  const timeline = page.getByTestId('cadre-timeline');
  await expect(timeline).toContainText('主动请战');
  await expect(timeline).toContainText('工作不作为');
  await expect(timeline).toContainText(`${year}年1月月上报`);
  await screenshot(page, 'performance-timeline');
  await page.getByTestId('print-booklet').click();
  const doc = page.getByTestId('print-document');
  await expect(doc.getByTestId('booklet-cover')).toContainText('王芳');
  await expect(page.getByTestId('preview-pages')).toHaveText(/共 [2-9] 页/);
  const pages = Number((await page.getByTestId('preview-pages').textContent())!.replace(/\D/g, ''));
  const out = mkdtempSync(path.join(tmpdir(), 'cadredesk-booklet-'));
  const pdf = path.join(out, '王芳-一人一册.pdf');
  installation.answerNextDialog([pdf]);
  await page.getByRole('button', { name: '另存为PDF' }).click();
  await expect(page.getByText(new RegExp(`已保存 ${pages} 页到`))).toBeVisible({ timeout: 30_000 });
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''); // the cover's title is letter-spaced
  for (const t of ['干部实绩档案', '一人一册', '王芳', '新城区教育局局长', '二、实绩档案', '新建学校一所', '【正面清单】', '【负面清单】', '家长投诉处理拖延']) {
    expect(text, t).toContain(t);
  }
  mkdirSync(SHOTS, { recursive: true });
  execFileSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(SHOTS, 'performance-booklet')]);
  // the preview still stands after saving (it once broke into the error screen, whose 返回干部名册 led to the
  // roster), and its 返回 leads back to the cadre's timeline
  await expect(page.getByTestId('page-error')).toHaveCount(0);
  await expect(page.getByTestId('preview-pages')).toHaveText(`共 ${pages} 页`);
  await page.getByRole('button', { name: /返回$/ }).click();
  await expect(page.getByRole('tab', { name: '干部实绩', selected: true })).toBeVisible();
  await expect(timeline).toContainText(`${year}年1月月上报`);
  expect(installation.errors).toEqual([]);
});
