// The loader benchmark's fair baseline (bench/storedRows.ts): the rows it puts with plain IndexedDB must be exactly
// the rows the app's loader stores — every store the load writes, kept tables included — or the ratio it gives
// the loader would compare different work.
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { asStored } from '../../../bench/storedRows';
import { bulkLoadBatch, type IncomingRecord } from '../../../renderer/db/bulkLoad';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { newId } from '../../../shared/ids';
import { DOSSIER_PACKS, type DossierPack } from '../../../renderer/db/dossierPacks';
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

    // a pack's id is new at each write: packs are compared by what they hold, in the order written
    const keyOf = (table: string, row: object) => (table === DOSSIER_PACKS ? (row as DossierPack).cadreIds.join() : (row as Record<string, unknown>)[db.table(table).schema.primKey.keyPath as string]);
    const withoutIds = (row: object) => (row as DossierPack).packId ? { ...row, packId: '' } : row;
    const expected = new Map<string, Map<unknown, object>>();
    for (const { table, row } of asStored(batch)) {
      const key = keyOf(table, row);
      (expected.get(table) ?? expected.set(table, new Map()).get(table)!).set(key, withoutIds(row));
    }
    const stored = new Map<string, Map<unknown, object>>();
    // subRecords is empty as stored: the middleware shows the packs' sets through it
    for (const table of db.tables.filter((t) => t.name !== 'subRecords')) {
      const rows = (await table.toArray()) as object[];
      if (rows.length) stored.set(table.name, new Map(rows.map((r) => [keyOf(table.name, r), withoutIds(r)])));
    }
    expect([...stored.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [table, rows] of expected) expect(stored.get(table), table).toEqual(rows);
    expect([...expected.get(DOSSIER_PACKS)!.values()].flatMap((p) => (p as DossierPack).cadreIds)).toHaveLength(60);
    expect(await db.subRecords.count()).toBe(60);
  });
});
