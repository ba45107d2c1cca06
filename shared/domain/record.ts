import { z } from 'zod';
import { VersionVectorSchema } from '../sync/versionVector';

export const InstallationIdSchema = z.string().regex(/^[0-9a-f]{32}$/, '安装标识应为32位十六进制');

/** Who made a change, until users and roles exist (docs/architecture.md#first-run-identity-and-who-is-acting). */
export const ActorSchema = z.object({
  installationId: InstallationIdSchema,
  operator: z.string(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** Fields every synced record carries (docs/architecture.md#sync-fields). */
export const SyncFieldsSchema = z.object({
  id: z.string().min(1),
  vv: VersionVectorSchema,
  updatedAt: z.number().int(),
  updatedBy: ActorSchema,
  deleted: z.boolean(),
});
export type SyncFields = z.infer<typeof SyncFieldsSchema>;

/** A record's own data: everything but the sync fields. */
export function withoutSyncFields<T extends SyncFields>(record: T): Omit<T, keyof SyncFields> {
  const { id: _id, vv: _vv, updatedAt: _at, updatedBy: _by, deleted: _deleted, ...data } = record;
  return data;
}
