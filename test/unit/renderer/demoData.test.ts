import { allFacts, dossierFactsOfSet } from '../../../renderer/db/dossierFacts';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { bulkLoadBatch } from '../../../renderer/db/bulkLoad';
import { currentCounter, nextCounter } from '../../../renderer/db/repository';
import { loadDemoData, type LoadDemoDataOptions } from '../../../renderer/features/demoData/loadDemoData';
import { DEMO_DATA_KEY, DemoDataMarkSchema, clearStaleDemoMark, demoDataBlocker } from '../../../renderer/features/demoData/demoMark';
import { createUnit } from '../../../renderer/db/units';
import { UserError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { sampleCadre } from '../../fixtures/cadre';

const INSTALLATION = 'c'.repeat(32);

let db: CadreDb;
beforeEach(() => {
  db = openDatabase(`demo-${newId()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function options(cadres: number, progress: [number, number][] = [], extra: Partial<LoadDemoDataOptions> = {}): LoadDemoDataOptions {
  return {
    cadres,
    installationId: INSTALLATION,
    operator: '李明',
    asOf: '2026-05',
    onProgress: (done, total) => progress.push([done, total]),
    now: () => 1_700_000_000_000,
    ...extra,
  };
}

describe('loadDemoData', () => {
  it('loads the cadres in batches with progress, stamps them as local, advances the counter and marks the database', async () => {
    const progress: [number, number][] = [];
    // small batches, so the 50 cadres take several
    const result = await loadDemoData(db, options(50, progress, { batchRecords: 200 }));

    expect(result.cadres).toBe(50);
    expect(await db.cadres.count()).toBe(50);
    expect(progress[0]).toEqual([0, 50]);
    expect(progress.at(-1)).toEqual([50, 50]);
    expect(progress.length).toBeGreaterThan(3);
    const dones = progress.map(([done]) => done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(progress.every(([, total]) => total === 50)).toBe(true);

    // the records look local: this installation's id in vv and updatedBy, one counter value per record
    const cadres = await db.cadres.toArray();
    expect(cadres.every((c) => c.updatedBy.installationId === INSTALLATION && c.updatedBy.operator === '李明')).toBe(true);
    const units = await db.units.toArray();
    const counters = [...units, ...cadres].map((r) => r.vv[INSTALLATION]!);
    expect(new Set(counters).size).toBe(counters.length);
    // a later local edit must bump past every loaded record's vv
    expect(await currentCounter(db)).toBe(result.records);
    expect(Math.max(...counters)).toBeLessThanOrEqual(result.records);

    const mark = DemoDataMarkSchema.parse((await db.meta.get(DEMO_DATA_KEY))?.value);
    expect(mark).toEqual({ cadres: 50, startedAt: 1_700_000_000_000, loadedAt: 1_700_000_000_000, records: result.records });
    // ~21 records per cadre plus the unit tree
    expect(result.records).toBeGreaterThan(50 * 10 + units.length);
  });

  it('never reuses a counter value, even when a local write takes one during the load', async () => {
    await db.meta.put({ key: 'counter', value: 7 });
    let local = 0;
    const result = await loadDemoData(
      db,
      options(40, [], {
        batchRecords: 150,
        onProgress: (done) => {
          // a person editing something while the load runs (Dexie's own zone: not part of the loader's work)
          if (done > 0 && local === 0) void Dexie.ignoreTransaction(() => db.transaction('rw', db.meta, () => nextCounter(db))).then((n) => (local = n));
        },
      }),
    );
    const rows = [...(await db.units.toArray()), ...(await db.cadres.toArray())];
    const counters = rows.map((r) => r.vv[INSTALLATION]!);
    expect(local).toBeGreaterThan(7);
    expect(Math.min(...counters)).toBe(8);
    expect(counters).not.toContain(local);
    expect(new Set(counters).size).toBe(counters.length);
    expect(await currentCounter(db)).toBeGreaterThanOrEqual(Math.max(...counters, local));
    expect(result.cadres).toBe(40);
  });

  it('refuses when the database holds a cadre, and writes nothing', async () => {
    await bulkLoadBatch(db, [{ table: 'cadres', record: sampleCadre({ unitId: 'u1' }) }]);
    const progress: [number, number][] = [];

    const refusal = loadDemoData(db, options(50, progress));
    await expect(refusal).rejects.toBeInstanceOf(UserError);
    await expect(refusal).rejects.toThrow('本机数据库中已有干部记录');

    expect(progress).toEqual([]);
    expect(await db.cadres.count()).toBe(1);
    expect(await db.units.count()).toBe(0);
    expect(await db.meta.get(DEMO_DATA_KEY)).toBeUndefined();
    expect(await currentCounter(db)).toBe(0);
  });

  it('refuses a second load on top of demo data', async () => {
    await loadDemoData(db, options(5));
    await expect(loadDemoData(db, options(5))).rejects.toThrow('本机数据库已载入演示数据，不能再次载入');
    expect(await db.cadres.count()).toBe(5);
  });

  it('keeps the batches already stored when stopped half-way, flagged as demo, and says so', async () => {
    const controller = new AbortController();
    const progress: [number, number][] = [];
    const load = loadDemoData(
      db,
      options(30, progress, {
        batchRecords: 100,
        signal: controller.signal,
        onProgress: (done, total) => {
          progress.push([done, total]);
          if (done > 0) controller.abort();
        },
      }),
    );
    await expect(load).rejects.toThrow(/载入演示数据中断：已按要求停止。已载入的 \d+ \/ 30 名干部留在本机数据库中，并已标记为演示数据/);
    const stored = await db.cadres.count();
    expect(stored).toBe(progress.at(-1)![0]);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(30);
    expect(DemoDataMarkSchema.parse((await db.meta.get(DEMO_DATA_KEY))?.value).loadedAt).toBeNull();
    // the kept facts of the dossiers stored are written before it returns (renderer/db/dossierFacts.ts)
    const sets = await db.subRecords.toArray();
    expect(await allFacts(db)).toEqual(new Map(sets.map((s) => [s.cadreId, dossierFactsOfSet(s as never)])));
    expect(sets.length).toBe(stored);
  });

  it('takes the mark away again when nothing was stored', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadDemoData(db, options(5, [], { signal: controller.signal }))).rejects.toThrow('未写入任何数据');
    expect(await db.meta.get(DEMO_DATA_KEY)).toBeUndefined();
    expect(await db.units.count()).toBe(0);
  });

  it('refuses sizes it does not offer', async () => {
    await expect(loadDemoData(db, options(0))).rejects.toThrow('演示数据的人数须为 1 至 100,000 之间的整数');
    await expect(loadDemoData(db, options(2.5))).rejects.toBeInstanceOf(UserError);
  });
});

describe('while demo data loads', () => {
  it('local writes are refused with a message, and allowed again afterwards', async () => {
    const ctx = { actor: { installationId: INSTALLATION, operator: '李明' }, now: () => 1_700_000_000_000 };
    let refusal: unknown = null;
    await loadDemoData(
      db,
      options(20, [], {
        batchRecords: 100,
        onProgress: (done) => {
          if (done > 0 && !refusal) void Dexie.ignoreTransaction(() => createUnit(db, ctx, null, '真实单位')).catch((e: unknown) => (refusal = e));
        },
      }),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as Error).message).toContain('正在载入演示数据');
    expect(await db.units.filter((u) => u.name === '真实单位').count()).toBe(0);
    // afterwards the hold is gone (the database now holds demo data, which the UI flags)
    await createUnit(db, ctx, null, '培训练习单位');
    expect(await db.units.filter((u) => u.name === '培训练习单位').count()).toBe(1);
  });
});

describe('clearStaleDemoMark', () => {
  it('removes a mark left on an empty database by a load that stored nothing, and keeps every other mark', async () => {
    const mark = { cadres: 1000, startedAt: 1, loadedAt: null, records: null };
    await db.meta.put({ key: DEMO_DATA_KEY, value: mark });
    expect(await clearStaleDemoMark(db)).toBe(true);
    expect(await db.meta.get(DEMO_DATA_KEY)).toBeUndefined();
    // a partial load (records stored) keeps its mark
    await db.meta.put({ key: DEMO_DATA_KEY, value: mark });
    await bulkLoadBatch(db, [{ table: 'cadres', record: sampleCadre({ unitId: 'u1' }) }]);
    expect(await clearStaleDemoMark(db)).toBe(false);
    expect(await db.meta.get(DEMO_DATA_KEY)).toBeDefined();
  });
});

describe('demoDataBlocker', () => {
  it('allows only a database without units and cadres', () => {
    const none = { hasUnits: false, hasCadres: false, demo: false };
    expect(demoDataBlocker(none)).toBeNull();
    expect(demoDataBlocker({ ...none, demo: true })).toBeNull();
    expect(demoDataBlocker({ ...none, hasUnits: true })).toContain('已有单位记录');
    expect(demoDataBlocker({ ...none, hasUnits: true, hasCadres: true })).toContain('已有干部记录');
    expect(demoDataBlocker({ hasUnits: true, hasCadres: true, demo: true })).toBe('本机数据库已载入演示数据，不能再次载入。');
  });
});
