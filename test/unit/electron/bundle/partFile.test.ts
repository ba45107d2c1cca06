import { constants, mkdtempSync, openSync, closeSync, promises as fsp, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ALIGN, createPartFile, DIRECT_BLOCK } from '../../../../electron/bundle/partFile';
import { PartWriter } from '../../../../electron/bundle/parts';

// Parts written past the page cache (O_DIRECT) and through it must hold the same bytes, whatever the sizes: a
// direct write goes out in aligned blocks, and the part's last bytes that do not fill 4 KiB through the cache.

const dir = mkdtempSync(path.join(tmpdir(), 'cadre-partfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

type Write = (data: Uint8Array, offset: number, length: number, position?: number | null) => Promise<{ bytesWritten: number }>;

/**
 * Every write to files opened in `dir` from now on; `report` may say fewer bytes were written than were (a short
 * write as the caller sees it).
 */
function watchWrites(report: (w: { file: string; offset: number; length: number; position: number | null | undefined }) => number = (w) => w.length) {
  const seen: { file: string; position: number; length: number; memory: ArrayBufferLike }[] = [];
  const open = fsp.open.bind(fsp);
  vi.spyOn(fsp, 'open').mockImplementation(async (file, flags, mode) => {
    const handle = await open(file, flags, mode);
    if (!String(file).startsWith(dir)) return handle;
    const write = handle.write.bind(handle) as Write;
    return Object.assign(Object.create(handle) as FileHandle, {
      write: async (data: Uint8Array, offset = 0, length = data.byteLength - offset, position: number | null = null) => {
        const r = await write(data, offset, length, position);
        seen.push({ file: String(file), position: position ?? -1, length: r.bytesWritten, memory: data.buffer });
        return { ...r, bytesWritten: Math.min(r.bytesWritten, report({ file: String(file), offset, length, position })) };
      },
      truncate: (len?: number) => handle.truncate(len),
      sync: () => handle.sync(),
      close: () => handle.close(),
    });
  });
  return seen;
}

/** Bytes that differ at every position, so a block written at the wrong place shows. */
const pattern = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + (i >> 8)) & 0xff));

/** Whether `file`'s open descriptor `fd` was opened with O_DIRECT (Linux's /proc tells the flags, in octal). */
function isDirect(fd: number): boolean {
  const flags = /flags:\s+([0-7]+)/.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1]!;
  return (parseInt(flags, 8) & (constants as { O_DIRECT?: number }).O_DIRECT!) !== 0;
}

/** Whether this directory's file system takes O_DIRECT at all. */
function takesDirect(where: string): boolean {
  try {
    closeSync(openSync(path.join(where, 'probe'), constants.O_WRONLY | constants.O_CREAT | (constants as { O_DIRECT?: number }).O_DIRECT!));
    return true;
  } catch {
    return false;
  } finally {
    rmSync(path.join(where, 'probe'), { force: true });
  }
}

describe('part files', () => {
  it.runIf(process.platform === 'linux')('are written past the page cache wherever the file system takes it', async () => {
    const file = path.join(dir, 'direct.partial');
    const part = await createPartFile(file, 'auto');
    // the descriptor the part holds: the newest one pointing at this file
    const fds = readdirSync('/proc/self/fd')
      .map(Number)
      .filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === file;
        } catch {
          return false;
        }
      });
    expect(fds.length).toBe(1);
    expect(isDirect(fds[0]!)).toBe(takesDirect(dir));
    await part.write(pattern(10_000));
    await part.close();
    expect(readFileSync(file).equals(pattern(10_000))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('hold exactly what was written, past the cache or through it, in pieces of any size', async () => {
    const sizes = [0, 1, 4095, 4096, 4097, DIRECT_BLOCK - 1, DIRECT_BLOCK, DIRECT_BLOCK + 1, 5 * DIRECT_BLOCK + 12_345];
    const pieces = [1, 4096, 777, 1 << 20, DIRECT_BLOCK + 3];
    for (const size of sizes) {
      const data = pattern(size);
      for (const mode of ['auto', 'buffered'] as const) {
        const file = path.join(dir, `p-${size}-${mode}`);
        const part = await createPartFile(file, mode);
        for (let at = 0, i = 0; at < size; i++) {
          const n = Math.min(pieces[i % pieces.length]!, size - at);
          const piece = Buffer.from(data.subarray(at, at + n));
          await part.write(piece);
          piece.fill(0); // the caller may reuse its buffer once a write resolved
          at += n;
        }
        await part.close();
        const got = readFileSync(file);
        expect(got.length).toBe(size);
        expect(got.equals(data)).toBe(true);
        rmSync(file);
      }
    }
  }, 60_000);

  it('cut into parts of any size (the default is not a multiple of any block) the same either way', async () => {
    for (const partSize of [1000, 4096, 4097, DIRECT_BLOCK + 1, 2 * DIRECT_BLOCK - 7]) {
      // a few parts each (every part is made durable on its own: thousands would take minutes)
      const data = pattern(partSize < DIRECT_BLOCK ? 5 * partSize + 17 : 3 * DIRECT_BLOCK + 5000);
      const got: Buffer[] = [];
      for (const mode of ['auto', 'buffered'] as const) {
        const writer = new PartWriter(path.join(dir, `w-${partSize}-${mode}.cadre`), partSize, mode);
        for (let at = 0, n = 1 + (partSize >> 1); at < data.length; at += n) await writer.write(data.subarray(at, at + n));
        const files = await writer.finish();
        expect(files.length).toBe(Math.ceil(data.length / partSize));
        for (const f of files.slice(0, -1)) expect(statSync(f).size).toBe(partSize);
        got.push(Buffer.concat(files.map((f) => readFileSync(f))));
        for (const f of files) rmSync(f);
      }
      expect(got[0]!.equals(data)).toBe(true);
      expect(got[1]!.equals(data)).toBe(true);
    }
  }, 60_000);

  it('write placed memory from where it lies, the same bytes as a copy, in parts of any size', async () => {
    // As the seal engine places sealed slots (sealEngine.ts): each byte at an address that is its offset in the
    // stream modulo ALIGN, counting from the offset alignmentOf() found. Two halves of the memory take turns, each
    // reused (overwritten) as soon as its write is done.
    const seen = watchWrites();
    const shared = new SharedArrayBuffer(2 * (DIRECT_BLOCK + 3 * ALIGN));
    const memory = Buffer.from(shared);
    const half = shared.byteLength / 2;
    const sizes = [777, 10, 5000, DIRECT_BLOCK + 2048, ALIGN, 3 * ALIGN + 1, DIRECT_BLOCK, 1, 2 * ALIGN - 1, DIRECT_BLOCK - 5];
    const data = pattern(sizes.reduce((a, b) => a + b, 0));
    for (const partSize of [3 << 20, (3 << 20) + 5, undefined]) {
      const out = path.join(dir, `placed-${partSize ?? 'one'}.cadre`);
      const writer = new PartWriter(out, partSize);
      const aligned = await writer.alignmentOf(memory);
      if (takesDirect(dir)) expect(aligned).not.toBeNull();
      const done: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
      let at = 0;
      for (const [i, n] of sizes.entries()) {
        const piece = data.subarray(at, at + n);
        if (i === 0) await writer.write(piece); // the header, copied
        else {
          const h = i % 2;
          await done[h];
          memory.fill(0xee, h * half, (h + 1) * half); // what the last write from here left behind
          const place = aligned === null ? h * half : h * half + ((((at + aligned - h * half) % ALIGN) + ALIGN) % ALIGN);
          piece.copy(memory, place);
          done[h] = (await writer.writeInPlace(memory.subarray(place, place + n))).done;
        }
        at += n;
      }
      await Promise.all(done);
      const files = await writer.finish();
      expect(Buffer.concat(files.map((f) => readFileSync(f))).equals(data)).toBe(true);
      if (partSize) for (const f of files.slice(0, -1)) expect(statSync(f).size).toBe(partSize);
      // past the cache, the whole pages of each placed piece went to the disk from the caller's memory in the parts
      // that start on a page boundary; in the others (a part size that is not a multiple of ALIGN) all was copied
      const fromMemory = seen.filter((w) => w.file.startsWith(out) && w.memory === shared);
      if (aligned !== null) {
        const inFirst = fromMemory.filter((w) => w.file === `${out}.partial`).reduce((a, w) => a + w.length, 0);
        const inOthers = fromMemory.filter((w) => w.file !== `${out}.partial`).reduce((a, w) => a + w.length, 0);
        expect(inFirst).toBeGreaterThan(1 << 20);
        if (partSize === (3 << 20) + 5) expect(inOthers).toBe(0);
        else expect(inFirst + inOthers).toBeGreaterThan(2 * DIRECT_BLOCK);
      }
      for (const f of files) rmSync(f);
      seen.length = 0;
    }
  }, 60_000);

  it('never write past the end of a part (a part may be the largest file FAT32 allows)', async () => {
    const seen = watchWrites();
    const size = DIRECT_BLOCK + 5000; // a whole block, then a tail that is not a whole 4 KiB
    const file = path.join(dir, 'no-padding');
    const part = await createPartFile(file, 'auto');
    await part.write(pattern(size));
    await part.close();
    expect(readFileSync(file).equals(pattern(size))).toBe(true);
    const writes = seen.filter((w) => w.file === file && w.length > 0);
    expect(writes.length).toBeGreaterThan(0);
    expect(Math.max(...writes.map((w) => w.position + w.length))).toBe(size);
  });

  it('finish through the cache what a short write left unaligned, and lose no byte', async () => {
    let cut = false;
    // the first large write is reported 100 bytes short, as when a disk fills up
    watchWrites((w) => (!cut && w.length >= DIRECT_BLOCK && (cut = true) ? w.length - 100 : w.length));
    const size = 2 * DIRECT_BLOCK + 777;
    const file = path.join(dir, 'short');
    const part = await createPartFile(file, 'auto');
    await part.write(pattern(size));
    await part.close();
    expect(cut).toBe(true);
    expect(readFileSync(file).equals(pattern(size))).toBe(true);
  });

  it('leave nothing behind when the writer is cancelled mid-way', async () => {
    const out = path.join(dir, 'cancelled.cadre');
    const writer = new PartWriter(out, 3 * DIRECT_BLOCK);
    await writer.write(pattern(4 * DIRECT_BLOCK + 100));
    await writer.abort();
    expect(readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });
});
