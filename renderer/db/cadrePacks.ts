import type { DBCoreTable, DBCoreTransaction } from 'dexie';
import { fnv1a32 } from '../../shared/rules/fnv1a';

// Kept tables of per-cadre entries in packs (docs/architecture.md "Kept tables"): which classes each cadre is in
// (renderer/db/cadreClasses.ts) and each dossier's facts (renderer/db/dossierFacts.ts). IndexedDB's cost is per row
// written, so a cadre's entry lives in the pack its id hashes to, 1,024 packs a table. Stored packs depend on the
// hash and the count: they never change.

export const CADRE_BUCKETS = 1024;

/** The pack of a cadre's entry. */
export const cadreBucketOf = (cadreId: string): number => fnv1a32(cadreId) % CADRE_BUCKETS;

/** The packs of some cadres, each once. */
export const bucketsOfCadres = (cadreIds: Iterable<string>): number[] => [...new Set([...cadreIds].map(cadreBucketOf))];

/**
 * Reads the packs of `buckets` through `get`, edits them with `edit` (given them as stored, undefined for none yet)
 * and hands back the packs to put and the buckets left without cadres, to delete.
 */
export async function editedPacks<P extends { bucket: number }>(
  buckets: number[],
  get: (buckets: number[]) => PromiseLike<readonly (P | undefined)[]>,
  edit: (stored: ReadonlyMap<number, P | undefined>) => P[],
  cadresOf: (pack: P) => object,
): Promise<{ full: P[]; empty: number[] }> {
  const found = await get(buckets);
  const next = edit(new Map(buckets.map((b, i) => [b, found[i]])));
  const held = (p: P) => Object.keys(cadresOf(p)).length > 0;
  return { full: next.filter(held), empty: next.filter((p) => !held(p)).map((p) => p.bucket) };
}

/** Writes edited packs back in a kept table's follow-up: the full ones put, the emptied ones deleted, in `trans`. */
export async function writePacks(kept: DBCoreTable, trans: DBCoreTransaction, { full, empty }: { full: object[]; empty: number[] }): Promise<void> {
  if (full.length) await kept.mutate({ type: 'put', trans, values: full });
  if (empty.length) await kept.mutate({ type: 'delete', trans, keys: empty });
}
