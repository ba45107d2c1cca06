import type { IncomingRecord } from '../renderer/db/bulkLoad';
import { DOSSIER_FACTS_TABLE, dossierFactsOfSet } from '../renderer/db/dossierFacts';

// The rows the app's loader ends up storing for a batch (bulkLoadBatch, renderer/db/bulkLoad.ts), built without the
// app, for the benchmark's plain-IndexedDB baselines (bench/benchEntry.ts): the same rows put with raw
// IDBObjectStore.put show what the loader costs beyond IndexedDB's own work.
// test/unit/renderer/benchStoredRows.test.ts checks them against what the app stores.

const SUB = new Set(['career', 'education', 'family', 'rewards', 'assessments', 'posts', 'ranks']);

/** The kept rows the app's middlewares write for each dossier set (renderer/db/keptTable.ts), by the same functions. */
export const KEPT_OF_SET: readonly { table: string; rowOf: (set: never) => object }[] = [
  { table: DOSSIER_FACTS_TABLE, rowOf: dossierFactsOfSet },
];

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

/** The rows the app stores for a batch with its kept tables: asSets, and each set's kept rows. */
export function asStored(batch: readonly IncomingRecord[]): { table: string; row: object }[] {
  const rows = asSets(batch);
  const sets = rows.filter((r) => r.table === 'subRecords');
  for (const { table, rowOf } of KEPT_OF_SET) for (const { row } of sets) rows.push({ table, row: rowOf(row as never) });
  return rows;
}
