import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  installationIdOf,
  loadOrCreateIdentity,
  rawPublicKey,
  type Identity,
  type KeyProtector,
} from '../../../electron/keys/identity';
import { UserError } from '../../../shared/errors';
import { fingerprint } from '../../../shared/identity/fingerprint';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const posix = process.platform !== 'win32';

/** A stand-in for Electron safeStorage: AES-256-GCM under a fixed test key. */
function aesProtector(key = Buffer.alloc(32, 7)): KeyProtector {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
    },
  };
}

let base: string;
let keysDir: string;
beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), 'cadredesk-identity-'));
  keysDir = path.join(base, 'keys');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const identityFile = () => path.join(keysDir, 'identity.json');
const privateFile = () => path.join(keysDir, 'private.key');
const readIdentityJson = () => JSON.parse(readFileSync(identityFile(), 'utf8')) as Record<string, string>;

/** Every file of the keys folder with its bytes: to prove a failed load touched nothing. */
function snapshot(dir = keysDir): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]));
}

const pkcs8Der = (id: Identity, which: 'signingPrivateKey' | 'encryptionPrivateKey') =>
  id[which].export({ format: 'der', type: 'pkcs8' });

/** The 32 secret bytes themselves (the Ed25519 seed / X25519 scalar), as the JWK 'd'. */
const rawPrivate = (id: Identity, which: 'signingPrivateKey' | 'encryptionPrivateKey') =>
  Buffer.from(id[which].export({ format: 'jwk' }).d!, 'base64url');

async function expectBroken(promise: Promise<unknown>, detail?: RegExp): Promise<UserError> {
  const error = await promise.then(
    () => {
      throw new Error('expected loadOrCreateIdentity to throw');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const message = (error as UserError).message;
  expect(message).toMatch(/^本机身份密钥文件已损坏/);
  expect(message).toContain('不会自动重建密钥');
  if (detail) expect(message).toMatch(detail);
  return error as UserError;
}

describe('installationIdOf / rawPublicKey', () => {
  it('installation id is the first 16 bytes of SHA-256 of the raw key, lowercase hex', () => {
    // SHA-256 of 32 zero bytes = 66687aad f862bd77 6c8fc18b 8e9f8e20 089714…
    expect(installationIdOf(new Uint8Array(32))).toBe('66687aadf862bd776c8fc18b8e9f8e20');
  });

  it('rawPublicKey gives the 32 raw bytes (RFC 8032 test 1)', () => {
    const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
    const priv = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    expect(rawPublicKey(createPublicKey(priv)).toString('hex')).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
  });
});

describe('loadOrCreateIdentity: first run and restarts', () => {
  it('creates keys/identity.json and keys/private.key, readable by the user only', async () => {
    const id = await loadOrCreateIdentity(keysDir, null, () => new Date('2025-01-02T03:04:05.000Z'));
    expect(readdirSync(keysDir).sort()).toEqual(['identity.json', 'private.key']);
    if (posix) {
      expect(statSync(privateFile()).mode & 0o777).toBe(0o600);
      expect(statSync(identityFile()).mode & 0o777).toBe(0o600);
      expect(statSync(keysDir).mode & 0o777).toBe(0o700);
    }
    const file = readIdentityJson();
    expect(file).toEqual({
      format: 'cadredesk-identity/1',
      installationId: id.installationId,
      signingPublicKey: id.signingPublicKey.toString('base64'),
      encryptionPublicKey: id.encryptionPublicKey.toString('base64'),
      protection: 'userFile',
      createdAt: '2025-01-02T03:04:05.000Z',
    });
    expect(id.createdAt).toBe('2025-01-02T03:04:05.000Z');
  });

  it('returns well-formed public parts', async () => {
    const id = await loadOrCreateIdentity(keysDir, null);
    expect(id.installationId).toMatch(/^[0-9a-f]{32}$/);
    expect(id.fingerprint).toBe(fingerprint(id.installationId));
    expect(id.fingerprint).toMatch(/^([A-Z2-7]{4}-){6}[A-Z2-7]{2}$/);
    expect(id.signingPublicKey).toHaveLength(32);
    expect(id.encryptionPublicKey).toHaveLength(32);
    expect(id.signingPrivateKey.asymmetricKeyType).toBe('ed25519');
    expect(id.encryptionPrivateKey.asymmetricKeyType).toBe('x25519');
    expect(id.signingPrivateKey.type).toBe('private');
  });

  it('the installation id is SHA-256(raw Ed25519 public key)[0..16], checked independently', async () => {
    const id = await loadOrCreateIdentity(keysDir, null);
    // the raw key from the SPKI DER of the private key's public half, not via the module's own JWK path
    const spki = createPublicKey(id.signingPrivateKey).export({ format: 'der', type: 'spki' });
    expect(spki.subarray(0, 12)).toEqual(ED25519_SPKI_PREFIX);
    const raw = spki.subarray(12);
    expect(raw).toEqual(id.signingPublicKey);
    expect(id.installationId).toBe(createHash('sha256').update(raw).digest('hex').slice(0, 32));
  });

  it('is stable across restarts: same id, keys and createdAt', async () => {
    const first = await loadOrCreateIdentity(keysDir, null, () => new Date('2025-01-01T00:00:00Z'));
    const files = snapshot();
    const second = await loadOrCreateIdentity(keysDir, null, () => new Date('2030-01-01T00:00:00Z'));
    const third = await loadOrCreateIdentity(keysDir, null);
    for (const again of [second, third]) {
      expect(again.installationId).toBe(first.installationId);
      expect(again.fingerprint).toBe(first.fingerprint);
      expect(again.signingPublicKey).toEqual(first.signingPublicKey);
      expect(again.encryptionPublicKey).toEqual(first.encryptionPublicKey);
      expect(again.createdAt).toBe(first.createdAt);
      expect(again.protection).toBe('userFile');
      expect(pkcs8Der(again, 'signingPrivateKey')).toEqual(pkcs8Der(first, 'signingPrivateKey'));
      expect(pkcs8Der(again, 'encryptionPrivateKey')).toEqual(pkcs8Der(first, 'encryptionPrivateKey'));
    }
    expect(snapshot()).toEqual(files);
  });

  it('two installations get different identities', async () => {
    const a = await loadOrCreateIdentity(path.join(base, 'a'), null);
    const b = await loadOrCreateIdentity(path.join(base, 'b'), null);
    expect(a.installationId).not.toBe(b.installationId);
    expect(a.encryptionPublicKey).not.toEqual(b.encryptionPublicKey);
  });

  it('the signing key signs, and the stored public key verifies (also after a restart)', async () => {
    const created = await loadOrCreateIdentity(keysDir, null);
    const loaded = await loadOrCreateIdentity(keysDir, null);
    const storedRaw = Buffer.from(readIdentityJson().signingPublicKey!, 'base64');
    const publicKey = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, storedRaw]), format: 'der', type: 'spki' });
    const message = Buffer.from('cadredesk bundle manifest');
    for (const id of [created, loaded]) {
      const signature = sign(null, message, id.signingPrivateKey);
      expect(signature).toHaveLength(64);
      expect(verify(null, message, publicKey, signature)).toBe(true);
      expect(verify(null, Buffer.from('tampered'), publicKey, signature)).toBe(false);
    }
  });

  it('the encryption key agrees with the stored X25519 public key', async () => {
    const id = await loadOrCreateIdentity(keysDir, null);
    const loaded = await loadOrCreateIdentity(keysDir, null);
    const peer = generateKeyPairSync('x25519');
    const storedRaw = Buffer.from(readIdentityJson().encryptionPublicKey!, 'base64');
    const stored = createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, storedRaw]), format: 'der', type: 'spki' });
    const fromPeer = diffieHellman({ privateKey: peer.privateKey, publicKey: stored });
    expect(diffieHellman({ privateKey: loaded.encryptionPrivateKey, publicKey: peer.publicKey })).toEqual(fromPeer);
    expect(diffieHellman({ privateKey: id.encryptionPrivateKey, publicKey: peer.publicKey })).toEqual(fromPeer);
  });
});

describe('key protection', () => {
  it("without a protector: 'userFile', private.key is the keys' JSON (protected by file mode only)", async () => {
    const id = await loadOrCreateIdentity(keysDir, null);
    expect(id.protection).toBe('userFile');
    const stored = JSON.parse(readFileSync(privateFile(), 'utf8')) as { signing: string; encryption: string };
    expect(stored).toEqual({
      signing: pkcs8Der(id, 'signingPrivateKey').toString('base64'),
      encryption: pkcs8Der(id, 'encryptionPrivateKey').toString('base64'),
    });
  });

  it("with a protector: 'safeStorage', and private.key holds no key material in clear", async () => {
    const protector = aesProtector();
    const id = await loadOrCreateIdentity(keysDir, protector);
    expect(id.protection).toBe('safeStorage');
    expect(readIdentityJson().protection).toBe('safeStorage');
    const sealed = readFileSync(privateFile());
    const asText = sealed.toString('latin1');
    for (const which of ['signingPrivateKey', 'encryptionPrivateKey'] as const) {
      const der = pkcs8Der(id, which);
      const raw = rawPrivate(id, which);
      expect(sealed.includes(der), `${which} DER`).toBe(false);
      expect(sealed.includes(raw), `${which} raw`).toBe(false);
      for (const text of [der.toString('base64'), raw.toString('base64'), raw.toString('hex'), raw.toString('base64url')]) {
        expect(asText.includes(text), `${which} ${text}`).toBe(false);
      }
    }
    // and the protector is what opens it
    expect(JSON.parse(protector.decrypt(sealed).toString('utf8'))).toEqual({
      signing: pkcs8Der(id, 'signingPrivateKey').toString('base64'),
      encryption: pkcs8Der(id, 'encryptionPrivateKey').toString('base64'),
    });
  });

  it('a protected identity loads again with the protector', async () => {
    const first = await loadOrCreateIdentity(keysDir, aesProtector());
    const again = await loadOrCreateIdentity(keysDir, aesProtector());
    expect(again.installationId).toBe(first.installationId);
    expect(again.protection).toBe('safeStorage');
    expect(pkcs8Der(again, 'signingPrivateKey')).toEqual(pkcs8Der(first, 'signingPrivateKey'));
  });

  it('a protected identity without the protector (OS keyring gone) is an error, not a new identity', async () => {
    await loadOrCreateIdentity(keysDir, aesProtector());
    const before = snapshot();
    await expectBroken(loadOrCreateIdentity(keysDir, null), /系统加密存储不可用/);
    expect(snapshot()).toEqual(before);
  });

  it('a protector that cannot open the file (another key) is an error', async () => {
    await loadOrCreateIdentity(keysDir, aesProtector(Buffer.alloc(32, 1)));
    const before = snapshot();
    await expectBroken(loadOrCreateIdentity(keysDir, aesProtector(Buffer.alloc(32, 2))), /私钥无法解开/);
    expect(snapshot()).toEqual(before);
  });
});

describe('a damaged key folder is an error and is never regenerated', () => {
  it.each([
    ['not JSON', '{ "format": "cadredesk-identity/1", '],
    ['empty', ''],
    ['wrong format tag', null],
    ['bad installation id', null],
  ])('identity.json %s', async (what, text) => {
    await loadOrCreateIdentity(keysDir, null);
    if (text !== null) writeFileSync(identityFile(), text);
    else if (what === 'wrong format tag') writeFileSync(identityFile(), JSON.stringify({ ...readIdentityJson(), format: 'x/2' }));
    else writeFileSync(identityFile(), JSON.stringify({ ...readIdentityJson(), installationId: 'XYZ' }));
    const before = snapshot();
    await expectBroken(loadOrCreateIdentity(keysDir, null), /identity\.json/);
    expect(snapshot()).toEqual(before);
  });

  it('an installation id that does not match the keys', async () => {
    await loadOrCreateIdentity(keysDir, null);
    writeFileSync(identityFile(), JSON.stringify({ ...readIdentityJson(), installationId: 'f'.repeat(32) }));
    const before = snapshot();
    await expectBroken(loadOrCreateIdentity(keysDir, null), /公钥与私钥不一致/);
    expect(snapshot()).toEqual(before);
  });

  it('a missing private.key', async () => {
    await loadOrCreateIdentity(keysDir, null);
    unlinkSync(privateFile());
    const before = snapshot();
    await expectBroken(loadOrCreateIdentity(keysDir, null), /缺少私钥文件/);
    expect(snapshot()).toEqual(before);
    expect(existsSync(privateFile())).toBe(false);
  });

  it.each([
    ['garbage', Buffer.from('garbage')],
    ['JSON of the wrong shape', Buffer.from('{"signing":1}')],
  ])('a private.key holding %s', async (_what, bytes) => {
    await loadOrCreateIdentity(keysDir, null);
    writeFileSync(privateFile(), bytes);
    const before = snapshot();
    await expectBroken(loadOrCreateIdentity(keysDir, null));
    expect(snapshot()).toEqual(before);
  });

  // Regression: createPrivateKey / rawPublicKey used to run outside any try, so a well-formed JSON holding keys
  // that are not PKCS8 escaped as a raw English OpenSSL error at start-up.
  it.each([
    ['not PKCS8', { signing: 'AAAA', encryption: 'AAAA' }],
    ['an RSA key', { signing: 'rsa', encryption: 'rsa' }],
  ])('a private.key holding keys that are %s is a UserError and regenerates nothing', async (_what, keys) => {
    await loadOrCreateIdentity(keysDir, null);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'der', type: 'pkcs8' });
    const b64 = (v: string) => (v === 'rsa' ? rsa.toString('base64') : v);
    writeFileSync(privateFile(), JSON.stringify({ signing: b64(keys.signing), encryption: b64(keys.encryption) }));
    const before = snapshot();
    await expectBroken(loadOrCreateIdentity(keysDir, null), /私钥格式不正确/);
    expect(snapshot()).toEqual(before);
  });

  // Regression: identity.json lost on its own (interrupted first run, partial restore) must not mint a new id.
  it('a private.key without identity.json is never overwritten', async () => {
    const original = await loadOrCreateIdentity(keysDir, null);
    unlinkSync(identityFile());
    const privateBefore = readFileSync(privateFile());
    const result = await loadOrCreateIdentity(keysDir, null);
    expect(readFileSync(privateFile())).toEqual(privateBefore);
    expect(result.installationId).toBe(original.installationId);
    expect(result.protection).toBe('userFile');
    expect(existsSync(identityFile())).toBe(true);
    expect((await loadOrCreateIdentity(keysDir, null)).installationId).toBe(original.installationId);
  });

  it("keys swapped with another identity's", async () => {
    await loadOrCreateIdentity(keysDir, null);
    const otherDir = path.join(base, 'other');
    await loadOrCreateIdentity(otherDir, null);
    copyFileSync(path.join(otherDir, 'private.key'), privateFile());
    const before = snapshot();
    await expectBroken(loadOrCreateIdentity(keysDir, null), /公钥与私钥不一致/);
    expect(snapshot()).toEqual(before);
  });

  it('only the encryption key swapped', async () => {
    await loadOrCreateIdentity(keysDir, null);
    const otherDir = path.join(base, 'other');
    await loadOrCreateIdentity(otherDir, null);
    const mine = JSON.parse(readFileSync(privateFile(), 'utf8')) as { signing: string; encryption: string };
    const theirs = JSON.parse(readFileSync(path.join(otherDir, 'private.key'), 'utf8')) as { encryption: string };
    writeFileSync(privateFile(), JSON.stringify({ signing: mine.signing, encryption: theirs.encryption }));
    const before = snapshot();
    await expectBroken(loadOrCreateIdentity(keysDir, null), /公钥与私钥不一致/);
    expect(snapshot()).toEqual(before);
  });

  it('signing and encryption keys exchanged with each other', async () => {
    await loadOrCreateIdentity(keysDir, null);
    const mine = JSON.parse(readFileSync(privateFile(), 'utf8')) as { signing: string; encryption: string };
    writeFileSync(privateFile(), JSON.stringify({ signing: mine.encryption, encryption: mine.signing }));
    const before = snapshot();
    await expectBroken(loadOrCreateIdentity(keysDir, null));
    expect(snapshot()).toEqual(before);
  });
});
