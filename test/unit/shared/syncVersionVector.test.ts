import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bump, compare, isNewerThan, merge, type VersionVector } from '../../../shared/sync/versionVector';

// Property tests of the version-vector algebra sync rests on (docs/bundle-format.md "Sync in this code").

const IDS = ['a', 'b', 'c', 'd'].map((c) => c.repeat(32));
const vector = fc.dictionary(fc.constantFrom(...IDS), fc.nat({ max: 50 }), { maxKeys: IDS.length }) as fc.Arbitrary<VersionVector>;
const id = fc.constantFrom(...IDS);
const flip = { before: 'after', after: 'before', equal: 'equal', concurrent: 'concurrent' } as const;
const leq = (a: VersionVector, b: VersionVector) => ['before', 'equal'].includes(compare(a, b));

describe('bump', () => {
  it('is strictly after its input and never decreases any entry', () => {
    fc.assert(
      fc.property(vector, id, fc.nat({ max: 100 }), (vv, self, counter) => {
        const out = bump(vv, self, counter);
        expect(compare(out, vv)).toBe('after');
        for (const key of new Set([...Object.keys(vv), ...Object.keys(out)])) expect(out[key] ?? 0).toBeGreaterThanOrEqual(vv[key] ?? 0);
      }),
    );
  });

  it('gives a new counter above both the old counter and the record’s own entry, and changes only that entry', () => {
    fc.assert(
      fc.property(vector, id, fc.nat({ max: 100 }), (vv, self, counter) => {
        const out = bump(vv, self, counter);
        expect(out[self]).toBe(Math.max(counter, vv[self] ?? 0) + 1);
        for (const key of Object.keys(vv)) if (key !== self) expect(out[key]).toBe(vv[key]);
      }),
    );
  });

  it('successive local writes through the stored counter are strictly increasing, even from a lower counter', () => {
    fc.assert(
      fc.property(vector, id, fc.nat({ max: 100 }), fc.integer({ min: 1, max: 10 }), (start, self, counter0, writes) => {
        let vv = start;
        let counter = counter0;
        for (let i = 0; i < writes; i++) {
          const next = bump(vv, self, counter);
          expect(next[self]!).toBeGreaterThan(counter);
          expect(next[self]!).toBeGreaterThan(vv[self] ?? 0);
          counter = next[self]!;
          vv = next;
        }
      }),
    );
  });
});

describe('merge', () => {
  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(vector, vector, vector, (a, b, c) => {
        expect(compare(merge(a, b), merge(b, a))).toBe('equal');
        expect(compare(merge(merge(a, b), c), merge(a, merge(b, c)))).toBe('equal');
        expect(compare(merge(a, a), a)).toBe('equal');
      }),
    );
  });

  it('is at or after both inputs, and the least such vector', () => {
    fc.assert(
      fc.property(vector, vector, vector, (a, b, c) => {
        const m = merge(a, b);
        expect(leq(a, m)).toBe(true);
        expect(leq(b, m)).toBe(true);
        // any upper bound of both is an upper bound of the merge
        if (leq(a, c) && leq(b, c)) expect(leq(m, c)).toBe(true);
      }),
    );
  });

  it('a bumped merge (a resolved conflict) is strictly after both sides', () => {
    fc.assert(
      fc.property(vector, vector, id, fc.nat({ max: 100 }), (a, b, self, counter) => {
        const resolved = bump(merge(a, b), self, counter);
        expect(compare(resolved, a)).toBe('after');
        expect(compare(resolved, b)).toBe('after');
      }),
    );
  });
});

describe('compare', () => {
  it('is antisymmetric and reflexive', () => {
    fc.assert(
      fc.property(vector, vector, (a, b) => {
        expect(compare(b, a)).toBe(flip[compare(a, b)]);
        expect(compare(a, a)).toBe('equal');
      }),
    );
  });

  it('is consistent with merge: a ≤ b exactly when merge(a, b) equals b', () => {
    fc.assert(
      fc.property(vector, vector, (a, b) => {
        expect(leq(a, b)).toBe(compare(merge(a, b), b) === 'equal');
        expect(compare(a, b) === 'concurrent').toBe(compare(merge(a, b), a) !== 'equal' && compare(merge(a, b), b) !== 'equal');
      }),
    );
  });
});

describe('isNewerThan', () => {
  it('is true exactly when the vector is not at or before the knowledge', () => {
    fc.assert(
      fc.property(vector, vector, (vv, knows) => {
        expect(isNewerThan(vv, knows)).toBe(!leq(vv, knows));
      }),
    );
  });
});
