// SHA-1 (FIPS 180-4) for name-based UUIDs (RFC 9562 §5.5, shared/ids.ts), not for anything that needs a secure
// hash. Written out because ids are derived in the demo load's inner loop: 825,000 of them for 100,000 cadres, and
// a general-purpose hasher allocates its buffers and views for each, three times the work of this one, which
// reuses one buffer and one message schedule (hashing is synchronous). test/unit/shared/sha1.test.ts holds it to
// Node's crypto on any bytes.

import { padBlocks } from './sha256';

const W = new Int32Array(80);
/** The state after the last hash, valid until the next. */
const H = new Int32Array(5);

function compress(data: Uint8Array, blocks: number): void {
  let h0 = 0x67452301, h1 = 0xefcdab89 | 0, h2 = 0x98badcfe | 0, h3 = 0x10325476, h4 = 0xc3d2e1f0 | 0;
  const w = W;
  for (let b = 0; b < blocks; b++) {
    for (let t = 0, i = b * 64; t < 16; t++, i += 4) w[t] = (data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!;
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
      w[t] = (x << 1) | (x >>> 31);
    }
    let a = h0, bb = h1, c = h2, d = h3, e = h4;
    // the four stages in loops of their own: no branch per round
    for (let t = 0; t < 20; t++) {
      const next = (((a << 5) | (a >>> 27)) + ((bb & c) | (~bb & d)) + e + 0x5a827999 + w[t]!) | 0;
      e = d; d = c; c = (bb << 30) | (bb >>> 2); bb = a; a = next;
    }
    for (let t = 20; t < 40; t++) {
      const next = (((a << 5) | (a >>> 27)) + (bb ^ c ^ d) + e + 0x6ed9eba1 + w[t]!) | 0;
      e = d; d = c; c = (bb << 30) | (bb >>> 2); bb = a; a = next;
    }
    for (let t = 40; t < 60; t++) {
      const next = (((a << 5) | (a >>> 27)) + ((bb & c) | (bb & d) | (c & d)) + e + (0x8f1bbcdc | 0) + w[t]!) | 0;
      e = d; d = c; c = (bb << 30) | (bb >>> 2); bb = a; a = next;
    }
    for (let t = 60; t < 80; t++) {
      const next = (((a << 5) | (a >>> 27)) + (bb ^ c ^ d) + e + (0xca62c1d6 | 0) + w[t]!) | 0;
      e = d; d = c; c = (bb << 30) | (bb >>> 2); bb = a; a = next;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + bb) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0; h4 = (h4 + e) | 0;
  }
  H[0] = h0; H[1] = h1; H[2] = h2; H[3] = h3; H[4] = h4;
}

/**
 * SHA-1 of the first `length` bytes of `data`, which must have room for the padding (up to 72 bytes more, which it
 * overwrites). Returns the hash as five big-endian words in a state shared with every hash of this module, valid
 * until the next one.
 */
export function sha1Into(data: Uint8Array, length: number): Int32Array {
  compress(data, padBlocks(data, length));
  return H;
}
