import type { PerformanceStatus } from '../../shared/rules/performanceWorkflow';
import type { Month } from '../../shared/rules/months';

// Schema version 23's small row per live monthly report (table performanceMonths: its cadre, month and status),
// kept here only for that version's upgrade, which a database older than it still runs on its way to the latest.
// Version 34 replaced the table by each cadre's year in one row (renderer/db/performanceCadreYears.ts), filled from
// these rows; nothing keeps or reads them any more (docs/performance.md "Collection").

/** A live monthly report as version 23 counted it; its key is the report's id. */
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
