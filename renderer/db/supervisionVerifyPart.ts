import { recordDigest } from '../../shared/rules/supervisionChain';
import type { RecordToCompare } from '../../shared/rules/supervisionChainVerify';

// The part of 日志校验 that runs beside the window's (docs/supervision.md "Hash-chained log", "Performance"): a
// worker opens the database itself — so nothing large is posted to it — reads and digests every supervision record
// and posts back only each one's (table, id, digest, mine), while the window reads and checks the log. Plain
// IndexedDB, no Dexie: the worker only reads, and the stores are Dexie's tables by name. (A worker that also read
// and checked the last rows of the log was measured slower than the window doing them: its reads of the rows were.)

/** Said on the console when the worker could not help (the records are then digested in the window's thread). */
export const VERIFY_WORKER_FAILED = 'supervision verify: the worker failed, verifying in the thread';

export interface PartRequest {
  /** The database's name (Dexie's db.name). */
  database: string;
  /** This installation's id: the records it wrote last are compared even when the log holds no entry of them. */
  self: string;
  /** The supervision records' tables. */
  tables: readonly string[];
}

const request = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

function open(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // no version: the database as it is; one that does not exist yet is not to be created here
    const r = factory.open(name);
    r.onupgradeneeded = () => {
      r.transaction?.abort();
      reject(new Error(`database ${name} does not exist`));
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error(`database ${name} could not be opened`));
  });
}

/**
 * Every supervision record with its digest, as the window's recordsToCompare gives them, read from the database
 * `factory` opens (the worker's indexedDB; a test's own).
 */
export async function digestRecords(factory: IDBFactory, r: PartRequest): Promise<RecordToCompare[]> {
  const db = await open(factory, r.database);
  try {
    const tx = db.transaction([...r.tables], 'readonly');
    const read = await Promise.all(
      r.tables.map(async (table) => ({ table, rows: (await request(tx.objectStore(table).getAll())) as { id: string; updatedBy?: { installationId?: string } }[] })),
    );
    const out: RecordToCompare[] = [];
    for (const { table, rows } of read) {
      for (const record of rows) out.push({ table, id: record.id, digest: recordDigest(record), mine: !record.updatedBy || record.updatedBy.installationId === r.self });
    }
    return out;
  } finally {
    db.close();
  }
}
