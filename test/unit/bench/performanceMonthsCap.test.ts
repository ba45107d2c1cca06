import { describe, expect, it } from 'vitest';
import { MONTHS, monthsOf } from '../../../bench/performanceBench';

// The months of reports the performance phase stores: all of its size's unless BENCH_PERF_MONTHS caps them, and
// never fewer than the 12 that fill the matrix's year.

describe('monthsOf', () => {
  it('keeps the size’s months without a cap, or with one that is not a whole number of at least 12', () => {
    expect(monthsOf(MONTHS.full, undefined)).toBe(36);
    for (const bad of ['', 'abc', '11', '12.5', '-24']) expect(monthsOf(MONTHS.full, bad), bad).toBe(36);
  });

  it('caps them, never above the size’s own', () => {
    expect(monthsOf(MONTHS.full, '12')).toBe(12);
    expect(monthsOf(MONTHS.full, '24')).toBe(24);
    expect(monthsOf(MONTHS.smoke, '24')).toBe(12);
  });
});
