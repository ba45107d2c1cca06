import { constants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

// One part file being written (parts.ts cuts the bundle's byte stream into them), in one of two ways
// (docs/bundle-format.md "Writing a bundle"):
// - past the page cache (O_DIRECT, where the system has it and the file system takes it): the bytes go from our
//   memory to the disk, with no copy into the page cache and no pile of dirty pages to flush at the end. A 2 GB
//   export then neither pushes the user's other work out of memory nor spends a core on copying, and the read-back
//   that every export does (exchange/sessions.ts) reads what reached the stick rather than the copy in memory.
// - through the page cache everywhere else (Windows, macOS, file systems that refuse O_DIRECT), flushed as it goes.

export interface PartFile {
  /** Appends all of `data` (the caller may reuse it once this resolves). */
  write(data: Uint8Array): Promise<void>;
  /**
   * Appends all of `data`, written from where it lies when it can be: the caller has placed it (with
   * alignmentOf) so that each byte's address is its position in this file, modulo ALIGN. Resolves once queued
   * in order; the caller may reuse the memory once `done` resolves.
   */
  writeInPlace(data: Buffer): Promise<{ done: Promise<void> }>;
  /**
   * The offset in `memory` where an address is aligned for writes past the cache, or null when this part is not
   * written that way (writeInPlace then copies). Asked before anything is written.
   */
  alignmentOf(memory: Buffer): Promise<number | null>;
  /** Every byte written and made durable; the file closed. */
  close(): Promise<void>;
  /** Closed whatever its state (the caller removes the file). */
  abort(): Promise<void>;
}

/** How a part is written; 'auto' tries past the page cache first. */
export type PartMode = 'auto' | 'buffered';

export async function createPartFile(file: string, mode: PartMode): Promise<PartFile> {
  return (mode === 'auto' ? await openDirect(file) : null) ?? new BufferedPart(await fs.open(file, 'w', 0o600));
}

/**
 * Bytes written between two flushes started in the background. Without them the whole bundle sat in the page cache
 * until the last fsync, which then waited for all of it (a second or more for 2 GB) after the sealing was done;
 * flushing as it goes lets the disk work while the workers seal. The last fsync still makes it all durable.
 */
const FLUSH_EVERY = 64 << 20;

class BufferedPart implements PartFile {
  private sinceFlush = 0;
  /** the background flush in flight, if any: awaited before the file is closed */
  private flushing: Promise<void> | null = null;
  private failure: Error | null = null;

  constructor(private readonly handle: FileHandle) {}

  async writeInPlace(data: Buffer): Promise<{ done: Promise<void> }> {
    await this.write(data);
    return { done: Promise.resolve() };
  }

  alignmentOf(): Promise<null> {
    return Promise.resolve(null);
  }

  async write(data: Uint8Array): Promise<void> {
    for (let done = 0; done < data.length; ) {
      const { bytesWritten } = await this.handle.write(data, done, data.length - done);
      done += bytesWritten;
    }
    if (this.failure) throw this.failure;
    this.sinceFlush += data.length;
    if (this.sinceFlush >= FLUSH_EVERY) this.flushInBackground();
  }

  /** Starts writing what the file holds so far to the disk, unless a flush is already under way. */
  private flushInBackground(): void {
    if (this.flushing) return;
    this.sinceFlush = 0;
    const flushing = this.handle.datasync().then(
      () => undefined,
      (error: Error) => {
        this.failure ??= error;
      },
    );
    this.flushing = flushing;
    void flushing.then(() => {
      if (this.flushing === flushing) this.flushing = null;
    });
  }

  async close(): Promise<void> {
    try {
      await this.flushing;
      if (this.failure) throw this.failure;
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  async abort(): Promise<void> {
    await this.flushing;
    await this.handle.close().catch(() => undefined);
  }
}

/** What O_DIRECT asks of memory addresses, file positions and lengths on any disk we expect (512 or 4096). */
export const ALIGN = 4096;
/** Bytes per write past the cache; BLOCKS of them are in flight or filling at once. */
export const DIRECT_BLOCK = 4 << 20;
const BLOCKS = 4;

/** Staging memory, kept from one part to the next: fresh memory costs a page fault per 4 KiB on first touch. */
const spare: Buffer[] = [];
const STAGING_SIZE = BLOCKS * DIRECT_BLOCK + ALIGN;

/** A part written past the page cache, or null where that cannot be done here (the caller writes it buffered). */
async function openDirect(file: string): Promise<PartFile | null> {
  const direct = (constants as { O_DIRECT?: number }).O_DIRECT;
  if (!direct) return null;
  let handle: FileHandle;
  try {
    handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | direct, 0o600);
  } catch {
    return null; // a file system that refuses O_DIRECT; a real failure shows again on the buffered open
  }
  const staging = spare.pop() ?? Buffer.allocUnsafeSlow(STAGING_SIZE);
  try {
    // Some file systems (vfat, older exFAT) take a write that grows the file through the cache whatever its
    // alignment: the probe writes inside a file already that long, so the disk's own rule is what it meets.
    await handle.truncate(ALIGN);
    const offset = await probe(handle, staging);
    if (offset !== null) return new DirectPart(file, handle, staging, offset);
  } catch (error) {
    spare.push(staging);
    await handle.close().catch(() => undefined);
    throw error;
  }
  spare.push(staging);
  await handle.close();
  return null; // no offset worked: the disk wants more than ALIGN
}

/**
 * The first offset in `memory` from which the disk takes a write past the cache (JavaScript cannot see an address:
 * each 16-byte step is tried, memory from the allocator being 16-byte aligned), or null if none does. Writes
 * ALIGN bytes at position 0 of a file at least that long: zeros, never what the memory held before.
 */
async function probe(handle: FileHandle, memory: Buffer): Promise<number | null> {
  memory.fill(0, 0, 2 * ALIGN);
  for (let offset = 0; offset < ALIGN; offset += 16) {
    try {
      await handle.write(memory, offset, ALIGN, 0);
      return offset;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
    }
  }
  return null;
}

class DirectPart implements PartFile {
  private readonly blocks: Buffer[] = [];
  /** writes from the caller's memory (writeInPlace) not yet done */
  private readonly placed = new Set<Promise<void>>();
  private readonly inFlight: (Promise<void> | null)[] = new Array<Promise<void> | null>(BLOCKS).fill(null);
  private block = 0;
  private used = 0;
  /** where the current block starts in the file */
  private at = 0;
  private failure: Error | null = null;
  private released = false;
  /** the same file opened without O_DIRECT, for bytes that do not fill an aligned run (see put) */
  private cached: Promise<FileHandle> | null = null;

  constructor(
    private readonly file: string,
    private readonly handle: FileHandle,
    private readonly staging: Buffer,
    offset: number,
  ) {
    for (let b = 0; b < BLOCKS; b++) this.blocks.push(staging.subarray(offset + b * DIRECT_BLOCK, offset + (b + 1) * DIRECT_BLOCK));
  }

  async write(data: Uint8Array): Promise<void> {
    const source = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    for (let offset = 0; offset < source.length; ) {
      if (this.failure) throw this.failure;
      const take = Math.min(DIRECT_BLOCK - this.used, source.length - offset);
      source.copy(this.blocks[this.block]!, this.used, offset, offset + take);
      this.used += take;
      offset += take;
      if (this.used === DIRECT_BLOCK) await this.submit();
    }
    if (this.failure) throw this.failure;
  }

  /**
   * The whole pages in the middle of `data` go to the disk from where they lie; what comes before the first page
   * boundary completes the staged page, what follows the last starts the next one. A slot of sealed bytes is
   * thereby written without being copied (docs/bundle-format.md "Writing a bundle").
   */
  async writeInPlace(data: Buffer): Promise<{ done: Promise<void> }> {
    const head = Math.min((ALIGN - ((this.at + this.used) % ALIGN)) % ALIGN, data.length);
    const middle = Math.floor((data.length - head) / ALIGN) * ALIGN;
    if (middle === 0) {
      await this.write(data);
      return { done: Promise.resolve() };
    }
    await this.write(data.subarray(0, head));
    // the staged block now ends on a page boundary (blocks always start on one)
    if (this.used > 0) await this.submit();
    if (this.failure) throw this.failure;
    const done = this.put(data.subarray(head, head + middle), this.at).catch((error: Error) => {
      this.failure ??= error;
    });
    this.placed.add(done);
    void done.then(() => this.placed.delete(done));
    this.at += middle;
    await this.write(data.subarray(head + middle));
    return { done };
  }

  async alignmentOf(memory: Buffer): Promise<number | null> {
    // the probe writes at position 0: only before the part's first byte
    return this.at + this.used === 0 ? probe(this.handle, memory) : null;
  }

  /**
   * Writes `bytes` (from a block) at `at`. Whole aligned runs go past the cache; the rest through it: the end of the
   * part (never padded: a part may be FAT32's largest file, with no byte to spare) and what follows a short write
   * (a full disk), whose error the cached write then reports.
   */
  private async put(bytes: Buffer, at: number): Promise<void> {
    for (let done = 0; done < bytes.length; ) {
      const aligned = done % ALIGN === 0 && (bytes.length - done) % ALIGN === 0;
      const handle = aligned ? this.handle : await (this.cached ??= fs.open(this.file, 'r+'));
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, at + done);
      if (bytesWritten === 0) throw new Error('write made no progress');
      done += bytesWritten;
    }
  }

  /** Starts writing the current block and waits until the next one is free to fill. */
  private async submit(): Promise<void> {
    const b = this.block;
    this.inFlight[b] = this.put(this.blocks[b]!.subarray(0, this.used), this.at).catch((error: Error) => {
      this.failure ??= error;
    });
    this.at += this.used;
    this.used = 0;
    this.block = (b + 1) % BLOCKS;
    await this.inFlight[this.block];
    this.inFlight[this.block] = null;
  }

  async close(): Promise<void> {
    try {
      const length = this.at + this.used;
      if (this.used > 0) {
        const bytes = this.blocks[this.block]!.subarray(0, this.used);
        const whole = Math.floor(this.used / ALIGN) * ALIGN;
        await Promise.all([this.put(bytes.subarray(0, whole), this.at), this.put(bytes.subarray(whole), this.at + whole)]).catch((error: Error) => {
          this.failure ??= error;
        });
      }
      await Promise.all([...this.inFlight, ...this.placed]);
      if (this.failure) throw this.failure;
      // a part shorter than the probe's write
      await this.handle.truncate(length);
      // one fsync makes the file durable whichever descriptor wrote its bytes
      await this.handle.sync();
    } finally {
      await this.closeHandles();
    }
  }

  async abort(): Promise<void> {
    await Promise.all([...this.inFlight, ...this.placed]);
    await this.closeHandles();
  }

  private async closeHandles(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    if (this.cached) await (await this.cached.catch(() => null))?.close().catch(() => undefined);
    if (this.released) return;
    this.released = true;
    if (spare.length < 2) spare.push(this.staging);
  }
}
