import { z } from 'zod';

/** installation id (32 hex) → counter (docs/bundle-format.md "Sync in this code"). */
export const VersionVectorSchema = z.record(z.string().regex(/^[0-9a-f]{32}$/), z.number().int().nonnegative());
export type VersionVector = z.infer<typeof VersionVectorSchema>;

/**
 * A local write by `installationId`, whose counter stood at `counter` before it. Returns the record's new vector,
 * in which `vv[installationId]` is `max(counter, vv[installationId]) + 1` — that value is the installation's new
 * counter, which the caller must store. Taking the maximum means a record that already carries a higher counter
 * of this installation (a restored or re-created database, a lost counter row) never moves backwards: a vector
 * that went backwards would look old to every peer, and they would drop the edit.
 */
export function bump(vv: VersionVector, installationId: string, counter: number): VersionVector {
  return { ...vv, [installationId]: Math.max(counter, vv[installationId] ?? 0) + 1 };
}

/** Element-wise maximum: the vector of a record that has seen both histories (conflict resolution, knowledge). */
export function merge(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = Math.max(out[key] ?? 0, value);
  return out;
}

export type Order = 'equal' | 'before' | 'after' | 'concurrent';

/** Causal order of a relative to b (a missing entry counts as 0). */
export function compare(a: VersionVector, b: VersionVector): Order {
  let aAhead = false;
  let bAhead = false;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key] ?? 0;
    const y = b[key] ?? 0;
    if (x > y) aAhead = true;
    else if (y > x) bAhead = true;
  }
  if (aAhead && bAhead) return 'concurrent';
  if (aAhead) return 'after';
  if (bAhead) return 'before';
  return 'equal';
}

/** Whether some origin's counter in `vv` is above what `knows` holds of it: the record is news to that reader. */
export function isNewerThan(vv: VersionVector, knows: VersionVector): boolean {
  return Object.entries(vv).some(([origin, counter]) => counter > (knows[origin] ?? 0));
}
