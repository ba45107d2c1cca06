import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../shared/lrmx/base64';
import { base64Bytes } from '../../../shared/rules/supervisionChainVerify';

// The rows' base64 as verification's fast path decodes it (shared/rules/supervisionChainVerify.ts base64Bytes),
// checked while decoded instead of by decodeBase64's regular expression over the whole text: wherever it gives
// bytes they are decodeBase64's, and it gives them for everything packBlock writes; what it refuses (white space)
// goes to the entry-by-entry checks, which supervisionChainVerify.test.ts holds equal to the fast path.

describe('the rows\' base64, decoded by the fast path', () => {
  it('gives the bytes decodeBase64 gives wherever it gives any, and all of them for what packBlock writes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(base64Bytes(encodeBase64(bytes))).toEqual(bytes);
      }),
    );
    const text = fc.string({ unit: fc.constantFrom('A', 'z', '0', '+', '/', '=', ' ', '\n', 'é', '-'), maxLength: 24 });
    fc.assert(
      fc.property(text, (t) => {
        const strict = base64Bytes(t);
        if (strict) expect(strict).toEqual(decodeBase64(t));
        if (!/\s/.test(t)) expect(strict === null).toBe(decodeBase64(t) === null);
      }),
      { numRuns: 2_000 },
    );
  });
});
