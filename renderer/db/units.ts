import { unitId, newId } from '../../shared/ids';
import { UserError } from '../../shared/errors';
import { diffRecords } from '../../shared/catalog/leaves';
import { validRecord } from '../../shared/catalog/validate';
import { UNIT_ATTRIBUTE_KEYS, UnitNameSchema, unitType, type Unit, type UnitAttributes } from '../../shared/domain/unit';
import { dayOf } from '../../shared/rules/months';
import { liveSiblings, subtreeIds } from '../../shared/rules/unitTree';
import type { CadreDb } from './database';
import { updateRecord } from './records';
import { writeRecord, writeTransaction, type WriteContext } from './repository';

// The unit tree's repository: every change is one transaction that bumps the version vector and writes audit
// with the changed fields in Chinese (docs/record-types.md "Repository").

/** A write of `data` with its audit title and changes ("单位名称：甲→乙", 上级单位 by name from `all`). */
function unitWrite(all: readonly Unit[], before: Unit | undefined, data: Omit<Unit, 'vv' | 'updatedAt' | 'updatedBy' | 'deleted'>, summary: string) {
  const unitName = (id: string) => all.find((u) => u.id === id)?.name;
  const changes = diffRecords(unitType, before && !before.deleted ? before : undefined, data, { unitName });
  return { before, data, summary, title: data.name, changes };
}

function validName(name: string): string {
  const parsed = UnitNameSchema.safeParse(name);
  if (!parsed.success) throw new UserError(parsed.error.issues[0]!.message);
  return parsed.data;
}

async function liveUnit(db: CadreDb, id: string): Promise<Unit> {
  const unit = await db.units.get(id);
  if (!unit || unit.deleted) throw new UserError('该单位已不存在，可能已被删除。请刷新后重试。');
  return unit;
}

function assertNameFree(all: Unit[], parentId: string | null, name: string, exceptId?: string): void {
  if (liveSiblings(all, parentId, exceptId).some((u) => u.name === name)) {
    throw new UserError(`同一上级单位下已有名为“${name}”的单位，请换一个名称。`);
  }
}

const nextOrder = (all: Unit[], parentId: string | null) =>
  liveSiblings(all, parentId).reduce((max, u) => Math.max(max, u.order), -1) + 1;

/** A new unit at the end of its siblings; attributes (单位代码, 级别 …) may be given at once. */
export async function createUnit(
  db: CadreDb,
  ctx: WriteContext,
  parentId: string | null,
  rawName: string,
  attributes: Partial<UnitAttributes> = {},
): Promise<Unit> {
  const name = validName(rawName);
  // every problem of the attributes at its field, before anything is read or written
  const { code, level, category, affiliation } = validRecord(
    unitType,
    { name, parentId, order: 0, ...pickAttributes(attributes) },
    { today: dayOf(new Date(ctx.now())) },
  );
  return writeTransaction(db, [db.units], async () => {
    if (parentId) await liveUnit(db, parentId);
    const all = await db.units.toArray();
    assertNameFree(all, parentId, name);
    // v5 of (parent, name) so two machines creating the same unit create one record; a tombstone with that id
    // is revived. If a live unit still holds the id (it was renamed or moved since), fall back to a fresh id.
    let id = unitId(parentId, name);
    const existing = all.find((u) => u.id === id);
    if (existing && !existing.deleted) id = newId();
    const before = existing?.deleted ? existing : undefined;
    const data = { id, parentId, name, order: nextOrder(all, parentId), code, level, category, affiliation };
    return writeRecord<Unit>(db, ctx, { table: db.units, ...unitWrite(all, before, data, `新增单位“${name}”`) });
  });
}

export async function renameUnit(db: CadreDb, ctx: WriteContext, id: string, rawName: string): Promise<Unit> {
  const name = validName(rawName);
  return writeTransaction(db, [db.units], async () => {
    const unit = await liveUnit(db, id);
    if (unit.name === name) return unit;
    const all = await db.units.toArray();
    assertNameFree(all, unit.parentId, name, id);
    return writeRecord<Unit>(db, ctx, { table: db.units, ...unitWrite(all, unit, { ...unit, name }, `将单位“${unit.name}”更名为“${name}”`) });
  });
}

export async function moveUnit(db: CadreDb, ctx: WriteContext, id: string, newParentId: string | null): Promise<Unit> {
  return writeTransaction(db, [db.units], async () => {
    const unit = await liveUnit(db, id);
    if (unit.parentId === newParentId) return unit;
    const all = await db.units.toArray();
    let target = '顶级';
    if (newParentId) {
      const parent = await liveUnit(db, newParentId);
      if (subtreeIds(all, id).has(newParentId)) {
        throw new UserError(`不能把“${unit.name}”移到它自己或它的下级单位之下。`);
      }
      target = `“${parent.name}”之下`;
    }
    assertNameFree(all, newParentId, unit.name, id);
    const data = { ...unit, parentId: newParentId, order: nextOrder(all, newParentId) };
    return writeRecord<Unit>(db, ctx, { table: db.units, ...unitWrite(all, unit, data, `将单位“${unit.name}”移到${target}`) });
  });
}

/** Moves a unit one place up (-1) or down (+1) among its siblings by swapping order with its neighbour. */
export async function reorderUnit(db: CadreDb, ctx: WriteContext, id: string, direction: -1 | 1): Promise<void> {
  await writeTransaction(db, [db.units], async () => {
    const unit = await liveUnit(db, id);
    const all = await db.units.toArray();
    const siblings = liveSiblings(all, unit.parentId);
    const index = siblings.findIndex((u) => u.id === id);
    const neighbour = siblings[index + direction];
    if (!neighbour) return;
    // Re-number densely so equal or sparse orders from imports still move by exactly one place.
    const reordered = [...siblings];
    reordered[index] = neighbour;
    reordered[index + direction] = unit;
    for (const [order, u] of reordered.entries()) {
      if (u.order === order) continue;
      await writeRecord<Unit>(db, ctx, { table: db.units, ...unitWrite(all, u, { ...u, order }, `调整单位“${u.name}”的排列顺序`) });
    }
  });
}

const pickAttributes = (input: Partial<UnitAttributes>): Partial<UnitAttributes> =>
  Object.fromEntries(UNIT_ATTRIBUTE_KEYS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));

/**
 * Sets a unit's attributes (单位代码, 单位级别, 单位类别, 隶属关系) through the catalogue's repository: every problem at
 * its field at once, vv, stamps and an audit entry listing each changed attribute. Nothing is written when nothing
 * changed. Name, parent and order are not touched here: they have their own rules above.
 */
export async function updateUnitAttributes(db: CadreDb, ctx: WriteContext, id: string, attributes: Partial<UnitAttributes>): Promise<Unit> {
  return writeTransaction(db, [db.units], async () => {
    const unit = await liveUnit(db, id);
    return updateRecord(db, ctx, unitType, id, pickAttributes(attributes), {
      summary: () => `修改单位“${unit.name}”的属性`,
    });
  });
}

export interface DeleteCheck {
  allowed: boolean;
  reason?: string;
}

export async function checkDeleteUnit(db: CadreDb, id: string): Promise<DeleteCheck> {
  const children = (await db.units.where('parentId').equals(id).toArray()).filter((u) => !u.deleted).length;
  const cadres = (await db.cadres.where('unitId').equals(id).toArray()).filter((c) => !c.deleted).length;
  const reasons: string[] = [];
  if (children) reasons.push(`还有 ${children} 个下级单位，请先删除或移走下级单位`);
  if (cadres) reasons.push(`还有 ${cadres} 名干部，请先把这些干部调整到其他单位`);
  return reasons.length ? { allowed: false, reason: `不能删除：该单位${reasons.join('；')}。` } : { allowed: true };
}

/** Deletion is a tombstone (kept for sync); refused while sub-units or cadres remain. */
export async function deleteUnit(db: CadreDb, ctx: WriteContext, id: string): Promise<void> {
  await writeTransaction(db, [db.units, db.cadres], async () => {
    const unit = await liveUnit(db, id);
    const check = await checkDeleteUnit(db, id);
    if (!check.allowed) throw new UserError(check.reason!);
    await writeRecord<Unit>(db, ctx, {
      table: db.units,
      before: unit,
      data: unit,
      title: unit.name,
      deleted: true,
      summary: `删除单位“${unit.name}”`,
    });
  });
}
