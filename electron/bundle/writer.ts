import { randomBytes, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { ChunkSealer } from './chunked';
import {
  ENTRY,
  encodeEntryHeader,
  MANIFEST_NAME,
  META_NAME,
  orderedMeta,
  RecordCounter,
  recordsEntryName,
  SIGNATURE_NAME,
  signatureMessage,
  type EntryKind,
  type Manifest,
  type ManifestEntry,
} from './container';
import type { BundleMeta, SealMeta } from '../../shared/sync/bundleMeta';
import { fail } from './errors';
import { FileSource } from './fileBytes';
import {
  encodeHeader,
  passphraseStanza,
  payloadContext,
  payloadKey,
  recipientStanza,
  WRITER_LOG2N,
  type RecipientKey,
  type Stanza,
} from './header';
import { PartWriter, DEFAULT_PART_SIZE } from './parts';
import { createSealEngine, FEEDS, type Feeds, type SealEngine } from './sealEngine';
import { ed25519Sign, sha256, type RandomBytes } from './primitives';

// Sealing: header, then the container streamed through Cobblestone into parts, with constant memory whatever the
// size. BundleWriter is the layer that writes any entries (tests use it to build malformed bundles); sealBundle
// writes what docs/bundle-format.md "Plaintext container" prescribes.

/** Bytes to write: at once, or as a stream read only when the entry is written (a FileSource read straight in). */
export type ByteSource = Uint8Array | AsyncIterable<Uint8Array> | (() => AsyncIterable<Uint8Array>);

export interface Signer {
  /** 32 lowercase hex */
  installationId: string;
  name: string;
  signingPrivateKey: KeyObject;
}

/**
 * Who can open the bundle. `alsoTo` adds a second recipient stanza — the sender itself, so that it can read its
 * own export back from the stick and verify it before saying it is safe to remove (docs/bundle-format.md "Export
 * and import procedure"); META's destination stays the one peer.
 */
export type SealTo = { recipient: RecipientKey; alsoTo?: RecipientKey } | { passphrase: string; log2N?: number };

export interface BundleWriterOptions {
  out: string;
  partSize?: number;
  signerId: Buffer;
  to: { recipients: RecipientKey[] } | { passphrase: string; log2N?: number };
  random?: RandomBytes;
  now?: () => Date;
  /** seal and hash on worker threads; by default from AUTO_FROM bytes on (sealEngine.ts) */
  parallel?: boolean;
  bundleId?: Buffer;
  /** cancels: the entry being written fails and the caller aborts the writer */
  signal?: AbortSignal;
  onProgress?: (bytesWritten: number) => void;
  /** hash the file's bytes for the bundle hash (default); see SealOptions.hashFile */
  hashFile?: boolean;
}

async function* bytesOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  yield* typeof source === 'function' ? source() : source;
}

export class BundleWriter {
  readonly header: Buffer;
  readonly bundleId: Buffer;
  readonly createdAt: Date;
  private readonly parts: PartWriter;
  private readonly engine: SealEngine;
  private readonly signal: AbortSignal | undefined;

  private constructor(options: BundleWriterOptions) {
    this.signal = options.signal;
    const random = options.random ?? randomBytes;
    this.createdAt = (options.now ?? (() => new Date()))();
    const fileKey = random(32);
    this.bundleId = options.bundleId ?? random(16);
    const stanzas: Stanza[] =
      'recipients' in options.to
        ? options.to.recipients.map((r) => recipientStanza(fileKey, r, random))
        : [passphraseStanza(fileKey, options.to.passphrase, options.to.log2N ?? WRITER_LOG2N, random)];
    this.header = encodeHeader(
      { bundleId: this.bundleId, signerId: options.signerId, createdMs: this.createdAt.getTime(), stanzas },
      fileKey,
    );
    const sealer = new ChunkSealer(payloadKey(fileKey), payloadContext(this.header), random);
    this.parts = new PartWriter(options.out, options.partSize ?? DEFAULT_PART_SIZE);
    this.engine = createSealEngine(options.parallel ?? 'auto', {
      sealer,
      parts: this.parts,
      prefix: [this.header, sealer.header],
      signal: options.signal,
      onProgress: options.onProgress,
      hashFile: options.hashFile ?? true,
    });
  }

  static async create(options: BundleWriterOptions): Promise<BundleWriter> {
    return new BundleWriter(options);
  }

  /**
   * One entry. `hashing`: 'entry' feeds the signature hash and the entry's own hash (for the manifest);
   * 'signature' only the signature hash (a blob whose name is already known to be its hash); 'none' neither (the
   * signature entry itself). The bytes written must be as many as declared.
   */
  async entry(
    kind: EntryKind,
    name: string,
    length: number,
    data: ByteSource,
    hashing: 'entry' | 'signature' | 'none' = 'entry',
    onContent?: (bytes: Uint8Array) => void,
  ): Promise<void> {
    const head = encodeEntryHeader(kind, name, length);
    const feeds = hashing === 'entry' ? FEEDS.entry : hashing === 'signature' ? FEEDS.signature : FEEDS.none;
    await this.engine.put(head, feeds === FEEDS.none ? FEEDS.none : FEEDS.signature);
    let seen = 0;
    if (data instanceof FileSource) seen = await this.putFile(data.path, length, feeds, onContent);
    else {
      for await (const piece of bytesOf(data)) {
        this.signal?.throwIfAborted();
        seen += piece.length;
        if (seen > length) break;
        onContent?.(piece);
        await this.engine.put(piece, feeds);
      }
    }
    if (seen !== length) {
      throw fail.input(
        `“${name}”的实际长度与声明的不一致（文件在导出过程中被改动了？）`,
        `entry ${name}: ${seen} bytes, ${length} declared`,
      );
    }
    if (hashing === 'entry') this.engine.endEntry();
  }

  /** A file's bytes read into the engine; how many, or one more than `length` when the file is longer. */
  private async putFile(file: string, length: number, feeds: Feeds, onContent?: (bytes: Uint8Array) => void): Promise<number> {
    const handle = await fs.open(file, 'r');
    try {
      const seen = await this.engine.putFile({ fd: handle.fd, position: 0 }, length, feeds, onContent);
      if (seen < length) return seen;
      return (await handle.read(Buffer.alloc(1), 0, 1, length)).bytesRead > 0 ? length + 1 : length;
    } finally {
      await handle.close();
    }
  }

  /** Digests of the entries written with hashing 'entry', in order, each once. */
  entryDigests(): Promise<Buffer[]> {
    return this.engine.entryDigests();
  }

  signatureDigest(): Promise<Buffer> {
    return this.engine.signatureDigest();
  }

  /** Seals the last chunk, flushes every part to the disk, renames them into place. */
  async finish(): Promise<{ parts: string[]; bytes: number; bundleHash: string | null }> {
    const bundleHash = (await this.engine.finish())?.toString('hex') ?? null;
    // Writes run ahead of the entries: a cancel that came while the last ones were written still counts.
    this.signal?.throwIfAborted();
    const parts = await this.parts.finish();
    return { parts, bytes: this.parts.bytes, bundleHash };
  }

  async abort(): Promise<void> {
    await this.engine.abort();
    await this.parts.abort();
  }
}

/** The caller's META fields; the writer fills format, bundleId, source, destination and createdAt. */
export type MetaInput = SealMeta & { appVersion: string };

export type EntrySource =
  | { kind: 'records'; length: number; data: ByteSource }
  | { kind: 'blob'; sha256: string; length: number; data: ByteSource };

export interface SealOptions {
  signer: Signer;
  to: SealTo;
  meta: MetaInput;
  entries: Iterable<EntrySource> | AsyncIterable<EntrySource>;
  out: string;
  partSize?: number;
  random?: RandomBytes;
  now?: () => Date;
  parallel?: boolean;
  /** Cancels the export: the promise rejects and no file is left behind. */
  signal?: AbortSignal;
  /** Progress in bytes written to the file so far. */
  onProgress?: (bytesWritten: number) => void;
  /**
   * The caller vouches that every blob's name is its SHA-256 (a content-addressed store that checked on the way
   * in): the writer then skips that hashing pass and the read-back verification, which every export does
   * (docs/bundle-format.md "Export and import procedure"), is what proves it. Off by default.
   */
  blobNamesVerified?: boolean;
  /**
   * Hash the file as it is written, for SealResult.bundleHash (the default). A caller that reads the bundle back
   * anyway turns it off and takes the hash from the read-back, of the bytes as they came back from the disk: the
   * app's export does (docs/bundle-format.md "Export and import procedure"), saving a SHA-256 pass over the file.
   */
  hashFile?: boolean;
}

export interface SealResult {
  bundleId: string;
  /** SHA-256 of the file's bytes (all parts), or null when sealed with hashFile: false */
  bundleHash: string | null;
  bytes: number;
  parts: string[];
  meta: BundleMeta;
  manifest: Manifest;
}

/** Writes a whole bundle; on any failure nothing is left behind. */
export async function sealBundle(options: SealOptions): Promise<SealResult> {
  const signerId = Buffer.from(options.signer.installationId, 'hex');
  const writer = await BundleWriter.create({
    out: options.out,
    partSize: options.partSize,
    signerId,
    to: 'recipient' in options.to ? { recipients: options.to.alsoTo ? [options.to.recipient, options.to.alsoTo] : [options.to.recipient] } : options.to,
    random: options.random,
    now: options.now,
    parallel: options.parallel,
    signal: options.signal,
    onProgress: options.onProgress,
    hashFile: options.hashFile,
  });
  try {
    const meta = orderedMeta({
      format: 'cadredesk-bundle/1',
      bundleId: writer.bundleId.toString('hex'),
      source: { installationId: options.signer.installationId, name: options.signer.name },
      destination: 'recipient' in options.to ? options.to.recipient.installationId.toString('hex') : null,
      seq: options.meta.seq,
      prevBundleHash: options.meta.prevBundleHash,
      kind: options.meta.kind,
      scope: options.meta.scope,
      createdAt: writer.createdAt.toISOString(),
      appVersion: options.meta.appVersion,
      schemaVersion: options.meta.schemaVersion,
      knowledge: options.meta.knowledge,
    });
    // Each listed entry has either a digest to come from the hashing ('entry') or a known hash (a vouched blob).
    const listed: (Omit<ManifestEntry, 'sha256'> & { known: string | null })[] = [];
    const put = async (kind: EntryKind, name: string, length: number, data: ByteSource, known: string | null, onContent?: (b: Uint8Array) => void) => {
      listed.push({ kind, name, length, known });
      await writer.entry(kind, name, length, data, known ? 'signature' : 'entry', onContent);
    };
    const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
    await put(ENTRY.META, META_NAME, metaBytes.length, metaBytes, null);
    const counter = new RecordCounter();
    let records = 0;
    let blobsStarted = false;
    for await (const e of options.entries) {
      if (e.kind === 'records') {
        if (blobsStarted) throw new Error('records entries must come before blobs');
        await put(ENTRY.RECORDS, recordsEntryName(++records), e.length, e.data, null, (b) => counter.push(b));
        counter.endEntry();
      } else {
        blobsStarted = true;
        await put(ENTRY.BLOB, e.sha256, e.length, e.data, options.blobNamesVerified ? e.sha256 : null);
      }
    }
    const digests = await writer.entryDigests();
    let next = 0;
    const manifest: Manifest = {
      counts: counter.toJSON(),
      entries: listed.map(({ known, ...e }) => ({ ...e, sha256: known ?? digests[next++]!.toString('hex') })),
    };
    // A blob's name is its hash: checked here (when hashed) so no bundle carries one that a reader would refuse.
    for (const e of manifest.entries) if (e.kind === ENTRY.BLOB && e.sha256 !== e.name) throw fail.blobName(e.name);
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    await writer.entry(ENTRY.MANIFEST, MANIFEST_NAME, manifestBytes.length, manifestBytes);
    const entriesHash = await writer.signatureDigest();
    const signature = ed25519Sign(options.signer.signingPrivateKey, signatureMessage(sha256(writer.header), entriesHash));
    await writer.entry(ENTRY.SIGNATURE, SIGNATURE_NAME, signature.length, signature, 'none');
    const done = await writer.finish();
    return { bundleId: meta.bundleId, meta, manifest, ...done };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
