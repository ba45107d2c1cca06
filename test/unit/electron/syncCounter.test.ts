import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COUNTER_FILE, createCounterStore, syncHandlers } from '../../../electron/ipc/sync';
import { UserError } from '../../../shared/errors';

const ME = '0123456789abcdef0123456789abcdef';
const OTHER = 'fedcba9876543210fedcba9876543210';
let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'cadredesk-counter-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const keys = () => path.join(dir, 'keys');

describe('the counter high-water mark beside the identity', () => {
  it('starts at 0, rises, never lowers, and survives a new store (a restart)', async () => {
    const store = createCounterStore(keys(), ME);
    expect(await store.read()).toBe(0);
    expect(await store.raise(12)).toBe(12);
    expect(await store.raise(5)).toBe(12);
    expect(await createCounterStore(keys(), ME).read()).toBe(12);
    expect(JSON.parse(readFileSync(path.join(keys(), COUNTER_FILE), 'utf8'))).toEqual({ format: 'cadredesk-counter/1', installationId: ME, counter: 12 });
  });

  it('serialises raises: the highest of many concurrent reports is kept', async () => {
    const store = createCounterStore(keys(), ME);
    await Promise.all([30, 7, 55, 12, 54].map((n) => store.raise(n)));
    expect(await store.read()).toBe(55);
  });

  it('a mark written for another identity counts as nothing', async () => {
    await createCounterStore(keys(), OTHER).raise(99);
    expect(await createCounterStore(keys(), ME).read()).toBe(0);
  });

  it('a damaged file is reported in Chinese on read, and replaced by the next report', async () => {
    mkdirSync(keys(), { recursive: true });
    writeFileSync(path.join(keys(), COUNTER_FILE), '{not json');
    const store = createCounterStore(keys(), ME);
    await expect(store.read()).rejects.toBeInstanceOf(UserError);
    await expect(store.read()).rejects.toThrow('计数记录文件');
    expect(await store.raise(8)).toBe(8);
    expect(await store.read()).toBe(8);
  });

  it('the IPC handlers read and raise the mark in <userData>/keys', async () => {
    const h = syncHandlers({ userDataDir: dir, identity: { installationId: ME } });
    const ctx = { emit: () => {} };
    expect(await h['sync.counterHighWater'](undefined, ctx)).toEqual({ counter: 0 });
    expect(await h['sync.recordCounter']({ counter: 40 }, ctx)).toEqual({ counter: 40 });
    expect(await h['sync.recordCounter']({ counter: 3 }, ctx)).toEqual({ counter: 40 });
    expect(await syncHandlers({ userDataDir: dir, identity: { installationId: ME } })['sync.counterHighWater'](undefined, ctx)).toEqual({ counter: 40 });
  });
});
