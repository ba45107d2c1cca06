import type { CadreDb } from '../renderer/db/database';
import { dossierCultivation } from '../renderer/db/cultivation';
import { loadShortfall, loadStatistics } from '../renderer/db/cultivationStats';
import { generateCultivation, type CadreSummary, type CultivationRecord } from '../shared/synthetic/cultivation';

// The 培养历练 phases' page side (bench/cultivationBench.ts drives them): the district's cultivation records added
// to the cadres already loaded, then the three reads the issue sets targets for, timed where they run — the
// hours-shortfall list and the statistics of a year for the whole district, and one dossier's 培养历练 tab.

export async function loadCultivationBench(
  db: CadreDb,
  o: { seed: number; installationId: string; asOf: string; enrollmentsPerYear: number; temperingScale: number; batch: number },
): Promise<{ ms: number; counts: Record<string, number> }> {
  const [cadres, units] = await Promise.all([db.cadres.toArray(), db.units.toArray()]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const summaries: CadreSummary[] = cadres.map((c) => ({ id: c.id, name: c.name, unitName: names.get(c.unitId) ?? '', currentPost: c.currentPost, postLevel: c.postLevel, status: c.status }));
  const counts: Record<string, number> = {};
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
    await db.transaction('rw', [...byTable.keys()].map((t) => db.table(t)), async () => {
      for (const [table, rows] of byTable) await db.table(table).bulkPut(rows);
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

/** Each read `runs` times: ms per run. The dossier is a cadre enrolled that year. */
export async function measureCultivationBench(db: CadreDb, o: { year: number; runs: number }) {
  const time = async (f: () => Promise<unknown>) => {
    const out: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      const t0 = performance.now();
      await f();
      out.push(performance.now() - t0);
    }
    return out;
  };
  const cadreId = (await db.table('enrollments').where('year').equals(o.year).first())?.cadreId as string;
  const shortfall = await loadShortfall(db, { year: o.year, unitId: null });
  return {
    shortfallRows: shortfall.rows.length,
    shortfall: await time(() => loadShortfall(db, { year: o.year, unitId: null })),
    statistics: await time(() => loadStatistics(db, { year: o.year, unitId: null })),
    dossier: await time(() => dossierCultivation(db, cadreId)),
  };
}
