import { z } from 'zod';

/** installation id (32 hex) → counter (docs/bundle-format.md#sync-semantics). */
export const VersionVectorSchema = z.record(z.string().regex(/^[0-9a-f]{32}$/), z.number().int().nonnegative());
export type VersionVector = z.infer<typeof VersionVectorSchema>;

/** A local write: the record's vector takes this installation's freshly incremented counter. */
export function bump(vv: VersionVector, installationId: string, counter: number): VersionVector {
  return { ...vv, [installationId]: counter };
}

export type Order = 'equal' | 'before' | 'after' | 'concurrent';

/** Causal order of a relative to b. */
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
