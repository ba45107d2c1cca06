import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { currentCounter } from '../../../renderer/db/repository';
import { loadDemoData, type LoadDemoDataOptions } from '../../../renderer/features/demoData/loadDemoData';
import { DEMO_DATA_KEY } from '../../../renderer/features/demoData/demoMark';
import { DEMO_LOAD_RUNNING_KEY, removeUnfinishedDemoLoad } from '../../../renderer/features/demoData/unfinishedLoad';
import type { Locks } from '../../../renderer/db/windowLocks';
import { newId } from '../../../shared/ids';
import { dumpDatabase } from './failureInjection';

// A demo load the window closed in: its batches are removed at the next start (docs/architecture.md "Backup and
// restore"); a load stopped on purpose, a finished one, and one running in another window are left alone.

const INSTALLATION = 'c'.repeat(32);
let name: string;
let db: CadreDb;
beforeEach(() => {
  name = `unfinished-demo-${newId()}`;
  db = openDatabase(name);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

const options = (extra: Partial<LoadDemoDataOptions> = {}): LoadDemoDataOptions => ({
  cadres: 40,
  installationId: INSTALLATION,
  operator: '李明',
  asOf: '2026-05',
  onProgress: () => undefined,
  batchRecords: 100,
  now: () => 1_700_000_000_000,
  ...extra,
});

/** Everything but the counter's row, which a load moves for good (a counter value is never used twice). */
async function contents(of: CadreDb) {
  const dump = await dumpDatabase(of);
  dump.meta = dump.meta!.filter((row) => (row as { key: string }).key !== 'counter');
  return dump;
}

/**
 * Starts a load and "closes the window" after `batches` batches are stored: the connection goes away, so nothing
 * of the load runs after that point (neither its next batch nor any clean-up). Returns a new connection, as the
 * next start opens it.
 */
async function closedDuringLoad(batches: number): Promise<CadreDb> {
  let stored = 0;
  const load = loadDemoData(
    db,
    options({
      onProgress: (done) => {
        if (done > 0 && ++stored === batches) db.close({ disableAutoOpen: true });
      },
    }),
  );
  await load.catch(() => undefined);
  db = openDatabase(name);
  await db.open();
  return db;
}

const heldElsewhere: Locks = { request: (_name: string, ...rest: unknown[]) => (rest.at(-1) as (lock: unknown) => Promise<unknown>)(null) } as Locks;

describe('an unfinished demo load', () => {
  it('is removed at the next start: every table as before the load, the counter kept', async () => {
    await db.open();
    const before = await contents(db);
    const next = await closedDuringLoad(2);
    // what the closed window left: some cadres, flagged, and the load's note
    const left = await next.cadres.count();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(40);
    expect(await next.meta.get(DEMO_LOAD_RUNNING_KEY)).toBeDefined();
    const counter = await currentCounter(next);
    expect(counter).toBeGreaterThan(0);

    const progress: [number, number][] = [];
    expect(await removeUnfinishedDemoLoad(next, { onProgress: (d, t) => progress.push([d, t]), locks: undefined })).toBe('removed');
    expect(await contents(next)).toEqual(before);
    expect(await currentCounter(next)).toBe(counter);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(progress.at(-1)![1]).toBeGreaterThanOrEqual(left);
    // and a second start finds nothing to do
    expect(await removeUnfinishedDemoLoad(next, { locks: undefined })).toBe('none');
  });

  it('is left alone while another window holds the load lock', async () => {
    const next = await closedDuringLoad(1);
    const left = await contents(next);
    expect(await removeUnfinishedDemoLoad(next, { locks: heldElsewhere })).toBe('running elsewhere');
    expect(await contents(next)).toEqual(left);
  });

  it('is not what a finished load or one the person stopped leaves: their data stays', async () => {
    await loadDemoData(db, options({ cadres: 10 }));
    expect(await db.meta.get(DEMO_LOAD_RUNNING_KEY)).toBeUndefined();
    const finished = await contents(db);
    expect(await removeUnfinishedDemoLoad(db, { locks: undefined })).toBe('none');
    expect(await contents(db)).toEqual(finished);

    db.close();
    await Dexie.delete(name);
    db = openDatabase(name);
    const controller = new AbortController();
    const stopped = loadDemoData(db, options({ signal: controller.signal, onProgress: (done) => done > 0 && controller.abort() }));
    await expect(stopped).rejects.toThrow('已按要求停止');
    const kept = await contents(db);
    expect(await db.cadres.count()).toBeGreaterThan(0);
    expect(await removeUnfinishedDemoLoad(db, { locks: undefined })).toBe('none');
    expect(await contents(db)).toEqual(kept);
  });

  it('takes a note left without an unfinished mark away, deleting nothing', async () => {
    await loadDemoData(db, options({ cadres: 10 }));
    // the window closed between the mark's completion and the note's removal (they are one transaction now; an
    // older program's load, or a damaged mark, must still never lead to deleting data)
    await db.meta.put({ key: DEMO_LOAD_RUNNING_KEY, value: 1 });
    const loaded = await contents(db);
    expect(await removeUnfinishedDemoLoad(db, { locks: undefined })).toBe('note only');
    expect(await contents(db)).toEqual({ ...loaded, meta: loaded.meta!.filter((r) => (r as { key: string }).key !== DEMO_LOAD_RUNNING_KEY) });
    expect((await db.meta.get(DEMO_DATA_KEY))?.value).toMatchObject({ cadres: 10 });
  });
});
