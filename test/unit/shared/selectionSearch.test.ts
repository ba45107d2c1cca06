import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullYears } from '../../../shared/rules/months';
import { candidateFilter, type SearchCadre } from '../../../shared/rules/selectionSearch';

// candidateFilter works the age range out once as a range of birth months; it must agree with the age as
// fullYears counts it for every birth month, month of search and bound.

const month = fc.tuple(fc.integer({ min: 1940, max: 2030 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);

const cadre = (birth: string): SearchCadre => ({ id: 'x', sex: '1', birth, postLevel: '2A', educations: ['21', null], assessments: [], pools: [], eligible: false });

describe('candidateFilter', () => {
  it('keeps exactly the cadres whose age as of the month is within the range', () => {
    fc.assert(
      fc.property(month, month, fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 80 }), (birth, asOf, a, b) => {
        const age = fullYears(birth, asOf);
        expect(candidateFilter({ asOf, maxAge: a })(cadre(birth))).toBe(age <= a);
        expect(candidateFilter({ asOf, minAge: b })(cadre(birth))).toBe(age >= b);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes an education at the level asked or above, full-time or in-service', () => {
    expect(candidateFilter({ asOf: '2025-09', minEducation: '21' })(cadre('1980-01'))).toBe(true);
    expect(candidateFilter({ asOf: '2025-09', minEducation: '11' })(cadre('1980-01'))).toBe(false);
    expect(candidateFilter({ asOf: '2025-09', minEducation: '11' })({ ...cadre('1980-01'), educations: ['21', '11'] })).toBe(true);
  });
});
