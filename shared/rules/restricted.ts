import type { AnyRecordType } from '../catalog/recordType';
import type { BundleScope } from '../sync/bundleMeta';
import type { PeerScope } from '../sync/scope';

// Where a restricted record type (supervision records: docs/supervision.md "Restricted") may appear — decided here
// and nowhere else, so that when users and roles exist the role check is added to this one function.
//
// A restricted type stays out of every general view (the roster's columns, its combined query, the 档案记录 lists
// and every xlsx export made from them) and is shown only in its own area (监督管理). In bundles it travels only
// to a peer whose fixed scope is the whole district (the 组织部), never to a unit's peer; a passphrase bundle
// carries it only when its scope names the table itself (tables: 'all' does not name it).

/** Where records of a type might be shown or sent. */
export type Audience =
  /** The roster's columns and its xlsx export. */
  | { kind: 'roster' }
  /** The roster's combined query. */
  | { kind: 'query' }
  /** The district-wide 档案记录 lists and their xlsx exports. */
  | { kind: 'recordList' }
  /** The area that owns the type (监督管理 for supervision records): its screens and exports. */
  | { kind: 'ownArea' }
  /** A bundle to a peer, in that peer's fixed scope. */
  | { kind: 'peer'; scope: PeerScope }
  /** A passphrase bundle, in the scope chosen for it. */
  | { kind: 'passphrase'; scope: BundleScope };

/** Whether records of `type` may be shown or sent to `audience`. */
export function openTo(type: AnyRecordType, audience: Audience): boolean {
  if (!type.restricted) return true;
  switch (audience.kind) {
    case 'ownArea':
      return true;
    case 'peer':
      return audience.scope === 'all';
    case 'passphrase':
      return audience.scope.units === 'all' && audience.scope.tables !== 'all' && audience.scope.tables.includes(type.table);
    default:
      return false;
  }
}

/** The types of `types` that `audience` may see. */
export const openTypes = <T extends AnyRecordType>(types: readonly T[], audience: Audience): T[] => types.filter((t) => openTo(t, audience));
