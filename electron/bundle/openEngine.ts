import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { timingSafeEqual } from 'node:crypto';
import { deriveChunkKeys, PAYLOAD_HEADER_SIZE, SALT_SIZE, SEALED_CHUNK_SIZE, TAG_SIZE } from './chunked';
import { asBuffer, giveMemory, hashJobs, PipeWorker, PLAIN_SIZE, SEALED_SIZE, slotsOf, SLOT_CHUNKS, SLOTS, takeMemory } from './cryptoWorker';
import { fail } from './errors';
import type { PartList } from './parts';

// Opening a large bundle on two workers (docs/bundle-format.md "Speed"): the main thread reads the file into
// slots of shared memory, the workers open the chunks and keep the three hashes, and the main thread parses each
// slot's plaintext only once every chunk in it has verified — as the in-thread opener, it releases no byte of a
// chunk before its tag. Same checks, same errors, in the same order: chunks in order, then a missing or cut last
// chunk.

const SLOT_SEALED = SLOT_CHUNKS * SEALED_CHUNK_SIZE;
/** AES-GCM against SHA-256 per byte, as in sealEngine.ts */
const OPEN_COST = 1.5;
const FEED_SIGNATURE = 1;
const FEED_ENTRY = 3;

/** Positional reads over the parts, as if they were one file. */
class PartReader {
  private readonly handles = new Map<number, Promise<FileHandle>>();
  private readonly starts: number[] = [];

  constructor(private readonly parts: PartList) {
    let at = 0;
    for (const size of parts.sizes) {
      this.starts.push(at);
      at += size;
    }
  }

  private handle(i: number): Promise<FileHandle> {
    let h = this.handles.get(i);
    if (!h) {
      h = fs.open(this.parts.files[i]!, 'r');
      h.catch(() => undefined);
      this.handles.set(i, h);
    }
    return h;
  }

  /** Reads exactly `length` bytes at `position` into `target` (the parts' sizes were checked: they are there). */
  async read(position: number, target: Buffer, length: number): Promise<void> {
    let done = 0;
    while (done < length) {
      const at = position + done;
      let i = this.starts.length - 1;
      while (this.starts[i]! > at) i--;
      const inPart = at - this.starts[i]!;
      const want = Math.min(length - done, this.parts.sizes[i]! - inPart);
      const { bytesRead } = await (await this.handle(i)).read(target, done, want, inPart);
      if (bytesRead === 0) throw fail.truncated('a part is shorter than it was');
      done += bytesRead;
    }
  }

  async close(): Promise<void> {
    for (const h of this.handles.values()) await h.then((x) => x.close()).catch(() => undefined);
    this.handles.clear();
  }
}

interface SlotJob {
  slot: number;
  /** resolves once the slot's chunks are opened: plaintext length, or the failing chunk */
  opened: Promise<{ length?: number; bad?: number }>;
}

export class ParallelOpener {
  private readonly memory = takeMemory();
  private readonly plain: Buffer[];
  private readonly sealed: Buffer[];
  private readonly contentWorker: PipeWorker;
  private readonly fileWorker: PipeWorker;
  private readonly reader: PartReader;
  private readonly refs = new Array<number>(SLOTS).fill(0);
  private readonly reads = new Set<Promise<unknown>>();
  private wake: (() => void)[] = [];
  private failure: Error | null = null;
  private current = 0;
  private ops: number[] = [];
  private extra: Buffer[] = [];
  private fileChain: Promise<void> = Promise.resolve();
  private scheduling: Promise<void> = Promise.resolve();
  private readonly jobs = new Map<number, SlotJob>();
  /** bytes of the file consumed so far */
  read = 0;

  /** `hashFile`: whether to hash the file for the bundle hash (reader.ts, OpenOptions.hashFile) */
  constructor(
    private readonly parts: PartList,
    private readonly hashFile = true,
  ) {
    ({ plain: this.plain, sealed: this.sealed } = slotsOf(this.memory));
    const onError = (error: Error) => this.fail(error);
    this.contentWorker = new PipeWorker(onError);
    this.fileWorker = new PipeWorker(onError);
    this.reader = new PartReader(parts);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const wake = this.wake;
    this.wake = [];
    for (const w of wake) w();
  }

  private release(slot: number): void {
    this.refs[slot]!--;
    const wake = this.wake;
    this.wake = [];
    for (const w of wake) w();
  }

  private async untilFree(slot: number): Promise<void> {
    while (this.refs[slot]! > 0 && !this.failure) await new Promise<void>((r) => this.wake.push(r));
    if (this.failure) throw this.failure;
  }

  /** Reads `length` bytes at `position` into a fresh buffer (the header, before the workers have keys). */
  async readBytes(position: number, length: number): Promise<Buffer> {
    const b = Buffer.alloc(Math.max(0, Math.min(length, this.parts.total - position)));
    await this.reader.read(position, b, b.length);
    return b;
  }

  /**
   * Everything after the header: the payload's salt and commitment checked, then each slot's verified plaintext in
   * order (a view valid until the next is asked for), then the last chunk's errors if it is missing or cut.
   */
  async *payload(header: Buffer, inputKey: Uint8Array, context: Uint8Array): AsyncGenerator<Buffer> {
    const total = this.parts.total;
    const start = header.length;
    if (total - start < PAYLOAD_HEADER_SIZE) throw fail.truncated('payload header');
    const salt = await this.readBytes(start, PAYLOAD_HEADER_SIZE);
    const keys = deriveChunkKeys(inputKey, context, salt.subarray(0, SALT_SIZE));
    if (!timingSafeEqual(keys.commitment, salt.subarray(SALT_SIZE))) throw fail.commitment();
    const init = { t: 'init', memory: this.memory, slots: SLOTS, plainSize: PLAIN_SIZE, sealedSize: SEALED_SIZE, key: keys.aeadKey, baseNonce: keys.baseNonce };
    void this.contentWorker.call(init).catch(() => undefined);
    void this.fileWorker.call(init).catch(() => undefined);
    const prefix = Buffer.concat([header, salt]);
    if (this.hashFile) void this.fileWorker.call({ t: 'file', bytes: prefix }, prefix.length).catch(() => undefined);
    this.read = prefix.length;

    const chunksFrom = start + PAYLOAD_HEADER_SIZE;
    const sealedBytes = total - chunksFrom;
    const full = Math.floor(sealedBytes / SEALED_CHUNK_SIZE);
    const last = sealedBytes - full * SEALED_CHUNK_SIZE;
    // A last piece that can hold a tag is the short last chunk; none, or one too short, is an error once every
    // whole chunk before it has been checked (as the in-thread opener reports it).
    const opened = full * SEALED_CHUNK_SIZE + (last >= TAG_SIZE ? last : 0);
    const slots = Math.ceil(opened / SLOT_SEALED);
    const schedule = (j: number) => {
      if (j >= slots) return;
      const slot = j % SLOTS;
      const position = chunksFrom + j * SLOT_SEALED;
      const length = Math.min(SLOT_SEALED, opened - j * SLOT_SEALED);
      this.refs[slot]!++;
      const read = this.reader.read(position, this.sealed[slot]!, length);
      this.reads.add(read);
      read.then(
        () => this.reads.delete(read),
        () => this.reads.delete(read),
      );
      // The bundle hash takes the slots in order, whatever order the reads end in.
      if (this.hashFile) this.fileChain = this.fileChain.then(async () => {
        await read;
        this.refs[slot]!++;
        this.fileWorker.call({ t: 'file', slot, length }, length).then(
          () => this.release(slot),
          (error: Error) => this.fail(error),
        );
      });
      this.fileChain.catch(() => undefined);
      const job: SlotJob = {
        slot,
        opened: read.then(() => {
          const worker = this.contentWorker.load <= this.fileWorker.load ? this.contentWorker : this.fileWorker;
          return worker.call<{ length?: number; bad?: number }>({ t: 'open', slot, index: j * SLOT_CHUNKS, length }, OPEN_COST * length);
        }),
      };
      job.opened.catch(() => undefined);
      this.jobs.set(j, job);
    };
    for (let j = 0; j < Math.min(SLOTS, slots); j++) schedule(j);
    for (let j = 0; j < slots; j++) {
      const job = this.jobs.get(j)!;
      this.jobs.delete(j);
      const result = await Promise.race([job.opened, this.failed()]);
      if (this.failure) throw this.failure;
      if (result.bad !== undefined) throw fail.chunk(result.bad);
      this.current = job.slot;
      yield this.plain[job.slot]!.subarray(0, result.length);
      this.sendOps();
      this.read = Math.min(total, chunksFrom + (j + 1) * SLOT_SEALED);
      this.release(job.slot);
      // The slot is reused once its hashes have read it; the next read goes into it meanwhile, in order.
      const next = j + SLOTS;
      this.scheduling = this.scheduling.then(async () => {
        if (next >= slots) return;
        await this.untilFree(job.slot);
        schedule(next);
      });
      this.scheduling.catch((error: Error) => this.fail(error));
      if (j + 1 < slots && !this.jobs.has(j + 1)) await this.scheduling;
    }
    if (last === 0) throw fail.truncated('the last chunk is missing');
    if (last < TAG_SIZE) throw fail.truncated('the last chunk is cut');
    this.read = total;
  }

  private failed(): Promise<never> {
    return new Promise<never>((_, reject) => {
      if (this.failure) return reject(this.failure);
      this.wake.push(() => {
        if (this.failure) reject(this.failure);
      });
    });
  }

  private op(feeds: number, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const view = this.plain[this.current]!;
    const start = bytes.byteOffset - view.byteOffset;
    if (bytes.buffer === this.memory && start >= 0 && start + bytes.length <= PLAIN_SIZE) {
      this.ops.push(feeds, start, bytes.length);
    } else {
      this.extra.push(Buffer.from(bytes));
      this.ops.push(feeds, -2 - (this.extra.length - 1), 0);
    }
  }

  entryHeader(bytes: Uint8Array): void {
    this.op(FEED_SIGNATURE, bytes);
  }

  content(bytes: Uint8Array): void {
    this.op(FEED_ENTRY, bytes);
  }

  endEntry(): void {
    this.ops.push(0, -1, 0);
  }

  /** Sends the slot's hash ops to the workers that keep them (cryptoWorker.ts, hashJobs). */
  private sendOps(): void {
    if (this.ops.length === 0) return;
    const slot = this.current;
    for (const { worker, lanes, cost } of hashJobs(this.ops, this.contentWorker, this.fileWorker, this.hashFile)) {
      this.refs[slot]!++;
      worker.call({ t: 'hash', slot, ops: this.ops, extra: this.extra, lanes }, cost).then(
        () => this.release(slot),
        (error: Error) => this.fail(error),
      );
    }
    this.ops = [];
    this.extra = [];
  }

  async entryDigests(): Promise<Buffer[]> {
    this.sendOps();
    const worker = this.hashFile ? this.contentWorker : this.fileWorker;
    return (await worker.call<Uint8Array[]>({ t: 'entries' })).map(asBuffer);
  }

  async signatureDigest(): Promise<Buffer> {
    this.sendOps();
    return asBuffer(await this.contentWorker.call({ t: 'signature' }));
  }

  async fileDigest(): Promise<Buffer> {
    if (!this.hashFile) throw new Error('opened without the bundle hash');
    await this.fileChain;
    return asBuffer(await this.fileWorker.call({ t: 'fileDigest' }));
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fail(this.failure ?? new Error('closed'));
    await Promise.allSettled([...this.reads]);
    await this.reader.close();
    await Promise.all([this.contentWorker.close(), this.fileWorker.close()]);
    giveMemory(this.memory);
  }
}
