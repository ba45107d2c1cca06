import type { PerformanceStatus } from '../../shared/rules/performanceWorkflow';
import type { Month } from '../../shared/rules/months';
import type { CadreDb } from './database';
import { rowForRow, type KeptTable } from './keptTable';

// What the collection screens read of a monthly report (docs/performance.md "Collection"): its cadre, month and
// status, in one small row per live monthly report (table performanceMonths, schema version 23). A unit's matrix
// reads its cadres' rows of the year by [cadreId+period] instead of their reports whole (some 1 KB of text and
// history each); the district's counts read the months' packs instead (renderer/db/performanceMonthPacks.ts).
//
// A kept table (renderer/db/keptTable.ts): each put, add or delete of a report puts or deletes its row in the
// write's own transaction, so the repository, the bulk path, the bundle importer, restore and the demo data keep
// it without knowing it exists.

export const MONTHS_TABLE = 'performanceMonths';
const REPORTS_TABLE = 'performanceRecords';

/** A live monthly report as the collection counts it; its key is the report's id. */
export interface MonthRow {
  id: string;
  cadreId: string;
  period: Month;
  status: PerformanceStatus;
}

type ReportLike = { id: string; cadreId: string; kind: string; period: string; status: PerformanceStatus; deleted?: boolean };

/** The row of a stored report, or null when it has none (not monthly, or deleted). */
export function monthRowOf(r: ReportLike): MonthRow | null {
  return r.kind === 'monthly' && !r.deleted ? { id: r.id, cadreId: r.cadreId, period: r.period, status: r.status } : null;
}

/** Keeps performanceMonths under every write of reports: a monthly report's row put, any other's deleted (renderer/db/keptTable.ts). */
export const performanceMonthsKept: KeptTable = { table: MONTHS_TABLE, sources: [REPORTS_TABLE], follow: rowForRow((report) => monthRowOf(report as ReportLike)) };

/** Fills performanceMonths from the reports stored (schema version 23's upgrade), a chunk at a time. */
export async function fillMonths(read: { reports: (after: string | null, limit: number) => Promise<ReportLike[]>; put: (rows: MonthRow[]) => Promise<unknown> }): Promise<void> {
  const CHUNK = 5_000;
  let after: string | null = null;
  for (;;) {
    const page = await read.reports(after, CHUNK);
    const rows = page.flatMap((r) => monthRowOf(r) ?? []);
    if (rows.length) await read.put(rows);
    if (page.length < CHUNK) return;
    after = page[page.length - 1]!.id;
  }
}

const monthsTable = (db: CadreDb) => db.table<MonthRow, string>(MONTHS_TABLE);

/** One cadre's live monthly reports of a range of months (inclusive), as small rows. */
export function cadreMonthRows(db: CadreDb, cadreId: string, from: Month, to: Month): Promise<MonthRow[]> {
  return monthsTable(db).where('[cadreId+period]').between([cadreId, from], [cadreId, to], true, true).toArray();
}
