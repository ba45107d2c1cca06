import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { sampleCadre } from '../fixtures/cadre';
import { Installation, test, expect, screenshot } from './fixture';
import { choose, openDialog, readXlsx } from './ui';
import { VERIFY_WORKER_FAILED } from '../../renderer/db/supervisionVerifyPart';

// each test makes its own installations: they may run in separate workers, which keeps CI's two workers even
test.describe.configure({ mode: 'parallel' });

// 管理监督 (issue 15), the "Done when" walk: a year's reporting (due list, submit, draw, a 漏报 verified and handled →
// a blocking period on the dossier), an inquiry and an admonishment, a clue from receipt to closure, a 凡提四必
// record refused until all four are done and no clue is open, a passport out and back; the restricted records
// absent from the roster, its export and the 档案记录 lists; the log's verification catching an edited entry.

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const TODAY = dayOf(new Date());
const YESTERDAY = dayOf(new Date(Date.now() - 86_400_000));
const YEAR = new Date().getFullYear();

const wang = sampleCadre({ unitId: 'fgw', name: '王芳', idNumber: '320102198005151238', sex: '1', birth: '1980-05', postLevel: '1B', currentPost: '区发改委副主任' });
const li = sampleCadre({ unitId: 'fgw', name: '李强', idNumber: '320102198005150016', sex: '1', birth: '1980-05', postLevel: '1A', currentPost: '区发改委主任' });
const zhao = sampleCadre({ unitId: 'fgw', name: '赵敏', idNumber: '320102198507150029', sex: '2', birth: '1985-07', postLevel: '2B', currentPost: '区发改委科员' });

async function setUp(installation: Installation, poolEntries: object[] = []): Promise<Page> {
  await installation.completeFirstRun();
  await installation.seedRecords('units', [
    Installation.record({ id: 'r', parentId: null, name: '新城区', order: 0 }),
    Installation.record({ id: 'fgw', parentId: 'r', name: '区发改委', order: 0 }),
  ]);
  await installation.seedRecords('cadres', [wang, li, zhao]);
  if (poolEntries.length) await installation.seedRecords('poolEntries', poolEntries);
  const page = installation.page;
  await page.getByRole('menuitem', { name: /监督管理/ }).click();
  return page;
}

async function save(dialog: Locator) {
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
}

async function pickCadre(page: Page, name: string) {
  await page.getByTestId('supervision-cadre-picker').click();
  await page.keyboard.type(name);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${name}"]`).click();
}

test('a year’s reporting: due list, submit, draw, a 漏报 handled → a blocking period on the dossier; the log catches an edited entry', async ({ installation }) => {
  test.setTimeout(120_000);
  // 王芳 is in the 后备干部 pool (the selection work's record): proposed for 重点抽查
  const pool = Installation.record({ id: 'pool-wang', cadreId: wang.id, pool: 'reserve', source: 'organization', targetLevel: null, from: `${YEAR - 1}-01`, validUntil: null, status: 'active', exitReason: '' });
  const page = await setUp(installation, [pool]);

  // the due list: 县处级副职 and above (王芳 副处, 李强 正处), not 赵敏 (副科)
  const due = page.getByTestId('supervision-due-list');
  await expect(due.getByRole('row')).toHaveCount(3);
  await expect(due).not.toContainText('赵敏');
  await expect(due.getByRole('row', { name: /王芳/ })).toContainText(/应报|逾期/);

  // 李强 reports
  await due.getByRole('row', { name: /李强/ }).getByRole('button', { name: '登记报告' }).click();
  let dialog = await openDialog(page);
  await dialog.getByLabel('报告日期').fill(TODAY);
  await dialog.getByRole('button', { name: '添加家事' }).click();
  await choose(page, dialog, '事项', '本人婚姻情况');
  await dialog.getByLabel('填报内容').fill('已婚，配偶在区教育局工作');
  await screenshot(page, 'supervision-report');
  await save(dialog);
  await expect(due.getByRole('row', { name: /李强/ })).toContainText('已报');

  // 王芳: a verification result before the report is submitted is refused, nothing saved
  await due.getByRole('row', { name: /王芳/ }).getByRole('button', { name: '登记报告' }).click();
  dialog = await openDialog(page);
  await choose(page, dialog, '核查结果', '漏报');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('该报告尚未提交，不能登记核查结果')).toBeVisible();
  await dialog.getByLabel('报告日期').fill(TODAY);
  await dialog.getByRole('button', { name: '添加家产' }).click();
  await choose(page, dialog, '事项', '房产');
  await dialog.getByLabel('填报内容').fill('住房一套');
  await choose(page, dialog, '核查结果', '未核查');
  await save(dialog);
  await expect(due.getByRole('row', { name: /王芳/ })).toContainText('已报');

  // 重点抽查 proposed from the pool, confirmed by a person
  const keyChecks = page.getByTestId('supervision-key-checks');
  await expect(keyChecks.getByRole('row', { name: /王芳/ })).toContainText('后备干部库在库');
  await expect(keyChecks).not.toContainText('李强');
  await keyChecks.getByRole('row', { name: /王芳/ }).getByRole('button', { name: '确认重点抽查' }).click();
  await expect(due.getByRole('row', { name: /王芳/ })).toContainText('重点抽查');
  await screenshot(page, 'supervision-key-checks');

  // the draw: seeded and kept with who and when; cannot be drawn again; a report already chosen stays 重点抽查
  const draw = page.getByTestId('supervision-draw');
  await draw.getByLabel('抽查比例').fill('100');
  await draw.getByLabel('随机种子').fill(`${YEAR}-e2e`);
  await draw.getByRole('button', { name: '抽取并保存' }).click();
  await expect(draw).toContainText(`${YEAR}-e2e`);
  await expect(draw).toContainText('抽中名单（2人）');
  await expect(draw).toContainText('李明');
  await expect(due.getByRole('row', { name: /随机抽查/ })).toHaveCount(1);
  await expect(due.getByRole('row', { name: /王芳/ })).toContainText('重点抽查');

  // 王芳 (重点抽查): 漏报, handled by 诫勉
  await due.getByRole('row', { name: /王芳/ }).getByRole('button', { name: '查看·核查' }).click();
  dialog = await openDialog(page);
  await dialog.getByLabel('核查日期').fill(TODAY);
  await choose(page, dialog, '核查结果', '漏报');
  await choose(page, dialog, '处理方式', '诫勉');
  await dialog.getByLabel('处理日期').fill(TODAY);
  await save(dialog);
  await expect(due.getByRole('row', { name: /王芳/ })).toContainText('漏报');
  await screenshot(page, 'supervision-due-list');

  // the statistics count it, as charts beside the tables, exported only from here
  await page.getByRole('tab', { name: '统计' }).click();
  await expect(page.getByTestId('stats-results').getByRole('row', { name: /漏报/ })).toContainText('1');
  await expect(page.getByTestId('stats-due').getByRole('row', { name: /已报/ })).toContainText('2');
  await expect(page.getByTestId('stats-checks').getByRole('row', { name: /重点抽查/ })).toContainText('1');
  await expect(page.getByTestId('chart-results').locator('svg')).toBeVisible();
  await expect(page.getByTestId('chart-clues').locator('svg')).toBeVisible();
  const statsFile = path.join(installation.root, '管理监督统计.xlsx');
  installation.answerNextDialog([statsFile]);
  await page.getByTestId('supervision-stats-export').click();
  await expect(page.getByText(/已导出到/)).toBeVisible();
  expect(await readXlsx(statsFile)).toEqual(expect.arrayContaining([['已报', '2'], ['合计', '2']]));
  await screenshot(page, 'supervision-statistics');

  // the blocking period, on the dossier
  await page.goto(page.url().replace(/#.*$/, `#/cadre?id=${wang.id}&tab=blocks`));
  const blocks = page.getByTestId('dossier-blocks');
  await expect(blocks).toContainText(`${YEAR}年度个人有关事项报告漏报，诫勉`);
  await expect(blocks).toContainText('影响期内');
  await screenshot(page, 'supervision-dossier-blocks');

  // the log verifies; an entry edited straight in IndexedDB is named — with the worker that reads and digests the
  // records beside the window (renderer/db/supervisionVerifyPart.ts): it loads under the app's CSP and never fails
  const workerFailed: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes(VERIFY_WORKER_FAILED)) workerFailed.push(m.text());
  });
  await page.getByRole('menuitem', { name: /监督管理/ }).click();
  await page.getByRole('tab', { name: '日志校验' }).click();
  await page.getByTestId('supervision-verify').click();
  await expect(page.getByTestId('supervision-verify-result')).toContainText('日志完整');
  const [entry] = await installation.readAll<{ seq: number; by: string }>('supervisionChain').then((all) => all.filter((e) => e.seq === 2));
  await installation.seedRecords('supervisionChain', [{ ...entry!, by: '他人' }]);
  await page.getByRole('tab', { name: '日志校验' }).click();
  await page.getByTestId('supervision-verify').click();
  await expect(page.getByTestId('supervision-verify-result')).toContainText('第2条');
  expect(workerFailed).toEqual([]);
  await screenshot(page, 'supervision-chain-broken');
});

test('an inquiry and an admonishment, a clue to closure, 凡提四必 refused until done, a passport out and back; none of it in the roster or a unit’s bundle', async ({ installation, makeInstallation }) => {
  test.setTimeout(180_000);
  const page = await setUp(installation);

  // an inquiry whose reply predates its letter is refused; then saved
  await page.getByRole('tab', { name: '提醒·函询·诫勉' }).click();
  await pickCadre(page, '李强');
  await page.getByRole('button', { name: '新增提醒函询诫勉' }).click();
  let dialog = await openDialog(page);
  await choose(page, dialog, '类别', '函询');
  await dialog.getByLabel('日期', { exact: true }).fill(TODAY);
  await dialog.getByLabel('回复日期').fill(YESTERDAY);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText(/早于函询日期/)).toBeVisible();
  await dialog.getByLabel('回复日期').fill(TODAY);
  await save(dialog);
  // an admonishment without a reason is refused; then saved
  await page.getByRole('button', { name: '新增提醒函询诫勉' }).click();
  dialog = await openDialog(page);
  await choose(page, dialog, '类别', '诫勉');
  await dialog.getByLabel('日期', { exact: true }).fill(TODAY);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('诫勉必须写明事由')).toBeVisible();
  await dialog.getByLabel('事由', { exact: true }).fill('履行管党治党责任不力');
  await save(dialog);
  await expect(page.getByTestId('supervision-list-supervisionActions').getByRole('row')).toHaveCount(3);

  // a clue received
  await page.getByRole('tab', { name: '问题线索' }).click();
  await pickCadre(page, '李强');
  await page.getByRole('button', { name: '新增问题线索' }).click();
  dialog = await openDialog(page);
  await choose(page, dialog, '来源渠道', '12380 平台');
  await dialog.getByLabel('受理日期').fill(TODAY);
  await dialog.getByLabel('线索摘要').fill('反映其违规兼职取酬');
  await save(dialog);

  // 凡提四必: refused while one check is missing, then while the clue is open
  await page.getByRole('tab', { name: '凡提四必' }).click();
  await pickCadre(page, '李强');
  await page.getByRole('button', { name: '新增凡提四必' }).click();
  dialog = await openDialog(page);
  await choose(page, dialog, '事由类别', '选拔任用');
  await dialog.getByLabel('事由', { exact: true }).fill('拟任区财政局局长');
  for (const [date, result, value] of [
    ['档案审核日期', '档案审核结果', '三龄两历无异常'],
    ['报告核查日期', '报告核查结果', '一致'],
    ['信访举报核查日期', '信访举报核查结果', '正在核查'],
  ] as const) {
    await dialog.getByLabel(date).fill(TODAY);
    await dialog.getByLabel(result).fill(value);
  }
  await dialog.getByLabel('四必已完成').check();
  // beside 档案必审: the dossier's values and what 数据校验 finds in them
  await expect(dialog.getByTestId('four-checks-findings')).toContainText('数据校验');
  await expect(dialog.getByTestId('four-checks-findings')).toContainText('1980.05');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText(/纪检监察机关意见必听尚未完成/)).toBeVisible();
  await dialog.getByLabel('纪检监察机关意见日期').fill(TODAY);
  await dialog.getByLabel('纪检监察机关意见', { exact: true }).fill('无不同意见');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText(/问题线索未了结/).first()).toBeVisible();
  await screenshot(page, 'supervision-four-checks');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();

  // the clue closed: refused without its outcome, then closed as 不属实
  await page.getByRole('tab', { name: '问题线索' }).click();
  await page.getByTestId('supervision-list-clues').getByRole('button', { name: '编辑' }).click();
  dialog = await openDialog(page);
  await choose(page, dialog, '办理状态', '了结');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText(/了结线索必须登记核查结论/)).toBeVisible();
  await choose(page, dialog, '了结结论', '不属实');
  await dialog.getByLabel('了结日期').fill(TODAY);
  await save(dialog);
  await expect(page.getByTestId('supervision-list-clues')).toContainText('不属实');

  // now 凡提四必 is accepted
  await page.getByRole('tab', { name: '凡提四必' }).click();
  await pickCadre(page, '李强');
  await page.getByRole('button', { name: '新增凡提四必' }).click();
  dialog = await openDialog(page);
  await choose(page, dialog, '事由类别', '选拔任用');
  await dialog.getByLabel('事由', { exact: true }).fill('拟任区财政局局长');
  for (const [date, result, value] of [
    ['档案审核日期', '档案审核结果', '三龄两历无异常'],
    ['报告核查日期', '报告核查结果', '一致'],
    ['纪检监察机关意见日期', '纪检监察机关意见', '无不同意见'],
    ['信访举报核查日期', '信访举报核查结果', '线索已了结，不属实'],
  ] as const) {
    await dialog.getByLabel(date).fill(TODAY);
    await dialog.getByLabel(result, { exact: true }).fill(value);
  }
  await dialog.getByLabel('四必已完成').check();
  await save(dialog);
  await expect(page.getByTestId('supervision-list-fourChecks')).toContainText('拟任区财政局局长');

  // a passport kept, out for a trip and back
  await page.getByRole('tab', { name: '出国（境）证件' }).click();
  await pickCadre(page, '李强');
  await page.getByRole('button', { name: '登记交存证件' }).click();
  dialog = await openDialog(page);
  await choose(page, dialog, '证件类别', '普通护照');
  await dialog.getByLabel('证件号码').fill('E12345678');
  await dialog.getByLabel('有效期至').fill(`${YEAR + 5}-06-30`);
  await save(dialog);
  const docs = page.getByTestId('supervision-documents');
  await docs.getByRole('button', { name: '借出' }).click();
  dialog = await openDialog(page);
  await dialog.getByLabel('前往国家（地区）').fill('新加坡');
  await dialog.getByLabel('出行日期').fill(TODAY);
  await dialog.getByLabel('返回日期').fill(TODAY);
  await dialog.getByLabel('审批情况').fill('区委组织部已批准');
  await save(dialog);
  await expect(docs.getByRole('row', { name: /E12345678/ })).toContainText('借出');
  await screenshot(page, 'supervision-documents');
  await docs.getByRole('button', { name: '归还' }).click();
  dialog = await openDialog(page);
  await save(dialog);
  await expect(docs.getByRole('row', { name: /E12345678/ })).toContainText('在柜');

  // restricted: no 档案记录 list of them, even by address; no roster column or export cell names them
  await page.getByRole('menuitem', { name: /档案记录/ }).click();
  const kinds = page.getByLabel('记录类别');
  await expect(kinds).toContainText('年度考核');
  for (const name of ['问题线索', '提醒函询诫勉', '个人有关事项报告', '凡提四必', '证件借出']) await expect(kinds).not.toContainText(name);
  await page.goto(page.url().replace(/#.*$/, '#/records?type=clues'));
  await expect(page.getByLabel('记录类别')).toBeVisible();
  await expect(page.getByText('反映其违规兼职取酬')).toHaveCount(0);
  await page.getByRole('menuitem', { name: /干部名册/ }).click();
  await expect(page.getByTestId('roster-count')).toHaveText('共 3 人');
  const file = path.join(installation.root, '干部名册.xlsx');
  installation.answerNextDialog([file]);
  await page.getByRole('button', { name: '导出 Excel' }).click();
  await expect(page.getByText(/已导出 3 人/)).toBeVisible();
  const sheet = (await readXlsx(file)).flat().join('|');
  for (const text of ['反映其违规兼职取酬', '诫勉', '漏报', 'E12345678', '线索']) expect(sheet).not.toContain(text);
  // nor a field of the combined query: a search for their words finds none (最高学历 is found, so the search works)
  await page.getByRole('button', { name: '组合查询' }).click();
  const queryField = page.getByTestId('query-panel').getByLabel('字段', { exact: true }).first();
  await queryField.click();
  const fieldOptions = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await queryField.fill('学历');
  await expect(fieldOptions.first()).toBeVisible();
  for (const word of ['线索', '诫勉', '个人有关事项', '凡提四必', '证件', '漏报']) {
    await queryField.fill(word);
    await expect(fieldOptions).toHaveCount(0);
  }
  await page.keyboard.press('Escape');

  // the settings: a bad value refused at its field; a wider reporting rule brings 赵敏 (副科) onto the due list
  await page.getByRole('menuitem', { name: /监督管理/ }).click();
  await page.getByRole('tab', { name: '设置' }).click();
  const settings = page.getByTestId('supervision-settings');
  await settings.getByLabel('归还期限').fill('');
  await page.getByTestId('supervision-settings-save').click();
  await expect(settings.getByText(/证件归还期限填写有误/)).toBeVisible();
  await settings.getByLabel('归还期限').fill('15');
  await choose(page, settings, '按职务层次', '乡科级副职及以上');
  await screenshot(page, 'supervision-settings');
  await page.getByTestId('supervision-settings-save').click();
  await expect(page.getByText('设置已保存')).toBeVisible();
  await page.getByRole('tab', { name: '个人有关事项报告' }).click();
  await expect(page.getByTestId('supervision-due-list')).toContainText('赵敏');

  // a bundle to a unit's peer (its scope: 区发改委) carries the dossiers, never their supervision records
  const unit = await makeInstallation();
  await unit.launch();
  await unit.completeFirstRun('区发改委', '王芳', '单位');
  await unit.trustPeer(installation, 'all');
  await installation.trustPeer(unit, { unitId: 'fgw' });
  await page.getByRole('menuitem', { name: '数据交换' }).click();
  await choose(page, page, '发往', '区发改委');
  const bundle = path.join(installation.root, '发改委.cadre');
  installation.answerNextDialog([bundle]);
  await page.getByRole('button', { name: '导出数据包…' }).click();
  const sent = page.getByRole('dialog').filter({ hasText: '可以安全拔出U盘' });
  await expect(sent).toBeVisible({ timeout: 30_000 });
  await sent.getByRole('button', { name: '知道了' }).click();
  await expect(sent).toBeHidden();
  // opened at the unit: its preview and its tables hold the cadres and nothing restricted
  await unit.page.getByRole('menuitem', { name: '数据交换' }).click();
  unit.answerNextDialog([bundle]);
  await unit.page.getByRole('button', { name: '导入数据包…' }).click();
  const ask = unit.page.getByRole('dialog').filter({ hasText: '校验数据包' });
  await ask.getByRole('button', { name: '校验并读取' }).click();
  await expect(ask).toBeHidden();
  const preview = unit.page.getByRole('dialog').filter({ hasText: '发来的数据？' });
  await expect(preview.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
  for (const name of ['问题线索', '提醒函询诫勉', '凡提四必', '因私出国', '证件借出', '个人有关事项报告']) await expect(preview.getByTestId('import-preview')).not.toContainText(name);
  await preview.getByRole('button', { name: '导入' }).click();
  const imported = unit.page.getByRole('dialog').filter({ hasText: '导入完成' });
  await expect(imported).toBeVisible({ timeout: 30_000 });
  await imported.getByRole('button', { name: '知道了' }).click();
  expect((await unit.readAll<{ name: string }>('cadres')).map((c) => c.name).sort()).toEqual(['李强', '王芳', '赵敏'].sort());
  // nor does the log, in its open entries or its sealed blocks
  for (const table of ['clues', 'supervisionActions', 'fourChecks', 'travelDocuments', 'documentLoans', 'personalMatters', 'supervisionChain', 'supervisionChainBlocks']) {
    expect(await unit.readAll(table), table).toEqual([]);
  }
});
