// @vitest-environment node
// Node's own Blob (the backup carries a photo; see failureInjection.ts).
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import type { WriteContext } from '../../../renderer/db/repository';
import { createUnit, renameUnit } from '../../../renderer/db/units';
import { createCadre } from '../../../renderer/db/cadres';
import { setCadrePhoto } from '../../../renderer/db/blobs';
import { currentDatabaseName, removeAbandonedRestore, takeAbandonedRestore } from '../../../renderer/db/databaseName';
import type { Locks } from '../../../renderer/db/windowLocks';
import { backupHistory, writeBackup } from '../../../renderer/features/backup/backupFile';
import { CHANGED_MEANWHILE_MESSAGE, MID_IMPORT_MESSAGE, madeElsewhere, openBackup, restoreBackup } from '../../../renderer/features/backup/restore';
import { stageLines } from '../../../renderer/sync/importer';
import { newId } from '../../../shared/ids';
import { sampleCadreInput } from '../../fixtures/cadre';
import { dumpDatabase } from './failureInjection';
import { fakeExchange, type FakeExchange } from './fakeExchange';
import { idNumberOf } from './syncHarness';
import { loadDemoData } from '../../../renderer/features/demoData/loadDemoData';
import { memoryStorage } from './memoryStorage';

// The restore's own refusals (docs/architecture.md "Backup and restore"): a database in the middle of an import,
// and data that changed while the restore ran; both leave the data in use exactly as it was.

const ME = '0123456789abcdef0123456789abcdef';
const PASS = 'correct horse battery';
let clock = 1_700_000_000_000;
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => ++clock };

let db: CadreDb;
let api: FakeExchange;
let unitId: string;

beforeEach(async () => {
  memoryStorage();
  db = openDatabase(`restore-${newId()}`);
  await db.open();
  const unit = await createUnit(db, ctx, null, '新城区教育局');
  unitId = unit.id;
  const cadre = await createCadre(db, ctx, sampleCadreInput({ unitId, birth: '1975-06', idNumber: idNumberOf(1), name: '王芳' }));
  await setCadrePhoto(db, ctx, cadre.id, new Blob([new Uint8Array([0xff, 0xd8, 7, 0xff, 0xd9])], { type: 'image/jpeg' }));
  api = fakeExchange({ installationId: ME, name: '本机', fingerprint: 'AAAA-BBBB' });
  await writeBackup(db, api, { path: '/u/backup.cadre', passphrase: PASS, operator: '李明' });
  await renameUnit(db, ctx, unitId, '新城区教育局（改名后）');
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
  for (const d of await indexedDB.databases()) if (d.name?.startsWith('cadredesk')) await Dexie.delete(d.name);
});

const restore = async (locks?: Locks) =>
  restoreBackup(db, api, await openBackup(api, { path: '/u/backup.cadre', passphrase: PASS, installationId: ME }), {
    safetyPath: '/data/backups/safety.cadre',
    passphrase: PASS,
    operator: '李明',
    ...(locks ? { locks } : {}),
  });

/** The Web Locks the windows of one browser profile share, as far as the app uses them (no waiting is modelled). */
function sharedLocks(): Locks {
  const held = new Set<string>();
  const request = (name: string, ...rest: unknown[]) => {
    const fn = rest.at(-1) as (lock: unknown) => Promise<unknown>;
    if (held.has(name)) {
      if (rest.length === 2) return fn(null); // { ifAvailable: true }: held elsewhere
      throw new Error(`${name} is held: waiting is not modelled`);
    }
    held.add(name);
    return Promise.resolve({ name })
      .then(fn)
      .finally(() => held.delete(name));
  };
  return { request } as Locks;
}

const cadredeskDatabases = async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('cadredesk'));

describe('restore', () => {
  it('fills a fresh database, keeps the safety backup in its list, and moves the pointer', async () => {
    const safety = await restore();
    const name = currentDatabaseName();
    expect(name).toMatch(/^cadredesk-/);
    const restored = openDatabase(name);
    await restored.open();
    expect((await restored.units.toArray()).map((u) => u.name)).toEqual(['新城区教育局']);
    expect(await restored.blobs.count()).toBe(1);
    expect((await backupHistory(restored)).map((b) => b.path)).toEqual([safety!.path, '/u/backup.cadre']);
    restored.close();
    // the safety backup holds the data as it was just before
    expect(api.files.get('/data/backups/safety.cadre')).toBeDefined();
    expect(takeAbandonedRestore()).toBeNull();
  });

  it("restores another installation's backup after confirmation with the knowledge vectors reset", async () => {
    const OLD = 'f'.repeat(32);
    // the replaced PC's database: one peer acknowledged, and what it integrated
    const old = openDatabase(`restore-old-${newId()}`);
    await old.open();
    await createUnit(old, { ...ctx, actor: { installationId: OLD, operator: '王五' } }, null, '旧电脑的单位');
    await old.knowledge.bulkPut([
      { key: 'self', vector: { [OLD]: 1, ['b'.repeat(32)]: 40 }, at: 1 },
      { key: `peer:${'b'.repeat(32)}`, vector: { [OLD]: 1 }, at: 1 },
    ]);
    const elsewhere = fakeExchange({ installationId: OLD, name: '旧电脑', fingerprint: 'FFFF-FFFF' });
    await writeBackup(old, elsewhere, { path: '/u/old.cadre', passphrase: PASS, operator: '王五' });
    old.close();
    await Dexie.delete(old.name);
    elsewhere.signer = { installationId: ME, name: '本机', fingerprint: 'AAAA-BBBB' };
    const backup = await openBackup(elsewhere, { path: '/u/old.cadre', passphrase: PASS, installationId: ME });
    expect(madeElsewhere(backup, ME)).toBe(true);
    expect(backup.counts.installationCard).toBe(1);
    await restoreBackup(db, elsewhere, backup, { safetyPath: '/data/backups/safety.cadre', passphrase: PASS, operator: '李明', madeElsewhere: true });
    const restored = openDatabase(currentDatabaseName());
    await restored.open();
    expect((await restored.units.toArray()).map((u) => u.name)).toEqual(['旧电脑的单位']);
    expect(await restored.knowledge.count()).toBe(0);
    expect(restored.tables.map((t) => t.name)).not.toContain('installationCard');
    restored.close();
  });

  it("keeps the knowledge vectors when the backup is this installation's own", async () => {
    await db.knowledge.put({ key: 'self', vector: { [ME]: 3 }, at: 1 });
    await writeBackup(db, api, { path: '/u/own.cadre', passphrase: PASS, operator: '李明' });
    const backup = await openBackup(api, { path: '/u/own.cadre', passphrase: PASS, installationId: ME });
    expect(madeElsewhere(backup, ME)).toBe(false);
    await restoreBackup(db, api, backup, { safetyPath: '/data/backups/safety.cadre', passphrase: PASS, operator: '李明' });
    const restored = openDatabase(currentDatabaseName());
    await restored.open();
    expect(await restored.knowledge.toArray()).toEqual([{ key: 'self', vector: { [ME]: 3 }, at: 1 }]);
    restored.close();
  });

  it('is refused while an import is staged and not yet applied, with nothing written and no file made', async () => {
    await stageLines(db, [
      {
        table: 'units',
        record: { id: newId(), vv: { ['b'.repeat(32)]: 1 }, deleted: false, name: '对方单位', parentId: null, order: 0, updatedAt: 0, updatedBy: { installationId: 'b'.repeat(32), operator: '对方' } },
      },
    ]);
    const before = await dumpDatabase(db);
    const databases = await cadredeskDatabases();
    await expect(restore()).rejects.toThrow(MID_IMPORT_MESSAGE);
    expect(await dumpDatabase(db)).toEqual(before);
    expect(currentDatabaseName()).toBe('cadredesk');
    expect(await cadredeskDatabases()).toEqual(databases);
    expect(api.files.has('/data/backups/safety.cadre')).toBe(false);
  });

  it('is given up when the data in use changes while it runs (another window applied or saved something)', async () => {
    const sealFinish = api.sealFinish.bind(api);
    // the safety backup is written; meanwhile another window saves a record
    api.sealFinish = async (arg) => {
      const done = await sealFinish(arg);
      if (arg.sealId && done.parts[0] === '/data/backups/safety.cadre') await renameUnit(db, ctx, unitId, '另一个窗口改的名字');
      return done;
    };
    await expect(restore()).rejects.toThrow(CHANGED_MEANWHILE_MESSAGE);
    expect((await db.units.toArray()).map((u) => u.name)).toEqual(['另一个窗口改的名字']);
    expect(currentDatabaseName()).toBe('cadredesk');
    expect(await cadredeskDatabases()).toEqual([]);
    expect(takeAbandonedRestore()).toBeNull();
  });

  it('backs up a table with a compound key past its first page, every row once (traineeTotalPacks: [year+bucket])', async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => ({ year: 2024 + (i % 2), bucket: i, trainees: `t${String(i).padStart(5, '0')}`, hours: String(i % 90), audiences: {} }));
    await db.table('traineeTotalPacks').bulkPut(rows);
    await writeBackup(db, api, { path: '/u/big.cadre', passphrase: PASS, operator: '李明' });
    await restoreBackup(db, api, await openBackup(api, { path: '/u/big.cadre', passphrase: PASS, installationId: ME }), { safetyPath: null, passphrase: PASS, operator: '李明' });
    const restored = openDatabase(currentDatabaseName());
    const back = (await restored.table('traineeTotalPacks').toArray()) as typeof rows;
    restored.close();
    expect(back).toHaveLength(rows.length);
    expect(new Set(back.map((r) => `${r.year}/${r.bucket}`)).size).toBe(rows.length);
  });

  it('gives back every table as it was, the kept tables included (filled as backed up, not derived again)', async () => {
    const district = openDatabase(`restore-district-${newId()}`);
    await loadDemoData(district, { cadres: 80, installationId: ME, operator: '李明', asOf: '2026-05', onProgress: () => undefined, now: () => 1_700_000_000_000, batchRecords: 300 });
    await writeBackup(district, api, { path: '/u/district.cadre', passphrase: PASS, operator: '李明', record: false });
    const before = await dumpDatabase(district);
    district.close();
    await Dexie.delete(district.name);
    // (kept tables the demo fills, so the comparison covers them)
    for (const kept of ['dossierFactPacks', 'traineeTotalPacks', 'temperingYearPacks']) expect(before[kept]?.length, kept).toBeGreaterThan(0);
    await restoreBackup(db, api, await openBackup(api, { path: '/u/district.cadre', passphrase: PASS, installationId: ME }), { safetyPath: null, passphrase: PASS, operator: '李明' });
    const restored = openDatabase(currentDatabaseName());
    const after = await dumpDatabase(restored);
    restored.close();
    // the one row a restore adds: its list of backups (empty here, no safety backup was made)
    expect(after.meta).toContainEqual({ key: 'backupHistory', value: [] });
    after.meta = after.meta!.filter((row) => (row as { key: string }).key !== 'backupHistory');
    expect(after).toEqual(before);
  });

  it('reports a backup\'s progress through the photos to its total, every row and every photo counted once', async () => {
    const reports: { done: number; total: number }[] = [];
    const record = await writeBackup(db, api, { path: '/u/progress.cadre', passphrase: PASS, operator: '李明', record: false, onProgress: (p) => reports.push(p) });
    const photos = await db.blobs.count();
    expect(photos).toBe(1);
    const last = reports.at(-1)!;
    expect(last).toEqual({ done: record.records + photos, total: record.records + photos });
    // the last report comes after the rows were all counted: it is the photo's
    expect(reports.filter((r) => r.done === record.records)).toHaveLength(1);
  });

  it('forgets nothing a closed window leaves: the half-filled database is named for deletion at the next start', async () => {
    const read = api.read.bind(api);
    let reads = 0;
    // the window "closes" during the fill: the read never returns
    api.read = async (arg) => (++reads === 1 ? new Promise<never>(() => {}) : read(arg));
    void restore();
    await expect.poll(() => reads).toBe(1);
    // the next start (the window and its lock are gone) deletes it
    const deleted: string[] = [];
    expect(await removeAbandonedRestore((name) => deleted.push(name), undefined)).toMatch(/^cadredesk-/);
    expect(deleted).toEqual([expect.stringMatching(/^cadredesk-/)]);
    expect(takeAbandonedRestore()).toBeNull();
    expect(currentDatabaseName()).toBe('cadredesk');
  });

  it('holds a lock while it fills: a print window starting meanwhile leaves the half-filled database alone', async () => {
    const locks = sharedLocks();
    const read = api.read.bind(api);
    let release!: () => void;
    const paused = new Promise<void>((ok) => (release = ok));
    let reads = 0;
    api.read = async (arg) => {
      if (++reads === 1) await paused;
      return read(arg);
    };
    const running = restore(locks);
    await expect.poll(() => reads).toBe(1);
    // another window of the app starts now: the restore's database and its note stay
    const deleted: string[] = [];
    expect(await removeAbandonedRestore((name) => deleted.push(name), locks)).toBeNull();
    expect(deleted).toEqual([]);
    release();
    await running;
    const restored = openDatabase(currentDatabaseName());
    expect((await restored.units.toArray()).map((u) => u.name)).toEqual(['新城区教育局']);
    restored.close();
    // and after it, nothing is left to remove
    expect(await removeAbandonedRestore((name) => deleted.push(name), locks)).toBeNull();
    expect(deleted).toEqual([]);
  });
});
