import type { CadreDb } from '../renderer/db/database';
import { bulkPutReports, performanceId, performanceTable, serviceSpanOf } from '../renderer/db/performance';
import { cadreTimeline, districtCompletion, districtYear, unitMatrix, type CadreSource } from '../renderer/db/performanceAnalysis';
import { monthPacksBetween } from '../renderer/db/performanceMonthPacks';
import { cadreYearsOf } from '../renderer/db/performanceCadreYears';
import { rosterIndexOf } from '../renderer/features/roster/rosterIndex';
import type { Cadre } from '../shared/domain/cadre';
import type { PerformanceRecord } from '../shared/domain/performance';
import { addMonths, type Month } from '../shared/rules/months';
import type { PerformanceStatus } from '../shared/rules/performanceWorkflow';
import { subtreeIds } from '../shared/rules/unitTree';
import { profileStoring, type StoreProfile } from './performanceStoreProfile';

// The 实绩档案 phases' page side (bench/performanceBench.ts drives them): every cadre already loaded gets a
// monthly report for each month it served of `months` months, written the way a bundle's reports arrive (the
// repository's bulk path, renderer/db/performance.ts bulkPutReports), then the three reads the issue sets targets
// for are timed here, in the page, exactly as the screens call them: 收集情况's matrix of a unit's subtree for a
// year, the district's completion for one month (and 全年统计's year), and 干部实绩's timeline.

const STATUSES: PerformanceStatus[] = ['approved', 'approved', 'applied', 'submitted', 'unitReviewed', 'returned'];

/** The steps a report in this status went through (so the stored record is as big as a real one). */
function historyOf(status: PerformanceStatus, at: string): PerformanceRecord['history'] {
  const step = (action: PerformanceRecord['history'][number]['action'], s: PerformanceStatus, by: string, comment = '') => ({
    action,
    status: s,
    at,
    by,
    byInstallation: by === '组织部' ? '区委组织部' : '本单位',
    comment,
  });
  if (status === 'draft') return [];
  const steps = [step('submit', 'submitted', '经办人')];
  if (status === 'returned') return [...steps, step('unitReturn', 'returned', '本单位', '请补充突出实绩的具体数据')];
  if (status === 'submitted') return steps;
  steps.push(step('unitApprove', 'unitReviewed', '本单位'));
  if (status === 'unitReviewed') return steps;
  steps.push(step('deptApprove', 'approved', '组织部'));
  if (status === 'applied') steps.push(step('apply', 'applied', '组织部', '年度评优参考'));
  return steps;
}

/** One generated monthly report of cadre number `i` for its `k`-th month: a plain object, as a bundle's row is. */
export function reportOf(c: Pick<Cadre, 'id' | 'name'>, i: number, k: number, period: Month, installationId: string, vv: number): PerformanceRecord {
  const status = (i + k) % 12 === 5 ? 'draft' : STATUSES[(i * 7 + k) % STATUSES.length]!;
  const at = `${period}-28T09:00:00.000Z`;
  return {
    id: performanceId(c.id, 'monthly', period),
    cadreId: c.id,
    kind: 'monthly',
    period,
    summary: '',
    keyWork: `一、完成${period}月度重点任务${(i + k) % 9}项；二、推进专项工作并按期报送进展；三、落实安全生产和信访维稳责任。`,
    highlights: `牵头完成${c.name}分管领域重点项目，群众满意度提升${(i + k) % 17}个百分点。`,
    shortcomings: '统筹协调能力有待加强。',
    nextPlan: '1. 推进年度重点任务；2. 加强调查研究。',
    checkedBy: '',
    findings: '',
    rating: 'none',
    grade: null,
    attachments: [],
    status,
    history: historyOf(status, at),
    uses: status === 'applied' ? [{ use: 'commendation', at, by: '组织部', comment: '年度评优参考' }] : [],
    vv: { [installationId]: vv },
    updatedAt: Date.UTC(2026, 10, 15),
    updatedBy: { installationId, operator: '基准测试' },
    deleted: false,
  } as PerformanceRecord;
}

/**
 * Adds the monthly reports of the `months` months up to `lastMonth` for every live cadre (only months it served),
 * in transactions of about `batch` records (whole cadres) through the repository's bulk path. Only the writes are
 * timed: each batch is generated whole before its transaction starts. About one report in twelve is left a draft,
 * the rest spread over the workflow's states. Returns the write time, the count and the time spent generating.
 */
export async function loadPerformanceBench(
  db: CadreDb,
  o: { installationId: string; lastMonth: Month; months: number; batch: number; profile?: { cadres: number } },
): Promise<{ ms: number; reports: number; generateMs: number; transactions: number; profile?: StoreProfile }> {
  // where storing a report costs, on scratch databases beside the bench's (bench/performanceStoreProfile.ts)
  const profile = o.profile ? await profileStoring({ cadres: o.profile.cadres, months: 12, lastMonth: o.lastMonth, installationId: o.installationId }) : undefined;
  const cadres = (await db.cadres.toArray()).filter((c) => !c.deleted);
  const months = Array.from({ length: o.months }, (_, k) => addMonths(o.lastMonth, k - o.months + 1));
  let counter = 2e9;
  let ms = 0;
  let generateMs = 0;
  let reports = 0;
  let transactions = 0;
  for (let from = 0; from < cadres.length; ) {
    const g0 = performance.now();
    const batch: PerformanceRecord[] = [];
    for (; from < cadres.length && batch.length < o.batch; from++) {
      const c = cadres[from]!;
      const span = serviceSpanOf(c);
      for (const [k, period] of months.entries()) {
        if ((span.joined && period < span.joined) || (span.left && period > span.left)) continue;
        batch.push(reportOf(c, from, k, period, o.installationId, ++counter));
      }
    }
    generateMs += performance.now() - g0;
    if (!batch.length) continue;
    const t0 = performance.now();
    await bulkPutReports(db, batch);
    ms += performance.now() - t0;
    reports += batch.length;
    transactions++;
  }
  return { ms, reports, generateMs, transactions, ...(profile ? { profile } : {}) };
}

/**
 * Each read `runs` times (ms per run), as the screens make them: the matrix of the smallest unit subtree whose
 * cadres of `year` number at least `unitSize`; the district's completion for `month`; the timeline of a
 * cadre of that unit; the district's year `yearRuns` times.
 */
export async function measurePerformanceBench(db: CadreDb, o: { year: number; month: Month; currentMonth: Month; unitSize: number; runs: number; yearRuns: number }) {
  const time = async (f: () => Promise<unknown>, runs = o.runs) => {
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await f();
      out.push(performance.now() - t0);
    }
    return out;
  };
  const units = (await db.units.toArray()).filter((u) => !u.deleted);
  const perUnit = new Map<string, number>();
  // the cadres a unit's matrix of the year shows (unitMatrix: those who left before the year are out)
  await db.cadres.each((c) => {
    if (!c.deleted && (serviceSpanOf(c).left ?? '9999') >= `${o.year}-01`) perUnit.set(c.unitId, (perUnit.get(c.unitId) ?? 0) + 1);
  });
  const subtrees = units.map((u) => {
    const ids = [...subtreeIds(units, u.id)];
    return { unit: u, ids, cadres: ids.reduce((s, id) => s + (perUnit.get(id) ?? 0), 0) };
  });
  // the smallest subtree with at least unitSize of them (a matrix's cost grows with its cadres: never measured on
  // fewer than asked), or the largest when none has that many
  const bySize = subtrees.filter((s) => s.cadres > 0).sort((a, b) => a.cadres - b.cadres);
  const chosen = bySize.find((s) => s.cadres >= o.unitSize) ?? bySize.at(-1)!;
  // the district's cadres as the screens take them (renderer/features/performance/common.tsx rosterCadres): from the
  // roster's in-memory index, which the app loads once per window at start; its first load is reported apart
  const t0 = performance.now();
  const index = rosterIndexOf(db);
  await index.load(o.currentMonth);
  const rosterLoadMs = performance.now() - t0;
  const source: CadreSource = async () => {
    await index.load(o.currentMonth);
    return index.sortedBy('unit').map((r) => r.cadre);
  };
  const matrix = await unitMatrix(db, chosen.ids, o.year, o.currentMonth);
  const cadreId = matrix.rows[0]!.cadre.id;
  const timeline = await cadreTimeline(db, cadreId);
  const district = await districtCompletion(db, o.month, o.currentMonth, source);
  return {
    rosterLoadMs: Math.round(rosterLoadMs),
    unit: chosen.unit.name,
    unitCadres: matrix.rows.length,
    matrixCells: matrix.total,
    timelineEntries: timeline.length,
    districtUnits: district.size,
    matrix: await time(() => unitMatrix(db, chosen.ids, o.year, o.currentMonth)),
    district: await time(() => districtCompletion(db, o.month, o.currentMonth, source)),
    // the year reads twelve months of reports whole (1.2 M at 100,000 cadres): fewer runs, and it has no target
    year: await time(() => districtYear(db, o.year, o.currentMonth, source), o.yearRuns),
    timeline: await time(() => cadreTimeline(db, cadreId)),
    // where the reads go: the cadres (the district's from the roster's index, the unit's from IndexedDB), what the
    // reads take (the month's packs, performanceMonthPacks; the unit's cadre years, performanceCadreYears), and
    // beside them the unit's reports whole as read before version 23
    parts: {
      districtCadres: await time(source),
      monthPacks: await time(() => monthPacksBetween(db, o.month, o.month)),
      unitCadres: await time(() => db.cadres.where('unitId').anyOf(chosen.ids).toArray()),
      unitRows: await time(() => cadreYearsOf(db, matrix.rows.map((r) => r.cadre.id), o.year)),
      unitReportsWhole: await time(() => Promise.all(matrix.rows.map((r) => performanceTable(db).where('cadreId').equals(r.cadre.id).toArray()))),
    },
  };
}
