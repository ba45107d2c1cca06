import { Dexie } from 'dexie';
import type { CadreDb } from '../renderer/db/database';
import { classesOfYear, dossierCultivation } from '../renderer/db/cultivation';
import { classEnrollments } from '../renderer/db/classEnrollments';
import { deferCadreClasses } from '../renderer/db/cadreClasses';
import { putStoredRecords, storeTable } from '../renderer/db/records';
import { recordTypeOf } from '../shared/catalog';
import { loadShortfall, loadStatistics, readStatisticsInput } from '../renderer/db/cultivationStats';
import { TEMPERING_TABLES, temperingFactsOfYear } from '../renderer/db/cultivationTempering';
import { cultivationStats } from '../shared/rules/cultivationStats';
import { totalColumnsOfYear, totalsOfYear } from '../renderer/db/cultivationTotals';
import { PACKS_TABLE, packsOfRows, totalPacks } from '../renderer/db/cultivationPacks';
import { readSteps } from '../renderer/db/cultivationSteps';
import { DOSSIER_FACT_PACKS, dossierFactsOfSet, withFacts, type DossierFactsOf } from '../renderer/db/dossierFacts';
import { allDossierSets } from '../renderer/db/dossierPacks';
import { peopleOf } from '../renderer/features/cultivation/cadreSource';
import type { Enrollment } from '../shared/domain/cultivation';
import { shareOf, withShare, type TraineeYear } from '../shared/rules/cultivationTotals';
import { shortfallList } from '../shared/rules/cultivation';
import { generateCultivation, type CadreSummary, type CultivationRecord } from '../shared/synthetic/cultivation';

// The 培养历练 phases' page side (bench/cultivationBench.ts drives them): the district's cultivation records added
// to the cadres already loaded, then the three reads the issue sets targets for, timed where they run — the
// hours-shortfall list and the statistics of a year for the whole district, and one dossier's 培养历练 tab.
// Each list is timed with its reads: the kept totals and records from IndexedDB, the cadres from the roster's
// index (its first read of the cadres is the first run's, reported apart). Beside it, as a baseline, the
// shortfall list as it was computed before the totals were kept: every basic record and the year's enrolments; and,
// read once each after the runs, the parts of a year's statistics (its packs and kept rows) beside the rows they
// replace (the totals a row per trainee, the posted cadres' whole dossier sets).

export async function loadCultivationBench(
  db: CadreDb,
  o: { seed: number; installationId: string; asOf: string; enrollmentsPerYear: number; temperingScale: number; batch: number },
): Promise<{ ms: number; wallMs: number; counts: Record<string, number> }> {
  const started = performance.now();
  const [cadres, units] = await Promise.all([db.cadres.toArray(), db.units.toArray()]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const summaries: CadreSummary[] = cadres.map((c) => ({ id: c.id, name: c.name, unitName: names.get(c.unitId) ?? '', currentPost: c.currentPost, postLevel: c.postLevel, status: c.status }));
  const counts: Record<string, number> = {};
  // the stream yields a year's classes before their enrolments
  const audienceOf = new Map<string, string>();
  // The trainees' kept totals are summed here, with the repository's own share arithmetic, and written once at
  // the end: the repository's read-modify-write of the rows in every batch's transaction cost a third of the load
  // and adds nothing to what is measured (the measurement checks the rows against the enrolments).
  const totals = new Map<string, TraineeYear>();
  const links = deferCadreClasses(db);
  let ms = 0;
  const timed = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    ms += performance.now() - t0;
  };
  const write = (records: readonly CultivationRecord[]) => {
    const byTable = new Map<string, object[]>();
    for (const { table, record } of records) {
      const list = byTable.get(table);
      if (list) list.push(record);
      else byTable.set(table, [record]);
    }
    const storeOf = (t: string) => storeTable(db, recordTypeOf(t)!);
    return timed(() =>
      db.transaction('rw', [...byTable.keys()].map(storeOf), async () => {
        for (const [table, rows] of byTable) await putStoredRecords(db, recordTypeOf(table)!, rows);
      }),
    );
  };
  // one large write in flight while the next batch is generated: generation stays off the writes' time
  let inFlight: Promise<void> = Promise.resolve();
  let batch: CultivationRecord[] = [];
  const flush = async () => {
    const records = batch;
    batch = [];
    for (const { table, record } of records) {
      counts[table] = (counts[table] ?? 0) + 1;
      if (table === 'trainingClasses') audienceOf.set(record.id, record.audience);
      if (table === 'enrollments') {
        const share = shareOf(record, audienceOf.get(record.classId)!);
        const key = `${share.year}\u0000${share.trainee}`;
        const row = withShare(totals.get(key), share, 1);
        if (row) totals.set(key, row);
      }
    }
    await inFlight;
    inFlight = write(records);
  };
  // a year's enrolments (they come cadre by cadre) kept until the year's last and then written a class at a time,
  // as the demo load does (renderer/features/demoData/loadDemoData.ts): each class's row written once
  let pending = new Map<string, CultivationRecord[]>();
  const release = async () => {
    for (const list of pending.values()) {
      batch.push(...list);
      if (batch.length >= o.batch) await flush();
    }
    pending = new Map();
  };
  for (const r of generateCultivation({ ...o, operator: '基准测试', updatedAt: Date.UTC(2026, 10, 15), firstCounter: 1e9 }, summaries)) {
    if (r.table === 'enrollments') {
      (pending.get(r.record.classId) ?? pending.set(r.record.classId, []).get(r.record.classId)!).push(r);
      continue;
    }
    await release();
    batch.push(r);
    if (batch.length >= o.batch) await flush();
  }
  await release();
  await flush();
  await inFlight;
  // which classes each cadre is in, held back as the demo load holds them and written once (renderer/db/cadreClasses.ts)
  await timed(() => links.flush());
  links.end();
  // the kept post levels and ranks of every dossier, should the cadres' loader have written the sets around Dexie
  // (its middleware keeps them otherwise); untimed, like the rest of the load
  if ((await db.table(DOSSIER_FACT_PACKS).count()) === 0 && (await db.subRecords.count()) > 0) {
    const facts = new Map<string, DossierFactsOf>();
    for await (const page of allDossierSets(db)) for (const set of page) facts.set(set.cadreId, dossierFactsOfSet(set as never));
    await db.table(DOSSIER_FACT_PACKS).bulkPut(withFacts(new Map(), facts));
  }
  // the totals in their packs (renderer/db/cultivationPacks.ts), each pack built from all its rows and written once
  const packs = packsOfRows([...totals.values()]);
  for (let i = 0; i < packs.length; i += 64) {
    const chunk = packs.slice(i, i + 64);
    await timed(() => db.transaction('rw', totalPacks(db), () => totalPacks(db).bulkPut(chunk)));
  }
  return { ms, wallMs: performance.now() - started, counts };
}

/** A year's enrolments, through its classes (the enrolments' year index went in schema version 33). */
async function enrolmentsOfYear(db: CadreDb, year: number): Promise<Enrollment[]> {
  const classIds = (await classesOfYear(db, year)).map((c) => c.id);
  return (await classEnrollments(db).bulkGet(classIds)).flatMap((row) => row?.enrollments ?? []);
}

/** The shortfall list as computed before the kept totals: every basic record and the year's enrolments read. */
async function shortfallBefore(db: CadreDb, year: number) {
  const [cadres, enrolled] = await Promise.all([db.cadres.toArray(), enrolmentsOfYear(db, year)]);
  const hours = new Map<string, number>();
  for (const e of enrolled) if (!e.deleted && e.cadreId) hours.set(e.cadreId, (hours.get(e.cadreId) ?? 0) + (e.hours ?? 0));
  return shortfallList(cadres.filter((c) => !c.deleted && c.status === '01').map((c) => c.id), hours, 110);
}

/**
 * Where a year's statistics spend their time: each part of loadStatistics timed once on its own, in its order
 * (after the timed runs), then, as baselines, the rows the kept ones replace.
 */
async function statisticsParts(db: CadreDb, year: number): Promise<Record<string, number>> {
  const parts: Record<string, number> = {};
  const part = async <T,>(name: string, f: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const out = await f();
    parts[name] = Math.round(performance.now() - t0);
    return out;
  };
  const people = await part('people', () => peopleOf(db));
  const scope = { year, unitId: null };
  const input = await part('reads', () => readStatisticsInput(db, scope, people));
  await part('compute', () => cultivationStats(input));
  // the year's totals as the lists read them (its packs' columns), and the same turned into a row per trainee
  await part('totals', () => totalColumnsOfYear(db, year));
  await part('totalsAsRows', () => totalsOfYear(db, year));
  // the same packs read without turning them into rows: what IndexedDB and the structured clone cost alone
  await part('totalsPacksOnly', () => db.table(PACKS_TABLE).where('[year+bucket]').between([year, Dexie.minKey], [year, Dexie.maxKey], true, true).toArray());
  const postings = await part('tempering', async () => {
    const [, posted] = await Promise.all(TEMPERING_TABLES.map((t) => temperingFactsOfYear(db, t, year)));
    return posted!;
  });
  const ids = [...new Set(postings.map((p) => p.cadreId))];
  parts.postedCadres = ids.length;
  parts.totalsRows = input.totals.reduce((n, c) => n + c.trainee.length, 0);
  parts.temperingRecords = input.secondments.length + input.postings.length + input.volunteering.length + input.actingPosts.length;
  // the posted cadres' kept steps, as read before their promotions were kept in the postings' packs
  await part('postedSteps', () => readSteps(db, ids));
  // the whole dossier sets, as read before the kept steps
  await part('postedSets', () => db.subRecords.bulkGet(ids));
  return parts;
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
  const cadreId = (await enrolmentsOfYear(db, o.year)).find((e) => e.cadreId)?.cadreId as string;
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
    parts: await statisticsParts(db, o.year),
  };
}
