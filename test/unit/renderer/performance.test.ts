import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { createCadre, updateCadre } from '../../../renderer/db/cadres';
import { createUnit } from '../../../renderer/db/units';
import { listByCadre } from '../../../renderer/db/records';
import type { WriteContext } from '../../../renderer/db/repository';
import { actOnReport, createReport, editReport, performanceId, performanceTable, reportsOf } from '../../../renderer/db/performance';
import { writePerformanceSettings, readPerformanceSettings } from '../../../renderer/db/performanceSettings';
import { adjustmentCounts, cadreTimeline, districtCompletion, searchReports, unitMatrix } from '../../../renderer/db/performanceAnalysis';
import { conductItems, recordConduct } from '../../../renderer/db/performanceConduct';
import { createRecord } from '../../../renderer/db/records';
import { assessmentsType } from '../../../shared/domain/cadre';
import { adjustmentType } from '../../../shared/domain/performance';
import { problemsOf } from '../../../shared/catalog/validate';
import { newId } from '../../../shared/ids';
import { sampleCadreInput } from '../../fixtures/cadre';
import { idNumberOf } from './syncHarness';

const ME = 'a'.repeat(32);
const NOW = Date.UTC(2025, 5, 15, 8); // 2025-06-15
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => NOW };
const unitSide = { installation: '教育局' };
const deptSide = { installation: '区委组织部' };

let db: CadreDb;
let unitId: string;
beforeEach(async () => {
  db = openDatabase(`performance-${newId()}`);
  await db.open();
  const root = await createUnit(db, ctx, null, '新城区');
  unitId = (await createUnit(db, ctx, root.id, '教育局')).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

async function cadre(n: number, extra: Record<string, unknown> = {}) {
  return createCadre(db, ctx, { ...sampleCadreInput({ unitId, birth: '1975-06', idNumber: idNumberOf(n) }), name: `干部${n}`, ...extra });
}
const monthly = (cadreId: string, period: string, text = '') => ({
  cadreId,
  kind: 'monthly' as const,
  period,
  keyWork: text && `${text}重点工作`,
  highlights: text && `${text}突出实绩`,
  nextPlan: text && '下月继续',
});
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return problemsOf(e).map((x) => `${x.path}:${x.message}`).join('|') || (e as Error).message;
  }
  throw new Error('not refused');
};

describe('performance records in the database', () => {
  it('keeps one record per cadre, kind and period, under the natural id', async () => {
    const c = await cadre(1);
    const r = await createReport(db, ctx, monthly(c.id, '2025-03', '三月'));
    expect(r.id).toBe(performanceId(c.id, 'monthly', '2025-03'));
    expect(r.status).toBe('draft');
    expect(await refusal(createReport(db, ctx, monthly(c.id, '2025-03', '又一份')))).toBe('kind:2025年3月的月上报已存在，请打开原记录修改');
    expect(await performanceTable(db).count()).toBe(1);
  });

  it('refuses a period written wrongly, before joining, after leaving, or not begun, changing nothing', async () => {
    const c = await cadre(2, { workStarted: '2000-09' });
    expect(await refusal(createReport(db, ctx, monthly(c.id, '2025-3')))).toContain('period:月上报的期间应写作“2025-03”');
    expect(await refusal(createReport(db, ctx, monthly(c.id, '2000-08')))).toContain('参加工作（2000.09）之前');
    expect(await refusal(createReport(db, ctx, monthly(c.id, '2025-07')))).toContain('尚未开始');
    await updateCadre(db, ctx, c.id, { status: '03', statusDate: '2024-12-20', statusReason: '调出' });
    expect(await refusal(createReport(db, ctx, monthly(c.id, '2025-01')))).toContain('离开（2024.12）之后');
    await createReport(db, ctx, monthly(c.id, '2024-12', '最后一月'));
    expect((await reportsOf(db, c.id)).map((r) => r.period)).toEqual(['2024-12']);
  });

  it('walks a monthly report from draft to applied with every step kept, a return and a resubmission on the way', async () => {
    const c = await cadre(3);
    const r = await createReport(db, ctx, monthly(c.id, '2025-04'));
    // empty: refused at each section, nothing changed
    expect(await refusal(actOnReport(db, ctx, r.id, c.id, { type: 'submit' }, unitSide))).toBe(
      'keyWork:请填写重点工作完成情况后再上报|highlights:请填写突出实绩后再上报|nextPlan:请填写下月计划后再上报',
    );
    expect((await reportsOf(db, c.id))[0]!.status).toBe('draft');
    await editReport(db, ctx, r.id, c.id, { keyWork: '完成招商项目三个', highlights: '引进企业两家', nextPlan: '推进开工' });
    await actOnReport(db, ctx, r.id, c.id, { type: 'submit' }, unitSide);
    await actOnReport(db, ctx, r.id, c.id, { type: 'unitApprove' }, unitSide);
    await actOnReport(db, ctx, r.id, c.id, { type: 'deptReturn', comment: '突出实绩请量化' }, deptSide);
    expect((await reportsOf(db, c.id))[0]!.status).toBe('returned');
    await editReport(db, ctx, r.id, c.id, { highlights: '引进企业两家，投资5亿元' });
    await actOnReport(db, ctx, r.id, c.id, { type: 'submit' }, unitSide);
    await actOnReport(db, ctx, r.id, c.id, { type: 'unitApprove' }, unitSide);
    await actOnReport(db, ctx, r.id, c.id, { type: 'deptApprove' }, deptSide);
    const applied = await actOnReport(db, ctx, r.id, c.id, { type: 'apply', use: 'incentive', comment: '区委组织部〔2025〕3号' }, deptSide);
    expect(applied.status).toBe('applied');
    expect(applied.history.map((h) => [h.action, h.status, h.byInstallation])).toEqual([
      ['submit', 'submitted', '教育局'],
      ['unitApprove', 'unitReviewed', '教育局'],
      ['deptReturn', 'returned', '区委组织部'],
      ['submit', 'submitted', '教育局'],
      ['unitApprove', 'unitReviewed', '教育局'],
      ['deptApprove', 'approved', '区委组织部'],
      ['apply', 'applied', '区委组织部'],
    ]);
    expect(applied.history[2]).toMatchObject({ comment: '突出实绩请量化', by: '李明', at: new Date(NOW).toISOString() });
    expect(applied.uses).toEqual([{ use: 'incentive', at: new Date(NOW).toISOString(), by: '李明', comment: '区委组织部〔2025〕3号' }]);
    expect((await db.audit.toArray()).some((a) => a.summary.includes('组织部退回（突出实绩请量化）'))).toBe(true);
  });

  it('refuses editing an approved record until it is reopened with a reason, which is kept', async () => {
    const c = await cadre(4);
    const r = await createReport(db, ctx, monthly(c.id, '2025-02', '二月'));
    await writePerformanceSettings(db, { ...(await readPerformanceSettings(db)), steps: { ...(await readPerformanceSettings(db)).steps, monthly: { unit: false, department: true } } });
    await actOnReport(db, ctx, r.id, c.id, { type: 'submit' }, unitSide);
    expect(await refusal(editReport(db, ctx, r.id, c.id, { highlights: '改' }))).toContain('审核中');
    expect(await refusal(actOnReport(db, ctx, r.id, c.id, { type: 'unitApprove' }, unitSide))).toBe('此类记录不需要单位审核');
    await actOnReport(db, ctx, r.id, c.id, { type: 'deptApprove' }, deptSide);
    expect(await refusal(editReport(db, ctx, r.id, c.id, { highlights: '改' }))).toBe('该记录已审定，不能直接修改；如需更正，请先写明原因重新打开');
    expect((await reportsOf(db, c.id))[0]!.highlights).toBe('二月突出实绩');
    expect(await refusal(actOnReport(db, ctx, r.id, c.id, { type: 'reopen', comment: ' ' }, deptSide))).toBe('重新打开已审定的记录，请写明原因');
    const reopened = await actOnReport(db, ctx, r.id, c.id, { type: 'reopen', comment: '数字有误' }, deptSide);
    expect(reopened.history.at(-1)).toMatchObject({ action: 'reopen', status: 'draft', comment: '数字有误' });
    expect((await editReport(db, ctx, r.id, c.id, { highlights: '改正后' })).highlights).toBe('改正后');
  });

  it('makes an approved annual review the cadre’s 年度考核 of that year, in the same step', async () => {
    const c = await cadre(5);
    await createRecord(db, ctx, assessmentsType, { cadreId: c.id, year: 2024, grade: '2' });
    const r = await createReport(db, ctx, { cadreId: c.id, kind: 'annual', period: '2024', grade: '1' });
    await actOnReport(db, ctx, r.id, c.id, { type: 'submit' }, unitSide);
    await actOnReport(db, ctx, r.id, c.id, { type: 'unitApprove' }, unitSide);
    expect((await listByCadre(db, assessmentsType, c.id)).map((a) => [a.year, a.grade])).toEqual([[2024, '2']]);
    await actOnReport(db, ctx, r.id, c.id, { type: 'deptApprove' }, deptSide);
    expect((await listByCadre(db, assessmentsType, c.id)).map((a) => [a.year, a.grade])).toEqual([[2024, '1']]);
    // a new year's review creates that year's assessment
    const r2 = await createReport(db, ctx, { cadreId: c.id, kind: 'annual', period: '2023', grade: '2' });
    for (const a of [{ type: 'submit' }, { type: 'unitApprove' }, { type: 'deptApprove' }] as const) await actOnReport(db, ctx, r2.id, c.id, a, deptSide);
    expect((await listByCadre(db, assessmentsType, c.id)).map((a) => [a.year, a.grade]).sort()).toEqual([[2023, '2'], [2024, '1']]);
  });
});

describe('collection, conduct and analysis from the database', () => {
  it('builds the unit matrix, the district completion, the timeline, the search and the counts', async () => {
    const a = await cadre(10);
    const b = await cadre(11);
    const r1 = await createReport(db, ctx, monthly(a.id, '2025-01', '招商'));
    await actOnReport(db, ctx, r1.id, a.id, { type: 'submit' }, unitSide);
    const r2 = await createReport(db, ctx, monthly(a.id, '2025-02', '信访'));
    await actOnReport(db, ctx, r2.id, a.id, { type: 'submit' }, unitSide);
    await actOnReport(db, ctx, r2.id, a.id, { type: 'unitReturn', comment: '太简单' }, unitSide);
    await createReport(db, ctx, monthly(b.id, '2025-01', '草稿'));

    const m = await unitMatrix(db, [unitId], 2025, '2025-06');
    const cells = Object.fromEntries(m.rows.map((r) => [r.cadre.name, r.cells.slice(0, 6)]));
    expect(cells).toEqual({
      干部10: ['submitted', 'returned', 'missing', 'missing', 'missing', 'notDue'],
      干部11: ['missing', 'missing', 'missing', 'missing', 'missing', 'notDue'],
    });
    expect(m.total).toEqual({ due: 10, done: 1, rate: 0.1 });
    expect((await districtCompletion(db, '2025-01', '2025-06')).get(unitId)).toEqual({ due: 2, done: 1, rate: 0.5 });

    const items = await conductItems(db, ctx);
    expect(items.filter((i) => i.polarity === 'positive')).toHaveLength(15);
    expect(await conductItems(db, ctx)).toHaveLength(30); // seeded once
    const good = items.find((i) => i.code === 'Z01')!;
    const bad = items.find((i) => i.code === 'F02')!;
    await recordConduct(db, ctx, { cadreId: a.id, itemId: good.id, date: '2025-03-10', facts: '主动承担拆迁攻坚', source: '单位报告' });
    await recordConduct(db, ctx, { cadreId: a.id, itemId: bad.id, date: '2025-04-02', facts: '推诿群众诉求', source: '12345热线' });
    expect(await refusal(recordConduct(db, ctx, { cadreId: a.id, itemId: bad.id, date: '2025-04-02', facts: ' ', source: '' }))).toBe('facts:请填写事实情况');
    await createRecord(db, ctx, adjustmentType, { cadreId: a.id, mechanism: 'incentive', date: '2025-05-01', change: '晋升三级调研员' });

    const timeline = await cadreTimeline(db, a.id);
    expect(timeline.map((e) => [e.when, e.lane])).toEqual([
      ['2025-05-01', 'adjustment'],
      ['2025-04-02', 'negative'],
      ['2025-03-10', 'positive'],
      ['2025-02', 'performance'],
      ['2025-01', 'performance'],
    ]);
    expect(timeline[1]!.title).toBe(bad.text);

    const hits = await searchReports(db, '招商 实绩');
    expect(hits.map((h) => [h.cadreName, h.label])).toEqual([['干部10', '2025年1月月上报']]);
    expect(await searchReports(db, '不存在的词')).toEqual([]);
    const counts = await adjustmentCounts(db);
    expect(counts.byKey.get(`${unitId}|2025|incentive`)).toBe(1);
  });
});

describe('performance records travel in bundles', () => {
  it('a unit’s submitted report reaches the department, and the department’s review comes back', async () => {
    const { installation, exchange, close } = await import('./syncHarness');
    const unit = await installation('e'.repeat(32), '教育局');
    const dept = await installation('d'.repeat(32), '区委组织部');
    try {
      const root = await createUnit(unit.db, unit.ctx, null, '新城区');
      const edu = await createUnit(unit.db, unit.ctx, root.id, '教育局');
      const c = await createCadre(unit.db, unit.ctx, { ...sampleCadreInput({ unitId: edu.id, birth: '1975-06', idNumber: idNumberOf(30) }), name: '王芳' });
      const uctx = { ...unit.ctx, now: () => NOW };
      const r = await createReport(unit.db, uctx, monthly(c.id, '2025-03', '三月'));
      await actOnReport(unit.db, uctx, r.id, c.id, { type: 'submit' }, unitSide);
      await actOnReport(unit.db, uctx, r.id, c.id, { type: 'unitApprove' }, unitSide);
      await exchange(unit, dept);
      const arrived = await performanceTable(dept.db).get(r.id);
      expect(arrived).toMatchObject({ status: 'unitReviewed', highlights: '三月突出实绩' });
      await actOnReport(dept.db, { ...dept.ctx, now: () => NOW }, r.id, c.id, { type: 'deptApprove', comment: '同意' }, deptSide);
      await exchange(dept, unit);
      const back = await performanceTable(unit.db).get(r.id);
      expect(back?.status).toBe('approved');
      expect(back?.history.map((h) => h.byInstallation)).toEqual(['教育局', '教育局', '区委组织部']);
    } finally {
      await close(unit, dept);
    }
  });
});
