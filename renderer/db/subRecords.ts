import { SUB_RECORD_TABLE_NAMES, type SubRecordOf, type SubRecordTable } from '../../shared/domain/cadre';
import type { CadreDb, SubRecordSet } from './database';
import { noteChange } from './changes';

// Storage of sub-records: each dossier's entries live in one SubRecordSet row (schema version 4). These helpers
// are the only code that knows that; everything above them sees records of a table, as sync does. Each write of a
// set is announced as a change of `subRecords` with the cadre's id, beside the change of the record's own kind,
// so a view that keeps something per dossier knows which dossier changed.

export const isSubRecordTable = (table: string): table is SubRecordTable => (SUB_RECORD_TABLE_NAMES as string[]).includes(table);

/** Every entry of one kind in a dossier, tombstones included. */
export async function storedSubRecords<T extends SubRecordTable>(db: CadreDb, table: T, cadreId: string): Promise<SubRecordOf<T>[]> {
  const set = await db.subRecords.get(cadreId);
  return (set?.[table] ?? []) as SubRecordOf<T>[];
}

/** Puts `record` into `set` in place of the entry with its id, or appends it. */
function upsert(set: SubRecordSet, table: SubRecordTable, record: { id: string }): void {
  const list = (set[table] ?? []) as { id: string }[];
  const at = list.findIndex((r) => r.id === record.id);
  if (at >= 0) list[at] = record;
  else list.push(record);
  (set as Record<string, unknown>)[table] = list;
}

/** A store function for writeStored: the entry replaces its old version inside its dossier's set. */
export const storeSubRecord =
  (db: CadreDb, table: SubRecordTable, cadreId: string) =>
  async (record: { id: string }): Promise<void> => {
    const set = (await db.subRecords.get(cadreId)) ?? { cadreId };
    upsert(set, table, record);
    await db.subRecords.put(set);
    noteChange(db, 'subRecords', [cadreId]);
  };

/**
 * The dossiers' sets with records that came from elsewhere (a data set, later a bundle) put in, grouped per
 * dossier: one read per set, however many entries it gains. `newSets`: the caller knows no set of these dossiers
 * is stored (a load into a database that held none, never splitting a dossier across calls), so none is read.
 * Must run inside a transaction over db.subRecords; the caller writes the sets.
 */
export async function withSubRecords(
  db: CadreDb,
  records: readonly { table: SubRecordTable; record: { id: string; cadreId: string } }[],
  newSets = false,
): Promise<SubRecordSet[]> {
  const byCadre = new Map<string, { table: SubRecordTable; record: { id: string; cadreId: string } }[]>();
  for (const r of records) {
    const list = byCadre.get(r.record.cadreId);
    if (list) list.push(r);
    else byCadre.set(r.record.cadreId, [r]);
  }
  const ids = [...byCadre.keys()];
  const existing = newSets ? [] : await db.subRecords.bulkGet(ids);
  return ids.map((cadreId, i) => {
    const set = existing[i] ?? { cadreId };
    for (const { table, record } of byCadre.get(cadreId)!) upsert(set, table, record);
    return set;
  });
}
