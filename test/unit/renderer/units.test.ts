import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { currentCounter, type WriteContext } from '../../../renderer/db/repository';
import {
  checkDeleteUnit,
  createUnit,
  deleteUnit,
  moveUnit,
  renameUnit,
  reorderUnit,
  updateUnitAttributes,
} from '../../../renderer/db/units';
import { FieldErrors } from '../../../shared/catalog/validate';
import { UserError } from '../../../shared/errors';
import { newId, unitId } from '../../../shared/ids';
import { liveSiblings } from '../../../shared/rules/unitTree';
import { compare } from '../../../shared/sync/versionVector';
import { sampleCadre } from '../../fixtures/cadre';

const ME = '0123456789abcdef0123456789abcdef';
const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let db: CadreDb;
let clock = 0;
const ctx: WriteContext = { actor: { installationId: ME, operator: '张三' }, now: () => ++clock };

beforeEach(async () => {
  db = openDatabase(`units-${newId()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** Everything a write would touch, to prove a refused operation wrote nothing. */
async function state() {
  return {
    units: await db.units.toArray(),
    audit: await db.audit.count(),
    counter: await currentCounter(db),
  };
}

async function refused(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => {
      throw new Error('expected a UserError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).message;
}

const names = async (parentId: string | null) => liveSiblings(await db.units.toArray(), parentId).map((u) => u.name);

describe('createUnit', () => {
  it('the id is the natural key unitId(parentId, name), and the record is complete', async () => {
    const top = await createUnit(db, ctx, null, '新城区委');
    expect(top.id).toBe(unitId(null, '新城区委'));
    const child = await createUnit(db, ctx, top.id, '组织部');
    expect(child.id).toBe(unitId(top.id, '组织部'));
    expect(await db.units.get(child.id)).toEqual({
      id: child.id,
      parentId: top.id,
      name: '组织部',
      order: 0,
      code: '',
      level: null,
      category: null,
      affiliation: null,
      vv: { [ME]: 2 },
      updatedAt: child.updatedAt,
      updatedBy: { installationId: ME, operator: '张三' },
      deleted: false,
    });
    const audit = await db.audit.toArray();
    expect(audit.map((a) => [a.action, a.recordId, a.summary])).toEqual([
      ['create', top.id, '新增单位“新城区委”'],
      ['create', child.id, '新增单位“组织部”'],
    ]);
  });

  it('two installations creating the same unit get the same id', async () => {
    const other = openDatabase(`units-other-${newId()}`);
    try {
      const otherCtx: WriteContext = { actor: { installationId: 'f'.repeat(32), operator: '李四' }, now: () => 1 };
      const mine = await createUnit(db, ctx, null, '新城区委');
      const theirs = await createUnit(other, otherCtx, null, '新城区委');
      expect(theirs.id).toBe(mine.id);
    } finally {
      other.close();
      await Dexie.delete(other.name);
    }
  });

  it('trims the name', async () => {
    const u = await createUnit(db, ctx, null, '  组织部 \n');
    expect(u.name).toBe('组织部');
    expect(u.id).toBe(unitId(null, '组织部'));
  });

  it('appends to the end of its siblings', async () => {
    const r = await createUnit(db, ctx, null, '区委');
    const orders = [];
    for (const n of ['甲', '乙', '丙']) orders.push((await createUnit(db, ctx, r.id, n)).order);
    expect(orders).toEqual([0, 1, 2]);
    expect(await names(r.id)).toEqual(['甲', '乙', '丙']);
  });

  it('refuses the same name under the same parent, with a Chinese message, writing nothing', async () => {
    const r = await createUnit(db, ctx, null, '区委');
    await createUnit(db, ctx, r.id, '组织部');
    const before = await state();
    expect(await refused(createUnit(db, ctx, r.id, '组织部'))).toBe('同一上级单位下已有名为“组织部”的单位，请换一个名称。');
    expect(await refused(createUnit(db, ctx, r.id, ' 组织部 '))).toMatch(/已有名为“组织部”/);
    expect(await refused(createUnit(db, ctx, null, '区委'))).toMatch(/已有名为“区委”/);
    expect(await state()).toEqual(before);
  });

  it('the same name under another parent is fine, with a different id', async () => {
    const a = await createUnit(db, ctx, null, '甲镇');
    const b = await createUnit(db, ctx, null, '乙镇');
    const a1 = await createUnit(db, ctx, a.id, '党政办');
    const b1 = await createUnit(db, ctx, b.id, '党政办');
    expect(a1.id).not.toBe(b1.id);
    expect(await db.units.count()).toBe(4);
  });

  it.each([
    ['empty', '', '请填写单位名称'],
    ['blank', '   ', '请填写单位名称'],
    ['101 characters', '单'.repeat(101), '单位名称不能超过100个字'],
    ['a newline inside', '组织\n部', '单位名称不能包含换行或控制字符'],
    ['a tab inside', '组织\t部', '单位名称不能包含换行或控制字符'],
    ['a NUL', '组织\u0000部', '单位名称不能包含换行或控制字符'],
  ])('refuses a name that is %s, writing nothing', async (_what, name, message) => {
    const r = await createUnit(db, ctx, null, '区委');
    const before = await state();
    expect(await refused(createUnit(db, ctx, r.id, name))).toBe(message);
    expect(await state()).toEqual(before);
  });

  it('100 characters is fine', async () => {
    expect((await createUnit(db, ctx, null, '单'.repeat(100))).name).toHaveLength(100);
  });

  it('refuses a parent that does not exist or was deleted', async () => {
    const gone = await createUnit(db, ctx, null, '已撤销');
    await deleteUnit(db, ctx, gone.id);
    const before = await state();
    expect(await refused(createUnit(db, ctx, 'no-such-id', '甲'))).toMatch(/不存在/);
    expect(await refused(createUnit(db, ctx, gone.id, '甲'))).toMatch(/不存在/);
    expect(await state()).toEqual(before);
  });

  it('recreating a deleted unit (same parent and name) revives the same id', async () => {
    const r = await createUnit(db, ctx, null, '区委');
    const u = await createUnit(db, ctx, r.id, '信访局');
    await deleteUnit(db, ctx, u.id);
    const tombstone = (await db.units.get(u.id))!;
    const again = await createUnit(db, ctx, r.id, '信访局');
    expect(again.id).toBe(u.id);
    expect(again.deleted).toBe(false);
    expect(again.vv[ME]).toBe(4);
    // the revival is causally after the tombstone, so it wins over the deletion on every machine
    expect(compare(again.vv, tombstone.vv)).toBe('after');
    expect((await db.audit.toArray()).at(-1)).toMatchObject({ action: 'create', before: tombstone });
    expect(await db.units.count()).toBe(2);
    const audit = await db.audit.where('[table+recordId]').equals(['units', u.id]).toArray();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'create', 'delete']);
  });

  it('reviving a tombstone that another installation deleted keeps that installation’s vv entry', async () => {
    const PEER = 'f'.repeat(32);
    const id = unitId(null, '信访局');
    await db.units.put({
      id,
      parentId: null,
      name: '信访局',
      order: 0,
      vv: { [PEER]: 7 },
      updatedAt: 1,
      updatedBy: { installationId: PEER, operator: '李四' },
      deleted: true,
    });
    const again = await createUnit(db, ctx, null, '信访局');
    expect(again.id).toBe(id);
    expect(again.vv).toEqual({ [PEER]: 7, [ME]: 1 });
    expect(compare(again.vv, { [PEER]: 7 })).toBe('after');
  });

  it('after a rename, the original name under the same parent gets a fresh v7 id, not a collision', async () => {
    const r = await createUnit(db, ctx, null, '区委');
    const u = await createUnit(db, ctx, r.id, '人事局');
    await renameUnit(db, ctx, u.id, '人社局');
    const fresh = await createUnit(db, ctx, r.id, '人事局');
    expect(fresh.id).not.toBe(u.id);
    expect(fresh.id).toMatch(V7);
    expect((await db.units.get(u.id))!.name).toBe('人社局');
    expect(await names(r.id)).toEqual(['人社局', '人事局']);
  });
});

describe('renameUnit', () => {
  it('renames, bumps vv and writes an audit line', async () => {
    const u = await createUnit(db, ctx, null, '人事局');
    const renamed = await renameUnit(db, ctx, u.id, ' 人社局 ');
    expect(renamed).toMatchObject({ id: u.id, name: '人社局', vv: { [ME]: 2 }, order: u.order, parentId: null });
    const audit = await db.audit.toArray();
    expect(audit.at(-1)).toMatchObject({ action: 'update', summary: '将单位“人事局”更名为“人社局”', before: u });
  });

  it('refuses a name a sibling has, writing nothing', async () => {
    await createUnit(db, ctx, null, '甲');
    const b = await createUnit(db, ctx, null, '乙');
    const before = await state();
    expect(await refused(renameUnit(db, ctx, b.id, '甲'))).toMatch(/已有名为“甲”/);
    expect(await refused(renameUnit(db, ctx, b.id, ''))).toBe('请填写单位名称');
    expect(await state()).toEqual(before);
  });

  it('the same name is a no-op (no write)', async () => {
    const u = await createUnit(db, ctx, null, '甲');
    const before = await state();
    expect(await renameUnit(db, ctx, u.id, '甲 ')).toEqual(u);
    expect(await state()).toEqual(before);
  });

  it('a deleted sibling’s name is free', async () => {
    const a = await createUnit(db, ctx, null, '甲');
    const b = await createUnit(db, ctx, null, '乙');
    await deleteUnit(db, ctx, a.id);
    expect((await renameUnit(db, ctx, b.id, '甲')).name).toBe('甲');
  });
});

describe('moveUnit', () => {
  async function tree() {
    const r = await createUnit(db, ctx, null, '区委');
    const a = await createUnit(db, ctx, r.id, '甲');
    const a1 = await createUnit(db, ctx, a.id, '甲一');
    const a11 = await createUnit(db, ctx, a1.id, '甲一一');
    const b = await createUnit(db, ctx, r.id, '乙');
    return { r, a, a1, a11, b };
  }

  it('refuses to move a unit into itself or any descendant, writing nothing', async () => {
    const { a, a1, a11 } = await tree();
    const before = await state();
    for (const target of [a.id, a1.id, a11.id]) {
      expect(await refused(moveUnit(db, ctx, a.id, target))).toBe('不能把“甲”移到它自己或它的下级单位之下。');
    }
    expect(await state()).toEqual(before);
  });

  it('moves under another parent, appended after its new siblings', async () => {
    const { r, a, b } = await tree();
    await createUnit(db, ctx, b.id, '乙一');
    await createUnit(db, ctx, b.id, '乙二');
    const moved = await moveUnit(db, ctx, a.id, b.id);
    expect(moved).toMatchObject({ id: a.id, parentId: b.id, order: 2 });
    expect(await names(b.id)).toEqual(['乙一', '乙二', '甲']);
    expect(await names(r.id)).toEqual(['乙']);
    expect((await db.audit.toArray()).at(-1)).toMatchObject({ action: 'update', summary: '将单位“甲”移到“乙”之下' });
  });

  it('moves to the top level with null', async () => {
    const { a1 } = await tree();
    const moved = await moveUnit(db, ctx, a1.id, null);
    expect(moved.parentId).toBeNull();
    expect(moved.order).toBe(1);
    expect(await names(null)).toEqual(['区委', '甲一']);
    expect((await db.audit.toArray()).at(-1)!.summary).toBe('将单位“甲一”移到顶级');
    // its own children come along (the id does not change)
    expect((await db.units.get(unitId(a1.id, '甲一一')))!.parentId).toBe(a1.id);
  });

  it('refuses a target that already has a unit of that name', async () => {
    const { a, b } = await tree();
    await createUnit(db, ctx, b.id, '甲一');
    const before = await state();
    expect(await refused(moveUnit(db, ctx, unitId(a.id, '甲一'), b.id))).toMatch(/已有名为“甲一”/);
    expect(await state()).toEqual(before);
  });

  it('moving to the current parent is a no-op', async () => {
    const { r, a } = await tree();
    const before = await state();
    await moveUnit(db, ctx, a.id, r.id);
    expect(await state()).toEqual(before);
  });

  it('refuses a deleted or unknown target', async () => {
    const { a, b } = await tree();
    await deleteUnit(db, ctx, b.id);
    expect(await refused(moveUnit(db, ctx, a.id, b.id))).toMatch(/不存在/);
    expect(await refused(moveUnit(db, ctx, a.id, 'nowhere'))).toMatch(/不存在/);
  });
});

describe('reorderUnit', () => {
  async function three() {
    const r = await createUnit(db, ctx, null, '区委');
    const a = await createUnit(db, ctx, r.id, '甲');
    const b = await createUnit(db, ctx, r.id, '乙');
    const c = await createUnit(db, ctx, r.id, '丙');
    return { r, a, b, c };
  }

  it('up swaps with the previous sibling, down with the next', async () => {
    const { r, b, c } = await three();
    await reorderUnit(db, ctx, c.id, -1);
    expect(await names(r.id)).toEqual(['甲', '丙', '乙']);
    await reorderUnit(db, ctx, b.id, -1);
    expect(await names(r.id)).toEqual(['甲', '乙', '丙']);
    await reorderUnit(db, ctx, b.id, 1);
    expect(await names(r.id)).toEqual(['甲', '丙', '乙']);
    // each swap writes exactly the two units that moved
    const reorders = (await db.audit.toArray()).filter((a) => a.summary.startsWith('调整单位'));
    expect(reorders).toHaveLength(6);
  });

  it('the first cannot go further up, nor the last further down (no write)', async () => {
    const { a, c } = await three();
    const before = await state();
    await reorderUnit(db, ctx, a.id, -1);
    await reorderUnit(db, ctx, c.id, 1);
    expect(await state()).toEqual(before);
  });

  it('renumbers equal or sparse orders (from imports) densely and still moves by one place', async () => {
    const { r, a, b, c } = await three();
    // as if a bundle brought equal orders
    await db.units.bulkPut([{ ...a, order: 5 }, { ...b, order: 5 }, { ...c, order: 9 }]);
    expect(await names(r.id)).toEqual(['甲', '乙', '丙']);
    await reorderUnit(db, ctx, c.id, -1);
    expect(await names(r.id)).toEqual(['甲', '丙', '乙']);
    const orders = liveSiblings(await db.units.toArray(), r.id).map((u) => u.order);
    expect(orders).toEqual([0, 1, 2]);
  });
});

describe('deleteUnit', () => {
  it('refuses while live sub-units remain (reason mentions 下级单位), writing nothing', async () => {
    const r = await createUnit(db, ctx, null, '区委');
    await createUnit(db, ctx, r.id, '组织部');
    await createUnit(db, ctx, r.id, '宣传部');
    const before = await state();
    const message = await refused(deleteUnit(db, ctx, r.id));
    expect(message).toContain('下级单位');
    expect(message).toContain('2 个下级单位');
    expect(await checkDeleteUnit(db, r.id)).toEqual({ allowed: false, reason: message });
    expect(await state()).toEqual(before);
  });

  it('refuses while live cadres remain (reason mentions 干部)', async () => {
    const u = await createUnit(db, ctx, null, '组织部');
    await db.cadres.put(sampleCadre({ id: 'c1', unitId: u.id, deleted: false }));
    await db.cadres.put(sampleCadre({ id: 'c2', unitId: u.id, deleted: true }));
    const before = await state();
    const message = await refused(deleteUnit(db, ctx, u.id));
    expect(message).toContain('干部');
    expect(message).toContain('1 名干部');
    expect(message).not.toContain('下级单位');
    expect(await state()).toEqual(before);
  });

  it('names both reasons when both hold', async () => {
    const u = await createUnit(db, ctx, null, '组织部');
    await createUnit(db, ctx, u.id, '干部科');
    await db.cadres.put(sampleCadre({ id: 'c1', unitId: u.id, deleted: false }));
    const message = await refused(deleteUnit(db, ctx, u.id));
    expect(message).toContain('下级单位');
    expect(message).toContain('干部');
  });

  it('is allowed when only deleted children and deleted cadres remain: a tombstone, vv bumped, audit delete', async () => {
    const r = await createUnit(db, ctx, null, '区委');
    const child = await createUnit(db, ctx, r.id, '已撤销');
    await deleteUnit(db, ctx, child.id);
    await db.cadres.put(sampleCadre({ id: 'c1', unitId: r.id, deleted: true }));
    const before = (await db.units.get(r.id))!;
    expect(await checkDeleteUnit(db, r.id)).toEqual({ allowed: true });
    await deleteUnit(db, ctx, r.id);
    const after = (await db.units.get(r.id))!;
    expect(after).toBeDefined();
    expect(after.deleted).toBe(true);
    expect(after.name).toBe('区委');
    expect(after.vv[ME]).toBeGreaterThan(before.vv[ME]!);
    expect(after.vv[ME]).toBe(await currentCounter(db));
    const last = (await db.audit.toArray()).at(-1)!;
    expect(last).toMatchObject({ action: 'delete', recordId: r.id, summary: '删除单位“区委”' });
    expect(await names(null)).toEqual([]);
  });

  it('deleting a deleted or unknown unit is refused', async () => {
    const u = await createUnit(db, ctx, null, '甲');
    await deleteUnit(db, ctx, u.id);
    const before = await state();
    expect(await refused(deleteUnit(db, ctx, u.id))).toMatch(/不存在/);
    expect(await refused(deleteUnit(db, ctx, 'nope'))).toMatch(/不存在/);
    expect(await state()).toEqual(before);
  });
});

/** The problems of a refused write, by field. */
async function fieldProblems(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => {
      throw new Error('expected FieldErrors');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FieldErrors);
  return Object.fromEntries((error as FieldErrors).problems.map((p) => [p.path, p.message]));
}

describe('unit attributes', () => {
  it('createUnit takes them at once, and the audit entry lists each filled-in field in Chinese', async () => {
    const u = await createUnit(db, ctx, null, '新城区委组织部', { code: ' 11330100MB0000000X ', level: '2A', category: '01', affiliation: '50' });
    expect(u).toMatchObject({ code: '11330100MB0000000X', level: '2A', category: '01', affiliation: '50' });
    const entry = (await db.audit.toArray()).at(-1)!;
    expect(entry.title).toBe('新城区委组织部');
    expect(entry.changes?.map((c) => `${c.label}：${c.from}→${c.to}`)).toEqual([
      '单位名称：→新城区委组织部',
      '排序：→0',
      '单位代码：→11330100MB0000000X',
      '单位级别：→正科级',
      '单位类别：→党委部门',
      '隶属关系：→区属',
    ]);
  });

  it('refuses every bad attribute at its field at once, writing nothing', async () => {
    const before = await state();
    const problems = await fieldProblems(createUnit(db, ctx, null, '甲', { code: 'X'.repeat(31), level: 'ZZ', category: '00' }));
    expect(problems).toEqual({
      code: '单位代码不能超过30个字',
      level: '单位级别的代码不在“单位级别”代码表中',
      category: '单位类别的代码不在“单位类别”代码表中',
    });
    expect(await state()).toEqual(before);
  });

  it('updateUnitAttributes bumps vv, stamps, and audits each changed attribute; the tree fields stay', async () => {
    const r = await createUnit(db, ctx, null, '区委');
    const u = await createUnit(db, ctx, r.id, '东街道');
    const after = await updateUnitAttributes(db, ctx, u.id, { level: '2A', category: '09', code: 'D003' });
    expect(after).toMatchObject({ id: u.id, name: '东街道', parentId: r.id, order: 0, level: '2A', category: '09', code: 'D003', affiliation: null });
    expect(after.vv[ME]).toBe(await currentCounter(db));
    expect(compare(after.vv, u.vv)).toBe('after');
    expect(after.updatedBy).toEqual({ installationId: ME, operator: '张三' });
    expect(await db.units.get(u.id)).toEqual(after);
    const entry = (await db.audit.toArray()).at(-1)!;
    expect(entry).toMatchObject({ action: 'update', table: 'units', recordId: u.id, summary: '修改单位“东街道”的属性', before: u, after });
    expect(entry.changes?.map((c) => `${c.label}：${c.from}→${c.to}`)).toEqual(['单位代码：→D003', '单位级别：→正科级', '单位类别：→街道']);

    // a second edit lists only what changed, with both values
    await updateUnitAttributes(db, ctx, u.id, { level: '1B' });
    expect((await db.audit.toArray()).at(-1)!.changes?.map((c) => `${c.label}：${c.from}→${c.to}`)).toEqual(['单位级别：正科级→副处级']);
  });

  it('clearing an attribute is a change to empty', async () => {
    const u = await createUnit(db, ctx, null, '甲', { level: '2A' });
    const after = await updateUnitAttributes(db, ctx, u.id, { level: null });
    expect(after.level).toBeNull();
    expect((await db.audit.toArray()).at(-1)!.changes).toEqual([{ path: 'level', label: '单位级别', from: '正科级', to: '' }]);
  });

  it('nothing changed: nothing is written', async () => {
    const u = await createUnit(db, ctx, null, '甲', { level: '2A' });
    const before = await state();
    expect(await updateUnitAttributes(db, ctx, u.id, { level: '2A', code: '' })).toEqual(u);
    expect(await state()).toEqual(before);
  });

  it('a unit stored before the attributes existed reads as empty and changes only what is set', async () => {
    // as an older version (or the demo data) stored it: no code, level, category or affiliation at all
    const old = { id: 'old', parentId: null, name: '老单位', order: 0, vv: { [ME]: 1 }, updatedAt: 1, updatedBy: ctx.actor, deleted: false };
    await db.units.put(old);
    const after = await updateUnitAttributes(db, ctx, 'old', { category: '11' });
    expect(after).toMatchObject({ name: '老单位', code: '', level: null, category: '11', affiliation: null });
    expect((await db.audit.toArray()).at(-1)!.changes?.map((c) => c.path)).toEqual(['category']);
    // and renaming or reordering such a unit records only the name or order
    await db.units.put({ ...old, id: 'old2', name: '老单位二', order: 1 });
    await renameUnit(db, ctx, 'old2', '新名称');
    expect((await db.audit.toArray()).at(-1)!.changes).toEqual([{ path: 'name', label: '单位名称', from: '老单位二', to: '新名称' }]);
  });

  it('refuses a bad attribute at its field, and a deleted unit, writing nothing', async () => {
    const u = await createUnit(db, ctx, null, '甲');
    const gone = await createUnit(db, ctx, null, '乙');
    await deleteUnit(db, ctx, gone.id);
    const before = await state();
    expect(await fieldProblems(updateUnitAttributes(db, ctx, u.id, { code: '代码\n换行', affiliation: '60' }))).toEqual({
      code: '单位代码不能包含换行或控制字符',
      affiliation: '隶属关系的代码不在“隶属关系”代码表中',
    });
    expect(await refused(updateUnitAttributes(db, ctx, gone.id, { level: '2A' }))).toMatch(/不存在/);
    expect(await state()).toEqual(before);
  });

  it('moves and reorders keep the attributes and audit the field that changed', async () => {
    const a = await createUnit(db, ctx, null, '甲', { level: '2A', code: 'A1' });
    const b = await createUnit(db, ctx, null, '乙');
    const moved = await moveUnit(db, ctx, a.id, b.id);
    expect(moved).toMatchObject({ level: '2A', code: 'A1', parentId: b.id });
    expect((await db.audit.toArray()).at(-1)!.changes?.map((c) => `${c.label}：${c.from}→${c.to}`)).toEqual(['上级单位：→乙']);
  });
});
