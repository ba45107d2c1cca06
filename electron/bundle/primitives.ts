import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  scryptSync,
  sign,
  timingSafeEqual,
  verify,
  type KeyObject,
} from 'node:crypto';

// The building blocks of docs/bundle-format.md "Building blocks", on node:crypto algorithms that Electron's
// BoringSSL also has. Raw 32-byte keys go in and out; KeyObjects are made here, once, from fixed DER prefixes.

/** Where every random byte comes from: node:crypto's randomBytes in use, a seeded stream for golden bundles. */
export type RandomBytes = (n: number) => Buffer;

const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');

const need32 = (bytes: Uint8Array, what: string) => {
  if (bytes.length !== 32) throw new Error(`${what} must be 32 bytes`);
};

export function x25519PrivateKey(raw: Uint8Array): KeyObject {
  need32(raw, 'X25519 private key');
  return createPrivateKey({ key: Buffer.concat([X25519_PKCS8, raw]), format: 'der', type: 'pkcs8' });
}
export function x25519PublicKey(raw: Uint8Array): KeyObject {
  need32(raw, 'X25519 public key');
  return createPublicKey({ key: Buffer.concat([X25519_SPKI, raw]), format: 'der', type: 'spki' });
}
export function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  need32(seed, 'Ed25519 seed');
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8, seed]), format: 'der', type: 'pkcs8' });
}
export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  need32(raw, 'Ed25519 public key');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI, raw]), format: 'der', type: 'spki' });
}

/** The raw 32 bytes of an OKP public key (the last 32 bytes of its SPKI). */
export function rawPublic(key: KeyObject): Buffer {
  const spki = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
  return Buffer.from(spki.subarray(spki.length - 32));
}

/**
 * X25519, or null where the result must be refused: Node throws for some low-order points and returns all zero
 * for others; both mean the same, so both are null here.
 */
export function x25519(privateKey: KeyObject, publicRaw: Uint8Array): Buffer | null {
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey, publicKey: x25519PublicKey(publicRaw) });
  } catch {
    return null;
  }
  let acc = 0;
  for (const b of shared) acc |= b;
  return acc === 0 ? null : shared;
}

/** Full HKDF-SHA-256 (Extract then Expand). */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array | string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, typeof info === 'string' ? Buffer.from(info, 'utf8') : info, length));
}

/**
 * HKDF-Expand alone (RFC 5869 section 2.3) over SHA-512, as Cobblestone needs: node:crypto offers only full HKDF,
 * and Expand is a few HMACs.
 */
export function hkdfExpandSha512(prk: Uint8Array, info: Uint8Array, length: number): Buffer {
  if (length > 255 * 64) throw new Error('HKDF-Expand output too long');
  const blocks: Buffer[] = [];
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 1; blocks.length * 64 < length; i++) {
    previous = hmacSha512(prk, [previous, info, Buffer.of(i)]);
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function hmacSha512(key: Uint8Array, parts: Uint8Array[]): Buffer {
  const h = createHmac('sha512', key);
  for (const p of parts) h.update(p);
  return h.digest();
}
export function hmacSha256(key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();

/** Readers accept scrypt work factors 2^15..2^18 (docs/bundle-format.md "File layout"). */
export const SCRYPT_LOG2N_MIN = 15;
export const SCRYPT_LOG2N_MAX = 18;

/** scrypt with the memory bound stated: Node's default maxmem (32 MiB) refuses N = 2^15 with r = 8. */
export function scrypt(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number, length: number): Buffer {
  const maxmem = 128 * N * r * (p + 2) + 1024 * 1024;
  return scryptSync(password, salt, length, { N, r, p, maxmem });
}

/** AES-256-GCM of the 32-byte file key under a wrap key, zero nonce, no AAD: 32 bytes then the 16-byte tag. */
export function wrapFileKey(wrapKey: Uint8Array, fileKey: Uint8Array): Buffer {
  const c = createCipheriv('aes-256-gcm', wrapKey, Buffer.alloc(12));
  const body = Buffer.concat([c.update(fileKey), c.final()]);
  return Buffer.concat([body, c.getAuthTag()]);
}

/** The file key, or null when the tag does not verify (wrong key or damaged stanza). */
export function unwrapFileKey(wrapKey: Uint8Array, wrapped: Uint8Array): Buffer | null {
  if (wrapped.length !== 48) return null;
  try {
    const d = createDecipheriv('aes-256-gcm', wrapKey, Buffer.alloc(12));
    d.setAuthTag(wrapped.subarray(32));
    return Buffer.concat([d.update(wrapped.subarray(0, 32)), d.final()]);
  } catch {
    return null;
  }
}

export function ed25519Sign(privateKey: KeyObject, message: Uint8Array): Buffer {
  return sign(null, message, privateKey);
}

/** False for any malformed key or signature too: a verifier never throws on attacker input. */
export function ed25519Verify(publicRaw: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, message, ed25519PublicKey(publicRaw), signature);
  } catch {
    return false;
  }
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
