import { Dexie, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type DBCoreTransaction } from 'dexie';
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
const codeOf = new Map(STATUS_CODES.map((s, i) => [s, String(i)]));

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
 * The month edits one write of performanceRecords makes, or 'clear' for a clear of every report; shared by the kept
 * tables that follow the reports' months (these packs, and each cadre's year: performanceCadreYears.ts). A delete
 * is followed before it runs (deletesFirst), so the reports that go are read while they are still there.
 */
export async function editsOfWrite(rows: DBCoreTable, trans: DBCoreTransaction, req: DBCoreMutateRequest, failed: (i: number) => boolean): Promise<PackEdit[] | 'clear'> {
  if (req.type === 'add' || req.type === 'put') return req.values.flatMap((v, i) => (failed(i) ? [] : (editOf(v as ReportLike) ?? [])));
  if (req.type === 'delete') {
    const gone = (await rows.getMany({ trans, keys: req.keys })) as (ReportLike | undefined)[];
    return gone.flatMap((r) => (r ? (editOf({ ...r, deleted: true }) ?? []) : []));
  }
  if (req.range.type === 3) return 'clear';
  const gone = (await rows.query({ trans, values: true, query: { index: rows.schema.primaryKey, range: req.range } })).result as ReportLike[];
  return gone.flatMap((r) => editOf({ ...r, deleted: true }) ?? []);
}

/** Whether the i-th value of a followed write failed to store (then its edit is left out, as the write left it). */
export const failedIn =
  (res: DBCoreMutateResponse | null) =>
  (i: number): boolean =>
    !!res && res.numFailures > 0 && res.failures[i] !== undefined;

async function mirror(packs: DBCoreTable, rows: DBCoreTable, trans: DBCoreTransaction, req: DBCoreMutateRequest, failed: (i: number) => boolean): Promise<void> {
  const edits = await editsOfWrite(rows, trans, req, failed);
  if (edits === 'clear') {
    // a clear of every report: every pack goes
    if (req.type === 'deleteRange') await packs.mutate({ type: 'deleteRange', trans, range: req.range });
    return;
  }
  if (!edits.length) return;
  const stored = (await packs.getMany({ trans, keys: packKeysOf(edits) })) as (MonthPack | undefined)[];
  const next = applyEdits(stored, edits);
  const kept = next.filter((p) => p.cadreId.length);
  const empty = next.filter((p) => !p.cadreId.length).map((p) => [p.period, p.bucket]);
  if (kept.length) await packs.mutate({ type: 'put', trans, values: kept });
  if (empty.length) await packs.mutate({ type: 'delete', trans, keys: empty });
}

/** Keeps performanceMonthPacks under every write of performanceRecords (renderer/db/keptTable.ts). */
export const monthPacksKept: KeptTable = {
  table: MONTH_PACKS,
  sources: [REPORTS_TABLE],
  deletesFirst: true,
  follow: oneAtATime(({ rows, kept, req, res }) => mirror(kept, rows, req.trans, req, failedIn(res))),
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
