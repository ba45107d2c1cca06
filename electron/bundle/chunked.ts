import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  randomBytes,
  timingSafeEqual,
  type CipherGCM,
  type KeyObject,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { fail } from './errors';
import { hkdfExpandSha512, type RandomBytes } from './primitives';

// The payload layer, Cobblestone-256 (c2sp.org/chunked-encryption@v1), as docs/bundle-format.md "The payload
// layer" states it. The streaming classes take bytes in any slicing and hand back sealed or opened pieces; the
// whole-buffer functions and the Transform streams are thin wrappers over them.

export const CHUNK_SIZE = 16384;
export const TAG_SIZE = 16;
export const SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE;
export const SALT_SIZE = 24;
export const COMMITMENT_SIZE = 32;
/** salt ‖ commitment */
export const PAYLOAD_HEADER_SIZE = SALT_SIZE + COMMITMENT_SIZE;
const MAX_CHUNKS = 2 ** 40;
const LABEL = Buffer.from('c2sp.org/chunked-encryption@v1+AEAD_AES_256_GCM\0', 'latin1');

export interface ChunkKeys {
  aeadKey: Buffer;
  baseNonce: Buffer;
  commitment: Buffer;
}

/** HKDF-Expand-SHA-512(K, label ‖ 0x00 ‖ salt ‖ C) split into key, base nonce and commitment. */
export function deriveChunkKeys(key: Uint8Array, context: Uint8Array, salt: Uint8Array): ChunkKeys {
  if (key.length !== 32) throw fail.keySize(key.length);
  const okm = hkdfExpandSha512(key, Buffer.concat([LABEL, salt, context]), 76);
  return { aeadKey: okm.subarray(0, 32), baseNonce: okm.subarray(32, 44), commitment: okm.subarray(44, 76) };
}

/** The base nonce with the chunk index, as a 5-byte big-endian number, XORed into its last 5 bytes. */
export function chunkNonce(baseNonce: Uint8Array, index: number, into: Buffer = Buffer.alloc(12)): Buffer {
  into.set(baseNonce);
  const low = index % 2 ** 32;
  into[7]! ^= Math.floor(index / 2 ** 32) & 0xff;
  into[8]! ^= low >>> 24;
  into[9]! ^= (low >>> 16) & 0xff;
  into[10]! ^= (low >>> 8) & 0xff;
  into[11]! ^= low & 0xff;
  return into;
}

/**
 * Seals a plaintext given in pieces. Output pieces are appended to `out` as they are ready; a full chunk is
 * sealed as soon as its 16,384th byte arrives (a full chunk is never the last one, so nothing waits).
 */
export class ChunkSealer {
  /** salt ‖ commitment: the first bytes of the sealed stream. */
  readonly header: Buffer;
  /** The AEAD key and base nonce, for sealing chunks elsewhere (on worker threads: sealEngine.ts). */
  readonly keys: { aeadKey: Buffer; baseNonce: Buffer };
  private readonly key: KeyObject;
  private readonly baseNonce: Buffer;
  private readonly nonce = Buffer.alloc(12);
  private index = 0;
  private cipher: CipherGCM | null = null;
  private filled = 0;
  private done = false;

  constructor(key: Uint8Array, context: Uint8Array, random: RandomBytes = randomBytes) {
    const salt = random(SALT_SIZE);
    const keys = deriveChunkKeys(key, context, salt);
    this.header = Buffer.concat([salt, keys.commitment]);
    // One KeyObject for all chunks: each chunk still needs its own GCM set-up (a new nonce), not a new key copy.
    this.key = createSecretKey(keys.aeadKey);
    this.baseNonce = Buffer.from(keys.baseNonce);
    this.keys = { aeadKey: Buffer.from(keys.aeadKey), baseNonce: this.baseNonce };
  }

  private open(): CipherGCM {
    if (this.index >= MAX_CHUNKS) throw new Error('too many chunks');
    return createCipheriv('aes-256-gcm', this.key, chunkNonce(this.baseNonce, this.index, this.nonce));
  }

  private close(cipher: CipherGCM, out: Uint8Array[]): void {
    const rest = cipher.final();
    if (rest.length > 0) out.push(rest);
    out.push(cipher.getAuthTag());
    this.cipher = null;
    this.filled = 0;
    this.index++;
  }

  push(data: Uint8Array, out: Uint8Array[]): void {
    if (this.done) throw new Error('ChunkSealer: push after finish');
    let offset = 0;
    while (offset < data.length) {
      const cipher = (this.cipher ??= this.open());
      const take = Math.min(CHUNK_SIZE - this.filled, data.length - offset);
      out.push(cipher.update(data.subarray(offset, offset + take)));
      offset += take;
      this.filled += take;
      if (this.filled === CHUNK_SIZE) this.close(cipher, out);
    }
  }

  /** The last chunk, always short (possibly empty). */
  finish(out: Uint8Array[]): void {
    if (this.done) return;
    this.close(this.cipher ?? this.open(), out);
    this.done = true;
  }

  get chunksSealed(): number {
    return this.index;
  }
}

/**
 * Opens a sealed stream given in pieces. Plaintext of a chunk is appended to `out` only after that chunk's tag has
 * verified; the short last chunk is known only at finish(). After any failure every later call fails the same way.
 */
export class ChunkOpener {
  private readonly inputKey: Uint8Array;
  private readonly context: Uint8Array;
  private key: KeyObject | null = null;
  private baseNonce: Buffer | null = null;
  private readonly nonce = Buffer.alloc(12);
  /** bytes received but not yet used: the header at first, then less than one sealed chunk */
  private readonly pending = Buffer.allocUnsafe(SEALED_CHUNK_SIZE);
  private pendingLength = 0;
  private index = 0;
  private failure: Error | null = null;
  private finished = false;

  constructor(key: Uint8Array, context: Uint8Array) {
    if (key.length !== 32) throw fail.keySize(key.length);
    this.inputKey = key;
    this.context = context;
  }

  get chunksOpened(): number {
    return this.index;
  }

  push(data: Uint8Array, out: Uint8Array[]): void {
    if (this.failure) throw this.failure;
    try {
      if (this.finished) {
        if (data.length > 0) throw fail.trailing();
        return;
      }
      this.consume(data, out);
    } catch (error) {
      this.failure = error as Error;
      throw error;
    }
  }

  finish(out: Uint8Array[]): void {
    if (this.failure) throw this.failure;
    if (this.finished) return;
    try {
      if (!this.key) throw fail.truncated('payload header');
      // Whatever is left is the last chunk: it must hold at least a tag.
      if (this.pendingLength < TAG_SIZE) {
        throw fail.truncated(this.pendingLength === 0 ? 'the last chunk is missing' : 'the last chunk is cut');
      }
      this.openChunk(this.pending.subarray(0, this.pendingLength), out);
      this.pendingLength = 0;
      this.finished = true;
    } catch (error) {
      this.failure = error as Error;
      throw error;
    }
  }

  private consume(data: Uint8Array, out: Uint8Array[]): void {
    let offset = 0;
    if (!this.key) {
      const take = Math.min(PAYLOAD_HEADER_SIZE - this.pendingLength, data.length);
      this.pending.set(data.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      offset = take;
      if (this.pendingLength < PAYLOAD_HEADER_SIZE) return;
      this.checkHeader(this.pending.subarray(0, PAYLOAD_HEADER_SIZE));
      this.pendingLength = 0;
    }
    // Complete a chunk begun in an earlier piece (a copy of at most one chunk per piece).
    if (this.pendingLength > 0) {
      const take = Math.min(SEALED_CHUNK_SIZE - this.pendingLength, data.length - offset);
      this.pending.set(data.subarray(offset, offset + take), this.pendingLength);
      this.pendingLength += take;
      offset += take;
      if (this.pendingLength < SEALED_CHUNK_SIZE) return;
      this.openChunk(this.pending, out);
      this.pendingLength = 0;
    }
    // Whole chunks straight from the piece, no copy.
    while (data.length - offset >= SEALED_CHUNK_SIZE) {
      this.openChunk(data.subarray(offset, offset + SEALED_CHUNK_SIZE), out);
      offset += SEALED_CHUNK_SIZE;
    }
    this.pending.set(data.subarray(offset), 0);
    this.pendingLength = data.length - offset;
  }

  private checkHeader(header: Buffer): void {
    const keys = deriveChunkKeys(this.inputKey, this.context, header.subarray(0, SALT_SIZE));
    if (!timingSafeEqual(keys.commitment, header.subarray(SALT_SIZE, PAYLOAD_HEADER_SIZE))) throw fail.commitment();
    this.key = createSecretKey(keys.aeadKey);
    this.baseNonce = Buffer.from(keys.baseNonce);
  }

  /** One sealed chunk: its plaintext goes to `out` only once the tag verifies. */
  private openChunk(sealed: Uint8Array, out: Uint8Array[]): void {
    if (this.index >= MAX_CHUNKS) throw fail.chunk(this.index);
    const body = sealed.subarray(0, sealed.length - TAG_SIZE);
    const d = createDecipheriv('aes-256-gcm', this.key!, chunkNonce(this.baseNonce!, this.index, this.nonce));
    d.setAuthTag(sealed.subarray(sealed.length - TAG_SIZE));
    const plain = d.update(body);
    try {
      d.final();
    } catch {
      throw fail.chunk(this.index);
    }
    if (plain.length > 0) out.push(plain);
    this.index++;
  }
}

/** Seals a whole plaintext at once. */
export function sealChunked(
  key: Uint8Array,
  context: Uint8Array,
  plaintext: Uint8Array,
  random: RandomBytes = randomBytes,
): Buffer {
  const sealer = new ChunkSealer(key, context, random);
  const out: Uint8Array[] = [sealer.header];
  sealer.push(plaintext, out);
  sealer.finish(out);
  return Buffer.concat(out);
}

/** Opens a whole sealed message at once: the plaintext, or a BundleError and nothing. */
export function openChunked(key: Uint8Array, context: Uint8Array, ciphertext: Uint8Array): Buffer {
  const opener = new ChunkOpener(key, context);
  const out: Uint8Array[] = [];
  opener.push(ciphertext, out);
  opener.finish(out);
  return Buffer.concat(out);
}

/** A Transform that seals what is written to it. */
export function createSealChunkedStream(
  key: Uint8Array,
  context: Uint8Array,
  random: RandomBytes = randomBytes,
): Transform {
  const sealer = new ChunkSealer(key, context, random);
  let started = false;
  const emit = (stream: Transform, pieces: Uint8Array[]) => {
    for (const p of pieces) stream.push(p);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const out: Uint8Array[] = started ? [] : [sealer.header];
      started = true;
      try {
        sealer.push(chunk, out);
      } catch (error) {
        return callback(error as Error);
      }
      emit(this, out);
      callback();
    },
    flush(callback: TransformCallback) {
      const out: Uint8Array[] = started ? [] : [sealer.header];
      started = true;
      sealer.finish(out);
      emit(this, out);
      callback();
    },
  });
}

/**
 * A Transform that opens what is written to it, releasing each chunk's plaintext only after its tag verified; it
 * errors on the first failure (a caller may have seen the verified prefix, never more).
 */
export function createOpenChunkedStream(key: Uint8Array, context: Uint8Array): Transform {
  const opener = new ChunkOpener(key, context);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const out: Uint8Array[] = [];
      try {
        opener.push(chunk, out);
      } catch (error) {
        for (const p of out) this.push(p);
        return callback(error as Error);
      }
      for (const p of out) this.push(p);
      callback();
    },
    flush(callback: TransformCallback) {
      const out: Uint8Array[] = [];
      try {
        opener.finish(out);
      } catch (error) {
        return callback(error as Error);
      }
      for (const p of out) this.push(p);
      callback();
    },
  });
}
