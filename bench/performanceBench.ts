import type { Page } from '@playwright/test';
import { stat, type Row } from './measure';

// 实绩档案 at scale (issue 13): on the bench page, over the cadres already loaded, a monthly report for every month
// each cadre served of 36 months (3.6 M at 100,000 cadres), stored in IndexedDB through the repository's bulk
// path; then the reads the issue sets targets for, timed in the page exactly as the screens call them
// (bench/performancePage.ts): a ~500-cadre unit's collection matrix for 12 months (≤ 300 ms), the district's
// completion for one month (≤ 1 s; and a year's, no target) and a cadre's timeline (≤ 200 ms). Each includes its
// IndexedDB reads; the district's cadres come from the roster's in-memory index as on screen (its first load, done
// once per window at the app's start, is reported apart); the screens add their rendering of one page of rows.

export interface PerformanceBenchOptions {
  /** Months of reports per cadre, ending October 2026 (at least 22, so 2025 is whole). */
  months: number;
  runs: number;
  installationId: string;
  /** What an earlier run stored on this kept profile (bench/alone.ts BENCH_KEEP): measure without storing again. */
  kept?: unknown;
  /** Called once the reports are stored, with what a later run on the same profile is given as `kept`. */
  onStored?: (stored: unknown) => Promise<void>;
}

export const MONTHS = { full: 36, quick: 36, smoke: 12 } as const;

/**
 * The months actually stored: BENCH_PERF_MONTHS caps them for a run that cannot store all 36 in its time (the
 * figures then say how many months were stored; 12 is the fewest that still fills the matrix's year).
 */
export function monthsOf(months: number, env: string | undefined = process.env.BENCH_PERF_MONTHS): number {
  const cap = Number(env);
  return Number.isInteger(cap) && cap >= 12 ? Math.min(months, cap) : months;
}

/** BENCH_PERF_PROFILE=<cadres>: first profile where storing costs, with that many cadres × 12 months (bench/performanceStoreProfile.ts). */
const PROFILE_CADRES = Math.max(0, Math.floor(Number(process.env.BENCH_PERF_PROFILE) || 0));

/** Reports per transaction of the bulk path: few large transactions are what makes 3.6 M reports storable. */
const BATCH = 50_000;

type Stored = { ms: number; reports: number; generateMs: number; transactions: number; profile?: unknown };
type BenchWindow = {
  cadreDeskBench: {
    performanceLoad(o: object): Promise<Stored>;
    performanceMeasure(o: object): Promise<{
      unit: string;
      unitCadres: number;
      matrixCells: { due: number; done: number };
      timelineEntries: number;
      districtUnits: number;
      matrix: number[];
      district: number[];
      year: number[];
      timeline: number[];
      rosterLoadMs: number;
      parts: Record<string, number[]>;
    }>;
  };
};

/** Runs on a page showing the bench page (bench/benchEntry.ts), after the cadres are loaded. */
export async function performanceBench(page: Page, o: PerformanceBenchOptions): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const kept = o.kept as (Stored & { months: number }) | undefined;
  const months = kept?.months ?? monthsOf(o.months);
  const loaded: Stored =
    kept ??
    (await page.evaluate(
      (options) => (window as unknown as BenchWindow).cadreDeskBench.performanceLoad(options),
      { installationId: o.installationId, lastMonth: '2026-10', months, batch: BATCH, ...(PROFILE_CADRES ? { profile: { cadres: PROFILE_CADRES } } : {}) },
    ));
  if (!kept) await o.onStored?.({ ...loaded, months });
  if (loaded.profile) process.stderr.write(`[bench] performance: storing profile ${JSON.stringify(loaded.profile)}\n`);
  const perSecond = Math.round(loaded.reports / (loaded.ms / 1000));
  process.stderr.write(`[bench] performance: ${loaded.reports} reports (${months} months) ${kept ? 'kept from a run that stored them' : 'stored'} in ${Math.round(loaded.ms)} ms, ${perSecond}/s, ${loaded.transactions} transactions\n`);
  const m = await page.evaluate((options) => (window as unknown as BenchWindow).cadreDeskBench.performanceMeasure(options), {
    year: 2025,
    month: '2026-10',
    currentMonth: '2026-11',
    unitSize: 500,
    runs: o.runs,
    yearRuns: Math.min(o.runs, 3),
  });
  const k = (n: number) => n.toLocaleString('en');
  return {
    rows: [
      { name: `实绩档案：${k(m.unitCadres)} 人单位 12 个月收集矩阵（含读库，共 ${k(loaded.reports)} 份月报，${months} 个月）`, unit: 'ms', stat: stat(m.matrix), target: 300 },
      { name: '实绩档案：全区某月完成率（按单位，含读库）', unit: 'ms', stat: stat(m.district), target: 1_000 },
      { name: '实绩档案：全区一年的月上报统计（按单位，含读库）', unit: 'ms', stat: stat(m.year) },
      { name: `实绩档案：一名干部的实绩时间轴（${k(m.timelineEntries)} 条，含读库）`, unit: 'ms', stat: stat(m.timeline), target: 200 },
    ],
    figures: { ...(loaded.profile ? { storeProfile: loaded.profile } : {}), parts: Object.fromEntries(Object.entries(m.parts).map(([name, ms]) => [name, stat(ms).median])), months, loadMs: Math.round(loaded.ms), reportsPerSecond: perSecond, generateMs: Math.round(loaded.generateMs), transactions: loaded.transactions, rosterIndexFirstLoadMs: m.rosterLoadMs, reports: loaded.reports, unit: m.unit, unitCadres: m.unitCadres, matrixTotal: m.matrixCells, districtUnits: m.districtUnits, timelineEntries: m.timelineEntries },
  };
}
