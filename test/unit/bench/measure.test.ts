import { describe, expect, it } from 'vitest';
import { markdownTable, stat } from '../../../bench/measure';

describe('bench statistics', () => {
  it('median, min and max of odd and even sample counts', () => {
    expect(stat([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: 3 });
    expect(stat([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, runs: 4 });
    expect(() => stat([])).toThrow();
  });

  it('a markdown table with targets and ratios against a baseline', () => {
    const table = markdownTable([
      { name: '加载（应用）', unit: 'ms', stat: stat([200]), baseline: { name: 'IndexedDB put', stat: stat([100]) } },
      { name: '搜索', unit: 'ms', stat: stat([10, 30, 20]), target: 50 },
    ]);
    expect(table.split('\n')).toEqual([
      '| measurement | median | min | max | runs | target | baseline | ratio |',
      '|---|---:|---:|---:|---:|---:|---|---:|',
      '| 加载（应用） | 200 ms | 200 | 200 | 1 |  | IndexedDB put: 100 ms | 2.00× |',
      '| 搜索 | 20 ms | 10 | 30 | 3 | ≤ 50 ms |  |  |',
    ]);
  });
});
