import { constants, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPartFile, DIRECT_BLOCK } from '../../../../electron/bundle/partFile';
import { PartWriter } from '../../../../electron/bundle/parts';

// Parts written past the page cache (O_DIRECT) and through it must hold the same bytes, whatever the sizes: a
// direct write goes out in aligned blocks with the last one padded and the file cut back to its length.

const dir = mkdtempSync(path.join(tmpdir(), 'cadre-partfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

  it('leave nothing behind when the writer is cancelled mid-way', async () => {
    const out = path.join(dir, 'cancelled.cadre');
    const writer = new PartWriter(out, 3 * DIRECT_BLOCK);
    await writer.write(pattern(4 * DIRECT_BLOCK + 100));
    await writer.abort();
    expect(readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });
});
