import { z } from 'zod';
import { MIN_PASSPHRASE_LENGTH } from '../rules/passphrase';
import { BundleMetaSchema, SealMetaSchema } from '../sync/bundleMeta';
import { method, type MethodSpec } from './method';

// The exchange's file side in the IPC contract (docs/bundle-format.md "Export and import procedure"): the main process keeps the
// keys and the peers, seals what the renderer streams to it into a `.cadre` file and opens one back into a stream
// of records and blobs. It knows nothing of the database; the renderer decides what to send and what to apply.

const Hex32 = z.string().regex(/^[0-9a-f]{32}$/, '安装标识格式不正确');
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, '文件摘要格式不正确');
const PathSchema = z.string().min(1).max(4096);
const SessionId = z.string().regex(/^[0-9a-f]{32}$/);
/** One RECORDS entry: NDJSON lines `{"table","record"}` (docs/bundle-format.md "Plaintext container"). */
export const MAX_RECORDS_ENTRY_BYTES = 64 * 1024 * 1024;
/**
 * A backup's first record line is `{"table": BACKUP_CARD_TABLE, "record": <the signing installation's contact
 * card>}`, written by the main process, so another installation can check the signature against it
 * (docs/architecture.md "Backup and restore"); it is no table of the database.
 */
export const BACKUP_CARD_TABLE = 'installationCard';
export const MAX_BLOB_BYTES = 256 * 1024 * 1024;

/** A peer's fixed scope: a unit installation's subtree, or everything (the department). */
export const PeerScopeSchema = z.union([z.literal('all'), z.strictObject({ unitId: z.string().min(1).max(100) })]);

export const PeerViewSchema = z.object({
  installationId: Hex32,
  name: z.string(),
  fingerprint: z.string(),
  scope: PeerScopeSchema,
  trust: z.enum(['pending', 'trusted', 'revoked']),
  addedAt: z.string(),
  trustedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type PeerView = z.infer<typeof PeerViewSchema>;

const PassphraseSchema = z.string().min(MIN_PASSPHRASE_LENGTH, `口令至少需要 ${MIN_PASSPHRASE_LENGTH} 个字符`).max(1000);

export const SealBeginSchema = z.strictObject({
  /** A file the person picked in a save dialog. */
  path: PathSchema,
  to: z.union([z.strictObject({ peer: Hex32 }), z.strictObject({ passphrase: PassphraseSchema })]),
  meta: SealMetaSchema,
  /** Progress (bytes written) is reported under this id. */
  taskId: z.string().min(1).max(64).optional(),
});

const SealedSchema = z.object({
  bundleId: Hex32,
  bundleHash: Hex64,
  bytes: z.number().int().nonnegative(),
  /** The files written: one, or the parts of a bundle over the part size. */
  parts: z.array(z.string()),
  meta: BundleMetaSchema,
});

const OpenedSchema = z.object({
  openId: SessionId,
  meta: BundleMetaSchema,
  signer: z.object({ installationId: Hex32, name: z.string(), fingerprint: z.string() }),
  /** Records per table, tombstones included, as the manifest counts them. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  bytes: z.number().int().nonnegative(),
});

const EntrySchema = z.union([
  z.object({ kind: z.literal('records'), ndjson: z.instanceof(Uint8Array) }),
  z.object({ kind: z.literal('blob'), sha256: Hex64, bytes: z.instanceof(Uint8Array) }),
]);
export type ExchangeEntry = z.infer<typeof EntrySchema>;

export const exchangeMethods = {
  /** This installation's contact card (JSON text to save to a file and hand over), with its fingerprint. */
  'exchange.card': method(z.undefined(), z.object({ text: z.string(), name: z.string(), fingerprint: z.string() })),
  'exchange.peers': method(z.undefined(), z.object({ peers: z.array(PeerViewSchema) })),
  /** Adds a peer from its card, pending until its fingerprint is confirmed; the scope is fixed from now on. */
  'exchange.addPeer': method(z.strictObject({ cardText: z.string().min(1).max(20_000), scope: PeerScopeSchema }), PeerViewSchema),
  /** Trust after the person compared the fingerprint read out by the peer's operator. */
  'exchange.confirmPeer': method(z.strictObject({ installationId: Hex32, fingerprint: z.string().min(1).max(200) }), PeerViewSchema),
  'exchange.revokePeer': method(z.strictObject({ installationId: Hex32 }), PeerViewSchema),

  /** Starts writing a bundle to a picked file: to one trusted peer, or under a passphrase. */
  'exchange.sealBegin': method(SealBeginSchema, z.object({ sealId: SessionId })),
  /** One RECORDS entry; all records come before the first blob. Resolves once it is written. */
  'exchange.sealRecords': method(
    z.strictObject({ sealId: SessionId, ndjson: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= MAX_RECORDS_ENTRY_BYTES, '一批记录过大') }),
    z.object({ bytesWritten: z.number().int().nonnegative() }),
  ),
  /** One blob, named by its SHA-256 (checked). */
  'exchange.sealBlob': method(
    z.strictObject({ sealId: SessionId, sha256: Hex64, bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_BLOB_BYTES, '附件过大') }),
    z.object({ bytesWritten: z.number().int().nonnegative() }),
  ),
  /** Writes manifest and signature, renames the `.partial` file, then reads it all back and verifies it. */
  'exchange.sealFinish': method(z.strictObject({ sealId: SessionId }), SealedSchema),
  /** Cancels: no file is left behind. */
  'exchange.sealAbort': method(z.strictObject({ sealId: SessionId }), z.object({ aborted: z.boolean() })),

  /**
   * Pass 1 of an import: decrypts and verifies everything (header, every chunk, manifest, signature, trust)
   * without keeping any plaintext but META; then the bundle can be read with exchange.read.
   */
  'exchange.open': method(
    z.strictObject({ path: PathSchema, passphrase: z.string().min(1).max(1000).optional(), taskId: z.string().min(1).max(64).optional() }),
    OpenedSchema,
  ),
  /**
   * Pass 2: the next entries in order (records entries, then blobs); `done` after the last, with the bundle hash
   * (of the file as this pass read it: pass 1 verifies without it, docs/bundle-format.md "Bundle hash").
   */
  'exchange.read': method(
    z.strictObject({ openId: SessionId }),
    z.object({ entries: z.array(EntrySchema), done: z.boolean(), bundleHash: Hex64.optional() }),
  ),
  'exchange.close': method(z.strictObject({ openId: SessionId }), z.object({ closed: z.boolean() })),
  /**
   * Where a restore writes its automatic safety backup of the data it replaces: a new file in the data folder's
   * `backups` folder, granted for writing.
   */
  'exchange.safetyBackupPath': method(z.undefined(), z.object({ path: z.string() })),
} as const satisfies Record<`exchange.${string}`, MethodSpec>;
