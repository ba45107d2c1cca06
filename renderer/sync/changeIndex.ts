import type { EntityTable } from 'dexie';
import type { VersionVector } from '../../shared/sync/versionVector';

// The index behind incremental export (docs/bundle-format.md "Sync in this code"): one row per synced record
// with every (origin, counter) pair of its version vector in a multi-entry index, so "the records with
// vv[o] > knows[o]" is, per origin o, one range read of the index — the cost follows what changed, not the size
// of the database. Rows for cadres and units also remember their recent moves (the unit or parent they left,
// and the write that moved them): a record that leaves a peer's scope is sent once more so the peer sees it go,
// and a dossier that enters it is sent whole.

/** A move of a cadre to another unit, or of a unit under another parent. */
export interface Move {
  /** The unit (cadres) or parent (units) it left; null for a unit that was a root. */
  from: string | null;
  origin: string;
  counter: number;
}

export interface ChangeIndexRow {
  /** `${table}:${id}` */
  key: string;
  table: string;
  id: string;
  /** The owning cadre of a sub-record (how it is found in its SubRecordSet); null otherwise. */
  cadreId: string | null;
  /** Every [origin, counter] of the record's vv (multi-entry index). */
  marks: [string, number][];
  moves?: Move[];
}

export const indexKey = (table: string, id: string): string => `${table}:${id}`;

/** Moves kept per record: enough for any peer that has been away for a while; older ones are dropped. */
const MAX_MOVES = 20;

/** Where a record sits for scope: a cadre's unit, a unit's parent; undefined for other types. */
export function placeOf(table: string, record: object | undefined): string | null | undefined {
  if (!record) return undefined;
  if (table === 'cadres') return (record as { unitId?: string | null }).unitId ?? null;
  if (table === 'units') return (record as { parentId?: string | null }).parentId ?? null;
  return undefined;
}

/** The index row of `record` (written with vv), carrying over the moves of `previous` and adding a new one. */
export function indexRowOf(
  table: string,
  record: { id: string; vv: VersionVector; cadreId?: unknown; updatedBy?: { installationId: string } },
  before: object | undefined,
  previous: ChangeIndexRow | undefined,
): ChangeIndexRow {
  const marks = Object.entries(record.vv).map(([origin, counter]) => [origin, counter] as [string, number]);
  const row: ChangeIndexRow = {
    key: indexKey(table, record.id),
    table,
    id: record.id,
    cadreId: typeof record.cadreId === 'string' ? record.cadreId : null,
    marks,
  };
  let moves = previous?.moves ?? [];
  const from = placeOf(table, before);
  const to = placeOf(table, record);
  if (before && from !== undefined && from !== to) {
    // the write that moved it is the one that produced this vector: its writer's entry
    const origin = record.updatedBy?.installationId ?? '';
    moves = [...moves, { from, origin, counter: record.vv[origin] ?? 0 }].slice(-MAX_MOVES);
  }
  if (moves.length) row.moves = moves;
  return row;
}

/** Writes the index rows of records just stored (inside the caller's transaction over `index`). */
export async function indexRecords(
  index: EntityTable<ChangeIndexRow, 'key'>,
  writes: readonly { table: string; record: Parameters<typeof indexRowOf>[1]; before: object | undefined }[],
): Promise<void> {
  if (!writes.length) return;
  const keys = writes.map((w) => indexKey(w.table, w.record.id));
  const previous = await index.bulkGet(keys);
  await index.bulkPut(writes.map((w, i) => indexRowOf(w.table, w.record, w.before, previous[i])));
}
