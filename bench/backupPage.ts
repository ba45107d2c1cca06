import type { CadreDeskApi } from '../shared/ipc';
import type { CadreDb } from '../renderer/db/database';
import { DATABASE_NAME } from '../renderer/db/database';
import { currentDatabaseName, switchDatabase } from '../renderer/db/databaseName';
import { hashBlob } from '../renderer/db/blobs';
import { writeBackup } from '../renderer/features/backup/backupFile';
import { openBackup, restoreBackup } from '../renderer/features/backup/restore';

// Backup and restore through the app's own code (issue 11's targets), in the bench page: the functions the 备份与恢复
// card calls (renderer/features/backup/), with the real main-process bundle writer and reader behind
// window.cadreDesk, timed in the page. File paths are granted as the app gets them: the Node side answers the next
// file dialog, and the page asks for it.

const api = () => (window as unknown as { cadreDesk: CadreDeskApi }).cadreDesk;
type ExchangeApi = CadreDeskApi['exchange'];

/**
 * The exchange methods, each call's wait added up by method: what the page spent waiting for the main process
 * (its work and, here, this bench's transport, which Electron's IPC replaces).
 */
function timedExchange(): { exchange: ExchangeApi; waited: Record<string, { calls: number; ms: number }> } {
  const waited: Record<string, { calls: number; ms: number }> = {};
  const inner = api().exchange as unknown as Record<string, (arg: unknown) => Promise<unknown>>;
  // (the API object is frozen: a copy with each method wrapped)
  const wrapped = Object.keys(inner).map((key) => [
    key,
    async (arg: unknown) => {
      const t0 = performance.now();
      try {
        return await inner[key]!(arg);
      } finally {
        const w = (waited[key] ??= { calls: 0, ms: 0 });
        w.calls++;
        w.ms += performance.now() - t0;
      }
    },
  ]);
  const exchange = Object.fromEntries(wrapped) as unknown as ExchangeApi;
  return { exchange, waited };
}
const rounded = (waited: Record<string, { calls: number; ms: number }>) =>
  Object.fromEntries(Object.entries(waited).map(([k, v]) => [k, { calls: v.calls, ms: Math.round(v.ms) }]));

/** A deterministic byte stream (xorshift): photo-sized, and as incompressible as a JPEG's. */
function photoBytes(seed: number, size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/**
 * Gives the first `count` cadres (in key order) a photo of 20–60 KB (an ID photo's size) and stores the blobs.
 * Written straight into the tables, as the bench loads its district: no audit lines, so removePhotos leaves the
 * district exactly as loaded for the phases after this one. Returns the photo bytes in all.
 */
export async function addPhotos(db: CadreDb, options: { count: number }): Promise<{ photos: number; bytes: number }> {
  const ids = (await db.cadres.orderBy(':id').limit(options.count).primaryKeys()) as string[];
  const entries = await Promise.all(
    ids.map(async (_, i) => {
      const data = new Blob([photoBytes(i + 1, 20_000 + ((i * 7919) % 40_000))], { type: 'image/jpeg' });
      return { hash: await hashBlob(data), type: 'image/jpeg', data };
    }),
  );
  await db.transaction('rw', [db.blobs, db.cadres], async () => {
    await db.blobs.bulkPut(entries);
    await db.cadres.bulkUpdate(ids.map((key, i) => ({ key, changes: { photo: entries[i]!.hash } })));
  });
  return { photos: entries.length, bytes: entries.reduce((a, e) => a + e.data.size, 0) };
}

/** Takes the photos addPhotos gave to the first `count` cadres away again, and their blobs. */
export async function removePhotos(db: CadreDb, options: { count: number }): Promise<number> {
  const cadres = await db.cadres.orderBy(':id').limit(options.count).toArray();
  const hashes = cadres.flatMap((c) => (c.photo ? [c.photo] : []));
  await db.transaction('rw', [db.blobs, db.cadres], async () => {
    await db.cadres.bulkUpdate(cadres.map((c) => ({ key: c.id, changes: { photo: null } })));
    await db.blobs.bulkDelete(hashes);
  });
  return hashes.length;
}

/**
 * The exchange with sealRecords and sealBlob answered at once and passed on, in order, by a pump behind them:
 * this bench's transport moves a few MiB a second (Electron's IPC copies at memory speed), so the page's own work
 * — reading IndexedDB, serializing — is timed up to the moment it hands over its last entry (`handedOverAt`).
 * sealFinish waits for the pump first. The entries waiting are ArrayBuffers, outside the V8 heap that is sampled.
 */
function handingOver(inner: ExchangeApi): { exchange: ExchangeApi; handedOverAt: () => number | undefined } {
  let pump: Promise<unknown> = Promise.resolve();
  let failed: { error: unknown } | null = null;
  let handedOverAt: number | undefined;
  const pass = (call: () => Promise<unknown>) => {
    if (failed) throw failed.error;
    pump = pump.then(call).catch((error: unknown) => {
      failed ??= { error };
    });
  };
  const exchange: ExchangeApi = {
    ...inner,
    sealRecords: async (arg) => {
      pass(() => inner.sealRecords(arg));
      return { bytesWritten: 0 };
    },
    sealBlob: async (arg) => {
      pass(() => inner.sealBlob(arg));
      return { bytesWritten: 0 };
    },
    sealFinish: async (arg) => {
      handedOverAt = performance.now();
      await pump;
      if (failed) throw failed.error;
      return inner.sealFinish(arg);
    },
  };
  return { exchange, handedOverAt: () => handedOverAt };
}

/** A full backup into the file the next save dialog answers, sealed and read back, as 立即备份 writes it. */
export async function benchBackup(db: CadreDb, options: { passphrase: string; operator: string }) {
  const choice = await api().dialog.saveFile({ defaultName: 'bench-backup.cadre' });
  const path = choice.filePaths[0]!;
  const timed = timedExchange();
  const { exchange, handedOverAt } = handingOver(timed.exchange);
  const t0 = performance.now();
  const record = await writeBackup(db, exchange, { path, passphrase: options.passphrase, operator: options.operator });
  const ms = Math.round(performance.now() - t0);
  return { ms, pageMs: Math.round((handedOverAt() ?? t0) - t0), bytes: record.bytes, records: record.records, waited: rounded(timed.waited) };
}

/**
 * The page's own work of a backup and nothing else: writeBackup with every main-process call answered in the page
 * and the entries dropped, so neither this bench's transport nor the main process's sealing is in the time (the
 * main side is timed on its own, bench/backupBench.ts). In the app the two run at once, in two processes.
 */
export async function benchBackupPageOnly(db: CadreDb) {
  const dropping = droppingSeal(api().exchange);
  const t0 = performance.now();
  const reports: { done: number; at: number }[] = [];
  const record = await writeBackup(db, dropping, {
    path: '/page-only',
    passphrase: 'page-only',
    operator: 'page-only',
    record: false,
    onProgress: ({ done }) => reports.push({ done, at: performance.now() }),
  });
  // every row read and serialized (the last report within the rows): the photos' bytes come after
  const rowsAt = reports.filter((r) => r.done <= record.records).at(-1)?.at ?? t0;
  return { ms: Math.round(performance.now() - t0), rowsMs: Math.round(rowsAt - t0), bytes: dropping.bytes(), records: record.records };
}

/** `inner` with its seal calls answered in the page and their entries dropped (counted). */
export function droppingSeal(inner: ExchangeApi): ExchangeApi & { bytes(): number } {
  let bytes = 0;
  return {
    ...inner,
    sealBegin: async () => ({ sealId: 'page-only' }),
    sealRecords: async ({ ndjson }) => {
      bytes += ndjson.byteLength;
      return { bytesWritten: bytes };
    },
    sealBlob: async ({ bytes: blob }) => {
      bytes += blob.byteLength;
      return { bytesWritten: bytes };
    },
    sealFinish: async () => ({ bundleId: '0'.repeat(32), bundleHash: '0'.repeat(64), bytes, parts: [], meta: {} as never }),
    sealAbort: async () => ({ aborted: true }),
    bytes: () => bytes,
  };
}

/** What benchRestoreRead has read for benchRestore: the opened backup and its second pass, in memory. */
let readForRestore: {
  opened: Awaited<ReturnType<typeof openBackup>>;
  entries: Awaited<ReturnType<ExchangeApi['read']>>[];
  exchange: ExchangeApi;
  waited: Record<string, { calls: number; ms: number }>;
  verifyMs: number;
  readMs: number;
} | null = null;

/**
 * The file the next open dialog answers, verified (pass 1) and its second pass read through this bench's
 * transport into memory, each timed: benchRestore then restores from memory, so what it times (and the heap it
 * uses) is the app's work, as bench/exchangePage.ts does for an import.
 */
export async function benchRestoreRead(options: { passphrase: string }) {
  const choice = await api().dialog.openFile({});
  const path = choice.filePaths[0]!;
  const { installationId } = await api().app.info();
  const { exchange, waited } = timedExchange();
  const t0 = performance.now();
  const opened = await openBackup(exchange, { path, passphrase: options.passphrase, installationId });
  const t1 = performance.now();
  const entries: Awaited<ReturnType<ExchangeApi['read']>>[] = [];
  for (;;) {
    const r = await exchange.read({ openId: opened.openId });
    entries.push(r);
    if (r.done) break;
  }
  readForRestore = { opened, entries, exchange, waited, verifyMs: Math.round(t1 - t0), readMs: Math.round(performance.now() - t1) };
  return { verifyMs: readForRestore.verifyMs, readMs: readForRestore.readMs };
}

/**
 * 从备份恢复 of the backup benchRestoreRead has read, as the card runs it after verifying: the automatic safety
 * backup of the data in use (the page's work only, as benchBackupPageOnly: the main process's sealing is timed on
 * its own), then the restore proper (a fresh database filled, counted, upgraded, switched to),
 * each timed. The restore's first progress report marks where the safety backup ends. Afterwards the pointer is
 * moved back and the restored copy deleted, so the phases after this one use the database they loaded (the restore
 * never wrote to it).
 */
export async function benchRestore(db: CadreDb, options: { passphrase: string; operator: string }) {
  if (!readForRestore) throw new Error('benchRestoreRead first');
  const { opened, entries, exchange, waited, verifyMs, readMs } = readForRestore;
  readForRestore = null;
  const fromMemory: ExchangeApi = { ...droppingSeal(exchange), read: async () => entries.shift() ?? { entries: [], done: true } };
  const t1b = performance.now();
  const safetyPath = (await api().exchange.safetyBackupPath()).path;
  let t2: number | undefined;
  const safety = await restoreBackup(db, fromMemory, opened, {
    safetyPath,
    passphrase: options.passphrase,
    operator: options.operator,
    onProgress: (phase) => {
      if (phase === '恢复') t2 ??= performance.now();
    },
  });
  const t3 = performance.now();
  const restored = currentDatabaseName();
  switchDatabase(DATABASE_NAME, { deletePrevious: false });
  await new Promise((ok) => {
    const r = indexedDB.deleteDatabase(restored);
    r.onsuccess = r.onerror = r.onblocked = () => ok(null);
  });
  const records = Object.values(opened.counts).reduce((a, b) => a + b, 0);
  return {
    verifyMs,
    readMs,
    safetyBackupMs: Math.round((t2 ?? t3) - t1b),
    restoreMs: Math.round(t3 - (t2 ?? t3)),
    records,
    safetyBytes: safety?.bytes ?? 0,
    restored,
    waited: rounded(waited),
  };
}
