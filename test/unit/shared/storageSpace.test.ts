import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkSpaceFor, formatBytes, HEADROOM_FACTOR, MIN_FREE_SHARE } from '../../../shared/rules/storageSpace';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('checkSpaceFor', () => {
  it('does not warn when there is plenty of room', () => {
    const check = checkSpaceFor(100 * MB, { usage: 1 * GB, quota: 50 * GB });
    expect(check).toMatchObject({ known: true, warn: false, remaining: 49 * GB, message: null });
  });

  it('warns when less than twice the planned write remains', () => {
    // 150 MB left of a huge quota: the 10 % rule alone would not fire, the 2× rule does
    const quota = 100 * GB;
    const check = checkSpaceFor(100 * MB, { usage: quota - 150 * MB, quota });
    expect(check.warn).toBe(true);
    if (!check.known) throw new Error('figures were usable');
    expect(check.remaining).toBe(150 * MB);
    expect(check.message).toContain('100 MB');
    expect(check.message).toContain('150 MB');
  });

  it('warns when the write would leave less than a tenth of the quota free', () => {
    // 12 GB left of 100 GB; writing 3 GB leaves 9 GB (< 10 GB) although 12 GB ≥ 2 × 3 GB
    const check = checkSpaceFor(3 * GB, { usage: 88 * GB, quota: 100 * GB });
    expect(check.warn).toBe(true);
    const roomy = checkSpaceFor(1 * GB, { usage: 88 * GB, quota: 100 * GB });
    expect(roomy.warn).toBe(false);
  });

  it('never warns on unknown figures, so a missing estimate blocks nothing', () => {
    expect(checkSpaceFor(10 * GB, null)).toEqual({ known: false, warn: false });
    expect(checkSpaceFor(10 * GB, { usage: 0, quota: 0 })).toEqual({ known: false, warn: false });
    expect(checkSpaceFor(10 * GB, { usage: Number.NaN, quota: 5 * GB })).toEqual({ known: false, warn: false });
  });

  it('treats usage above the quota as no room left', () => {
    const check = checkSpaceFor(1, { usage: 6 * GB, quota: 5 * GB });
    expect(check).toMatchObject({ known: true, warn: true, remaining: 0 });
  });

  it('warns exactly when one of the two rules says so', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 36 }),
        (quota, usage, planned) => {
          const check = checkSpaceFor(planned, { usage, quota });
          const remaining = Math.max(0, quota - usage);
          const expected = remaining < HEADROOM_FACTOR * planned || remaining - planned < MIN_FREE_SHARE * quota;
          return check.known && check.warn === expected && (check.message !== null) === expected;
        },
      ),
    );
  });
});

describe('formatBytes', () => {
  it('reads like a disk size', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(23.4 * MB)).toBe('23.4 MB');
    expect(formatBytes(120 * GB)).toBe('120 GB');
    expect(formatBytes(Number.NaN)).toBe('0 B');
  });
});
