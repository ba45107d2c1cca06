import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { LATEST_VERSION, schemaVersions, type SchemaVersion } from '../../../renderer/db/schema';
import { createUnit } from '../../../renderer/db/units';
import type { WriteContext } from '../../../renderer/db/repository';
import { classifyOpenError, installedVersion, openAppDatabase } from '../../../renderer/features/startup/databaseStartup';
import { newId } from '../../../shared/ids';

const ctx: WriteContext = { actor: { installationId: '0'.repeat(32), operator: '张三' }, now: () => 1 };
const names = new Set<string>();
const dbs: CadreDb[] = [];
const raws: IDBDatabase[] = [];
afterEach(async () => {
  for (const raw of raws.splice(0)) raw.close();
  for (const db of dbs.splice(0)) db.close();
  for (const name of names) await Dexie.delete(name);
  names.clear();
});

function fresh(versions?: readonly SchemaVersion[], name = `startup-${newId()}`): CadreDb {
  names.add(name);
  const db = openDatabase(name, versions);
  dbs.push(db);
  return db;
}

/** A plain connection, as another window or a newer program holds it (no Dexie, no versionchange handler). */
function rawOpen(name: string, version: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => upgrade?.(request.result);
    request.onsuccess = () => {
      raws.push(request.result);
      ok(request.result);
    };
    request.onerror = () => fail(request.error);
  });
}

const options = (extra: Partial<Parameters<typeof openAppDatabase>[1]> = {}) => ({
  supported: LATEST_VERSION,
  factory: indexedDB,
  onBlocked: () => undefined,
  onVersionChange: () => undefined,
  ...extra,
});

describe('openAppDatabase', () => {
  it('opens (and creates) the database of this program', async () => {
    const db = fresh();
    expect(await openAppDatabase(db, options())).toEqual({ ok: true });
    expect(db.isOpen()).toBe(true);
    expect(await installedVersion(indexedDB, db.name)).toBe(LATEST_VERSION * 10);
  });

  it('refuses a database written by a newer program and leaves it exactly as it was', async () => {
    const db = fresh();
    const newer = (LATEST_VERSION + 10) * 10;
    const raw = await rawOpen(db.name, newer, (d) => d.createObjectStore('futureTable').put('kept', 'k'));
    raw.close();
    const result = await openAppDatabase(db, options());
    expect(result).toEqual({ ok: false, problem: { kind: 'newer', found: LATEST_VERSION + 10, supported: LATEST_VERSION } });
    expect(db.isOpen()).toBe(false);
    expect(await installedVersion(indexedDB, db.name)).toBe(newer);
    const again = await rawOpen(db.name, newer);
    expect([...again.objectStoreNames]).toEqual(['futureTable']);
    const value = await new Promise((ok) => {
      const get = again.transaction('futureTable').objectStore('futureTable').get('k');
      get.onsuccess = () => ok(get.result);
    });
    expect(value).toBe('kept');
  });

  it('still refuses a newer database where the browser cannot list databases', async () => {
    const db = fresh();
    (await rawOpen(db.name, (LATEST_VERSION + 1) * 10)).close();
    const noListing = Object.assign(Object.create(indexedDB) as IDBFactory, { databases: undefined });
    const result = await openAppDatabase(db, options({ factory: noListing }));
    expect(result).toMatchObject({ ok: false, problem: { kind: 'newer', found: LATEST_VERSION + 1 } });
    expect(db.isOpen()).toBe(false);
  });

  it('reports being blocked by another window on an older version, and goes on once that window closes', async () => {
    const name = `startup-${newId()}`;
    const older = fresh(schemaVersions.slice(0, -1), name);
    await older.open();
    await createUnit(older, ctx, null, '区委组织部');
    older.close();
    const other = await rawOpen(name, (LATEST_VERSION - 1) * 10); // holds on and ignores versionchange
    const db = fresh(undefined, name);
    const onBlocked = vi.fn(() => other.close());
    expect(await openAppDatabase(db, options({ onBlocked }))).toEqual({ ok: true });
    expect(onBlocked).toHaveBeenCalled();
    expect(db.verno).toBe(LATEST_VERSION);
    expect((await db.units.toArray()).map((u) => u.name)).toEqual(['区委组织部']);
  });

  it('lets go for good when another window upgrades the database, and says so', async () => {
    const db = fresh();
    const onVersionChange = vi.fn();
    await openAppDatabase(db, options({ onVersionChange }));
    await rawOpen(db.name, (LATEST_VERSION + 1) * 10); // succeeds only because this window let go
    expect(onVersionChange).toHaveBeenCalledTimes(1);
    expect(db.isOpen()).toBe(false);
    // no silent reopen at a version this program does not know
    await expect(db.units.count()).rejects.toMatchObject({ name: 'DatabaseClosedError' });
  });

  it('reports an upgrade that fails, and the database keeps its data and its old version', async () => {
    const name = `startup-${newId()}`;
    const older = fresh(schemaVersions.slice(0, -1), name);
    await older.open();
    await createUnit(older, ctx, null, '区委组织部');
    older.close();
    const broken: SchemaVersion[] = [
      ...schemaVersions,
      { version: LATEST_VERSION + 1, stores: {}, upgrade: () => Promise.reject(new Error('磁盘读取出错')) },
    ];
    const db = fresh(broken, name);
    const result = await openAppDatabase(db, options({ supported: LATEST_VERSION + 1 }));
    expect(result).toMatchObject({ ok: false, problem: { kind: 'failed', message: expect.stringContaining('磁盘读取出错') } });
    // the version before the newest (versions may skip numbers: each area reserved its own)
    expect(await installedVersion(indexedDB, name)).toBe(schemaVersions.at(-2)!.version * 10);
    const check = fresh(schemaVersions.slice(0, -1), name);
    expect((await check.units.toArray()).map((u) => u.name)).toEqual(['区委组织部']);
  });
});

describe('classifyOpenError', () => {
  const dom = (name: string) => new DOMException(`browser says ${name}`, name);
  it('tells the cases apart through Dexie’s wrapping', () => {
    expect(classifyOpenError(new Dexie.OpenFailedError('open failed', dom('VersionError')), 5, 7)).toEqual({
      kind: 'newer',
      found: 7,
      supported: 5,
    });
    expect(classifyOpenError(dom('QuotaExceededError'), 5, null)).toMatchObject({ kind: 'full' });
    expect(classifyOpenError(new Dexie.DatabaseClosedError('db.open() was cancelled'), 5, null)).toEqual({ kind: 'versionchange' });
    expect(classifyOpenError(new Dexie.OpenFailedError('x', dom('UnknownError')), 5, null)).toEqual({
      kind: 'failed',
      name: 'UnknownError',
      message: 'browser says UnknownError',
    });
    expect(classifyOpenError('weird', 5, null)).toEqual({ kind: 'failed', name: 'Error', message: 'weird' });
  });
});
