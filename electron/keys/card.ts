import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { fingerprint } from '../../shared/identity/fingerprint';
import { fail } from '../bundle/errors';
import type { RecipientKey } from '../bundle/header';
import { ed25519Sign, ed25519Verify } from '../bundle/primitives';
import { installationIdOf } from './identity';

// Contact cards (docs/bundle-format.md "Contact card"): name, installation id and both public keys, signed by
// the card's own signing key, so a card cannot be altered without the fingerprint read aloud changing with it.

const base64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, '公钥应为 32 字节的 base64');

export const CardSchema = z.strictObject({
  format: z.literal('cadredesk-card/1'),
  name: z.string().trim().min(1).max(200),
  installationId: z.string().regex(/^[0-9a-f]{32}$/),
  signingKey: base64Key,
  encryptionKey: base64Key,
  createdAt: z.iso.datetime({ offset: true }),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type Card = z.infer<typeof CardSchema>;

/** A card whose signature and installation id have been checked. */
export interface VerifiedCard {
  card: Card;
  name: string;
  installationId: string;
  fingerprint: string;
  signingKey: Buffer;
  encryptionKey: Buffer;
}

/** What is signed: the card without its signature, keys in the documented order. */
function signedBytes(c: Omit<Card, 'signature'>): Buffer {
  const ordered = {
    format: c.format,
    name: c.name,
    installationId: c.installationId,
    signingKey: c.signingKey,
    encryptionKey: c.encryptionKey,
    createdAt: c.createdAt,
  };
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}

export interface CardIdentity {
  installationId: string;
  signingPublicKey: Buffer;
  encryptionPublicKey: Buffer;
  signingPrivateKey: KeyObject;
}

export function buildCard(identity: CardIdentity, name: string, now: Date = new Date()): Card {
  const unsigned = {
    format: 'cadredesk-card/1' as const,
    name,
    installationId: identity.installationId,
    signingKey: identity.signingPublicKey.toString('base64'),
    encryptionKey: identity.encryptionPublicKey.toString('base64'),
    createdAt: now.toISOString(),
  };
  const signature = ed25519Sign(identity.signingPrivateKey, signedBytes(unsigned)).toString('base64');
  return { ...unsigned, signature };
}

export function serializeCard(card: Card): string {
  return `${JSON.stringify({ ...JSON.parse(signedBytes(card).toString('utf8')), signature: card.signature }, null, 2)}\n`;
}

/** Parses and verifies a card; any defect is a BundleError ('card') saying what is wrong. */
export function parseCard(text: string): VerifiedCard {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw fail.card('文件不是有效的 JSON', 'not valid JSON');
  }
  const parsed = CardSchema.safeParse(raw);
  if (!parsed.success) throw fail.card('字段不符合联系卡格式', 'fields do not match cadredesk-card/1');
  return verifyCard(parsed.data);
}

export function verifyCard(card: Card): VerifiedCard {
  const signingKey = Buffer.from(card.signingKey, 'base64');
  const encryptionKey = Buffer.from(card.encryptionKey, 'base64');
  if (signingKey.length !== 32 || encryptionKey.length !== 32) throw fail.card('公钥长度不对', 'keys must be 32 bytes');
  if (installationIdOf(signingKey) !== card.installationId) {
    throw fail.card('安装标识与签名公钥不符', 'installationId does not match the signing key');
  }
  if (!ed25519Verify(signingKey, signedBytes(card), Buffer.from(card.signature, 'base64'))) {
    throw fail.card('签名不正确，联系卡可能被改动过', 'bad signature');
  }
  return {
    card,
    name: card.name,
    installationId: card.installationId,
    fingerprint: fingerprint(card.installationId),
    signingKey,
    encryptionKey,
  };
}

export function recipientOf(card: VerifiedCard): RecipientKey {
  return { installationId: Buffer.from(card.installationId, 'hex'), encryptionKey: card.encryptionKey };
}
