import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundleError } from '../../../../electron/bundle/errors';
import { ed25519Sign } from '../../../../electron/bundle/primitives';
import { buildCard, parseCard, serializeCard, type Card } from '../../../../electron/keys/card';
import {
  addPeer,
  confirmPeer,
  createPeerStore,
  emptyPeers,
  findPeer,
  peersFileIn,
  revokePeer,
  trustResolver,
  type PeersFile,
} from '../../../../electron/keys/peers';
import { UserError } from '../../../../shared/errors';
import { fingerprint } from '../../../../shared/identity/fingerprint';
import { party, type Party } from './helpers';

const A = party('card-A', '新城区委组织部干部科');
const B = party('card-B', '新城区教育局');
const now = new Date('2026-03-01T08:00:00Z');

const cardOf = (p: Party, name = p.name) =>
  buildCard(
    { installationId: p.id, signingPublicKey: p.signingKey, encryptionPublicKey: p.encryptionKey, signingPrivateKey: p.signingPrivateKey },
    name,
    now,
  );

const cardError = (text: string) => {
  try {
    parseCard(text);
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).code).toBe('card');
    return (error as BundleError).zh;
  }
  throw new Error('the card was accepted');
};

describe('contact cards', () => {
  it('round-trips: keys, id, fingerprint; keys in the documented order', () => {
    const text = serializeCard(cardOf(A));
    expect(Object.keys(JSON.parse(text))).toEqual([
      'format', 'name', 'installationId', 'signingKey', 'encryptionKey', 'createdAt', 'signature',
    ]);
    const v = parseCard(text);
    expect(v.installationId).toBe(A.id);
    expect(v.fingerprint).toBe(fingerprint(A.id));
    expect(v.signingKey.equals(A.signingKey)).toBe(true);
    expect(v.encryptionKey.equals(A.encryptionKey)).toBe(true);
    expect(v.name).toBe(A.name);
  });

  it('signs JSON.stringify of the card without its signature, keys in order', () => {
    const card = cardOf(A);
    const { signature, ...rest } = card;
    expect(signature).toBe(ed25519Sign(A.signingPrivateKey, Buffer.from(JSON.stringify(rest))).toString('base64'));
  });

  it('a card read in any key order still verifies', () => {
    const card = cardOf(A);
    const shuffled = Object.fromEntries(Object.entries(card).reverse());
    expect(parseCard(JSON.stringify(shuffled)).installationId).toBe(A.id);
  });

  it('refuses a changed name, a swapped encryption key, an id of another key, a foreign signature', () => {
    const card = cardOf(A);
    const changed = (c: Partial<Card>) => JSON.stringify({ ...card, ...c });
    expect(cardError(changed({ name: '冒充的单位' }))).toContain('签名不正确');
    expect(cardError(changed({ encryptionKey: B.encryptionKey.toString('base64') }))).toContain('签名不正确');
    expect(cardError(changed({ installationId: B.id }))).toContain('安装标识');
    expect(cardError(changed({ signature: cardOf(B).signature }))).toContain('签名不正确');
    expect(cardError(changed({ signingKey: B.signingKey.toString('base64'), installationId: B.id }))).toContain('签名不正确');
  });

  it('refuses what is not a card', () => {
    cardError('not json');
    cardError(JSON.stringify({ ...cardOf(A), format: 'cadredesk-card/2' }));
    cardError(JSON.stringify({ ...cardOf(A), extra: 1 }));
    cardError(JSON.stringify({ ...cardOf(A), signingKey: 'AAAA' }));
  });
});

describe('peers', () => {
  const verified = parseCard(serializeCard(cardOf(B)));
  const added = addPeer(emptyPeers(), verified, { scope: { unitId: 'unit-edu' }, selfId: A.id, now });

  it('a new peer is pending, with its fixed scope, and its bundles are refused until confirmed', () => {
    const peer = findPeer(added, B.id)!;
    expect(peer).toMatchObject({ trust: 'pending', scope: { unitId: 'unit-edu' }, name: B.name, trustedAt: null });
    expect(trustResolver(added)(B.id)).toEqual({ state: 'pending' });
    expect(trustResolver(added)(A.id)).toEqual({ state: 'unknown' });
  });

  it('confirming needs the same fingerprint (spacing and case aside); then it is trusted', () => {
    expect(() => confirmPeer(added, B.id, fingerprint(A.id), now)).toThrow(UserError);
    const typed = fingerprint(B.id).toLowerCase().replace(/-/g, ' ');
    const trusted = confirmPeer(added, B.id, typed, now);
    expect(findPeer(trusted, B.id)).toMatchObject({ trust: 'trusted', trustedAt: now.toISOString() });
    const decision = trustResolver(trusted)(B.id);
    expect(decision.state).toBe('trusted');
    expect(decision.state === 'trusted' && decision.signingKey.equals(B.signingKey)).toBe(true);
  });

  it('revoking is for good: refused, not re-confirmable, not re-addable', () => {
    const revoked = revokePeer(confirmPeer(added, B.id, fingerprint(B.id), now), B.id, now);
    expect(trustResolver(revoked)(B.id)).toEqual({ state: 'revoked' });
    expect(() => confirmPeer(revoked, B.id, fingerprint(B.id), now)).toThrow(/撤销/);
    expect(() => addPeer(revoked, verified, { scope: 'all', selfId: A.id, now })).toThrow(/撤销/);
  });

  it('refuses this installation\'s own card and a second copy of a peer', () => {
    const own = parseCard(serializeCard(cardOf(A)));
    expect(() => addPeer(emptyPeers(), own, { scope: 'all', selfId: A.id, now })).toThrow(/本机自己/);
    expect(() => addPeer(added, verified, { scope: 'all', selfId: A.id, now })).toThrow(/已在/);
  });

  it('the store applies changes through the file effect and refuses a damaged file', async () => {
    let stored: string | undefined;
    const fx: PeersFile = { read: async () => stored, write: async (t) => void (stored = t) };
    const store = createPeerStore(fx);
    expect(await store.load()).toEqual(emptyPeers());
    await store.update((s) => addPeer(s, verified, { scope: 'all', selfId: A.id, now }));
    expect(findPeer(await store.load(), B.id)?.trust).toBe('pending');
    stored = '{"format":"cadredesk-peers/1","peers":[{"installationId":"x"}]}';
    await expect(store.load()).rejects.toThrow(/peers\.json/);
  });

  it('peers.json sits beside the keys, readable by the owner only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cadre-peers-'));
    try {
      const store = createPeerStore(peersFileIn(dir));
      await store.update((s) => addPeer(s, verified, { scope: 'all', selfId: A.id, now }));
      const file = path.join(dir, 'peers.json');
      expect(JSON.parse(readFileSync(file, 'utf8')).peers[0].installationId).toBe(B.id);
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
      writeFileSync(file, 'garbage');
      await expect(store.load()).rejects.toThrow(UserError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
