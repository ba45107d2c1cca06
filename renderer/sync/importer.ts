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
import { currentCounter, raiseCounter } from '../db/repository';
import { LATEST_VERSION } from '../db/schema';
import { indexKey, indexRecords } from './changeIndex';
import { SELF_KNOWLEDGE, peerKnowledgeKey, raiseKnowledge } from './knowledge';
import type { ConflictRow, StagingRow } from './tables';

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

/** The staging row a record belongs to: its dossier for cadres and their sub-records, its own row otherwise. */
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

/** Writes one batch of record lines into staging (a read and a write per dossier touched). */
export async function stageLines(db: CadreDb, lines: readonly SyncLine[]): Promise<void> {
  for (const line of lines) checkLine(line);
  const byKey = new Map<string, SyncLine[]>();
  for (const line of lines) {
    const key = stagingKeyOf(line);
    const list = byKey.get(key);
    if (list) list.push(line);
    else byKey.set(key, [line]);
  }
  await db.transaction('rw', db.staging, async () => {
    const keys = [...byKey.keys()];
    const existing = await db.staging.bulkGet(keys);
    await db.staging.bulkPut(
      keys.map((key, i) => {
        const records = [...(existing[i]?.records ?? [])];
        for (const line of byKey.get(key)!) {
          const at = records.findIndex((r) => r.table === line.table && r.record.id === line.record.id);
          if (at >= 0) records[at] = line;
          else records.push(line);
        }
        return { ...(existing[i] ?? {}), key, records };
      }),
    );
  });
}

/** Stages a blob of the bundle (checked against its name by the main process). */
export async function stageBlob(db: CadreDb, blob: BlobEntry): Promise<void> {
  await db.transaction('rw', db.staging, () => db.staging.put({ key: `blob:${blob.hash}`, records: [], blob }));
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

/** One staging row with what the live tables hold for it. */
interface RowState {
  row: StagingRow;
  /** The live copy of each of the row's records (same order), if any. */
  locals: (Local | undefined)[];
  /** The dossier's live set, for a `cadre:` row. */
  set: SubRecordSet | undefined;
  /** For each sub-record: the cadre whose dossier holds a record of its id here, if any. */
  holders: (string | undefined)[];
}

/**
 * What the live tables hold for a page of staging rows, in a few bulk reads (one per table touched): IndexedDB
 * costs per request, and an import of 100,000 dossiers must not make a million of them.
 */
async function pageState(db: CadreDb, rows: StagingRow[], findHolders: boolean): Promise<RowState[]> {
  const cadreRows = rows.filter((r) => r.key.startsWith('cadre:'));
  const sets = await db.subRecords.bulkGet(cadreRows.map((r) => r.key.slice('cadre:'.length)));
  const setOf = new Map(cadreRows.map((r, i) => [r.key, sets[i]]));
  const lines = rows.flatMap((r) => r.records);
  const stored = new Map<string, Local | undefined>();
  const byTable = new Map<string, string[]>();
  for (const line of lines) {
    if (recordTypeOf(line.table)!.storage === 'grouped') continue;
    const ids = byTable.get(line.table);
    if (ids) ids.push(line.record.id);
    else byTable.set(line.table, [line.record.id]);
  }
  for (const [table, ids] of byTable) {
    const found = (await db.table(table).bulkGet(ids)) as (Local | undefined)[];
    ids.forEach((id, i) => stored.set(indexKey(table, id), found[i]));
  }
  const states = rows.map((row) => {
    const set = setOf.get(row.key);
    const locals = row.records.map((line) => {
      if (recordTypeOf(line.table)!.storage !== 'grouped') return stored.get(indexKey(line.table, line.record.id));
      const list = ((set as Record<string, unknown> | undefined)?.[line.table] as Local[] | undefined) ?? [];
      return list.find((r) => r.id === line.record.id);
    });
    return { row, locals, set, holders: [] as (string | undefined)[] };
  });
  // Which dossier holds a sub-record of the same id here (the change index lists them), asked only for those
  // not found in the dossier they name (a sub-record found there is where it belongs), and only when some
  // dossier here has sub-records at all (not in a first import, the largest). One query for the page.
  const unplaced = states.flatMap(({ row, locals }) =>
    row.records.flatMap((line, i) => (!locals[i] && recordTypeOf(line.table)!.ownedByCadre ? [indexKey(line.table, line.record.id)] : [])),
  );
  const holder = new Map<string, string>();
  if (findHolders && unplaced.length) {
    const wanted = new Set(unplaced);
    for (const found of await db.syncIndex.where('ids').anyOf(unplaced).toArray()) {
      for (const id of found.ids) if (wanted.has(id)) holder.set(id, found.key.slice('cadre:'.length));
    }
  }
  for (const state of states) state.holders = state.row.records.map((line) => holder.get(indexKey(line.table, line.record.id)));
  return states;
}

/** Whether any dossier here lists a sub-record: if none does, no incoming one can belong to another cadre. */
async function anySubRecordsHere(db: CadreDb): Promise<boolean> {
  return (await db.syncIndex.orderBy('ids').limit(1).primaryKeys()).length > 0;
}

/** The decision for each record of a staging row; throws (refusing the import) for a sub-record moved between cadres. */
function decide(row: StagingRow, locals: (Local | undefined)[], holders: (string | undefined)[]): RecordDecision[] {
  return row.records.map((line, i) => {
    const type = recordTypeOf(line.table)!;
    if (type.ownedByCadre) {
      const stored = holders[i] ?? (locals[i]?.cadreId as string | undefined);
      const problem = cadreMismatch(stored, line.record.cadreId, type.name);
      if (problem) throw new UserError(problem);
    }
    return decideRecord(locals[i], line.record);
  });
}

const STAGING_PAGE = 500;

/** Reads staging a page of rows at a time (each page its own read transaction unless one is open). */
async function forEachStagingPage(db: CadreDb, fn: (rows: StagingRow[]) => Promise<void>): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const rows = await (after === undefined ? db.staging.orderBy(':id') : db.staging.where(':id').above(after)).limit(STAGING_PAGE).toArray();
    if (!rows.length) return;
    after = rows.at(-1)!.key;
    await fn(rows);
  }
}

/** The preview of what applying staging would do, per table. Refuses (throws) what apply would refuse. */
export async function previewImport(db: CadreDb): Promise<Preview> {
  const tables = new Map<string, TablePreview>();
  let blobs = 0;
  const entry = (table: string) => {
    let t = tables.get(table);
    if (!t) {
      t = { table, name: recordTypeOf(table)?.name ?? table, new: 0, updated: 0, unchanged: 0, conflicting: 0, ids: { new: [], updated: [], conflicting: [] } };
      tables.set(table, t);
    }
    return t;
  };
  const note = (list: string[], id: string) => {
    if (list.length < PREVIEW_IDS) list.push(id);
  };
  const live = [db.staging, db.units, db.cadres, db.subRecords, db.syncIndex, ...ownTables(db)];
  const findHolders = await db.transaction('r', db.syncIndex, () => anySubRecordsHere(db));
  await forEachStagingPage(db, (rows) =>
    db.transaction('r', live, async () => {
      blobs += rows.filter((r) => r.blob).length;
      for (const { row, locals, holders } of await pageState(db, rows.filter((r) => r.records.length), findHolders)) {
        decide(row, locals, holders).forEach((d, i) => {
          const line = row.records[i]!;
          const t = entry(line.table);
          if (d === 'take' && !locals[i]) {
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
    }),
  );
  const order = new Map(['units', 'cadres'].map((t, i) => [t, i]));
  return { tables: [...tables.values()].sort((a, b) => (order.get(a.table) ?? 9) - (order.get(b.table) ?? 9)), blobs };
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
  const tables = [db.staging, db.ledger, db.knowledge, db.conflicts, db.syncIndex, db.units, db.cadres, db.subRecords, db.blobs, db.meta, ...ownTables(db), ...importLogTables(db)];
  await db.transaction('rw', tables, async () => {
    const known = (await db.ledger.get(meta.bundleId)) !== undefined;
    const stream = streamOf(meta.source.installationId, meta.destination);
    const tip = await db.ledger.where('[stream+seq]').between([stream, Dexie.minKey], [stream, Dexie.maxKey]).last();
    assertImportable(ledgerDecision(meta, { self, schemaVersion: LATEST_VERSION, known, tip }));
    let records = 0;
    let highestSelf = meta.knowledge[self] ?? 0;
    // first, before anything is written, refuse a sub-record another dossier here holds: asked of the change
    // index as it was before this import (in a first import it is empty, and asking costs nothing)
    if (await anySubRecordsHere(db)) {
      await forEachStagingPage(db, async (rows) => {
        for (const { row, locals, holders } of await pageState(db, rows.filter((r) => r.records.length), true)) decide(row, locals, holders);
      });
    }
    // the few conflicts kept here, to notice one settled elsewhere without asking for every record
    const kept = new Set(await db.conflicts.toCollection().primaryKeys());
    await forEachStagingPage(db, async (rows) => {
      for (const row of rows) {
        if (!row.blob) continue;
        if ((await db.blobs.where('hash').equals(row.blob.hash).count()) === 0) await db.blobs.add(row.blob);
        result.blobs++;
      }
      const writes: Write[] = [];
      const conflicts: ConflictRow[] = [];
      for (const { row, locals, set, holders } of await pageState(db, rows.filter((r) => r.records.length), false)) {
        const decisions = decide(row, locals, holders);
        decisions.forEach((d, i) => {
          const line = row.records[i]!;
          const local = locals[i];
          highestSelf = Math.max(highestSelf, line.record.vv[self] ?? 0);
          if (d === 'skip') result.skipped++;
          else if (d === 'take') {
            result.taken++;
            writes.push({ row, set, line, local, record: line.record });
          } else if (d === 'merge') {
            result.merged++;
            const newer = Number(line.record.updatedAt) > Number(local!.updatedAt) ? line.record : local!;
            writes.push({ row, set, line, local, record: { ...newer, vv: merge(local!.vv, line.record.vv) } });
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
        records += row.records.length;
      }
      await storeWrites(db, writes);
      await dropSettledConflicts(db, kept.size ? writes.filter((w) => kept.has(indexKey(w.line.table, w.record.id))) : []);
      if (conflicts.length) await db.conflicts.bulkPut(conflicts);
      options.onProgress?.(records);
    });
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
    await db.staging.clear();
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
  row: StagingRow;
  set: SubRecordSet | undefined;
  line: SyncLine;
  local: Local | undefined;
  record: Local;
}

/** Stores a page's taken and merged records with their change-index rows, vectors as they are, in bulk. */
async function storeWrites(db: CadreDb, writes: Write[]): Promise<void> {
  if (!writes.length) return;
  const sets = new Map<string, Record<string, unknown>>();
  const rowsByTable = new Map<string, Local[]>();
  for (const { row, set, line, record } of writes) {
    if (recordTypeOf(line.table)!.storage !== 'grouped') {
      const list = rowsByTable.get(line.table);
      if (list) list.push(record);
      else rowsByTable.set(line.table, [record]);
      continue;
    }
    let next = sets.get(row.key);
    if (!next) sets.set(row.key, (next = { ...(set ?? { cadreId: row.key.slice('cadre:'.length) }) }));
    const list = [...((next[line.table] as Local[] | undefined) ?? [])];
    const at = list.findIndex((r) => r.id === record.id);
    if (at >= 0) list[at] = record;
    else list.push(record);
    next[line.table] = list;
  }
  if (sets.size) await db.subRecords.bulkPut([...sets.values()] as SubRecordSet[]);
  for (const [table, records] of rowsByTable) await db.table(table).bulkPut(records);
  await indexRecords(
    db.syncIndex,
    writes.map((w) => ({ table: w.line.table, record: w.record, before: w.local })),
  );
  // restricted records stored are appended to this installation's supervision log (docs/supervision.md)
  await logImported(db, writes.map((w) => ({ table: w.line.table, record: w.record, before: w.local })));
  const byTable = new Map<string, string[]>();
  for (const { line, record } of writes) {
    const ids = byTable.get(line.table);
    if (ids) ids.push(record.id);
    else byTable.set(line.table, [record.id]);
  }
  for (const [table, ids] of byTable) noteChange(db, table, ids);
}
