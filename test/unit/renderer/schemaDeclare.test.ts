import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { declareSchema, LATEST_VERSION, schemaVersions } from '../../../renderer/db/schema';
import { newId } from '../../../shared/ids';

// declareSchema folds the versions without an upgrade() into the next one declared (renderer/db/schema.ts): the
// database it opens must be the one that declaring every version one by one gives, at every version.

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** Each table's primary key and indexes as the opened IndexedDB database really has them. */
async function storedSchema(db: Dexie): Promise<Record<string, { key: unknown; indexes: string[] }>> {
  await db.open();
  const idb = db.backendDB();
  const tx = idb.transaction([...idb.objectStoreNames], 'readonly');
  const out: Record<string, { key: unknown; indexes: string[] }> = {};
  for (const name of [...idb.objectStoreNames]) {
    const store = tx.objectStore(name);
    out[name] = { key: store.keyPath, indexes: [...store.indexNames].map((i) => `${i}:${JSON.stringify(store.index(i).keyPath)}:${store.index(i).unique}:${store.index(i).multiEntry}`).sort() };
  }
  db.close();
  return out;
}

function named(): string {
  const name = `declare-${newId()}`;
  names.push(name);
  return name;
}

describe('declareSchema', () => {
  it('declares only the versions with an upgrade, and the last', () => {
    const db = new Dexie(named());
    const declared: number[] = [];
    const version = db.version.bind(db);
    db.version = (n: number) => (declared.push(n), version(n));
    declareSchema(db);
    expect(declared).toEqual(schemaVersions.filter((v, i) => v.upgrade || i === schemaVersions.length - 1).map((v) => v.version));
    expect(db.verno).toBe(LATEST_VERSION);
  });

  it('creates, at every version, the same stores and indexes as declaring every version one by one', async () => {
    for (let i = 0; i < schemaVersions.length; i++) {
      const upTo = schemaVersions.slice(0, i + 1);
      const folded = new Dexie(named());
      declareSchema(folded, upTo);
      const each = new Dexie(named());
      for (const v of upTo) {
        const d = each.version(v.version).stores(v.stores);
        if (v.upgrade) d.upgrade(v.upgrade);
      }
      expect(await storedSchema(folded), `version ${upTo.at(-1)!.version}`).toEqual(await storedSchema(each));
    }
  });
});
