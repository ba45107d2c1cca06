import type { Enrollment } from '../../shared/domain/cultivation';
import { shareOf, totalKey, withShare, type Share, type TotalsColumns, type TraineeYear } from '../../shared/rules/cultivationTotals';
import type { CadreDb } from './database';
import { columnsOfYear, editRows, rowsOfYear } from './cultivationPacks';

// The per-(year, trainee) totals of hours and audiences (docs/cultivation.md "Hours kept per year"), kept in the
// packs of renderer/db/cultivationPacks.ts. Only the repository of renderer/db/cultivation.ts (and the demo load)
// writes enrolments, and it calls `keepTotals` inside the same transaction as each write, with the enrolment as it
// was and as it is: the totals then move with it, or neither does.

export { totalPacks } from './cultivationPacks';

/** One enrolment's state before and after a write, each with its class's audience; undefined: not live. */
export interface EnrollmentChange {
  before?: { enrollment: Enrollment; audience: string };
  after?: { enrollment: Enrollment; audience: string };
}

const live = (side: EnrollmentChange['before']): Share | null => (side && !side.enrollment.deleted ? shareOf(side.enrollment, side.audience) : null);

/** Applies the changes to the totals they touch: the packs holding them read at once, each written back once. */
export async function keepTotals(db: CadreDb, changes: readonly EnrollmentChange[]): Promise<void> {
  const steps: { share: Share; sign: 1 | -1 }[] = [];
  for (const c of changes) {
    const before = live(c.before);
    const after = live(c.after);
    if (before) steps.push({ share: before, sign: -1 });
    if (after) steps.push({ share: after, sign: 1 });
  }
  if (!steps.length) return;
  await editRows(db, steps.map((s) => totalKey(s.share)), (rows, keyOf) => {
    for (const { share, sign } of steps) {
      const key = keyOf(totalKey(share));
      rows.set(key, withShare(rows.get(key) ?? undefined, share, sign));
    }
  });
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
