import { Dexie } from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { createUnit } from '../../../renderer/db/units';
import { deleteRecord } from '../../../renderer/db/records';
import type { WriteContext } from '../../../renderer/db/repository';
import { actOnReport, bulkPutReports, createReport, performanceTable, reportsOf } from '../../../renderer/db/performance';
import { applyYearEdits, CADRE_YEARS, cadreYearsOf, monthsOf, type CadreYear } from '../../../renderer/db/performanceCadreYears';
import { STATUS_CODES, type PackEdit } from '../../../renderer/db/performanceMonthPacks';
import { unitMatrix } from '../../../renderer/db/performanceAnalysis';
import { performanceType, type PerformanceRecord } from '../../../shared/domain/performance';
import { newId } from '../../../shared/ids';
import { monthlyInput, numberedCadre } from './performanceFixture';

// performanceCadreYears (schema version 34): each cadre's year of live monthly reports in one row — the twelve
// months' statuses — kept by a middleware under every write of performanceRecords in the same transaction; a unit's
// matrix reads it, a key a cadre.

const ME = 'a'.repeat(32);
const NOW = Date.UTC(2025, 5, 15, 8); // 2025-06-15
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => NOW };
const unitSide = { installation: '本单位' };

let db: CadreDb;
let unitId: string;
beforeEach(async () => {
  db = openDatabase(`performance-years-${newId()}`);
  await db.open();
  unitId = (await createUnit(db, ctx, null, '教育局')).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const cadre = (n: number) => numberedCadre(db, ctx, unitId, n);
const monthly = monthlyInput;
/** What the table holds, as "cadre|month|status" of each live monthly report. */
const months = async () => [...monthsOf((await db.table(CADRE_YEARS).toArray()) as CadreYear[])].map(({ cadreId, period, status }) => `${cadreId}|${period}|${status}`).sort();

describe('performanceCadreYears', () => {
  it('follows every kind of write: created, acted on, other kinds left out, deleted, stored in bulk, cleared', async () => {
    const a = await cadre(1);
    const b = await cadre(2);
    const jan = await createReport(db, ctx, monthly(a.id, '2025-01'));
    await createReport(db, ctx, { cadreId: a.id, kind: 'weekly', period: '2025-W03', summary: '本周小结' });
    await createReport(db, ctx, { cadreId: a.id, kind: 'quarterly', period: '2025-Q1', checkedBy: '王五', findings: '良好', rating: 'good' });
    expect(await months()).toEqual([`${a.id}|2025-01|draft`]);
    expect(await db.table(CADRE_YEARS).get([a.id, 2025])).toEqual({ cadreId: a.id, year: 2025, status: '0-----------' });

    await actOnReport(db, ctx, jan.id, a.id, { type: 'submit' }, unitSide);
    await actOnReport(db, ctx, jan.id, a.id, { type: 'unitApprove' }, unitSide);
    const feb = await createReport(db, ctx, monthly(b.id, '2025-02'));
    expect(await months()).toEqual([`${a.id}|2025-01|unitReviewed`, `${b.id}|2025-02|draft`].sort());

    await deleteRecord(db, ctx, performanceType, feb.id, { cadreId: b.id });
    expect((await performanceTable(db).get(feb.id))?.deleted).toBe(true); // a tombstone stays; its month goes
    expect(await months()).toEqual([`${a.id}|2025-01|unitReviewed`]);
    expect(await db.table(CADRE_YEARS).get([b.id, 2025])).toBeUndefined(); // a year left with no report goes

    const stored = (await performanceTable(db).get(jan.id))!;
    const bulk: PerformanceRecord[] = ['2024-12', '2025-03', '2025-04'].map((period) => ({ ...stored, id: `${b.id}-${period}`, cadreId: b.id, period, status: 'approved' as const }));
    await bulkPutReports(db, [...bulk, { ...stored, status: 'returned' }]);
    expect(await months()).toEqual([`${a.id}|2025-01|returned`, `${b.id}|2024-12|approved`, `${b.id}|2025-03|approved`, `${b.id}|2025-04|approved`].sort());
    expect(await db.table(CADRE_YEARS).get([b.id, 2025])).toEqual({ cadreId: b.id, year: 2025, status: '--33--------' });

    // what the read gives: the years of these cadres, one each, undefined for none
    expect((await cadreYearsOf(db, [b.id, a.id, 'nobody'], 2025)).map((y) => y?.status)).toEqual(['--33--------', '5-----------', undefined]);
    expect((await cadreYearsOf(db, [b.id], 2024))[0]?.status).toBe('-----------3');

    // a delete by key, past the repository (as a restore's clean-up might): read before it runs
    await performanceTable(db).delete(`${b.id}-2025-03`);
    expect(await months()).toEqual([`${a.id}|2025-01|returned`, `${b.id}|2024-12|approved`, `${b.id}|2025-04|approved`].sort());

    await performanceTable(db).clear();
    expect(await months()).toEqual([]);
  });

  it('takes nothing from a write that is rolled back', async () => {
    const a = await cadre(1);
    const stored = (await performanceTable(db).get((await createReport(db, ctx, monthly(a.id, '2025-01'))).id))!;
    await expect(
      db.transaction('rw', performanceTable(db), async () => {
        await bulkPutReports(db, [{ ...stored, id: 'x', period: '2025-02', status: 'approved' }]);
        throw new Error('磁盘已满');
      }),
    ).rejects.toThrow('磁盘已满');
    expect(await months()).toEqual([`${a.id}|2025-01|draft`]);
  });

  it('keeps both of two writes made at once in one transaction (the second does not read the year before the first wrote it)', async () => {
    const a = await cadre(1);
    const stored = (await performanceTable(db).get((await createReport(db, ctx, monthly(a.id, '2025-01'))).id))!;
    await db.transaction('rw', performanceTable(db), () =>
      Promise.all(['2025-02', '2025-03'].map((period) => performanceTable(db).put({ ...stored, id: `x-${period}`, period, status: 'submitted' }))),
    );
    expect(await months()).toEqual([`${a.id}|2025-01|draft`, `${a.id}|2025-02|submitted`, `${a.id}|2025-03|submitted`]);
  });

  it('is what a unit’s matrix counts: a submitted report collected, a draft not', async () => {
    const a = await cadre(1);
    const b = await cadre(2);
    const r = await createReport(db, ctx, monthly(a.id, '2025-03'));
    await actOnReport(db, ctx, r.id, a.id, { type: 'submit' }, unitSide);
    await createReport(db, ctx, monthly(b.id, '2025-03'));
    expect((await unitMatrix(db, [unitId], 2025, '2025-06')).byMonth[2]).toEqual({ due: 2, done: 1, rate: 0.5 });
    // a row alone (as if written past the middleware) is what counts: the reports are not read
    await db.table(CADRE_YEARS).put({ cadreId: b.id, year: 2025, status: '--3---------' });
    expect((await unitMatrix(db, [unitId], 2025, '2025-06')).byMonth[2]!.done).toBe(2);
  });

  it('still gives a cadre’s reports of one kind, read by cadre now that the [cadreId+kind] index is gone', async () => {
    const a = await cadre(1);
    await createReport(db, ctx, monthly(a.id, '2025-02'));
    await createReport(db, ctx, { cadreId: a.id, kind: 'weekly', period: '2025-W03', summary: '本周小结' });
    await createReport(db, ctx, monthly(a.id, '2025-01'));
    expect((await reportsOf(db, a.id, 'monthly')).map((r) => r.period)).toEqual(['2025-01', '2025-02']);
    expect((await reportsOf(db, a.id)).map((r) => r.kind).sort()).toEqual(['monthly', 'monthly', 'weekly']);
  });
});

describe('applyYearEdits', () => {
  const cadres = ['c1', 'c2', 'c3'];
  const edit = fc.record({
    cadreId: fc.constantFrom(...cadres),
    period: fc.tuple(fc.constantFrom(2024, 2025), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
    status: fc.option(fc.constantFrom(...STATUS_CODES), { nil: null }),
  });
  it('gives, edit after edit, what a plain map of (cadre, month) to status gives', () => {
    fc.assert(
      fc.property(fc.array(fc.array(edit, { maxLength: 12 }), { maxLength: 6 }), (batches: PackEdit[][]) => {
        const expected = new Map<string, string>();
        const stored = new Map<string, CadreYear>();
        for (const edits of batches) {
          const keys = [...new Set(edits.map((e) => `${e.cadreId}|${e.period.slice(0, 4)}`))];
          const next = applyYearEdits(
            keys.map((k) => stored.get(k)),
            edits,
          );
          for (const y of next) {
            if (y.status === '-'.repeat(12)) stored.delete(`${y.cadreId}|${y.year}`);
            else stored.set(`${y.cadreId}|${y.year}`, y);
          }
          for (const e of edits) {
            if (e.status === null) expected.delete(`${e.cadreId}|${e.period}`);
            else expected.set(`${e.cadreId}|${e.period}`, e.status);
          }
        }
        const got = new Map([...monthsOf(stored.values())].map((m) => [`${m.cadreId}|${m.period}`, m.status]));
        expect(got).toEqual(expected);
      }),
    );
  });
});
