// Known-answer checks over every vector file of the bundle format's test vectors, written without a test runner
// so that the same checks run under vitest (kat.test.ts) and under the Electron binary as Node
// (test/electron/cryptoKat.spec.ts, through test/electron/cryptoKatRunner.mjs).
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { ChunkOpener, deriveChunkKeys, openChunked, sealChunked, SALT_SIZE } from '../../../../electron/bundle/chunked';
import { BundleError } from '../../../../electron/bundle/errors';
import { ed25519Verify, hkdfSha256, scrypt, x25519, x25519PrivateKey } from '../../../../electron/bundle/primitives';

export interface KatResult {
  file: string;
  /** vectors checked */
  checked: number;
  /** vectors the file holds that do not apply (e.g. AES-GCM with other key or IV sizes) */
  notApplicable: number;
  failures: string[];
}

interface Vector {
  tcId: number | string;
  comment?: string;
  result?: string;
  flags?: string[] | string;
  [key: string]: unknown;
}
interface Group {
  tests: Vector[];
  [key: string]: unknown;
}

const hex = (s: unknown) => Buffer.from(String(s ?? ''), 'hex');
const flagsOf = (v: Vector): string[] =>
  Array.isArray(v.flags) ? v.flags : typeof v.flags === 'string' ? (v.flags.match(/[A-Za-z]+/g) ?? []) : [];
const sha512 = (b: Uint8Array) => createHash('sha512').update(b).digest('hex');

function load(dir: string, file: string): { testGroups?: Group[]; tests?: Vector[] } {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { testGroups?: Group[]; tests?: Vector[] };
}

function run(file: string, dir: string, each: (group: Group, v: Vector) => string | null | 'n/a'): KatResult {
  const result: KatResult = { file, checked: 0, notApplicable: 0, failures: [] };
  for (const group of load(dir, file).testGroups ?? []) {
    for (const v of group.tests) {
      let outcome: string | null | 'n/a';
      try {
        outcome = each(group, v);
      } catch (error) {
        outcome = `threw ${(error as Error).message}`;
      }
      if (outcome === 'n/a') result.notApplicable++;
      else {
        result.checked++;
        if (outcome) result.failures.push(`tcId ${v.tcId} (${v.comment ?? ''}): ${outcome}`);
      }
    }
  }
  return result;
}

/** Opens in pieces of `step` bytes, as a streaming reader would; returns what was released and the error. */
function openStreaming(key: Buffer, ctx: Buffer, ct: Buffer, step: number) {
  const released: Uint8Array[] = [];
  let error: unknown = null;
  let opener: ChunkOpener | null = null;
  try {
    opener = new ChunkOpener(key, ctx);
    for (let o = 0; o < ct.length; o += step) opener.push(ct.subarray(o, o + step), released);
    opener.finish(released);
  } catch (e) {
    error = e;
  }
  return { plain: Buffer.concat(released), error, opener };
}

function chunked(dir: string): KatResult {
  return run('c2sp_chunked_encryption_aes_256_gcm_test.json', dir, (_g, v) => {
    const key = hex(v.key);
    const ctx = hex(v.ctx);
    const ct = inflateSync(hex(v.ct));
    const flags = flagsOf(v);
    if (v.result === 'valid') {
      const plain = openChunked(key, ctx, ct);
      if (plain.length !== Number(v.msgLength)) return `length ${plain.length} != ${String(v.msgLength)}`;
      if (sha512(plain) !== v.msgSha512) return 'plaintext hash differs';
      const keys = deriveChunkKeys(key, ctx, ct.subarray(0, SALT_SIZE));
      if (v.aeadKey !== undefined && keys.aeadKey.toString('hex') !== v.aeadKey) return 'derived AEAD key differs';
      if (v.baseNonce !== undefined && keys.baseNonce.toString('hex') !== v.baseNonce) return 'derived nonce differs';
      for (const step of [7919, 65536]) {
        const s = openStreaming(key, ctx, ct, step);
        if (s.error || !s.plain.equals(plain)) return `streaming open in ${step}-byte pieces differs`;
      }
      // The sealer, given the same salt, must produce the same bytes.
      const resealed = sealChunked(key, ctx, plain, (n) => Buffer.from(ct.subarray(0, n)));
      if (!resealed.equals(ct)) return 'sealing the plaintext with the same salt gives other bytes';
      return null;
    }
    // invalid
    try {
      openChunked(key, ctx, ct);
      return 'opened an invalid ciphertext';
    } catch (error) {
      if (!(error instanceof BundleError)) return `not a BundleError: ${(error as Error).message}`;
      if (flags.includes('InvalidKeySize') && error.code !== 'keySize') return `expected keySize, got ${error.code}`;
    }
    const limit = v.msgLength === undefined ? 0 : Number(v.msgLength);
    for (const step of [1000, 16400, 1 << 20]) {
      const s = openStreaming(key, ctx, ct, step);
      if (!(s.error instanceof BundleError)) return `streaming (${step}) did not fail with a BundleError`;
      if (s.plain.length > limit) return `streaming (${step}) released ${s.plain.length} bytes > ${limit}`;
      if (flags.includes('HeaderFailure') && s.opener && s.opener.chunksOpened !== 0) return 'a chunk opened before the header check';
      if (s.plain.length > 0 && limit === s.plain.length && v.msgSha512 !== undefined && sha512(s.plain) !== v.msgSha512) {
        return 'released prefix differs';
      }
      if (s.opener) {
        // keeps failing
        const again: Uint8Array[] = [];
        try {
          s.opener.finish(again);
          return 'finish succeeded after a failure';
        } catch (e) {
          if (e !== s.error) return 'a later call failed differently';
        }
        if (again.length) return 'released bytes after a failure';
      }
    }
    return null;
  });
}

function aesGcm(dir: string): KatResult {
  return run('aes_gcm_test.json', dir, (g, v) => {
    if (g.keySize !== 256 || g.ivSize !== 96 || g.tagSize !== 128) return 'n/a';
    const [key, iv, aad, msg, ct, tag] = [hex(v.key), hex(v.iv), hex(v.aad), hex(v.msg), hex(v.ct), hex(v.tag)];
    let opened: Buffer | null = null;
    try {
      const d = createDecipheriv('aes-256-gcm', key, iv);
      d.setAAD(aad);
      d.setAuthTag(tag);
      opened = Buffer.concat([d.update(ct), d.final()]);
    } catch {
      opened = null;
    }
    if (v.result === 'invalid') return opened ? 'decrypted an invalid vector' : null;
    if (!opened || !opened.equals(msg)) return 'decryption failed or differs';
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(aad);
    const sealed = Buffer.concat([c.update(msg), c.final()]);
    return sealed.equals(ct) && c.getAuthTag().equals(tag) ? null : 'encryption differs';
  });
}

function x25519Check(dir: string): KatResult {
  return run('x25519_test.json', dir, (_g, v) => {
    const shared = hex(v.shared);
    const got = x25519(x25519PrivateKey(hex(v.private)), hex(v.public));
    const zero = shared.every((b) => b === 0);
    if (zero) return got === null ? null : 'an all-zero shared secret was not refused';
    if (v.result === 'invalid') return got === null ? null : 'accepted an invalid point';
    return got && got.equals(shared) ? null : `shared secret differs (${got ? got.toString('hex') : 'refused'})`;
  });
}

function ed25519(dir: string): KatResult {
  return run('ed25519_test.json', dir, (g, v) => {
    const pk = hex((g.publicKey as { pk: string }).pk);
    const ok = ed25519Verify(pk, hex(v.msg), hex(v.sig));
    return ok === (v.result === 'valid') ? null : `verify said ${ok}, expected ${v.result}`;
  });
}

function hkdf(dir: string): KatResult {
  return run('hkdf_sha256_test.json', dir, (_g, v) => {
    let okm: Buffer | null = null;
    try {
      okm = hkdfSha256(hex(v.ikm), hex(v.salt), hex(v.info), Number(v.size));
    } catch {
      okm = null;
    }
    if (v.result === 'invalid') return okm ? 'accepted an invalid size' : null;
    return okm && okm.toString('hex') === v.okm ? null : 'output differs';
  });
}

function scryptCheck(dir: string): KatResult {
  const result: KatResult = { file: 'scrypt_rfc7914_test.json', checked: 0, notApplicable: 0, failures: [] };
  for (const v of load(dir, result.file).tests ?? []) {
    result.checked++;
    const dk = scrypt(
      Buffer.from(String(v.password), 'utf8'),
      Buffer.from(String(v.salt), 'utf8'),
      Number(v.N),
      Number(v.r),
      Number(v.p),
      Number(v.dkLen),
    );
    if (dk.toString('hex') !== v.dk) result.failures.push(`tcId ${v.tcId}: derived key differs`);
  }
  return result;
}

/** One check per vector file; a file without a check is itself a failure (see runKatChecks). */
export const KAT_CHECKS: Record<string, (dir: string) => KatResult> = {
  'c2sp_chunked_encryption_aes_256_gcm_test.json': chunked,
  'aes_gcm_test.json': aesGcm,
  'x25519_test.json': x25519Check,
  'ed25519_test.json': ed25519,
  'hkdf_sha256_test.json': hkdf,
  'scrypt_rfc7914_test.json': scryptCheck,
};

/** Runs a check for every .json file in the folder; throws when the folder is missing (fail, never skip). */
export function runKatChecks(dir: string): KatResult[] {
  if (!existsSync(dir)) throw new Error(`test vectors folder is missing: ${dir}`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return files.map((file) => {
    const check = KAT_CHECKS[file];
    if (!check) return { file, checked: 0, notApplicable: 0, failures: ['no known-answer check for this file'] };
    return check(dir);
  });
}
