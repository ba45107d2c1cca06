import { recordTypeOf } from '../../shared/catalog';
import { withoutSyncFields, type SyncFields } from '../../shared/domain/record';
import { UserError } from '../../shared/errors';
import { merge } from '../../shared/sync/versionVector';
import type { CadreDb } from '../db/database';
import { writeStored, writeTransaction, type WriteContext } from '../db/repository';
import { storeSubRecord } from '../db/subRecords';
import type { ConflictRow } from './tables';

// Conflicts kept for a person (docs/bundle-format.md "Sync in this code"): the local version stayed live, the
// incoming one waits here. Resolving is a local write of the chosen fields whose vector is the element-wise
// maximum of both versions, then bumped — so it is newer than either, and every installation takes it.

/** The conflicts waiting, oldest first. */
export function listConflicts(db: CadreDb): Promise<ConflictRow[]> {
  return db.conflicts.orderBy('at').toArray();
}

/**
 * Resolves the conflict `key` (`table:id`) with `chosen`: the record's fields as the person picked them from
 * either side (sync fields are ignored; `deleted` may be chosen too). Removes the conflict row in the same
 * transaction. If the local record changed meanwhile, its newer vector is the one merged.
 */
export async function resolveConflict(db: CadreDb, ctx: WriteContext, key: string, chosen: Record<string, unknown>): Promise<SyncFields> {
  const row = await db.conflicts.get(key);
  if (!row) throw new UserError('该冲突已经处理过，或已不存在。请刷新后查看。');
  const type = recordTypeOf(row.table);
  if (!type) throw new UserError(`无法处理该冲突：本机不认识数据表“${row.table}”。`);
  const grouped = type.storage === 'grouped';
  const cadreId = grouped ? String(row.local.cadreId) : undefined;
  const storeTable = grouped ? db.subRecords : db.table(row.table);
  return writeTransaction(db, [storeTable, db.conflicts], async () => {
    const current = grouped
      ? (((await db.subRecords.get(cadreId!)) as Record<string, unknown> | undefined)?.[row.table] as SyncFields[] | undefined)?.find((r) => r.id === row.id)
      : ((await storeTable.get(row.id)) as SyncFields | undefined);
    const local = current ?? (row.local as unknown as SyncFields);
    const before = { ...local, vv: merge(local.vv, row.incoming.vv) };
    const data = { ...(withoutSyncFields(chosen as unknown as SyncFields) as Record<string, unknown>), id: row.id, ...(grouped ? { cadreId } : {}) };
    const record = await writeStored<SyncFields>(db, ctx, {
      tableName: row.table,
      store: grouped ? storeSubRecord(db, row.table as never, cadreId!) : async (r) => void (await db.table(row.table).put(r)),
      before,
      data: data as never,
      deleted: chosen.deleted === true,
      summary: `处理数据交换冲突：${type.name}“${type.title(data as never)}”`,
      title: type.title(data as never),
    });
    await db.conflicts.delete(key);
    return record;
  });
}
