import { z } from 'zod';
import { VersionVectorSchema } from './versionVector';

// What sync reads and writes of a bundle's META (docs/bundle-format.md "Plaintext container" and "Sync in this
// code"). The main process checks the whole META (electron/bundle/container.ts); the renderer owns these fields:
// seq, prevBundleHash, knowledge, scope and kind, and reads source, destination, bundleId and schemaVersion.

const Hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`));

export const BundleKindSchema = z.enum(['incremental', 'full', 'backup']);
export type BundleKind = z.infer<typeof BundleKindSchema>;

/** The units and tables a bundle covers, as META writes them. */
export const BundleScopeSchema = z.object({
  units: z.union([z.literal('all'), z.array(z.string())]),
  tables: z.union([z.literal('all'), z.array(z.string())]),
});
export type BundleScope = z.infer<typeof BundleScopeSchema>;

export const SyncMetaSchema = z.object({
  bundleId: Hex(32),
  source: z.object({ installationId: Hex(32), name: z.string() }),
  destination: Hex(32).nullable(),
  seq: z.number().int().nonnegative(),
  prevBundleHash: Hex(64).nullable(),
  kind: BundleKindSchema,
  scope: BundleScopeSchema,
  appVersion: z.string(),
  schemaVersion: z.number().int().positive(),
  knowledge: VersionVectorSchema,
  /** Set by a writer whose database holds demo data; such a bundle is refused on import (never written by us). */
  demo: z.boolean().optional(),
});
export type SyncMeta = z.infer<typeof SyncMetaSchema>;

/** The META fields the renderer decides for an export; the main process adds the rest when it seals. */
export type ExportMetaFields = Pick<SyncMeta, 'destination' | 'seq' | 'prevBundleHash' | 'kind' | 'scope' | 'knowledge' | 'schemaVersion'>;

/** One record line of a bundle: `{"table", "record"}`, the record with its sync fields. */
export interface SyncLine {
  table: string;
  record: { id: string; vv: Record<string, number>; deleted: boolean; [field: string]: unknown };
}

/** The stream a bundle belongs to: (source → destination) or (source → passphrase). */
export const streamOf = (source: string, destination: string | null): string => `${source}>${destination ?? 'passphrase'}`;
