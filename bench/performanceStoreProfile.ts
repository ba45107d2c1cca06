import { Dexie } from 'dexie';
import { openDatabase } from '../renderer/db/database';
import { bulkPutReports } from '../renderer/db/performance';
import { schemaVersions } from '../renderer/db/schema';
import type { PerformanceRecord } from '../shared/domain/performance';
import { addMonths, type Month } from '../shared/rules/months';
import { reportOf } from './performancePage';

// Where storing a monthly report costs (docs/performance.md "Performance"), with BENCH_PERF_PROFILE=<cadres>: the
// same generated reports stored into scratch databases, each a fresh one, in one transaction, by the app's bulk
// path and by stripped-down variants that each leave one thing out. Only a profile: the bench's own storing always
// goes through the app's bulk path whole.

export interface StoreProfile {
  reports: number;
  /** Generating the reports (text, history, the natural id), ms. */
  generateMs: number;
  /** Reports a second, per variant. */
  perSecond: Record<string, number>;
}

/** performanceRecords' indexes as the schema's latest version declares them. */
const reportIndexes = (): string => schemaVersions.filter((v) => v.stores.performanceRecords).at(-1)!.stores.performanceRecords!;

async function timed(name: string, write: (db: Dexie) => Promise<unknown>, open: (name: string) => Dexie): Promise<number> {
  const db = open(name);
  await db.open();
  try {
    const t0 = performance.now();
    await write(db);
    return performance.now() - t0;
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

export async function profileStoring(o: { cadres: number; months: number; lastMonth: Month; installationId: string }): Promise<StoreProfile> {
  const g0 = performance.now();
  const reports: PerformanceRecord[] = [];
  let vv = 2e9;
  for (let i = 0; i < o.cadres; i++) {
    const cadre = { id: crypto.randomUUID(), name: '王芳' };
    for (let k = 0; k < o.months; k++) reports.push(reportOf(cadre, i, k, addMonths(o.lastMonth, k - o.months + 1), o.installationId, ++vv));
  }
  // the bulk path's order: cadre by cadre, in id order (a data set's dossiers arrive so)
  reports.sort((a, b) => a.cadreId.localeCompare(b.cadreId) || a.period.localeCompare(b.period));
  const generateMs = performance.now() - g0;
  const plain = (stores: string) => (name: string) => {
    const db = new Dexie(name);
    db.version(1).stores({ performanceRecords: stores });
    return db;
  };
  const put = (rows: object[]) => (db: Dexie) => db.transaction('rw', db.table('performanceRecords'), () => db.table('performanceRecords').bulkPut(rows));
  const scratch = (v: string) => `perf-profile-${v}-${crypto.randomUUID()}`;
  const ms: Record<string, number> = {};
  // the app's bulk path: the report, its indexes, the kept cadre year and month pack
  ms.appBulkPath = await timed(scratch('app'), (db) => bulkPutReports(db as never, reports), (name) => openDatabase(name));
  // the report alone with its indexes (no kept tables)
  ms.reportWithIndexes = await timed(scratch('indexes'), put(reports), plain(reportIndexes()));
  // the report alone, no index but its key
  ms.reportKeyOnly = await timed(scratch('key'), put(reports), plain('id'));
  // a third of the value: no text, no history
  const small = reports.map((r) => ({ ...r, keyWork: '', highlights: '', shortcomings: '', nextPlan: '', history: [], uses: [] }));
  ms.smallValueKeyOnly = await timed(scratch('small'), put(small), plain('id'));
  // the same bytes in a twelfth of the rows: a cadre's year of reports in one row
  const byCadre = new Map<string, PerformanceRecord[]>();
  for (const r of reports) byCadre.set(r.cadreId, [...(byCadre.get(r.cadreId) ?? []), r]);
  ms.packedPerCadreKeyOnly = await timed(scratch('packed'), put([...byCadre].map(([id, rows]) => ({ id, rows }))), plain('id'));
  const perSecond = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(reports.length / (v / 1000))]));
  return { reports: reports.length, generateMs: Math.round(generateMs), perSecond };
}
