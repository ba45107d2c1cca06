import { compare, type VersionVector } from './versionVector';

// What an import does with one incoming record against the local copy (docs/bundle-format.md "Sync in this
// code"). Imports never bump: a record taken keeps the incoming vector.

export interface VersionedRecord {
  id: string;
  vv: VersionVector;
  [field: string]: unknown;
}

export type RecordDecision =
  /** The local copy is as new or newer: nothing changes. */
  | 'skip'
  /** The incoming copy is newer (or there is none here): it replaces the local one, vector unchanged. */
  | 'take'
  /** Concurrent edits with the same data (two machines made the same change): the vectors are merged. */
  | 'merge'
  /** Concurrent edits that differ: the local copy stays, the incoming one is kept for a person to resolve. */
  | 'conflict';

/** The data of a record without what only describes the write (vv, updatedAt, updatedBy). */
export function dataOf(record: object): Record<string, unknown> {
  const { vv: _vv, updatedAt: _at, updatedBy: _by, ...data } = record as Record<string, unknown>;
  return data;
}

/** JSON with object keys sorted, so two equal records compare equal whatever order their fields were written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export const sameData = (a: object, b: object): boolean => canonicalJson(dataOf(a)) === canonicalJson(dataOf(b));

export function decideRecord(local: VersionedRecord | undefined, incoming: VersionedRecord): RecordDecision {
  if (!local) return 'take';
  const order = compare(incoming.vv, local.vv);
  if (order === 'equal' || order === 'before') return 'skip';
  if (order === 'after') return 'take';
  return sameData(local, incoming) ? 'merge' : 'conflict';
}

/**
 * Why an incoming sub-record must be refused, or null: the domain never moves a sub-record between cadres, so one
 * whose cadre differs from the stored copy of the same id is damaged or forged.
 */
export function cadreMismatch(storedCadreId: string | null | undefined, incomingCadreId: unknown, title: string): string | null {
  if (storedCadreId == null || incomingCadreId === storedCadreId) return null;
  return `数据包中的一条${title}记录属于另一名干部，而本机同一条记录属于原干部。记录不能在干部之间移动，该数据包可能已损坏，已拒绝导入。请让对方重新导出。`;
}
