import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../../shared/errors';
import { fingerprint } from '../../shared/identity/fingerprint';
import type { TrustDecision, TrustResolver } from '../bundle/reader';
import { writeFileAtomic } from '../fsAtomic';
import { CardSchema, verifyCard, type VerifiedCard } from './card';

// Peers, kept by the main process beside the keys (docs/bundle-format.md "Identity and trust"): each with its
// card, the name people know it by, a scope fixed when it is added, and a trust state: pending until someone
// confirms the fingerprint read aloud, then trusted, or revoked for good. Pure functions over the state; the
// store applies them through an injected file effect and writes atomically.

/** A unit installation's subtree, or everything (the department). Fixed when the peer is added. */
export const PeerScopeSchema = z.union([z.literal('all'), z.strictObject({ unitId: z.string().min(1) })]);
export type PeerScope = z.infer<typeof PeerScopeSchema>;

export const TrustStateSchema = z.enum(['pending', 'trusted', 'revoked']);
export type TrustState = z.infer<typeof TrustStateSchema>;

export const PeerSchema = z.strictObject({
  installationId: z.string().regex(/^[0-9a-f]{32}$/),
  name: z.string().trim().min(1).max(200),
  card: CardSchema,
  scope: PeerScopeSchema,
  trust: TrustStateSchema,
  addedAt: z.string(),
  trustedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type Peer = z.infer<typeof PeerSchema>;

export const PeersSchema = z.strictObject({ format: z.literal('cadredesk-peers/1'), peers: z.array(PeerSchema) });
export type Peers = z.infer<typeof PeersSchema>;

export const emptyPeers = (): Peers => ({ format: 'cadredesk-peers/1', peers: [] });

export const findPeer = (state: Peers, installationId: string): Peer | undefined =>
  state.peers.find((p) => p.installationId === installationId);

const mustFind = (state: Peers, installationId: string): Peer => {
  const peer = findPeer(state, installationId);
  if (!peer) throw new UserError('找不到这个单位，请先导入它的联系卡。');
  return peer;
};

const replace = (state: Peers, peer: Peer): Peers => ({
  ...state,
  peers: state.peers.map((p) => (p.installationId === peer.installationId ? peer : p)),
});

/** Adds a peer from a verified card: pending until its fingerprint is confirmed. */
export function addPeer(
  state: Peers,
  card: VerifiedCard,
  options: { scope: PeerScope; selfId: string; now: Date; name?: string },
): Peers {
  if (card.installationId === options.selfId) throw new UserError('这是本机自己的联系卡，不能添加为交换对象。');
  const existing = findPeer(state, card.installationId);
  if (existing) {
    throw new UserError(
      existing.trust === 'revoked'
        ? `“${existing.name}”已被撤销信任，不能重新添加。`
        : `“${existing.name}”已在交换对象中，不需要重复添加。`,
    );
  }
  const peer: Peer = {
    installationId: card.installationId,
    name: (options.name ?? card.name).trim(),
    card: card.card,
    scope: options.scope,
    trust: 'pending',
    addedAt: options.now.toISOString(),
    trustedAt: null,
    revokedAt: null,
  };
  return { ...state, peers: [...state.peers, PeerSchema.parse(peer)] };
}

const normalizeFingerprint = (s: string) => s.toUpperCase().replace(/[^A-Z2-7]/g, '');

/**
 * Marks a pending peer trusted once a person has compared the fingerprint: the one they confirmed is passed in
 * and must be the card's.
 */
export function confirmPeer(state: Peers, installationId: string, confirmedFingerprint: string, now: Date): Peers {
  const peer = mustFind(state, installationId);
  if (peer.trust === 'revoked') throw new UserError(`“${peer.name}”已被撤销信任，不能再确认。`);
  if (normalizeFingerprint(confirmedFingerprint) !== normalizeFingerprint(fingerprint(installationId))) {
    throw new UserError('指纹不一致：请与对方再次核对。如果确实不同，不要信任这张联系卡。');
  }
  if (peer.trust === 'trusted') return state;
  return replace(state, { ...peer, trust: 'trusted', trustedAt: now.toISOString() });
}

/** Revokes a peer for good: its bundles are refused from now on. */
export function revokePeer(state: Peers, installationId: string, now: Date): Peers {
  const peer = mustFind(state, installationId);
  if (peer.trust === 'revoked') return state;
  return replace(state, { ...peer, trust: 'revoked', revokedAt: now.toISOString() });
}

/** What the bundle reader asks: may this signer's bundles be opened, and with which key. */
export function trustResolver(state: Peers): TrustResolver {
  return (installationId): TrustDecision => {
    const peer = findPeer(state, installationId);
    if (!peer) return { state: 'unknown' };
    if (peer.trust !== 'trusted') return { state: peer.trust };
    const card = verifyCard(peer.card);
    return { state: 'trusted', signingKey: card.signingKey, name: peer.name };
  };
}

/** The file effect the store needs: read the whole file (undefined when absent), replace it atomically. */
export interface PeersFile {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

export function peersFileIn(keysDir: string): PeersFile {
  const file = path.join(keysDir, 'peers.json');
  return {
    async read() {
      try {
        return await fs.readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    write: (text) => writeFileAtomic(file, text, 0o600),
  };
}

/** Loads, applies a change, saves. A damaged file is an error to fix, never silently emptied: trust lives there. */
export function createPeerStore(fx: PeersFile) {
  const load = async (): Promise<Peers> => {
    const text = await fx.read();
    if (text === undefined) return emptyPeers();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const parsed = PeersSchema.safeParse(raw);
    if (!parsed.success) {
      throw new UserError('交换对象列表文件（peers.json）已损坏。请从备份恢复“keys”文件夹，或联系系统管理员。');
    }
    return parsed.data;
  };
  return {
    load,
    async update(change: (state: Peers) => Peers): Promise<Peers> {
      const next = change(await load());
      await fx.write(`${JSON.stringify(PeersSchema.parse(next), null, 2)}\n`);
      return next;
    },
  };
}
export type PeerStore = ReturnType<typeof createPeerStore>;
