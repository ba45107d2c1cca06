import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { createUnit } from '../../../renderer/db/units';
import { deleteRecord } from '../../../renderer/db/records';
import type { WriteContext } from '../../../renderer/db/repository';
import { actOnReport, bulkPutReports, createReport, performanceTable } from '../../../renderer/db/performance';
import { cadreMonthRows, MONTHS_TABLE, type MonthRow } from '../../../renderer/db/performanceMonths';
import { unitMatrix } from '../../../renderer/db/performanceAnalysis';
import { performanceType, type PerformanceRecord } from '../../../shared/domain/performance';
import { newId } from '../../../shared/ids';
import { monthlyInput, numberedCadre } from './performanceFixture';

// performanceMonths (schema version 23): one small row per live monthly report — cadre, month, status — kept by
// a middleware under every write of performanceRecords in the same transaction; a unit's matrix reads it.

const ME = 'a'.repeat(32);
const NOW = Date.UTC(2025, 5, 15, 8); // 2025-06-15
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => NOW };
const unitSide = { installation: '本单位' };

let db: CadreDb;
let unitId: string;
beforeEach(async () => {
  db = openDatabase(`performance-months-${newId()}`);
  await db.open();
  unitId = (await createUnit(db, ctx, null, '教育局')).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const cadre = (n: number) => numberedCadre(db, ctx, unitId, n);
const monthly = monthlyInput;
const rows = async () => ((await db.table(MONTHS_TABLE).toArray()) as MonthRow[]).map(({ cadreId, period, status }) => `${cadreId === '' ? '?' : cadreId}|${period}|${status}`).sort();

describe('performanceMonths', () => {
  it('follows every kind of write: created, acted on, other kinds left out, deleted, stored in bulk, cleared', async () => {
    const a = await cadre(1);
    const b = await cadre(2);
    const jan = await createReport(db, ctx, monthly(a.id, '2025-01'));
    await createReport(db, ctx, { cadreId: a.id, kind: 'weekly', period: '2025-W03', summary: '本周小结' });
    await createReport(db, ctx, { cadreId: a.id, kind: 'quarterly', period: '2025-Q1', checkedBy: '王五', findings: '良好', rating: 'good' });
    expect(await rows()).toEqual([`${a.id}|2025-01|draft`]);

    await actOnReport(db, ctx, jan.id, a.id, { type: 'submit' }, unitSide);
    await actOnReport(db, ctx, jan.id, a.id, { type: 'unitApprove' }, unitSide);
    const feb = await createReport(db, ctx, monthly(b.id, '2025-02'));
    expect(await rows()).toEqual([`${a.id}|2025-01|unitReviewed`, `${b.id}|2025-02|draft`].sort());

    await deleteRecord(db, ctx, performanceType, feb.id, { cadreId: b.id });
    expect((await performanceTable(db).get(feb.id))?.deleted).toBe(true); // a tombstone stays; its row goes
    expect(await rows()).toEqual([`${a.id}|2025-01|unitReviewed`]);

    const stored = (await performanceTable(db).get(jan.id))!;
    const bulk: PerformanceRecord[] = ['2025-03', '2025-04'].map((period) => ({ ...stored, id: `${b.id}-${period}`, cadreId: b.id, period, status: 'approved' as const }));
    await bulkPutReports(db, [...bulk, { ...stored, status: 'returned' }]);
    expect(await rows()).toEqual([`${a.id}|2025-01|returned`, `${b.id}|2025-03|approved`, `${b.id}|2025-04|approved`].sort());

    // what the read gives: a cadre's rows of a range
    expect((await cadreMonthRows(db, b.id, '2025-01', '2025-12')).map((r) => r.period)).toEqual(['2025-03', '2025-04']);
    expect((await cadreMonthRows(db, b.id, '2025-04', '2025-12')).map((r) => [r.id, r.status])).toEqual([[`${b.id}-2025-04`, 'approved']]);
    expect(await cadreMonthRows(db, a.id, '2025-02', '2025-12')).toEqual([]);

    await performanceTable(db).clear();
    expect(await rows()).toEqual([]);
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
    expect(await rows()).toEqual([`${a.id}|2025-01|draft`]);
  });

  it('is what a unit’s matrix counts: a submitted report collected, a draft not', async () => {
    const a = await cadre(1);
    const b = await cadre(2);
    const r = await createReport(db, ctx, monthly(a.id, '2025-03'));
    await actOnReport(db, ctx, r.id, a.id, { type: 'submit' }, unitSide);
    await createReport(db, ctx, monthly(b.id, '2025-03'));
    expect((await unitMatrix(db, [unitId], 2025, '2025-06')).byMonth[2]).toEqual({ due: 2, done: 1, rate: 0.5 });
    // a row alone (as if written past the middleware) is what counts: the reports are not read
    await db.table(MONTHS_TABLE).put({ id: 'only-a-row', cadreId: b.id, period: '2025-03', status: 'approved' });
    expect((await unitMatrix(db, [unitId], 2025, '2025-06')).byMonth[2]!.done).toBe(2);
  });
});
