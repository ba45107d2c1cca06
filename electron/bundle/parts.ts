import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fail } from './errors';
import { ALIGN, createPartFile, type PartFile, type PartMode } from './partFile';

// Parts (docs/bundle-format.md "File layout", Parts): NAME.cadre, NAME.cadre.002, NAME.cadre.003, … of exactly
// part_size bytes each but the last; the default keeps every file under FAT32's limit.

export const DEFAULT_PART_SIZE = 4_294_967_295;

export function partPath(first: string, n: number): string {
  return n === 1 ? first : `${first}.${String(n).padStart(3, '0')}`;
}

const partialOf = (file: string) => `${file}.partial`;

/**
 * Writes a byte stream into parts, each first as `<part>.partial`; finish() flushes every part to the disk and
 * only then renames them, so a crash or a cancel never leaves something that looks like a whole bundle. Each part
 * is written past the page cache where the system allows it (partFile.ts).
 */
export class PartWriter {
  private file: PartFile | null = null;
  private part = 0;
  private inPart = 0;
  private readonly written: string[] = [];
  bytes = 0;

  constructor(
    private readonly first: string,
    private readonly partSize: number = DEFAULT_PART_SIZE,
    private readonly mode: PartMode = 'auto',
  ) {
    if (!Number.isSafeInteger(partSize) || partSize < 1 || partSize > DEFAULT_PART_SIZE) {
      throw fail.input('分卷大小无效（应为 1 到 4294967295 字节）。', `part size must be 1..${DEFAULT_PART_SIZE} bytes`);
    }
  }

  private async nextPart(): Promise<PartFile> {
    if (this.file) await this.closePart();
    this.part++;
    const file = partPath(this.first, this.part);
    this.written.push(file);
    this.file = await createPartFile(partialOf(file), this.mode);
    this.inPart = 0;
    return this.file;
  }

  private async closePart(): Promise<void> {
    const f = this.file!;
    this.file = null;
    await f.close();
  }

  /** Writes all of `data` (the caller may reuse it once this resolves). */
  async write(data: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      const file = this.file && this.inPart < this.partSize ? this.file : await this.nextPart();
      const take = Math.min(this.partSize - this.inPart, data.length - offset);
      await file.write(data.subarray(offset, offset + take));
      offset += take;
      this.inPart += take;
      this.bytes += take;
    }
  }

  /**
   * Like write(), for memory the caller placed so that each byte's address is its offset in the whole stream,
   * modulo ALIGN, counting from alignmentOf()'s offset: written from where it lies in every part that starts on
   * such a boundary (a part size that is not a multiple of ALIGN shifts the later parts: those are copied), and
   * copied throughout when alignmentOf() had no offset to give. The memory may be reused once `done` resolves.
   */
  async writeInPlace(data: Buffer): Promise<{ done: Promise<void> }> {
    if (!this.placed) {
      await this.write(data);
      return { done: Promise.resolve() };
    }
    const done: Promise<void>[] = [];
    let offset = 0;
    while (offset < data.length) {
      const file = this.file && this.inPart < this.partSize ? this.file : await this.nextPart();
      const take = Math.min(this.partSize - this.inPart, data.length - offset);
      const piece = data.subarray(offset, offset + take);
      if ((this.bytes - this.inPart) % ALIGN === 0) done.push((await file.writeInPlace(piece)).done);
      else await file.write(piece);
      offset += take;
      this.inPart += take;
      this.bytes += take;
    }
    return { done: Promise.all(done).then(() => undefined) };
  }

  /** whether alignmentOf() gave the caller an offset to place its memory by */
  private placed = false;

  /** See PartFile.alignmentOf: asked of the first part, before anything is written. */
  async alignmentOf(memory: Buffer): Promise<number | null> {
    if (this.bytes > 0) return null;
    const at = await (this.file ?? (await this.nextPart())).alignmentOf(memory);
    this.placed = at !== null;
    return at;
  }

  /** Flushes and renames every part; removes stale parts of an earlier, longer bundle of the same name. */
  async finish(): Promise<string[]> {
    if (!this.file) await this.nextPart();
    await this.closePart();
    for (const file of this.written) await fs.rename(partialOf(file), file);
    for (let n = this.written.length + 1; ; n++) {
      try {
        await fs.unlink(partPath(this.first, n));
      } catch {
        break;
      }
    }
    await syncDir(path.dirname(this.first));
    return [...this.written];
  }

  /** Cancels: nothing is left behind. */
  async abort(): Promise<void> {
    if (this.file) await this.file.abort().catch(() => undefined);
    this.file = null;
    for (const file of this.written) await fs.unlink(partialOf(file)).catch(() => undefined);
  }
}

async function syncDir(dir: string): Promise<void> {
  // A directory fsync makes the renames durable where the OS allows it (not on Windows).
  try {
    const h = await fs.open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    /* not supported here */
  }
}

export interface PartList {
  files: string[];
  sizes: number[];
  total: number;
}

/**
 * The parts of a bundle named by its first part. Every part but the last must have the same size, and the last
 * must not be larger or empty; a part after a missing one is an error, not something to skip over.
 */
export async function listParts(first: string): Promise<PartList> {
  if (/\.cadre\.\d{3,}$/.test(first)) {
    throw fail.parts('请选择第一个分卷（扩展名为 .cadre 的文件）', 'name the first part (the .cadre file)');
  }
  const files: string[] = [];
  const sizes: number[] = [];
  for (let n = 1; ; n++) {
    const file = partPath(first, n);
    let size: number;
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) throw fail.parts(`${path.basename(file)} 不是文件`, `${path.basename(file)} is not a file`);
      size = stat.size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (n === 1) throw fail.input(`找不到交换包文件：${first}`, `bundle file not found: ${first}`);
      break;
    }
    files.push(file);
    sizes.push(size);
  }
  // A later part after a gap: the gap is a missing part.
  for (let n = files.length + 2; n <= files.length + 3; n++) {
    const exists = await fs.stat(partPath(first, n)).then(
      () => true,
      () => false,
    );
    if (exists) {
      throw fail.parts(`缺少第 ${files.length + 1} 个分卷`, `part ${files.length + 1} is missing`);
    }
  }
  const head = sizes[0]!;
  for (let i = 1; i < sizes.length; i++) {
    const last = i === sizes.length - 1;
    if ((!last && sizes[i] !== head) || (last && (sizes[i]! > head || sizes[i] === 0))) {
      throw fail.parts(`第 ${i + 1} 个分卷的大小不对`, `part ${i + 1} has the wrong size`);
    }
  }
  return { files, sizes, total: sizes.reduce((a, b) => a + b, 0) };
}

/**
 * The parts' bytes in order, read into buffers from `take` (each yielded buffer is the caller's from then on, so
 * it can be handed to a worker without a copy). The next read is already under way while the caller works on a
 * piece (`ahead` reads in flight, at explicit positions): decrypting and reading then overlap instead of taking
 * turns.
 */
export async function* readParts(parts: PartList, take: () => Buffer = () => Buffer.allocUnsafeSlow(1 << 20), ahead = 2): AsyncGenerator<Buffer> {
  for (const file of parts.files) {
    const handle = await fs.open(file, 'r');
    const queue: Promise<{ piece: Buffer; at: number; asked: number }>[] = [];
    let position = 0;
    let ended = false;
    const readNext = () => {
      const buffer = take();
      const at = position;
      position += buffer.length;
      const read = handle.read(buffer, 0, buffer.length, at).then(({ bytesRead }) => ({ piece: buffer.subarray(0, bytesRead), at, asked: buffer.length }));
      // A read that fails while an earlier one is awaited is reported when its turn comes, not as unhandled.
      read.catch(() => undefined);
      queue.push(read);
    };
    try {
      while (!ended || queue.length > 0) {
        while (!ended && queue.length < ahead) readNext();
        const { piece, at, asked } = await queue.shift()!;
        if (piece.length === 0) {
          ended = true;
          continue;
        }
        if (piece.length < asked) {
          // A short read (the end, or a file still growing): the reads behind it started past it; start again here.
          await Promise.allSettled(queue.splice(0));
          position = at + piece.length;
        }
        yield piece;
      }
    } finally {
      // Reads still in flight (the caller stopped early or failed) must end before the handle closes.
      await Promise.allSettled(queue);
      await handle.close();
    }
  }
}
