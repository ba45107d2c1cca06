import { Dexie } from 'dexie';
import { SYNCED_TYPES, recordTypeOf } from '../../shared/catalog';
import { UserError } from '../../shared/errors';
import { streamOf, type SyncLine, type BundleMeta } from '../../shared/sync/bundleMeta';
import { ledgerDecision, type LedgerDecision } from '../../shared/sync/ledger';
import { cadreMismatch, decideRecord, type RecordDecision } from '../../shared/sync/recordDecision';
import { compare, merge } from '../../shared/sync/versionVector';
import type { BlobEntry, CadreDb, SubRecordSet } from '../db/database';
import { noteChange } from '../db/changes';
import { importLogTables, logImported } from '../db/supervision';
import { deferDossierFacts, dossierFactPacks } from '../db/dossierFacts';
import { currentCounter, raiseCounter } from '../db/repository';
import { LATEST_VERSION } from '../db/schema';
import { groupKeyOf, holdersOf, indexKey, indexRecords } from './changeIndex';
import { anyIdsHere, IdFilter } from './idFilter';
import { SELF_KNOWLEDGE, peerKnowledgeKey, raiseKnowledge } from './knowledge';
import { ndjsonLines } from './ndjsonBytes';
import type { ConflictRow, StagingRow } from './tables';
import { packNewDossiers } from '../db/dossierPacks';

// Import (docs/bundle-format.md "Sync in this code" and "Export and import procedure"): the ledger check against
// META; the bundle's records staged in batches, grouped per dossier as the live data is; a preview computed from
// staging against the live tables; then ONE read-write transaction that applies skip / take / merge / conflict per
// record, writes the ledger row and both knowledge vectors and clears staging — awaiting nothing but IndexedDB, so
// a crash or a closed page leaves the live data as it was or fully updated. Imports never bump a vector.

/** The tables of synced types stored one record a row besides units and cadres (supervision records …). */
const ownTables = (db: CadreDb) => SYNCED_TYPES.filter((t) => t.storage === 'table' && t.table !== 'units' && t.table !== 'cadres').map((t) => db.table(t.table));

/** The ledger's decision for a bundle whose META the main process has verified. */
export async function checkBundle(db: CadreDb, self: string, meta: BundleMeta): Promise<LedgerDecision> {
  return db.transaction('r', db.ledger, async () => {
    const known = (await db.ledger.get(meta.bundleId)) !== undefined;
    const stream = streamOf(meta.source.installationId, meta.destination);
    const tip = await db.ledger.where('[stream+seq]').between([stream, Dexie.minKey], [stream, Dexie.maxKey]).last();
    return ledgerDecision(meta, { self, schemaVersion: LATEST_VERSION, known, tip });
  });
}

/** Throws the decision's message unless the bundle may be imported (a gap is allowed). */
export function assertImportable(decision: LedgerDecision): void {
  if (decision.kind === 'already' || decision.kind === 'refuse') throw new UserError(decision.message);
}

/** Staging left by an interrupted import: discarded at start-up and before every new import. */
export async function discardStaging(db: CadreDb): Promise<void> {
  await db.transaction('rw', db.staging, () => db.staging.clear());
}

/** The dossier key of a record for the live data: its dossier for cadres and their sub-records, its own row otherwise. */
export function stagingKeyOf(line: SyncLine): string {
  if (line.table === 'cadres') return `cadre:${line.record.id}`;
  const cadreId = line.record.cadreId;
  if (recordTypeOf(line.table)?.ownedByCadre && typeof cadreId === 'string') return `cadre:${cadreId}`;
  return indexKey(line.table, line.record.id);
}

/**
 * Refuses a line sync cannot store: an unknown or local table, or a record its type's schema refuses (sync fields,
 * every field's kind and limits, an owned record's cadre). Checked while staging, before anything is applied;
 * measured at about 11 µs a record in Node.
 */
function checkLine(line: SyncLine): void {
  const type = recordTypeOf(line.table);
  if (!type || !type.syncs) throw new UserError(`数据包中有本机不认识的数据表“${String(line.table).slice(0, 40)}”，可能来自更新版本的软件。请先升级本机软件后再导入。`);
  const parsed = type.schema.safeParse(line.record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `（${issue.path.join('.')}：${issue.message}）` : '';
    throw new UserError(`数据包中的一条${type.name}记录不符合格式${where}，数据包可能已损坏，未导入任何数据。请让对方重新导出。`);
  }
}

const encoder = new TextEncoder();

/**
 * The lines of an NDJSON entry, each decoded on its own (renderer/sync/ndjsonBytes.ts): Chromium's TextDecoder is
 * slow on a whole entry of Chinese text (a 5.6 MB entry: 64 ms to decode, 92 ms with parsing, against 28 ms line by
 * line), and an import parses every entry twice. A line that is not JSON refuses the import (the signature held,
 * so the sender wrote it).
 */
export function parseEntry(ndjson: Uint8Array): SyncLine[] {
  const lines: SyncLine[] = [];
  const authors = new Map<string, Author>();
  for (const text of ndjsonLines(ndjson)) {
    let line: SyncLine;
    try {
      line = JSON.parse(text) as SyncLine;
    } catch {
      throw new UserError('数据包中有一行记录无法读取，数据包可能已损坏，未导入任何数据。请让对方重新导出。');
    }
    shareAuthor(line, authors);
    lines.push(line);
  }
  return lines;
}

type Author = { installationId: string; operator: string };

/**
 * Gives the line's record the author object an earlier line of the entry had with the same two values. IndexedDB's
 * structured clone writes an object met again in one row as a reference, so a dossier set whose entries share one
 * author stores it once (the demo data's sets came out 18 % smaller, docs/architecture.md "Write path"). Nothing
 * changes an author in place; one with other fields or other types is left as it came (and checked as it came).
 */
function shareAuthor(line: SyncLine, authors: Map<string, Author>): void {
  const record = line?.record as { updatedBy?: unknown } | undefined;
  const by = record?.updatedBy as Partial<Author> | null | undefined;
  if (!by || typeof by !== 'object' || typeof by.installationId !== 'string' || typeof by.operator !== 'string' || Object.keys(by).length !== 2) return;
  const key = `${by.installationId}\u0000${by.operator}`;
  const seen = authors.get(key);
  if (seen) record!.updatedBy = seen;
  else authors.set(key, by as Author);
}

/** The staging key of the n-th entry: arrival order is key order. */
const chunkKey = (n: number) => `chunk:${String(n).padStart(8, '0')}`;

/** The lines of one NDJSON entry of a bundle, each checked (see checkLine): throws for the first refused. */
export function checkEntry(ndjson: Uint8Array): SyncLine[] {
  const lines = parseEntry(ndjson);
  for (const line of lines) checkLine(line);
  return lines;
}

/** Stores a checked entry in staging as it came, after the entries before it. */
export async function storeEntry(db: CadreDb, ndjson: Uint8Array, lines: number): Promise<void> {
  await db.transaction('rw', db.staging, async () => {
    const last = (await db.staging.where(':id').between('chunk:', 'chunk:\uffff').reverse().limit(1).primaryKeys())[0];
    const n = last === undefined ? 0 : Number(String(last).slice('chunk:'.length)) + 1;
    await db.staging.put({ key: chunkKey(n), ndjson, lines });
  });
}

/** Checks and stages one entry; returns its lines. Nothing is stored if a line is refused. */
export async function stageEntry(db: CadreDb, ndjson: Uint8Array): Promise<SyncLine[]> {
  const lines = checkEntry(ndjson);
  await storeEntry(db, ndjson, lines.length);
  return lines;
}

/** Writes lines into staging as one entry (tests and callers that hold records rather than a bundle's bytes). */
export async function stageLines(db: CadreDb, lines: readonly SyncLine[]): Promise<void> {
  await stageEntry(db, encoder.encode(lines.map((l) => `${JSON.stringify(l)}\n`).join('')));
}

/** Stages a blob of the bundle (checked against its name by the main process). */
export async function stageBlob(db: CadreDb, blob: BlobEntry): Promise<void> {
  await db.transaction('rw', db.staging, () => db.staging.put({ key: `blob:${blob.hash}`, blob }));
}

/** Per table: how many records are new, updated, unchanged, conflicting, and which (the first ones of each). */
export interface TablePreview {
  table: string;
  name: string;
  new: number;
  updated: number;
  unchanged: number;
  conflicting: number;
  /** Ids per category, at most PREVIEW_IDS of each. */
  ids: { new: string[]; updated: string[]; conflicting: string[] };
}
export const PREVIEW_IDS = 200;

export interface Preview {
  tables: TablePreview[];
  blobs: number;
}

type Local = SyncLine['record'];

/**
 * What the live tables may hold, learnt once when an import (or its preview) begins: a table empty then holds a
 * record only if this import has put it there since, so its lookups are skipped. In a first import — the largest,
 * a whole district into a new installation — that is every lookup. The keys written since are remembered: a
 * dossier's records may arrive in two entries.
 */
export class LiveTables {
  private readonly written = new Set<string>();
  private constructor(private readonly empty: ReadonlySet<string>) {}

  /** Reads which tables are empty (inside the caller's transaction, or one of its own). */
  static async of(db: CadreDb): Promise<LiveTables> {
    const tables = [db.units, db.cadres, db.subRecords, db.syncIndex, ...ownTables(db)];
    const empty = await db.transaction('r', tables, async () => {
      const found = await Promise.all(tables.map(async (t) => ((await t.limit(1).primaryKeys()).length ? null : t.name)));
      return new Set(found.filter((name): name is string => name !== null));
    });
    return new LiveTables(empty);
  }

  /** Whether `table` may hold the row at `key`: not when it was empty and this import has not written there. */
  mayHold(table: string, key: string): boolean {
    return !this.empty.has(table) || this.written.has(`${table}\u0000${key}`);
  }

  wrote(table: string, key: string): void {
    if (this.empty.has(table)) this.written.add(`${table}\u0000${key}`);
  }
}

/** The records of one entry that belong to one dossier (or one standalone record), with what is live for them. */
interface Group {
  key: string;
  lines: SyncLine[];
  /** The live copy of each line's record (same order), if any. */
  locals: (Local | undefined)[];
  /** The dossier's live set, for a `cadre:` group. */
  set: SubRecordSet | undefined;
  /** For each sub-record: the cadre whose dossier holds a record of its id here, if any. */
  holders: (string | undefined)[];
}

/** An entry's lines grouped per dossier, the last copy of a record kept if the entry repeats one. */
function groupLines(lines: readonly SyncLine[]): Map<string, SyncLine[]> {
  const groups = new Map<string, Map<string, SyncLine>>();
  for (const line of lines) {
    const key = stagingKeyOf(line);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Map()));
    group.set(indexKey(line.table, line.record.id), line);
  }
  return new Map([...groups].map(([key, group]) => [key, [...group.values()]]));
}

/**
 * What the live tables hold for an entry's lines, in a few bulk reads (one per table touched): IndexedDB costs
 * per request, and an import of 100,000 dossiers must not make a million of them.
 */
async function liveState(db: CadreDb, live: LiveTables, lines: readonly SyncLine[], holders: IdFilter | null): Promise<Group[]> {
  const grouped = groupLines(lines);
  // the sets of dossiers that bring sub-records: a changed basic record alone needs none (and each read of a packed set
  // reads its pack, renderer/db/dossierPacks.ts)
  const bringsSubRecords = (group: readonly SyncLine[]) => group.some((line) => recordTypeOf(line.table)!.storage === 'grouped');
  const dossiers = [...grouped].filter(([k, group]) => k.startsWith('cadre:') && bringsSubRecords(group) && live.mayHold('subRecords', k)).map(([k]) => k);
  const sets = await db.subRecords.bulkGet(dossiers.map((k) => k.slice('cadre:'.length)));
  const setOf = new Map(dossiers.map((k, i) => [k, sets[i]]));
  const stored = new Map<string, Local | undefined>();
  const byTable = new Map<string, string[]>();
  for (const group of grouped.values()) {
    for (const line of group) {
      if (recordTypeOf(line.table)!.storage === 'grouped' || !live.mayHold(line.table, indexKey(line.table, line.record.id))) continue;
      const ids = byTable.get(line.table);
      if (ids) ids.push(line.record.id);
      else byTable.set(line.table, [line.record.id]);
    }
  }
  for (const [table, ids] of byTable) {
    const found = (await db.table(table).bulkGet(ids)) as (Local | undefined)[];
    ids.forEach((id, i) => stored.set(indexKey(table, id), found[i]));
  }
  const groups: Group[] = [...grouped].map(([key, group]) => {
    const set = setOf.get(key);
    const locals = group.map((line) => {
      if (recordTypeOf(line.table)!.storage !== 'grouped') return stored.get(indexKey(line.table, line.record.id));
      const list = ((set as Record<string, unknown> | undefined)?.[line.table] as Local[] | undefined) ?? [];
      return list.find((r) => r.id === line.record.id);
    });
    return { key, lines: group, locals, set, holders: [] as (string | undefined)[] };
  });
  // Which dossier holds a sub-record of the same id here, asked only for those not found in the dossier they name
  // (a sub-record found there is where it belongs), and only when some dossier here has sub-records at all (not in
  // a first import, the largest): the id filter rules out nearly all of them at once.
  const unplaced = groups.flatMap(({ lines: group, locals }) =>
    group.flatMap((line, i) => (!locals[i] && recordTypeOf(line.table)!.ownedByCadre ? [indexKey(line.table, line.record.id)] : [])),
  );
  const holder = holders && unplaced.length ? await holdersOf(db, holders, unplaced) : new Map<string, string>();
  for (const group of groups) group.holders = group.lines.map((line) => holder.get(indexKey(line.table, line.record.id)));
  return groups;
}

/** The decision for each record of a group; throws (refusing the import) for a sub-record moved between cadres. */
function decide({ lines, locals, holders }: Group): RecordDecision[] {
  return lines.map((line, i) => {
    const type = recordTypeOf(line.table)!;
    if (type.ownedByCadre) {
      const stored = holders[i] ?? (locals[i]?.cadreId as string | undefined);
      const problem = cadreMismatch(stored, line.record.cadreId, type.name);
      if (problem) throw new UserError(problem);
    }
    return decideRecord(locals[i], line.record);
  });
}

/** Staging rows a few at a time, in key order (blobs, then entries in arrival order). */
const STAGING_PAGE = 4;

/** The page of staging rows after `after` (from the start when undefined), in key order. */
const stagingPage = (db: CadreDb, after: string | undefined): Promise<StagingRow[]> =>
  (after === undefined ? db.staging.orderBy(':id') : db.staging.where(':id').above(after)).limit(STAGING_PAGE).toArray();

/**
 * Reads staging a page of rows at a time (each page its own read transaction unless one is open). The next page is
 * asked for before `fn` works on this one: inside the apply's transaction, a read asked for after the page's writes
 * would wait behind them.
 */
async function forEachStagingPage(db: CadreDb, fn: (rows: StagingRow[]) => Promise<void>): Promise<void> {
  let next = stagingPage(db, undefined);
  for (;;) {
    const rows = await next;
    if (!rows.length) return;
    if (rows.length === STAGING_PAGE) next = stagingPage(db, rows.at(-1)!.key);
    else next = Promise.resolve([]);
    await fn(rows);
  }
}

/** A preview being added up entry by entry, while staging or from staging. */
export class PreviewTally {
  private readonly tables = new Map<string, TablePreview>();
  blobs = 0;

  private entry(table: string): TablePreview {
    let t = this.tables.get(table);
    if (!t) {
      t = { table, name: recordTypeOf(table)?.name ?? table, new: 0, updated: 0, unchanged: 0, conflicting: 0, ids: { new: [], updated: [], conflicting: [] } };
      this.tables.set(table, t);
    }
    return t;
  }

  /** Counts an entry's lines against the live data (a read transaction of its own). Throws what apply would refuse. */
  async add(db: CadreDb, live: LiveTables, lines: readonly SyncLine[], holders: IdFilter | null): Promise<void> {
    const groups = await db.transaction('r', [db.units, db.cadres, db.subRecords, db.syncIndex, db.syncIdFilter, ...ownTables(db)], () =>
      liveState(db, live, lines, holders),
    );
    const note = (list: string[], id: string) => {
      if (list.length < PREVIEW_IDS) list.push(id);
    };
    for (const group of groups) {
      decide(group).forEach((d, i) => {
        const line = group.lines[i]!;
        const t = this.entry(line.table);
        if (d === 'take' && !group.locals[i]) {
          t.new++;
          note(t.ids.new, line.record.id);
        } else if (d === 'take') {
          t.updated++;
          note(t.ids.updated, line.record.id);
        } else if (d === 'conflict') {
          t.conflicting++;
          note(t.ids.conflicting, line.record.id);
        } else t.unchanged++;
      });
    }
  }

  result(): Preview {
    const order = new Map(['units', 'cadres'].map((t, i) => [t, i]));
    return { tables: [...this.tables.values()].sort((a, b) => (order.get(a.table) ?? 9) - (order.get(b.table) ?? 9)), blobs: this.blobs };
  }
}

/**
 * The id filter to look for sub-records held by another dossier here, kept across the entries of one preview; null
 * when no sub-record was ever stored here (a first import), so there is nothing to look for.
 */
export async function holdersToFind(db: CadreDb): Promise<IdFilter | null> {
  return (await db.transaction('r', db.syncIdFilter, () => anyIdsHere(db.syncIdFilter))) ? new IdFilter(db.syncIdFilter) : null;
}

/** The preview of what applying staging would do, per table, read back from staging. Refuses (throws) what apply would refuse. */
export async function previewImport(db: CadreDb): Promise<Preview> {
  const tally = new PreviewTally();
  const findHolders = await holdersToFind(db);
  const live = await LiveTables.of(db);
  await forEachStagingPage(db, async (rows) => {
    for (const row of rows) {
      if (row.blob) tally.blobs++;
      if (row.ndjson) await tally.add(db, live, parseEntry(row.ndjson), findHolders);
    }
  });
  return tally.result();
}

export interface ApplyOptions {
  /** The bundle's hash (the ledger keeps it: the next bundle of the stream names it). */
  hash: string;
  now?: () => number;
  /**
   * The bundle's record count (its MANIFEST's counts added up). Staging holding another number — cleared by a
   * window that started meanwhile, or staged twice — refuses the apply instead of marking the bundle imported.
   */
  expectedRecords?: number;
  /** Called inside the transaction after each page of staging: records applied so far. Must not await. */
  onProgress?: (records: number) => void;
}

export interface ApplyResult {
  taken: number;
  skipped: number;
  merged: number;
  conflicts: number;
  blobs: number;
}

/**
 * Applies staging in ONE read-write transaction: per record skip, take (incoming vv kept), merge (same data: the
 * vectors merged) or conflict (local kept, incoming stored for a person); blobs stored; the ledger row; the
 * sender's acknowledgement and our knowledge (not for a passphrase bundle, whose scope was chosen freely); staging
 * cleared. The ledger is checked again inside, so two windows cannot apply the same bundle twice.
 */
export async function applyImport(db: CadreDb, self: string, meta: BundleMeta, options: ApplyOptions): Promise<ApplyResult> {
  const now = options.now ?? Date.now;
  const result: ApplyResult = { taken: 0, skipped: 0, merged: 0, conflicts: 0, blobs: 0 };
  const tables = [db.staging, db.ledger, db.knowledge, db.conflicts, db.syncIndex, db.syncIdFilter, db.units, db.cadres, db.subRecords, dossierFactPacks(db), db.blobs, db.meta, ...ownTables(db), ...importLogTables(db)];
  await db.transaction('rw', tables, async () => {
    // the dossiers' kept facts are written once, at the end, not pack by pack under every entry
    // (renderer/db/dossierFacts.ts); begun inside the transaction, so no other write's facts are deferred with them
    const facts = deferDossierFacts(db);
    try {
      const known = (await db.ledger.get(meta.bundleId)) !== undefined;
      const stream = streamOf(meta.source.installationId, meta.destination);
      const tip = await db.ledger.where('[stream+seq]').between([stream, Dexie.minKey], [stream, Dexie.maxKey]).last();
      assertImportable(ledgerDecision(meta, { self, schemaVersion: LATEST_VERSION, known, tip }));
      let records = 0;
      let highestSelf = meta.knowledge[self] ?? 0;
      // A sub-record another dossier here holds is refused (decide throws, and the whole transaction with it: what
      // earlier pages wrote goes too). Who holds an id is asked of the id filter, which takes this import's ids as
      // they are written and is saved once at the end; in a first import no dossier here has sub-records, and nothing
      // is asked.
      const live = await LiveTables.of(db);
      const filter = new IdFilter(db.syncIdFilter);
      const askHolders = (await anyIdsHere(db.syncIdFilter)) ? filter : null;
      // the few conflicts kept here, to notice one settled elsewhere without asking for every record
      const kept = new Set(await db.conflicts.toCollection().primaryKeys());
      // An entry's writes are asked for and not awaited: while IndexedDB stores them, the next entry is parsed. Its
      // reads and writes are asked for only once those are done (its live state may include them, and the log and
      // the id filter are extended one entry after another).
      let writing: Promise<void> = Promise.resolve();
      await forEachStagingPage(db, async (rows) => {
        for (const row of rows) {
          if (row.blob) {
            await writing;
            if ((await db.blobs.where('hash').equals(row.blob.hash).count()) === 0) await db.blobs.add(row.blob);
            result.blobs++;
          }
          if (!row.ndjson) continue;
          const lines = parseEntry(row.ndjson);
          await writing;
          const writes: Write[] = [];
          const conflicts: ConflictRow[] = [];
          for (const group of await liveState(db, live, lines, askHolders)) {
            const { key, locals, set } = group;
            decide(group).forEach((d, i) => {
              const line = group.lines[i]!;
              const local = locals[i];
              highestSelf = Math.max(highestSelf, line.record.vv[self] ?? 0);
              if (d === 'skip') result.skipped++;
              else if (d === 'take') {
                result.taken++;
                writes.push({ key, set, line, local, record: line.record });
              } else if (d === 'merge') {
                result.merged++;
                const newer = Number(line.record.updatedAt) > Number(local!.updatedAt) ? line.record : local!;
                writes.push({ key, set, line, local, record: { ...newer, vv: merge(local!.vv, line.record.vv) } });
              } else {
                result.conflicts++;
                conflicts.push({
                  key: indexKey(line.table, line.record.id),
                  table: line.table,
                  id: line.record.id,
                  cadreId: typeof line.record.cadreId === 'string' ? line.record.cadreId : null,
                  local: local!,
                  incoming: line.record,
                  source: meta.source.installationId,
                  bundleId: meta.bundleId,
                  at: now(),
                });
              }
            });
          }
          records += lines.length;
          writing = Promise.all([
            storeWrites(db, live, filter, writes),
            dropSettledConflicts(db, kept.size ? writes.filter((w) => kept.has(indexKey(w.line.table, w.record.id))) : []),
            conflicts.length ? db.conflicts.bulkPut(conflicts) : undefined,
          ]).then(() => options.onProgress?.(records));
          writing.catch(() => undefined); // its failure is thrown where it is awaited, and aborts the transaction
        }
      });
      await writing;
      if (options.expectedRecords !== undefined && records !== options.expectedRecords) {
        throw new UserError(`暂存的数据不完整（应有 ${options.expectedRecords} 条记录，实有 ${records} 条），可能已在另一个窗口中被清除。本次未导入任何数据，请重新导入该数据包。`);
      }
      await db.ledger.add({
        bundleId: meta.bundleId,
        source: meta.source.installationId,
        stream,
        seq: meta.seq,
        hash: options.hash,
        kind: meta.kind,
        at: now(),
        records,
      });
      if (meta.destination === self) {
        await raiseKnowledge(db, peerKnowledgeKey(meta.source.installationId), meta.knowledge, now());
        const { [self]: _ours, ...others } = meta.knowledge;
        await raiseKnowledge(db, SELF_KNOWLEDGE, others, now());
      }
      // a peer that holds a higher counter of ours than our database does means the database went back: never reuse
      if (highestSelf > (await currentCounter(db))) await raiseCounter(db, highestSelf);
      await filter.save();
      await facts.flush();
      await db.staging.clear();
    } finally {
      facts.end();
    }
  });
  return result;
}

/** A conflict kept here is settled when a record taken now is at or after its incoming side (resolved elsewhere). */
async function dropSettledConflicts(db: CadreDb, writes: Write[]): Promise<void> {
  if (!writes.length) return;
  const keys = writes.map((w) => indexKey(w.line.table, w.record.id));
  const rows = await db.conflicts.bulkGet(keys);
  const settled = keys.filter((key, i) => {
    const row = rows[i];
    return row && ['after', 'equal'].includes(compare(writes[i]!.record.vv, merge(row.local.vv, row.incoming.vv)));
  });
  if (settled.length) await db.conflicts.bulkDelete(settled);
}

/** A record an apply writes: taken as it came, or merged. */
interface Write {
  /** The dossier (`cadre:<id>`) or record key the record belongs to. */
  key: string;
  set: SubRecordSet | undefined;
  line: SyncLine;
  local: Local | undefined;
  record: Local;
}

/**
 * Stores a page's taken and merged records with their change-index rows, vectors as they are, in bulk. The writes
 * are asked for together (IndexedDB performs them in order); what they wrote is noted before any of them is awaited,
 * so that the next entry's live state reads it.
 */
async function storeWrites(db: CadreDb, live: LiveTables, filter: IdFilter, writes: Write[]): Promise<void> {
  if (!writes.length) return;
  const sets = new Map<string, Record<string, unknown>>();
  const rowsByTable = new Map<string, Local[]>();
  for (const { key, set, line, record } of writes) {
    if (recordTypeOf(line.table)!.storage !== 'grouped') {
      const list = rowsByTable.get(line.table);
      if (list) list.push(record);
      else rowsByTable.set(line.table, [record]);
      continue;
    }
    let next = sets.get(key);
    if (!next) {
      sets.set(key, (next = { ...(set ?? { cadreId: key.slice('cadre:'.length) }) }));
      // a dossier stored nowhere (read, or known absent by the id filter) is packed with the others (renderer/db/dossierPacks.ts)
      if (!set) packNewDossiers([next as SubRecordSet]);
    }
    const list = [...((next[line.table] as Local[] | undefined) ?? [])];
    const at = list.findIndex((r) => r.id === record.id);
    if (at >= 0) list[at] = record;
    else list.push(record);
    next[line.table] = list;
  }
  const indexed = writes.map((w) => ({ table: w.line.table, record: w.record, before: w.local }));
  // which index rows may exist is asked before this write notes its own
  const mayExist = new Set(indexed.map((w) => groupKeyOf(w.table, w.record)).filter((key) => live.mayHold('syncIndex', key)));
  for (const key of sets.keys()) live.wrote('subRecords', key);
  for (const [table, records] of rowsByTable) for (const r of records) live.wrote(table, indexKey(table, r.id));
  for (const w of indexed) live.wrote('syncIndex', groupKeyOf(w.table, w.record));
  const byTable = new Map<string, string[]>();
  for (const { line, record } of writes) {
    const ids = byTable.get(line.table);
    if (ids) ids.push(record.id);
    else byTable.set(line.table, [record.id]);
  }
  if (sets.size) noteChange(db, 'subRecords', [...sets.keys()].map((key) => key.slice('cadre:'.length)));
  for (const [table, ids] of byTable) noteChange(db, table, ids);
  await Promise.all([
    sets.size ? db.subRecords.bulkPut([...sets.values()] as SubRecordSet[]) : undefined,
    ...[...rowsByTable].map(([table, records]) => db.table(table).bulkPut(records)),
    indexRecords(db, indexed, { mayExist: (key) => mayExist.has(key), filter }),
    // restricted records stored are appended to this installation's supervision log (docs/supervision.md)
    logImported(db, indexed),
  ]);
}
