import { recordDigest } from '../../shared/rules/supervisionChain';
import type { ChainHead } from '../../shared/rules/supervisionChain';
import { ChainVerifier, type RecordToCompare, type VerifiedPart } from '../../shared/rules/supervisionChainVerify';

// The part of 日志校验 that runs beside the window's (docs/supervision.md "Performance"): a worker opens the
// database itself — so nothing large is posted to it — reads and digests every supervision record, and checks the
// log's rows from a given key on, from the place the rows before must end at. It posts back only the records'
// digests and what it found in its rows; the window, which checks the rows before meanwhile, joins the two
// (ChainVerifier.join) or, when they do not meet, checks the worker's rows itself. Plain IndexedDB, no Dexie: the
// worker only reads, and the stores are Dexie's tables by name.

/** Said on the console when the worker could not help (verification goes on in the window's thread). */
export const VERIFY_WORKER_FAILED = 'supervision verify: the worker failed, verifying in the thread';

export interface PartRequest {
  /** The database's name (Dexie's db.name). */
  database: string;
  /** This installation's id: the records it wrote last are compared even when the log holds no entry of them. */
  self: string;
  /** The supervision records' tables. */
  tables: readonly string[];
  /** The sealed rows' store, and the key of the first row this part checks (null: no rows, the records only). */
  blocks: string;
  from: number | null;
  /** Rows a read. */
  perRead: number;
  heads: ChainHead[];
  signedSeq: number | undefined;
}

export interface PartReply {
  records: RecordToCompare[];
  /** What was found in the rows from `from` on; null when there were none, or the first did not say where it starts. */
  log: VerifiedPart | null;
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

const readAll = (db: IDBDatabase, store: string, range: IDBKeyRange | null, count?: number): Promise<unknown[]> =>
  request(db.transaction(store, 'readonly').objectStore(store).getAll(range, count));

/** The records and their digests, as the window's recordsToCompare gives them. */
async function recordsOf(db: IDBDatabase, tables: readonly string[], self: string): Promise<RecordToCompare[]> {
  const read = await Promise.all(tables.map(async (table) => ({ table, rows: (await readAll(db, table, null)) as { id: string; updatedBy?: { installationId?: string } }[] })));
  const out: RecordToCompare[] = [];
  for (const { table, rows } of read) {
    for (const record of rows) out.push({ table, id: record.id, digest: recordDigest(record), mine: !record.updatedBy || record.updatedBy.installationId === self });
  }
  return out;
}

/** Checks the rows from `from` on, each read asked for before the last is checked. */
async function checkRows(db: IDBDatabase, r: PartRequest, from: number): Promise<VerifiedPart | null> {
  const read = (after: number | null) => readAll(db, r.blocks, after === null ? IDBKeyRange.lowerBound(from) : IDBKeyRange.lowerBound(after, true), r.perRead);
  let next = read(null);
  let verifier: ChainVerifier | null = null;
  let start: ReturnType<typeof ChainVerifier.placeBefore> = null;
  for (;;) {
    const rows = (await next) as { start: number }[];
    if (!rows.length) break;
    next = read(rows.at(-1)!.start);
    if (!verifier) {
      start = ChainVerifier.placeBefore(r.heads, rows[0]);
      if (!start) {
        next.catch(() => undefined);
        return null;
      }
      verifier = new ChainVerifier(r.heads, r.signedSeq, start);
    }
    for (const row of rows) verifier.addBlock(row);
  }
  return verifier && start ? verifier.part(start) : null;
}

/** The worker's part of a verification, on the database `factory` opens (the worker's indexedDB; a test's own). */
export async function verifyPart(factory: IDBFactory, r: PartRequest): Promise<PartReply> {
  const db = await open(factory, r.database);
  try {
    // the records are asked for first: IndexedDB reads them while the rows are checked
    const records = recordsOf(db, r.tables, r.self);
    records.catch(() => undefined);
    const log = r.from === null ? null : await checkRows(db, r, r.from);
    return { records: await records, log };
  } finally {
    db.close();
  }
}
