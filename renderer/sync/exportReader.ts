import { SYNCED_TYPES, recordTypeOf } from '../../shared/catalog';
import { UserError } from '../../shared/errors';
import { streamOf, type BundleScope, type ExportMetaFields, type SyncLine } from '../../shared/sync/bundleMeta';
import { coversUnit, rootsOf, scopeKey, scopeUnitIds, type PeerScope } from '../../shared/sync/scope';
import { openTo, type Audience } from '../../shared/rules/restricted';
import { isNewerThan, merge, type VersionVector } from '../../shared/sync/versionVector';
import type { CadreDb } from '../db/database';
import { currentCounter } from '../db/repository';
import { LATEST_VERSION } from '../db/schema';
import { readDemoMark } from '../features/demoData/demoMark';
import type { ChangeIndexRow, Move } from './changeIndex';
import { SELF_KNOWLEDGE, peerKnowledgeKey } from './knowledge';
import { SENT_HISTORY, type SentBundle } from './tables';
import { reportCounter, type CounterApi } from './counter';
import { PACK_SIZE, allDossierSets } from '../db/dossierPacks';

// What an export carries (docs/bundle-format.md "Sync in this code"): read in batches of short read transactions
// (a record changed during the export is covered by the next one, through its vv), as the record lines of the
// bundle — sub-records expanded from their dossier's SubRecordSet into records of their own table.

/** To one peer, always in that peer's fixed scope; or with a passphrase, in a scope chosen freely (always full). */
export type ExportTarget =
  | { kind: 'peer'; peerId: string; scope: PeerScope; forceFull?: boolean }
  | { kind: 'passphrase'; scope: BundleScope };

export interface ExportPlan {
  target: ExportTarget;
  /** This installation. */
  self: string;
  stream: string;
  full: boolean;
  /** What the peer has acknowledged (empty for a full export). */
  knows: VersionVector;
  /** The META fields sync decides; the main process fills in the rest when it seals. */
  meta: ExportMetaFields;
}

export const DEMO_EXPORT_REFUSED =
  '本机数据库载有培训用的演示数据，演示数据不得导出到其他电脑。如需交换实际数据，请先在“本机设置 → 培训与演示数据”中清除演示数据。';

/** This installation's knowledge: what it has integrated of every origin, and its own counter. */
export async function ourKnowledge(db: CadreDb, self: string): Promise<VersionVector> {
  const row = await db.knowledge.get(SELF_KNOWLEDGE);
  return merge(row?.vector ?? {}, { [self]: await currentCounter(db) });
}

/**
 * Decides an export: refuses a database that holds demo data, picks full or incremental (full when nothing is
 * known of the peer, or its scope changed since the last export to it), and the stream's next seq and hash. With
 * `counter`, the database's counter is reported to the main process first.
 */
export async function planExport(db: CadreDb, self: string, target: ExportTarget, counter?: CounterApi): Promise<ExportPlan> {
  // the main process learns the counter the bundle's knowledge will name before the bundle exists
  if (counter) await reportCounter(db, counter);
  return db.transaction('r', [db.meta, db.knowledge, db.streams], async () => {
    if (await readDemoMark(db)) throw new UserError(DEMO_EXPORT_REFUSED);
    const destination = target.kind === 'peer' ? target.peerId : null;
    const stream = streamOf(self, destination);
    const last = await db.streams.get(stream);
    let knows: VersionVector = {};
    let full = true;
    if (target.kind === 'peer') {
      const acked = await db.knowledge.get(peerKnowledgeKey(target.peerId));
      const sameScope = typeof acked?.exportedScope !== 'string' || acked.exportedScope === scopeKey(target.scope);
      // nothing acknowledged yet (no bundle from the peer, or one that knew nothing): full
      if (acked && Object.keys(acked.vector).length && sameScope && !target.forceFull) {
        knows = acked.vector;
        full = false;
      }
    }
    const scope: BundleScope =
      target.kind === 'peer' ? { units: target.scope === 'all' ? 'all' : [target.scope.unitId], tables: 'all' } : target.scope;
    return {
      target,
      self,
      stream,
      full,
      knows,
      meta: {
        destination,
        seq: (last?.seq ?? 0) + 1,
        prevBundleHash: last?.hash ?? null,
        kind: full ? 'full' : 'incremental',
        scope,
        knowledge: await ourKnowledge(db, self),
        schemaVersion: LATEST_VERSION,
      },
    };
  });
}

/** The META fields the renderer hands to the main process for sealing (the destination goes as the recipient). */
export function sealMeta(plan: ExportPlan): Omit<ExportMetaFields, 'destination'> {
  const { kind, seq, prevBundleHash, scope, schemaVersion, knowledge } = plan.meta;
  return { kind, seq, prevBundleHash, scope, schemaVersion, knowledge };
}

/**
 * After the main process has written the bundle and verified it from the stick: the stream's seq and hash move
 * on, the bundle joins the stream's history, and the scope used is remembered for the peer. A plan older than
 * what is committed changes nothing.
 */
export async function commitExport(
  db: CadreDb,
  plan: ExportPlan,
  sealed: { bundleHash: string; records: number; bytes: number },
  now = Date.now(),
): Promise<void> {
  await db.transaction('rw', [db.streams, db.knowledge], async () => {
    const last = await db.streams.get(plan.stream);
    if (last && last.seq >= plan.meta.seq) return;
    const sent: SentBundle = { seq: plan.meta.seq, at: now, full: plan.full, records: sealed.records, bytes: sealed.bytes, ours: plan.meta.knowledge[plan.self] ?? 0 };
    await db.streams.put({ stream: plan.stream, seq: plan.meta.seq, hash: sealed.bundleHash, at: now, sent: [...(last?.sent ?? []), sent].slice(-SENT_HISTORY) });
    if (plan.target.kind === 'peer') {
      const key = peerKnowledgeKey(plan.target.peerId);
      const acked = await db.knowledge.get(key);
      await db.knowledge.put({ key, vector: acked?.vector ?? {}, at: acked?.at ?? now, exportedScope: scopeKey(plan.target.scope) });
    }
  });
}

/** What a reader counts, so tests (and progress) can see how much it read. */
export interface ReadStats {
  /** Rows read from cadres, units and subRecords. */
  rows: number;
  /** Rows of the change index read. */
  indexRows: number;
  /** Lines yielded. */
  lines: number;
}

export interface ReadOptions {
  /** Dossiers (or records) per read transaction. */
  batch?: number;
  stats?: ReadStats;
}

const SYNCED_TABLES = new Set(SYNCED_TYPES.map((t) => t.table));
const SUB_TABLES = SYNCED_TYPES.filter((t) => t.storage === 'grouped').map((t) => t.table);
/** Types of a dossier kept in tables of their own (supervision records …): read by cadre beside the dossier set. */
const OWNED_TABLE_TYPES = SYNCED_TYPES.filter((t) => t.ownedByCadre && t.storage === 'table');
/**
 * Synced types of no dossier in tables of their own (establishments, appointment cases, holiday years …): read
 * whole, and kept to the scope by their unit field when they have one (one without a unit travels to every peer).
 */
const STANDALONE_TYPES = SYNCED_TYPES.filter((t) => !t.ownedByCadre && t.storage === 'table' && t.table !== 'units' && t.table !== 'cadres');
const unitKeyOf = (table: string): string | undefined => Object.entries(recordTypeOf(table)?.fields ?? {}).find(([, f]) => f.kind === 'unit')?.[0];

function standaloneInScope(covered: Covered, table: string, record: Record<string, unknown>): boolean {
  const key = unitKeyOf(table);
  const unitId = key ? record[key] : undefined;
  return covered.units === 'all' || typeof unitId !== 'string' || coversUnit(covered.units, unitId);
}

/** Every standalone record in scope (tombstones included), a batch of lines at a time. */
async function* readStandalone(db: CadreDb, covered: Covered, batch: number, stats: ReadStats): AsyncGenerator<SyncLine[]> {
  for (const t of STANDALONE_TYPES) {
    if (!tableCovered(covered, t.table)) continue;
    const rows = (await db.transaction('r', db.table(t.table), () => db.table(t.table).toArray())) as Record<string, unknown>[];
    stats.rows += rows.length;
    const lines = rows.filter((r) => standaloneInScope(covered, t.table, r)).map((r) => asLine(t.table, r));
    for (let i = 0; i < lines.length; i += batch) yield lines.slice(i, i + batch);
  }
}

interface Covered {
  units: 'all' | Set<string>;
  tables: 'all' | Set<string>;
  /** Who receives the bundle: restricted types travel only where shared/rules/restricted.ts allows. */
  audience: Audience;
}

function tableCovered(covered: Covered, table: string): boolean {
  const type = recordTypeOf(table);
  return SYNCED_TABLES.has(table) && (covered.tables === 'all' || covered.tables.has(table)) && !!type && openTo(type, covered.audience);
}

async function coveredOf(db: CadreDb, plan: ExportPlan, stats: ReadStats): Promise<Covered> {
  const roots = plan.target.kind === 'peer' ? rootsOf(plan.target.scope) : plan.meta.scope.units;
  const tables = plan.meta.scope.tables === 'all' ? 'all' : new Set(plan.meta.scope.tables);
  const audience: Audience = plan.target.kind === 'peer' ? { kind: 'peer', scope: plan.target.scope } : { kind: 'passphrase', scope: plan.meta.scope };
  if (roots === 'all') return { units: 'all', tables, audience };
  const units = await db.units.toArray();
  stats.rows += units.length;
  return { units: scopeUnitIds(units, roots), tables, audience };
}

/** The records of dossiers' table-stored types (tombstones included), as lines per cadre id. */
async function ownedTableLines(db: CadreDb, cadreIds: readonly string[], covered: Covered, stats: ReadStats): Promise<Map<string, SyncLine[]>> {
  const out = new Map<string, SyncLine[]>();
  const types = OWNED_TABLE_TYPES.filter((t) => tableCovered(covered, t.table));
  if (!types.length || !cadreIds.length) return out;
  await db.transaction('r', types.map((t) => db.table(t.table)), async () => {
    for (const t of types) {
      const rows = (await db.table(t.table).where('cadreId').anyOf([...cadreIds]).toArray()) as { cadreId: string }[];
      stats.rows += rows.length;
      for (const record of rows) {
        const list = out.get(record.cadreId);
        if (list) list.push(asLine(t.table, record));
        else out.set(record.cadreId, [asLine(t.table, record)]);
      }
    }
  });
  return out;
}

/** The sub-record lines of dossier sets, in the catalogue's order. */
function linesOfSet(set: Record<string, unknown> | undefined, covered: Covered): SyncLine[] {
  if (!set) return [];
  const out: SyncLine[] = [];
  for (const table of SUB_TABLES) {
    if (!tableCovered(covered, table)) continue;
    for (const record of (set[table] as SyncLine['record'][] | undefined) ?? []) out.push({ table, record });
  }
  return out;
}

/**
 * The record lines of an export, batch by batch. Full: every record in scope (tombstones included). Incremental:
 * the records with vv[o] > knows[o] for some origin o, found through the change index; plus, once, a cadre or unit
 * that has left the scope since the peer last heard of it, and all of a dossier (or unit subtree) that entered it.
 */
export async function* readExport(db: CadreDb, plan: ExportPlan, options: ReadOptions = {}): AsyncGenerator<SyncLine[]> {
  const stats = options.stats ?? { rows: 0, indexRows: 0, lines: 0 };
  const batch = options.batch ?? 1_000;
  const covered = await db.transaction('r', db.units, () => coveredOf(db, plan, stats));
  const count = (lines: SyncLine[]) => ((stats.lines += lines.length), lines);
  if (plan.full) {
    for await (const lines of readFull(db, covered, batch, stats)) if (lines.length) yield count(lines);
  } else {
    for await (const lines of readChanged(db, plan.knows, covered, batch, stats)) if (lines.length) yield count(lines);
  }
}

async function* readFull(db: CadreDb, covered: Covered, batch: number, stats: ReadStats): AsyncGenerator<SyncLine[]> {
  if (tableCovered(covered, 'units')) {
    const units = await db.transaction('r', db.units, () => db.units.toArray());
    stats.rows += units.length;
    const lines = units.filter((u) => coversUnit(covered.units, u.id)).map((record) => ({ table: 'units', record }) as SyncLine);
    for (let i = 0; i < lines.length; i += batch) yield lines.slice(i, i + batch);
  }
  yield* readStandalone(db, covered, batch, stats);
  if (covered.units !== 'all') {
    // a unit's subtree: its cadres through the unitId index, then a page of dossiers at a time
    const ids = (await db.transaction('r', db.cadres, () => db.cadres.where('unitId').anyOf([...covered.units]).primaryKeys())) as string[];
    for (let i = 0; i < ids.length; i += batch) {
      const slice = ids.slice(i, i + batch);
      const [cadres, sets] = await db.transaction('r', [db.cadres, db.subRecords], () => Promise.all([db.cadres.bulkGet(slice), db.subRecords.bulkGet(slice)]));
      stats.rows += cadres.filter(Boolean).length + sets.filter(Boolean).length;
      yield dossierLines(cadres, sets, covered, await ownedTableLines(db, slice, covered, stats));
    }
    return;
  }
  // the whole district: the dossier sets as stored, a page of packs at a time (renderer/db/dossierPacks.ts), each
  // with its cadres; then the cadres without a set. A set without its cadre stays out, as it always has.
  const withSet = new Set<string>();
  for await (const sets of allDossierSets(db, Math.max(1, Math.ceil(batch / PACK_SIZE)))) {
    const ids = sets.map((s) => s.cadreId);
    const cadres = await db.transaction('r', db.cadres, () => db.cadres.bulkGet(ids));
    for (const c of cadres) if (c) withSet.add(c.id);
    stats.rows += cadres.filter(Boolean).length + sets.length;
    yield dossierLines(cadres, sets, covered, await ownedTableLines(db, ids, covered, stats));
  }
  const without = ((await db.transaction('r', db.cadres, () => db.cadres.toCollection().primaryKeys())) as string[]).filter((id) => !withSet.has(id));
  for (let i = 0; i < without.length; i += batch) {
    const slice = without.slice(i, i + batch);
    const cadres = await db.transaction('r', db.cadres, () => db.cadres.bulkGet(slice));
    stats.rows += cadres.filter(Boolean).length;
    yield dossierLines(cadres, [], covered, await ownedTableLines(db, slice, covered, stats));
  }
}

/** The lines of whole dossiers: each cadre, then its sub-records, then its records kept in tables of their own. */
function dossierLines(
  cadres: readonly (object | undefined)[],
  sets: readonly (object | undefined)[],
  covered: Covered,
  owned: ReadonlyMap<string, SyncLine[]>,
): SyncLine[] {
  const lines: SyncLine[] = [];
  cadres.forEach((cadre, i) => {
    if (!cadre) return;
    if (tableCovered(covered, 'cadres')) lines.push(asLine('cadres', cadre));
    lines.push(...linesOfSet(sets[i] as Record<string, unknown> | undefined, covered));
    lines.push(...(owned.get((cadre as { id: string }).id) ?? []));
  });
  return lines;
}

/** The origins the change index holds, one index seek each. */
async function originsOf(db: CadreDb): Promise<string[]> {
  const origins: string[] = [];
  let key = (await db.syncIndex.orderBy('marks').limit(1).keys())[0] as [string, number] | undefined;
  while (key) {
    origins.push(key[0]);
    key = (await db.syncIndex.where('marks').above([key[0], Infinity]).limit(1).keys())[0] as [string, number] | undefined;
  }
  return origins;
}

const unacked = (moves: Move[] | undefined, knows: VersionVector): Move[] => (moves ?? []).filter((m) => m.counter > (knows[m.origin] ?? 0));
const asLine = (table: string, record: unknown): SyncLine => ({ table, record: record as SyncLine['record'] });

async function* readChanged(db: CadreDb, knows: VersionVector, covered: Covered, batch: number, stats: ReadStats): AsyncGenerator<SyncLine[]> {
  // 1. which rows hold news, from the index: proportional to the changes
  const changed = new Map<string, ChangeIndexRow>();
  await db.transaction('r', db.syncIndex, async () => {
    for (const origin of await originsOf(db)) {
      const rows = await db.syncIndex.where('marks').between([origin, (knows[origin] ?? 0) + 1], [origin, Infinity], true, true).toArray();
      stats.indexRows += rows.length;
      for (const row of rows) changed.set(row.key, row);
    }
  });
  const rows = [...changed.values()];
  const units = rows.filter((r) => r.key.startsWith('units:'));
  const dossiers = rows.filter((r) => r.key.startsWith('cadre:'));
  const news = (record: { vv: VersionVector }) => isNewerThan(record.vv, knows);

  // 2. units: in scope, or left it with a move the peer has not heard of; a unit that entered brings its subtree
  const enteredUnits: string[] = [];
  const sentUnits = new Set<string>();
  if (units.length) {
    const found = await db.transaction('r', db.units, () => db.units.bulkGet(units.map((r) => r.key.slice('units:'.length))));
    stats.rows += units.length;
    const lines: SyncLine[] = [];
    units.forEach((row, i) => {
      const unit = found[i];
      if (!unit) return;
      const moves = unacked(row.moves, knows);
      const inside = coversUnit(covered.units, unit.id);
      if (inside && moves.some((m) => !coversUnit(covered.units, m.from))) enteredUnits.push(unit.id);
      if ((inside && news(unit)) || (!inside && moves.some((m) => coversUnit(covered.units, m.from)))) {
        lines.push(asLine('units', unit));
        sentUnits.add(unit.id);
      }
    });
    if (tableCovered(covered, 'units')) yield lines;
  }
  // 2b. standalone records that are news, in scope (the index keys them `<table>:<id>`)
  for (const t of STANDALONE_TYPES) {
    if (!tableCovered(covered, t.table)) continue;
    const ids = rows.filter((r) => r.key.startsWith(`${t.table}:`)).map((r) => r.key.slice(t.table.length + 1));
    if (!ids.length) continue;
    const found = (await db.transaction('r', db.table(t.table), () => db.table(t.table).bulkGet(ids))) as (Record<string, unknown> & { vv: VersionVector })[];
    stats.rows += ids.length;
    yield found.filter((r) => r && news(r) && standaloneInScope(covered, t.table, r)).map((r) => asLine(t.table, r));
  }
  const sentWhole = new Set<string>();
  if (enteredUnits.length && covered.units !== 'all') {
    yield* readEnteredUnits(db, enteredUnits, covered, sentUnits, sentWhole, batch, stats);
  }

  // 3. dossiers, a batch at a time: the cadre and the sub-records that are news; all of one that entered the scope
  const pending = dossiers.filter((r) => !sentWhole.has(r.key.slice('cadre:'.length)));
  for (let i = 0; i < pending.length; i += batch) {
    const slice = pending.slice(i, i + batch);
    const ids = slice.map((r) => r.key.slice('cadre:'.length));
    const [cadres, sets] = await db.transaction('r', [db.cadres, db.subRecords], () => Promise.all([db.cadres.bulkGet(ids), db.subRecords.bulkGet(ids)]));
    stats.rows += cadres.filter(Boolean).length + sets.filter(Boolean).length;
    const owned = await ownedTableLines(db, ids, covered, stats);
    const lines: SyncLine[] = [];
    slice.forEach((row, k) => {
      const cadre = cadres[k];
      const inside = cadre ? coversUnit(covered.units, cadre.unitId) : covered.units === 'all';
      const moves = unacked(row.moves, knows);
      const entered = inside && moves.some((m) => !coversUnit(covered.units, m.from));
      const left = !inside && moves.some((m) => coversUnit(covered.units, m.from));
      if (cadre && tableCovered(covered, 'cadres') && ((inside && (news(cadre) || entered)) || left)) lines.push(asLine('cadres', cadre));
      if (!inside) return;
      for (const line of [...linesOfSet(sets[k] as Record<string, unknown> | undefined, covered), ...(owned.get(ids[k]!) ?? [])]) {
        if (entered || news(line.record)) lines.push(line);
      }
    });
    yield lines;
  }
}

/** A unit subtree that entered the scope: its units, and its cadres' whole dossiers (noted in sentWhole). */
async function* readEnteredUnits(
  db: CadreDb,
  roots: string[],
  covered: Covered,
  sentUnits: Set<string>,
  sentWhole: Set<string>,
  batch: number,
  stats: ReadStats,
): AsyncGenerator<SyncLine[]> {
  const all = await db.transaction('r', db.units, () => db.units.toArray());
  stats.rows += all.length;
  const subtree = scopeUnitIds(all, roots) as Set<string>;
  if (tableCovered(covered, 'units')) yield all.filter((u) => subtree.has(u.id) && !sentUnits.has(u.id)).map((u) => asLine('units', u));
  const ids = await db.transaction('r', db.cadres, () => db.cadres.where('unitId').anyOf([...subtree]).primaryKeys());
  for (let i = 0; i < ids.length; i += batch) {
    const slice = ids.slice(i, i + batch);
    const [cadres, sets] = await db.transaction('r', [db.cadres, db.subRecords], () => Promise.all([db.cadres.bulkGet(slice), db.subRecords.bulkGet(slice)]));
    stats.rows += cadres.filter(Boolean).length + sets.filter(Boolean).length;
    const owned = await ownedTableLines(db, slice as string[], covered, stats);
    const lines: SyncLine[] = [];
    slice.forEach((id, k) => {
      sentWhole.add(id);
      if (cadres[k] && tableCovered(covered, 'cadres')) lines.push(asLine('cadres', cadres[k]));
      lines.push(...linesOfSet(sets[k] as Record<string, unknown> | undefined, covered));
      lines.push(...(owned.get(id as string) ?? []));
    });
    yield lines;
  }
}

/** The blobs (photos, attachments) a line refers to, by the SHA-256 hex its blob fields hold. */
export function blobHashesOf(line: SyncLine): string[] {
  const type = recordTypeOf(line.table);
  if (!type) return [];
  const out: string[] = [];
  for (const [key, field] of Object.entries(type.fields)) {
    const value = line.record[key];
    if (field.kind === 'blob' && typeof value === 'string' && /^[0-9a-f]{64}$/.test(value)) out.push(value);
  }
  return out;
}
