import { read as readFile } from 'node:fs';
import { CHUNK_SIZE, TAG_SIZE, type ChunkSealer } from './chunked';
import { asBuffer, contentLanes, copyInto, giveMemory, hashJobs, PipeWorker, PLAIN_SIZE, SEALED_SIZE, slotsOf, SLOT_CHUNKS, SLOTS, takeMemory } from './cryptoWorker';
import { BUFFER_SIZE, createHashing, type Hashing } from './hashing';
import { ALIGN } from './partFile';
import type { PartWriter } from './parts';

// What turns the container's plaintext into the file: Cobblestone's AES-GCM, the signature and entry hashes over
// the plaintext, the bundle hash over the file's bytes, and the writes (docs/bundle-format.md "Speed"). The writer
// hands it plaintext with the hashes each piece feeds; the bytes written are the same whichever engine runs.
//
// In this thread for small bundles. For large ones the main thread only copies handed-over plaintext into shared
// memory (a file's bytes the content worker reads in itself) and has the parts write the ciphertext straight out of
// it, while two workers do all the cryptography: sealing a bundle in the main thread was
// bound by that thread (the cipher, a fresh buffer per chunk and its garbage collection, copies into each hashing
// thread's outbox and into the output batches) while the hashing threads idled half the time.

/** Which running hashes plaintext feeds: none (the signature entry), the signature's, or also the entry's own. */
export const FEEDS = { none: 0, signature: 1, entry: 3 } as const;
export type Feeds = (typeof FEEDS)[keyof typeof FEEDS];

export interface SealEngine {
  /** Plaintext of the container, in order; `bytes` may be reused by the caller once this resolves. */
  put(bytes: Uint8Array, feeds: Feeds): Promise<void>;
  /**
   * Up to `length` bytes of plaintext that `read` puts where it is told (a file read straight into the engine's
   * memory, with no buffer of the caller's in between), `onContent` shown each piece before it is sealed. Stops
   * early when `read` gives 0 (the end of the file); the bytes taken.
   */
  putFrom(read: ReadInto, length: number, feeds: Feeds, onContent?: (bytes: Uint8Array) => void): Promise<number>;
  /** Up to `length` bytes of an open file from `file.position` on, as putFrom; the bytes taken. */
  putFile(file: OpenFile, length: number, feeds: Feeds, onContent?: (bytes: Uint8Array) => void): Promise<number>;
  /** Ends the current entry's own hash (an entry written with FEEDS.entry). */
  endEntry(): void;
  /** Digests of the entries ended so far, in order, each once. */
  entryDigests(): Promise<Buffer[]>;
  signatureDigest(): Promise<Buffer>;
  /**
   * Seals the last chunk and writes everything; the bundle hash, or null when the setup said not to hash the file.
   * The parts are left to the caller to finish.
   */
  finish(): Promise<Buffer | null>;
  abort(): Promise<void>;
}

/** Reads up to `length` bytes into `into` at `offset`; how many it read, 0 at the end. */
export type ReadInto = (into: Buffer, offset: number, length: number) => Promise<number>;

/** A file open for reading (its descriptor) and where its bytes begin. */
export interface OpenFile {
  fd: number;
  position: number;
}

/** putFile for engines that read on this thread: the file's bytes through putFrom, the signal checked at each read. */
function putFileFrom(
  engine: Pick<SealEngine, 'putFrom'>,
  signal: AbortSignal | undefined,
  file: OpenFile,
  length: number,
  feeds: Feeds,
  onContent?: (bytes: Uint8Array) => void,
): Promise<number> {
  let position = file.position;
  const read: ReadInto = (into, offset, n) =>
    new Promise((resolve, reject) => {
      signal?.throwIfAborted();
      readFile(file.fd, into, offset, n, position, (error, bytesRead) => {
        if (error) return reject(error);
        position += bytesRead;
        resolve(bytesRead);
      });
    });
  return engine.putFrom(read, length, feeds, onContent);
}

/** Size of the buffer an engine without memory of its own to read into (or not yet chosen) reads through. */
const READ_THROUGH = 1 << 20;

/** putFrom for an engine that takes bytes only through put(): read into `buffer`, then put. */
async function readThrough(engine: Pick<SealEngine, 'put'>, buffer: Buffer, read: ReadInto, length: number, feeds: Feeds, onContent?: (bytes: Uint8Array) => void): Promise<number> {
  let seen = 0;
  while (seen < length) {
    const n = await read(buffer, 0, Math.min(buffer.length, length - seen));
    if (n === 0) break;
    const piece = buffer.subarray(0, n);
    onContent?.(piece);
    await engine.put(piece, feeds);
    seen += n;
  }
  return seen;
}

interface EngineSetup {
  sealer: ChunkSealer;
  parts: PartWriter;
  /** written first, outside the payload layer: the header, then salt ‖ commitment */
  prefix: Uint8Array[];
  signal?: AbortSignal;
  onProgress?: (bytesWritten: number) => void;
  /**
   * Whether to hash the file's bytes for the bundle hash (one SHA-256 pass over everything written). The app's
   * export reads every bundle back from the stick and takes the hash from there (exchange/sessions.ts), so it
   * turns this off; the command-line tool, which does not read back, keeps it.
   */
  hashFile: boolean;
}

const OUT_BATCH = BUFFER_SIZE;
/** Batches that may wait for the disk at once (memory: this many times OUT_BATCH). */
const WRITES_AHEAD = 4;

/** Everything in this thread: small bundles, where starting workers would cost more than it saves. */
export class InThreadEngine implements SealEngine {
  private readonly hashing: Hashing;
  private batch: Buffer;
  private used = 0;
  private writing: Promise<void> = Promise.resolve();
  private readonly queued: Promise<void>[] = [];
  private readonly pieces: Uint8Array[] = [];

  constructor(private readonly setup: EngineSetup) {
    this.hashing = createHashing(setup.hashFile);
    this.batch = this.hashing.takeBuffer();
    // The prefix fits in the first batch: a header is at most 65,584 bytes.
    for (const p of setup.prefix) {
      this.batch.set(p, this.used);
      this.used += p.length;
    }
  }

  /** Ciphertext into the output batch; a full batch is hashed and written while the next one fills. */
  private async output(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const take = Math.min(OUT_BATCH - this.used, bytes.length - offset);
      this.batch.set(bytes.subarray(offset, offset + take), this.used);
      this.used += take;
      offset += take;
      if (this.used === OUT_BATCH) await this.flushBatch();
    }
  }

  /**
   * Queues the full batch for writing; once written it goes to the file hash. Up to WRITES_AHEAD batches wait for
   * the disk while the next ones are sealed, so encryption never pauses for one write.
   */
  private async flushBatch(): Promise<void> {
    if (this.used === 0) return;
    const full = this.batch.subarray(0, this.used);
    while (this.queued.length >= WRITES_AHEAD) await this.queued.shift();
    this.setup.signal?.throwIfAborted();
    const written = this.writing.then(async () => {
      await this.setup.parts.write(full);
      this.hashing.fileOwned(full);
      this.setup.onProgress?.(this.setup.parts.bytes);
    });
    // A failed write is reported by the next await on the queue or by finish(), never as unhandled.
    written.catch(() => undefined);
    this.writing = written;
    this.queued.push(written);
    this.batch = this.hashing.takeBuffer();
    this.used = 0;
  }

  async put(bytes: Uint8Array, feeds: Feeds): Promise<void> {
    if (feeds === FEEDS.entry) this.hashing.content(bytes);
    else if (feeds === FEEDS.signature) this.hashing.entryHeader(bytes);
    this.setup.sealer.push(bytes, this.pieces);
    for (const p of this.pieces) await this.output(p);
    this.pieces.length = 0;
  }

  private readBuffer: Buffer | null = null;

  putFrom(read: ReadInto, length: number, feeds: Feeds, onContent?: (bytes: Uint8Array) => void): Promise<number> {
    this.readBuffer ??= Buffer.allocUnsafeSlow(READ_THROUGH);
    return readThrough(this, this.readBuffer, read, length, feeds, onContent);
  }

  putFile(file: OpenFile, length: number, feeds: Feeds, onContent?: (bytes: Uint8Array) => void): Promise<number> {
    return putFileFrom(this, this.setup.signal, file, length, feeds, onContent);
  }

  endEntry(): void {
    this.hashing.endEntry();
  }

  entryDigests(): Promise<Buffer[]> {
    return this.hashing.entryDigests();
  }

  signatureDigest(): Promise<Buffer> {
    return this.hashing.signatureDigest();
  }

  async finish(): Promise<Buffer | null> {
    this.setup.sealer.finish(this.pieces);
    for (const p of this.pieces) await this.output(p);
    this.pieces.length = 0;
    await this.flushBatch();
    await this.writing;
    const digest = this.setup.hashFile ? await this.hashing.fileDigest() : null;
    await this.hashing.close();
    return digest;
  }

  async abort(): Promise<void> {
    await this.writing.catch(() => undefined);
    await this.hashing.close();
  }
}

/**
 * AES-GCM in 16 KiB chunks against SHA-256, per byte: what a seal weighs when choosing the less loaded worker.
 * Measured here: SHA-256 about 1.5 GiB/s (SHA extensions), AES-GCM about 1 GiB/s, as each chunk needs a cipher
 * of its own (key schedule and GHASH set-up every 16 KiB).
 */
const SEAL_COST = 1.5;
/** A read into a slot, in the same units (the copy from the page cache) before the hashing that follows it. */
const READ_COST = 0.5;
/**
 * While files are read on the content worker (putFile), how much more work the file worker must have queued before
 * a slot is sealed on the content worker instead: the main thread waits for each read, and a read waits behind
 * whatever its worker has queued. In interleaved runs on a 2 GB bundle, 8 slots' worth sealed in 2.6–2.9 s, never
 * sealing there 2.9–3.0 s, balancing as for put() 4.0–4.6 s.
 */
const READER_HEADROOM = 8 * PLAIN_SIZE;
/**
 * Reads of a file asked of the content worker at once: it starts the next as soon as it has hashed the last,
 * rather than waiting for this thread (busy, or without a core) to take that one in and ask again.
 */
const READS_AHEAD = 2;

/** A read the content worker did into a slot: `n` of the `want` bytes asked for. */
interface Read {
  slot: number;
  offset: number;
  n: number;
  want: number;
}

/**
 * Two workers: the content worker keeps the signature and entry hashes (or the signature's alone, the file worker
 * the entries', when there is no bundle hash) and reads files in; the file worker keeps the bundle hash. Each slot
 * is sealed by whichever has less work queued (records feed two hashes, a blob whose name is vouched only one, so
 * the balance moves as the entries do). The main thread copies handed-over plaintext in, has the sealed slots
 * written in order from where they lie (`place`), and hands each one to the file worker in order.
 */
export class ParallelEngine implements SealEngine {
  private readonly memory = takeMemory();
  private readonly plain: Buffer[];
  private readonly sealed: Buffer[];
  private readonly content: PipeWorker;
  private readonly fileWorker: PipeWorker;
  /** outstanding uses of each slot (hashing, sealing, writing, file hashing) */
  private readonly refs = new Array<number>(SLOTS).fill(0);
  private slot = 0;
  private used = 0;
  /** content hash ops for the current slot not yet sent */
  private ops: number[] = [];
  /** where the current slot's unsent ops begin: ranges before it were sent to the content worker */
  private chunkIndex = 0;
  private seq = 0;
  private nextToWrite = 0;
  private readonly ready = new Map<number, { slot: number; place: number; length: number }>();
  /**
   * Where in the memory an address is aligned for the disk (see `place`), or null when the parts are not written
   * past the page cache; asked before the first byte is written.
   */
  private readonly aligned: Promise<number | null>;
  /** where the next slot's sealed bytes begin in the bundle */
  private streamAt: number;
  /** writes straight from the sealed slots, not yet done */
  private readonly placing = new Set<Promise<void>>();
  private writing: Promise<void> = Promise.resolve();
  private wake: (() => void)[] = [];
  private failure: Error | null = null;
  private readonly started: Promise<unknown>;

  constructor(private readonly setup: EngineSetup) {
    ({ plain: this.plain, sealed: this.sealed } = slotsOf(this.memory));
    const onError = (error: Error) => this.fail(error);
    this.content = new PipeWorker(onError);
    this.fileWorker = new PipeWorker(onError);
    const { aeadKey, baseNonce } = setup.sealer.keys;
    const init = { t: 'init', memory: this.memory, slots: SLOTS, plainSize: PLAIN_SIZE, sealedSize: SEALED_SIZE, key: aeadKey, baseNonce };
    this.started = Promise.all([this.content.call(init), this.fileWorker.call(init)]);
    this.started.catch(() => undefined);
    const prefix = Buffer.concat(setup.prefix);
    if (setup.hashFile) void this.fileWorker.call({ t: 'file', bytes: prefix }, prefix.length).catch(() => undefined);
    // probed in a sealed slot: nothing is there until the first slot is sealed, which waits for the answer
    const sealed0 = this.sealed[0]!;
    this.aligned = setup.parts.alignmentOf(sealed0).then((at) => (at === null ? null : sealed0.byteOffset + at));
    this.aligned.catch(() => undefined);
    this.chain(async () => {
      await this.aligned;
      await setup.parts.write(prefix);
    });
    this.streamAt = prefix.length;
  }

  /**
   * Where in slot `slot`'s sealed memory its sealed bytes start, so that each byte's address is its offset in the
   * bundle modulo ALIGN: the parts then write them from there, past the page cache, with no copy on this thread
   * (a copy of every byte here measured 0.7 s of 3.3 on a 2 GB bundle). 0 when the parts copy anyway.
   */
  private place(slot: number, aligned: number | null): number {
    if (aligned === null) return 0;
    return (((this.streamAt + aligned - this.sealed[slot]!.byteOffset) % ALIGN) + ALIGN) % ALIGN;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = [];
    for (const w of wake) w();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private release(slot: number): void {
    this.refs[slot]!--;
    this.notify();
  }

  /** Runs `write` after the writes before it; a failure stops everything that waits. */
  private chain(write: () => Promise<void>): void {
    this.writing = this.writing.then(async () => {
      if (this.failure) return;
      try {
        await write();
      } catch (error) {
        this.fail(error as Error);
      }
    });
  }

  async put(bytes: Uint8Array, feeds: Feeds): Promise<void> {
    const source = asBuffer(bytes);
    let offset = 0;
    while (offset < bytes.length) {
      this.check();
      const take = Math.min(PLAIN_SIZE - this.used, bytes.length - offset);
      copyInto(this.plain[this.slot]!, this.used, source.subarray(offset, offset + take));
      if (feeds !== FEEDS.none) this.ops.push(feeds, this.used, take);
      this.used += take;
      offset += take;
      if (this.used === PLAIN_SIZE) await this.dispatch(false);
    }
  }

  /** Reads straight into the current slot: no copy on this thread, and a read as large as the slot's room. */
  async putFrom(read: ReadInto, length: number, feeds: Feeds, onContent?: (bytes: Uint8Array) => void): Promise<number> {
    let seen = 0;
    while (seen < length) {
      this.check();
      const plain = this.plain[this.slot]!;
      const n = await read(plain, this.used, Math.min(PLAIN_SIZE - this.used, length - seen));
      if (n === 0) break;
      onContent?.(plain.subarray(this.used, this.used + n));
      if (feeds !== FEEDS.none) this.ops.push(feeds, this.used, n);
      this.used += n;
      seen += n;
      if (this.used === PLAIN_SIZE) await this.dispatch(false);
    }
    return seen;
  }

  /**
   * Read by the content worker straight into the current slot, which hashes what it read at once, in the lanes it
   * keeps: the bytes are still in that core's cache. Hashed later from memory, by a worker on whichever core, the
   * signature's SHA-256 ran at 970 ms per GiB instead of 600 (2 GB bundle, this machine: docs/bundle-format.md
   * "Speed"). The lanes it does not keep are queued as for put().
   */
  async putFile(file: OpenFile, length: number, feeds: Feeds, onContent?: (bytes: Uint8Array) => void): Promise<number> {
    const lanes = feeds & contentLanes(this.setup.hashFile);
    this.reading = true;
    try {
      return await this.readFile(file, length, feeds, lanes, onContent);
    } finally {
      this.reading = false;
    }
  }

  private reading = false;

  private async readFile(file: OpenFile, length: number, feeds: Feeds, lanes: number, onContent?: (bytes: Uint8Array) => void): Promise<number> {
    const rest = feeds & ~lanes;
    const queue: Promise<Read>[] = [];
    // where the next read goes: after what has been read and what is still being read (full reads assumed)
    let planSlot = this.slot;
    let planUsed = this.used;
    let asked = 0;
    let seen = 0;
    const ask = async () => {
      while (queue.length < READS_AHEAD && asked < length) {
        if (planUsed === PLAIN_SIZE) {
          // into the next slot once it is free, as dispatch() waits for it
          const next = (planSlot + 1) % SLOTS;
          while (this.refs[next]! > 0 && !this.failure) await new Promise<void>((r) => this.wake.push(r));
          this.check();
          planSlot = next;
          planUsed = 0;
        }
        const want = Math.min(PLAIN_SIZE - planUsed, length - asked);
        queue.push(this.readInto(file, planSlot, planUsed, want, file.position + asked, lanes));
        planUsed += want;
        asked += want;
      }
    };
    try {
      await ask();
      for (let read = queue.shift(); read; read = queue.shift()) {
        const { slot, offset, n, want } = await read;
        if (slot !== this.slot || offset !== this.used) throw new Error('reads out of step');
        if (rest !== 0 && n > 0) this.ops.push(rest, offset, n);
        this.used += n;
        seen += n;
        if (this.used === PLAIN_SIZE) await this.dispatch(false);
        // short: the end of the file, and what was asked for after it is not taken
        const end = n < want;
        // the worker reads on while this thread looks at what it read (the record counter, for records)
        if (!end) await ask();
        if (n > 0) onContent?.(this.plain[slot]!.subarray(offset, offset + n));
        if (end) break;
      }
    } finally {
      // the caller closes the descriptor once this returns: no read of it may still be queued on the worker
      await Promise.all(queue.splice(0).map((r) => r.catch(() => undefined)));
    }
    return seen;
  }

  /** Asks the content worker for `want` bytes of the file from `position`, into `slot` at `offset`. */
  private readInto(file: OpenFile, slot: number, offset: number, want: number, position: number, lanes: number): Promise<Read> {
    this.check();
    this.setup.signal?.throwIfAborted();
    // what the slots hold before the read reaches the hashes first
    if (lanes !== 0) this.sendOps();
    const message = { t: 'read', fd: file.fd, slot, offset, length: want, position, lanes };
    const read = this.content.call<number | { failed: string; code?: string }>(message, READ_COST * want).then((reply) => {
      if (typeof reply !== 'number') throw Object.assign(new Error(reply.failed), { code: reply.code });
      return { slot, offset, n: reply, want };
    });
    read.catch(() => undefined); // awaited by the caller unless it stopped first
    return read;
  }

  endEntry(): void {
    this.ops.push(0, -1, 0);
  }

  /** Sends the current slot's pending hash ops to the workers that keep them (the slot stays where it is). */
  private sendOps(): void {
    if (this.ops.length === 0) return;
    const slot = this.slot;
    for (const { worker, lanes, cost } of hashJobs(this.ops, this.content, this.fileWorker, this.setup.hashFile)) {
      this.refs[slot]!++;
      worker.call({ t: 'hash', slot, ops: this.ops, lanes }, cost).then(
        () => this.release(slot),
        (error: Error) => this.fail(error),
      );
    }
    this.ops = [];
  }

  /** The current slot is complete (or the last): hashed, sealed by the less loaded worker, then written. */
  private async dispatch(final: boolean): Promise<void> {
    this.sendOps();
    const slot = this.slot;
    const seq = this.seq++;
    const length = this.used;
    const headroom = this.reading ? READER_HEADROOM : 0;
    const worker = this.content.load + headroom <= this.fileWorker.load ? this.content : this.fileWorker;
    this.refs[slot]!++;
    const place = this.place(slot, await this.aligned.catch(() => null));
    const expected = length + (Math.floor(length / CHUNK_SIZE) + (final ? 1 : 0)) * TAG_SIZE;
    this.streamAt += expected;
    worker.call<number>({ t: 'seal', slot, index: this.chunkIndex, length, final, place }, SEAL_COST * length).then(
      (sealedLength) => {
        if (sealedLength !== expected) return this.fail(new Error(`slot sealed to ${sealedLength} bytes, not ${expected}`));
        this.ready.set(seq, { slot, place, length: sealedLength });
        this.release(slot);
        this.writeReady();
      },
      (error: Error) => this.fail(error),
    );
    this.chunkIndex += SLOT_CHUNKS;
    this.slot = (slot + 1) % SLOTS;
    this.used = 0;
    // The next slot is free once every use of it has ended: it was written and hashed SLOTS slots ago.
    while (this.refs[this.slot]! > 0 && !this.failure) await new Promise<void>((r) => this.wake.push(r));
    this.check();
    this.setup.signal?.throwIfAborted();
  }

  /** Sealed slots, in order: written, then given to the file hash (it reads them while the next ones are written). */
  private writeReady(): void {
    for (let next = this.ready.get(this.nextToWrite); next; next = this.ready.get(this.nextToWrite)) {
      this.ready.delete(this.nextToWrite++);
      const { slot, place, length } = next;
      const bytes = this.sealed[slot]!.subarray(place, place + length);
      this.refs[slot]!++;
      if (this.setup.hashFile) {
        this.refs[slot]!++;
        this.fileWorker.call({ t: 'file', slot, place, length }, length).then(
          () => this.release(slot),
          (error: Error) => this.fail(error),
        );
      }
      this.chain(async () => {
        // the slot is free again once the disk has taken its bytes, which may be after the next writes are queued
        const { done } = await this.setup.parts.writeInPlace(bytes);
        this.placing.add(done);
        void done.then(() => {
          this.placing.delete(done);
          this.release(slot);
        });
        this.setup.onProgress?.(this.setup.parts.bytes);
      });
    }
  }

  async entryDigests(): Promise<Buffer[]> {
    this.check();
    this.sendOps();
    const worker = this.setup.hashFile ? this.content : this.fileWorker;
    return (await worker.call<Uint8Array[]>({ t: 'entries' })).map(asBuffer);
  }

  async signatureDigest(): Promise<Buffer> {
    this.check();
    this.sendOps();
    return asBuffer(await this.content.call({ t: 'signature' }));
  }

  async finish(): Promise<Buffer | null> {
    this.check();
    await this.dispatch(true);
    while (this.nextToWrite < this.seq && !this.failure) await new Promise<void>((r) => this.wake.push(r));
    await this.writing;
    this.check();
    const digest = this.setup.hashFile ? asBuffer(await this.fileWorker.call({ t: 'fileDigest' })) : null;
    await this.close();
    return digest;
  }

  private closed = false;

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // the disk may still be reading the memory: it goes back to the pool only once it has
    await Promise.all([this.content.close(), this.fileWorker.close(), ...this.placing]);
    giveMemory(this.memory);
  }

  async abort(): Promise<void> {
    this.fail(new Error('aborted'));
    await this.writing.catch(() => undefined);
    await this.close();
  }
}

/** Where 'auto' moves the work to the workers: below it, starting them costs more than they save. */
export const AUTO_FROM = 8 << 20;

/**
 * Undecided until AUTO_FROM bytes of plaintext have come (a writer does not know its size in advance): the calls
 * so far are kept, bytes copied, and replayed to the engine chosen. The bytes written are the same.
 */
class AutoEngine implements SealEngine {
  private chosen: SealEngine | null = null;
  private readonly calls: ((e: SealEngine) => Promise<void> | void)[] = [];
  private held = 0;

  constructor(
    private readonly setup: EngineSetup,
    private readonly from: number,
  ) {}

  private async choose(parallel: boolean): Promise<SealEngine> {
    if (this.chosen) return this.chosen;
    const e = (this.chosen = parallel ? new ParallelEngine(this.setup) : new InThreadEngine(this.setup));
    for (const call of this.calls.splice(0)) await call(e);
    return e;
  }

  private now(): Promise<SealEngine> {
    return this.choose(false);
  }

  async put(bytes: Uint8Array, feeds: Feeds): Promise<void> {
    if (this.chosen) return this.chosen.put(bytes, feeds);
    const copy = Buffer.from(bytes);
    this.calls.push((e) => e.put(copy, feeds));
    this.held += bytes.length;
    if (this.held >= this.from) await this.choose(true);
  }

  private readBuffer: Buffer | null = null;

  async putFrom(read: ReadInto, length: number, feeds: Feeds, onContent?: (bytes: Uint8Array) => void): Promise<number> {
    let seen = 0;
    // undecided: read through a buffer, as put() would be given bytes, until the engine is chosen
    while (!this.chosen && seen < length) {
      this.readBuffer ??= Buffer.allocUnsafeSlow(READ_THROUGH);
      const n = await readThrough(this, this.readBuffer, read, Math.min(READ_THROUGH, length - seen), feeds, onContent);
      if (n === 0) return seen;
      seen += n;
    }
    return this.chosen ? seen + (await this.chosen.putFrom(read, length - seen, feeds, onContent)) : seen;
  }

  async putFile(file: OpenFile, length: number, feeds: Feeds, onContent?: (bytes: Uint8Array) => void): Promise<number> {
    let seen = 0;
    while (!this.chosen && seen < length) {
      const n = await putFileFrom(this, this.setup.signal, { fd: file.fd, position: file.position + seen }, Math.min(READ_THROUGH, length - seen), feeds, onContent);
      if (n === 0) return seen;
      seen += n;
    }
    return this.chosen ? seen + (await this.chosen.putFile({ fd: file.fd, position: file.position + seen }, length - seen, feeds, onContent)) : seen;
  }

  endEntry(): void {
    if (this.chosen) return this.chosen.endEntry();
    this.calls.push((e) => e.endEntry());
  }

  async entryDigests(): Promise<Buffer[]> {
    return (await this.now()).entryDigests();
  }

  async signatureDigest(): Promise<Buffer> {
    return (await this.now()).signatureDigest();
  }

  async finish(): Promise<Buffer | null> {
    return (await this.now()).finish();
  }

  async abort(): Promise<void> {
    if (this.chosen) await this.chosen.abort();
  }
}

/** Workers when `parallel` is true, this thread when false, decided by size when 'auto'; the same bytes. */
export function createSealEngine(parallel: boolean | 'auto', setup: EngineSetup, autoFrom = AUTO_FROM): SealEngine {
  if (parallel === 'auto') return new AutoEngine(setup, autoFrom);
  return parallel ? new ParallelEngine(setup) : new InThreadEngine(setup);
}
