// A small seeded PRNG for the synthetic data generator: xoshiro128** (Blackman & Vigna), seeded through
// splitmix32. Integer arithmetic only (Math.imul, >>>), so a seed gives the same sequence on every machine and
// every JavaScript engine.

import { fnv1a32 } from '../rules/fnv1a';

/** A 32-bit hash of a seed (FNV-1a over the UTF-16 code units, then an avalanche). */
export function hashSeed(seed: number | string): number {
  return avalanche(fnv1a32(typeof seed === 'number' ? `n:${seed}` : `s:${seed}`));
}

function avalanche(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Items with relative weights; build once, pick many times (binary search over the cumulative sums). */
export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('演示数据生成器内部错误：加权表至少需要一项');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0)) throw new Error(`演示数据生成器内部错误：权重须不小于 0，实际为 ${weight}`);
      sum += weight;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new Error('演示数据生成器内部错误：加权表的总权重须大于 0');
    this.total = sum;
  }

  /** The item whose cumulative interval contains u ∈ [0, 1). */
  at(u: number): T {
    const target = u * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

export const weighted = <T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> => new WeightedTable(entries);

export class Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /**
   * A generator for `seed`; `streams` select independent sub-sequences (e.g. one per cadre, so cadre n is the
   * same whatever the data set's size and whatever was drawn for cadre n − 1).
   */
  constructor(seed: number | string, ...streams: number[]) {
    let s = hashSeed(seed);
    for (const stream of streams) s = avalanche((s ^ Math.imul((stream >>> 0) + 0x9e3779b9, 0x85ebca6b)) >>> 0);
    // splitmix32 fills the 128-bit state; it is never all zero.
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A generator with the given 128-bit state (not all zero): for checking against reference outputs. */
  static fromState(a: number, b: number, c: number, d: number): Random {
    const r = new Random(0);
    [r.a, r.b, r.c, r.d] = [a | 0, b | 0, c | 0, d | 0];
    if ((r.a | r.b | r.c | r.d) === 0) throw new Error('演示数据生成器内部错误：随机数状态不能全为 0');
    return r;
  }

  /** The next 32-bit unsigned integer. */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new Error(`演示数据生成器内部错误：取值范围 ${min}–${max} 为空`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('演示数据生成器内部错误：不能从空列表中选取');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A pick by relative weight: a prepared table (fast) or a list of [item, weight] pairs. */
  weighted<T>(table: WeightedTable<T> | readonly (readonly [T, number])[]): T {
    return (table instanceof WeightedTable ? table : new WeightedTable(table)).at(this.next());
  }
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
