// Which records a scope covers (docs/bundle-format.md "Sync in this code"): a unit installation's scope is its
// unit's subtree, the department's everything. Tombstones count: a deleted unit or cadre still travels, or its
// deletion would never reach the peer.

/** A peer's fixed scope, as the peer list keeps it (electron/keys/peers.ts). */
export type PeerScope = 'all' | { unitId: string };

export interface UnitLink {
  id: string;
  parentId: string | null;
  deleted?: boolean;
}

/** The unit ids a scope covers: every unit below the scope's units, tombstones included; 'all' for everything. */
export function scopeUnitIds(units: readonly UnitLink[], roots: 'all' | readonly string[]): 'all' | Set<string> {
  if (roots === 'all') return 'all';
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = children.get(u.parentId);
    if (list) list.push(u.id);
    else children.set(u.parentId, [u.id]);
  }
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const child of children.get(id) ?? []) stack.push(child);
  }
  return seen;
}

export const rootsOf = (scope: PeerScope): 'all' | string[] => (scope === 'all' ? 'all' : [scope.unitId]);

/** Whether a unit id lies in the covered set (null: a record with no unit lies only in 'all'). */
export const coversUnit = (covered: 'all' | ReadonlySet<string>, unitId: string | null | undefined): boolean =>
  covered === 'all' || (unitId != null && covered.has(unitId));

/** A stable text of a scope, to notice that a peer's scope changed since the last export to it. */
export const scopeKey = (scope: PeerScope): string => (scope === 'all' ? 'all' : `unit:${scope.unitId}`);
