import { test } from '@playwright/test';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Installation } from '../test/e2e/fixture';
import { BASE_URL, PREVIEW_PORT, PREVIEW_PORT_VARIABLE } from '../test/e2e/env';
import { BENCH_BASE } from './benchPage';
import { markdownTable, stat, type Row } from './measure';
import { cultivationBench } from './cultivationBench';
import { MONTHS, performanceBench } from './performanceBench';
import { exchangeBench } from './exchangeBench';
import { demoLoadRows, demoScreenRows, rosterPhase } from './rosterPhase';
import { selectionBench } from './selectionBench';
import { FULL as SUPERVISION_FULL, SMOKE as SUPERVISION_SMOKE, supervisionBench } from './supervisionBench';
import { backupBench, PHOTOS as BACKUP_PHOTOS } from './backupBench';

// One phase of `npm run bench` without the rest of the run (bench/alone.config.ts), for measuring it at any size:
// the district loaded through the app's loader, then the phase named by BENCH_PHASE. Numbers are printed, never
// asserted. Build first, as npm run bench does.
//
// BENCH_KEEP=<dir> keeps the browser profile (the loaded district and what the phase stored) in <dir> instead of a
// temporary one, and a later run of the same mode and phase with the same <dir> measures on it without loading or
// storing again. It is for the phases whose data take far longer to store than to measure: 3.6 million monthly
// reports at 100,000 cadres take over an hour to store, and a read changed since should not cost that again. The
// marker (bench-kept.json) is written only once the storing has finished, so a run stopped half-way is never reused.
// The browser keeps IndexedDB per origin, so the later runs must serve on the first one's port: the marker names it,
// and a run on another port is refused with the CADREDESK_PREVIEW_PORT=<port> to run it with.

const MODE = (process.env.BENCH_MODE ?? 'full') as 'full' | 'quick' | 'smoke';
// BENCH_ROSTER_ONLY=1 with BENCH_PHASE=roster stops after the roster's own figures (cold start, sorts, keystroke).
// BENCH_CADRES overrides the mode's size, to see how a figure grows with the district (e.g. the demo load)
const CADRES = Number(process.env.BENCH_CADRES) || { full: 100_000, quick: 10_000, smoke: 1_000 }[MODE];
const ORIGIN = 'b'.repeat(32);
const BENCH_PAGE = `${BASE_URL}${BENCH_BASE}bench.html`;
const RUNS = MODE === 'smoke' ? 3 : 10;

/** What a phase stored, for a later run on a kept profile (BENCH_KEEP): given back as `kept`, and kept by `onStored`. */
interface Keeping {
  kept: unknown;
  onStored(stored: unknown): Promise<void>;
}
type Phase = (installation: Installation, root: string, keeping: Keeping) => Promise<{ rows: Row[]; figures: unknown }>;
const PHASES: Record<string, Phase> = {
  cultivation: (i) => cultivationBench(i.page, { runs: RUNS, installationId: ORIGIN }),
  performance: (i, _root, keeping) => performanceBench(i.page, { months: MONTHS[MODE], runs: RUNS, installationId: ORIGIN, ...keeping }),
  exchange: (i, root) => exchangeBench(i, { root, benchPage: BENCH_PAGE, full: MODE === 'full', changed: 1_000, loadedFrom: ORIGIN }),
  roster: (i) =>
    rosterPhase(i, { baseUrl: BASE_URL, benchPage: BENCH_PAGE, cadres: CADRES, runs: RUNS, heavyRuns: Number(process.env.BENCH_HEAVY_RUNS) || (MODE === 'smoke' ? 1 : 3), installationId: ORIGIN, full: MODE === 'full', rosterOnly: process.env.BENCH_ROSTER_ONLY === '1' }),
  // the demo load through 本机设置 (the issue's figure) and alone (both also part of roster). 本机设置's comes first,
  // into the new installation's empty database, as a person first loads it: a load right after the deletion of
  // another 3 million records shares the disk with Chromium's compaction of what was deleted (all of an origin's
  // databases live in one LevelDB), and took 310-435 s where the same load on a fresh profile took 216-246 s.
  // Later runs (BENCH_HEAVY_RUNS) and the screenless ones follow such a deletion.
  demo: async (i) => {
    const heavyRuns = Number(process.env.BENCH_HEAVY_RUNS) || 1;
    // BENCH_DEMO=screenless: only the load without its screen, on the fresh profile (its parts as a person's first
    // load has them); BENCH_DEMO=screen: only 本机设置's
    if (process.env.BENCH_DEMO === 'screenless') {
      const demo = await demoLoadRows(i.page, { benchPage: BENCH_PAGE, cadres: CADRES, heavyRuns, installationId: ORIGIN });
      return { rows: demo.rows, figures: { demoRecords: demo.records } };
    }
    const screen = await demoScreenRows(i.page, { baseUrl: BASE_URL, benchPage: BENCH_PAGE, cadres: CADRES, heavyRuns, full: MODE === 'full' });
    if (process.env.BENCH_DEMO === 'screen') return { rows: screen, figures: {} };
    const demo = await demoLoadRows(i.page, { benchPage: BENCH_PAGE, cadres: CADRES, heavyRuns, installationId: ORIGIN });
    return { rows: [...demo.rows, ...screen], figures: { demoRecords: demo.records } };
  },
  selection: (i) => selectionBench(i, { baseUrl: BASE_URL, runs: MODE === 'smoke' ? 2 : 5, origin: ORIGIN, asOf: '2026-11' }),
  supervision: (i) => supervisionBench(i.page, { ...(MODE === 'smoke' ? SUPERVISION_SMOKE : SUPERVISION_FULL), installationId: ORIGIN }),
  // BENCH_LOAD_HOW=app|rawKept|rawSets: only the district's load, in that way, into the fresh profile's empty
  // database (the roster phase's loader rows each follow the deletion of an earlier load's database)
  loader: async () => ({ rows: [], figures: {} }), // its one row, the load's time, is added below
  backup: (i, root) =>
    backupBench(i, { root, benchPage: BENCH_PAGE, runs: Number(process.env.BENCH_HEAVY_RUNS) || (MODE === 'smoke' ? 1 : 3), photos: BACKUP_PHOTOS[MODE], full: MODE === 'full' }),
};
const PHASE = process.env.BENCH_PHASE ?? '';
const LOAD_HOW = process.env.BENCH_LOAD_HOW ?? 'app';
if (!['app', 'rawKept', 'rawSets'].includes(LOAD_HOW)) throw new Error(`BENCH_LOAD_HOW must be app, rawKept or rawSets (got "${LOAD_HOW}")`);

const KEEP = process.env.BENCH_KEEP ? path.resolve(process.env.BENCH_KEEP) : null;
const KEPT_PHASES = ['performance'];

interface KeptMarker {
  mode: string;
  phase: string;
  port: number;
  loaded: { ms: number; records: number };
  stored: unknown;
}

/** The kept profile's marker, or null for a new directory; refuses a directory some other or unfinished run left. */
async function keptMarker(dir: string): Promise<KeptMarker | null> {
  const entries = await readdir(dir).catch(() => null);
  if (!entries || entries.length === 0) return null;
  const marker = entries.includes('bench-kept.json') ? (JSON.parse(await readFile(path.join(dir, 'bench-kept.json'), 'utf8')) as KeptMarker) : null;
  if (!marker) throw new Error(`BENCH_KEEP=${dir} holds no finished run (no bench-kept.json): remove it to store again`);
  if (marker.mode !== MODE || marker.phase !== PHASE) throw new Error(`BENCH_KEEP=${dir} holds a ${marker.mode} ${marker.phase} run, not ${MODE} ${PHASE}`);
  if (marker.port !== PREVIEW_PORT) throw new Error(`BENCH_KEEP=${dir} was stored from port ${marker.port}: run with ${PREVIEW_PORT_VARIABLE}=${marker.port}`);
  return marker;
}

test(`${PHASE} at ${CADRES.toLocaleString('en')} cadres (${MODE})`, async () => {
  const phase = PHASES[PHASE];
  if (!phase) throw new Error(`BENCH_PHASE must be one of ${Object.keys(PHASES).join(', ')} (got "${PHASE}")`);
  if (KEEP && !KEPT_PHASES.includes(PHASE)) throw new Error(`BENCH_KEEP is for the phases ${KEPT_PHASES.join(', ')}, not ${PHASE}`);
  // storing a kept profile can take hours at full size; the measurement alone keeps the usual limit
  if (KEEP) test.setTimeout(4 * 60 * 60_000);
  const marker = KEEP ? await keptMarker(KEEP) : null;
  const root = KEEP ?? (await mkdtemp(path.join(os.tmpdir(), 'cadredesk-bench-')));
  if (KEEP) await mkdir(KEEP, { recursive: true });
  const installation = new Installation(root, { byteChannel: process.env.BENCH_NO_CHANNEL !== '1' });
  try {
    const page = await installation.launch();
    if (!marker) await installation.completeFirstRun('基准测试机', '基准');
    await page.goto(BENCH_PAGE);
    const t0 = Date.now();
    // the demo phase makes a new database for each of its runs: a district loaded first would only be deleted
    // again (and its deletion would still be settling on the disk while the first run writes)
    const loaded =
      marker?.loaded ??
      (PHASE === 'demo' ? { ms: 0, records: 0 } : undefined) ??
      (await page.evaluate(
        (o) => (window as unknown as { cadreDeskBench: { load(o: object): Promise<{ ms: number; records: number }> } }).cadreDeskBench.load(o),
        { how: PHASE === 'loader' ? LOAD_HOW : 'app', cadres: CADRES, seed: 20261124, installationId: ORIGIN, batch: 5000 },
      ));
    process.stderr.write(marker ? `[bench] kept profile ${root}: ${CADRES} cadres loaded ${marker.loaded.ms} ms in its first run\n` : `[bench] ${CADRES} cadres loaded in ${Date.now() - t0} ms\n`);
    const keeping: Keeping = {
      kept: marker?.stored,
      onStored: async (stored) => {
        if (KEEP && !marker) await writeFile(path.join(KEEP, 'bench-kept.json'), JSON.stringify({ mode: MODE, phase: PHASE, port: PREVIEW_PORT, loaded, stored } satisfies KeptMarker));
        if (KEEP && !marker) process.stderr.write(`[bench] kept in ${KEEP}: measure on it again with ${PREVIEW_PORT_VARIABLE}=${PREVIEW_PORT} BENCH_KEEP=${KEEP}\n`);
      },
    };
    const result = await phase(installation, root, keeping);
    if (PHASE === 'loader') result.rows.push({ name: `加载 ${CADRES} 名干部（${loaded.records} 条记录，${LOAD_HOW}，新安装的空库）`, unit: 'ms', stat: stat([loaded.ms]) });
    console.log(`\n${MODE} run, ${CADRES} cadres (${loaded.records} records)\n\n${markdownTable(result.rows)}\n`);
    console.log(JSON.stringify(result.figures));
  } finally {
    await installation.close();
    if (!KEEP) await rm(root, { recursive: true, force: true });
  }
});
