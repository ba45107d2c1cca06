import type { VersionVector } from '../../shared/sync/versionVector';
import type { BundleKind, SyncLine } from '../../shared/sync/bundleMeta';

// The local tables of sync (schema version 6; docs/bundle-format.md "Sync in this code"). None of them travels.

/** Every bundle this installation imported (the ledger's rules: shared/sync/ledger.ts). */
export interface LedgerRow {
  bundleId: string;
  /** The sender's installation id. */
  source: string;
  /** `${source}>${destination}` or `${source}>passphrase` (streamOf). */
  stream: string;
  seq: number;
  /** SHA-256 of the whole bundle, 64 hex: the next bundle of the stream names it as prevBundleHash. */
  hash: string;
  kind: BundleKind;
  /** When it was applied (ms). */
  at: number;
  /** Records it carried, tombstones included. */
  records: number;
}

/**
 * Knowledge vectors. `self`: per origin, the highest counter this installation has integrated (our own counter is
 * added when a bundle is made). `peer:<id>`: what that peer has acknowledged (the knowledge in its last bundle),
 * with the scope the last export to it used, so a changed scope makes the next export full.
 */
export interface KnowledgeRow {
  key: string;
  vector: VersionVector;
  /** For peers: the scope of our last export to it (JSON of the Scope), null before the first. */
  exportedScope?: string | null;
  at: number;
}

/** An outgoing stream: the seq and hash of the last bundle sent on it (committed once the file verified). */
export interface StreamRow {
  stream: string;
  seq: number;
  hash: string | null;
  at: number;
  /** The bundles sent on it, oldest first, the most recent SENT_HISTORY kept (the 数据交换 page's history). */
  sent?: SentBundle[];
}

/** One bundle sent on a stream, as the exchange history lists it. */
export interface SentBundle {
  seq: number;
  at: number;
  full: boolean;
  records: number;
  bytes: number;
  /** This installation's counter the bundle's knowledge named: the peer has it all once it acknowledges this. */
  ours: number;
}
export const SENT_HISTORY = 500;

/**
 * An import waiting for the user's confirmation: the bundle's record entries as they arrived (key
 * `chunk:<8-digit arrival number>`, the checked NDJSON bytes and their line count), and one row per blob
 * (`blob:<hash>`). Kept as bytes, not as records: IndexedDB reads and writes a byte string at memory speed, while
 * 200,000 record objects cost it a structured clone each way, which was most of an import's time.
 */
export interface StagingRow {
  key: string;
  ndjson?: Uint8Array;
  lines?: number;
  blob?: { hash: string; type: string; data: Blob };
}

/** An incoming version that conflicts with the local one, kept for a person to resolve. */
export interface ConflictRow {
  /** `${table}:${id}` */
  key: string;
  table: string;
  id: string;
  cadreId: string | null;
  local: SyncLine['record'];
  incoming: SyncLine['record'];
  /** The sender and its bundle. */
  source: string;
  bundleId: string;
  at: number;
}
