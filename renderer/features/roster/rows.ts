import type { Cadre } from '../../../shared/domain/cadre';
import type { Unit } from '../../../shared/domain/unit';
import { caption, lookup } from '../../../shared/code';
import { fullYears, isMonth } from '../../../shared/rules/months';
import { nameKeys, type NameKeys, type Searchable } from '../../../shared/rules/search';
import { buildUnitTree, type UnitNode } from '../../../shared/rules/unitTree';

/** One roster line: the cadre plus what sorting, searching and display derive from it. */
export interface RosterRow extends Searchable {
  id: string;
  cadre: Cadre;
  unitName: string;
  /** Position of the cadre's unit in the unit tree (pre-order), for 按单位顺序. */
  unitOrder: number;
  age: number | null;
  rankLevel: number;
  postLevel: number;
}

const keyCache = new Map<string, NameKeys>();
const keysOf = (name: string): NameKeys => {
  let keys = keyCache.get(name);
  if (!keys) {
    keys = nameKeys(name);
    keyCache.set(name, keys);
  }
  return keys;
};

export function unitOrderIndex(units: readonly Unit[]): Map<string, number> {
  const order = new Map<string, number>();
  const walk = (nodes: UnitNode[]) => {
    for (const n of nodes) {
      order.set(n.unit.id, order.size);
      walk(n.children);
    }
  };
  walk(buildUnitTree(units));
  return order;
}

export function buildRows(cadres: readonly Cadre[], units: readonly Unit[], asOf: string): RosterRow[] {
  const order = unitOrderIndex(units);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const rows: RosterRow[] = [];
  for (const cadre of cadres) {
    if (cadre.deleted) continue;
    rows.push({
      id: cadre.id,
      cadre,
      name: cadre.name,
      idNumber: cadre.idNumber,
      keys: keysOf(cadre.name),
      unitName: names.get(cadre.unitId) ?? '',
      unitOrder: order.get(cadre.unitId) ?? Number.MAX_SAFE_INTEGER,
      age: isMonth(cadre.birth) ? fullYears(cadre.birth, asOf) : null,
      rankLevel: cadre.rank ? (lookup('rank', cadre.rank)?.level ?? 0) : 0,
      postLevel: cadre.postLevel ? (lookup('postLevel', cadre.postLevel)?.level ?? 0) : 0,
    });
  }
  return rows;
}

export const SORTS = {
  stroke: '姓氏笔画',
  pinyin: '姓名拼音',
  birth: '出生年月',
  rank: '职级（高到低）',
  post: '职务层次（高到低）',
  unit: '单位顺序',
} as const;
export type SortKey = keyof typeof SORTS;

const stroke = new Intl.Collator('zh-u-co-stroke');
const pinyinOrder = new Intl.Collator('zh-u-co-pinyin');

const comparators: Record<SortKey, (a: RosterRow, b: RosterRow) => number> = {
  stroke: (a, b) => stroke.compare(a.name, b.name),
  pinyin: (a, b) => pinyinOrder.compare(a.name, b.name),
  birth: (a, b) => (a.cadre.birth < b.cadre.birth ? -1 : a.cadre.birth > b.cadre.birth ? 1 : 0),
  rank: (a, b) => b.rankLevel - a.rankLevel,
  post: (a, b) => b.postLevel - a.postLevel,
  unit: (a, b) => a.unitOrder - b.unitOrder,
};

/** A new sorted array; ties keep 姓氏笔画 order so equal ranks read like the paper roster. */
export function sortRows(rows: readonly RosterRow[], key: SortKey): RosterRow[] {
  const primary = comparators[key];
  return [...rows].sort((a, b) => primary(a, b) || stroke.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
}

/** Display helpers for the roster columns. */
export const display = {
  sex: (r: RosterRow) => caption('sex', r.cadre.sex),
  nation: (r: RosterRow) => caption('nation', r.cadre.nation),
  political: (r: RosterRow) => caption('politicalStatus', r.cadre.politicalStatus),
  rank: (r: RosterRow) => caption('rank', r.cadre.rank),
  birth: (r: RosterRow) => `${r.cadre.birth.replace('-', '.')}${r.age === null ? '' : `（${r.age}岁）`}`,
};
