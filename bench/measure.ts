// Statistics and reporting for the benchmark harness: pure, so they are unit-tested.

export interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function stat(samples: readonly number[]): Stat {
  if (!samples.length) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: round(median), min: round(sorted[0]!), max: round(sorted.at(-1)!), runs: sorted.length };
}

const round = (x: number) => Math.round(x * 10) / 10;

export interface Row {
  name: string;
  unit: string;
  stat: Stat;
  /** The target from the issue, in the same unit, when there is one. */
  target?: number;
  /** Another measurement to compare with (e.g. raw IndexedDB put): shown as a ratio. */
  baseline?: { name: string; stat: Stat };
}

export function markdownTable(rows: readonly Row[]): string {
  const lines = [
    '| measurement | median | min | max | runs | target | baseline | ratio |',
    '|---|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const r of rows) {
    const u = r.unit;
    const ratio = r.baseline && r.baseline.stat.median > 0 ? `${(r.stat.median / r.baseline.stat.median).toFixed(2)}×` : '';
    lines.push(
      `| ${r.name} | ${r.stat.median} ${u} | ${r.stat.min} | ${r.stat.max} | ${r.stat.runs} | ${r.target !== undefined ? `≤ ${r.target} ${u}` : ''} | ${r.baseline ? `${r.baseline.name}: ${r.baseline.stat.median} ${u}` : ''} | ${ratio} |`,
    );
  }
  return lines.join('\n');
}
