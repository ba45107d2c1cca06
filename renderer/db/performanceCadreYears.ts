import { formatMonth, type Month } from '../../shared/rules/months';
import type { PerformanceStatus } from '../../shared/rules/performanceWorkflow';
import type { CadreDb } from './database';
import type { KeptTable } from './keptTable';
import { codeOf, followMonthEdits, STATUS_CODES, type PackEdit } from './performanceMonthPacks';

// What a unit's collection matrix reads of the monthly reports (docs/performance.md "Collection"): each cadre's
// year in one small row, the twelve months' statuses in a string (schema version 34). Version 23 kept a small row
// per monthly report instead; IndexedDB's cost here is per row written (docs/performance.md "Where storing costs"),
// so storing a district's reports wrote two rows a report, and a unit's matrix read one index range a cadre where it
// now reads one key a cadre.
//
// A kept table nobody writes by hand (renderer/db/keptTable.ts): every write of performanceRecords puts each
// written monthly report's status into its cadre's year — or takes it out when the report is deleted (a tombstone)
// — in the write's own transaction, followed as the month packs are (performanceMonthPacks.ts followMonthEdits).

export const CADRE_YEARS = 'performanceCadreYears';
const REPORTS_TABLE = 'performanceRecords';

/** No live monthly report in that month. */
const NONE = '-';
const EMPTY = NONE.repeat(12);

/** A cadre's live monthly reports of a year; its key is [cadreId, year]. */
export interface CadreYear {
  cadreId: string;
  year: number;
  /** Twelve characters, January first: a status's code (performanceMonthPacks.ts STATUS_CODES) or '-' for none. */
  status: string;
}

const yearKey = (cadreId: string, year: number) => `${cadreId}\u0000${year}`;
const yearOf = (period: Month) => Number(period.slice(0, 4));
const monthIndexOf = (period: Month) => Number(period.slice(5, 7)) - 1;

/** The keys ([cadreId, year]) of the years the edits touch, each once. */
const yearKeysOf = (edits: readonly PackEdit[]): [string, number][] => [
  ...new Map(edits.map((e) => [yearKey(e.cadreId, yearOf(e.period)), [e.cadreId, yearOf(e.period)] as [string, number]])).values(),
];

/**
 * The years with the edits applied, in order (a later edit of the same month wins): each changed year once; a year
 * left with no report is returned with every month '-', for the caller to delete. `stored` holds the years the
 * edits touch.
 */
export function applyYearEdits(stored: readonly (CadreYear | undefined)[], edits: readonly PackEdit[]): CadreYear[] {
  const changed = new Map<string, { cadreId: string; year: number; status: string[] }>();
  for (const y of stored) if (y) changed.set(yearKey(y.cadreId, y.year), { cadreId: y.cadreId, year: y.year, status: [...y.status] });
  for (const e of edits) {
    const year = yearOf(e.period);
    const key = yearKey(e.cadreId, year);
    let row = changed.get(key);
    if (!row) changed.set(key, (row = { cadreId: e.cadreId, year, status: [...EMPTY] }));
    row.status[monthIndexOf(e.period)] = e.status === null ? NONE : (codeOf.get(e.status) ?? '0');
  }
  return [...changed.values()].map((row) => ({ cadreId: row.cadreId, year: row.year, status: row.status.join('') }));
}

/** The years' months that have a live monthly report, each as (cadre, month, status). */
export function* monthsOf(years: Iterable<CadreYear | undefined>): Generator<{ cadreId: string; period: Month; status: PerformanceStatus }> {
  for (const y of years) {
    if (!y) continue;
    for (let i = 0; i < 12; i++) {
      const code = y.status[i]!;
      if (code !== NONE) yield { cadreId: y.cadreId, period: formatMonth(y.year, i + 1), status: STATUS_CODES[Number(code)] ?? 'draft' };
    }
  }
}

/** Keeps performanceCadreYears under every write of performanceRecords (renderer/db/keptTable.ts). */
export const cadreYearsKept: KeptTable = {
  table: CADRE_YEARS,
  sources: [REPORTS_TABLE],
  deletesFirst: true,
  follow: followMonthEdits<CadreYear>({ keysOf: yearKeysOf, apply: applyYearEdits, isEmpty: (y) => y.status === EMPTY, keyOf: (y) => [y.cadreId, y.year] }),
};

/** Fills performanceCadreYears from version 23's small rows, one per live monthly report (schema version 34's upgrade). */
export async function fillCadreYears(read: {
  rows: (after: string | null, limit: number) => Promise<{ id: string; cadreId: string; period: Month; status: PerformanceStatus }[]>;
  get: (keys: [string, number][]) => Promise<(CadreYear | undefined)[]>;
  put: (rows: CadreYear[]) => Promise<unknown>;
}): Promise<void> {
  const CHUNK = 5_000;
  let after: string | null = null;
  for (;;) {
    const page = await read.rows(after, CHUNK);
    const edits: PackEdit[] = page.map((r) => ({ cadreId: r.cadreId, period: r.period, status: r.status }));
    if (edits.length) await read.put(applyYearEdits(await read.get(yearKeysOf(edits)), edits));
    if (page.length < CHUNK) return;
    after = page[page.length - 1]!.id;
  }
}

/** These cadres' live monthly reports of a year: one key a cadre, read in one request. */
export async function cadreYearsOf(db: CadreDb, cadreIds: readonly string[], year: number): Promise<(CadreYear | undefined)[]> {
  return db.table<CadreYear>(CADRE_YEARS).bulkGet(cadreIds.map((id) => [id, year]));
}
