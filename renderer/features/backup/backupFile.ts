import type { IndexableType, Table } from 'dexie';
import { UserError } from '../../../shared/errors';
import type { CadreDeskApi } from '../../../shared/ipc';
import type { CadreDb } from '../../db/database';
import { ndjsonBytes } from '../../sync/ndjsonBytes';
import { DOSSIER_PACKS, PACK_SIZE } from '../../db/dossierPacks';

// A full backup (docs/architecture.md "Backup and restore"): every table of the database as stored — synced and
// local alike, the audit log, ledger and knowledge included — as the RECORDS of a passphrase bundle of kind
// "backup", and every blob as a BLOB entry. The installation's keys are not in the database and never in a
// backup. The backup screen is modal while this runs, so nothing is edited meanwhile and the copy is consistent.

export type ExchangeApi = CadreDeskApi['exchange'];

/**
 * Left out: an interrupted import's staging is discarded at every start anyway; subRecords is empty as stored
 * (the dossier sets are in dossierPacks, backed up as stored: renderer/db/dossierPacks.ts).
 */
const NOT_BACKED_UP = new Set(['staging', 'subRecords']);
const PAGE_ROWS = 2_000;
/** Rows per page where a row holds many records: about PAGE_ROWS records a page. */
const PAGE_ROWS_OF: Record<string, number> = { [DOSSIER_PACKS]: Math.ceil(PAGE_ROWS / PACK_SIZE) };
const ENTRY_BYTES = 4 * 1024 * 1024;
/** Photos read per transaction; about 1 MB at an ID photo's size. */
const BLOB_BATCH = 32;
const HISTORY_KEY = 'backupHistory';

export interface BackupProgress {
  done: number;
  total: number;
}

export interface BackupRecord {
  at: number;
  path: string;
  bytes: number;
  operator: string;
  records: number;
  bundleHash: string;
}

/**
 * Rows of a table in primary-key order, a page per short read transaction. The next page is asked for before this
 * one is handed over, so the browser reads it while the caller serializes this one.
 */
async function* pages(table: Table): AsyncGenerator<unknown[]> {
  // the key of a row, compound keys ([year+trainee]) included: read as a property name, an array key path gave
  // nothing, and the next page started again from the first row
  const keyOf = table.core.schema.primaryKey.extractKey;
  if (!keyOf) throw new Error(`${table.name}: a table without inline keys cannot be paged for a backup`);
  const pageRows = PAGE_ROWS_OF[table.name] ?? PAGE_ROWS;
  const page = (after: IndexableType | undefined): Promise<unknown[]> => (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(pageRows).toArray();
  let next: Promise<unknown[]> = page(undefined);
  for (;;) {
    const rows = await next;
    if (!rows.length) return;
    if (rows.length === pageRows) {
      next = page(keyOf(rows[rows.length - 1]) as IndexableType);
      next.catch(() => undefined); // awaited (and thrown) on the next turn
    } else next = Promise.resolve([]);
    yield rows;
  }
}

export const backupTables = (db: CadreDb): Table[] => db.tables.filter((t) => !NOT_BACKED_UP.has(t.name));

export async function backupHistory(db: CadreDb): Promise<BackupRecord[]> {
  return ((await db.meta.get(HISTORY_KEY))?.value as BackupRecord[] | undefined) ?? [];
}

/** Keeps the list of backups across a restore (the restored database carries its own, older list). */
export async function rememberBackups(db: CadreDb, records: readonly BackupRecord[]): Promise<void> {
  const byHash = new Map<string, BackupRecord>();
  for (const r of [...(await backupHistory(db)), ...records]) byHash.set(r.bundleHash, r);
  await db.meta.put({ key: HISTORY_KEY, value: [...byHash.values()].sort((a, b) => b.at - a.at).slice(0, 200) });
}

/** Writes the backup to a file the person picked; on failure or cancel no file is left. */
export async function writeBackup(
  db: CadreDb,
  api: ExchangeApi,
  options: { path: string; passphrase: string; operator: string; onProgress?: (p: BackupProgress) => void; signal?: AbortSignal; record?: boolean },
): Promise<BackupRecord> {
  const tables = backupTables(db);
  const counts = await Promise.all(tables.map((t) => t.count()));
  const rowCount = counts.reduce((a, b) => a + b, 0);
  // every row, then every photo's bytes once more: the bar keeps moving while the photos are sealed
  const total = rowCount + (counts[tables.findIndex((t) => t.name === 'blobs')] ?? 0);
  const seq = (await backupHistory(db)).length + 1;
  const { sealId } = await api.sealBegin({
    path: options.path,
    to: { passphrase: options.passphrase },
    meta: { kind: 'backup', seq, prevBundleHash: null, scope: { units: 'all', tables: 'all' }, schemaVersion: db.verno, knowledge: {} },
  });
  let lines: string[] = [];
  let size = 0;
  let done = 0;
  const cancelled = () => {
    if (options.signal?.aborted) throw new UserError('已取消备份，没有留下文件。');
  };
  // One call to the main process at a time, in order, but the page does not wait for it: the next page of rows is
  // read and serialized (or the next photos read) while the main process encrypts and writes the last entry.
  let sending: Promise<unknown> = Promise.resolve();
  const send = async (call: () => Promise<unknown>) => {
    await sending;
    sending = call();
    sending.catch(() => undefined); // awaited (and thrown) at the next send or the end
  };
  const flush = async () => {
    if (!lines.length) return;
    const ndjson = ndjsonBytes(lines);
    lines = [];
    size = 0;
    await send(() => api.sealRecords({ sealId, ndjson }));
  };
  try {
    const blobHashes: string[] = [];
    for (const table of tables) {
      for await (const rows of pages(table)) {
        cancelled();
        for (const row of rows) {
          // a blob's bytes go in a BLOB entry of their own, after all records; its row keeps the rest
          let record = row;
          if (table.name === 'blobs') {
            const { hash, type } = row as { hash: string; type: string };
            blobHashes.push(hash);
            record = { hash, type };
          }
          const line = `${JSON.stringify({ table: table.name, record })}\n`;
          lines.push(line);
          size += line.length * 3;
          if (size >= ENTRY_BYTES) await flush();
        }
        done += rows.length;
        options.onProgress?.({ done, total });
      }
    }
    await flush();
    for (let i = 0; i < blobHashes.length; i += BLOB_BATCH) {
      cancelled();
      const entries = await db.blobs.bulkGet(blobHashes.slice(i, i + BLOB_BATCH));
      for (const entry of entries) {
        if (!entry) continue; // removed meanwhile: its row in the backup has no bytes, restore skips it
        const bytes = new Uint8Array(await entry.data.arrayBuffer());
        await send(() => api.sealBlob({ sealId, sha256: entry.hash, bytes }));
      }
      done += entries.length;
      options.onProgress?.({ done, total });
    }
    await sending;
    cancelled();
    const sealed = await api.sealFinish({ sealId });
    const record: BackupRecord = { at: Date.now(), path: options.path, bytes: sealed.bytes, operator: options.operator, records: rowCount, bundleHash: sealed.bundleHash };
    if (options.record !== false) await rememberBackups(db, [record]);
    return record;
  } catch (error) {
    await api.sealAbort({ sealId }).catch(() => undefined);
    throw error;
  }
}
