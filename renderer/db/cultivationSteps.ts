import type { CadreDb } from './database';
import { fillFromSets } from './keptTable';
import { factsOfCadres } from './dossierFacts';

// What a village posting's later promotion is computed from (docs/cultivation.md "Promotions after a posting"):
// each dossier's post levels and ranks with their months, kept in one small row per cadre. A year's statistics read
// these rows for the cadres posted that year instead of their whole dossier sets (about 5,000 sets at 100,000
// cadres). Since schema version 38 they are kept in the packs of renderer/db/dossierFacts.ts, with 选拔任用's facts
// (versions 32–37: a row per cadre, dossierFacts; versions 24–31: a table of their own, promotionSteps, filled by
// fillSteps).

/** The table schema version 24 kept the steps in (dropped by version 32). */
export const V24_STEPS_TABLE = 'promotionSteps';

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

/** Fills promotionSteps from the dossier sets stored (schema version 24's upgrade), a chunk at a time. */
export function fillSteps(read: { sets: (after: string | null, limit: number) => Promise<SetLike[]>; put: (rows: StepsRow[]) => Promise<unknown> }): Promise<void> {
  return fillFromSets(read, stepsOfSet);
}

/** The rows of some cadres, read now; a cadre with no dossier set has none. */
export async function readSteps(db: CadreDb, cadreIds: readonly string[]): Promise<Map<string, StepsRow>> {
  const found = await factsOfCadres(db, cadreIds);
  return new Map([...found].map(([cadreId, f]) => [cadreId, { cadreId, posts: f.posts, ranks: f.ranks }]));
}
