import { z } from 'zod';
import { VersionVectorSchema } from './versionVector';

// A bundle's META (docs/bundle-format.md "Plaintext container" and "Sync in this code"). The main process writes
// and checks the whole META (electron/bundle/); the renderer owns these fields: seq, prevBundleHash, knowledge,
// scope and kind, and reads source, destination, bundleId and schemaVersion.

const Hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`));

export const BundleKindSchema = z.enum(['incremental', 'full', 'backup']);
export type BundleKind = z.infer<typeof BundleKindSchema>;

/** The units and tables a bundle covers, as META writes them. */
export const BundleScopeSchema = z.strictObject({
  units: z.union([z.literal('all'), z.array(z.string().max(100)).max(100_000)]),
  tables: z.union([z.literal('all'), z.array(z.string().max(100)).max(1_000)]),
});
export type BundleScope = z.infer<typeof BundleScopeSchema>;

/**
 * META, the one description of it (the writer and reader in electron/bundle/, the IPC contract and sync all use
 * this): keys exactly as docs/bundle-format.md "Plaintext container" writes them, in that order, nothing else.
 * `demo` is this code's only addition and is never written by it (a database with demo data refuses to export);
 * a META carrying it is read so that the import can refuse it saying why, and any reader that follows the format
 * to the letter refuses it too, as an unknown key.
 */
export const BundleMetaSchema = z.strictObject({
  format: z.literal('cadredesk-bundle/1'),
  bundleId: Hex(32),
  source: z.strictObject({ installationId: Hex(32), name: z.string() }),
  destination: Hex(32).nullable(),
  seq: z.number().int().nonnegative(),
  prevBundleHash: Hex(64).nullable(),
  kind: BundleKindSchema,
  scope: BundleScopeSchema,
  createdAt: z.iso.datetime({ offset: true }),
  appVersion: z.string(),
  schemaVersion: z.number().int().positive(),
  knowledge: VersionVectorSchema,
  demo: z.literal(true).optional(),
});
export type BundleMeta = z.infer<typeof BundleMetaSchema>;

/** The META fields the renderer decides when it seals; the main process adds the rest. */
export const SealMetaSchema = BundleMetaSchema.pick({ kind: true, seq: true, prevBundleHash: true, scope: true, schemaVersion: true, knowledge: true });
export type SealMeta = z.infer<typeof SealMetaSchema>;

/** The META fields the renderer decides for an export; the main process adds the rest when it seals. */
export type ExportMetaFields = Pick<BundleMeta, 'destination' | 'seq' | 'prevBundleHash' | 'kind' | 'scope' | 'knowledge' | 'schemaVersion'>;

/** One record line of a bundle: `{"table", "record"}`, the record with its sync fields. */
export interface SyncLine {
  table: string;
  record: { id: string; vv: Record<string, number>; deleted: boolean; [field: string]: unknown };
}

/** The stream a bundle belongs to: (source → destination) or (source → passphrase). */
export const streamOf = (source: string, destination: string | null): string => `${source}>${destination ?? 'passphrase'}`;
