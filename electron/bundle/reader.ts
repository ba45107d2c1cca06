import { fingerprint } from '../../shared/identity/fingerprint';
import { ChunkOpener } from './chunked';
import {
  ContainerParser,
  ENTRY,
  ManifestSchema,
  RecordCounter,
  signatureMessage,
  type ContainerEvent,
  type EntryInfo,
  type Manifest,
} from './container';
import { BundleError, fail } from './errors';
import { BundleMetaSchema, type BundleMeta } from '../../shared/sync/bundleMeta';
import { createHashing, type Hashing } from './hashing';
import {
  headerSize,
  parseHeader,
  payloadContext,
  payloadKey,
  PREAMBLE_SIZE,
  unlockFileKey,
  verifyHeaderMac,
  type ParsedHeader,
  type Unlock,
} from './header';
import { ParallelOpener } from './openEngine';
import { listParts, readParts } from './parts';
import { ed25519Verify, sha256 } from './primitives';

// Opening: the header is checked and the signer's trust decided before anything costly; every chunk is verified
// before its bytes go on; the manifest, the entry hashes and the signature are checked at the end. A sink sees
// content as it is verified chunk by chunk: whatever it wrote counts only if openBundle resolves (the import's
// pass 1 runs without a sink; docs/bundle-format.md "Export and import procedure").

/** What the main process knows of a signer (from its peers, or from cards given on the command line). */
export type TrustDecision =
  | { state: 'trusted'; signingKey: Buffer; name: string }
  | { state: 'pending' | 'revoked' | 'unknown' }
  /**
   * The signer's key travels inside the encrypted payload (a backup's contact card, docs/architecture.md
   * "Backup and restore"): the caller's sink finds it, and `resolve` gives it (or throws) when every entry has
   * been read, just before the signature is checked against it.
   */
  | { state: 'embedded'; resolve: () => { signingKey: Buffer; name: string } };

type SignerKey = { signingKey: Buffer; name: string };

export type TrustResolver = (installationId: string) => TrustDecision;

/**
 * Receives verified content. `bytes` is valid only during the call (until its promise resolves): a large bundle
 * is opened in shared memory that is reused for the bytes that follow, so a sink copies what it keeps.
 */
export interface EntrySink {
  start?(entry: EntryInfo): void | Promise<void>;
  data?(entry: EntryInfo, bytes: Uint8Array): void | Promise<void>;
  end?(entry: EntryInfo): void | Promise<void>;
}

export interface OpenOptions {
  /** the bundle, named by its first part */
  file: string;
  unlock: Unlock;
  trust: TrustResolver;
  /** receives META, RECORDS and BLOB entries */
  sink?: EntrySink;
  /** open and hash on two worker threads (openEngine.ts); by default from 8 MiB */
  parallel?: boolean;
  onProgress?: (bytesRead: number, total: number) => void;
  /** cancels: the promise rejects with an AbortError */
  signal?: AbortSignal;
  /**
   * The destination META must name. By default the installation that unlocks it (or null for a passphrase);
   * a sender reading its own export back names the peer it was sealed to.
   */
  destination?: string | null;
  /**
   * Hash the file for OpenedBundle.bundleHash (the default). An import's first pass verifies and turns it off:
   * the bundle hash is for the ledger, and the second pass, which hands the content over, computes it.
   */
  hashFile?: boolean;
}

export interface HeaderSummary {
  version: number;
  suite: number;
  bundleId: string;
  signerId: string;
  signerFingerprint: string;
  createdAt: string;
  stanzas: ({ type: 'recipient'; recipientId: string; fingerprint: string } | { type: 'passphrase'; log2N: number })[];
}

export interface OpenedBundle {
  header: HeaderSummary;
  meta: BundleMeta;
  manifest: Manifest;
  signer: { installationId: string; fingerprint: string; name: string };
  /** SHA-256 of the file's bytes (all parts), or null when opened with hashFile: false */
  bundleHash: string | null;
  bytes: number;
  parts: string[];
}

export function summarizeHeader(h: ParsedHeader): HeaderSummary {
  const signerId = h.signerId.toString('hex');
  return {
    version: h.version,
    suite: h.suite,
    bundleId: h.bundleId.toString('hex'),
    signerId,
    signerFingerprint: fingerprint(signerId),
    createdAt: new Date(h.createdMs).toISOString(),
    stanzas: h.stanzas.map((s) =>
      s.type === 'recipient'
        ? { type: 'recipient', recipientId: s.recipientId.toString('hex'), fingerprint: fingerprint(s.recipientId.toString('hex')) }
        : { type: 'passphrase', log2N: s.log2N },
    ),
  };
}

function checkTrust(h: ParsedHeader, trust: TrustResolver): SignerKey | (() => SignerKey) {
  const id = h.signerId.toString('hex');
  const fp = fingerprint(id);
  const decision = trust(id);
  if (decision.state === 'trusted') return decision;
  if (decision.state === 'embedded') return decision.resolve;
  if (decision.state === 'revoked') throw fail.revokedSigner(fp);
  if (decision.state === 'pending') throw fail.untrustedSigner(fp);
  throw fail.unknownSigner(fp);
}

/** Reads the header alone: what `inspect` shows, without any key. */
export async function inspectBundle(file: string): Promise<{ header: HeaderSummary; parts: string[]; bytes: number }> {
  const parts = await listParts(file);
  const head: Buffer[] = [];
  let have = 0;
  let need = PREAMBLE_SIZE;
  for await (const piece of readParts(parts, () => Buffer.allocUnsafe(64 * 1024))) {
    head.push(piece);
    have += piece.length;
    if (have >= PREAMBLE_SIZE) need = headerSize(Buffer.concat(head).subarray(0, PREAMBLE_SIZE));
    if (have >= need) break;
  }
  const all = Buffer.concat(head);
  if (all.length < PREAMBLE_SIZE) headerSize(all);
  const header = parseHeader(all);
  return { header: summarizeHeader(header), parts: parts.files, bytes: parts.total };
}

const PARALLEL_FROM = 8 << 20;

export async function openBundle(options: OpenOptions): Promise<OpenedBundle> {
  const parts = await listParts(options.file);
  if (options.parallel ?? parts.total >= PARALLEL_FROM) {
    const opener = new ParallelOpener(parts, options.hashFile ?? true);
    try {
      return await readAll(options, parts, { kind: 'workers', opener });
    } finally {
      await opener.close();
    }
  }
  const hashing = createHashing(options.hashFile ?? true);
  try {
    return await readAll(options, parts, { kind: 'thread', hashing });
  } finally {
    await hashing.close();
  }
}

/** What reads, opens and hashes: this thread (small bundles), or two workers over shared memory (openEngine.ts). */
type Engine = { kind: 'thread'; hashing: Hashing } | { kind: 'workers'; opener: ParallelOpener };

async function readAll(options: OpenOptions, parts: Awaited<ReturnType<typeof listParts>>, engine: Engine): Promise<OpenedBundle> {
  const hashing: Pick<Hashing, 'entryHeader' | 'content' | 'endEntry' | 'entryDigests' | 'signatureDigest' | 'fileDigest'> =
    engine.kind === 'thread' ? engine.hashing : engine.opener;
  let head: Buffer | null = Buffer.alloc(0);
  let header: ParsedHeader | null = null;
  let signer: SignerKey | (() => SignerKey) | null = null;
  let opener: ChunkOpener | null = null;
  const parser = new ContainerParser();
  const counter = new RecordCounter();
  const plain: Uint8Array[] = [];
  const events: ContainerEvent[] = [];
  const seen: EntryInfo[] = [];
  let metaBytes: Buffer[] = [];
  let manifestBytes: Buffer[] = [];
  const signatureBytes: Buffer[] = [];
  let meta: BundleMeta | null = null;
  let manifest: Manifest | null = null;
  let entriesHash: Promise<Buffer> | null = null;
  const sink = options.sink ?? {};
  const forSink = (e: EntryInfo) => e.kind === ENTRY.META || e.kind === ENTRY.RECORDS || e.kind === ENTRY.BLOB;

  const handle = async (ev: ContainerEvent): Promise<void> => {
    const e = ev.entry;
    if (ev.type === 'start') {
      if (e.kind === ENTRY.SIGNATURE) entriesHash = hashing.signatureDigest();
      else {
        hashing.entryHeader(ev.header);
        seen.push(e);
      }
      if (forSink(e)) await sink.start?.(e);
      return;
    }
    if (ev.type === 'data') {
      if (e.kind !== ENTRY.SIGNATURE) hashing.content(ev.data);
      if (e.kind === ENTRY.RECORDS) counter.push(ev.data);
      else if (e.kind === ENTRY.META) metaBytes.push(Buffer.from(ev.data));
      else if (e.kind === ENTRY.MANIFEST) manifestBytes.push(Buffer.from(ev.data));
      else if (e.kind === ENTRY.SIGNATURE) signatureBytes.push(Buffer.from(ev.data));
      if (forSink(e)) {
        const r = sink.data?.(e, ev.data);
        if (r) await r;
      }
      return;
    }
    if (e.kind !== ENTRY.SIGNATURE) hashing.endEntry();
    if (e.kind === ENTRY.RECORDS) counter.endEntry();
    if (e.kind === ENTRY.META) {
      meta = checkMeta(Buffer.concat(metaBytes), header!, options.destination !== undefined ? options.destination : expectedDestination(options.unlock));
      metaBytes = [];
    }
    if (e.kind === ENTRY.MANIFEST) {
      manifest = parseJson(Buffer.concat(manifestBytes), ManifestSchema, 'manifest');
      manifestBytes = [];
    }
    if (forSink(e)) await sink.end?.(e);
  };

  const payload = async (bytes: Uint8Array): Promise<void> => {
    opener!.push(bytes, plain);
    for (const p of plain) parser.push(p, events);
    plain.length = 0;
    for (const ev of events) await handle(ev);
    events.length = 0;
  };

  /** The header read and checked: trust first, so an unknown or revoked signer is refused before any key work. */
  const unlock = (bytes: Buffer): Uint8Array => {
    header = parseHeader(bytes);
    signer = checkTrust(header, options.trust);
    const fileKey = unlockFileKey(header, options.unlock);
    verifyHeaderMac(header, fileKey);
    return payloadKey(fileKey);
  };

  if (engine.kind === 'workers') {
    const w = engine.opener;
    const preamble = await w.readBytes(0, PREAMBLE_SIZE);
    if (preamble.length < PREAMBLE_SIZE) headerSize(preamble);
    const size = headerSize(preamble);
    if (parts.total < size) throw fail.truncated('file header');
    const bytes = await w.readBytes(0, size);
    const key = unlock(bytes);
    head = null;
    for await (const slot of w.payload(bytes, key, payloadContext(bytes))) {
      options.signal?.throwIfAborted();
      parser.push(slot, events);
      for (const ev of events) await handle(ev);
      events.length = 0;
      options.onProgress?.(w.read, parts.total);
    }
    options.onProgress?.(parts.total, parts.total);
  } else {
    const h = engine.hashing;
    let read = 0;
    for await (const piece of readParts(parts, () => h.takeBuffer())) {
      options.signal?.throwIfAborted();
      read += piece.length;
      if (head) {
        h.file(piece);
        head = Buffer.concat([head, piece]);
        if (head.length < PREAMBLE_SIZE) continue;
        const size = headerSize(head.subarray(0, PREAMBLE_SIZE));
        if (head.length < size) continue;
        const key = unlock(head.subarray(0, size));
        opener = new ChunkOpener(key, payloadContext(header!.bytes));
        const rest = head.subarray(size);
        head = null;
        await payload(rest);
      } else {
        await payload(piece);
        // Nothing refers to the piece any more (the opener copies what it keeps): hand it over, no copy.
        h.fileOwned(piece);
      }
      await h.drain();
      options.onProgress?.(read, parts.total);
    }
    if (head) {
      if (head.length < PREAMBLE_SIZE) headerSize(head);
      throw fail.truncated('file header');
    }
    opener!.finish(plain);
    for (const p of plain) parser.push(p, events);
    for (const ev of events) await handle(ev);
  }
  parser.finish();

  const digests = await hashing.entryDigests();
  const m = manifest as Manifest | null;
  const finalMeta = meta as BundleMeta | null;
  if (!m || !finalMeta || !entriesHash) throw fail.container('缺少必需的条目', 'missing entries');
  checkEntries(seen, digests, m, counter);
  const sig = Buffer.concat(signatureBytes);
  // Assigned in unlock(), which the compiler cannot follow.
  const found = signer as SignerKey | (() => SignerKey) | null;
  const key = typeof found === 'function' ? found() : found!;
  if (!ed25519Verify(key.signingKey, signatureMessage(sha256(header!.bytes), await entriesHash), sig)) {
    throw fail.badSignature();
  }
  const summary = summarizeHeader(header!);
  return {
    header: summary,
    meta: finalMeta,
    manifest: m,
    signer: { installationId: summary.signerId, fingerprint: summary.signerFingerprint, name: key.name },
    bundleHash: (options.hashFile ?? true) ? (await hashing.fileDigest()).toString('hex') : null,
    bytes: parts.total,
    parts: parts.files,
  };
}

function parseJson<T>(bytes: Buffer, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, what: 'meta' | 'manifest'): T {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw what === 'meta'
      ? fail.meta('不是有效的 JSON', 'not valid JSON')
      : fail.manifest('清单不是有效的 JSON', 'manifest is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw what === 'meta'
      ? fail.meta('字段不符合格式', 'fields do not match the format')
      : fail.manifest('清单字段不符合格式', 'manifest fields do not match the format');
  }
  return parsed.data;
}

const expectedDestination = (unlock: Unlock): string | null => (unlock.kind === 'identity' ? unlock.installationId.toString('hex') : null);

function checkMeta(bytes: Buffer, header: ParsedHeader, expected: string | null): BundleMeta {
  const meta = parseJson(bytes, BundleMetaSchema, 'meta');
  if (meta.bundleId !== header.bundleId.toString('hex')) {
    throw fail.meta('交换包编号与文件头不一致', 'bundleId differs from the header');
  }
  if (meta.source.installationId !== header.signerId.toString('hex')) {
    throw fail.meta('发送方与签名者不一致', 'source differs from the signer');
  }
  if (meta.destination !== expected) {
    throw fail.meta('收件方与本机不一致', 'destination differs from this installation');
  }
  return meta;
}

function checkEntries(seen: EntryInfo[], digests: Buffer[], manifest: Manifest, counter: RecordCounter): void {
  // seen: every entry but the signature, the manifest last; digests in the same order.
  const listed = seen.filter((e) => e.kind !== ENTRY.MANIFEST);
  listed.forEach((e, i) => {
    if (e.kind === ENTRY.BLOB && digests[i]!.toString('hex') !== e.name) throw fail.blobName(e.name);
  });
  if (manifest.entries.length !== listed.length) {
    throw fail.manifest(
      `清单列出 ${manifest.entries.length} 个条目，实际有 ${listed.length} 个`,
      `manifest lists ${manifest.entries.length} entries, the bundle holds ${listed.length}`,
    );
  }
  manifest.entries.forEach((m, i) => {
    const e = listed[i]!;
    if (m.kind !== e.kind || m.name !== e.name || m.length !== e.length || m.sha256 !== digests[i]!.toString('hex')) {
      throw fail.manifest(`第 ${i + 1} 个条目“${e.name}”与清单不符`, `entry ${i} (${e.name}) differs from the manifest`);
    }
  });
  const counts = counter.toJSON();
  const tables = new Set([...Object.keys(counts), ...Object.keys(manifest.counts)]);
  for (const t of tables) {
    if ((counts[t] ?? -1) !== (manifest.counts[t] ?? -1)) {
      throw fail.manifest(
        `表“${t}”的记录数与清单不符（清单 ${manifest.counts[t] ?? 0}，实际 ${counts[t] ?? 0}）`,
        `table ${t}: manifest counts ${manifest.counts[t] ?? 0}, the bundle holds ${counts[t] ?? 0}`,
      );
    }
  }
}

export { BundleError };
