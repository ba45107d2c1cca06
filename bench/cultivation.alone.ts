import { test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Installation } from '../test/e2e/fixture';
import { BASE_URL } from '../test/e2e/env';
import { BENCH_BASE } from './benchPage';
import { markdownTable } from './measure';
import { cultivationBench } from './cultivationBench';

// `npm run bench`'s 培养历练 phase without the rest of the run (bench/cultivation.config.ts): the district loaded
// through the app's loader, then bench/cultivationBench.ts. Numbers are printed, never asserted.

const MODE = (process.env.BENCH_MODE ?? 'full') as 'full' | 'quick' | 'smoke';
const CADRES = { full: 100_000, quick: 10_000, smoke: 1_000 }[MODE];
const ORIGIN = 'b'.repeat(32);

test(`cultivation at ${CADRES.toLocaleString('en')} cadres (${MODE})`, async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'cadredesk-bench-'));
  const installation = new Installation(root);
  try {
    const page = await installation.launch();
    await installation.completeFirstRun('基准测试机', '基准');
    await page.goto(`${BASE_URL}${BENCH_BASE}bench.html`);
    const t0 = Date.now();
    const loaded = await page.evaluate(
      (o) => (window as unknown as { cadreDeskBench: { load(o: object): Promise<{ ms: number; records: number }> } }).cadreDeskBench.load(o),
      { how: 'app', cadres: CADRES, seed: 20261124, installationId: ORIGIN, batch: 5000 },
    );
    process.stderr.write(`[bench] ${CADRES} cadres loaded in ${Date.now() - t0} ms\n`);
    const result = await cultivationBench(page, { runs: MODE === 'smoke' ? 3 : 10, installationId: ORIGIN });
    console.log(`\n${MODE} run, ${CADRES} cadres (${loaded.records} records)\n\n${markdownTable(result.rows)}\n`);
    console.log(JSON.stringify(result.figures));
  } finally {
    await installation.close();
    await rm(root, { recursive: true, force: true });
  }
});
