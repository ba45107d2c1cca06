import { randomBytes } from 'node:crypto';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_SIZE,
  chunkNonce,
  createOpenChunkedStream,
  createSealChunkedStream,
  openChunked,
  PAYLOAD_HEADER_SIZE,
  SEALED_CHUNK_SIZE,
  sealChunked,
} from '../../../../electron/bundle/chunked';
import { BundleError } from '../../../../electron/bundle/errors';

const key = randomBytes(32);
const ctx = Buffer.from('context');

async function collect(stream: Transform, input: Buffer, piece: number) {
  const out: Buffer[] = [];
  const pieces = function* () {
    for (let o = 0; o < input.length; o += piece) yield input.subarray(o, o + piece);
  };
  let error: unknown = null;
  try {
    const sink = async (source: AsyncIterable<Buffer>) => {
      for await (const b of source) out.push(b);
    };
    await pipeline(Readable.from(pieces()), stream, sink);
  } catch (e) {
    error = e;
  }
  return { out: Buffer.concat(out), error };
}

describe('Cobblestone streaming forms', () => {
  it('the sealing and opening streams agree with the whole-buffer functions, whatever the slicing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 * CHUNK_SIZE + 3 }), fc.integer({ min: 1, max: 40_000 }), async (n, piece) => {
        const plain = randomBytes(n);
        const sealed = await collect(createSealChunkedStream(key, ctx), plain, piece);
        expect(sealed.error).toBeNull();
        expect(sealed.out.length).toBe(PAYLOAD_HEADER_SIZE + n + 16 * (Math.floor(n / CHUNK_SIZE) + 1));
        expect(openChunked(key, ctx, sealed.out).equals(plain)).toBe(true);
        const opened = await collect(createOpenChunkedStream(key, ctx), sealChunked(key, ctx, plain), piece);
        expect(opened.error).toBeNull();
        expect(opened.out.equals(plain)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('the opening stream releases only verified chunks, then fails', async () => {
    const plain = randomBytes(3 * CHUNK_SIZE + 10);
    const sealed = sealChunked(key, ctx, plain);
    sealed[PAYLOAD_HEADER_SIZE + 2 * SEALED_CHUNK_SIZE + 5]! ^= 1; // inside chunk 2
    const r = await collect(createOpenChunkedStream(key, ctx), sealed, 5000);
    expect(r.error).toBeInstanceOf(BundleError);
    expect((r.error as BundleError).chunk).toBe(2);
    expect(r.out.length).toBeLessThanOrEqual(2 * CHUNK_SIZE);
    expect(r.out.equals(plain.subarray(0, r.out.length))).toBe(true);
  });

  it('XORs the chunk index, as 5 big-endian bytes, into the last 5 bytes of the base nonce', () => {
    const base = Buffer.from('000102030405060708090a0b', 'hex');
    expect(chunkNonce(base, 0).toString('hex')).toBe('000102030405060708090a0b');
    expect(chunkNonce(base, 1).toString('hex')).toBe('000102030405060708090a0a');
    expect(chunkNonce(base, 0x100).toString('hex')).toBe('000102030405060708090b0b');
    expect(chunkNonce(base, 2 ** 32).toString('hex')).toBe('000102030405060608090a0b');
    expect(chunkNonce(base, 2 ** 40 - 1).toString('hex')).toBe('00010203040506f8f7f6f5f4');
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => sealChunked(randomBytes(31), ctx, Buffer.alloc(1))).toThrow(BundleError);
    expect(() => openChunked(randomBytes(33), ctx, Buffer.alloc(100))).toThrow(BundleError);
  });
});
