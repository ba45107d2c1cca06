// Fixed parties and deterministic randomness for the bundle tests, and a way to build bundles that a correct
// writer never makes (wrong META, wrong manifest, a signature over another header, entries in odd places).
import { createHash, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENTRY, encodeEntryHeader, orderedMeta, signatureMessage, type EntryInfo, type EntryKind, type Manifest } from '../../../../electron/bundle/container';
import type { BundleMeta } from '../../../../shared/sync/bundleMeta';
import type { RecipientKey, Unlock } from '../../../../electron/bundle/header';
import { ed25519PrivateKey, ed25519Sign, rawPublic, sha256, x25519PrivateKey, type RandomBytes } from '../../../../electron/bundle/primitives';
import { openBundle, type EntrySink, type OpenedBundle, type TrustDecision, type TrustResolver } from '../../../../electron/bundle/reader';
import { BundleWriter, sealBundle, type EntrySource, type MetaInput, type SealResult, type SealTo } from '../../../../electron/bundle/writer';
import { installationIdOf } from '../../../../electron/keys/identity';

export interface Party {
  name: string;
  id: string;
  idBytes: Buffer;
  signingPrivateKey: KeyObject;
  signingKey: Buffer;
  encryptionPrivateKey: KeyObject;
  encryptionKey: Buffer;
}

const digest = (label: string) => createHash('sha256').update(label).digest();

/** A party whose keys derive from a label: the same on every run. */
export function party(label: string, name = label): Party {
  const signingPrivateKey = ed25519PrivateKey(digest(`sign:${label}`));
  const encryptionPrivateKey = x25519PrivateKey(digest(`encrypt:${label}`));
  const signingKey = rawPublic(signingPrivateKey);
  const id = installationIdOf(signingKey);
  return {
    name,
    id,
    idBytes: Buffer.from(id, 'hex'),
    signingPrivateKey,
    signingKey,
    encryptionPrivateKey,
    encryptionKey: rawPublic(encryptionPrivateKey),
  };
}

/** SHA-256 in counter mode over a seed: reproducible "random" bytes for golden bundles. */
export function seededRandom(seed: string): RandomBytes {
  let counter = 0;
  return (n: number) => {
    const out: Buffer[] = [];
    for (let have = 0; have < n; have += 32) out.push(digest(`${seed}:${counter++}`));
    return Buffer.concat(out).subarray(0, n);
  };
}

export const recipientOfParty = (p: Party): RecipientKey => ({ installationId: p.idBytes, encryptionKey: p.encryptionKey });
export const unlockAs = (p: Party): Unlock => ({ kind: 'identity', installationId: p.idBytes, encryptionPrivateKey: p.encryptionPrivateKey });

export function trusting(...parties: Party[]): TrustResolver {
  return (id): TrustDecision => {
    const p = parties.find((x) => x.id === id);
    return p ? { state: 'trusted', signingKey: p.signingKey, name: p.name } : { state: 'unknown' };
  };
}

export const sha256hex = (b: Uint8Array) => sha256(b).toString('hex');

export const baseMeta = (over: Partial<MetaInput> = {}): MetaInput => ({
  kind: 'full',
  seq: 1,
  prevBundleHash: null,
  scope: { units: 'all', tables: 'all' },
  appVersion: '0.1.0',
  schemaVersion: 3,
  knowledge: {},
  ...over,
});

export function records(lines: { table: string; record: Record<string, unknown> }[]): EntrySource {
  const data = Buffer.from(lines.map((l) => `${JSON.stringify(l)}\n`).join(''), 'utf8');
  return { kind: 'records', length: data.length, data };
}

export function blob(data: Buffer): EntrySource {
  return { kind: 'blob', sha256: sha256hex(data), length: data.length, data };
}

export function tempDir(prefix = 'cadre-bundle-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function seal(
  out: string,
  from: Party,
  to: SealTo,
  entries: EntrySource[],
  extra: { partSize?: number; random?: RandomBytes; parallel?: boolean; meta?: Partial<MetaInput>; now?: () => Date } = {},
): Promise<SealResult> {
  return sealBundle({
    signer: { installationId: from.id, name: from.name, signingPrivateKey: from.signingPrivateKey },
    to,
    meta: baseMeta(extra.meta),
    entries,
    out,
    partSize: extra.partSize,
    random: extra.random,
    parallel: extra.parallel,
    now: extra.now,
  });
}

/** A sink that keeps everything it is given, so a test can see what was released. */
export function recordingSink() {
  const entries: { entry: EntryInfo; bytes: Buffer[] }[] = [];
  const sink: EntrySink = {
    start: (entry) => {
      entries.push({ entry, bytes: [] });
    },
    data: (_entry, bytes) => {
      entries[entries.length - 1]!.bytes.push(Buffer.from(bytes));
    },
  };
  return {
    sink,
    entries,
    released: () => entries.reduce((n, e) => n + e.bytes.reduce((a, b) => a + b.length, 0), 0),
    content: (name: string) => Buffer.concat(entries.find((e) => e.entry.name === name)?.bytes ?? []),
  };
}

export async function open(file: string, as: Party | string, trust: TrustResolver, sink?: EntrySink, parallel?: boolean): Promise<OpenedBundle> {
  return openBundle({
    file,
    unlock: typeof as === 'string' ? { kind: 'passphrase', passphrase: as } : unlockAs(as),
    trust,
    sink,
    parallel,
  });
}

/** Resolves to the error openBundle failed with (and fails the test if it did not). */
export async function openError(...args: Parameters<typeof open>): Promise<Error & { code?: string; chunk?: number; fingerprint?: string }> {
  try {
    await open(...args);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the bundle opened, but it should have been refused');
}

export interface CraftSpec {
  signer: Party;
  to: Party;
  entries: { kind: EntryKind; name: string; data: Buffer }[];
  meta?: (m: BundleMeta) => BundleMeta;
  manifest?: (m: Manifest) => Manifest;
  omitManifest?: boolean;
  /** sign as if the header were this one */
  signedHeader?: Buffer;
  /** entries written after the signature */
  after?: { kind: EntryKind; name: string; data: Buffer }[];
  metaFirst?: boolean;
  random?: RandomBytes;
}

/** Writes a bundle entry by entry with the real writer layer, bending what a correct writer would not. */
export async function craft(out: string, spec: CraftSpec): Promise<void> {
  const writer = await BundleWriter.create({
    out,
    signerId: spec.signer.idBytes,
    to: { recipients: [recipientOfParty(spec.to)] },
    random: spec.random,
  });
  let meta: BundleMeta = orderedMeta({
    format: 'cadredesk-bundle/1',
    bundleId: writer.bundleId.toString('hex'),
    source: { installationId: spec.signer.id, name: spec.signer.name },
    destination: spec.to.id,
    ...baseMeta(),
    createdAt: writer.createdAt.toISOString(),
  });
  if (spec.meta) meta = spec.meta(meta);
  const metaBytes = Buffer.from(JSON.stringify(meta));
  const all = [
    ...(spec.metaFirst === false ? [] : [{ kind: ENTRY.META as EntryKind, name: 'meta.json', data: metaBytes }]),
    ...spec.entries,
  ];
  for (const e of all) await writer.entry(e.kind, e.name, e.data.length, e.data);
  const digests = await writer.entryDigests();
  const counts: Record<string, number> = {};
  for (const e of all.filter((x) => x.kind === ENTRY.RECORDS)) {
    for (const line of e.data.toString('utf8').split('\n').filter(Boolean)) {
      let t: string;
      try {
        t = (JSON.parse(line) as { table: string }).table;
      } catch {
        continue;
      }
      counts[t] = (counts[t] ?? 0) + 1;
    }
  }
  let manifest: Manifest = {
    counts,
    entries: all.map((e, i) => ({ kind: e.kind, name: e.name, length: e.data.length, sha256: digests[i]!.toString('hex') })),
  };
  if (spec.manifest) manifest = spec.manifest(manifest);
  if (!spec.omitManifest) {
    const m = Buffer.from(JSON.stringify(manifest));
    await writer.entry(ENTRY.MANIFEST, 'manifest.json', m.length, m);
  }
  const entriesHash = await writer.signatureDigest();
  const signature = ed25519Sign(spec.signer.signingPrivateKey, signatureMessage(sha256(spec.signedHeader ?? writer.header), entriesHash));
  await writer.entry(ENTRY.SIGNATURE, 'signature', 64, signature, 'none');
  for (const e of spec.after ?? []) await writer.entry(e.kind, e.name, e.data.length, e.data, 'none');
  await writer.finish();
}

export { encodeEntryHeader };
