import { Dexie, type DBCoreMutateRequest, type DBCoreTable, type DBCoreTransaction } from 'dexie';
import type { Month } from '../../shared/rules/months';
import type { PerformanceStatus } from '../../shared/rules/performanceWorkflow';
import type { CadreDb } from './database';
import { oneAtATime, type KeptTable } from './keptTable';

// What the district's counts read of the monthly reports (docs/performance.md "Collection"): per month, every live
// monthly report's cadre and status in columns, a pack per month and bucket of cadres (schema version 30). At
// 100,000 cadres the district's month read 100,000 small rows of performanceMonths, and IndexedDB's cost is per
// row; now it reads the month's packs, at most 256 rows. A cadre's bucket is the first two characters of its id
// (a UUID: 256 buckets, evenly filled), so writes made cadre by cadre, in id order as a data set's are, touch few
// packs.
//
// A kept table nobody writes by hand (renderer/db/keptTable.ts): every write of performanceRecords puts each
// written monthly report into its pack — its entry replaced, or taken out when it is deleted (a tombstone) — in the
// write's own transaction. A delete by keys is followed before it runs, to read which cadre and month each
// deleted report was; a clear of the reports clears the packs.

export const MONTH_PACKS = 'performanceMonthPacks';
const REPORTS_TABLE = 'performanceRecords';

/** The statuses in the order of their one-character codes in a pack's `status` (never reorder: codes are stored). */
export const STATUS_CODES: readonly PerformanceStatus[] = ['draft', 'submitted', 'unitReviewed', 'approved', 'applied', 'returned'];
/** A status's one-character code (STATUS_CODES). */
export const codeOf = new Map(STATUS_CODES.map((s, i) => [s, String(i)]));

export interface MonthPack {
  period: Month;
  bucket: string;
  /** The cadres with a live monthly report of the month in this bucket. */
  cadreId: string[];
  /** Each cadre's report status, one code character per entry (STATUS_CODES). */
  status: string;
}

export const bucketOf = (cadreId: string): string => cadreId.slice(0, 2);

type ReportLike = { id?: string; cadreId: string; kind: string; period: string; status: PerformanceStatus; deleted?: boolean };

/** One change to a pack's entries: the cadre's status in the month, or null to take its entry out. */
export interface PackEdit {
  cadreId: string;
  period: Month;
  status: PerformanceStatus | null;
}

/** The edit a written report makes: null for a report that has no entry (not monthly). */
export function editOf(r: ReportLike): PackEdit | null {
  if (r.kind !== 'monthly') return null;
  return { cadreId: r.cadreId, period: r.period, status: r.deleted ? null : r.status };
}

const packKey = (period: string, bucket: string) => `${period}\u0000${bucket}`;

/** The keys ([period, bucket]) of the packs the edits touch, each once. */
const packKeysOf = (edits: readonly PackEdit[]): [string, string][] => [
  ...new Map(edits.map((e) => [packKey(e.period, bucketOf(e.cadreId)), [e.period, bucketOf(e.cadreId)] as [string, string]])).values(),
];

/**
 * The packs with the edits applied, in order (a later edit of the same entry wins): each changed pack copied once;
 * an emptied pack is returned with no entries, for the caller to delete. `stored` holds the packs the edits touch.
 */
export function applyEdits(stored: readonly (MonthPack | undefined)[], edits: readonly PackEdit[]): MonthPack[] {
  const byKey = new Map<string, MonthPack>();
  for (const p of stored) if (p) byKey.set(packKey(p.period, p.bucket), p);
  const changed = new Map<string, { period: Month; bucket: string; status: Map<string, string> }>();
  for (const e of edits) {
    const bucket = bucketOf(e.cadreId);
    const key = packKey(e.period, bucket);
    let pack = changed.get(key);
    if (!pack) {
      const from = byKey.get(key);
      const status = new Map<string, string>();
      from?.cadreId.forEach((id, i) => status.set(id, from.status[i]!));
      changed.set(key, (pack = { period: e.period, bucket, status }));
    }
    if (e.status === null) pack.status.delete(e.cadreId);
    else pack.status.set(e.cadreId, codeOf.get(e.status) ?? '0');
  }
  return [...changed.values()].map((p) => ({ period: p.period, bucket: p.bucket, cadreId: [...p.status.keys()], status: [...p.status.values()].join('') }));
}

/** The packs' entries, each as (cadre, month, status). */
export function* entriesOf(packs: Iterable<MonthPack>): Generator<{ cadreId: string; period: Month; status: PerformanceStatus }> {
  for (const p of packs) for (let i = 0; i < p.cadreId.length; i++) yield { cadreId: p.cadreId[i]!, period: p.period, status: STATUS_CODES[Number(p.status[i])] ?? 'draft' };
}

/**
 * The month edits one write of performanceRecords makes, or 'clear' for a clear of every report. A delete is followed
 * before it runs (deletesFirst), so the reports that go are read while they are still there.
 */
async function editsOfWrite(rows: DBCoreTable, trans: DBCoreTransaction, req: DBCoreMutateRequest, failed: (i: number) => boolean): Promise<PackEdit[] | 'clear'> {
  if (req.type === 'add' || req.type === 'put') return req.values.flatMap((v, i) => (failed(i) ? [] : (editOf(v as ReportLike) ?? [])));
  if (req.type === 'delete') {
    const gone = (await rows.getMany({ trans, keys: req.keys })) as (ReportLike | undefined)[];
    return gone.flatMap((r) => (r ? (editOf({ ...r, deleted: true }) ?? []) : []));
  }
  if (req.range.type === 3) return 'clear';
  const gone = (await rows.query({ trans, values: true, query: { index: rows.schema.primaryKey, range: req.range } })).result as ReportLike[];
  return gone.flatMap((r) => editOf({ ...r, deleted: true }) ?? []);
}

/** How a kept table of the reports' months is edited: these packs, and each cadre's year (performanceCadreYears.ts). */
export interface MonthEdited<P> {
  /** The keys of the rows the edits touch, each once. */
  keysOf(edits: readonly PackEdit[]): unknown[];
  /** The rows with the edits applied, given the stored rows the edits touch (undefined for none yet). */
  apply(stored: readonly (P | undefined)[], edits: readonly PackEdit[]): P[];
  /** A row left with nothing, to delete. */
  isEmpty(row: P): boolean;
  keyOf(row: P): unknown;
}

/**
 * The `follow` of a kept table of the reports' months (renderer/db/keptTable.ts): a write's edits applied to the rows
 * they touch, the emptied rows deleted, a clear of the reports clearing the table; one follow-up at a time in a
 * transaction, as each reads its rows and writes them back.
 */
export function followMonthEdits<P>(edited: MonthEdited<P>): KeptTable['follow'] {
  return oneAtATime(async ({ rows, kept, req, res }) => {
    const trans = req.trans;
    const edits = await editsOfWrite(rows, trans, req, (i) => !!res && res.numFailures > 0 && res.failures[i] !== undefined);
    if (edits === 'clear') {
      if (req.type === 'deleteRange') await kept.mutate({ type: 'deleteRange', trans, range: req.range });
      return;
    }
    if (!edits.length) return;
    const next = edited.apply((await kept.getMany({ trans, keys: edited.keysOf(edits) })) as (P | undefined)[], edits);
    const full = next.filter((row) => !edited.isEmpty(row));
    const empty = next.filter((row) => edited.isEmpty(row)).map((row) => edited.keyOf(row));
    if (full.length) await kept.mutate({ type: 'put', trans, values: full });
    if (empty.length) await kept.mutate({ type: 'delete', trans, keys: empty });
  });
}

/** Keeps performanceMonthPacks under every write of performanceRecords (renderer/db/keptTable.ts). */
export const monthPacksKept: KeptTable = {
  table: MONTH_PACKS,
  sources: [REPORTS_TABLE],
  deletesFirst: true,
  follow: followMonthEdits<MonthPack>({ keysOf: packKeysOf, apply: applyEdits, isEmpty: (p) => !p.cadreId.length, keyOf: (p) => [p.period, p.bucket] }),
};

/** The packs of stored reports (schema version 30's upgrade), put a chunk of reports at a time. */
export async function fillMonthPacks(read: {
  reports: (after: string | null, limit: number) => Promise<(ReportLike & { id: string })[]>;
  get: (keys: [string, string][]) => Promise<(MonthPack | undefined)[]>;
  put: (packs: MonthPack[]) => Promise<unknown>;
}): Promise<void> {
  const CHUNK = 5_000;
  let after: string | null = null;
  for (;;) {
    const page = await read.reports(after, CHUNK);
    const edits = page.flatMap((r) => (r.deleted ? [] : (editOf(r) ?? [])));
    if (edits.length) {
      await read.put(applyEdits(await read.get(packKeysOf(edits)), edits));
    }
    if (page.length < CHUNK) return;
    after = page[page.length - 1]!.id;
  }
}

/** The live monthly reports of a range of months (inclusive) as (cadre, month, status): their packs, one index range. */
export async function monthPacksBetween(db: CadreDb, from: Month, to: Month): Promise<MonthPack[]> {
  return db.table<MonthPack>(MONTH_PACKS).where('[period+bucket]').between([from, Dexie.minKey], [to, Dexie.maxKey], true, true).toArray();
}
