import { conductItemType, conductRecordType, type ConductItem, type ConductRecord } from '../../shared/domain/performance';
import { DEFAULT_CONDUCT_ITEMS } from '../../shared/domain/performanceConduct';
import { FieldError } from '../../shared/errors';
import { naturalId } from '../../shared/ids';
import type { CadreDb } from './database';
import { createRecord, writeScope } from './records';
import { writeTransaction, type WriteContext } from './repository';

// The 正负面清单 and the conduct recorded against them (docs/performance.md "正负面清单"). The defaults are seeded
// once, when the lists are first opened, with the same ids on every installation (v5 of list and code).

export const conductItemsTable = (db: CadreDb) => db.table<ConductItem, string>(conductItemType.table);

/** Both lists, seeded with the shipped defaults when this installation has never had any item. */
export async function conductItems(db: CadreDb, ctx: WriteContext): Promise<ConductItem[]> {
  if ((await conductItemsTable(db).count()) === 0) {
    await writeTransaction(db, writeScope(db, conductItemType), async () => {
      if ((await conductItemsTable(db).count()) > 0) return;
      for (const item of DEFAULT_CONDUCT_ITEMS) await createRecord(db, ctx, conductItemType, item);
    });
  }
  const items = await conductItemsTable(db).toArray();
  return items.filter((i) => !i.deleted).sort((a, b) => a.polarity.localeCompare(b.polarity) * -1 || a.code.localeCompare(b.code));
}

export interface ConductInput {
  cadreId: string;
  itemId: string;
  date: string;
  facts: string;
  source: string;
  evidence?: ConductRecord['evidence'];
}

/** Records a cadre's conduct against an item of either list; the item's list and wording are kept with it. */
export async function recordConduct(db: CadreDb, ctx: WriteContext, input: ConductInput): Promise<ConductRecord> {
  if (!input.facts.trim()) throw new FieldError('facts', '请填写事实情况');
  const item = await conductItemsTable(db).get(input.itemId);
  if (!item || item.deleted) throw new FieldError('itemId', '所选清单条目已不存在，请重新选择');
  if (item.retired) throw new FieldError('itemId', `清单条目“${item.text}”已停用，请选择其他条目`);
  const data = { ...input, polarity: item.polarity, itemText: item.text, evidence: input.evidence ?? [] };
  return createRecord(db, ctx, conductRecordType, data) as Promise<ConductRecord>;
}

/** The id a default or added item has: the same on every installation. */
export const conductItemId = (polarity: ConductItem['polarity'], code: string): string => naturalId('conductitem', polarity, code);
