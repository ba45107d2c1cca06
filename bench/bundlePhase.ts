import { execFileSync } from 'node:child_process';
import { stat, type Row } from './measure';

// The bundle engine as a phase of `npm run bench` (issue 10): bench/bundle.bench.ts in a Node process of its own
// (the main process's side, no browser), on attachments plus the records of a district the run's size.

interface BundleFigures {
  bytes: number;
  recordLines: number;
  sealMs: number;
  openMs: number;
  sealCheckedMs: number;
  openToDirMs: number;
  peakRssMB: number;
  copyFsyncMs: number;
  ageSealMs?: number;
  ageOpenMs?: number;
  sevenZipSealMs?: number;
  sevenZipOpenMs?: number;
  rssCurve?: { mib: number; peakRssMB: number }[];
}

const SIZES = {
  full: ['1024', '--cadres', '100000', '--rss-curve', '100,500,1000,2000,4000'],
  quick: ['256', '--cadres', '10000', '--rss-curve', '100,500,1000'],
  smoke: ['16', '--cadres', '200'],
} as const;

export function bundleBench(mode: keyof typeof SIZES): { rows: Row[]; figures: BundleFigures } {
  const out = execFileSync('npx', ['tsx', 'bench/bundle.bench.ts', ...SIZES[mode]], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 << 20,
  });
  const figures = JSON.parse(out.trim().split('\n').pop()!) as BundleFigures;
  const one = (ms: number) => stat([ms]);
  const mib = (figures.bytes / 2 ** 20).toFixed(0);
  const what = `${mib} MiB（附件与 ${figures.recordLines} 条记录）`;
  const rows: Row[] = [];
  const against = (name: string, ms: number | undefined) => (ms === undefined ? undefined : { name, stat: one(ms) });
  rows.push({ name: `数据包封装 ${what}`, unit: 'ms', stat: one(figures.sealMs), baseline: against('age -r', figures.ageSealMs) });
  rows.push({ name: `数据包打开校验 ${what}`, unit: 'ms', stat: one(figures.openMs), baseline: against('age -d', figures.ageOpenMs) });
  if (figures.sevenZipSealMs !== undefined) {
    rows.push({ name: '  对照：数据包封装', unit: 'ms', stat: one(figures.sealMs), baseline: against('7z a -mhe=on', figures.sevenZipSealMs) });
    rows.push({ name: '  对照：数据包打开', unit: 'ms', stat: one(figures.openMs), baseline: against('7z x', figures.sevenZipOpenMs) });
  }
  rows.push({ name: '  对照：数据包封装', unit: 'ms', stat: one(figures.sealMs), baseline: against('复制并落盘', figures.copyFsyncMs) });
  rows.push({ name: '数据包封装时的内存峰值（主进程一侧）', unit: 'MB', stat: one(figures.peakRssMB), target: 300 });
  for (const point of figures.rssCurve ?? []) {
    rows.push({ name: `  内存峰值：${point.mib} MiB 附件`, unit: 'MB', stat: one(point.peakRssMB), target: 300 });
  }
  return { rows, figures };
}
