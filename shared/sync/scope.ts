// Which records a scope covers (docs/bundle-format.md "Sync in this code"): a unit installation's scope is its
// unit's subtree, the department's everything. Tombstones count: a deleted unit or cadre still travels, or its
// deletion would never reach the peer.

import { reachable, type UnitLink } from '../rules/unitTree';

/** A peer's fixed scope, as the peer list keeps it (electron/keys/peers.ts). */
export type PeerScope = 'all' | { unitId: string };

export type { UnitLink };

/** The unit ids a scope covers: every unit below the scope's units, tombstones included; 'all' for everything. */
export function scopeUnitIds(units: readonly UnitLink[], roots: 'all' | readonly string[]): 'all' | Set<string> {
  return roots === 'all' ? 'all' : reachable(units, roots, undefined, { tombstones: true });
}

export const rootsOf = (scope: PeerScope): 'all' | string[] => (scope === 'all' ? 'all' : [scope.unitId]);

/** Whether a unit id lies in the covered set (null: a record with no unit lies only in 'all'). */
export const coversUnit = (covered: 'all' | ReadonlySet<string>, unitId: string | null | undefined): boolean =>
  covered === 'all' || (unitId != null && covered.has(unitId));

/** A stable text of a scope, to notice that a peer's scope changed since the last export to it. */
export const scopeKey = (scope: PeerScope): string => (scope === 'all' ? 'all' : `unit:${scope.unitId}`);
