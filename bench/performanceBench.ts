import { pathToFileURL } from 'node:url';
import { formatMonth } from '../shared/rules/months';
import { collectionMatrix, completionByUnit, reminderList, type CollectionCadre, type CollectionReport } from '../shared/rules/performanceCollection';
import type { PerformanceStatus } from '../shared/rules/performanceWorkflow';
import { performanceWhen, sortTimeline, type TimelineEntry } from '../shared/rules/performanceTimeline';
import { stat, type Row } from './measure';

// 实绩档案 at scale (issue 13), the pure phases the screens run after reading their rows: 100,000 cadres with 36
// monthly reports each (3.6 M records) — the collection matrix of a 500-cadre unit for 12 months (with its
// reminder list), the district's completion for one month by unit, and one cadre's timeline. The reports are held
// in maps keyed the way schema version 11 indexes them ([cadreId+kind] and [kind+period]), so each phase looks up
// what its index read returns; the IndexedDB reads themselves are not included (docs/performance.md "Collection").
// Run alone: `npx tsx bench/performanceBench.ts [--smoke]` prints the figures as JSON.

export interface PerformanceBenchOptions {
  cadres: number;
  months: number;
  unitSize: number;
  runs: number;
}

export const FULL: PerformanceBenchOptions = { cadres: 100_000, months: 36, unitSize: 500, runs: 5 };
export const SMOKE: PerformanceBenchOptions = { cadres: 2_000, months: 12, unitSize: 500, runs: 1 };

const STATUSES: PerformanceStatus[] = ['approved', 'approved', 'applied', 'submitted', 'unitReviewed', 'returned'];

function generate(o: PerformanceBenchOptions, firstMonth: { year: number; month: number }) {
  const units = Math.ceil(o.cadres / o.unitSize);
  const cadres: (CollectionCadre & { unitId: string })[] = Array.from({ length: o.cadres }, (_, i) => ({
    id: `c${String(i).padStart(6, '0')}`,
    name: `干部${i}`,
    unitId: `u${i % units}`,
    joined: i % 50 === 0 ? formatMonth(firstMonth.year + 1, 3) : null,
    left: i % 97 === 0 ? formatMonth(firstMonth.year + 2, 6) : null,
  }));
  const months = Array.from({ length: o.months }, (_, k) => {
    const index = firstMonth.year * 12 + firstMonth.month - 1 + k;
    return formatMonth(Math.floor(index / 12), (index % 12) + 1);
  });
  // every status, about one report in twelve left a draft (not handed in): by cadre (the [cadreId+kind] index)
  // and by month (the [kind+period] index)
  const byCadre = new Map<string, CollectionReport[]>();
  const byMonth = new Map<string, Map<string, PerformanceStatus>>(months.map((m) => [m, new Map()]));
  let total = 0;
  cadres.forEach((c, i) => {
    const list: CollectionReport[] = [];
    months.forEach((period, k) => {
      const status = (i + k) % 12 === 5 ? 'draft' : STATUSES[(i * 7 + k) % STATUSES.length]!;
      list.push({ cadreId: c.id, period, status });
      byMonth.get(period)!.set(c.id, status);
      total += 1;
    });
    byCadre.set(c.id, list);
  });
  return { cadres, months, byCadre, byMonth, total };
}

function time(runs: number, fn: () => void): number[] {
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export function performanceBench(o: PerformanceBenchOptions): { rows: Row[]; figures: Record<string, unknown> } {
  const first = { year: 2024, month: 1 };
  const data = generate(o, first);
  const lastYear = first.year + Math.floor((o.months - 1) / 12);
  const currentMonth = formatMonth(lastYear + 1, 1);
  const unit = data.cadres.filter((c) => c.unitId === 'u1');

  let reminders = 0;
  const matrix = time(o.runs, () => {
    const reports = unit.flatMap((c) => data.byCadre.get(c.id)!.filter((r) => r.period.startsWith(`${lastYear}-`)));
    reminders = reminderList(collectionMatrix(unit, reports, lastYear, currentMonth)).length;
  });

  const month = data.months.at(-1)!;
  let unitsCounted = 0;
  const district = time(o.runs, () => {
    const status = data.byMonth.get(month)!;
    unitsCounted = completionByUnit(data.cadres, (id) => status.get(id), month, currentMonth).size;
  });

  const cadre = data.cadres[1]!;
  let entries = 0;
  const timeline = time(o.runs * 20, () => {
    const list: TimelineEntry[] = data.byCadre.get(cadre.id)!.map((r, k) => ({
      when: performanceWhen('monthly', r.period),
      lane: 'performance',
      title: `${r.period}月上报`,
      detail: r.status,
      table: 'performanceRecords',
      id: `${cadre.id}-${k}`,
    }));
    entries = sortTimeline(list).length;
  });

  const k = (n: number) => n.toLocaleString('en');
  return {
    rows: [
      { name: `实绩档案：${k(unit.length)} 人单位 12 个月收集矩阵与催报清单（共 ${k(data.total)} 份月报）`, unit: 'ms', stat: stat(matrix), target: 300 },
      { name: `实绩档案：全区 ${k(o.cadres)} 名干部某月完成率（按单位）`, unit: 'ms', stat: stat(district), target: 1_000 },
      { name: `实绩档案：一名干部的实绩时间轴（${k(entries)} 条）`, unit: 'ms', stat: stat(timeline), target: 200 },
    ],
    figures: { reports: data.total, reminders, unitsCounted, timelineEntries: entries },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = performanceBench(process.argv.includes('--smoke') ? SMOKE : FULL);
  console.log(JSON.stringify({ rows: result.rows.map((r) => ({ name: r.name, medianMs: r.stat.median, min: r.stat.min, max: r.stat.max, runs: r.stat.runs, targetMs: r.target })), figures: result.figures }, null, 2));
}
