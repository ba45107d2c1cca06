import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { currentCounter, type WriteContext } from '../../../renderer/db/repository';
import { createUnit } from '../../../renderer/db/units';
import { adoptHighWater, reportCounter, reportCounterAfterWrites, type CounterApi } from '../../../renderer/sync/counter';
import { startSync } from '../../../renderer/sync/startup';
import { newId } from '../../../shared/ids';

const ME = '0123456789abcdef0123456789abcdef';
const ctx: WriteContext = { actor: { installationId: ME, operator: '张三' }, now: () => 1_700_000_000_000 };

/** The main process's mark, in memory (the real one is electron/ipc/sync.ts, tested beside it). */
function fakeMain(start = 0): CounterApi & { mark: number; reports: number[] } {
  const main = {
    mark: start,
    reports: [] as number[],
    counterHighWater: async () => ({ counter: main.mark }),
    recordCounter: async ({ counter }: { counter: number }) => {
      main.reports.push(counter);
      main.mark = Math.max(main.mark, counter);
      return { counter: main.mark };
    },
  };
  return main;
}

let db: CadreDb;
beforeEach(async () => {
  db = openDatabase(`sync-counter-${newId()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('the counter high-water mark, renderer side', () => {
  it('a fresh database on an old identity continues above the mark instead of reusing counters', async () => {
    const main = fakeMain(250);
    expect(await adoptHighWater(db, main)).toBe(250);
    const unit = await createUnit(db, ctx, null, '新城区委');
    expect(unit.vv[ME]).toBe(251);
  });

  it('adopting never lowers a database counter that is ahead', async () => {
    await createUnit(db, ctx, null, '甲');
    await createUnit(db, ctx, null, '乙');
    expect(await adoptHighWater(db, fakeMain(1))).toBe(2);
    expect(await currentCounter(db)).toBe(2);
  });

  it('reports the counter once after a burst of writes, and on demand', async () => {
    const main = fakeMain();
    // a hand-driven clock: pending holds the one scheduled report, if any
    let pending: (() => void) | undefined;
    const timers = { set: (fn: () => void) => (pending = fn), clear: () => (pending = undefined) };
    const stop = reportCounterAfterWrites(db, main, { timers });
    await createUnit(db, ctx, null, '甲');
    await createUnit(db, ctx, null, '乙');
    await createUnit(db, ctx, null, '丙');
    expect(main.reports).toEqual([]);
    await vi.waitFor(() => expect(pending).toBeDefined());
    pending!();
    await vi.waitFor(() => expect(main.reports).toEqual([3]));
    stop();
    pending = undefined;
    await createUnit(db, ctx, null, '丁');
    expect(pending).toBeUndefined();
    expect(main.reports).toEqual([3]);
    expect(await reportCounter(db, main)).toBe(4);
    expect(main.mark).toBe(4);
  });
});

describe('startSync', () => {
  it('raises the counter to the mark and discards staging left by an interrupted import, before any write', async () => {
    await db.staging.put({ key: 'chunk:00000000', ndjson: new Uint8Array([10]), lines: 0 });
    const stop = await startSync(db, fakeMain(70), () => {});
    stop();
    expect(await db.staging.count()).toBe(0);
    expect(await currentCounter(db)).toBe(70);
  });
});
