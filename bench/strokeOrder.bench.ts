// How long the official name orders take at district scale, in Node: `npx tsx bench/strokeOrder.bench.ts [cadres]`.
// Prints JSON. The names are those of the synthetic district (shared/synthetic), 100,000 cadres by default.
// The roster's own target (姓氏笔画 sort at 100,000 cadres within 200 ms) is measured in the browser by
// roster.bench.ts; this isolates the comparator and the key derivation behind it.
import os from 'node:os';
import type { Cadre } from '../shared/domain/cadre';
import { districtUnits, generateDataset } from '../shared/synthetic/cadres';
import { compareByPinyin, pinyinSortKey } from '../shared/rules/pinyinOrder';
import { compareByStroke, loadStrokeOrder, strokeSortKey } from '../shared/rules/strokeOrder';
import { loadPinyin } from '../shared/rules/pinyinData';
import { NameRanks, SortRanks, buildRows, sortRows } from '../renderer/features/roster/rows';

const CADRES = Number(process.argv[2] ?? 100_000);
const RUNS = 5;
const options = { seed: 20261130, cadres: CADRES, installationId: '0123456789abcdef0123456789abcdef', asOf: '2026-11', operator: '基准测试' };

const round = (x: number) => Math.round(x * 10) / 10;
const ms = (t0: number) => round(performance.now() - t0);
/** Wall-clock and CPU milliseconds of one synchronous step: on a shared, busy machine the CPU time is the steadier. */
interface Timing {
  wall: number;
  cpu: number;
}
const timing = (f: () => unknown): Timing => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return { wall: ms(t0), cpu: round((c.user + c.system) / 1000) };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const medianTiming = (ts: Timing[]): Timing => ({ wall: median(ts.map((t) => t.wall)), cpu: median(ts.map((t) => t.cpu)) });

async function main() {
  let t0 = performance.now();
  const cadres: Cadre[] = [];
  for (const r of generateDataset(options)) if (r.table === 'cadres') cadres.push(r.record as Cadre);
  const generate = ms(t0);
  const distinct = [...new Set(cadres.map((c) => c.name))];

  t0 = performance.now();
  await Promise.all([loadStrokeOrder(), loadPinyin()]);
  const load = ms(t0);

  // first call: every name's key derived on the way (compareByStroke keeps its own; the roster's NameRanks too)
  const compareFirst = timing(() => [...distinct].sort(compareByStroke));
  const strokeFirst = timing(() => new NameRanks(strokeSortKey, distinct));
  const pinyinFirst = timing(() => new NameRanks(pinyinSortKey, distinct));
  // steady state: keys known, the distinct names sorted again; interleaved with what the roster used before
  // (Intl.Collator), so a busy machine slows both alike
  const collator = new Intl.Collator('zh-u-co-stroke');
  const strokeRanks: Timing[] = [];
  const strokeCompare: Timing[] = [];
  const pinyinCompare: Timing[] = [];
  const collatorStroke: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    strokeRanks.push(timing(() => new NameRanks(strokeSortKey, distinct)));
    strokeCompare.push(timing(() => [...distinct].sort(compareByStroke)));
    pinyinCompare.push(timing(() => [...distinct].sort(compareByPinyin)));
    collatorStroke.push(timing(() => [...distinct].sort(collator.compare)));
  }

  // the roster's sort of every cadre by 姓氏笔画 (ranks over the distinct names built once, then integers)
  const rows = buildRows(cadres, districtUnits(options), options.asOf);
  const fresh = () => new SortRanks(() => rows.map((r) => r.name));
  const rosterFirst = [...Array(RUNS)].map(() => timing(() => sortRows(rows, 'stroke', fresh())));
  const ranks = fresh();
  const rosterAgain = [...Array(RUNS)].map(() => timing(() => sortRows(rows, 'stroke', ranks)));

  console.log(
    JSON.stringify(
      {
        cadres: CADRES,
        distinctNames: distinct.length,
        // milliseconds; wall and CPU time of this process, medians of the runs where there are several
        ms: {
          generate,
          loadStrokeData: load,
          sortDistinctByCompareByStrokeFirstCall: compareFirst,
          strokeRanksFirstCall: strokeFirst,
          pinyinRanksFirstCall: pinyinFirst,
          strokeRanksSteady: medianTiming(strokeRanks),
          sortDistinctByCompareByStroke: medianTiming(strokeCompare),
          sortDistinctByCompareByPinyin: medianTiming(pinyinCompare),
          rosterStrokeSortNewRanks: medianTiming(rosterFirst),
          rosterStrokeSortKnownRanks: medianTiming(rosterAgain),
          baselineIntlCollatorStroke: medianTiming(collatorStroke),
        },
        loadAverage: os.loadavg()[0],
        runs: RUNS,
        node: process.version,
      },
      null,
      2,
    ),
  );
}

await main();
