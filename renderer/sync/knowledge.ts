import { merge, type VersionVector } from '../../shared/sync/versionVector';
import type { CadreDb } from '../db/database';

// Knowledge vectors (docs/bundle-format.md "Sync in this code"): ours (per origin, the highest counter this
// installation has integrated) and, per peer, what that peer acknowledged in its last bundle.

export const SELF_KNOWLEDGE = 'self';
export const peerKnowledgeKey = (peerId: string): string => `peer:${peerId}`;

/** What the peer has acknowledged; undefined when nothing was heard from it yet. */
export async function peerKnowledge(db: CadreDb, peerId: string): Promise<VersionVector | undefined> {
  return (await db.knowledge.get(peerKnowledgeKey(peerId)))?.vector;
}

/** Raises a knowledge row to include `vector` (never lowers an entry). Inside a transaction over db.knowledge. */
export async function raiseKnowledge(db: CadreDb, key: string, vector: VersionVector, at: number): Promise<void> {
  const row = await db.knowledge.get(key);
  await db.knowledge.put({ ...(row ?? {}), key, vector: merge(row?.vector ?? {}, vector), at });
}
