import path from 'node:path';
import type { Page } from '@playwright/test';
import { sampleCadre } from '../fixtures/cadre';
import { appointmentCaseType } from '../../shared/domain/selection';
import { Installation, test, expect, screenshot } from './fixture';
import { choose, openDialog, readXlsx } from './ui';

// 培养历练 (issue 14), the "Done when" walk: a programme and a class; the roster's selection enrolled in one step
// and given a secondment, a 请战, a 顶岗 (appointed through a 选拔任用纪实, linked) and a 驻村 (with the promotion
// that followed, read from the post history); hours recorded; each seen on the dossier's timeline and counted in
// the statistics of a small hand-made district; bad input refused at its field.

const YEAR = new Date().getFullYear();
// months and days of this year that are never in the future (the forms refuse those), whatever today is
const M = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}`;

async function selectOnRoster(page: Page, names: string[]) {
  await page.getByRole('menuitem', { name: /干部名册/ }).click();
  await expect(page.getByTestId('roster-count')).toHaveText('共 2 人');
  for (const name of names) await page.getByLabel(`选择${name}`).check();
}

async function rosterAction(page: Page, item: string) {
  await page.getByRole('button', { name: /^培养历练/ }).click();
  await page.getByRole('menuitem', { name: item }).click();
  return openDialog(page);
}

test('training and tempering: created from the roster selection, seen on the dossier, counted in the statistics', async ({ installation }) => {
  test.setTimeout(120_000);
  await installation.completeFirstRun();
  const page = installation.page;
  await installation.seedRecords('units', [
    Installation.record({ id: 'r', parentId: null, name: '新城区', order: 0 }),
    Installation.record({ id: 'fgw', parentId: 'r', name: '区发改委', order: 0 }),
    Installation.record({ id: 'st', parentId: 'r', name: '东街道', order: 1 }),
  ]);
  const zhang = sampleCadre({ unitId: 'fgw', name: '张伟', idNumber: '320102198005151238', sex: '1', birth: '1980-05', postLevel: '2A', currentPost: '区发改委科长' });
  const li = sampleCadre({ unitId: 'st', name: '李强', idNumber: '320102198005150016', sex: '1', birth: '1980-05', postLevel: '2B', currentPost: '东街道办事处副主任' });
  await installation.seedRecords('cadres', [zhang, li]);
  // the 选拔任用纪实 张伟's 顶岗 is appointed through
  const theCase = Installation.record({
    id: 'case-fgw',
    ...appointmentCaseType.dataSchema.parse({ unitId: 'fgw', postTitle: '区发改委副主任', postLevel: '1B', motionOn: `${M(1)}-05`, candidates: [{ cadreId: zhang.id }] }),
  });
  await installation.seedRecords('appointmentCases', [theCase]);

  // the year's programme, prefilled with the 3411 quotas, and a class
  await page.getByRole('menuitem', { name: /培养历练/ }).click();
  await page.getByRole('button', { name: '建立年度培训计划' }).click();
  let dialog = await openDialog(page);
  await expect(dialog.getByLabel('科级领导干部', { exact: true })).toHaveValue('400');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('training-program')).toContainText('科级领导干部名额400');
  await page.getByRole('button', { name: '新增培训班' }).click();
  dialog = await openDialog(page);
  await dialog.getByLabel('培训班名称').fill('科级干部轮训班');
  await dialog.getByLabel('开班日期').fill(`${M(1)}-08`);
  await dialog.getByLabel('结业日期').fill(`${M(1)}-12`);
  await dialog.getByLabel('学时').fill('40');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();

  // the roster's selection, in one step each: enrolled, seconded, volunteering
  await selectOnRoster(page, ['张伟', '李强']);
  dialog = await rosterAction(page, '报名参加培训班');
  await choose(page, dialog, '培训班', `${M(1)}-08 科级干部轮训班（40学时）`);
  await dialog.getByRole('button', { name: '报名' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已为 2 人报名')).toBeVisible();
  dialog = await rosterAction(page, '登记请战');
  await choose(page, dialog, '请战形式', '责任状请战');
  await choose(page, dialog, '任务领域', '信访维稳');
  await dialog.getByLabel('请战任务').fill('化解信访积案');
  await dialog.getByLabel('起始时间').fill(M(1));
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel('选择李强').uncheck();
  dialog = await rosterAction(page, '登记挂职锻炼');
  await dialog.getByLabel('挂职地区').fill('杭州');
  await dialog.getByLabel('挂职单位').fill('西湖区发改局');
  await dialog.getByLabel('起始时间').fill(M(1));
  await screenshot(page, 'cultivation-roster-secondment');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();

  // bad input: an acting post at the cadre's own level is refused at its field, nothing saved
  dialog = await rosterAction(page, '登记顶岗锻炼');
  await dialog.getByLabel('顶岗职务', { exact: true }).fill('区发改委副主任');
  await choose(page, dialog, '顶岗职务层次', '正科');
  await dialog.getByLabel('起始时间').fill(M(1));
  await dialog.getByLabel('试用期（月）').fill('12');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('顶岗职务层次（正科）不高于该干部现职务层次（正科），顶岗应为高一层次的职务，请核对')).toBeVisible();
  await dialog.getByLabel('试用期（月）').fill('30');
  await choose(page, dialog, '顶岗职务层次', '副处');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('试用期不能超过2年（24个月），现为30个月，请核对')).toBeVisible();
  await dialog.getByLabel('试用期（月）').fill('12');
  // appointed at the end of it, through the case: the link is chosen from the cases, by title
  await choose(page, dialog, '结果', '任用');
  await dialog.getByLabel('结束时间').fill(M(1));
  await choose(page, dialog, '任用案例', `区发改委副主任选任（${M(1)}-05）`);
  await screenshot(page, 'cultivation-roster-acting');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();

  // 驻村 for 李强, from the roster's selection
  await page.getByLabel('选择张伟').uncheck();
  await page.getByLabel('选择李强').check();
  dialog = await rosterAction(page, '登记驻村帮扶');
  await dialog.getByLabel('乡镇（街道）').fill('青山镇');
  await dialog.getByLabel('村（社区）').fill('石桥村');
  await choose(page, dialog, '驻村身份', '第一书记');
  await dialog.getByLabel('起始时间').fill(M(1));
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();

  // hours: over the class's refused at the field; then 40 and 20
  await page.getByRole('menuitem', { name: /培养历练/ }).click();
  await page.getByTestId('training-classes').getByRole('button', { name: '学员' }).click();
  const trainees = page.getByTestId('trainees');
  await trainees.getByLabel('张伟的获得学时').fill('50');
  await trainees.getByLabel('张伟的获得学时').blur();
  await expect(trainees.getByRole('alert')).toHaveText('获得学时50超过了本培训班的学时40，请核对');
  await trainees.getByLabel('张伟的获得学时').fill('40');
  await trainees.getByLabel('张伟的获得学时').blur();
  await expect(trainees.getByRole('alert')).toBeHidden();
  await trainees.getByLabel('李强的获得学时').fill('20');
  await trainees.getByLabel('李强的获得学时').blur();
  // saved as it is clicked; the box shows what was stored
  await trainees.getByLabel('张伟已结业').click();
  await expect(trainees.getByLabel('张伟已结业')).toBeChecked();
  await screenshot(page, 'cultivation-trainees');
  // stored in the class's row (renderer/db/classEnrollments.ts)
  await expect
    .poll(async () => (await installation.readAll<{ enrollments: { hours: number | null }[] }>('classEnrollments')).flatMap((row) => row.enrollments.map((e) => e.hours)).sort())
    .toEqual([20, 40]);
  await page.keyboard.press('Escape');

  // the dossier's 培养历练 tab: all of it on one timeline
  await page.goto(`${page.url().split('#')[0]}#/cadre?id=${zhang.id}&tab=cultivation`);
  const timeline = page.getByTestId('cultivation-timeline');
  await expect(timeline).toContainText('参加科级干部轮训班（集中轮训，区委党校，获得40学时，已结业）');
  await expect(timeline).toContainText('赴杭州西湖区发改局挂职');
  await expect(timeline).toContainText('责任状请战：化解信访积案（信访维稳）');
  await expect(timeline).toContainText('科级顶岗处级：顶岗区发改委副主任（副处），试用期12个月');
  await expect(timeline).toContainText('结果：任用，经“区发改委副主任选任”');
  // the refused attempts saved nothing
  await expect(timeline.getByText(/顶岗区发改委副主任/)).toHaveCount(1);
  await screenshot(page, 'cultivation-dossier');
  // the dossier's lists are the catalogue's RecordTab saving through the 培养历练 repository: its checks apply
  await expect(page.getByTestId('tempering-secondments').getByTestId('sub-secondments')).toContainText('西湖区发改局');
  await page.getByTestId('tempering-villagePostings').getByRole('button', { name: '新增驻村帮扶' }).click();
  dialog = await openDialog(page);
  await dialog.getByLabel('乡镇（街道）').fill('青山镇');
  await dialog.getByLabel('村（社区）').fill('石桥村');
  await dialog.getByLabel('起始时间').fill(M(1));
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('已在挂职锻炼（杭州西湖区发改局），时间与本次重叠')).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await page.getByRole('button', { name: '放弃修改' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('sub-villagePostings')).toContainText('暂无驻村帮扶记录');
  // the 顶岗's line links to its case
  await timeline.getByText('查看选任纪实').click();
  await expect(page.getByText('区发改委副主任选任').first()).toBeVisible();

  // 李强's 驻村 on his dossier; the promotion after it comes from a 职务任免 entry, never typed in
  await page.goto(`${page.url().split('#')[0]}#/cadre?id=${li.id}&tab=cultivation`);
  await expect(timeline).toContainText('驻青山镇石桥村，任第一书记');
  await expect(timeline).not.toContainText('其后于');
  await page.getByRole('tab', { name: '职务任免', exact: true }).click();
  await page.getByRole('button', { name: '新增职务任免' }).click();
  dialog = await openDialog(page);
  await dialog.getByLabel('职务名称', { exact: true }).fill('东街道办事处主任');
  await choose(page, dialog, '职务层次', '正科');
  await dialog.getByLabel('任职时间', { exact: true }).fill(M(1));
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('tab', { name: '培养历练', exact: true }).click();
  await expect(timeline).toContainText(`其后于${YEAR}.01任正科（东街道办事处主任）`);
  await screenshot(page, 'cultivation-dossier-posting');

  // the statistics of the year count exactly what was entered
  await page.getByRole('menuitem', { name: /培养历练/ }).click();
  await page.getByRole('tab', { name: '统计' }).click();
  const quota = page.getByTestId('stat-quota');
  await expect(quota.getByRole('row').filter({ hasText: '科级领导干部' })).toContainText('40020.5');
  await expect(page.getByTestId('stat-hours').getByRole('row').filter({ hasText: '未达到应修学时' })).toContainText('2');
  await expect(page.getByTestId('stat-secondments').getByRole('row').filter({ hasText: '杭州' })).toContainText('1');
  await expect(page.getByTestId('stat-volunteerForms').getByRole('row').filter({ hasText: '责任状请战' })).toContainText('2');
  await expect(page.getByTestId('stat-acting').getByRole('row').filter({ hasText: '科级顶岗处级' })).toContainText('0100');
  // 驻村 1, promoted afterwards 1
  await expect(page.getByTestId('stat-postings').getByRole('row').filter({ hasText: '第一书记' })).toContainText('11');
  // the charts draw with Chinese labels (SVG text)
  await expect(page.getByTestId('chart-quota').locator('svg text', { hasText: '科级领导干部' })).toHaveCount(1);
  await expect(page.getByTestId('chart-volunteerForms').locator('svg text', { hasText: '责任状请战' })).toHaveCount(1);
  await screenshot(page, 'cultivation-statistics');
  // a unit's subtree counts its own cadres only
  await choose(page, page.locator('body'), '统计范围', '东街道');
  await expect(quota.getByRole('row').filter({ hasText: '科级领导干部' })).toContainText('40010.3');
  await expect(page.getByTestId('stat-secondments')).not.toContainText('杭州'); // 张伟's, of 区发改委

  // each table exports as it is shown
  const file = path.join(installation.root, '请战.xlsx');
  installation.answerNextDialog([file]);
  await page.getByTestId('stat-volunteerForms').getByRole('button', { name: '导出 Excel' }).click();
  await expect(page.getByText(`已导出到 ${file}`)).toBeVisible();
  expect(await readXlsx(file)).toEqual([['请战形式', '人次'], ['责任状请战', '1'], ['公开承诺请战', '0'], ['主动攻坚请战', '0'], ['擂台赛请战', '0']]);

  // who falls short of the 110 hours
  await page.getByRole('tab', { name: '学时不足名单' }).click();
  await expect(page.getByTestId('shortfall-count')).toHaveText(`${YEAR}年每人应修110学时，东街道共 1 人未达到`);
  await expect(page.getByTestId('shortfall')).toContainText('李强');
});
