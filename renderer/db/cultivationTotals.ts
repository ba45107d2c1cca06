import type { Table } from 'dexie';
import type { Enrollment } from '../../shared/domain/cultivation';
import { shareOf, totalKey, withShare, type Share, type TotalsColumns, type TraineeYear } from '../../shared/rules/cultivationTotals';
import type { CadreDb } from './database';
import { columnsOfYear, rowsOfYear } from './cultivationPacks';

// The per-(year, trainee) rows of hours and audiences (schema version 14, docs/cultivation.md "Hours kept per
// year"). Only the repository of renderer/db/cultivation.ts writes enrolments, and it calls `keepTotals` inside
// the same transaction as each write, with the enrolment as it was and as it is: the row then moves with it, or
// neither does.

export const traineeYears = (db: CadreDb) => db.table('traineeYears') as Table<TraineeYear, [number, string]>;

/** One enrolment's state before and after a write, each with its class's audience; undefined: not live. */
export interface EnrollmentChange {
  before?: { enrollment: Enrollment; audience: string };
  after?: { enrollment: Enrollment; audience: string };
}

const live = (side: EnrollmentChange['before']): Share | null => (side && !side.enrollment.deleted ? shareOf(side.enrollment, side.audience) : null);

/** Applies the changes to the rows they touch: reads them at once, then writes or deletes each. */
export async function keepTotals(db: CadreDb, changes: readonly EnrollmentChange[]): Promise<void> {
  const steps: { share: Share; sign: 1 | -1 }[] = [];
  for (const c of changes) {
    const before = live(c.before);
    const after = live(c.after);
    if (before) steps.push({ share: before, sign: -1 });
    if (after) steps.push({ share: after, sign: 1 });
  }
  if (!steps.length) return;
  const table = traineeYears(db);
  const id = (s: Share) => `${s.year}\u0000${s.trainee}`;
  const keys = [...new Map(steps.map((s) => [id(s.share), totalKey(s.share)])).entries()];
  const stored = await table.bulkGet(keys.map(([, k]) => k));
  const rows = new Map<string, TraineeYear | null>(keys.map(([k], i) => [k, stored[i] ?? null]));
  for (const { share, sign } of steps) rows.set(id(share), withShare(rows.get(id(share)) ?? undefined, share, sign));
  const put = [...rows.values()].filter((r): r is TraineeYear => r !== null);
  const gone = keys.filter(([k]) => rows.get(k) === null).map(([, key]) => key);
  if (put.length) await table.bulkPut(put);
  if (gone.length) await table.bulkDelete(gone);
}

/**
 * The rows of a year, in no particular order, read from their packs (renderer/db/cultivationPacks.ts: a few
 * hundred rows, not one per trainee); `cadresOnly` leaves out trainees outside the registry.
 */
export function totalsOfYear(db: CadreDb, year: number, cadresOnly = false): Promise<TraineeYear[]> {
  return rowsOfYear(db, year, cadresOnly);
}

/** The year's totals in columns, as its packs hold them: what the shortfall list and the statistics read. */
export function totalColumnsOfYear(db: CadreDb, year: number): Promise<TotalsColumns[]> {
  return columnsOfYear(db, year);
}
