// The loader benchmark's fair baseline (bench/storedRows.ts): the rows it puts with plain IndexedDB must be exactly
// the rows the app's loader stores — every store the load writes, kept tables included — or the ratio it gives
// the loader would compare different work.
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { asStored } from '../../../bench/storedRows';
import { bulkLoadBatch, type IncomingRecord } from '../../../renderer/db/bulkLoad';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { newId } from '../../../shared/ids';
import { generateDataset } from '../../../shared/synthetic/cadres';

let db: CadreDb;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('the loader benchmark’s plain-put rows', () => {
  it('are the rows the app’s loader stores, in every table it writes', async () => {
    db = openDatabase(`bench-stored-${newId()}`);
    const batch = [...generateDataset({ seed: 20261124, cadres: 60, installationId: 'b'.repeat(32), asOf: '2026-11', operator: '基准测试' })] as unknown as IncomingRecord[];
    await bulkLoadBatch(db, batch, { newDossiers: true });

    const keyOf = (table: string, row: object) => (row as Record<string, unknown>)[db.table(table).schema.primKey.keyPath as string];
    const expected = new Map<string, Map<unknown, object>>();
    for (const { table, row } of asStored(batch)) {
      const key = keyOf(table, row);
      (expected.get(table) ?? expected.set(table, new Map()).get(table)!).set(key, row);
    }
    const stored = new Map<string, Map<unknown, object>>();
    for (const table of db.tables) {
      const rows = (await table.toArray()) as object[];
      if (rows.length) stored.set(table.name, new Map(rows.map((r) => [keyOf(table.name, r), r])));
    }
    expect([...stored.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [table, rows] of expected) expect(stored.get(table), table).toEqual(rows);
    expect(expected.get('subRecords')!.size).toBe(60);
  });
});
