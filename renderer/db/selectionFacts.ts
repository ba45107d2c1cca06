import type { RewardPunishment } from '../../shared/domain/cadre';
import type { CadreDb } from './database';
import { fillFromSets } from './keptTable';
import { DOSSIER_FACTS_TABLE } from './dossierFacts';

// The dossier facts the eligibility list and the candidate search read (docs/selection.md "Performance"), kept
// per cadre in a small row: post levels with their months, assessments, and the 奖惩 that can block. A dossier set
// holds some twenty records of every kind; reading 100,000 of them whole for these few fields took 33 s. Since
// schema version 32 the row is the cadre's row of dossierFacts (renderer/db/dossierFacts.ts), which also holds
// 培养历练's ranks; versions 26–31 kept these facts in a table of their own, selectionFacts (filled by fillFacts).

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

/** Every cadre's facts, read a key range at a time (one getAll per 10,000 small rows). */
export async function readAllFacts(db: CadreDb): Promise<Map<string, DossierFacts>> {
  const CHUNK = 10_000;
  const table = db.table<FactsRow, string>(DOSSIER_FACTS_TABLE);
  const out = new Map<string, DossierFacts>();
  let after: string | null = null;
  for (;;) {
    const page: FactsRow[] = await (after === null ? table.toCollection() : table.where(':id').above(after)).limit(CHUNK).toArray();
    for (const row of page) out.set(row.cadreId, row);
    if (page.length < CHUNK) return out;
    after = page[page.length - 1]!.cadreId;
  }
}

/** The facts of some cadres, read now (a cadre with no dossier set gets empty facts). */
export async function readFacts(db: CadreDb, cadreIds: readonly string[]): Promise<Map<string, DossierFacts>> {
  const rows = (await db.table<FactsRow, string>(DOSSIER_FACTS_TABLE).bulkGet([...cadreIds])) as (FactsRow | undefined)[];
  return new Map(cadreIds.map((id, i) => [id, rows[i] ?? { posts: [], assessments: [], rewards: [] }]));
}
