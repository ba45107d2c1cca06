import type { Unit } from '../domain/unit';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

const byOrder = (a: Unit, b: Unit) => a.order - b.order || a.name.localeCompare(b.name, 'zh-Hans-CN') || (a.id < b.id ? -1 : 1);

/**
 * The live units as a forest, siblings in their order. Orphans (parent deleted or unknown) become roots, and so
 * does the first unit of any parent cycle (two machines each moving one unit under the other before they sync),
 * so no unit ever disappears from view.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const live = [...units.filter((u) => !u.deleted)].sort(byOrder);
  const byId = new Map(live.map((u) => [u.id, u]));
  const nodes = new Map<string, UnitNode>(live.map((u) => [u.id, { unit: u, children: [] }]));
  const rootIds = new Set(live.filter((u) => !u.parentId || !byId.has(u.parentId)).map((u) => u.id));
  const reached = () => reachable(live, rootIds, (u) => !rootIds.has(u.id));
  for (let seen = reached(); seen.size < live.length; seen = reached()) {
    rootIds.add(live.find((u) => !seen.has(u.id))!.id);
  }
  const roots: UnitNode[] = [];
  for (const unit of live) {
    const node = nodes.get(unit.id)!;
    (rootIds.has(unit.id) ? roots : nodes.get(unit.parentId!)!.children).push(node);
  }
  return roots;
}

export function liveSiblings(units: readonly Unit[], parentId: string | null, exceptId?: string): Unit[] {
  return units.filter((u) => !u.deleted && u.parentId === parentId && u.id !== exceptId).sort(byOrder);
}

/** Ids of the unit and everything below it. */
export function subtreeIds(units: readonly Unit[], rootId: string): Set<string> {
  return reachable(units, [rootId]);
}

/** What a walk down the unit tree needs of a unit. */
export interface UnitLink {
  id: string;
  parentId: string | null;
  deleted?: boolean;
}

/**
 * Units reachable from startIds along parent → child links (those isLink accepts); each once, cycles too. Deleted
 * units are links too only with `tombstones` (the exchange's scope, where a deletion must still travel).
 */
export function reachable<U extends UnitLink>(
  units: readonly U[],
  startIds: Iterable<string>,
  isLink: (u: U) => boolean = () => true,
  options: { tombstones?: boolean } = {},
): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if ((u.deleted && !options.tombstones) || !u.parentId || !isLink(u)) continue;
    const list = children.get(u.parentId);
    if (list) list.push(u.id);
    else children.set(u.parentId, [u.id]);
  }
  const seen = new Set<string>();
  const stack = [...startIds];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const child of children.get(id) ?? []) stack.push(child);
  }
  return seen;
}

/** 新城区委 › 组织部 › 干部科 */
export function unitPath(units: readonly Unit[], id: string): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let u = byId.get(id); u && !seen.has(u.id); u = u.parentId ? byId.get(u.parentId) : undefined) {
    seen.add(u.id);
    names.unshift(u.name);
  }
  return names;
}

/** What this installation may do to the unit tree (docs/domain.md#unit-tree). */
export interface UnitEditScope {
  /** The department authors the whole tree. */
  all: boolean;
  /** A unit installation: its own unit, under which it may keep internal sub-units. null until it has picked one. */
  ownUnitId: string | null;
}

export const scopeOf = (type: 'department' | 'unit', ownUnitId: string | null): UnitEditScope => ({
  all: type === 'department',
  ownUnitId: type === 'unit' ? ownUnitId : null,
});

/** May sub-units be added under parentId (null = top level)? */
export function mayAddUnder(units: readonly Unit[], scope: UnitEditScope, parentId: string | null): boolean {
  if (scope.all) return true;
  if (!scope.ownUnitId || !parentId) return false;
  return subtreeIds(units, scope.ownUnitId).has(parentId);
}

/** May this unit be renamed, moved, reordered or deleted? A unit installation edits only its internal sub-units. */
export function mayChangeUnit(units: readonly Unit[], scope: UnitEditScope, unitId: string): boolean {
  if (scope.all) return true;
  if (!scope.ownUnitId || unitId === scope.ownUnitId) return false;
  return subtreeIds(units, scope.ownUnitId).has(unitId);
}
