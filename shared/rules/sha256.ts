// SHA-256 (FIPS 180-4) of a text's UTF-8 bytes, synchronous and dependency-free. The supervision log chains its
// entries inside the IndexedDB transaction that writes the record (docs/supervision.md "Hash-chained log"), where
// awaiting WebCrypto would let the transaction commit early; and shared/ code runs in both processes.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Writes a text's UTF-8 bytes into `out` from `start` (room for 3 bytes a UTF-16 unit); returns the end. */
export function encodeInto(text: string, out: Uint8Array, start = 0): number {
  let n = start;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        out[n++] = 0xf0 | (c >> 18);
        out[n++] = 0x80 | ((c >> 12) & 63);
        out[n++] = 0x80 | ((c >> 6) & 63);
        out[n++] = 0x80 | (c & 63);
        continue;
      }
    }
    // a lone surrogate becomes U+FFFD, as TextEncoder does
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return n;
}

/** The UTF-8 bytes of a text. */
export function utf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  return out.subarray(0, encodeInto(text, out));
}

const W = new Int32Array(64);
/** Each byte's two lowercase hex digits. */
export const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Reused between calls (hashing is synchronous): no allocation per short text. */
let buffer = new Uint8Array(1024);

/** The state after the last hash, read by hexOfState and stateIs. */
const H = new Int32Array(8);

function compress(data: Uint8Array, blocks: number): void {
  let h0 = 0x6a09e667, h1 = 0xbb67ae85 | 0, h2 = 0x3c6ef372, h3 = 0xa54ff53a | 0, h4 = 0x510e527f, h5 = 0x9b05688c | 0, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
  const w = W;
  for (let b = 0; b < blocks; b++) {
    for (let t = 0, i = b * 64; t < 16; t++, i += 4) w[t] = (data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!;
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!, y = w[t - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let a = h0, bb = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    // two rounds a turn, the eight working variables renamed rather than shifted after each (a quarter faster
    // than one round a turn; verification recomputes a million entries)
    for (let t = 0; t < 64; t += 2) {
      let t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + K[t]! + w[t]!) | 0;
      let t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & bb) ^ (c & (a ^ bb)))) | 0;
      h = (d + t1) | 0;
      d = (t1 + t2) | 0;
      t1 = (g + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (f ^ (h & (e ^ f))) + K[t + 1]! + w[t + 1]!) | 0;
      t2 = ((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & a) ^ (bb & (d ^ a)))) | 0;
      g = (c + t1) | 0;
      c = (t1 + t2) | 0;
      // after two rounds the variables a…h are, in order, c d a bb g h e f
      const na = c, nb = d, nc = a, nd = bb, ne = g, nf = h, ng = e, nh = f;
      a = na; bb = nb; c = nc; d = nd; e = ne; f = nf; g = ng; h = nh;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + bb) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
  }
  H[0] = h0; H[1] = h1; H[2] = h2; H[3] = h3; H[4] = h4; H[5] = h5; H[6] = h6; H[7] = h7;
}

/** The last hash as 64 lowercase hex digits. */
function hexOfState(): string {
  const hex = (v: number) => HEX[(v >>> 24) & 255]! + HEX[(v >>> 16) & 255]! + HEX[(v >>> 8) & 255]! + HEX[v & 255]!;
  return hex(H[0]!) + hex(H[1]!) + hex(H[2]!) + hex(H[3]!) + hex(H[4]!) + hex(H[5]!) + hex(H[6]!) + hex(H[7]!);
}

/** Whether the last hash is `expected` (64 lowercase hex digits), without making its text. */
function stateIs(expected: string): boolean {
  if (expected.length !== 64) return false;
  for (let w = 0; w < 8; w++) {
    let v = 0;
    for (let i = w * 8; i < w * 8 + 8; i++) {
      const n = nibble(expected.charCodeAt(i));
      if (n < 0) return false;
      v = (v << 4) | n;
    }
    if (v !== H[w]) return false;
  }
  return true;
}

/**
 * Pads the first `length` bytes of `data` (which has room for up to 72 bytes more) into 64-byte blocks as SHA-1 and
 * SHA-256 both do (FIPS 180-4 §5.1.1: a 1 bit, zeros, the length in bits as 64 bits big-endian); returns the blocks.
 */
export function padBlocks(data: Uint8Array, length: number): number {
  const blocks = Math.ceil((length + 9) / 64);
  data.fill(0, length, blocks * 64);
  data[length] = 0x80;
  const bits = length * 8;
  const end = blocks * 64;
  const high = Math.floor(bits / 0x100000000);
  data[end - 8] = high >>> 24; data[end - 7] = (high >>> 16) & 255; data[end - 6] = (high >>> 8) & 255; data[end - 5] = high & 255;
  data[end - 4] = bits >>> 24; data[end - 3] = (bits >>> 16) & 255; data[end - 2] = (bits >>> 8) & 255; data[end - 1] = bits & 255;
  return blocks;
}

/** Pads `length` bytes at the start of `data` (which has room) and hashes them into the state. */
function finish(data: Uint8Array, length: number): void {
  compress(data, padBlocks(data, length));
}

/**
 * SHA-256 of the first `length` bytes of `data`, which must have room for the padding (up to 72 bytes more, which
 * it overwrites). Returns the hash as eight big-endian words in a state shared with every hash of this module, valid
 * until the next one: for verification's inner loop, which compares a million hashes without making their texts.
 */
export function sha256Into(data: Uint8Array, length: number): Int32Array {
  finish(data, length);
  return H;
}

/** SHA-256 of bytes, as 64 lowercase hex digits. */
export function sha256Bytes(bytes: Uint8Array): string {
  const data = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64);
  data.set(bytes);
  finish(data, bytes.length);
  return hexOfState();
}

/** SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits. */
export function sha256(text: string): string {
  const room = text.length * 3 + 72;
  if (buffer.length < room) buffer = new Uint8Array(room * 2);
  finish(buffer, encodeInto(text, buffer));
  return hexOfState();
}

/** A hex digit's value (lowercase only), or -1. */
const nibble = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1);

/**
 * Whether a text is 64 lowercase hex digits (a SHA-256 value). A loop, not a regular expression: verification
 * checks three of these per entry, a million entries at a time, and the expression was a tenth of its time.
 */
export function isHex64(text: string): boolean {
  if (text.length !== 64) return false;
  for (let i = 0; i < 64; i++) if (nibble(text.charCodeAt(i)) < 0) return false;
  return true;
}

/**
 * SHA-256 of 32-byte values given as 64 lowercase hex digits each, followed by a text's UTF-8 bytes: a chained log
 * entry hashes its predecessor's hash and its record's digest as bytes, which keeps an entry to three blocks.
 */
export function sha256HexThenText(hexes: readonly string[], text: string): string {
  hashHexThenText(hexes, text);
  return hexOfState();
}

/**
 * Whether sha256HexThenText(hexes, text) is `expected`, compared without making the hash's text: verification
 * checks a million entries, and their hashes' texts were much of its allocation.
 */
export function sha256HexThenTextIs(hexes: readonly string[], text: string, expected: string): boolean {
  hashHexThenText(hexes, text);
  return stateIs(expected);
}

function hashHexThenText(hexes: readonly string[], text: string): void {
  const room = hexes.length * 32 + text.length * 3 + 72;
  if (buffer.length < room) buffer = new Uint8Array(room * 2);
  let n = 0;
  for (const hex of hexes) {
    if (hex.length !== 64) throw new Error('not a SHA-256 hex value');
    for (let i = 0; i < 64; i += 2) {
      const high = nibble(hex.charCodeAt(i));
      const low = nibble(hex.charCodeAt(i + 1));
      if ((high | low) < 0) throw new Error('not a SHA-256 hex value');
      buffer[n++] = (high << 4) | low;
    }
  }
  finish(buffer, encodeInto(text, buffer, n));
}
