import type { SubRecordTable } from '../../shared/domain/cadre';
import type { CadreDb } from './database';
import { noteChange } from './changes';
import { isSubRecordTable, withSubRecords } from './subRecords';
import { packNewDossiers, setsInReadOrder } from './dossierPacks';

/**
 * The synced tables a bulk load may write (docs/architecture.md#which-data-syncs-and-how-ids-are-made); sub-record
 * kinds by name.
 */
export const SYNCED_TABLES = ['units', 'cadres', 'career', 'education', 'family', 'rewards', 'assessments', 'posts', 'ranks'] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

export interface IncomingRecord {
  table: string;
  record: { id: string; vv: Record<string, number> };
}

export interface BulkLoadOptions {
  /**
   * No dossier of the batch has stored sub-records yet (a load into a database that held none, whose batches
   * never split a dossier): each set is written without reading it first, packed with others of its unit.
   */
  newDossiers?: boolean;
}

/**
 * Writes records that came from elsewhere (a data set, later a bundle) keeping their version vectors — imports
 * never bump (docs/bundle-format.md#sync-semantics) — one transaction per batch with bulkPut. The local counter and the
 * audit log are untouched: nothing here is a local edit. Unknown tables refuse the whole batch.
 */
export async function bulkLoadBatch(db: CadreDb, batch: readonly IncomingRecord[], options: BulkLoadOptions = {}): Promise<void> {
  const byTable = new Map<SyncedTable, object[]>();
  for (const { table, record } of batch) {
    if (!(SYNCED_TABLES as readonly string[]).includes(table)) throw new Error(`不能导入未知的数据表“${table}”`);
    const list = byTable.get(table as SyncedTable);
    if (list) list.push(record);
    else byTable.set(table as SyncedTable, [record]);
  }
  const subs: { table: SubRecordTable; record: { id: string; cadreId: string } }[] = [];
  const rows = new Map<'units' | 'cadres', object[]>();
  for (const [table, records] of byTable) {
    if (isSubRecordTable(table)) for (const record of records) subs.push({ table, record: record as { id: string; cadreId: string } });
    else rows.set(table, records);
  }
  const stores = [...[...rows.keys()].map((t) => db.table(t)), ...(subs.length ? [db.subRecords] : [])];
  await db.transaction('rw', stores, async () => {
    for (const [table, records] of rows) {
      await db.table(table).bulkPut(records);
      noteChange(db, table, records.map((r) => (r as { id: string }).id));
    }
    if (subs.length) {
      let sets = await withSubRecords(db, subs, options.newDossiers);
      if (options.newDossiers) {
        // packed unread, a unit's dossiers together (renderer/db/dossierPacks.ts): reads go a unit at a time
        sets = setsInReadOrder(sets, (rows.get('cadres') ?? []) as { id: string; unitId: string }[]);
        packNewDossiers(sets);
      }
      await db.subRecords.bulkPut(sets);
      noteChange(db, 'subRecords', sets.map((set) => set.cadreId));
      const ids = new Map<string, string[]>();
      for (const { table, record } of subs) (ids.get(table) ?? ids.set(table, []).get(table)!).push(record.id);
      for (const [table, list] of ids) noteChange(db, table, list);
    }
  });
}
