import type { EntityTable } from 'dexie';
import type { VersionVector } from '../../shared/sync/versionVector';
import { IdFilter, type IdFilterTable } from './idFilter';

// The index behind incremental export (docs/bundle-format.md "Sync in this code"). One row per dossier (the
// cadre and its sub-records, key `cadre:<id>`) and one per other record (`units:<id>`), grouped like the live
// data because IndexedDB costs per row: a district's 2,000,000 records are 100,000 rows here. Each row keeps, per
// origin, the highest counter any of its records carries, in a multi-entry index: "the records with
// vv[o] > knows[o]" are found as the rows in the index range [o, knows[o] + 1] … [o, ∞] — a cost that follows
// what changed, not the size of the database — and then filtered record by record. A dossier row also lists its
// sub-records (`<table>:<id>`), and each new one is added to the sub-record id filter (./idFilter.ts) in the same
// transaction, so that an import can find which cadre holds a sub-record of a given id. Rows of cadres and units
// remember their recent moves (the unit or parent they left, and the write that moved them): a record that leaves
// a peer's scope is sent once more so the peer sees it go, and a dossier that enters it is sent whole.

/** A move of a cadre to another unit, or of a unit under another parent. */
export interface Move {
  /** The unit (cadres) or parent (units) it left; null for a unit that was a root. */
  from: string | null;
  origin: string;
  counter: number;
}

export interface ChangeIndexRow {
  /** `cadre:<cadreId>` for a dossier, `<table>:<id>` for any other record. */
  key: string;
  /** Per origin, the highest counter of the row's records: [origin, counter] (multi-entry index). */
  marks: [string, number][];
  /** A dossier's sub-records as `<table>:<id>` (not indexed: the id filter answers which ids are here); empty otherwise. */
  ids: string[];
  moves?: Move[];
}

export const indexKey = (table: string, id: string): string => `${table}:${id}`;
export const dossierKey = (cadreId: string): string => `cadre:${cadreId}`;

/** The index row a record belongs to: its dossier for cadres and sub-records, its own otherwise. */
export function groupKeyOf(table: string, record: { id: string; cadreId?: unknown }): string {
  if (table === 'cadres') return dossierKey(record.id);
  if (typeof record.cadreId === 'string' && record.cadreId) return dossierKey(record.cadreId);
  return indexKey(table, record.id);
}

/** Moves kept per record: enough for any peer that has been away for a while; older ones are dropped. */
const MAX_MOVES = 20;

/** Where a record sits for scope: a cadre's unit, a unit's parent; undefined for other types. */
export function placeOf(table: string, record: object | undefined): string | null | undefined {
  if (!record) return undefined;
  if (table === 'cadres') return (record as { unitId?: string | null }).unitId ?? null;
  if (table === 'units') return (record as { parentId?: string | null }).parentId ?? null;
  return undefined;
}

export interface IndexedWrite {
  table: string;
  record: { id: string; vv: VersionVector; cadreId?: unknown; updatedBy?: { installationId: string } };
  /** The copy it replaces (to notice a move), if any. */
  before: object | undefined;
}

/** `row` (or a new one at `key`) after `write`: marks raised to the record's vector, the id listed, a move noted. */
export function withWrite(row: ChangeIndexRow | undefined, key: string, write: IndexedWrite): ChangeIndexRow {
  const { table, record, before } = write;
  const highest = new Map(row?.marks ?? []);
  for (const [origin, counter] of Object.entries(record.vv)) highest.set(origin, Math.max(highest.get(origin) ?? 0, counter));
  const next: ChangeIndexRow = { key, marks: [...highest], ids: row?.ids ?? [] };
  if (table !== 'cadres' && key.startsWith('cadre:')) {
    const id = indexKey(table, record.id);
    if (!next.ids.includes(id)) next.ids = [...next.ids, id];
  }
  let moves = row?.moves ?? [];
  const from = placeOf(table, before);
  if (before && from !== undefined && from !== placeOf(table, record)) {
    // the write that moved it is the one that produced this vector: its writer's entry
    const origin = record.updatedBy?.installationId ?? '';
    moves = [...moves, { from, origin, counter: record.vv[origin] ?? 0 }].slice(-MAX_MOVES);
  }
  if (moves.length) next.moves = moves;
  return next;
}

/** The tables the change index lives in. */
export interface ChangeIndexTables {
  syncIndex: EntityTable<ChangeIndexRow, 'key'>;
  /** Absent only in a database opened below schema version 20 (the migration tests open such). */
  syncIdFilter?: IdFilterTable;
}

export interface IndexOptions {
  /** Whether a row may exist at `key` (an import that knows the index was empty skips reading it); default yes. */
  mayExist?: (key: string) => boolean;
  /** The caller's filter, kept across many calls and saved by the caller (an import); default: one for this call. */
  filter?: IdFilter;
}

/**
 * Writes the index rows of records just stored (inside the caller's transaction over both tables): one read and
 * one write per row touched, however many of its records changed; sub-record ids new to their dossier go into the
 * id filter.
 */
export async function indexRecords(tables: ChangeIndexTables, writes: readonly IndexedWrite[], options: IndexOptions = {}): Promise<void> {
  if (!writes.length) return;
  const mayExist = options.mayExist ?? (() => true);
  const keys = [...new Set(writes.map((w) => groupKeyOf(w.table, w.record)))];
  const toRead = keys.filter(mayExist);
  const stored = await tables.syncIndex.bulkGet(toRead);
  const rows = new Map<string, ChangeIndexRow | undefined>(toRead.map((k, i) => [k, stored[i]]));
  const listed: string[] = [];
  for (const write of writes) {
    const key = groupKeyOf(write.table, write.record);
    const before = rows.get(key);
    const next = withWrite(before, key, write);
    if (next.ids.length !== (before?.ids.length ?? 0)) listed.push(next.ids[next.ids.length - 1]!);
    rows.set(key, next);
  }
  await tables.syncIndex.bulkPut([...rows.values()].filter((r): r is ChangeIndexRow => r !== undefined));
  if (!listed.length) return;
  if (!options.filter && !tables.syncIdFilter) return;
  const filter = options.filter ?? new IdFilter(tables.syncIdFilter!);
  await filter.add(listed);
  if (!options.filter) await filter.save();
}

/**
 * Which dossier here holds each of these sub-record ids (`<table>:<id>`), by cadre id; ids held by none are absent.
 * The filter rules out nearly all ids at once; only a "maybe" is settled by reading the dossier rows' lists, a
 * page at a time (in practice only for a sub-record that really was moved between cadres: an import it refuses).
 */
export async function holdersOf(tables: ChangeIndexTables, filter: IdFilter, ids: readonly string[]): Promise<Map<string, string>> {
  const holder = new Map<string, string>();
  const maybe = await filter.mayHold(ids);
  if (!maybe.length) return holder;
  const wanted = new Set(maybe);
  const PAGE = 5_000;
  let last: string | null = null;
  for (;;) {
    const rows: ChangeIndexRow[] = await (last === null
      ? tables.syncIndex.where(':id').startsWith('cadre:')
      : tables.syncIndex.where(':id').between(last, 'cadre;', false, false)
    )
      .limit(PAGE)
      .toArray();
    if (!rows.length) break;
    for (const row of rows) for (const id of row.ids) if (wanted.has(id)) holder.set(id, row.key.slice('cadre:'.length));
    last = rows[rows.length - 1]!.key;
  }
  return holder;
}
