import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { sampleCadre } from '../fixtures/cadre';
import { Installation, test, expect, screenshot } from './fixture';
import { choose, openDialog } from './ui';

// each test makes its own installations: they may run in separate workers, which keeps CI's two workers even
test.describe.configure({ mode: 'parallel' });

// 选拔任用 (issue 16), the "Done when" walks: a case from 动议 to 任职 — the 凡提四必 gate refusing until the checks
// are recorded (through the case screen's own 登记凡提四必, which writes the supervision area's FourChecks record), a
// 公示 too short across National Day refused — and the dossier showing the new post and the trial period; then a
// rank round recorded from the eligibility list. Dates are in 2025, on the shipped holiday calendar.

const ZHANG = sampleCadre({ unitId: 'fgw', name: '张伟', idNumber: '320102198005151238', sex: '1', birth: '1980-05', postLevel: '2A', currentPost: '区发改委综合科科长', rank: '10', rankSince: '2023-01' });
const LI = sampleCadre({ unitId: 'fgw', name: '李强', idNumber: '320102198005150016', sex: '1', birth: '1980-05', postLevel: '2B', currentPost: '区发改委规划科副科长', rank: '10', rankSince: '2023-01' });

async function seedDistrict(installation: Installation) {
  await installation.completeFirstRun();
  await installation.seedRecords('units', [
    Installation.record({ id: 'r', parentId: null, name: '新城区', order: 0 }),
    Installation.record({ id: 'fgw', parentId: 'r', name: '区发改委', order: 0 }),
  ]);
  await installation.seedRecords('cadres', [ZHANG, LI]);
  await installation.seedRecords('posts', [
    Installation.record({ id: 'p1', cadreId: ZHANG.id, title: '区发改委规划科科长', postLevel: '2A', unit: '区发改委', from: '2016-01', to: '2018-05', documentNo: '' }),
    Installation.record({ id: 'p2', cadreId: ZHANG.id, title: '区发改委综合科科长', postLevel: '2A', unit: '区发改委', from: '2018-05', to: null, documentNo: '' }),
  ]);
  await installation.seedRecords('assessments', [
    ...[2023, 2024].map((year) => Installation.record({ id: `a-z-${year}`, cadreId: ZHANG.id, year, grade: '2' })),
    ...[2023, 2024].map((year) => Installation.record({ id: `a-l-${year}`, cadreId: LI.id, year, grade: year === 2023 ? '3' : '2' })),
  ]);
  await installation.seedRecords('establishments', [
    Installation.record({ id: 'e1', unitId: 'fgw', administrative: 30, institutional: 5, chiefCounty: 1, deputyCounty: 3, chiefSection: 6, deputySection: 6, approvedBy: '区编委〔2024〕3号', approvedOn: '2024-03-01' }),
  ]);
}

const completeStep = (page: Page) => page.getByRole('button', { name: /^完成“/ }).click();
const stage = (page: Page) => page.getByTestId('case-stage');
/** A statistics table's row by its first cell (the table's row key). */
const statRow = (page: Page, table: string, label: string) => page.getByTestId(`stat-${table}`).locator(`tr[data-row-key="${label}"]`);

test('a case from 动议 to 任职: the gate holds until the four checks are recorded; the dossier shows the post and the trial', async ({ installation }) => {
  test.setTimeout(150_000);
  await seedDistrict(installation);
  const page = installation.page;

  await page.getByRole('menuitem', { name: /选拔任用/ }).click();
  await expect(page.getByTestId('vacancy-区发改委-1B')).toHaveText('0/3缺3');
  await screenshot(page, 'selection-vacancies');

  // 动议
  await page.getByText('选任纪实', { exact: true }).click();
  await page.getByRole('button', { name: '动议（新建选任纪实）' }).click();
  let dialog = await openDialog(page);
  await choose(page, dialog, '任职单位', '区发改委');
  await dialog.getByLabel('拟任职务', { exact: true }).fill('区发改委副主任');
  await choose(page, dialog, '职务层次', '副处');
  await dialog.getByLabel('动议日期').fill('2025-09-01');
  await dialog.getByLabel('动议分析').fill('副主任一名到龄退休，空缺一名，需配备熟悉规划工作的干部');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(stage(page)).toHaveText('动议');
  await completeStep(page);
  await expect(stage(page)).toHaveText('民主推荐');

  // 民主推荐: two candidates, the meeting's attendance and votes
  await page.getByLabel('会议推荐应到人数').fill('40');
  await page.getByLabel('会议推荐实到人数').fill('36');
  await page.getByLabel('谈话调研人数').fill('25');
  for (const c of [ZHANG, LI]) {
    // the picker searches by name as it is typed
    await page.getByLabel('推荐人选', { exact: true }).click();
    await page.keyboard.type(c.name);
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await dropdown.getByTitle(`${c.name}（${c.currentPost}）`).click();
    await expect(dropdown).toBeHidden();
    await page.getByRole('button', { name: '添加人选' }).click();
    await expect(page.getByRole('row', { name: new RegExp(c.name) })).toBeVisible();
  }
  await page.getByLabel('张伟会议推荐票').fill('30');
  await page.getByLabel('张伟谈话调研推荐票').fill('20');
  await page.getByLabel('李强会议推荐票').fill('6');
  await completeStep(page);
  await expect(stage(page)).toHaveText('确定考察对象');
  await page.getByLabel('张伟确定为考察对象').check();
  await completeStep(page);
  await expect(stage(page)).toHaveText('考察');

  // 考察: the material, then the gate refuses and says what is missing
  await page.getByLabel('考察日期').fill('2025-09-10');
  await page.getByLabel('考察组成员').fill('王五、赵六');
  await page.getByRole('button', { name: '张伟考察材料' }).click();
  dialog = await openDialog(page);
  for (const [label, text] of [['德', '政治坚定'], ['能', '统筹协调能力强'], ['勤', '勤勉敬业'], ['绩', '牵头完成十四五规划评估'], ['廉', '清正廉洁']]) {
    await dialog.getByLabel(label!, { exact: true }).fill(text!);
  }
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
  // the 考察材料 attached (the report as a file), then saved where the person says
  const report = Buffer.from('%PDF-1.4\n% 区发改委副主任考察报告\n');
  await page.getByLabel('选择考察材料文件').setInputFiles({ name: '考察报告.pdf', mimeType: 'application/pdf', buffer: report });
  await expect(page.getByTestId('inspection-report-file')).toHaveText('已上传（PDF，1 KB）');
  const saved = path.join(installation.root, '考察材料.pdf');
  installation.answerNextDialog([saved]);
  await page.getByTestId('inspection-report').getByRole('button', { name: '另存为' }).click();
  await expect(page.getByText('已保存考察材料')).toBeVisible();
  expect(readFileSync(saved).equals(report)).toBe(true);
  await completeStep(page);
  await expect(page.getByTestId('case-refusal')).toContainText('凡提四必未完成：张伟尚缺“档案必审”、“个人有关事项报告必核”、“纪检监察机关意见必听”、“线索具体的信访举报必查”');
  await expect(stage(page)).toHaveText('考察');
  await screenshot(page, 'selection-case-gate');

  // three of the four recorded: still held, naming the one missing
  await page.getByRole('button', { name: '登记凡提四必' }).click();
  dialog = await openDialog(page);
  await dialog.getByLabel('档案审核日期').fill('2025-09-12');
  await dialog.getByLabel('档案审核结果').fill('三龄两历认定无误');
  await dialog.getByLabel('报告核查日期').fill('2025-09-12');
  await dialog.getByLabel('报告核查结果').fill('一致');
  await dialog.getByLabel('信访举报核查日期').fill('2025-09-13');
  await dialog.getByLabel('信访举报核查结果').fill('无问题线索');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('four-checks-张伟')).toContainText('缺：纪检监察机关意见必听');
  await completeStep(page);
  await expect(page.getByTestId('case-refusal')).toContainText('张伟尚缺“纪检监察机关意见必听”');
  await page.getByRole('button', { name: '登记凡提四必' }).click();
  dialog = await openDialog(page);
  await dialog.getByLabel('纪检监察机关意见日期').fill('2025-09-13');
  await dialog.getByLabel('纪检监察机关意见', { exact: true }).fill('无不同意见');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('four-checks-张伟')).toContainText('四项已完成');
  await completeStep(page);
  await expect(stage(page)).toHaveText('讨论决定');

  // 讨论决定: the post checks per candidate, the quorum
  await expect(page.getByTestId('post-checks-张伟')).toContainText('任职年限：任乡科级正职 9年8个月');
  await page.getByLabel('讨论决定日期').fill('2025-09-20');
  await page.getByLabel('应到会成员').fill('11');
  await page.getByLabel('实到会成员').fill('6');
  await page.getByLabel('同意票数').fill('6');
  await page.getByLabel('张伟为拟任人选').check();
  await completeStep(page);
  await expect(page.getByTestId('case-refusal')).toContainText('实到 6 人，不足三分之二（至少 8 人）');
  await page.getByLabel('实到会成员').fill('9');
  await page.getByLabel('同意票数').fill('8');
  await completeStep(page);
  await expect(stage(page)).toHaveText('任前公示');

  // 任前公示 across National Day: 09-29 to 10-09 is 3 working days
  await page.getByLabel('公示开始日期').fill('2025-09-29');
  await page.getByLabel('公示结束日期').fill('2025-10-09');
  await page.getByLabel('任免文号').fill('区委〔2025〕31号');
  await page.getByLabel('任职日期').fill('2025-10-14');
  await completeStep(page);
  await expect(page.getByTestId('case-refusal')).toContainText('只有 3 个工作日，不少于5个工作日，最早 2025-10-11 结束');
  await page.getByLabel('公示结束日期').fill('2025-10-13');
  await completeStep(page);
  await expect(stage(page)).toHaveText('任职');
  await expect(page.getByText('试用期至 2026-10-13')).toBeVisible();
  await screenshot(page, 'selection-case-appointed');

  // the 选任纪实 as one printed document
  await page.getByRole('button', { name: '打印选任纪实' }).click();
  await expect(page.getByTestId('pf-page').first()).toContainText('选拔任用工作纪实');
  await expect(page.getByTestId('print-document')).toContainText('区委〔2025〕31号');
  await screenshot(page, 'selection-case-print');
  // 返回 leads back to the case, and the menu stays on 选拔任用 meanwhile
  await expect(page.getByRole('menuitem', { name: /选拔任用/ })).toHaveClass(/ant-menu-item-selected/);
  await page.getByRole('button', { name: '返回' }).click();
  await expect(stage(page)).toHaveText('任职');

  // the dossier: the new post, the post history, the trial period
  await page.evaluate((id) => (window.location.hash = `#/cadre?id=${id}&tab=selection`), ZHANG.id);
  await expect(page.getByTestId('dossier-summary')).toContainText('区发改委副主任');
  await expect(page.getByTestId('trial-period')).toContainText('试用期：区发改委副主任，2025-10-14 至 2026-10-13');
  await screenshot(page, 'selection-dossier-trial');
  const posts = await installation.readAll<{ title: string; to: string | null; documentNo: string }>('posts');
  expect(posts.filter((p) => p.to === null).map((p) => [p.title, p.documentNo])).toEqual([['区发改委副主任', '区委〔2025〕31号']]);
  const [kept] = await installation.readAll<{ inspectionReport: string | null }>('appointmentCases');
  expect(kept!.inspectionReport).toMatch(/^[0-9a-f]{64}$/);

  // the statistics of 2025: the case by its step, and its appointment among the year's adjustments
  await page.evaluate(() => (window.location.hash = '#/selection?view=stats'));
  await page.getByLabel('统计年度').fill('2025');
  await expect(statRow(page, 'stages', '任职')).toHaveText('任职11');
  await expect(statRow(page, 'stages', '动议')).toHaveText('动议00');
  await expect(statRow(page, 'kinds', '选任任职')).toHaveText('选任任职1');
  await expect(statRow(page, 'units', '区发改委')).toHaveText('区发改委100001');
  await expect(page.getByTestId('chart-kinds').locator('svg')).toBeVisible();
  await screenshot(page, 'selection-stats');
});

test('a rank round from the eligibility list: reasons for both, the decision recorded, the ranks updated', async ({ installation }) => {
  test.setTimeout(90_000);
  await seedDistrict(installation);
  const page = installation.page;
  await page.getByRole('menuitem', { name: /选拔任用/ }).click();
  await page.getByText('职级晋升', { exact: true }).click();
  await page.getByLabel('计算时间').fill('2025-10');
  await page.getByRole('button', { name: '生成符合条件名单' }).click();
  await expect(page.getByTestId('eligibility-summary')).toContainText('2 名有职级的在职干部，1 名符合晋升条件');
  const zhangRow = page.getByRole('row', { name: /张伟/ });
  await expect(zhangRow).toContainText('任四级主任科员 2年9个月，已满2年');
  // 李强 holds 乡科级副职: his time counts toward 三级主任科员, but his 2023 assessment bars him
  await expect(page.getByRole('row', { name: /李强/ })).toContainText('2023年度考核基本称职');
  await screenshot(page, 'selection-eligibility');
  await page.getByLabel('选择张伟').check();
  await page.getByRole('button', { name: /记录晋升决定/ }).click();
  const dialog = await openDialog(page);
  await dialog.getByLabel('批次名称').fill('2025年第二批职级晋升');
  await dialog.getByLabel('文号').fill('区委组〔2025〕8号');
  await dialog.getByLabel('决定日期').fill('2025-10-15');
  await dialog.getByRole('button', { name: '确定晋升' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /2025年第二批职级晋升/ })).toContainText('区委组〔2025〕8号');
  const zhang = (await installation.readAll<{ id: string; rank: string; rankSince: string }>('cadres')).find((c) => c.id === ZHANG.id)!;
  expect([zhang.rank, zhang.rankSince]).toEqual(['09', '2025-10']);
  const ranks = await installation.readAll<{ cadreId: string; rank: string; documentNo: string }>('ranks');
  expect(ranks.filter((r) => r.cadreId === ZHANG.id).map((r) => [r.rank, r.documentNo])).toEqual([['09', '区委组〔2025〕8号']]);

  // the round in the statistics of 2025
  await page.getByText('统计', { exact: true }).click();
  await page.getByLabel('统计年度').fill('2025');
  await expect(statRow(page, 'rounds', '2025年第二批职级晋升（区委组〔2025〕8号，2025-10-15）')).toHaveText('2025年第二批职级晋升（区委组〔2025〕8号，2025-10-15）11');
  await expect(statRow(page, 'kinds', '职级晋升')).toHaveText('职级晋升1');
  const file = path.join(installation.root, '晋升批次.xlsx');
  installation.answerNextDialog([file]);
  await page.getByTestId('stat-rounds').getByRole('button', { name: '导出 Excel' }).click();
  await expect(page.getByText(`已导出到 ${file}`)).toBeVisible();
  expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK'); // an .xlsx is a zip

  // 设置: both cards shown whole, nothing wider than the window
  await page.locator('.ant-segmented').getByText('设置', { exact: true }).click();
  await expect(page.getByTestId('rank-settings').getByLabel('晋升为一级调研员的最低年限')).toBeVisible();
  await expect(page.getByTestId('step-settings').getByText('任前公示与任职')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await screenshot(page, 'selection-settings');
});
