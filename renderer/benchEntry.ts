// Built only by `npm run bench` (bench/vite.bench.config.ts): gives the benchmark the app's own database code
// on the app's origin, so data loaded here is what the roster then shows. Not part of the packaged app.
import { openDatabase } from './db/database';
import { bulkLoadBatch, type IncomingRecord } from './db/bulkLoad';

const db = openDatabase();

/** The same records through plain IndexedDB put, in a separate database, for the ratio. */
async function rawPut(name: string, batch: readonly IncomingRecord[]): Promise<void> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    for (const t of ['units', 'cadres', 'career', 'education', 'family', 'rewards', 'assessments', 'posts', 'ranks']) {
      open.result.createObjectStore(t, { keyPath: 'id' });
    }
  };
  const raw: IDBDatabase = await new Promise((ok, fail) => {
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
  const tables = [...new Set(batch.map((r) => r.table))];
  await new Promise<void>((ok, fail) => {
    const tx = raw.transaction(tables, 'readwrite');
    for (const { table, record } of batch) tx.objectStore(table).put(record);
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
  });
  raw.close();
}

Object.assign(window, {
  cadreDeskBench: {
    load: (batch: IncomingRecord[]) => bulkLoadBatch(db, batch),
    rawPut,
    count: () => db.cadres.count(),
  },
});
