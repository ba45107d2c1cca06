import type { CadreDb } from './database';
import { rowForRow, type KeptTable } from './keptTable';

// What a village posting's later promotion is computed from (docs/cultivation.md "Promotions after a posting"):
// each dossier's post levels and ranks with their months, in one small row per cadre (table promotionSteps, schema
// version 24). A year's statistics read these rows for the cadres posted that year instead of their whole dossier
// sets (about 5,000 sets at 100,000 cadres).
//
// A kept table (renderer/db/keptTable.ts), like 选拔任用's facts: each put, add or delete of a set puts or deletes
// its row in the write's own transaction, whoever writes it.

export const STEPS_TABLE = 'promotionSteps';
const SETS_TABLE = 'subRecords';

export interface PostStep {
  postLevel: string | null;
  from: string;
  to: string | null;
}
export interface RankStep {
  rank: string;
  from: string;
  to: string | null;
}

/** One cadre's live post levels and ranks, as promotionAfter (shared/rules/cultivation.ts) reads them. */
export interface StepsRow {
  cadreId: string;
  posts: PostStep[];
  ranks: RankStep[];
}

type Entry = { deleted?: boolean };
type SetLike = { cadreId: string; posts?: (Entry & PostStep)[]; ranks?: (Entry & RankStep)[] };

/** The row of one dossier set: its live posts and ranks, only the fields a promotion is judged by. */
export function stepsOfSet(set: SetLike): StepsRow {
  return {
    cadreId: set.cadreId,
    posts: (set.posts ?? []).filter((p) => !p.deleted).map((p) => ({ postLevel: p.postLevel, from: p.from, to: p.to })),
    ranks: (set.ranks ?? []).filter((r) => !r.deleted).map((r) => ({ rank: r.rank, from: r.from, to: r.to })),
  };
}

/** Keeps promotionSteps under every write of dossier sets, a row per set (renderer/db/keptTable.ts). */
export const promotionStepsKept: KeptTable = { table: STEPS_TABLE, sources: [SETS_TABLE], follow: rowForRow((set) => stepsOfSet(set as SetLike)) };

/** Fills promotionSteps from the dossier sets stored (schema version 24's upgrade), a chunk at a time. */
export async function fillSteps(read: { sets: (after: string | null, limit: number) => Promise<SetLike[]>; put: (rows: StepsRow[]) => Promise<unknown> }): Promise<void> {
  const CHUNK = 5_000;
  let after: string | null = null;
  for (;;) {
    const page = await read.sets(after, CHUNK);
    if (page.length) await read.put(page.map(stepsOfSet));
    if (page.length < CHUNK) return;
    after = page[page.length - 1]!.cadreId;
  }
}

/** The rows of some cadres, read now; a cadre with no dossier set has none. */
export async function readSteps(db: CadreDb, cadreIds: readonly string[]): Promise<Map<string, StepsRow>> {
  const rows = (await db.table<StepsRow, string>(STEPS_TABLE).bulkGet([...cadreIds])) as (StepsRow | undefined)[];
  return new Map(rows.flatMap((r) => (r ? [[r.cadreId, r]] : [])));
}
