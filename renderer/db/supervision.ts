import type { Table } from 'dexie';
import { recordTypeOf } from '../../shared/catalog';
import type { AnyRecordType, DataOfType, InputOfType, RecordOfType } from '../../shared/catalog/recordType';
import { FieldErrors } from '../../shared/catalog/validate';
import type { Cadre } from '../../shared/domain/cadre';
import type { SyncFields } from '../../shared/domain/record';
import { appointmentCaseType, poolEntryType, type AppointmentCase, type PoolEntry } from '../../shared/domain/selection';
import { checkDossier, type Finding } from '../../shared/rules/checks';
import { keyCheckProposals } from '../../shared/rules/keyChecks';
import type { Month } from '../../shared/rules/months';
import {
  clueType,
  documentLoanType,
  fourChecksType,
  personalMattersType,
  SUPERVISION_TYPES,
  travelDocumentType,
  type Clue,
  type DocumentLoan,
  type PersonalMattersReport,
} from '../../shared/domain/supervision';
import { FieldError, UserError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { doubleLoanProblem, fourChecksProblems } from '../../shared/rules/supervisionChecks';
import {
  BLOCK_SIZE,
  nextEntry,
  ROW_SIZE,
  recordDigest,
  stretchOf,
  sealFull,
  unpackBlock,
  type Broken,
  type ChainBlock,
  type ChainAction,
  type ChainEntry,
  type ChainGap,
  type ChainHead,
} from '../../shared/rules/supervisionChain';
import type { CadreDb } from './database';
import { joinStretch } from './supervisionChainBlocks';
import { VerifySession, type RecordToCompare } from '../../shared/rules/supervisionChainVerify';
import { VERIFY_WORKER_FAILED, type PartRequest } from './supervisionVerifyPart';
import { createRecord, deleteRecord, storedRecord, updateRecord, writeScope } from './records';
import { writeTransaction, type WriteContext } from './repository';

// 管理监督's repository (docs/supervision.md): every write to a restricted record goes through here, which adds
// the checks that need the database (a 凡提四必 record completed while a clue of the cadre is open; a document
// lent twice) and appends the write to the hash-chained log in the same transaction. After the transaction the
// head is signed by the main process (ChainApi); verify() recomputes the chain and names the first broken entry.

type Rec<R extends AnyRecordType> = RecordOfType<R> & SyncFields;
type SupervisionType = (typeof SUPERVISION_TYPES)[number];

/** The main process's side of the log (shared/contract/supervision.ts), injected so tests can give their own. */
export interface ChainApi {
  signHead(input: { entries: ChainEntry[] }): Promise<ChainHead & { signature: string }>;
  checkHead(input: { head: ChainHead; signature: string } | null): Promise<{ signatureValid: boolean | null; heads: ChainHead[]; gaps: ChainGap[] }>;
}

/** The log's open entries, one row each: those after the last full block. */
export const chainTable = (db: CadreDb): Table<ChainEntry, number> => db.table('supervisionChain');
/**
 * The log's sealed blocks (schema version 28), by their first entry's number: of BLOCK_SIZE entries, joined ROW_SIZE
 * to a row once ten are sealed (version 29).
 */
export const chainBlocksTable = (db: CadreDb): Table<ChainBlock, number> => db.table('supervisionChainBlocks');
/** The last head the main process signed, with its signature (meta, local). */
export const SIGNED_HEAD_KEY = 'supervisionSignedHead';
type SignedHead = ChainHead & { signature: string };

/** The tables a check of this type reads besides its own. */
function checkTables(db: CadreDb, type: AnyRecordType): Table[] {
  if (type === fourChecksType) return [db.table(clueType.table)];
  if (type === documentLoanType) return [db.table(travelDocumentType.table)];
  return [];
}

/** The open clues of a cadre (not closed, not deleted). */
export async function openClues(db: CadreDb, cadreId: string): Promise<Clue[]> {
  const all = (await db.table(clueType.table).where('cadreId').equals(cadreId).toArray()) as Clue[];
  return all.filter((c) => !c.deleted && c.status !== 'closed');
}

/**
 * What 数据校验 finds in a cadre's dossier today (the 三龄两历 checks of shared/rules/checks.ts, as the 数据校验 screen
 * runs them), shown beside 档案必审's 认定 so the person deciding sees the contradictions; with the dossier's values.
 */
export async function dossierFindings(db: CadreDb, cadreId: string, today: string): Promise<{ cadre: Cadre | undefined; findings: Finding[] }> {
  const [cadre, set] = await Promise.all([db.cadres.get(cadreId), db.subRecords.get(cadreId)]);
  if (!cadre || cadre.deleted) return { cadre: undefined, findings: [] };
  const live = <T extends { deleted: boolean }>(rows: T[] | undefined): T[] => (rows ?? []).filter((r) => !r.deleted);
  const input = { cadre, career: live(set?.career), education: live(set?.education) };
  return { cadre, findings: checkDossier(input, { asOf: today.slice(0, 7), today }) };
}

/** Checks that need the database, by type; throw FieldErrors at the field. */
function checkOf(db: CadreDb, type: AnyRecordType) {
  if (type === fourChecksType) {
    return async (data: Record<string, unknown>) => {
      const problems = fourChecksProblems(data, data.complete ? await openClues(db, String(data.cadreId)) : []);
      if (problems.length) throw new FieldErrors(problems);
    };
  }
  if (type === documentLoanType) {
    return async (data: Record<string, unknown>, before: { id: string } | undefined) => {
      const doc = await db.table(travelDocumentType.table).get(String(data.documentId));
      if (!doc || doc.deleted || doc.cadreId !== data.cadreId) throw new FieldError('documentId', '该证件不在本干部交存的证件中，请重新选择证件');
      if (data.returned) return;
      const loans = (await db.table(documentLoanType.table).where('documentId').equals(String(data.documentId)).toArray()) as DocumentLoan[];
      const problems = doubleLoanProblem(loans.filter((l) => !l.deleted && !l.returned && l.id !== before?.id));
      if (problems.length) throw new FieldErrors(problems);
    };
  }
  return undefined;
}

/** The log's last entry: the last open one, else the last of the last block. */
async function lastEntry(db: CadreDb): Promise<ChainEntry | undefined> {
  const open = await chainTable(db).orderBy('seq').last();
  if (open) return open;
  const block = await chainBlocksTable(db).orderBy(':id').last();
  return block ? unpackBlock(block).at(-1) : undefined;
}

/**
 * Stores new entries (continuing the log) in the caller's transaction: a block that they fill is sealed into one
 * row — the open entries before them moved into it — and the rest stay open, a row each. Sealing keeps the blocks
 * before every open entry; a log damaged outside the app is not sealed further, so verification still names the
 * damage.
 */
async function appendEntries(db: CadreDb, entries: readonly ChainEntry[]): Promise<void> {
  const first = entries[0];
  const last = entries.at(-1);
  if (!first || !last) return;
  const log = chainTable(db);
  const blockStart = first.seq - ((first.seq - 1) % BLOCK_SIZE);
  if (!(last.seq - blockStart + 1 >= BLOCK_SIZE)) {
    await log.bulkAdd(entries);
    return;
  }
  const earlier = blockStart < first.seq ? await log.where('seq').between(blockStart, first.seq, true, false).toArray() : [];
  const oldest = await log.orderBy('seq').first();
  const { blocks, count } = oldest && oldest.seq < blockStart ? { blocks: [], count: 0 } : sealFull([...earlier, ...entries]);
  if (blocks.length) await chainBlocksTable(db).bulkAdd(blocks);
  if (count && earlier.length) await log.bulkDelete(earlier.slice(0, count).map((e) => e.seq));
  const open = entries.slice(Math.max(0, count - earlier.length));
  if (open.length) await log.bulkAdd(open);
  // the ROW_SIZE stretch this sealing completed, begun by blocks sealed before, joined into one row (sealFull
  // packed the stretches it covers whole)
  const stretch = stretchOf(blockStart);
  if (stretch < blockStart && stretch + ROW_SIZE <= blockStart + count) await joinStretch(chainBlocksTable(db), stretch);
}

/** The log's entries after `after`, about `limit` of them, in order: from the sealed blocks, then the open ones. */
async function entriesAfter(db: CadreDb, after: number, limit: number): Promise<ChainEntry[]> {
  const wanted = Math.max(1, Math.ceil(limit / BLOCK_SIZE));
  const rows = await chainBlocksTable(db)
    .where(':id')
    .aboveOrEqual(stretchOf(after + 1))
    .limit(wanted)
    .toArray();
  const sealed = rows.flatMap(unpackBlock).filter((e) => e.seq > after);
  if (rows.length === wanted && sealed.length) return sealed;
  const open = await chainTable(db)
    .where('seq')
    .above(Math.max(after, sealed.at(-1)?.seq ?? after))
    .limit(Math.max(1, limit - sealed.length))
    .toArray();
  return [...sealed, ...open];
}

/**
 * The whole log in order, `page` entries at a time: the blocks by their key, then the open entries. The next page
 * is asked for before this one is handed over, so IndexedDB fetches it while the caller hashes.
 */
export async function* logPages(db: CadreDb, page: number): AsyncGenerator<ChainEntry[]> {
  const reads = storedLog(db, page);
  for await (const blocks of reads.sealed) yield blocks.flatMap(unpackBlock);
  yield* reads.open;
}

/**
 * The stored log as it is read, each page asked for before the last is handed over: its sealed rows (about `page`
 * entries a read), then its open entries (`page` a read). Neither reads anything until it is iterated.
 */
function storedLog(db: CadreDb, page: number): { sealed: AsyncGenerator<ChainBlock[]>; open: AsyncGenerator<ChainEntry[]> } {
  const perRead = Math.max(1, Math.floor(page / ROW_SIZE));
  const blocks = chainBlocksTable(db);
  const log = chainTable(db);
  return {
    sealed: readingAhead((after) => (after === null ? blocks.toCollection() : blocks.where(':id').above(after)).limit(perRead).toArray(), (b) => b.start),
    open: readingAhead((after) => (after === null ? log.toCollection() : log.where('seq').above(after)).limit(page).toArray(), (e) => e.seq),
  };
}

/** Pages in key order from `read` (null: the first), each next page asked for before this one is handed over. */
async function* readingAhead<T>(read: (after: number | null) => Promise<T[]>, keyOf: (row: T) => number): AsyncGenerator<T[]> {
  let next = read(null);
  for (;;) {
    const rows = await next;
    if (!rows.length) return;
    next = read(keyOf(rows.at(-1)!));
    yield rows;
  }
}

/** Appends one entry for a record as now stored, unless the log already holds exactly this version of it. */
async function appendEntry(db: CadreDb, ctx: WriteContext, table: string, record: SyncFields & object, action: ChainAction): Promise<void> {
  const digest = recordDigest(record);
  const last = await lastEntry(db);
  await appendEntries(db, [nextEntry(last, { at: ctx.now(), table, recordId: record.id, action, digest, by: ctx.actor.operator.slice(0, 60) })]);
}

/** The tables an import's transaction must hold for logImported (the log's open entries and its blocks). */
export const importLogTables = (db: CadreDb): Table[] => [chainTable(db), chainBlocksTable(db)];

/** A record an import stored, as the importer has it. */
export interface ImportedRecord {
  table: string;
  record: { id: string; deleted: boolean; updatedBy?: unknown } & Record<string, unknown>;
  /** The record as it was here before, if it was. */
  before?: { deleted: boolean } | undefined;
}

/**
 * Appends an entry for every restricted record an import stored, inside the import's own transaction (its tables
 * must include importLogTables), so the log covers this installation's records however they arrived and
 * verification stays whole after an import (docs/supervision.md "Hash-chained log"). The entry names the import
 * and the writer at the origin; the head is signed with the next batch (the 日志校验 tab signs before verifying).
 */
export async function logImported(db: CadreDb, stored: readonly ImportedRecord[], now: number = Date.now()): Promise<void> {
  const restricted = stored.filter((w) => recordTypeOf(w.table)?.restricted);
  if (!restricted.length) return;
  let last: ChainEntry | undefined = await lastEntry(db);
  const entries: ChainEntry[] = [];
  for (const { table, record, before } of restricted) {
    const action: ChainAction = record.deleted ? 'delete' : before && !before.deleted ? 'update' : 'create';
    const origin = (record.updatedBy as { operator?: unknown } | undefined)?.operator;
    const by = `导入${typeof origin === 'string' && origin ? `（${origin}）` : ''}`.slice(0, 60);
    last = nextEntry(last, { at: now, table, recordId: record.id, action, digest: recordDigest(record), by });
    entries.push(last);
  }
  await appendEntries(db, entries);
}

/** A restricted record stored in bulk with the versions it went through, oldest first; the last is stored. */
export interface LoggedRecord {
  table: string;
  versions: readonly ({ id: string; deleted: boolean; updatedBy?: unknown } & Record<string, unknown>)[];
}

/**
 * Stores restricted records that arrive in bulk and logs every version of each, in one transaction per call — the
 * path an import takes (logImported), for data that comes whole: the demo data, the bench. Returns the entries
 * written.
 */
export async function storeLogged(db: CadreDb, batch: readonly LoggedRecord[], now: number = Date.now()): Promise<number> {
  const byTable = new Map<string, object[]>();
  const stored: ImportedRecord[] = [];
  for (const { table, versions } of batch) {
    const last = versions.at(-1);
    if (!last) continue;
    const list = byTable.get(table);
    if (list) list.push(last);
    else byTable.set(table, [last]);
    versions.forEach((record, i) => stored.push({ table, record, before: i ? { deleted: false } : undefined }));
  }
  await db.transaction('rw', [...[...byTable.keys()].map((t) => db.table(t)), ...importLogTables(db)], async () => {
    for (const [table, rows] of byTable) await db.table(table).bulkPut(rows);
    await logImported(db, stored, now);
  });
  return stored.length;
}

export type SupervisionWrite<R extends AnyRecordType> =
  | { kind: 'create'; input: InputOfType<R> }
  | { kind: 'update'; id: string; cadreId: string; patch: Partial<InputOfType<R>> }
  | { kind: 'delete'; id: string; cadreId: string };

/** The tables a batch of writes to these types touches, the log included. */
const batchTables = (db: CadreDb, types: readonly AnyRecordType[]) => [
  ...new Set(types.flatMap((t) => [...writeScope(db, t), ...checkTables(db, t)])),
  ...importLogTables(db),
];

async function writeOne<R extends SupervisionType>(db: CadreDb, ctx: WriteContext, type: R, op: SupervisionWrite<R>): Promise<Rec<R> | undefined> {
  const check = checkOf(db, type) as ((data: DataOfType<R>, before: Rec<R> | undefined) => Promise<void>) | undefined;
  const hooks = check ? { check } : {};
  if (op.kind === 'create') {
    const record = (await createRecord(db, ctx, type, op.input, hooks)) as Rec<R>;
    await appendEntry(db, ctx, type.table, record, 'create');
    return record;
  }
  const before = (await storedRecord(db, type, op.id, { cadreId: op.cadreId })) as Rec<R> | undefined;
  if (op.kind === 'update') {
    const record = (await updateRecord(db, ctx, type, op.id, op.patch, { cadreId: op.cadreId, ...hooks })) as Rec<R>;
    // nothing changed: nothing written, nothing logged
    if (before && record.updatedAt === before.updatedAt && JSON.stringify(record.vv) === JSON.stringify(before.vv)) return record;
    await appendEntry(db, ctx, type.table, record, 'update');
    return record;
  }
  await deleteRecord(db, ctx, type, op.id, { cadreId: op.cadreId });
  const tomb = (await storedRecord(db, type, op.id, { cadreId: op.cadreId })) as Rec<R> | undefined;
  if (tomb && before && !before.deleted) await appendEntry(db, ctx, type.table, tomb, 'delete');
  return undefined;
}

/**
 * Writes several supervision records in one transaction, each logged; then has the main process sign the new
 * head (when `api` is given). A signing failure leaves the records written and says so (verify will show the
 * unsigned entries).
 */
export async function writeSupervisionBatch(
  db: CadreDb,
  ctx: WriteContext,
  writes: readonly { type: SupervisionType; op: SupervisionWrite<SupervisionType> }[],
  api?: ChainApi,
): Promise<(SyncFields | undefined)[]> {
  const types = [...new Set(writes.map((w) => w.type))];
  const out = await writeTransaction(db, batchTables(db, types), async () => {
    const results: (SyncFields | undefined)[] = [];
    for (const w of writes) results.push((await writeOne(db, ctx, w.type, w.op as never)) as SyncFields | undefined);
    return results;
  });
  if (api) await signPending(db, api);
  return out;
}

/** One supervision write: create, update or delete, logged and signed. */
export async function writeSupervision<R extends SupervisionType>(
  db: CadreDb,
  ctx: WriteContext,
  type: R,
  op: SupervisionWrite<R>,
  api?: ChainApi,
): Promise<Rec<R> | undefined> {
  const [record] = await writeSupervisionBatch(db, ctx, [{ type, op: op as never }], api);
  return record as Rec<R> | undefined;
}

/** Has the main process sign the entries written since the last signed head. */
export async function signPending(db: CadreDb, api: ChainApi): Promise<SignedHead | null> {
  const signed = (await db.meta.get(SIGNED_HEAD_KEY))?.value as SignedHead | undefined;
  let head: SignedHead | null = signed ?? null;
  for (;;) {
    const entries = await entriesAfter(db, head?.seq ?? 0, 5_000);
    if (!entries.length) return head;
    head = await api.signHead({ entries });
    await db.meta.put({ key: SIGNED_HEAD_KEY, value: head });
  }
}

export interface ChainVerification {
  /** Entries in the log. */
  entries: number;
  /** The stored head's signature checks with this installation's key (null: nothing signed yet). */
  signatureValid: boolean | null;
  /** Entries after the last head the main process signed. */
  unsigned: number;
  /** The first broken entry, or null when the log and the records are intact. */
  broken: Broken | null;
  /**
   * Entries whose signed heads were lost (the main process's heads file gone or older than the log): they link,
   * but cannot be checked against signatures. Signing started again after each.
   */
  gaps: ChainGap[];
}

/** Reads and digests the supervision records in a worker (renderer/db/supervisionVerifyPart.ts). */
export type VerifyHelper = (request: PartRequest) => Promise<RecordToCompare[]>;

/**
 * A helper in a new module worker of its own, ended once it answers; none where there are no workers (unit tests:
 * the records are then digested in the thread, as they always could be).
 */
export function verifyWorker(): VerifyHelper | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return (request) =>
    new Promise<RecordToCompare[]>((resolve, reject) => {
      const worker = new Worker(new URL('./supervisionVerifyWorker.ts', import.meta.url), { type: 'module' });
      const done = (f: () => void) => {
        worker.terminate();
        f();
      };
      worker.onmessage = (event: MessageEvent<{ kind: 'records'; records: RecordToCompare[] } | { kind: 'error'; message: string }>) => {
        const m = event.data;
        done(() => (m.kind === 'records' ? resolve(m.records) : reject(new Error(m.message))));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        done(() => reject(new Error(event.message || 'the verifying worker failed')));
      };
      worker.onmessageerror = () => done(() => reject(new Error('the answer of the verifying worker could not be read')));
      worker.postMessage(request);
    });
}

/**
 * Recomputes the whole log a page at a time, compares it with the heads the main process signed and the stored
 * head's signature, and every supervision record with its last entry. The rows are checked from their strings
 * (ChainVerifier, shared/rules/supervisionChainVerify.ts) while IndexedDB fetches the next page. With a helper (a
 * worker that opens the database itself) the records are read and digested on the other core meanwhile, and only
 * their digests come back; without one, or when it fails, they are read and digested here between the pages. (A
 * worker hashing rows posted to it, and one reading and checking the last rows itself, were measured slower than
 * this thread: docs/supervision.md "Performance".)
 */
export async function verifyChain(db: CadreDb, api: ChainApi, self: string, page = 20_000, helper: VerifyHelper | undefined = verifyWorker()): Promise<ChainVerification> {
  const signed = (await db.meta.get(SIGNED_HEAD_KEY))?.value as SignedHead | undefined;
  const { signatureValid, heads, gaps } = await api.checkHead(signed ? { head: { seq: signed.seq, hash: signed.hash }, signature: signed.signature } : null);
  const tables = SUPERVISION_TYPES.map((t) => t.table);
  const digested = helper
    ? helper({ database: db.name, self, tables }).catch((e: unknown) => {
        // the outcome is the same, only slower; the e2e walk asserts this is never said
        // eslint-disable-next-line no-console -- the renderer has no log channel to main yet; never fail silently
        console.warn(VERIFY_WORKER_FAILED, e);
        return null;
      })
    : null;
  // without a helper the records are read here beside the log; when the helper fails, after it
  const own = helper ? null : recordsToCompare(db, self);
  own?.catch(() => undefined);
  const session = new VerifySession();
  session.handle({ kind: 'start', heads, signedSeq: signed?.seq });
  const reads = storedLog(db, page);
  for await (const blocks of reads.sealed) session.handle({ kind: 'blocks', blocks });
  for await (const entries of reads.open) session.handle({ kind: 'entries', entries });
  const records = (await digested) ?? (await (own ?? recordsToCompare(db, self)));
  const reply = session.handle({ kind: 'end', records });
  if (reply.kind !== 'done') throw new Error('verification ended without its outcome');
  const { count, lastSeq, signedHash, changed } = reply.outcome;
  let broken = reply.outcome.broken;
  if (!broken && signed && lastSeq !== undefined && signed.seq <= lastSeq) {
    if (signedHash !== signed.hash) broken = { seq: signed.seq, reason: `第${signed.seq}条日志与签署时不符，日志被改动过` };
  }
  if (!broken && signatureValid === false) broken = { seq: signed!.seq, reason: `第${signed!.seq}条日志处的签名与本机密钥不符，签名或日志被改动过` };
  broken ??= changed;
  let lastSigned = heads.at(-1)?.seq ?? 0;
  // the renderer's head was signed, but the main process no longer holds the heads up to it: a gap until the next
  // write starts signing again
  const shown = [...gaps];
  if (signed && signed.seq > lastSigned && signatureValid) {
    shown.push({ from: lastSigned + 1, to: signed.seq });
    lastSigned = signed.seq;
  }
  return { entries: count, signatureValid, unsigned: Math.max(0, (lastSeq ?? 0) - lastSigned), broken, gaps: shown };
}

/** Lets IndexedDB's answers (the next page of the log) come in between slices of a long loop. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Every supervision record with its digest, a slice at a time (the hashing of the log goes on meanwhile): this
 * installation's writes, and the rest in case the log holds them (what its imports stored); a record last written
 * elsewhere and stored before imports were logged has no entry here, and is left to its origin's log.
 */
async function recordsToCompare(db: CadreDb, self: string): Promise<RecordToCompare[]> {
  const tables = await Promise.all(SUPERVISION_TYPES.map(async (type) => ({ table: type.table, rows: (await db.table(type.table).toArray()) as SyncFields[] })));
  const out: RecordToCompare[] = [];
  for (const { table, rows } of tables) {
    for (let i = 0; i < rows.length; i++) {
      const record = rows[i]!;
      out.push({ table, id: record.id, digest: recordDigest(record), mine: !record.updatedBy || record.updatedBy.installationId === self });
      if (i % 2_000 === 1_999) await yieldToEvents();
    }
  }
  return out;
}

// ---- Reports: the year's reports, and the random draw ------------------------------------------------------

/** The live reports of a year, by the year index. */
export async function reportsOfYear(db: CadreDb, year: number): Promise<PersonalMattersReport[]> {
  const rows = (await db.table(personalMattersType.table).where('year').equals(year).toArray()) as PersonalMattersReport[];
  return rows.filter((r) => !r.deleted);
}

/** A random draw as kept: the seed and the list drawn, who drew and when (local). */
export interface DrawRow {
  id: string;
  year: number;
  percent: number;
  seed: string;
  /** The cadre ids drawn, in draw order. */
  drawn: string[];
  by: string;
  at: number;
}

export const drawsTable = (db: CadreDb): Table<DrawRow, string> => db.table('supervisionDraws');

/**
 * Keeps a draw and marks the drawn reports 随机抽查 (each write logged), in one transaction. A draw is kept once
 * per year: a second one is refused, so the list cannot be redrawn until it suits someone.
 */
export async function recordDraw(
  db: CadreDb,
  ctx: WriteContext,
  draw: Omit<DrawRow, 'id' | 'by' | 'at'>,
  reports: readonly PersonalMattersReport[],
  api?: ChainApi,
): Promise<DrawRow> {
  const row: DrawRow = { ...draw, id: newId(), by: ctx.actor.operator, at: ctx.now() };
  const byCadre = new Map(reports.map((r) => [r.cadreId, r]));
  await writeTransaction(db, [...batchTables(db, [personalMattersType]), drawsTable(db)], async () => {
    if (await drawsTable(db).where('year').equals(draw.year).count()) {
      throw new UserError(`${draw.year}年度已经随机抽取过，抽取结果已保存，不能重新抽取。`);
    }
    await drawsTable(db).add(row);
    for (const cadreId of draw.drawn) {
      const report = byCadre.get(cadreId);
      if (!report || report.checkKind !== 'none') continue;
      await writeOne(db, ctx, personalMattersType, { kind: 'update', id: report.id, cadreId, patch: { checkKind: 'random' } });
    }
  });
  if (api) await signPending(db, api);
  return row;
}

// ---- 重点抽查 from the selection work's cases and pools -------------------------------------------------------

/** Who the selection work's open cases and pools in force propose for 重点抽查, with why (read only). */
export async function keyCheckProposalsOf(db: CadreDb, month: Month): Promise<Map<string, string[]>> {
  const [cases, pools] = await Promise.all([
    db.table(appointmentCaseType.table).toArray() as Promise<AppointmentCase[]>,
    db.table(poolEntryType.table).toArray() as Promise<PoolEntry[]>,
  ]);
  return keyCheckProposals(cases, pools, month);
}

/**
 * Marks the given reports 重点抽查 — those submitted and not yet chosen for a check — in one logged batch; a
 * person confirms the proposals. Returns how many were marked.
 */
export async function confirmKeyChecks(db: CadreDb, ctx: WriteContext, reports: readonly PersonalMattersReport[], api?: ChainApi): Promise<number> {
  const marked = reports.filter((r) => !r.deleted && r.submitted && r.checkKind === 'none');
  if (!marked.length) return 0;
  const writes = marked.map((r) => ({
    type: personalMattersType,
    op: { kind: 'update' as const, id: r.id, cadreId: r.cadreId, patch: { checkKind: 'key' as const } },
  }));
  await writeSupervisionBatch(db, ctx, writes as never, api);
  return marked.length;
}
