// @vitest-environment node
// Node's own Blob (photos and backups carry blobs; see failureInjection.ts).
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { currentCounter, type WriteContext } from '../../../renderer/db/repository';
import { createUnit, renameUnit } from '../../../renderer/db/units';
import { createCadre, updateCadres } from '../../../renderer/db/cadres';
import { setCadrePhoto } from '../../../renderer/db/blobs';
import { commitImport } from '../../../renderer/db/importRoster';
import { applyImport } from '../../../renderer/sync/importer';
import { loadDemoData } from '../../../renderer/features/demoData/loadDemoData';
import { DEMO_DATA_KEY } from '../../../renderer/features/demoData/demoMark';
import { writeBackup } from '../../../renderer/features/backup/backupFile';
import { openBackup, restoreBackup } from '../../../renderer/features/backup/restore';
import { currentDatabaseName } from '../../../renderer/db/databaseName';
import { QUOTA_MESSAGE } from '../../../renderer/db/quota';
import { messageOf } from '../../../renderer/api';
import type { ImportPlan } from '../../../shared/rules/rosterImport';
import { newId } from '../../../shared/ids';
import { sampleCadreInput } from '../../fixtures/cadre';
import { FAILURES, INJECTED, dumpDatabase, failHalfWay, type Failure } from './failureInjection';
import { fakeExchange } from './fakeExchange';
import { close, exportBundle, idNumberOf, installation, stageBundle } from './syncHarness';
import { memoryStorage } from './memoryStorage';

// Item 4 of "nothing is lost": every all-or-nothing path, made to fail half-way through its writes — a thrown
// error, a quota error refused at the request, a quota error at commit — leaves every table of IndexedDB exactly
// as it was (compared as a dump of all tables), and a full disk is said in the app's one Chinese message.

const ME = '0123456789abcdef0123456789abcdef';
let clock = 1_700_000_000_000;
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => ++clock };
const jpeg = (seed: number) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, seed, 1, 2, 3, 0xff, 0xd9])], { type: 'image/jpeg' });

const opened: CadreDb[] = [];
async function freshDb(): Promise<CadreDb> {
  const db = openDatabase(`aon-${newId()}`);
  await db.open();
  opened.push(db);
  return db;
}

/** A small roster: a unit and `n` cadres, the first with a photo. */
async function roster(n: number): Promise<{ db: CadreDb; unitId: string; cadreIds: string[] }> {
  const db = await freshDb();
  const unit = await createUnit(db, ctx, null, '新城区教育局');
  const cadreIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const cadre = await createCadre(db, ctx, sampleCadreInput({ unitId: unit.id, birth: '1975-06', idNumber: idNumberOf(i + 1), name: `干部${i + 1}` }));
    cadreIds.push(cadre.id);
  }
  await setCadrePhoto(db, ctx, cadreIds[0]!, jpeg(1));
  return { db, unitId: unit.id, cadreIds };
}

/** What the person is told: for a full disk, the app's one message. */
function expectTold(error: unknown, failure: Failure): void {
  expect(error).toBeInstanceOf(Error);
  if (failure === 'thrown') expect(messageOf(error)).toContain(INJECTED);
  else expect(messageOf(error)).toBe(QUOTA_MESSAGE);
}

beforeEach(() => {
  memoryStorage();
});
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe.each(FAILURES)('a write that fails half-way (%s) leaves every table as it was', (failure) => {
  it('xlsx import: creates and updates, one transaction', async () => {
    const scene = async () => {
      const { db, unitId, cadreIds } = await roster(2);
      const plan: ImportPlan = {
        creates: [3, 4, 5, 6].map((i) => ({ row: i, fields: sampleCadreInput({ unitId, birth: '1975-06', idNumber: idNumberOf(i), name: `新人${i}` }) })),
        updates: [{ row: 7, id: cadreIds[1]!, name: '干部2', fields: sampleCadreInput({ unitId, birth: '1975-06', idNumber: idNumberOf(2), name: '干部2', currentPost: '局长' }), changed: ['现任职务'] }],
        unchanged: 0,
        issues: [],
        notes: [],
      };
      return { db, plan, before: await dumpDatabase(db) };
    };
    const { scene: s, error } = await failHalfWay(scene, ({ db, plan }) => commitImport(db, ctx, plan), failure);
    expectTold(error, failure);
    expect(await dumpDatabase(s.db)).toEqual(s.before);
  });

  it('batch edit: several cadres, one transaction', async () => {
    const scene = async () => {
      const { db, cadreIds } = await roster(4);
      return { db, cadreIds, before: await dumpDatabase(db) };
    };
    const { scene: s, error } = await failHalfWay(
      scene,
      ({ db, cadreIds }) => updateCadres(db, ctx, cadreIds.map((id) => ({ id, patch: { currentPost: '副局长', expertise: '教育管理' } }))),
      failure,
    );
    expectTold(error, failure);
    expect(await dumpDatabase(s.db)).toEqual(s.before);
  });

  it('photo replacement: the new blob and the cadre together', async () => {
    const scene = async () => {
      const { db, cadreIds } = await roster(1);
      return { db, id: cadreIds[0]!, before: await dumpDatabase(db) };
    };
    const { scene: s, error } = await failHalfWay(scene, ({ db, id }) => setCadrePhoto(db, ctx, id, jpeg(2)), failure);
    expectTold(error, failure);
    expect(await dumpDatabase(s.db)).toEqual(s.before);
  });

  it('bundle apply (renderer/sync/importer.ts): the staged bundle stays staged, nothing else moves', async () => {
    const scene = async () => {
      const from = await installation('a'.repeat(32), '组织部');
      const to = await installation('b'.repeat(32), '教育局');
      const unit = await createUnit(from.db, from.ctx, null, '新城区');
      for (let i = 1; i <= 4; i++) await createCadre(from.db, from.ctx, sampleCadreInput({ unitId: unit.id, birth: '1975-06', idNumber: idNumberOf(i), name: `干部${i}` }));
      await createUnit(to.db, to.ctx, null, '教育局自己的单位');
      const bundle = await exportBundle(from, { kind: 'peer', peerId: to.id, scope: 'all' });
      await stageBundle(to, bundle);
      opened.push(from.db, to.db);
      return { to, bundle, before: await dumpDatabase(to.db) };
    };
    const { scene: s, error } = await failHalfWay(
      scene,
      ({ to, bundle }) => applyImport(to.db, to.id, bundle.meta, { hash: bundle.hash, expectedRecords: bundle.lines.length }),
      failure,
    );
    expectTold(error, failure);
    expect(await dumpDatabase(s.to.db)).toEqual(s.before);
    await close();
  });

  it('restore: the data in use, the pointer and the list of databases as before', async () => {
    const scene = async () => {
      const { db, unitId } = await roster(3);
      const api = fakeExchange({ installationId: ME, name: '本机', fingerprint: 'AAAA-BBBB' });
      await writeBackup(db, api, { path: '/u/backup.cadre', passphrase: 'correct horse battery', operator: '李明' });
      await renameUnit(db, ctx, unitId, '新城区教育局（改名后）');
      const backup = await openBackup(api, { path: '/u/backup.cadre', passphrase: 'correct horse battery', installationId: ME });
      const databases = (await indexedDB.databases()).map((d) => d.name).sort();
      return { db, api, backup, databases, pointer: currentDatabaseName(), before: await dumpDatabase(db) };
    };
    const { scene: s, error } = await failHalfWay(
      scene,
      ({ db, api, backup }) => restoreBackup(db, api, backup, { safetyPath: '/data/backups/safety.cadre', passphrase: 'correct horse battery', operator: '李明' }),
      failure,
    );
    expectTold(error, failure);
    expect(await dumpDatabase(s.db)).toEqual(s.before);
    expect(currentDatabaseName()).toBe(s.pointer);
    // the half-filled database is gone again (the dry run's restored one was removed with its pointer)
    expect((await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('cadredesk')).sort()).toEqual(
      s.databases.filter((n) => n?.startsWith('cadredesk')),
    );
  });

  it('demo load (a transaction per batch): a failed load removes every batch it wrote', async () => {
    const scene = async () => {
      const db = await freshDb();
      return { db, before: await dumpDatabase(db) };
    };
    const load = (db: CadreDb) =>
      loadDemoData(db, { cadres: 100, installationId: ME, operator: '李明', asOf: '2026-05', onProgress: () => {}, batchRecords: 60, now: () => clock });
    const { scene: s, error } = await failHalfWay(scene, ({ db }) => load(db), failure);
    expect(error).toBeInstanceOf(Error);
    expect(messageOf(error)).toContain(failure === 'thrown' ? INJECTED : '磁盘空间不足');
    expect(messageOf(error)).toContain('已写入的部分已全部删除');
    // everything as before but the counter: values reserved for the removed records are never handed out again
    const after = await dumpDatabase(s.db);
    expect(await currentCounter(s.db)).toBeGreaterThan(0);
    expect({ ...after, meta: after.meta!.filter((m) => (m as { key: string }).key !== 'counter') }).toEqual(s.before);
    expect(await s.db.meta.get(DEMO_DATA_KEY)).toBeUndefined();
  }, 30_000);
});
