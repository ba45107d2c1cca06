import type { CadreDb } from './database';

/** The synced tables a bulk load may write (DESIGN.md "Which data syncs"). */
export const SYNCED_TABLES = ['units', 'cadres', 'career', 'education', 'family', 'rewards', 'assessments', 'posts', 'ranks'] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

export interface IncomingRecord {
  table: string;
  record: { id: string; vv: Record<string, number> };
}

/**
 * Writes records that came from elsewhere (a data set, later a bundle) keeping their version vectors — imports
 * never bump (BUNDLE.md "Sync semantics") — one transaction per batch with bulkPut. The local counter and the
 * audit log are untouched: nothing here is a local edit. Unknown tables refuse the whole batch.
 */
export async function bulkLoadBatch(db: CadreDb, batch: readonly IncomingRecord[]): Promise<void> {
  const byTable = new Map<SyncedTable, object[]>();
  for (const { table, record } of batch) {
    if (!(SYNCED_TABLES as readonly string[]).includes(table)) throw new Error(`不能导入未知的数据表“${table}”`);
    const list = byTable.get(table as SyncedTable);
    if (list) list.push(record);
    else byTable.set(table as SyncedTable, [record]);
  }
  const tables = [...byTable.keys()].map((t) => db.table(t));
  await db.transaction('rw', tables, async () => {
    for (const [table, records] of byTable) await db.table(table).bulkPut(records);
  });
}
