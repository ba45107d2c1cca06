import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonIfExists, writeFileAtomic } from '../../../electron/fsAtomic';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cadredesk-fs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const posix = process.platform !== 'win32';

describe('writeFileAtomic', () => {
  it('creates missing folders (0700) and writes the file (0600 by default), leaving no temporary file', async () => {
    const file = path.join(dir, 'a', 'b', 'settings.json');
    await writeFileAtomic(file, '{"x":1}');
    expect(readFileSync(file, 'utf8')).toBe('{"x":1}');
    expect(readdirSync(path.dirname(file))).toEqual(['settings.json']);
    if (posix) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(path.join(dir, 'a')).mode & 0o777).toBe(0o700);
    }
  });

  it('replaces an existing file whole, and writes bytes as they are', async () => {
    const file = path.join(dir, 'k.bin');
    writeFileSync(file, 'old content that is longer');
    await writeFileAtomic(file, new Uint8Array([0, 255, 1]));
    expect([...readFileSync(file)]).toEqual([0, 255, 1]);
    expect(readdirSync(dir)).toEqual(['k.bin']);
  });

  it('honours an explicit mode', async () => {
    const file = path.join(dir, 'public.txt');
    await writeFileAtomic(file, 'x', 0o644);
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o644 & ~process.umask());
  });
});

describe('readJsonIfExists', () => {
  it('is undefined for a missing file, the value for a JSON file', async () => {
    expect(await readJsonIfExists(path.join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(path.join(dir, 'v.json'), '{"a":[1,"二"]}');
    expect(await readJsonIfExists(path.join(dir, 'v.json'))).toEqual({ a: [1, '二'] });
  });

  it('throws on invalid JSON (a damaged file is not the same as no file)', async () => {
    writeFileSync(path.join(dir, 'bad.json'), '{"a":');
    await expect(readJsonIfExists(path.join(dir, 'bad.json'))).rejects.toThrow(SyntaxError);
  });
});
