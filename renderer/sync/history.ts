import { Dexie } from 'dexie';
import { streamOf, type BundleKind } from '../../shared/sync/bundleMeta';
import type { CadreDb } from '../db/database';
import { currentCounter } from '../db/repository';
import { peerKnowledgeKey } from './knowledge';
import type { SentBundle } from './tables';

// The exchange history with one peer (the 数据交换 page): the bundles sent to it, each with whether the peer has
// acknowledged it (its knowledge of our counter has reached what the bundle carried), and the bundles received
// from it, from the ledger. Sequence numbers are those of the two streams (docs/bundle-format.md "Ledger and
// streams").

export interface PeerHistory {
  /** Newest first. */
  sent: (SentBundle & { acknowledged: boolean })[];
  /** Newest first. */
  received: { seq: number; at: number; kind: BundleKind; records: number }[];
  /** How far the peer has acknowledged this installation's changes (our counter), null before it was heard from. */
  acknowledged: number | null;
  /** This installation's counter now: everything up to it is what the peer could know. */
  ours: number;
}

export async function peerHistory(db: CadreDb, self: string, peerId: string): Promise<PeerHistory> {
  return db.transaction('r', [db.streams, db.ledger, db.knowledge, db.meta], async () => {
    const out = await db.streams.get(streamOf(self, peerId));
    const inbound = streamOf(peerId, self);
    const received = await db.ledger.where('[stream+seq]').between([inbound, Dexie.minKey], [inbound, Dexie.maxKey]).reverse().toArray();
    const knows = (await db.knowledge.get(peerKnowledgeKey(peerId)))?.vector;
    const acknowledged = knows && Object.keys(knows).length ? (knows[self] ?? 0) : null;
    return {
      sent: [...(out?.sent ?? [])].reverse().map((b) => ({ ...b, acknowledged: acknowledged !== null && acknowledged >= b.ours })),
      received: received.map((r) => ({ seq: r.seq, at: r.at, kind: r.kind, records: r.records })),
      acknowledged,
      ours: await currentCounter(db),
    };
  });
}
