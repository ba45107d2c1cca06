import { Worker } from 'node:worker_threads';
import { CHUNK_SIZE, SEALED_CHUNK_SIZE, TAG_SIZE } from './chunked';
import { ALIGN } from './partFile';

// The two worker threads that seal and open large bundles (sealEngine.ts, openEngine.ts): AES-GCM per chunk and
// the three SHA-256 hashes, over slots of shared memory the main thread fills and empties (docs/bundle-format.md
// "Speed").

/** Plaintext per slot: a whole number of chunks, so each slot seals on its own given its first chunk's index. */
export const SLOT_CHUNKS = 128;
export const PLAIN_SIZE = SLOT_CHUNKS * CHUNK_SIZE;
/**
 * the slot's chunks sealed, plus the last one (short, so its tag is the only growth), plus room to start them
 * anywhere within ALIGN bytes (where the disk can take them from: sealEngine.ts)
 */
export const SEALED_SIZE = PLAIN_SIZE + (SLOT_CHUNKS + 1) * TAG_SIZE + ALIGN;
/**
 * Slots in flight: filling (or being parsed), hashing, sealing or opening, being written or read (memory: SLOTS ×
 * 4 MiB, pooled). 8 sealed about 5 % faster than 4 in interleaved runs (the workers wait less for a free slot);
 * opening was the same.
 */
export const SLOTS = 8;

/**
 * Shared memory for the slots, kept from one bundle to the next. Fresh memory for each seal and open was freed
 * only when the main thread's collector got round to it: the process grew by about 33 MB per seal and open. Reuse
 * also saves the page faults of first touching fresh memory.
 */
const spareMemory: SharedArrayBuffer[] = [];
const MEMORY_SIZE = SLOTS * (PLAIN_SIZE + SEALED_SIZE);

export function takeMemory(): SharedArrayBuffer {
  return spareMemory.pop() ?? new SharedArrayBuffer(MEMORY_SIZE);
}

/** Back to the pool once no worker can touch it any more (after they are terminated). */
export function giveMemory(memory: SharedArrayBuffer): void {
  if (spareMemory.length < 2) spareMemory.push(memory);
}

/** The slots of a memory from takeMemory(): plaintext and sealed bytes of each. */
export function slotsOf(memory: SharedArrayBuffer): { plain: Buffer[]; sealed: Buffer[] } {
  const plain: Buffer[] = [];
  const sealed: Buffer[] = [];
  for (let s = 0; s < SLOTS; s++) {
    const at = s * (PLAIN_SIZE + SEALED_SIZE);
    plain.push(Buffer.from(memory, at, PLAIN_SIZE));
    sealed.push(Buffer.from(memory, at + PLAIN_SIZE, SEALED_SIZE));
  }
  return { plain, sealed };
}

/**
 * Copies `bytes` into shared memory at `at`. set() and copy() go through V8's copy for memory other threads may
 * see, a word at a time (a byte at a time when source and target are not aligned alike); fill() with a buffer as
 * long as the range is one memcpy in Node's C++ (the workers' put() likewise).
 */
export function copyInto(target: Buffer, at: number, bytes: Uint8Array): void {
  if (bytes.length > 0) target.fill(bytes, at, at + bytes.length);
}

export const asBuffer = (b: unknown): Buffer => {
  const u = b as Uint8Array;
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
};

/** Plaintext sealed between two collections of the cipher's garbage in a worker. */
const COLLECT_EVERY = 4 << 20;

// The workers are plain JavaScript given as source, so they run the same under tsx, vitest and the bundled main
// process. Each message gets exactly one reply, in order: the main thread matches replies to calls by their order.
// Plaintext and ciphertext live in shared memory, in slots; a message names a slot and ranges in it, never bytes.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createCipheriv, createDecipheriv, createHash, createSecretKey } = require('node:crypto');
const { readSync } = require('node:fs');
const CHUNK = ${CHUNK_SIZE};
const SEALED = ${SEALED_CHUNK_SIZE};
const TAG = ${TAG_SIZE};
let plain = [], sealed = [], key = null, baseNonce = null;
// Node's cipher gives each chunk's output in a fresh buffer. Garbage held outside the heap does not prompt a
// collection soon enough: two workers held about 60 MB of it each. A young-generation collection every few MiB
// sealed frees them and costs a fraction of a millisecond. The flag is set only for as long as it takes to get
// the function.
let collect = typeof gc === 'function' ? gc : null, sinceCollect = 0;
if (!collect) {
  const v8 = require('node:v8');
  v8.setFlagsFromString('--expose-gc');
  try { collect = require('node:vm').runInNewContext('gc'); } catch { collect = null; }
  v8.setFlagsFromString('--no-expose-gc');
}
const COLLECT_EVERY = ${COLLECT_EVERY};
const nonce = Buffer.alloc(12);
let signature = createHash('sha256'), entry = createHash('sha256'), file = createHash('sha256');
let entries = [];
function chunkNonce(index) {
  nonce.set(baseNonce);
  const low = index % 2 ** 32;
  nonce[7] ^= Math.floor(index / 2 ** 32) & 0xff;
  nonce[8] ^= low >>> 24;
  nonce[9] ^= (low >>> 16) & 0xff;
  nonce[10] ^= (low >>> 8) & 0xff;
  nonce[11] ^= low & 0xff;
  return nonce;
}
// Into shared memory, set() and copy() go through V8's copy for memory other threads may see, which moves a byte
// at a time when source and target are not aligned alike (most places do not: sealEngine.ts); fill() with a
// buffer as long as the range is one memcpy (copyInto in this file does the same for the main thread).
function put(target, bytes, at) {
  if (bytes.length > 0) target.fill(bytes, at, at + bytes.length);
  return bytes.length;
}
// Seals the slot's plaintext into its sealed bytes from m.place on; the sealed length.
function seal(m) {
  const p = plain[m.slot], c = sealed[m.slot];
  let at = 0, out = m.place, index = m.index;
  for (;;) {
    const n = Math.min(CHUNK, m.length - at);
    if (n < CHUNK && !m.final) break;
    const cipher = createCipheriv('aes-256-gcm', key, chunkNonce(index++));
    out += put(c, cipher.update(p.subarray(at, at + n)), out);
    out += put(c, cipher.final(), out);
    out += put(c, cipher.getAuthTag(), out);
    at += n;
    if (n < CHUNK) break;
  }
  return out - m.place;
}
// Opens whole sealed chunks (and the short last one, when the slot ends with it) into the slot's plaintext: the
// number of plaintext bytes, or the index of the first chunk whose tag fails (the main thread reads no plaintext of
// a slot that failed).
function open(m) {
  const c = sealed[m.slot], p = plain[m.slot];
  let at = 0, out = 0, index = m.index;
  while (at < m.length) {
    const n = Math.min(SEALED, m.length - at);
    const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(index));
    decipher.setAuthTag(c.subarray(at + n - TAG, at + n));
    const body = decipher.update(c.subarray(at, at + n - TAG));
    try {
      decipher.final();
    } catch {
      return { bad: index };
    }
    put(p, body, out);
    out += body.length;
    at += n;
    index++;
  }
  return { length: out };
}
function collectNow(bytes) {
  sinceCollect += bytes;
  if (collect && sinceCollect >= COLLECT_EVERY) {
    collect({ type: 'minor' });
    sinceCollect = 0;
  }
}
parentPort.on('message', (m) => {
  switch (m.t) {
    case 'init': {
      for (let s = 0; s < m.slots; s++) {
        plain.push(Buffer.from(m.memory, s * (m.plainSize + m.sealedSize), m.plainSize));
        sealed.push(Buffer.from(m.memory, s * (m.plainSize + m.sealedSize) + m.plainSize, m.sealedSize));
      }
      key = createSecretKey(Buffer.from(m.key));
      baseNonce = Buffer.from(m.baseNonce);
      parentPort.postMessage(0);
      return;
    }
    case 'hash': {
      // ops: [feeds, start, length] to update from the slot, [feeds, -2 - i, 0] from m.extra[i] (bytes that are not
      // in the slot), [0, -1, 0] to end the entry's hash. lanes: which hashes this worker keeps, 1 the signature's,
      // 2 the entries' (both unless told: the engines split them when the other worker has no bundle hash to keep)
      const p = plain[m.slot], ops = m.ops, lanes = m.lanes ?? 3;
      for (let i = 0; i < ops.length; i += 3) {
        const start = ops[i + 1];
        if (start === -1) {
          if (lanes & 2) {
            entries.push(entry.digest());
            entry = createHash('sha256');
          }
          continue;
        }
        const bytes = start >= 0 ? p.subarray(start, start + ops[i + 2]) : m.extra[-2 - start];
        if (ops[i] & 1 && lanes & 1) signature.update(bytes);
        if (ops[i] & 2 && lanes & 2) entry.update(bytes);
      }
      parentPort.postMessage(0);
      return;
    }
    case 'read': {
      // A file's bytes into the slot, hashed at once by the lanes this worker keeps while they are still in this
      // core's cache (hashed later, from memory, SHA-256 ran 1.6 times slower: sealEngine.ts putFile).
      let n;
      try {
        n = readSync(m.fd, plain[m.slot], m.offset, m.length, m.position);
      } catch (error) {
        parentPort.postMessage({ failed: String(error && error.message), code: error && error.code });
        return;
      }
      const bytes = plain[m.slot].subarray(m.offset, m.offset + n);
      if (m.lanes & 1) signature.update(bytes);
      if (m.lanes & 2) entry.update(bytes);
      parentPort.postMessage(n);
      return;
    }
    case 'seal':
      parentPort.postMessage(seal(m));
      collectNow(m.length);
      return;
    case 'open':
      parentPort.postMessage(open(m));
      collectNow(m.length);
      return;
    case 'file':
      file.update(m.bytes ?? sealed[m.slot].subarray(m.place ?? 0, (m.place ?? 0) + m.length));
      parentPort.postMessage(0);
      return;
    case 'entries':
      parentPort.postMessage(entries);
      entries = [];
      return;
    case 'signature':
      parentPort.postMessage(signature.digest());
      signature = createHash('sha256');
      return;
    case 'fileDigest':
      parentPort.postMessage(file.digest());
      file = createHash('sha256');
      return;
  }
});
`;

/** The lanes the content worker keeps (hashJobs): both, or the signature's alone when the file worker has no bundle hash. */
export const contentLanes = (fileKeepsBundleHash: boolean): number => (fileKeepsBundleHash ? 3 : 1);

/**
 * Who hashes one slot's ops ([feeds, start, length] triples: feeds bit 1 the signature's lane, bit 2 the entry's
 * own; 3 for entry content, 2 for content whose signature lane was hashed as it was read): both hashes on the content
 * worker when the file worker keeps the bundle hash; otherwise the signature's lane there and the entries' on the
 * file worker, so that neither hashes while the other waits. Each with its lanes and its cost in byte passes.
 */
export function hashJobs(ops: readonly number[], content: PipeWorker, file: PipeWorker, fileKeepsBundleHash: boolean): { worker: PipeWorker; lanes: number; cost: number }[] {
  let signed = 0;
  let entries = 0;
  // which lanes have anything to do: bytes (also those given beside the slot, whose ops say length 0), or an
  // entry's end (the entries' lane)
  let busy = 0;
  for (let i = 0; i < ops.length; i += 3) {
    if (ops[i + 1] === -1) {
      busy |= 2;
      continue;
    }
    if (ops[i + 2]! > 0 || ops[i + 1]! <= -2) busy |= ops[i]!;
    if (ops[i]! & 1) signed += ops[i + 2]!;
    if (ops[i]! & 2) entries += ops[i + 2]!;
  }
  // a worker with nothing to do in the lanes it keeps gets no message
  const jobs = fileKeepsBundleHash
    ? [{ worker: content, lanes: contentLanes(true), cost: signed + entries }]
    : [
        { worker: content, lanes: contentLanes(false), cost: signed },
        { worker: file, lanes: 2, cost: entries },
      ];
  return jobs.filter((j) => (j.lanes & busy) !== 0);
}

/** One worker; replies come in the order of the calls. `load` estimates the work queued on it, in byte passes. */
export class PipeWorker {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private readonly waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void; cost: number }[] = [];
  load = 0;

  constructor(onError: (error: Error) => void) {
    this.worker.on('message', (reply: unknown) => {
      const call = this.waiting.shift();
      if (!call) return;
      this.load -= call.cost;
      call.resolve(reply);
    });
    this.worker.on('error', (error) => {
      for (const call of this.waiting.splice(0)) call.reject(error);
      onError(error);
    });
  }

  call<T>(message: unknown, cost = 0): Promise<T> {
    this.load += cost;
    const reply = new Promise<T>((resolve, reject) => this.waiting.push({ resolve: resolve as (v: unknown) => void, reject, cost }));
    this.worker.postMessage(message);
    return reply;
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

