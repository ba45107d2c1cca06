import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type AuditEntry, type CadreDb } from '../../../renderer/db/database';
import { onCommittedChanges, type Change } from '../../../renderer/db/changes';
import { currentCounter } from '../../../renderer/db/repository';
import { createUnit } from '../../../renderer/db/units';
import { clearDemoData } from '../../../renderer/features/demoData/clearDemoData';
import { cultivationStores } from '../../../renderer/features/demoData/demoCultivation';
import { DEMO_DATA_KEY, databaseContents, demoDataBlocker } from '../../../renderer/features/demoData/demoMark';
import { loadDemoData } from '../../../renderer/features/demoData/loadDemoData';
import { UserError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';

// 本机设置 → 清除演示数据: everything the demo load wrote (and whatever was entered on top of it) goes, in chunks,
// the mark last; what belongs to the installation stays. Checked by reading the IndexedDB tables.

const INSTALLATION = 'c'.repeat(32);
const CTX = { actor: { installationId: INSTALLATION, operator: '李明' }, now: () => 1_700_000_000_000 };

let db: CadreDb;
beforeEach(() => {
  db = openDatabase(`clear-${newId()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await Dexie.delete(db.name);
});

const audit = (table: string, recordId: string): AuditEntry => ({
  id: newId(),
  at: 1,
  actor: CTX.actor,
  table,
  recordId,
  action: 'update',
  summary: '修改',
  before: null,
  after: null,
});

/** A training database: 30 demo cadres, a photo, change-log entries, and what belongs to the installation. */
async function trainingDatabase(): Promise<{ cadreId: string }> {
  await loadDemoData(db, {
    cadres: 30,
    installationId: INSTALLATION,
    operator: '李明',
    asOf: '2026-05',
    onProgress: () => undefined,
    batchRecords: 120,
  });
  const cadreId = (await db.cadres.limit(1).primaryKeys())[0]!;
  await db.blobs.put({ hash: 'a'.repeat(64), type: 'image/jpeg', data: new Blob(['x']) });
  await db.audit.bulkPut([audit('cadres', cadreId), audit('career', newId()), audit('units', newId())]);
  // not about the cleared records: kept
  await db.audit.put(audit('profile', 'operator'));
  await db.savedQueries.put({ id: newId(), name: '四十岁以下', query: {}, description: '', createdAt: 1 });
  return { cadreId };
}

const counts = async () => ({
  units: await db.units.count(),
  cadres: await db.cadres.count(),
  subRecords: await db.subRecords.count(),
  blobs: await db.blobs.count(),
  audit: await db.audit.count(),
  savedQueries: await db.savedQueries.count(),
});

describe('clearDemoData', () => {
  it('deletes every unit, cadre, dossier, photo and their change log in chunks, then the mark; keeps the rest', async () => {
    await trainingDatabase();
    const before = await counts();
    expect(before.cadres).toBe(30);
    expect(before.units).toBeGreaterThan(10);
    const counter = await currentCounter(db);
    // the demo's 培养历练 and the trainees' kept totals
    const training = (await Promise.all(cultivationStores(db).map((t) => t.count()))).reduce((a, b) => a + b, 0);
    expect(training).toBeGreaterThan(0);
    const changes: Change[] = [];
    onCommittedChanges(db, (c) => changes.push(...c));

    const progress: [number, number][] = [];
    const result = await clearDemoData(db, { chunk: 7, onProgress: (done, total) => progress.push([done, total]) });

    expect(await counts()).toEqual({ units: 0, cadres: 0, subRecords: 0, blobs: 0, audit: 1, savedQueries: 1 });
    expect((await db.audit.toArray())[0]!.table).toBe('profile');
    expect(await db.meta.get(DEMO_DATA_KEY)).toBeUndefined();
    // a counter value is never reused: it does not go back
    expect(await currentCounter(db)).toBe(counter);
    expect(result).toEqual({ units: before.units, cadres: 30, dossiers: before.subRecords, blobs: 1, training, auditEntries: 3 });
    expect((await Promise.all(cultivationStores(db).map((t) => t.count()))).every((n) => n === 0)).toBe(true);

    // in chunks, with progress from 0 to everything
    const total = before.units + before.cadres + before.subRecords + before.blobs + training + 3;
    expect(progress[0]).toEqual([0, total]);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.length).toBeGreaterThan(total / 7);
    const dones = progress.map(([done]) => done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(Math.max(...dones.slice(1).map((d, i) => d - dones[i]!))).toBeLessThanOrEqual(7);

    // the views that keep derived data (the roster's index) heard of every deleted cadre and unit
    expect(new Set(changes.filter((c) => c.table === 'cadres').flatMap((c) => c.ids)).size).toBe(30);
    expect(new Set(changes.filter((c) => c.table === 'units').flatMap((c) => c.ids)).size).toBe(before.units);

    // the database is empty again: a new load, or real work, may start
    expect(demoDataBlocker(await databaseContents(db))).toBeNull();
    await createUnit(db, CTX, null, '新城区');
    expect(await db.units.count()).toBe(1);
  });

  it('refuses a database without a demo mark, and deletes nothing', async () => {
    await createUnit(db, CTX, null, '新城区');
    const refusal = clearDemoData(db);
    await expect(refusal).rejects.toBeInstanceOf(UserError);
    await expect(refusal).rejects.toThrow('本机数据库中没有演示数据，无需清除。');
    expect(await db.units.count()).toBe(1);
  });

  it('refuses local writes while it runs, and allows them again afterwards', async () => {
    await trainingDatabase();
    const seen: { attempt?: Promise<unknown> } = {};
    await clearDemoData(db, {
      chunk: 50,
      onProgress: (done) => {
        // a person adding a unit meanwhile (outside the clear's own transactions); its outcome is kept as a value
        if (done > 0 && !seen.attempt) {
          seen.attempt = Dexie.ignoreTransaction(() => createUnit(db, CTX, null, '实际单位')).then(
            () => 'written',
            (e: unknown) => e,
          );
        }
      },
    });
    expect(seen.attempt).toBeDefined();
    const outcome = await seen.attempt;
    expect(outcome).toBeInstanceOf(UserError);
    expect((outcome as Error).message).toContain('正在清除演示数据，清除完成前不能新增或修改记录');
    await createUnit(db, CTX, null, '实际单位');
    expect((await db.units.toArray()).map((u) => u.name)).toEqual(['实际单位']);
  });

  it('stopped half-way, keeps the rest flagged and says so; clearing again finishes it', async () => {
    await trainingDatabase();
    const bulkDelete = db.cadres.bulkDelete.bind(db.cadres);
    let calls = 0;
    vi.spyOn(db.cadres, 'bulkDelete').mockImplementation((keys) => {
      if (++calls === 2) return Promise.reject(new Error('磁盘已满')) as never;
      return bulkDelete(keys);
    });

    const refusal = clearDemoData(db, { chunk: 10 });
    await expect(refusal).rejects.toBeInstanceOf(UserError);
    await expect(refusal).rejects.toThrow(/清除演示数据中断：磁盘已满。已删除 [\d,]+ 条记录，其余仍在本机数据库中，并仍标记为演示数据/);
    // the failed chunk was rolled back: exactly one chunk of cadres went, the units are all still there
    expect(await db.cadres.count()).toBe(20);
    expect(await db.units.count()).toBeGreaterThan(10);
    expect(await db.meta.get(DEMO_DATA_KEY)).toBeDefined();

    vi.restoreAllMocks();
    await clearDemoData(db, { chunk: 10 });
    expect(await db.cadres.count()).toBe(0);
    expect(await db.units.count()).toBe(0);
    expect(await db.meta.get(DEMO_DATA_KEY)).toBeUndefined();
  });
});
