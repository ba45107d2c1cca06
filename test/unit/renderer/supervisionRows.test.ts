// @vitest-environment node
// Node's own Blob (the backup's writer and reader use it; see restore.test.ts).
// The log's rows of ten blocks (schema version 29, renderer/db/supervision.ts): the write that completes a stretch
// of ten sealed blocks joins them into one row; the log reads, signs and verifies across it, and an entry changed
// inside the row is named; a backup carries the rows exactly, and a backup made before version 29 restores into
// rows of the very same entries.
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createCadre } from '../../../renderer/db/cadres';
import { currentDatabaseName } from '../../../renderer/db/databaseName';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import type { WriteContext } from '../../../renderer/db/repository';
import { schemaVersions } from '../../../renderer/db/schema';
import { chainBlocksTable, chainTable, signPending, storeLogged, verifyChain, writeSupervision } from '../../../renderer/db/supervision';
import { createUnit } from '../../../renderer/db/units';
import { writeBackup } from '../../../renderer/features/backup/backupFile';
import { openBackup, restoreBackup } from '../../../renderer/features/backup/restore';
import { clueType } from '../../../shared/domain/supervision';
import { newId } from '../../../shared/ids';
import { BLOCK_SIZE, nextEntry, packBlock, ROW_SIZE, unpackBlock, type ChainEntry } from '../../../shared/rules/supervisionChain';
import { sampleCadreInput } from '../../fixtures/cadre';
import { fakeChainSigner } from './fakeChainSigner';
import { loggedClues } from './loggedClues';
import { fakeExchange } from './fakeExchange';
import { memoryStorage } from './memoryStorage';

const ME = 'c'.repeat(32);
const PASS = 'correct horse battery';
let clock = Date.UTC(2026, 5, 1);
const ctx: WriteContext = { actor: { installationId: ME, operator: '干部监督科' }, now: () => (clock += 1000) };

/** `n` clues stored in bulk, each with `versions` versions logged: n × versions entries. */
const clues = (n: number, versions: number) => loggedClues(ME, n, versions);

const opened: CadreDb[] = [];
const track = (db: CadreDb) => (opened.push(db), db);
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
  for (const d of await indexedDB.databases()) if (d.name?.startsWith('cadredesk')) await Dexie.delete(d.name);
});

const rows = async (db: CadreDb) => ({ blocks: await chainBlocksTable(db).toArray(), open: await chainTable(db).toArray() });

describe('the log in rows of ten blocks', () => {
  it('the write that completes a stretch joins its blocks into one row; the log signs and verifies across it, and an entry changed in it is named', async () => {
    const db = track(openDatabase(`supervision-rows-${newId()}`));
    const main = fakeChainSigner();
    // 9 blocks and 195 open entries, then single writes across the stretch's end
    expect(await storeLogged(db, clues(399, 5), Date.UTC(2026, 5, 1))).toBe(ROW_SIZE - 5);
    expect([await chainBlocksTable(db).count(), await chainTable(db).count()]).toEqual([9, BLOCK_SIZE - 5]);
    await signPending(db, main);
    const unit = await createUnit(db, ctx, null, '区委组织部');
    const cadreId = (await createCadre(db, ctx, { ...sampleCadreInput({ unitId: unit.id }), name: '王芳' })).id;
    for (let i = 0; i < 7; i++) await writeSupervision(db, ctx, clueType, { kind: 'create', input: { cadreId, channel: 'petition', received: '2026-06-01', summary: `逐条${i}` } }, main);
    const { blocks, open } = await rows(db);
    expect(blocks.map((b) => b.start)).toEqual([1]);
    expect(unpackBlock(blocks[0]).map((e) => e.seq)).toEqual(Array.from({ length: ROW_SIZE }, (_, i) => i + 1));
    expect(open.map((e) => e.seq)).toEqual([ROW_SIZE + 1, ROW_SIZE + 2]);
    expect(main.heads.at(-1)?.seq).toBe(ROW_SIZE + 2);
    const sound = { entries: ROW_SIZE + 2, signatureValid: true, unsigned: 0, broken: null, gaps: [] };
    expect(await verifyChain(db, main, ME)).toEqual(sound);
    expect(await verifyChain(db, main, ME, 300)).toEqual(sound);
    // an entry changed inside the row, straight in IndexedDB
    await chainBlocksTable(db).put(packBlock(unpackBlock(blocks[0]).map((e) => (e.seq === 1_234 ? { ...e, by: '他人' } : e))));
    expect((await verifyChain(db, main, ME)).broken).toMatchObject({ seq: 1_234, reason: expect.stringContaining('与其哈希不符') });
  });

  it('a backup carries the rows exactly; one made before version 29 restores into rows of the very same entries', async () => {
    memoryStorage();
    const api = fakeExchange({ installationId: ME, name: '本机', fingerprint: 'AAAA-BBBB' });
    const entries: ChainEntry[] = [];
    for (let i = 0; i < ROW_SIZE + BLOCK_SIZE + 20; i++) entries.push(nextEntry(entries.at(-1), { at: 1_700_000_000_000 + i, table: 'clues', recordId: `clue-${i % 37}`, action: 'update', digest: 'ab'.repeat(32), by: '导入（区委组织部）' }));
    const sealedCount = ROW_SIZE + BLOCK_SIZE;
    const restoreFrom = async (db: CadreDb, path: string) => {
      await writeBackup(db, api, { path, passphrase: PASS, operator: '李明' });
      await restoreBackup(db, api, await openBackup(api, { path, passphrase: PASS, installationId: ME }), { safetyPath: null, passphrase: PASS, operator: '李明' });
      const restored = track(openDatabase(currentDatabaseName()));
      await restored.open();
      return restored;
    };

    // version 28 stored blocks of 200
    const v28 = track(openDatabase(`supervision-v28-${newId()}`, schemaVersions.filter((v) => v.version <= 28)));
    await v28.open();
    const blocks28 = Array.from({ length: sealedCount / BLOCK_SIZE }, (_, b) => packBlock(entries.slice(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE)));
    await v28.table('supervisionChainBlocks').bulkAdd(blocks28);
    await v28.table('supervisionChain').bulkAdd(entries.slice(sealedCount));
    const fromOld = await restoreFrom(v28, '/u/v28.cadre');
    const upgraded = await rows(fromOld);
    expect(upgraded.blocks.map((b) => b.start)).toEqual([1, ROW_SIZE + 1]);
    expect(upgraded.blocks.flatMap(unpackBlock)).toEqual(entries.slice(0, sealedCount));
    expect(upgraded.open).toEqual(entries.slice(sealedCount));
    expect((await verifyChain(fromOld, fakeChainSigner(), ME)).broken).toBeNull();

    // and a backup of that, made now, restores the very same rows
    const again = await restoreFrom(fromOld, '/u/v29.cadre');
    expect(await rows(again)).toEqual(upgraded);
  });
});
