import { rowForRow, type KeptTable } from './keptTable';
import { factsOfSet, type DossierFacts } from './selectionFacts';
import { stepsOfSet, type RankStep } from './cultivationSteps';

// One small kept row per dossier (table dossierFacts, schema version 32) with what the district-wide reads need of
// it: 选拔任用's post levels, assessments and blocking 奖惩 (renderer/db/selectionFacts.ts) and 培养历练's post levels
// and ranks (renderer/db/cultivationSteps.ts). Until version 32 these were two kept tables, selectionFacts (26) and
// promotionSteps (24), both following every write of a dossier set: IndexedDB's cost is per row written, and a
// load of 10,000 cadres wrote four rows a cadre (the cadre, its set and the two kept rows), so one row for both
// takes a quarter of the rows out of every dossier write.
//
// A kept table (renderer/db/keptTable.ts): each put, add or delete of a dossier set puts or deletes its row, in
// the write's own transaction, whoever writes it. temperingYearPacks follows this table in turn (a posting's
// later promotion, renderer/db/cultivationTempering.ts).

export const DOSSIER_FACTS_TABLE = 'dossierFacts';
const SETS_TABLE = 'subRecords';

/** The kept row of one dossier: the selection facts and the ranks with their months. */
export type DossierFactsRow = DossierFacts & { cadreId: string; ranks: RankStep[] };

type SetLike = Parameters<typeof factsOfSet>[0] & Parameters<typeof stepsOfSet>[0];

/** The row of one dossier set: live entries only, by the same rules as the two tables it replaces. */
export function dossierFactsOfSet(set: SetLike): DossierFactsRow {
  return { ...factsOfSet(set), ranks: stepsOfSet(set).ranks };
}

/** Keeps dossierFacts under every write of dossier sets, a row per set (renderer/db/keptTable.ts). */
export const dossierFactsKept: KeptTable = { table: DOSSIER_FACTS_TABLE, sources: [SETS_TABLE], follow: rowForRow((set) => dossierFactsOfSet(set as SetLike)) };

type Keyed = { cadreId: string };

/**
 * Fills dossierFacts from the two tables it replaces (schema version 32's upgrade), a chunk of cadres at a time:
 * reading their small rows rather than the whole dossier sets (33 s at 100,000 cadres). A cadre in only one of
 * them (which their middlewares never left) gets what that one holds.
 */
export async function fillDossierFacts(read: {
  keys: () => Promise<string[]>;
  facts: (ids: string[]) => Promise<(DossierFactsRow | undefined)[]>;
  steps: (ids: string[]) => Promise<(Keyed & { posts: DossierFactsRow['posts']; ranks: RankStep[] } | undefined)[]>;
  put: (rows: DossierFactsRow[]) => Promise<unknown>;
}): Promise<void> {
  const CHUNK = 5_000;
  const ids = [...new Set(await read.keys())].sort();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const [facts, steps] = await Promise.all([read.facts(chunk), read.steps(chunk)]);
    await read.put(
      chunk.map((cadreId, j) => {
        const f = facts[j];
        const s = steps[j];
        return { cadreId, posts: f?.posts ?? s?.posts ?? [], assessments: f?.assessments ?? [], rewards: f?.rewards ?? [], ranks: s?.ranks ?? [] };
      }),
    );
  }
}
