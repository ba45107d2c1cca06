import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { currentCounter, nextCounter, writeRecord, writeTransaction, type WriteContext } from '../../../renderer/db/repository';
import type { Unit } from '../../../shared/domain/unit';
import { newId } from '../../../shared/ids';

const ME = '0123456789abcdef0123456789abcdef';
const PEER = 'fedcba9876543210fedcba9876543210';

let db: CadreDb;
let clock: number;
const ctx: WriteContext = { actor: { installationId: ME, operator: '张三' }, now: () => clock };

beforeEach(async () => {
  db = openDatabase(`repository-${newId()}`);
  await db.open();
  clock = 1_700_000_000_000;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const data = (id: string, name: string, order = 0) => ({ id, parentId: null, name, order });

/** One write of a unit, in its own transaction, the way every repository function does it. */
function put(id: string, name: string, before?: Unit, deleted?: boolean, summary = `写入${name}`): Promise<Unit> {
  return writeTransaction(db, [db.units], () =>
    writeRecord<Unit>(db, ctx, { table: db.units, before, data: data(id, name, before?.order ?? 0), deleted, summary }),
  );
}

describe('writeRecord', () => {
  it('refuses to run outside writeTransaction, and writes nothing', async () => {
    await expect(
      writeRecord<Unit>(db, ctx, { table: db.units, before: undefined, data: data('u1', '甲'), summary: 's' }),
    ).rejects.toThrow('writeRecord must run inside writeTransaction');
    expect(await db.units.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
    expect(await currentCounter(db)).toBe(0);
  });

  it('stamps vv, updatedAt, updatedBy and deleted, and stores the record', async () => {
    const unit = await put('u1', '甲');
    expect(unit).toEqual({
      id: 'u1',
      parentId: null,
      name: '甲',
      order: 0,
      vv: { [ME]: 1 },
      updatedAt: 1_700_000_000_000,
      updatedBy: { installationId: ME, operator: '张三' },
      deleted: false,
    });
    expect(await db.units.get('u1')).toEqual(unit);
  });

  it('the counter goes up by one per write and vv[installation] is the counter', async () => {
    const a = await put('a', '甲');
    const b = await put('b', '乙');
    clock += 1000;
    const a2 = await put('a', '甲二', a);
    expect([a.vv[ME], b.vv[ME], a2.vv[ME]]).toEqual([1, 2, 3]);
    expect(await currentCounter(db)).toBe(3);
    expect(a2.updatedAt).toBe(1_700_000_001_000);
    // several writes in one transaction each take their own number
    await writeTransaction(db, [db.units], async () => {
      for (const [i, id] of ['c', 'd', 'e'].entries()) {
        const r = await writeRecord<Unit>(db, ctx, { table: db.units, before: undefined, data: data(id, id), summary: 's' });
        expect(r.vv[ME]).toBe(4 + i);
      }
    });
    expect(await currentCounter(db)).toBe(6);
  });

  it('the counter never repeats, even with concurrent transactions', async () => {
    const units = await Promise.all(Array.from({ length: 25 }, (_, i) => put(`u${i}`, `单位${i}`)));
    const counters = units.map((u) => u.vv[ME]!).sort((x, y) => x - y);
    expect(counters).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await currentCounter(db)).toBe(25);
  });

  it('keeps the other installations’ entries of the vector', async () => {
    const before: Unit = { ...data('u1', '甲'), vv: { [PEER]: 9, [ME]: 0 }, updatedAt: 1, updatedBy: { installationId: PEER, operator: '李四' }, deleted: false };
    await db.units.put(before);
    const after = await put('u1', '甲改', before);
    expect(after.vv).toEqual({ [PEER]: 9, [ME]: 1 });
    expect(after.updatedBy).toEqual({ installationId: ME, operator: '张三' });
  });

  it('appends an audit entry per write: create, update, delete, and create again on revival', async () => {
    const created = await put('u1', '甲', undefined, false, '新增单位“甲”');
    clock += 1;
    const updated = await put('u1', '乙', created, false, '更名');
    clock += 1;
    const deleted = await put('u1', '乙', updated, true, '删除单位“乙”');
    clock += 1;
    const revived = await put('u1', '乙', deleted, false, '恢复');
    expect(deleted.deleted).toBe(true);
    expect(revived.deleted).toBe(false);
    expect(revived.vv[ME]).toBe(4);

    const audit = await db.audit.orderBy('at').toArray();
    expect(audit.map((a) => [a.action, a.summary, a.table, a.recordId, a.at])).toEqual([
      ['create', '新增单位“甲”', 'units', 'u1', 1_700_000_000_000],
      ['update', '更名', 'units', 'u1', 1_700_000_000_001],
      ['delete', '删除单位“乙”', 'units', 'u1', 1_700_000_000_002],
      ['create', '恢复', 'units', 'u1', 1_700_000_000_003],
    ]);
    expect(audit[0]!.before).toBeNull();
    expect(audit[0]!.after).toEqual(created);
    expect(audit[1]!.before).toEqual(created);
    expect(audit[1]!.after).toEqual(updated);
    expect(audit[2]!.after).toEqual(deleted);
    for (const a of audit) {
      expect(a.actor).toEqual({ installationId: ME, operator: '张三' });
      expect(a.id).toMatch(/^[0-9a-f-]{8}-[0-9a-f]{4}-7/);
    }
    expect(new Set(audit.map((a) => a.id)).size).toBe(4);
  });

  it('all or nothing: a throw after writeRecord rolls back the record, the counter and the audit entry', async () => {
    const kept = await put('keep', '保留');
    const snapshot = async () => ({
      units: await db.units.toArray(),
      audit: await db.audit.toArray(),
      meta: await db.meta.toArray(),
    });
    const before = await snapshot();
    await expect(
      writeTransaction(db, [db.units], async () => {
        await writeRecord<Unit>(db, ctx, { table: db.units, before: undefined, data: data('lost', '丢失'), summary: 's' });
        await writeRecord<Unit>(db, ctx, { table: db.units, before: kept, data: data('keep', '改名'), summary: 's' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await snapshot()).toEqual(before);
    expect(await db.units.get('lost')).toBeUndefined();
    expect((await db.units.get('keep'))!.name).toBe('保留');
    expect(await currentCounter(db)).toBe(1);
    // and the next write continues from the last committed counter
    expect((await put('next', '下一个')).vv[ME]).toBe(2);
  });
});

describe('counters', () => {
  it('currentCounter starts at 0; nextCounter increments and persists', async () => {
    expect(await currentCounter(db)).toBe(0);
    await db.transaction('rw', db.meta, async () => {
      expect(await nextCounter(db)).toBe(1);
      expect(await nextCounter(db)).toBe(2);
    });
    expect(await currentCounter(db)).toBe(2);
    expect(await db.meta.get('counter')).toEqual({ key: 'counter', value: 2 });
  });

  it('writeTransaction includes meta, audit and the change index even when not named', async () => {
    await writeTransaction(db, [db.units], async () => {
      const tx = Dexie.currentTransaction!;
      expect([...tx.storeNames].sort()).toEqual(['audit', 'meta', 'syncIdFilter', 'syncIndex', 'units']);
      expect(tx.mode).toBe('readwrite');
    });
  });
});
