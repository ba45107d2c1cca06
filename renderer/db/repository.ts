import { Dexie, type EntityTable, type Table } from 'dexie';
import { newId } from '../../shared/ids';
import { UserError } from '../../shared/errors';
import { bump } from '../../shared/sync/versionVector';
import type { Actor, SyncFields } from '../../shared/domain/record';
import type { FieldChange } from '../../shared/catalog/leaves';
import type { AuditEntry, CadreDb } from './database';
import { noteChange } from './changes';
import { indexRecords } from '../sync/changeIndex';

/** Who is writing, and the clock: passed in so rules and tests stay pure. */
export interface WriteContext {
  actor: Actor;
  now: () => number;
}

const COUNTER_KEY = 'counter';

/** The installation counter (docs/bundle-format.md#sync-semantics): one step per local write, never reused. */
export function nextCounter(db: CadreDb): Promise<number> {
  return reserveCounters(db, 1);
}

/** Takes `n` consecutive counter values at once (a bulk load numbering its records) and returns the first. */
export async function reserveCounters(db: CadreDb, n: number): Promise<number> {
  const first = (await currentCounter(db)) + 1;
  await db.meta.put({ key: COUNTER_KEY, value: first + n - 1 });
  return first;
}

export async function currentCounter(db: CadreDb): Promise<number> {
  const entry = await db.meta.get(COUNTER_KEY);
  return typeof entry?.value === 'number' ? entry.value : 0;
}

/**
 * Raises the counter to at least `n` (never lowers it) and returns the counter now stored: a local write whose
 * record already carried a higher counter of this installation, or the high-water mark the main process keeps
 * beside the identity (a re-created database on an old identity must not reuse a counter).
 */
export async function raiseCounter(db: CadreDb, n: number): Promise<number> {
  const current = await currentCounter(db);
  if (n <= current) return current;
  await db.meta.put({ key: COUNTER_KEY, value: n });
  return n;
}

const holds = new WeakMap<CadreDb, string>();

/**
 * Refuses local writes, with `reason`, until the returned function is called: a bulk load that spans many
 * transactions (demo data) must not have real records slip in between its batches.
 */
export function holdLocalWrites(db: CadreDb, reason: string): () => void {
  holds.set(db, reason);
  return () => holds.delete(db);
}

/**
 * The tables every local write touches besides its record's: the counter (meta), the audit log and the change
 * index of incremental export (syncIndex, with its sub-record id filter). A caller that opens its own transaction
 * around repository writes lists these too.
 */
export const localWriteTables = (db: CadreDb): Table[] => [db.meta, db.audit, ...[db.syncIndex, db.syncIdFilter].filter((t) => t !== undefined)];

/** False only for a connection opened at a schema before version 6 (the migration tests open such databases). */
const hasChangeIndex = (db: CadreDb): boolean => (db as Partial<CadreDb>).syncIndex !== undefined;

/** Runs fn in one read-write transaction over the given tables plus localWriteTables. */
export function writeTransaction<T>(db: CadreDb, tables: Table[], fn: () => Promise<T>): Promise<T> {
  const held = holds.get(db);
  if (held) return Promise.reject(new UserError(held));
  return db.transaction('rw', [...tables, ...localWriteTables(db)], fn);
}

export interface LocalWrite<T extends SyncFields> {
  table: EntityTable<T, 'id'>;
  before: T | undefined;
  /** The record's data without sync fields; `id` is taken from before when it exists. */
  data: Omit<T, keyof SyncFields> & { id: string };
  deleted?: boolean;
  summary: string;
  /** The record's title (its type's declaration), kept with the audit entry for the history list. */
  title?: string;
  /** The changed fields with both values in people's words (shared/catalog/leaves.ts diffRecords). */
  changes?: FieldChange[];
}

/** A local write to a record that is not a row of its own (a sub-record inside its dossier's SubRecordSet). */
export interface StoredWrite<T extends SyncFields> extends Omit<LocalWrite<T>, 'table'> {
  /** The record's table as sync and the audit log name it, e.g. 'career'. */
  tableName: string;
  store: (record: T) => Promise<void>;
}

/**
 * Every local write goes through here, inside writeTransaction: bumps the version vector past both the counter and
 * the record's own entry (the counter follows), stamps updatedAt/updatedBy, stores the record and appends the
 * audit entry — all or nothing.
 */
export function writeRecord<T extends SyncFields>(db: CadreDb, ctx: WriteContext, write: LocalWrite<T>): Promise<T> {
  const { table, ...rest } = write;
  return writeStored(db, ctx, { ...rest, tableName: table.name, store: async (record) => void (await table.put(record)) });
}

/** writeRecord for records stored by the caller's own function. */
export async function writeStored<T extends SyncFields>(db: CadreDb, ctx: WriteContext, write: StoredWrite<T>): Promise<T> {
  const [record] = await writeStoredMany(db, ctx, [write]);
  return record!;
}

/**
 * writeStored for several records in a row (an import writing a whole dossier's records): the same version
 * vectors, stamps, change index and audit entries as one writeStored after another, with the counter, the index
 * and the audit log each written once — every write to IndexedDB is a round trip, and an import of 1,000 files
 * makes thousands of records.
 */
export async function writeStoredMany<T extends SyncFields>(db: CadreDb, ctx: WriteContext, writes: readonly StoredWrite<T>[]): Promise<T[]> {
  if (!Dexie.currentTransaction) throw new Error('writeRecord must run inside writeTransaction');
  if (!writes.length) return [];
  // vv[self] = max(counter, vv[self]) + 1, and the counter follows it (shared/sync/versionVector.ts bump)
  const self = ctx.actor.installationId;
  let counter = await currentCounter(db);
  const records: T[] = [];
  const audit: AuditEntry[] = [];
  for (const write of writes) {
    const vv = bump(write.before?.vv ?? {}, self, counter);
    counter = vv[self]!;
    const at = ctx.now();
    const deleted = write.deleted ?? false;
    const record = {
      ...write.data,
      vv,
      updatedAt: at,
      updatedBy: ctx.actor,
      deleted,
    } as unknown as T;
    await write.store(record);
    records.push(record);
    noteChange(db, write.tableName, [record.id]);
    const action: AuditEntry['action'] = deleted ? 'delete' : write.before && !write.before.deleted ? 'update' : 'create';
    audit.push({
      id: newId(),
      at,
      actor: ctx.actor,
      table: write.tableName,
      recordId: record.id,
      action,
      summary: write.summary,
      ...(write.title !== undefined ? { title: write.title } : {}),
      ...(write.changes ? { changes: write.changes } : {}),
      before: write.before ?? null,
      after: record,
    });
  }
  await raiseCounter(db, counter);
  if (hasChangeIndex(db)) await indexRecords(db, writes.map((w, i) => ({ table: w.tableName, record: records[i]!, before: w.before })));
  await db.audit.bulkAdd(audit);
  return records;
}
