import { Dexie, type EntityTable, type Table } from 'dexie';
import { newId } from '../../shared/ids';
import { bump } from '../../shared/sync/versionVector';
import type { Actor, SyncFields } from '../../shared/domain/record';
import type { AuditEntry, CadreDb } from './database';

/** Who is writing, and the clock: passed in so rules and tests stay pure. */
export interface WriteContext {
  actor: Actor;
  now: () => number;
}

const COUNTER_KEY = 'counter';

/** The installation counter (BUNDLE.md "Sync semantics"): one step per local write, never reused. */
export async function nextCounter(db: CadreDb): Promise<number> {
  const entry = await db.meta.get(COUNTER_KEY);
  const next = (typeof entry?.value === 'number' ? entry.value : 0) + 1;
  await db.meta.put({ key: COUNTER_KEY, value: next });
  return next;
}

export async function currentCounter(db: CadreDb): Promise<number> {
  const entry = await db.meta.get(COUNTER_KEY);
  return typeof entry?.value === 'number' ? entry.value : 0;
}

/** Runs fn in one read-write transaction over the given tables plus meta and audit. */
export function writeTransaction<T>(db: CadreDb, tables: Table[], fn: () => Promise<T>): Promise<T> {
  return db.transaction('rw', [...tables, db.meta, db.audit], fn);
}

export interface LocalWrite<T extends SyncFields> {
  table: EntityTable<T, 'id'>;
  before: T | undefined;
  /** The record's data without sync fields; `id` is taken from before when it exists. */
  data: Omit<T, keyof SyncFields> & { id: string };
  deleted?: boolean;
  summary: string;
}

/**
 * Every local write goes through here, inside writeTransaction: bumps the version vector with the next counter,
 * stamps updatedAt/updatedBy, stores the record and appends the audit entry — all or nothing.
 */
export async function writeRecord<T extends SyncFields>(db: CadreDb, ctx: WriteContext, write: LocalWrite<T>): Promise<T> {
  if (!Dexie.currentTransaction) throw new Error('writeRecord must run inside writeTransaction');
  const counter = await nextCounter(db);
  const at = ctx.now();
  const deleted = write.deleted ?? false;
  const record = {
    ...write.data,
    vv: bump(write.before?.vv ?? {}, ctx.actor.installationId, counter),
    updatedAt: at,
    updatedBy: ctx.actor,
    deleted,
  } as unknown as T;
  await write.table.put(record);
  const action: AuditEntry['action'] = deleted ? 'delete' : write.before && !write.before.deleted ? 'update' : 'create';
  await db.audit.add({
    id: newId(),
    at,
    actor: ctx.actor,
    table: write.table.name,
    recordId: record.id,
    action,
    summary: write.summary,
    before: write.before ?? null,
    after: record,
  });
  return record;
}

