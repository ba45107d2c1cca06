import { describe, expect, it } from 'vitest';
import { bump, compare, VersionVectorSchema, type VersionVector } from '../../../shared/sync/versionVector';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);

describe('bump', () => {
  it('sets this installation to the counter plus one and keeps the others', () => {
    const before: VersionVector = { [A]: 3, [B]: 7 };
    expect(bump(before, A, 12)).toEqual({ [A]: 13, [B]: 7 });
    expect(bump(before, C, 0)).toEqual({ [A]: 3, [B]: 7, [C]: 1 });
  });

  it('never moves this installation\'s entry backwards when the record carries a higher one', () => {
    expect(bump({ [A]: 40, [B]: 7 }, A, 12)).toEqual({ [A]: 41, [B]: 7 });
  });

  it('starts a vector from empty', () => {
    expect(bump({}, A, 0)).toEqual({ [A]: 1 });
  });

  it('does not mutate its input', () => {
    const before: VersionVector = { [A]: 3 };
    const after = bump(before, A, 4);
    expect(before).toEqual({ [A]: 3 });
    expect(after).not.toBe(before);
  });

  it('a bumped vector is strictly after the one it came from', () => {
    const v: VersionVector = { [A]: 3, [B]: 2 };
    expect(compare(bump(v, A, 4), v)).toBe('after');
    expect(compare(v, bump(v, B, 9))).toBe('before');
  });
});

describe('compare', () => {
  it('equal', () => {
    expect(compare({}, {})).toBe('equal');
    expect(compare({ [A]: 1, [B]: 2 }, { [B]: 2, [A]: 1 })).toBe('equal');
  });

  it('before and after', () => {
    expect(compare({ [A]: 1 }, { [A]: 2 })).toBe('before');
    expect(compare({ [A]: 2 }, { [A]: 1 })).toBe('after');
    expect(compare({ [A]: 2, [B]: 1 }, { [A]: 2, [B]: 3 })).toBe('before');
    expect(compare({ [A]: 3, [B]: 3 }, { [A]: 2, [B]: 3 })).toBe('after');
  });

  it('concurrent when each is ahead somewhere', () => {
    expect(compare({ [A]: 2, [B]: 1 }, { [A]: 1, [B]: 2 })).toBe('concurrent');
    expect(compare({ [A]: 1 }, { [B]: 1 })).toBe('concurrent');
  });

  it('a missing key counts as 0', () => {
    expect(compare({ [A]: 1 }, {})).toBe('after');
    expect(compare({}, { [A]: 1 })).toBe('before');
    expect(compare({ [A]: 0 }, {})).toBe('equal');
    expect(compare({ [A]: 1, [B]: 0 }, { [A]: 1 })).toBe('equal');
    expect(compare({ [A]: 1, [C]: 1 }, { [A]: 1, [B]: 0 })).toBe('after');
  });

  it('is antisymmetric', () => {
    const pairs: [VersionVector, VersionVector][] = [
      [{ [A]: 1 }, { [A]: 2 }],
      [{ [A]: 2, [B]: 1 }, { [A]: 1, [B]: 2 }],
      [{ [A]: 1 }, { [A]: 1 }],
    ];
    const flip = { before: 'after', after: 'before', equal: 'equal', concurrent: 'concurrent' } as const;
    for (const [x, y] of pairs) expect(compare(y, x)).toBe(flip[compare(x, y)]);
  });
});

describe('VersionVectorSchema', () => {
  it('accepts 32-hex keys with non-negative integer counters only', () => {
    expect(VersionVectorSchema.safeParse({ [A]: 0, [B]: 5 }).success).toBe(true);
    expect(VersionVectorSchema.safeParse({ [A.toUpperCase()]: 1 }).success).toBe(false);
    expect(VersionVectorSchema.safeParse({ abc: 1 }).success).toBe(false);
    expect(VersionVectorSchema.safeParse({ [A]: -1 }).success).toBe(false);
    expect(VersionVectorSchema.safeParse({ [A]: 1.5 }).success).toBe(false);
  });
});
