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

/**
 * The first 16 bytes of SHA-256 of the raw Ed25519 public key, as lowercase hex
 * (docs/bundle-format.md#installation-id-and-fingerprint).
 */
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

interface KeyPairs {
  signingPrivateKey: KeyObject;
  encryptionPrivateKey: KeyObject;
  signingPublicKey: Buffer;
  encryptionPublicKey: Buffer;
}

function parsePrivateKeys(privateJson: unknown): KeyPairs {
  const keys = PrivateFileSchema.safeParse(privateJson);
  if (!keys.success) throw broken('私钥格式不正确');
  try {
    const der = (b: string) => createPrivateKey({ key: Buffer.from(b, 'base64'), format: 'der', type: 'pkcs8' });
    const signingPrivateKey = der(keys.data.signing);
    const encryptionPrivateKey = der(keys.data.encryption);
    if (signingPrivateKey.asymmetricKeyType !== 'ed25519' || encryptionPrivateKey.asymmetricKeyType !== 'x25519') {
      throw new Error('wrong key type');
    }
    return {
      signingPrivateKey,
      encryptionPrivateKey,
      signingPublicKey: rawPublicKey(createPublicKey(signingPrivateKey)),
      encryptionPublicKey: rawPublicKey(createPublicKey(encryptionPrivateKey)),
    };
  } catch {
    throw broken('私钥格式不正确');
  }
}

/** Opens private.key as the given protection says; null protection = find out (plain JSON, else sealed). */
function openPrivateFile(sealed: Buffer, protection: KeyProtection | null, protector: KeyProtector | null) {
  const plain = (): unknown => JSON.parse(sealed.toString('utf8'));
  const unsealed = (): unknown => {
    if (!protector) throw broken('系统加密存储不可用，无法解开私钥');
    return JSON.parse(protector.decrypt(sealed).toString('utf8'));
  };
  try {
    if (protection === 'userFile') return { json: plain(), protection };
    if (protection === 'safeStorage') return { json: unsealed(), protection };
    try {
      return { json: plain(), protection: 'userFile' as const };
    } catch {
      return { json: unsealed(), protection: 'safeStorage' as const };
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw broken('私钥无法解开');
  }
}

const assemble = (keys: KeyPairs, protection: KeyProtection, createdAt: string): Identity => {
  const installationId = installationIdOf(keys.signingPublicKey);
  return { installationId, fingerprint: fingerprint(installationId), protection, createdAt, ...keys };
};

async function writeIdentityFile(dir: string, identity: Identity): Promise<void> {
  const file: z.infer<typeof IdentityFileSchema> = {
    format: 'cadredesk-identity/1',
    installationId: identity.installationId,
    signingPublicKey: identity.signingPublicKey.toString('base64'),
    encryptionPublicKey: identity.encryptionPublicKey.toString('base64'),
    protection: identity.protection,
    createdAt: identity.createdAt,
  };
  await writeFileAtomic(path.join(dir, IDENTITY_FILE), JSON.stringify(file, null, 2), 0o600);
}

async function readPrivateFile(dir: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(path.join(dir, PRIVATE_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw broken('私钥文件无法读取');
  }
}

/**
 * Loads the installation's identity, creating it at first run. The installation id derives from the signing key,
 * so the key pair is never silently regenerated: a damaged key folder is an error to fix, not to paper over.
 * identity.json only caches public facts: if it is missing beside a readable private.key (an interrupted first
 * run, a partial restore), it is rebuilt from the private keys and the id stays the same.
 */
export async function loadOrCreateIdentity(
  dir: string,
  protector: KeyProtector | null,
  now: () => Date = () => new Date(),
): Promise<Identity> {
  const stored = await readJsonIfExists(path.join(dir, IDENTITY_FILE)).catch(() => {
    throw broken('identity.json 无法读取');
  });
  const sealed = await readPrivateFile(dir);
  if (stored === undefined) {
    if (!sealed) return createIdentity(dir, protector, now());
    const opened = openPrivateFile(sealed, null, protector);
    const identity = assemble(parsePrivateKeys(opened.json), opened.protection, now().toISOString());
    await writeIdentityFile(dir, identity);
    return identity;
  }
  const parsed = IdentityFileSchema.safeParse(stored);
  if (!parsed.success) throw broken('identity.json 格式不正确');
  const file = parsed.data;
  if (!sealed) throw broken('缺少私钥文件');
  const keys = parsePrivateKeys(openPrivateFile(sealed, file.protection, protector).json);
  if (
    !keys.signingPublicKey.equals(Buffer.from(file.signingPublicKey, 'base64')) ||
    !keys.encryptionPublicKey.equals(Buffer.from(file.encryptionPublicKey, 'base64')) ||
    installationIdOf(keys.signingPublicKey) !== file.installationId
  ) {
    throw broken('公钥与私钥不一致');
  }
  return assemble(keys, file.protection, file.createdAt);
}

async function createIdentity(dir: string, protector: KeyProtector | null, createdAt: Date): Promise<Identity> {
  const signing = generateKeyPairSync('ed25519');
  const encryption = generateKeyPairSync('x25519');
  const identity = assemble(
    {
      signingPrivateKey: signing.privateKey,
      encryptionPrivateKey: encryption.privateKey,
      signingPublicKey: rawPublicKey(signing.publicKey),
      encryptionPublicKey: rawPublicKey(encryption.publicKey),
    },
    protector ? 'safeStorage' : 'userFile',
    createdAt.toISOString(),
  );
  const privateJson = Buffer.from(
    JSON.stringify({ signing: pkcs8(signing.privateKey), encryption: pkcs8(encryption.privateKey) }),
  );
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // The private file first: identity.json is written last and marks a complete identity.
  await writeFileAtomic(path.join(dir, PRIVATE_FILE), protector ? protector.encrypt(privateJson) : privateJson, 0o600);
  await writeIdentityFile(dir, identity);
  return identity;
}
