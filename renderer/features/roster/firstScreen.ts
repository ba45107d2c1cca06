import type { Unit } from '../../../shared/domain/unit';
import type { CadreDb } from '../../db/database';
import { loadStrokeOrder, strokeSortKey } from '../../../shared/rules/strokeOrder';
import { IN_SERVICE, RosterRow, unitPlaces } from './rows';
/** Enough rows to fill the roster's table on a large screen (36 px a row). */
export const FIRST_SCREEN_ROWS = 40;

/** The default view's first rows, and the units they were placed with. */
export interface FirstScreen {
  units: readonly Unit[];
  rows: readonly RosterRow[];
}

/**
 * The roster's default view — 在职 cadres of every unit in 单位顺序 — up to its first `count` rows, read unit by
 * unit through the unitId index in the unit tree's order (one read transaction) instead of reading every cadre:
 * exactly the rows the whole index's sortRows(…, 'unit') puts first, ties by 姓氏笔画 (equal keys are equal
 * names) and then by id. Null when the units run out first: a cadre of an unknown unit sorts after all of
 * them, so a short list could leave out rows the full order shows.
 */
export async function readFirstScreen(db: CadreDb, asOf: string, count = FIRST_SCREEN_ROWS): Promise<FirstScreen | null> {
  await loadStrokeOrder(); // before the transaction: awaiting anything but IndexedDB inside would end it
  return db.transaction('r', [db.units, db.cadres], async () => {
    const units = await db.units.toArray();
    const places = unitPlaces(units);
    const inOrder = [...places.order].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    const rows: RosterRow[] = [];
    for (const unitId of inOrder) {
      const cadres = await db.cadres.where('unitId').equals(unitId).toArray();
      const keyed = cadres.filter((c) => !c.deleted && c.status === IN_SERVICE).map((c) => ({ row: new RosterRow(c, places, asOf), key: strokeSortKey(c.name) }));
      keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.row.id < y.row.id ? -1 : x.row.id > y.row.id ? 1 : 0));
      for (const { row } of keyed) rows.push(row);
      if (rows.length >= count) return { units, rows: rows.slice(0, count) };
    }
    return null;
  });
}
