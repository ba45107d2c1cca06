import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

// The three SHA-256 passes a bundle needs (docs/bundle-format.md "Plaintext container" and "Bundle hash"): the
// signature's hash over all entry bytes, each entry's own hash for the manifest, and the bundle hash over the
// file's bytes. AES-GCM and SHA-256 run at about the same speed, so on a two-core machine the hashes go to two
// worker threads while the main thread encrypts; small bundles hash in-thread, where the workers' start-up would
// cost more ('auto' decides by size).

/** Lanes: which running hashes a piece of bytes goes into. */
export const LANE = { signature: 0, entry: 1, file: 2 } as const;
type Lane = (typeof LANE)[keyof typeof LANE];

export interface Hashing {
  /** Entry header bytes: the signature hash only. */
  entryHeader(bytes: Uint8Array): void;
  /** Entry content: the signature hash and the current entry's hash. */
  content(bytes: Uint8Array): void;
  /** Content of an entry the manifest does not list (the signature itself): no hash at all. */
  endEntry(): void;
  /** The file's bytes, as written or read. */
  file(bytes: Uint8Array): void;
  /**
   * The file's bytes in a buffer from takeBuffer() that the caller is done with: handed over without a copy
   * (to the worker, which returns it to the pool).
   */
  fileOwned(bytes: Buffer): void;
  /** A 1 MiB buffer to read or write the file's bytes in; give it back through fileOwned(). */
  takeBuffer(): Buffer;
  /** Digests of the entries ended so far, in order (each entry's digest is returned once). */
  entryDigests(): Promise<Buffer[]>;
  signatureDigest(): Promise<Buffer>;
  fileDigest(): Promise<Buffer>;
  /** Resolves when the worker has caught up enough that memory stays bounded. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** The size of the buffers passed around: outboxes, file reads, output batches. */
export const BUFFER_SIZE = 1 << 20;

class InThreadHashing implements Hashing {
  private readonly lanes: Hash[] = [createHash('sha256'), createHash('sha256'), createHash('sha256')];
  private done: Buffer[] = [];
  entryHeader(bytes: Uint8Array) {
    this.lanes[LANE.signature]!.update(bytes);
  }
  content(bytes: Uint8Array) {
    this.lanes[LANE.signature]!.update(bytes);
    this.lanes[LANE.entry]!.update(bytes);
  }
  endEntry() {
    this.done.push(this.lanes[LANE.entry]!.digest());
    this.lanes[LANE.entry] = createHash('sha256');
  }
  file(bytes: Uint8Array) {
    this.lanes[LANE.file]!.update(bytes);
  }
  private readonly spare: Buffer[] = [];
  fileOwned(bytes: Buffer) {
    this.lanes[LANE.file]!.update(bytes);
    if (bytes.buffer.byteLength === BUFFER_SIZE && this.spare.length < 8) {
      this.spare.push(Buffer.from(bytes.buffer, 0, BUFFER_SIZE));
    }
  }
  takeBuffer() {
    return this.spare.pop() ?? Buffer.allocUnsafeSlow(BUFFER_SIZE);
  }
  async entryDigests() {
    const out = this.done;
    this.done = [];
    return out;
  }
  private digestLane(lane: Lane): Buffer {
    const d = this.lanes[lane]!.digest();
    this.lanes[lane] = createHash('sha256');
    return d;
  }
  async signatureDigest() {
    return this.digestLane(LANE.signature);
  }
  async fileDigest() {
    return this.digestLane(LANE.file);
  }
  async drain() {}
  async close() {}
}

// The worker is plain JavaScript given as source: it then runs the same under tsx, vitest and the bundled main
// process, with no separate build entry. Ops come flattened: [0, lane, start, length] updates a lane from the
// message's buffer; [1, lane] ends the lane's hash into its list of digests; [2, lane, id] replies with that list.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const lanes = [createHash('sha256'), createHash('sha256'), createHash('sha256')];
const done = [[], [], []];
parentPort.on('message', (m) => {
  const ops = m.ops;
  const buf = m.buf;
  for (let i = 0; i < ops.length; ) {
    const op = ops[i++];
    const lane = ops[i++];
    if (op === 0) {
      const start = ops[i++];
      const length = ops[i++];
      lanes[lane].update(buf.subarray(start, start + length));
    } else if (op === 1) {
      done[lane].push(lanes[lane].digest());
      lanes[lane] = createHash('sha256');
    } else {
      const id = ops[i++];
      const list = done[lane];
      done[lane] = [];
      parentPort.postMessage({ id, digests: list });
    }
  }
  if (buf) parentPort.postMessage({ buf }, [buf.buffer]);
});
`;

const OUTBOX_SIZE = BUFFER_SIZE;
const MAX_IN_FLIGHT = 8;

/** One hashing thread and its outbox: the lanes given to it are updated there, in the order of the calls. */
class LaneWorker {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private outbox: Buffer = Buffer.allocUnsafeSlow(OUTBOX_SIZE);
  private used = 0;
  private ops: number[] = [];
  private readonly free: Buffer[] = [];
  private inFlight = 0;
  private nextId = 1;
  private readonly replies = new Map<number, (digests: Buffer[]) => void>();
  private waiters: (() => void)[] = [];
  private failure: Error | null = null;

  constructor() {
    this.worker.on('message', (m: { id?: number; digests?: Uint8Array[]; buf?: Uint8Array }) => {
      if (m.buf) {
        this.inFlight--;
        if (this.free.length <= 2 * MAX_IN_FLIGHT && m.buf.buffer.byteLength === BUFFER_SIZE) {
          this.free.push(Buffer.from(m.buf.buffer, 0, BUFFER_SIZE));
        }
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      }
      if (m.id !== undefined) {
        const reply = this.replies.get(m.id);
        this.replies.delete(m.id);
        reply?.((m.digests ?? []).map((d) => Buffer.from(d.buffer, d.byteOffset, d.byteLength)));
      }
    });
    this.worker.on('error', (error) => {
      this.failure = error;
      for (const w of this.waiters) w();
    });
  }

  add(lanes: readonly Lane[], bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) {
      if (this.used === OUTBOX_SIZE) this.flush();
      const take = Math.min(OUTBOX_SIZE - this.used, bytes.length - offset);
      this.outbox.set(bytes.subarray(offset, offset + take), this.used);
      for (const lane of lanes) this.ops.push(0, lane, this.used, take);
      this.used += take;
      offset += take;
    }
  }

  end(lane: Lane): void {
    this.ops.push(1, lane);
  }

  /** A whole pool buffer, handed over without a copy; anything else is copied. */
  give(lane: Lane, bytes: Buffer): void {
    if (bytes.buffer.byteLength !== BUFFER_SIZE || bytes.byteOffset !== 0) {
      this.add([lane], bytes);
      return;
    }
    this.flush();
    this.inFlight++;
    const buf = new Uint8Array(bytes.buffer, 0, BUFFER_SIZE);
    this.worker.postMessage({ buf, ops: [0, lane, 0, bytes.length] }, [buf.buffer as ArrayBuffer]);
  }

  private flush(): void {
    if (this.ops.length === 0) return;
    const buf = this.used > 0 ? this.outbox : null;
    if (buf) {
      this.inFlight++;
      this.worker.postMessage({ buf, ops: this.ops }, [buf.buffer as ArrayBuffer]);
      this.outbox = this.free.pop() ?? Buffer.allocUnsafeSlow(OUTBOX_SIZE);
    } else {
      this.worker.postMessage({ buf: null, ops: this.ops });
    }
    this.used = 0;
    this.ops = [];
  }

  request(lane: Lane, endFirst: boolean): Promise<Buffer[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    if (endFirst) this.ops.push(1, lane);
    this.ops.push(2, lane, id);
    const reply = new Promise<Buffer[]>((resolve) => this.replies.set(id, resolve));
    this.flush();
    return reply;
  }

  takeBuffer(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(BUFFER_SIZE);
  }

  async drain(): Promise<void> {
    while (this.inFlight >= MAX_IN_FLIGHT && !this.failure) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Two hashing threads: the signature and entry lanes on one (content is copied once and feeds both), the file's
 * bytes on the other. One thread for all three lanes was the bottleneck: three SHA-256 passes per byte against the
 * cipher thread's one AES-GCM pass, with the cipher thread waiting. A thread per lane measured no better on two
 * cores than this: the content then had to be copied twice, and the threads outnumbered the cores.
 */
class WorkerHashing implements Hashing {
  /** the signature and entry lanes */
  private readonly contentLanes = new LaneWorker();
  private readonly fileLane = new LaneWorker();

  entryHeader(bytes: Uint8Array) {
    this.contentLanes.add(SIGNATURE_ONLY, bytes);
  }
  content(bytes: Uint8Array) {
    this.contentLanes.add(BOTH, bytes);
  }
  endEntry() {
    this.contentLanes.end(LANE.entry);
  }
  file(bytes: Uint8Array) {
    this.fileLane.add(FILE_ONLY, bytes);
  }
  fileOwned(bytes: Buffer) {
    this.fileLane.give(LANE.file, bytes);
  }
  takeBuffer() {
    return this.fileLane.takeBuffer();
  }
  entryDigests() {
    return this.contentLanes.request(LANE.entry, false);
  }
  async signatureDigest() {
    return (await this.contentLanes.request(LANE.signature, true))[0]!;
  }
  async fileDigest() {
    return (await this.fileLane.request(LANE.file, true))[0]!;
  }
  async drain() {
    await this.contentLanes.drain();
    await this.fileLane.drain();
  }
  async close() {
    await Promise.all([this.contentLanes.close(), this.fileLane.close()]);
  }
}

const SIGNATURE_ONLY = [LANE.signature] as const;
const BOTH = [LANE.signature, LANE.entry] as const;
const FILE_ONLY = [LANE.file] as const;

/**
 * Undecided until `from` bytes (AUTO_FROM) have come: a bundle that ends before hashes in this thread (three threads'
 * start-up would cost more), a larger one on the workers. The calls so far are kept, bytes copied, and replayed to
 * whichever is chosen: the digests are the same.
 */
class AutoHashing implements Hashing {
  private chosen: Hashing | null = null;
  private readonly calls: ((h: Hashing) => void)[] = [];
  private held = 0;

  constructor(private readonly from: number) {}

  private record(bytes: number, call: (h: Hashing) => void): void {
    if (this.chosen) return call(this.chosen);
    this.calls.push(call);
    this.held += bytes;
    if (this.held >= this.from) this.choose(true);
  }
  private choose(parallel: boolean): Hashing {
    if (this.chosen) return this.chosen;
    const h = (this.chosen = parallel ? new WorkerHashing() : new InThreadHashing());
    for (const call of this.calls.splice(0)) call(h);
    return h;
  }
  private now(): Hashing {
    return this.chosen ?? this.choose(false);
  }
  entryHeader(bytes: Uint8Array) {
    const copy = this.chosen ? bytes : Buffer.from(bytes);
    this.record(bytes.length, (h) => h.entryHeader(copy));
  }
  content(bytes: Uint8Array) {
    const copy = this.chosen ? bytes : Buffer.from(bytes);
    this.record(bytes.length, (h) => h.content(copy));
  }
  endEntry() {
    this.record(0, (h) => h.endEntry());
  }
  file(bytes: Uint8Array) {
    const copy = this.chosen ? bytes : Buffer.from(bytes);
    this.record(bytes.length, (h) => h.file(copy));
  }
  fileOwned(bytes: Buffer) {
    // Kept as it is while undecided: the caller gave it away.
    this.record(bytes.length, (h) => h.fileOwned(bytes));
  }
  takeBuffer() {
    return this.chosen ? this.chosen.takeBuffer() : Buffer.allocUnsafeSlow(BUFFER_SIZE);
  }
  entryDigests() {
    return this.now().entryDigests();
  }
  signatureDigest() {
    return this.now().signatureDigest();
  }
  fileDigest() {
    return this.now().fileDigest();
  }
  async drain() {
    if (this.chosen) await this.chosen.drain();
  }
  async close() {
    if (this.chosen) await this.chosen.close();
  }
}

/** Where 'auto' moves the hashes to worker threads. */
export const AUTO_FROM = 8 << 20;

/**
 * Hashing on worker threads when `parallel` is true, in this thread when false, and decided by the size when
 * 'auto' (a writer does not know its size in advance); the digests are the same.
 */
export function createHashing(parallel: boolean | 'auto', autoFrom = AUTO_FROM): Hashing {
  if (parallel === 'auto') return new AutoHashing(autoFrom);
  return parallel ? new WorkerHashing() : new InThreadHashing();
}
