import type { CadreDb } from '../renderer/db/database';
import { dossierCultivation } from '../renderer/db/cultivation';
import { loadShortfall, loadStatistics } from '../renderer/db/cultivationStats';
import { keepTotals, type EnrollmentChange } from '../renderer/db/cultivationTotals';
import { peopleOf } from '../renderer/features/cultivation/cadreSource';
import type { Enrollment } from '../shared/domain/cultivation';
import { shortfallList } from '../shared/rules/cultivation';
import { generateCultivation, type CadreSummary, type CultivationRecord } from '../shared/synthetic/cultivation';

// The 培养历练 phases' page side (bench/cultivationBench.ts drives them): the district's cultivation records added
// to the cadres already loaded, then the three reads the issue sets targets for, timed where they run — the
// hours-shortfall list and the statistics of a year for the whole district, and one dossier's 培养历练 tab.
// Each list is timed with its reads: the kept totals and records from IndexedDB, the cadres from the roster's
// index (its first read of the cadres is the first run's, reported apart). Beside it, as a baseline, the
// shortfall list as it was computed before the totals were kept: every basic record and the year's enrolments.

export async function loadCultivationBench(
  db: CadreDb,
  o: { seed: number; installationId: string; asOf: string; enrollmentsPerYear: number; temperingScale: number; batch: number },
): Promise<{ ms: number; counts: Record<string, number> }> {
  const [cadres, units] = await Promise.all([db.cadres.toArray(), db.units.toArray()]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const summaries: CadreSummary[] = cadres.map((c) => ({ id: c.id, name: c.name, unitName: names.get(c.unitId) ?? '', currentPost: c.currentPost, postLevel: c.postLevel, status: c.status }));
  const counts: Record<string, number> = {};
  // the stream yields a year's classes before their enrolments
  const audienceOf = new Map<string, string>();
  let ms = 0;
  let batch: CultivationRecord[] = [];
  const flush = async () => {
    const t0 = performance.now();
    const byTable = new Map<string, object[]>();
    for (const { table, record } of batch) {
      counts[table] = (counts[table] ?? 0) + 1;
      const list = byTable.get(table);
      if (list) list.push(record);
      else byTable.set(table, [record]);
    }
    for (const c of (byTable.get('trainingClasses') ?? []) as { id: string; audience: string }[]) audienceOf.set(c.id, c.audience);
    const enrolled = (byTable.get('enrollments') ?? []) as Enrollment[];
    const changes: EnrollmentChange[] = enrolled.map((enrollment) => ({ after: { enrollment, audience: audienceOf.get(enrollment.classId)! } }));
    // the kept totals in the same transaction as the enrolments, as the repository keeps them
    const tables = [...byTable.keys()].map((t) => db.table(t));
    if (enrolled.length) tables.push(db.table('traineeYears'));
    await db.transaction('rw', tables, async () => {
      for (const [table, rows] of byTable) await db.table(table).bulkPut(rows);
      await keepTotals(db, changes);
    });
    ms += performance.now() - t0;
    batch = [];
  };
  for (const r of generateCultivation({ ...o, operator: '基准测试', updatedAt: Date.UTC(2026, 10, 15), firstCounter: 1e9 }, summaries)) {
    batch.push(r);
    if (batch.length >= o.batch) await flush();
  }
  if (batch.length) await flush();
  return { ms, counts };
}

/** The shortfall list as computed before the kept totals: every basic record and the year's enrolments read. */
async function shortfallBefore(db: CadreDb, year: number) {
  const [cadres, enrolled] = await Promise.all([db.cadres.toArray(), db.table('enrollments').where('year').equals(year).toArray() as Promise<Enrollment[]>]);
  const hours = new Map<string, number>();
  for (const e of enrolled) if (!e.deleted && e.cadreId) hours.set(e.cadreId, (hours.get(e.cadreId) ?? 0) + (e.hours ?? 0));
  return shortfallList(cadres.filter((c) => !c.deleted && c.status === '01').map((c) => c.id), hours, 110);
}

/**
 * Each read `runs` times: ms per run (the baseline `baselineRuns` times). The first shortfall list, which reads
 * the roster's index, is timed apart. The dossier is a cadre enrolled that year.
 */
export async function measureCultivationBench(db: CadreDb, o: { year: number; runs: number; baselineRuns: number }) {
  const time = async (f: () => Promise<unknown>, runs = o.runs) => {
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await f();
      out.push(performance.now() - t0);
    }
    return out;
  };
  const cadreId = (await db.table('enrollments').where('year').equals(o.year).first())?.cadreId as string;
  const t0 = performance.now();
  const shortfall = await loadShortfall(db, { year: o.year, unitId: null }, await peopleOf(db));
  const firstShortfall = performance.now() - t0;
  const before = await shortfallBefore(db, o.year);
  if (before.length !== shortfall.rows.length) throw new Error(`kept totals disagree with the enrolments: ${shortfall.rows.length} short, ${before.length} by the enrolments`);
  return {
    shortfallRows: shortfall.rows.length,
    firstShortfall,
    shortfall: await time(async () => loadShortfall(db, { year: o.year, unitId: null }, await peopleOf(db))),
    statistics: await time(async () => loadStatistics(db, { year: o.year, unitId: null }, await peopleOf(db))),
    dossier: await time(() => dossierCultivation(db, cadreId)),
    baseline: await time(() => shortfallBefore(db, o.year), o.baselineRuns),
  };
}
