import { test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Installation } from '../test/e2e/fixture';
import { BASE_URL } from '../test/e2e/env';
import { BENCH_BASE } from './benchPage';
import { markdownTable, type Row } from './measure';
import { cultivationBench } from './cultivationBench';
import { MONTHS, performanceBench } from './performanceBench';
import { exchangeBench } from './exchangeBench';
import { rosterPhase } from './rosterPhase';
import { selectionBench } from './selectionBench';
import { FULL as SUPERVISION_FULL, SMOKE as SUPERVISION_SMOKE, supervisionBench } from './supervisionBench';
import { backupBench, PHOTOS as BACKUP_PHOTOS } from './backupBench';

// One phase of `npm run bench` without the rest of the run (bench/alone.config.ts), for measuring it at any size:
// the district loaded through the app's loader, then the phase named by BENCH_PHASE. Numbers are printed, never
// asserted. Build first, as npm run bench does.

const MODE = (process.env.BENCH_MODE ?? 'full') as 'full' | 'quick' | 'smoke';
const CADRES = { full: 100_000, quick: 10_000, smoke: 1_000 }[MODE];
const ORIGIN = 'b'.repeat(32);
const BENCH_PAGE = `${BASE_URL}${BENCH_BASE}bench.html`;
const RUNS = MODE === 'smoke' ? 3 : 10;

type Phase = (installation: Installation, root: string) => Promise<{ rows: Row[]; figures: unknown }>;
const PHASES: Record<string, Phase> = {
  cultivation: (i) => cultivationBench(i.page, { runs: RUNS, installationId: ORIGIN }),
  performance: (i) => performanceBench(i.page, { months: MONTHS[MODE], runs: RUNS, installationId: ORIGIN }),
  exchange: (i, root) => exchangeBench(i, { root, benchPage: BENCH_PAGE, full: MODE === 'full', changed: 1_000, loadedFrom: ORIGIN }),
  roster: (i) =>
    rosterPhase(i, { baseUrl: BASE_URL, benchPage: BENCH_PAGE, cadres: CADRES, runs: RUNS, heavyRuns: Number(process.env.BENCH_HEAVY_RUNS) || (MODE === 'smoke' ? 1 : 3), installationId: ORIGIN, full: MODE === 'full' }),
  selection: (i) => selectionBench(i, { baseUrl: BASE_URL, runs: MODE === 'smoke' ? 2 : 5, origin: ORIGIN, asOf: '2026-11' }),
  supervision: (i) => supervisionBench(i.page, { ...(MODE === 'smoke' ? SUPERVISION_SMOKE : SUPERVISION_FULL), installationId: ORIGIN }),
  backup: (i, root) =>
    backupBench(i, { root, benchPage: BENCH_PAGE, runs: Number(process.env.BENCH_HEAVY_RUNS) || (MODE === 'smoke' ? 1 : 3), photos: BACKUP_PHOTOS[MODE], full: MODE === 'full' }),
};
const PHASE = process.env.BENCH_PHASE ?? '';

test(`${PHASE} at ${CADRES.toLocaleString('en')} cadres (${MODE})`, async () => {
  const phase = PHASES[PHASE];
  if (!phase) throw new Error(`BENCH_PHASE must be one of ${Object.keys(PHASES).join(', ')} (got "${PHASE}")`);
  const root = await mkdtemp(path.join(os.tmpdir(), 'cadredesk-bench-'));
  const installation = new Installation(root);
  try {
    const page = await installation.launch();
    await installation.completeFirstRun('基准测试机', '基准');
    await page.goto(BENCH_PAGE);
    const t0 = Date.now();
    const loaded = await page.evaluate(
      (o) => (window as unknown as { cadreDeskBench: { load(o: object): Promise<{ ms: number; records: number }> } }).cadreDeskBench.load(o),
      { how: 'app', cadres: CADRES, seed: 20261124, installationId: ORIGIN, batch: 5000 },
    );
    process.stderr.write(`[bench] ${CADRES} cadres loaded in ${Date.now() - t0} ms\n`);
    const result = await phase(installation, root);
    console.log(`\n${MODE} run, ${CADRES} cadres (${loaded.records} records)\n\n${markdownTable(result.rows)}\n`);
    console.log(JSON.stringify(result.figures));
  } finally {
    await installation.close();
    await rm(root, { recursive: true, force: true });
  }
});
