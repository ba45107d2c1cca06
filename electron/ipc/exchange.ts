import path from 'node:path';
import { UserError } from '../../shared/errors';
import { fingerprint } from '../../shared/identity/fingerprint';
import type { PeerView } from '../../shared/contract/exchange';
import { buildCard, parseCard, serializeCard } from '../keys/card';
import { addPeer, confirmPeer, createPeerStore, findPeer, peersFileIn, revokePeer, type Peer, type Peers } from '../keys/peers';
import type { Identity } from '../keys/identity';
import type { ProfileStore } from '../profile';
import { createExchangeSessions } from '../exchange/sessions';
import { safetyBackupFile } from '../backup/safetyBackup';
import type { FileGrants } from './fileGrants';
import type { Handlers } from './dispatch';

export interface ExchangeHandlerEffects {
  identity: Identity;
  userDataDir: string;
  appVersion: string;
  profiles: ProfileStore;
  now?: () => Date;
}

const view = (p: Peer): PeerView => ({
  installationId: p.installationId,
  name: p.name,
  fingerprint: fingerprint(p.installationId),
  scope: p.scope,
  trust: p.trust,
  addedAt: p.addedAt,
  trustedAt: p.trustedAt,
  revokedAt: p.revokedAt,
});

const notGranted = () => new UserError('只能读写在对话框中选择的文件，请重新选择文件。');

type ExchangeMethod = Extract<keyof Handlers, `exchange.${string}`>;

/** Contact cards, peers and the bundle sessions (docs/bundle-format.md "Export and import procedure": the main-process side). */
export function exchangeHandlers(fx: ExchangeHandlerEffects, grants: FileGrants): Pick<Handlers, ExchangeMethod> {
  const now = fx.now ?? (() => new Date());
  const peers = createPeerStore(peersFileIn(path.join(fx.userDataDir, 'keys')));
  const installationName = async () => {
    const profile = await fx.profiles.read();
    if (!profile) throw new UserError('请先完成本机初始设置。');
    return profile.name;
  };
  const sessions = createExchangeSessions({ identity: fx.identity, peers, appVersion: fx.appVersion, installationName });
  const peerView = (state: Peers, id: string) => view(findPeer(state, id)!);

  return {
    'exchange.card': async () => {
      const name = await installationName();
      return { text: serializeCard(buildCard(fx.identity, name, now())), name, fingerprint: fx.identity.fingerprint };
    },
    'exchange.peers': async () => ({ peers: (await peers.load()).peers.map(view) }),
    'exchange.addPeer': async ({ cardText, scope }) => {
      const card = parseCard(cardText);
      const state = await peers.update((s) => addPeer(s, card, { scope, selfId: fx.identity.installationId, now: now() }));
      return peerView(state, card.installationId);
    },
    'exchange.confirmPeer': async ({ installationId, fingerprint: confirmed }) =>
      peerView(await peers.update((s) => confirmPeer(s, installationId, confirmed, now())), installationId),
    'exchange.revokePeer': async ({ installationId }) => peerView(await peers.update((s) => revokePeer(s, installationId, now())), installationId),

    'exchange.sealBegin': async (input, ctx) => {
      if (!grants.mayWrite(input.path)) throw notGranted();
      const progress = (taskId: string, label: string, done: number, total: number) => ctx.emit('progress', { taskId, label, done, total });
      return { sealId: await sessions.sealBegin({ ...input, onProgress: progress }) };
    },
    'exchange.sealRecords': async ({ sealId, ndjson }) => ({ bytesWritten: await sessions.sealRecords(sealId, ndjson) }),
    'exchange.sealBlob': async ({ sealId, sha256, bytes }) => ({ bytesWritten: await sessions.sealBlob(sealId, sha256, bytes) }),
    'exchange.sealFinish': async ({ sealId }) => {
      const r = await sessions.sealFinish(sealId);
      return { bundleId: r.bundleId, bundleHash: r.bundleHash, bytes: r.bytes, parts: r.parts, meta: r.meta };
    },
    'exchange.sealAbort': async ({ sealId }) => ({ aborted: await sessions.sealAbort(sealId) }),
    'exchange.open': async (input, ctx) => {
      if (!grants.mayRead(input.path)) throw notGranted();
      const progress = (taskId: string, label: string, done: number, total: number) => ctx.emit('progress', { taskId, label, done, total });
      const { openId, opened } = await sessions.open({ ...input, onProgress: progress });
      return {
        openId,
        meta: opened.meta,
        signer: opened.signer,
        counts: opened.manifest.counts,
        bytes: opened.bytes,
      };
    },
    'exchange.read': async ({ openId }) => sessions.read(openId),
    'exchange.close': async ({ openId }) => ({ closed: await sessions.close(openId) }),
    'exchange.safetyBackupPath': async () => {
      const file = await safetyBackupFile(fx.userDataDir, now());
      grants.grantWrite([file]);
      return { path: file };
    },
  };
}
