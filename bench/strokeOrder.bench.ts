// How long the official name orders take at district scale, in Node: `npx tsx bench/strokeOrder.bench.ts [cadres]`.
// Prints JSON. The names are those of the synthetic district (shared/synthetic), 100,000 cadres by default.
// The roster's own target (姓氏笔画 sort at 100,000 cadres within 200 ms) is measured in the browser by
// roster.bench.ts; this isolates the comparator and the key derivation behind it.
import type { Cadre } from '../shared/domain/cadre';
import { districtUnits, generateDataset } from '../shared/synthetic/cadres';
import { compareByPinyin, pinyinSortKey } from '../shared/rules/pinyinOrder';
import { compareByStroke, loadStrokeOrder, strokeSortKey } from '../shared/rules/strokeOrder';
import { NameRanks, SortRanks, buildRows, sortRows } from '../renderer/features/roster/rows';

const CADRES = Number(process.argv[2] ?? 100_000);
const RUNS = 5;
const options = { seed: 20261130, cadres: CADRES, installationId: '0123456789abcdef0123456789abcdef', asOf: '2026-11', operator: '基准测试' };

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;
const time = (f: () => unknown) => {
  const t0 = performance.now();
  f();
  return ms(t0);
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function main() {
  let t0 = performance.now();
  const cadres: Cadre[] = [];
  for (const r of generateDataset(options)) if (r.table === 'cadres') cadres.push(r.record as Cadre);
  const generate = ms(t0);
  const distinct = [...new Set(cadres.map((c) => c.name))];

  t0 = performance.now();
  await loadStrokeOrder();
  const load = ms(t0);

  // first call: every character's and name's key derived on the way, as on the roster's first sort
  const strokeFirst = time(() => new NameRanks(strokeSortKey, distinct));
  const pinyinFirst = time(() => new NameRanks(pinyinSortKey, distinct));
  // steady state: keys known, the distinct names sorted again; interleaved with what the roster used before
  // (Intl.Collator), so a busy machine slows both alike
  const collator = new Intl.Collator('zh-u-co-stroke');
  const strokeRanks: number[] = [];
  const strokeCompare: number[] = [];
  const pinyinCompare: number[] = [];
  const collatorStroke: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    strokeRanks.push(time(() => new NameRanks(strokeSortKey, distinct)));
    strokeCompare.push(time(() => [...distinct].sort(compareByStroke)));
    pinyinCompare.push(time(() => [...distinct].sort(compareByPinyin)));
    collatorStroke.push(time(() => [...distinct].sort(collator.compare)));
  }

  // the roster's sort of every cadre by 姓氏笔画 (ranks over the distinct names built once, then integers)
  const rows = buildRows(cadres, districtUnits(options), options.asOf);
  const fresh = () => new SortRanks(() => rows.map((r) => r.name));
  const rosterFirst = [...Array(RUNS)].map(() => time(() => sortRows(rows, 'stroke', fresh())));
  const ranks = fresh();
  const rosterAgain = [...Array(RUNS)].map(() => time(() => sortRows(rows, 'stroke', ranks)));

  console.log(
    JSON.stringify(
      {
        cadres: CADRES,
        distinctNames: distinct.length,
        ms: {
          generate,
          loadStrokeData: load,
          strokeRanksFirstCall: strokeFirst,
          pinyinRanksFirstCall: pinyinFirst,
          strokeRanksSteady: median(strokeRanks),
          sortDistinctByCompareByStroke: median(strokeCompare),
          sortDistinctByCompareByPinyin: median(pinyinCompare),
          rosterStrokeSortNewRanks: median(rosterFirst),
          rosterStrokeSortKnownRanks: median(rosterAgain),
          baselineIntlCollatorStroke: median(collatorStroke),
        },
        runs: RUNS,
        node: process.version,
      },
      null,
      2,
    ),
  );
}

await main();
