import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha1Into } from '../../../shared/rules/sha1';

/** The hash sha1Into leaves, as hex. */
function hexOf(bytes: Uint8Array): string {
  const data = new Uint8Array(bytes.length + 72);
  data.set(bytes);
  return [...sha1Into(data, bytes.length)].map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
}

const nodeSha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');

describe('sha1Into', () => {
  it('gives the FIPS 180 examples', () => {
    expect(hexOf(new TextEncoder().encode('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hexOf(new Uint8Array())).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hexOf(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  });

  it('equals Node crypto at every length around the block boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n) & 255);
      expect(hexOf(bytes), `${n} bytes`).toBe(nodeSha1(bytes));
    }
  });

  it('equals Node crypto on any bytes, and one hash leaves nothing behind for the next', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 4 }), (inputs) => {
        for (const bytes of inputs) expect(hexOf(bytes)).toBe(nodeSha1(bytes));
      }),
      { numRuns: 300 },
    );
  });
});
