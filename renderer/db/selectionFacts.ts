import type { RewardPunishment } from '../../shared/domain/cadre';
import type { CadreDb } from './database';
import { fillFromSets } from './keptTable';
import { allFacts, factsOfCadres } from './dossierFacts';

// The dossier facts the eligibility list and the candidate search read (docs/selection.md "Performance"), kept
// per cadre: post levels with their months, assessments, and the 奖惩 that can block. A dossier set holds some
// twenty records of every kind; reading 100,000 of them whole for these few fields took 33 s. Since schema version 38
// they are kept in the packs of renderer/db/dossierFacts.ts, with 培养历练's ranks (versions 32–37: a row per cadre,
// dossierFacts; versions 26–31: a table of their own, selectionFacts, filled by fillFacts).

/** The table schema version 26 kept the facts in (dropped by version 32). */
export const V26_FACTS_TABLE = 'selectionFacts';

/** What the district lists read of a dossier: post history, assessments, and the 奖惩 that can block. */
export interface DossierFacts {
  posts: { postLevel: string | null; from: string; to: string | null }[];
  assessments: { year: number; grade: string }[];
  rewards: RewardPunishment[];
}

export type FactsRow = DossierFacts & { cadreId: string };

type Entry = { deleted?: boolean };
type SetLike = { cadreId: string; posts?: (Entry & { postLevel: string | null; from: string; to: string | null })[]; assessments?: (Entry & { year: number; grade: string })[]; rewards?: RewardPunishment[] };

/** The facts of one dossier set: live entries only, and of 奖惩 only what can block promotion. */
export function factsOfSet(set: SetLike): FactsRow {
  return {
    cadreId: set.cadreId,
    posts: (set.posts ?? []).filter((p) => !p.deleted).map((p) => ({ postLevel: p.postLevel, from: p.from, to: p.to })),
    assessments: (set.assessments ?? []).filter((a) => !a.deleted).map((a) => ({ year: a.year, grade: a.grade })),
    rewards: (set.rewards ?? []).filter((r) => !r.deleted && r.kind !== 'reward'),
  };
}

/** Fills selectionFacts from the dossier sets stored (schema version 26's upgrade), a chunk at a time. */
export function fillFacts(read: { sets: (after: string | null, limit: number) => Promise<SetLike[]>; put: (rows: FactsRow[]) => Promise<unknown> }): Promise<void> {
  return fillFromSets(read, factsOfSet);
}

/** Every cadre's facts (the packs of renderer/db/dossierFacts.ts, read a few hundred at a time). */
export function readAllFacts(db: CadreDb): Promise<Map<string, DossierFacts>> {
  return allFacts(db);
}

/** The facts of some cadres, read now (a cadre with no dossier set gets empty facts). */
export async function readFacts(db: CadreDb, cadreIds: readonly string[]): Promise<Map<string, DossierFacts>> {
  const found = await factsOfCadres(db, cadreIds);
  return new Map(cadreIds.map((id) => [id, found.get(id) ?? { posts: [], assessments: [], rewards: [] }]));
}
