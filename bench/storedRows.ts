import type { IncomingRecord } from '../renderer/db/bulkLoad';
import { DOSSIER_FACT_PACKS, dossierFactsOfSet, withFacts, type DossierFactsOf } from '../renderer/db/dossierFacts';
import { DOSSIER_PACKS, packsOfSets, setsInReadOrder } from '../renderer/db/dossierPacks';
import type { SubRecordSet } from '../renderer/db/database';

// The rows the app's loader ends up storing for a batch (bulkLoadBatch, renderer/db/bulkLoad.ts), built without the
// app, for the benchmark's plain-IndexedDB baselines (bench/benchEntry.ts): the same rows put with raw
// IDBObjectStore.put show what the loader costs beyond IndexedDB's own work.
// test/unit/renderer/benchStoredRows.test.ts checks them against what the app stores.

const SUB = new Set(['career', 'education', 'family', 'rewards', 'assessments', 'posts', 'ranks']);

/** The kept facts of dossier sets (renderer/db/dossierFacts.ts), by cadre, as the app computes them. */
export function factsOfSets(sets: readonly object[]): Map<string, DossierFactsOf> {
  return new Map(sets.map((set) => [(set as { cadreId: string }).cadreId, dossierFactsOfSet(set as never)]));
}

/** The kept rows the app stores for the facts of a load's dossiers: their packs, each written once (deferDossierFacts). */
export function keptOfFacts(facts: ReadonlyMap<string, DossierFactsOf>): { table: string; row: object }[] {
  return withFacts(new Map(), facts).map((row) => ({ table: DOSSIER_FACT_PACKS, row }));
}

/** The rows the app stores for a batch: units and cadres as they are, sub-records in one set per dossier. */
export function asSets(batch: readonly IncomingRecord[]): { table: string; row: object }[] {
  const rows: { table: string; row: object }[] = [];
  const sets = new Map<string, Record<string, unknown>>();
  for (const { table, record } of batch) {
    if (!SUB.has(table)) {
      rows.push({ table, row: record });
      continue;
    }
    const cadreId = (record as unknown as { cadreId: string }).cadreId;
    let set = sets.get(cadreId);
    if (!set) sets.set(cadreId, (set = { cadreId }));
    ((set[table] as object[] | undefined) ?? (set[table] = [])).push(record);
  }
  for (const set of sets.values()) rows.push({ table: 'subRecords', row: set });
  return rows;
}

/** The dossier sets among asSets' rows. */
export const setsOf = (rows: readonly { table: string; row: object }[]): object[] => rows.filter((r) => r.table === 'subRecords').map((r) => r.row);

/**
 * asSets' rows as the app stores them: the sets of a batch of new dossiers in packs, a unit's together
 * (renderer/db/dossierPacks.ts; the packs' ids are new each time).
 */
export function asPacked(rows: readonly { table: string; row: object }[]): { table: string; row: object }[] {
  const cadres = rows.filter((r) => r.table === 'cadres').map((r) => r.row as { id: string; unitId: string });
  const packs = packsOfSets(setsInReadOrder(setsOf(rows) as SubRecordSet[], cadres)).map((row) => ({ table: DOSSIER_PACKS, row }));
  return [...rows.filter((r) => r.table !== 'subRecords'), ...packs];
}

/** The rows the app stores for one batch into an empty database, with its kept tables: packed sets, and the facts' packs. */
export function asStored(batch: readonly IncomingRecord[]): { table: string; row: object }[] {
  const rows = asSets(batch);
  return [...asPacked(rows), ...keptOfFacts(factsOfSets(setsOf(rows)))];
}
