import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Middleware } from 'dexie';
import type { PerformanceStatus } from '../../shared/rules/performanceWorkflow';
import type { Month } from '../../shared/rules/months';
import type { CadreDb } from './database';

// What the collection screens read of a monthly report (docs/performance.md "Collection"): its cadre, month and
// status, in one small row per live monthly report (table performanceMonths, schema version 23). The district's
// month read every report of the month whole (some 1 KB of text and history each, 100,000 at district size) to
// learn one status per cadre; the small rows are what the matrix and the district's counts read instead.
//
// The rows are kept by a Dexie middleware under every write of performanceRecords, in the write's own transaction
// (as selectionFacts is kept under the dossier sets): any read-write transaction over performanceRecords is widened
// to performanceMonths, and each put, add or delete of a report puts or deletes its row. So the repository, the
// bulk path, the bundle importer, restore and the demo data keep it without knowing it exists, and a rolled-back
// write takes its row with it.

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

/** Applies a write of reports to their rows, in the same transaction. */
async function mirror(months: DBCoreTable, req: DBCoreMutateRequest, res: DBCoreMutateResponse): Promise<void> {
  const failed = (i: number) => res.numFailures > 0 && res.failures[i] !== undefined;
  switch (req.type) {
    case 'add':
    case 'put': {
      const put: MonthRow[] = [];
      const gone: string[] = [];
      req.values.forEach((v, i) => {
        if (failed(i)) return;
        const row = monthRowOf(v as ReportLike);
        if (row) put.push(row);
        else gone.push((v as ReportLike).id);
      });
      if (put.length) await months.mutate({ type: 'put', trans: req.trans, values: put });
      if (gone.length) await months.mutate({ type: 'delete', trans: req.trans, keys: gone });
      return;
    }
    case 'delete': {
      const keys = req.keys.filter((_, i) => !failed(i));
      if (keys.length) await months.mutate({ type: 'delete', trans: req.trans, keys });
      return;
    }
    case 'deleteRange':
      // the same key space: a row's key is its report's id
      await months.mutate({ type: 'deleteRange', trans: req.trans, range: req.range });
      return;
  }
}

/** The middleware that keeps performanceMonths; inert on a schema without the table (before version 23). */
export const performanceMonthsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'performanceMonths',
  // right above IndexedDB, as selectionFacts: the mirrored write needs only the IndexedDB transaction it carries
  level: -1,
  create(down) {
    const has = (name: string) => down.schema.tables.some((t) => t.name === name);
    if (!has(MONTHS_TABLE) || !has(REPORTS_TABLE)) return {};
    return {
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.includes(REPORTS_TABLE) && !stores.includes(MONTHS_TABLE) ? [...stores, MONTHS_TABLE] : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== REPORTS_TABLE) return table;
        const months = down.table(MONTHS_TABLE);
        return {
          ...table,
          async mutate(req) {
            const res = await table.mutate(req);
            await mirror(months, req, res);
            return res;
          },
        };
      },
    };
  },
};

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

/** The live monthly reports of a range of months (inclusive), as small rows: one index range, one getAll. */
export function monthRowsBetween(db: CadreDb, from: Month, to: Month): Promise<MonthRow[]> {
  return monthsTable(db).where('[period+cadreId]').between([from, ''], [to, '\uffff'], true, true).toArray();
}

/** One cadre's live monthly reports of a range of months (inclusive), as small rows. */
export function cadreMonthRows(db: CadreDb, cadreId: string, from: Month, to: Month): Promise<MonthRow[]> {
  return monthsTable(db).where('[cadreId+period]').between([cadreId, from], [cadreId, to], true, true).toArray();
}
