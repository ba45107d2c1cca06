import { Dexie, type Table } from 'dexie';
import { diffRecords, type DisplayContext, type FieldChange } from '../../shared/catalog/leaves';
import type { AnyRecordType, DataOfType, InputOfType, RecordOfType } from '../../shared/catalog/recordType';
import { FieldErrors, validRecord } from '../../shared/catalog/validate';
import { withoutSyncFields, type SyncFields } from '../../shared/domain/record';
import { FieldError, UserError } from '../../shared/errors';
import { naturalId, newId } from '../../shared/ids';
import { dayOf } from '../../shared/rules/months';
import type { CadreDb } from './database';
import { writeStored, writeStoredMany, writeTransaction, type StoredWrite, type WriteContext } from './repository';
import { storedSubRecords, storeSubRecord } from './subRecords';
import { allEnrollments, classEnrollments, putEnrollments, storedEnrollments, storeEnrollment } from './classEnrollments';
import type { Enrollment } from '../../shared/domain/cultivation';
import { inReadOrder } from './dossierPacks';

// One repository for every record type of the catalogue (docs/record-types.md "Repository"): create, update and
// delete (a tombstone), each validated against the declaration with every problem at its field, bumping vv,
// stamping updatedAt/updatedBy and writing an audit entry with a field-level diff in Chinese labels — all in one
// transaction. A type's storage (a table of its own, grouped in its dossier's SubRecordSet row, or in its class's
// row) stays behind these functions.

type Rec<R extends AnyRecordType> = RecordOfType<R> & SyncFields;

/** Where a record is: owned types are found through their cadre, enrolments through their class. */
export interface Locator {
  cadreId?: string;
  classId?: string;
}

/** What a record type's callers add to a write: checks that need the database, and the audit line. */
export interface WriteHooks<R extends AnyRecordType> {
  /** Runs inside the transaction before the write; throws FieldError/UserError to refuse. */
  check?: (data: DataOfType<R>, before: Rec<R> | undefined) => Promise<void>;
  /** The audit summary; by default "新增/修改/删除 …" with the type's name and the record's title. */
  summary?: (data: DataOfType<R>, before: Rec<R> | undefined) => string;
}

const todayOf = (ctx: WriteContext) => dayOf(new Date(ctx.now()));

/** The table a type's records are stored in (a transaction's scope names it). */
export function storeTable(db: CadreDb, type: AnyRecordType): Table {
  if (type.storage === 'grouped') return db.subRecords;
  if (type.storage === 'inClass') return classEnrollments(db);
  return db.table(type.table);
}

/**
 * Records that came from elsewhere (generated 培养历练, a benchmark's data) stored as they are, vectors untouched, inside
 * the caller's transaction: a table's rows put, enrolments into their classes' rows. Sub-records go through
 * renderer/db/bulkLoad.ts.
 */
export function putStoredRecords(db: CadreDb, type: AnyRecordType, records: readonly object[]): Promise<unknown> {
  if (type.storage === 'grouped') throw new Error(`${type.table} records are stored with their dossier (bulkLoadBatch)`);
  if (type.storage === 'inClass') return putEnrollments(db, records as Enrollment[]);
  return db.table(type.table).bulkPut([...records]);
}

/** The tables a write of this type touches: its storage, the cadres (owner or itself), units if it names one. */
export function writeScope(db: CadreDb, type: AnyRecordType): Table[] {
  const tables = new Set<Table>([storeTable(db, type)]);
  if (type.ownedByCadre || type.table === 'cadres') tables.add(db.cadres);
  if (Object.values(type.fields).some((f) => f.kind === 'unit') && type.table !== 'units') tables.add(db.units);
  return [...tables];
}

function ownerOf(type: AnyRecordType, where: Locator): string | undefined {
  if (!type.ownedByCadre) return undefined;
  if (!where.cadreId) throw new Error(`${type.table} records are found through their cadre`);
  return where.cadreId;
}

/** A record of the type by id, tombstones included. */
export async function storedRecord<R extends AnyRecordType>(db: CadreDb, type: R, id: string, where: Locator = {}): Promise<Rec<R> | undefined> {
  if (type.storage === 'grouped') {
    const list = (await storedSubRecords(db, type.table as never, ownerOf(type, where)!)) as unknown as Rec<R>[];
    return list.find((r) => r.id === id);
  }
  if (type.storage === 'inClass') {
    if (!where.classId) throw new Error(`${type.table} records are found through their class`);
    return (await storedEnrollments(db, where.classId)).find((r) => r.id === id) as Rec<R> | undefined;
  }
  return (await db.table(type.table).get(id)) as Rec<R> | undefined;
}

function store<R extends AnyRecordType>(db: CadreDb, type: R, cadreId: string | undefined) {
  if (type.storage === 'grouped') return storeSubRecord(db, type.table as never, cadreId!);
  if (type.storage === 'inClass') return storeEnrollment(db);
  const table = db.table(type.table);
  return async (record: { id: string }) => void (await table.put(record));
}

const OWNER_GONE = '该干部的档案已不存在，可能已被删除。请刷新后重试。';

async function liveOwner(db: CadreDb, cadreId: string) {
  const cadre = await db.cadres.get(cadreId);
  if (!cadre || cadre.deleted) throw new UserError(OWNER_GONE);
  return cadre;
}

/** Names for unit and cadre ids in the audit diff, looked up inside the write's transaction. */
async function displayContext(db: CadreDb, type: AnyRecordType, records: unknown[]): Promise<DisplayContext> {
  const unitIds = new Set<string>();
  for (const [key, field] of Object.entries(type.fields)) {
    if (field.kind !== 'unit') continue;
    for (const r of records) {
      const id = (r as Record<string, unknown> | undefined)?.[key];
      if (typeof id === 'string') unitIds.add(id);
    }
  }
  if (!unitIds.size || type.table === 'units') return {};
  const units = await db.units.bulkGet([...unitIds]);
  const names = new Map(units.flatMap((u) => (u ? [[u.id, u.name] as const] : [])));
  return { unitName: (id) => names.get(id) };
}

type Action = 'create' | 'update' | 'delete';
const VERB: Record<Action, string> = { create: '新增', update: '修改', delete: '删除' };

/** "为干部“王芳”新增年度考核记录" for owned types, "新增单位“东街道”" for the others. */
async function defaultSummary(db: CadreDb, type: AnyRecordType, action: Action, cadreId: string | undefined, data: unknown): Promise<string> {
  if (!type.ownedByCadre || !cadreId) return summaryOf(type, action, undefined, data);
  return summaryOf(type, action, (await db.cadres.get(cadreId))?.name ?? '', data);
}

/** defaultSummary with the owner's name already read (undefined for a type not owned by a cadre). */
function summaryOf(type: AnyRecordType, action: Action, ownerName: string | undefined, data: unknown): string {
  if (ownerName === undefined) return `${VERB[action]}${type.name}“${type.title(data as never)}”`;
  return action === 'create' ? `为干部“${ownerName}”新增${type.name}记录` : `${VERB[action]}干部“${ownerName}”的${type.name}记录`;
}

/** The write of one record as writeStoredMany takes it: stored by its type's storage unless `storeAs` is given. */
function writeOf<R extends AnyRecordType>(
  db: CadreDb,
  type: R,
  cadreId: string | undefined,
  before: Rec<R> | undefined,
  data: DataOfType<R> & { id: string },
  summary: string,
  deleted: boolean,
  changes: FieldChange[],
  storeAs?: (record: { id: string }) => Promise<void>,
): StoredWrite<Rec<R>> {
  return {
    tableName: type.table,
    store: storeAs ?? store(db, type, cadreId),
    before,
    data: data as never,
    deleted,
    summary,
    title: type.title(data as never),
    changes: deleted ? [] : changes,
  };
}

async function write<R extends AnyRecordType>(
  db: CadreDb,
  ctx: WriteContext,
  type: R,
  cadreId: string | undefined,
  before: Rec<R> | undefined,
  data: DataOfType<R> & { id: string },
  summary: string,
  deleted = false,
  known?: FieldChange[],
): Promise<Rec<R>> {
  const changes = known ?? diffRecords(type, before && !before.deleted ? before : undefined, data, await displayContext(db, type, [before, data]));
  return writeStored<Rec<R>>(db, ctx, writeOf(db, type, cadreId, before, data, summary, deleted, changes));
}

/** Creates a record: validated, its id made by the type's id rule (a tombstone with that id is revived). */
export async function createRecord<R extends AnyRecordType>(
  db: CadreDb,
  ctx: WriteContext,
  type: R,
  input: InputOfType<R>,
  hooks: WriteHooks<R> = {},
): Promise<Rec<R>> {
  const data = validRecord(type, input, { today: todayOf(ctx) }) as DataOfType<R>;
  const cadreId = type.ownedByCadre ? (data as { cadreId: string }).cadreId : undefined;
  return writeTransaction(db, writeScope(db, type), async () => {
    if (cadreId) await liveOwner(db, cadreId);
    let id = newId();
    let before: Rec<R> | undefined;
    const rule = type.id;
    if (rule.kind === 'natural') {
      id = naturalId(rule.prefix, ...rule.key(data as never));
      const existing = await storedRecord(db, type, id, { cadreId, classId: (data as { classId?: string }).classId });
      if (existing && !existing.deleted) {
        if (rule.taken.action === 'refuse') throw new FieldError(rule.keyFields[0] ?? '', rule.taken.message(data as never));
        id = newId();
      } else before = existing;
    }
    await hooks.check?.(data, undefined);
    const summary = hooks.summary?.(data, undefined) ?? (await defaultSummary(db, type, 'create', cadreId, data));
    return write(db, ctx, type, cadreId, before, { ...data, id }, summary);
  });
}

/**
 * Creates several records of a type with v7 ids in one transaction, as createRecord one after another would (each
 * validated, its own audit entry), every problem of every input refused before anything is written. Enrolments
 * (storage 'inClass') are stored together once written (putStoredRecords), each class's row once, not a row write
 * per enrolment: enrolling a unit's 2,000 cadres in one class rewrote a growing row 2,000 times.
 */
export async function createRecords<R extends AnyRecordType>(db: CadreDb, ctx: WriteContext, type: R, inputs: readonly InputOfType<R>[]): Promise<Rec<R>[]> {
  if (type.id.kind !== 'v7') throw new Error(`createRecords makes v7 ids; ${type.table} records have natural ids`);
  const today = todayOf(ctx);
  const data = inputs.map((input) => validRecord(type, input, { today }) as DataOfType<R>);
  // A few reads for all of them, then no await until the writes: Dexie follows its transaction across a bounded
  // number of awaits that are not its own, and a loop of them lost it.
  return writeTransaction(db, writeScope(db, type), async () => {
    const cadreIds = type.ownedByCadre ? [...new Set(data.map((d) => (d as { cadreId: string }).cadreId))] : [];
    const owners = new Map((await db.cadres.bulkGet(cadreIds)).flatMap((c) => (c && !c.deleted ? [[c.id, c.name] as const] : [])));
    if (owners.size < cadreIds.length) throw new UserError(OWNER_GONE);
    const display = await displayContext(db, type, data);
    // enrolments are stored below, all at once into their classes' rows; other records each as it is written
    const batched = type.storage === 'inClass';
    const later = batched ? () => Dexie.Promise.resolve() : undefined;
    const writes = data.map((d) => {
      const cadreId = type.ownedByCadre ? (d as { cadreId: string }).cadreId : undefined;
      const record = { ...d, id: newId() };
      const summary = summaryOf(type, 'create', cadreId && owners.get(cadreId), d);
      return writeOf(db, type, cadreId, undefined, record, summary, false, diffRecords(type, undefined, record, display), later);
    });
    const records = await writeStoredMany(db, ctx, writes);
    if (batched) await putStoredRecords(db, type, records);
    return records;
  });
}

/** Edits a live record; key fields of a natural id cannot change. Nothing is written when nothing changed. */
export async function updateRecord<R extends AnyRecordType>(
  db: CadreDb,
  ctx: WriteContext,
  type: R,
  id: string,
  patch: Partial<InputOfType<R>>,
  where: Locator & WriteHooks<R> = {},
): Promise<Rec<R>> {
  const cadreId = ownerOf(type, where);
  return writeTransaction(db, writeScope(db, type), async () => {
    const before = await storedRecord(db, type, id, where);
    if (!before || before.deleted) throw new UserError(type.goneMessage ?? '该记录已不存在，可能已被删除。请刷新后重试。');
    const current = withoutSyncFields(before as Rec<R>) as Record<string, unknown>;
    // an enrolment stays in its class (its row is the class's)
    const fixed = { ...(cadreId ? { cadreId } : {}), ...(type.storage === 'inClass' ? { classId: current.classId } : {}) };
    const data = validRecord(type, { ...current, ...patch, ...fixed }, { today: todayOf(ctx) }) as DataOfType<R>;
    const rule = type.id;
    if (rule.kind === 'natural') {
      const moved = rule.keyFields.filter((k) => JSON.stringify((data as Record<string, unknown>)[k]) !== JSON.stringify(current[k]));
      if (moved.length) throw new FieldErrors(moved.map((path) => ({ path, message: rule.fixedMessage ?? '该项创建后不能修改' })));
    }
    const changes = diffRecords(type, before, data, await displayContext(db, type, [before, data]));
    if (!changes.length) return before as Rec<R>;
    if (cadreId) await liveOwner(db, cadreId);
    await where.check?.(data, before as Rec<R>);
    const summary = where.summary?.(data, before as Rec<R>) ?? (await defaultSummary(db, type, 'update', cadreId, data));
    return write(db, ctx, type, cadreId, before as Rec<R>, { ...data, id }, summary, false, changes);
  });
}

/** Deletes a record as a tombstone (kept for sync); deleting what is already gone does nothing. */
export async function deleteRecord<R extends AnyRecordType>(
  db: CadreDb,
  ctx: WriteContext,
  type: R,
  id: string,
  where: Locator & Pick<WriteHooks<R>, 'summary'> = {},
): Promise<void> {
  const cadreId = ownerOf(type, where);
  await writeTransaction(db, writeScope(db, type), async () => {
    const before = await storedRecord(db, type, id, where);
    if (!before || before.deleted) return;
    const data = withoutSyncFields(before) as DataOfType<R>;
    const summary = where.summary?.(data, before) ?? (await defaultSummary(db, type, 'delete', cadreId, data));
    await write(db, ctx, type, cadreId, before, { ...data, id }, summary, true);
  });
}

/** The live records of one cadre, in the order they were added. */
export async function listByCadre<R extends AnyRecordType>(db: CadreDb, type: R, cadreId: string): Promise<Rec<R>[]> {
  if (!type.ownedByCadre) throw new Error(`${type.table} records do not belong to a cadre`);
  const rows =
    type.storage === 'grouped'
      ? ((await storedSubRecords(db, type.table as never, cadreId)) as unknown as Rec<R>[])
      : ((await db.table(type.table).where('cadreId').equals(cadreId).toArray()) as Rec<R>[]);
  return rows.filter((r) => !r.deleted);
}

/** The value of a record's period field as a sortable text (a year becomes '2024'). */
export function periodOf(type: AnyRecordType, record: unknown): string {
  if (!type.period) return '';
  const v = (record as Record<string, unknown>)[type.period];
  return v == null ? '' : String(v);
}

export interface ListFilter {
  /** Only records of cadres in these units (owned types), or in these units (types with a unit field). */
  unitIds?: ReadonlySet<string>;
  /** Inclusive bounds on the period field, compared as text ('2024', '2024-03', '2024-03-15' all work). */
  from?: string;
  to?: string;
}

/**
 * Live records of a type across the database, filtered by unit subtree and period, read a chunk of dossiers at a
 * time. Each comes with its cadre (for owned types) so lists can show whose it is.
 */
export async function listRecords<R extends AnyRecordType>(
  db: CadreDb,
  type: R,
  filter: ListFilter = {},
): Promise<{ record: Rec<R>; cadreId: string | null }[]> {
  const inPeriod = (r: unknown) => {
    const p = periodOf(type, r);
    if (filter.from && (!p || p < filter.from.slice(0, p.length))) return false;
    if (filter.to && (!p || p > filter.to.slice(0, p.length))) return false;
    return true;
  };
  const out: { record: Rec<R>; cadreId: string | null }[] = [];
  if (!type.ownedByCadre) {
    const unitKey = Object.entries(type.fields).find(([, f]) => f.kind === 'unit')?.[0];
    const rows = (type.storage === 'inClass' ? await allEnrollments(db) : await db.table(type.table).toArray()) as Rec<R>[];
    for (const r of rows) {
      if (r.deleted || !inPeriod(r)) continue;
      if (filter.unitIds && unitKey && !filter.unitIds.has(String((r as Record<string, unknown>)[unitKey]))) continue;
      out.push({ record: r, cadreId: null });
    }
    return out;
  }
  // by unit, as the dossier sets are packed: a chunk then reads few packs (inReadOrder)
  const cadres = inReadOrder((await db.cadres.toArray()).filter((c) => !c.deleted && (!filter.unitIds || filter.unitIds.has(c.unitId))));
  const CHUNK = 2_000;
  for (let i = 0; i < cadres.length; i += CHUNK) {
    const ids = cadres.slice(i, i + CHUNK).map((c) => c.id);
    const lists =
      type.storage === 'grouped'
        ? (await db.subRecords.bulkGet(ids)).map((set) => ((set as Record<string, unknown> | undefined)?.[type.table] ?? []) as Rec<R>[])
        : await Promise.all(ids.map((id) => db.table(type.table).where('cadreId').equals(id).toArray() as Promise<Rec<R>[]>));
    lists.forEach((list, k) => {
      for (const r of list) if (!r.deleted && inPeriod(r)) out.push({ record: r, cadreId: ids[k]! });
    });
  }
  return out;
}
