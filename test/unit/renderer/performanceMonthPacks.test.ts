import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { createUnit } from '../../../renderer/db/units';
import { deleteRecord } from '../../../renderer/db/records';
import type { WriteContext } from '../../../renderer/db/repository';
import { actOnReport, bulkPutReports, createReport, editReport, performanceId, performanceTable } from '../../../renderer/db/performance';
import { applyEdits, bucketOf, entriesOf, MONTH_PACKS, type MonthPack } from '../../../renderer/db/performanceMonthPacks';
import { districtCompletion, districtYear } from '../../../renderer/db/performanceAnalysis';
import { performanceType, type PerformanceRecord } from '../../../shared/domain/performance';
import { completionByUnit } from '../../../shared/rules/performanceCollection';
import { newId } from '../../../shared/ids';
import { createCadre } from '../../../renderer/db/cadres';
import { sampleCadreInput } from '../../fixtures/cadre';
import { idNumberOf } from './syncHarness';
import { monthlyInput, numberedCadre } from './performanceFixture';

// performanceMonthPacks (schema version 30): each month's live monthly reports as packs of cadres and statuses, kept
// by a middleware under every write of performanceRecords in the same transaction; the district's month and year
// read them. Each test holds the packs equal to what the reports stored say, counted from scratch.

const ME = 'a'.repeat(32);
const NOW = Date.UTC(2025, 5, 15, 8); // 2025-06-15
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => NOW };
const unitSide = { installation: '本单位' };

let db: CadreDb;
let unitId: string;
beforeEach(async () => {
  db = openDatabase(`performance-packs-${newId()}`);
  await db.open();
  unitId = (await createUnit(db, ctx, null, '教育局')).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const cadre = (n: number) => numberedCadre(db, ctx, unitId, n);
const monthly = monthlyInput;

/** The packs' entries as "cadre|month|status", sorted. */
async function packed(d: CadreDb = db): Promise<string[]> {
  const packs = (await d.table(MONTH_PACKS).toArray()) as MonthPack[];
  for (const p of packs) {
    expect(p.cadreId.length).toBe(p.status.length);
    expect(p.cadreId.length).toBeGreaterThan(0); // an emptied pack is deleted
    for (const id of p.cadreId) expect(bucketOf(id)).toBe(p.bucket);
  }
  return [...entriesOf(packs)].map((e) => `${e.cadreId}|${e.period}|${e.status}`).sort();
}
/** The same, from scratch: the live monthly reports stored. */
async function fromReports(d: CadreDb = db): Promise<string[]> {
  const reports = (await performanceTable(d).toArray()).filter((r) => r.kind === 'monthly' && !r.deleted);
  return reports.map((r) => `${r.cadreId}|${r.period}|${r.status}`).sort();
}

describe('performanceMonthPacks', () => {
  it('follows every kind of write: created, edited, acted on, other kinds left out, deleted, stored in bulk, deleted for good, cleared', async () => {
    const a = await cadre(1);
    const b = await cadre(2);
    const jan = await createReport(db, ctx, monthly(a.id, '2025-01'));
    await createReport(db, ctx, { cadreId: a.id, kind: 'weekly', period: '2025-W03', summary: '本周小结' });
    await createReport(db, ctx, { cadreId: a.id, kind: 'quarterly', period: '2025-Q1', checkedBy: '王五', findings: '良好', rating: 'good' });
    expect(await packed()).toEqual([`${a.id}|2025-01|draft`]);

    await editReport(db, ctx, jan.id, a.id, { highlights: '改写后的突出实绩' });
    expect(await packed()).toEqual([`${a.id}|2025-01|draft`]);
    await actOnReport(db, ctx, jan.id, a.id, { type: 'submit' }, unitSide);
    expect(await packed()).toEqual([`${a.id}|2025-01|submitted`]);
    await actOnReport(db, ctx, jan.id, a.id, { type: 'unitReturn', comment: '请补充' }, unitSide);
    expect(await packed()).toEqual([`${a.id}|2025-01|returned`]);
    await actOnReport(db, ctx, jan.id, a.id, { type: 'submit' }, unitSide);
    await actOnReport(db, ctx, jan.id, a.id, { type: 'unitApprove' }, unitSide);
    const feb = await createReport(db, ctx, monthly(b.id, '2025-02'));
    const febA = await createReport(db, ctx, monthly(a.id, '2025-02'));
    expect(await packed()).toEqual([`${a.id}|2025-01|unitReviewed`, `${a.id}|2025-02|draft`, `${b.id}|2025-02|draft`].sort());

    await deleteRecord(db, ctx, performanceType, feb.id, { cadreId: b.id });
    expect((await performanceTable(db).get(feb.id))?.deleted).toBe(true); // a tombstone stays; its entry goes
    expect(await packed()).toEqual([`${a.id}|2025-01|unitReviewed`, `${a.id}|2025-02|draft`]);

    const stored = (await performanceTable(db).get(jan.id))!;
    const bulk: PerformanceRecord[] = ['2025-03', '2025-04'].map((period) => ({ ...stored, id: `${b.id}-${period}`, cadreId: b.id, period, status: 'approved' as const }));
    await bulkPutReports(db, [...bulk, { ...stored, status: 'returned' }]);
    expect(await packed()).toEqual(await fromReports());
    expect(await packed()).toContain(`${a.id}|2025-01|returned`);

    // deleted for good (as clearing the demo data does): the entry goes with the report, its pack too once empty
    await performanceTable(db).bulkDelete([febA.id, `${b.id}-2025-03`, 'no-such-report']);
    expect(await packed()).toEqual([`${a.id}|2025-01|returned`, `${b.id}|2025-04|approved`].sort());
    expect(await db.table(MONTH_PACKS).where('[period+bucket]').between(['2025-03', Dexie.minKey], ['2025-03', Dexie.maxKey]).count()).toBe(0);
    expect(await packed()).toEqual(await fromReports());

    await performanceTable(db).clear();
    expect(await db.table(MONTH_PACKS).count()).toBe(0);
  });

  it('keeps both of two writes to one pack made at once in one transaction (one follow-up at a time)', async () => {
    const a = await cadre(1);
    const stored = (await performanceTable(db).get((await createReport(db, ctx, monthly(a.id, '2025-01'))).id))!;
    // two cadres of the same bucket, the same month: one pack
    const others = ['1', '2'].map((n) => `${a.id.slice(0, 2)}${n.repeat(30)}`);
    await db.transaction('rw', performanceTable(db), () => Promise.all(others.map((cadreId) => performanceTable(db).put({ ...stored, id: `x-${cadreId}`, cadreId, status: 'submitted' }))));
    expect(await packed()).toEqual(await fromReports());
    expect(await packed()).toHaveLength(3);
  });

  it('takes nothing from a write that is rolled back', async () => {
    const a = await cadre(1);
    const stored = (await performanceTable(db).get((await createReport(db, ctx, monthly(a.id, '2025-01'))).id))!;
    await expect(
      db.transaction('rw', performanceTable(db), async () => {
        await bulkPutReports(db, [{ ...stored, id: 'x', period: '2025-02', status: 'approved' }, { ...stored, status: 'approved' }]);
        throw new Error('磁盘已满');
      }),
    ).rejects.toThrow('磁盘已满');
    expect(await packed()).toEqual([`${a.id}|2025-01|draft`]);
  });

  it('stays equal to the reports over many bulk writes of cadres in any order, and a month’s completion counts from it as from the reports', async () => {
    const cadres = await Promise.all([1, 2, 3, 4, 5, 6].map(cadre));
    const template = (await performanceTable(db).get((await createReport(db, ctx, monthly(cadres[0]!.id, '2025-01'))).id))!;
    const statuses = ['draft', 'submitted', 'unitReviewed', 'approved', 'applied', 'returned'] as const;
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let round = 0; round < 6; round++) {
      const batch = Array.from({ length: 12 }, () => {
        const c = cadres[next() % cadres.length]!;
        const period = `2025-0${1 + (next() % 4)}`;
        return { ...template, id: performanceId(c.id, 'monthly', period), cadreId: c.id, period, status: statuses[next() % statuses.length]!, deleted: next() % 5 === 0 };
      });
      await bulkPutReports(db, batch);
      expect(await packed()).toEqual(await fromReports());
    }
    // the district's month from the packs, and from scratch from the reports
    const live = (await performanceTable(db).toArray()).filter((r) => r.kind === 'monthly' && !r.deleted);
    for (const month of ['2025-01', '2025-02', '2025-03', '2025-04']) {
      const statusOf = new Map(live.filter((r) => r.period === month).map((r) => [r.cadreId, r.status]));
      const expected = completionByUnit(
        cadres.map((c) => ({ id: c.id, name: c.name, joined: null, left: null, unitId })),
        (id) => statusOf.get(id),
        month,
        '2025-06',
      );
      expect(await districtCompletion(db, month, '2025-06')).toEqual(expected);
    }
    const year = await districtYear(db, 2025, '2025-06');
    expect(year.get(unitId)!.byMonth.slice(0, 4).map((r) => r.done)).toEqual(
      ['2025-01', '2025-02', '2025-03', '2025-04'].map((m) => live.filter((r) => r.period === m && ['submitted', 'unitReviewed', 'approved', 'applied'].includes(r.status)).length),
    );
  });

  it('is what the district’s month counts: an entry alone (as if written past the middleware) counts, the reports are not read', async () => {
    const a = await cadre(1);
    const b = await cadre(2);
    const r = await createReport(db, ctx, monthly(a.id, '2025-03'));
    await actOnReport(db, ctx, r.id, a.id, { type: 'submit' }, unitSide);
    await createReport(db, ctx, monthly(b.id, '2025-03'));
    expect(await districtCompletion(db, '2025-03', '2025-06')).toEqual(new Map([[unitId, { due: 2, done: 1, rate: 0.5 }]]));
    const [pack] = applyEdits([(await db.table(MONTH_PACKS).get(['2025-03', bucketOf(b.id)])) as MonthPack | undefined], [{ cadreId: b.id, period: '2025-03', status: 'approved' }]);
    await db.table(MONTH_PACKS).put(pack!);
    expect((await districtCompletion(db, '2025-03', '2025-06')).get(unitId)!.done).toBe(2);
  });

  it('follows reports that arrive in a bundle, and their review coming back', async () => {
    const { installation, exchange, close } = await import('./syncHarness');
    const unit = await installation('e'.repeat(32), '教育局');
    const dept = await installation('d'.repeat(32), '区委组织部');
    try {
      const root = await createUnit(unit.db, unit.ctx, null, '新城区');
      const c = await createCadre(unit.db, unit.ctx, { ...sampleCadreInput({ unitId: root.id, birth: '1975-06', idNumber: idNumberOf(31) }), name: '王芳' });
      const uctx = { ...unit.ctx, now: () => NOW };
      const r = await createReport(unit.db, uctx, monthly(c.id, '2025-03'));
      await createReport(unit.db, uctx, monthly(c.id, '2025-04'));
      await actOnReport(unit.db, uctx, r.id, c.id, { type: 'submit' }, unitSide);
      await exchange(unit, dept);
      expect(await packed(dept.db)).toEqual([`${c.id}|2025-03|submitted`, `${c.id}|2025-04|draft`]);
      expect(await packed(dept.db)).toEqual(await fromReports(dept.db));
      await actOnReport(unit.db, uctx, r.id, c.id, { type: 'unitApprove' }, unitSide);
      await exchange(unit, dept);
      await actOnReport(dept.db, { ...dept.ctx, now: () => NOW }, r.id, c.id, { type: 'deptReturn', comment: '请补充数据' }, { installation: '区委组织部' });
      await exchange(dept, unit);
      expect(await packed(unit.db)).toEqual([`${c.id}|2025-03|returned`, `${c.id}|2025-04|draft`]);
      expect(await packed(unit.db)).toEqual(await fromReports(unit.db));
    } finally {
      await close(unit, dept);
    }
  });
});
