import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../../shared/errors';
import { fingerprint } from '../../shared/identity/fingerprint';
import type { KeyProtection } from '../../shared/domain/installation';
import { readJsonIfExists, writeFileAtomic } from '../fsAtomic';

/** Encrypts key material at rest where the OS offers it (Electron safeStorage); null where it does not. */
export interface KeyProtector {
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}

export interface PublicIdentity {
  installationId: string;
  fingerprint: string;
  signingPublicKey: Buffer;
  encryptionPublicKey: Buffer;
  protection: KeyProtection;
  createdAt: string;
}

/** Lives only in the main process. */
export interface Identity extends PublicIdentity {
  signingPrivateKey: KeyObject;
  encryptionPrivateKey: KeyObject;
}

const IDENTITY_FILE = 'identity.json';
const PRIVATE_FILE = 'private.key';

const b64 = z.string().regex(/^[A-Za-z0-9+/]+=*$/);
const IdentityFileSchema = z.object({
  format: z.literal('cadredesk-identity/1'),
  installationId: z.string().regex(/^[0-9a-f]{32}$/),
  signingPublicKey: b64,
  encryptionPublicKey: b64,
  protection: z.enum(['safeStorage', 'userFile']),
  createdAt: z.string(),
});
const PrivateFileSchema = z.object({ signing: b64, encryption: b64 });

/** BUNDLE.md: the first 16 bytes of SHA-256 of the raw Ed25519 public key, as lowercase hex. */
export function installationIdOf(signingPublicKeyRaw: Uint8Array): string {
  return createHash('sha256').update(signingPublicKeyRaw).digest().subarray(0, 16).toString('hex');
}

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.x) throw new Error('not an OKP key');
  return Buffer.from(jwk.x, 'base64url');
}

const pkcs8 = (key: KeyObject): string => key.export({ format: 'der', type: 'pkcs8' }).toString('base64');

const broken = (detail: string) =>
  new UserError(
    `本机身份密钥文件已损坏（${detail}）。为防止本机的安装标识改变，程序不会自动重建密钥。请从备份恢复“keys”文件夹，或联系系统管理员。`,
  );

/**
 * Loads the installation's identity, creating it at first run. The installation id derives from the signing key,
 * so the key pair is never silently regenerated: a damaged key folder is an error to fix, not to paper over.
 */
export async function loadOrCreateIdentity(
  dir: string,
  protector: KeyProtector | null,
  now: () => Date = () => new Date(),
): Promise<Identity> {
  const stored = await readJsonIfExists(path.join(dir, IDENTITY_FILE)).catch(() => {
    throw broken('identity.json 无法读取');
  });
  if (stored === undefined) return createIdentity(dir, protector, now());
  const parsed = IdentityFileSchema.safeParse(stored);
  if (!parsed.success) throw broken('identity.json 格式不正确');
  const file = parsed.data;

  let sealed: Buffer;
  try {
    sealed = await fs.readFile(path.join(dir, PRIVATE_FILE));
  } catch {
    throw broken('缺少私钥文件');
  }
  let privateJson: unknown;
  try {
    if (file.protection === 'safeStorage') {
      if (!protector) throw broken('系统加密存储不可用，无法解开私钥');
      privateJson = JSON.parse(protector.decrypt(sealed).toString('utf8'));
    } else {
      privateJson = JSON.parse(sealed.toString('utf8'));
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw broken('私钥无法解开');
  }
  const keys = PrivateFileSchema.safeParse(privateJson);
  if (!keys.success) throw broken('私钥格式不正确');
  const signingPrivateKey = createPrivateKey({ key: Buffer.from(keys.data.signing, 'base64'), format: 'der', type: 'pkcs8' });
  const encryptionPrivateKey = createPrivateKey({
    key: Buffer.from(keys.data.encryption, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  const signingPublicKey = rawPublicKey(createPublicKey(signingPrivateKey));
  const encryptionPublicKey = rawPublicKey(createPublicKey(encryptionPrivateKey));
  if (
    !signingPublicKey.equals(Buffer.from(file.signingPublicKey, 'base64')) ||
    !encryptionPublicKey.equals(Buffer.from(file.encryptionPublicKey, 'base64')) ||
    installationIdOf(signingPublicKey) !== file.installationId
  ) {
    throw broken('公钥与私钥不一致');
  }
  return {
    installationId: file.installationId,
    fingerprint: fingerprint(file.installationId),
    signingPublicKey,
    encryptionPublicKey,
    protection: file.protection,
    createdAt: file.createdAt,
    signingPrivateKey,
    encryptionPrivateKey,
  };
}

async function createIdentity(dir: string, protector: KeyProtector | null, createdAt: Date): Promise<Identity> {
  const signing = generateKeyPairSync('ed25519');
  const encryption = generateKeyPairSync('x25519');
  const signingPublicKey = rawPublicKey(signing.publicKey);
  const encryptionPublicKey = rawPublicKey(encryption.publicKey);
  const installationId = installationIdOf(signingPublicKey);
  const protection: KeyProtection = protector ? 'safeStorage' : 'userFile';
  const privateJson = Buffer.from(
    JSON.stringify({ signing: pkcs8(signing.privateKey), encryption: pkcs8(encryption.privateKey) }),
  );
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // The private file first: identity.json is written last and marks a complete identity.
  await writeFileAtomic(path.join(dir, PRIVATE_FILE), protector ? protector.encrypt(privateJson) : privateJson, 0o600);
  const file: z.infer<typeof IdentityFileSchema> = {
    format: 'cadredesk-identity/1',
    installationId,
    signingPublicKey: signingPublicKey.toString('base64'),
    encryptionPublicKey: encryptionPublicKey.toString('base64'),
    protection,
    createdAt: createdAt.toISOString(),
  };
  await writeFileAtomic(path.join(dir, IDENTITY_FILE), JSON.stringify(file, null, 2), 0o600);
  return {
    installationId,
    fingerprint: fingerprint(installationId),
    signingPublicKey,
    encryptionPublicKey,
    protection,
    createdAt: file.createdAt,
    signingPrivateKey: signing.privateKey,
    encryptionPrivateKey: encryption.privateKey,
  };
}
