import type { Cadre } from '../../../shared/domain/cadre';
import type { Unit } from '../../../shared/domain/unit';
import { caption, codeTables, lookup } from '../../../shared/code';
import { fullYears, isMonth } from '../../../shared/rules/months';
import { headOf, matcher, nameKeys, pinyinHead, type NameKeys, type Searchable } from '../../../shared/rules/search';
import type { CadrePredicate } from '../../../shared/rules/query';
import { pinyinSortKey } from '../../../shared/rules/pinyinOrder';
import { strokeSortKey } from '../../../shared/rules/strokeOrder';
import { buildUnitTree, type UnitNode } from '../../../shared/rules/unitTree';

const keyCache = new Map<string, NameKeys>();
const keysOf = (name: string): NameKeys => {
  let keys = keyCache.get(name);
  if (!keys) {
    keys = nameKeys(name);
    keyCache.set(name, keys);
  }
  return keys;
};

/** Where a cadre's unit stands: its name and its position in the unit tree (pre-order), for 按单位顺序. */
export interface UnitPlaces {
  names: ReadonlyMap<string, string>;
  order: ReadonlyMap<string, number>;
}

export function unitPlaces(units: readonly Unit[]): UnitPlaces {
  const order = new Map<string, number>();
  const walk = (nodes: UnitNode[]) => {
    for (const n of nodes) {
      order.set(n.unit.id, order.size);
      walk(n.children);
    }
  };
  walk(buildUnitTree(units));
  return { names: new Map(units.map((u) => [u.id, u.name])), order };
}

/** One roster line: the cadre plus what sorting, searching and display derive from it. */
export class RosterRow implements Searchable {
  readonly id: string;
  readonly name: string;
  readonly idNumber: string;
  /**
   * The cadre's 人员状态 and unit, copied onto the row: the roster filters 100,000 rows by them at every search
   * keystroke, and the cadres as IndexedDB gives them back differ in shape (optional fields), so reading them off
   * `cadre` cost about ten times as much as off this one class.
   */
  readonly status: string;
  readonly unitId: string;
  unitName = '';
  unitOrder = Number.MAX_SAFE_INTEGER;
  age: number | null;
  readonly rankLevel: number;
  readonly postLevel: number;

  constructor(
    readonly cadre: Cadre,
    places: UnitPlaces,
    asOf: string,
  ) {
    this.id = cadre.id;
    this.name = cadre.name;
    this.idNumber = cadre.idNumber;
    this.status = cadre.status;
    this.unitId = cadre.unitId;
    this.age = isMonth(cadre.birth) ? fullYears(cadre.birth, asOf) : null;
    this.rankLevel = cadre.rank ? (lookup('rank', cadre.rank)?.level ?? 0) : 0;
    this.postLevel = cadre.postLevel ? (lookup('postLevel', cadre.postLevel)?.level ?? 0) : 0;
    this.place(places);
  }

  place(places: UnitPlaces): void {
    this.unitName = places.names.get(this.unitId) ?? '';
    this.unitOrder = places.order.get(this.unitId) ?? Number.MAX_SAFE_INTEGER;
  }

  private nameKeys: NameKeys | undefined;

  /** Pinyin keys for quick search, worked out when first needed (pinyin is the costly part of a row). */
  get keys(): NameKeys {
    return (this.nameKeys ??= keysOf(this.name));
  }
}

/** 在职: the 人员状态 the roster shows by default (the others on request). */
export const IN_SERVICE = '01';
const STATUS_CODES = codeTables.cadreStatus.entries.map((e) => e.code);
/** A status's place in STATUS_CODES plus one (0: a code the table does not know). */
const STATUS_NUMBER = new Map(STATUS_CODES.map((code, i) => [code, i + 1]));

/** What narrows the roster: a unit subtree, the statuses shown besides 在职, quick search and a combined query. */
export interface RowFilter {
  inUnits: ReadonlySet<string> | null;
  alsoStatuses: readonly string[];
  search: string;
  predicate: CadrePredicate | null;
}

/**
 * What the filter reads first of each row of a sorted list, as small numbers in one compact array each, in the
 * list's order: its status, and (once a pinyin query needs it) the letter its name's pinyin begins with. At 100,000
 * rows, reading these off the rows themselves — objects spread over the heap, each read a cache miss or two — was
 * most of a search keystroke (docs/architecture.md "Roster index"); the rows a query can match are then only those
 * whose numbers pass. Kept per list: a sorted list is never changed, a change makes new ones (RosterIndex).
 */
interface Columns {
  statuses: Uint8Array;
  heads?: Uint16Array;
}
const columnsOfList = new WeakMap<readonly RosterRow[], Columns>();

function columnsOf(sorted: readonly RosterRow[]): Columns {
  let columns = columnsOfList.get(sorted);
  if (!columns) {
    // plain loops: TypedArray.from with a mapping function took several times as long (a first sort at 100,000)
    const statuses = new Uint8Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) statuses[i] = STATUS_NUMBER.get(sorted[i]!.status) ?? 0;
    columns = { statuses };
    columnsOfList.set(sorted, columns);
  }
  return columns;
}

function headsOf(sorted: readonly RosterRow[]): Uint16Array {
  const heads = new Uint16Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) heads[i] = headOf(sorted[i]!.keys).charCodeAt(0) || 0;
  return heads;
}

/**
 * The rows a view shows, in `sorted`'s order: the roster screen at each search keystroke and its printout
 * (renderer/print/roster/rosterView.ts).
 */
export function filterRows(sorted: readonly RosterRow[], { inUnits, alsoStatuses, search, predicate }: RowFilter): readonly RosterRow[] {
  const shown = new Set([IN_SERVICE, ...alsoStatuses]);
  const everyStatus = STATUS_CODES.every((code) => shown.has(code));
  if (!inUnits && !search.trim() && !predicate && everyStatus) return sorted;
  const statusShown = [false, ...STATUS_CODES.map((code) => shown.has(code))]; // indexed by STATUS_NUMBER
  const matches = matcher(search);
  const head = pinyinHead(search);
  const columns = columnsOf(sorted);
  const { statuses } = columns;
  const heads = head === null ? null : (columns.heads ??= headsOf(sorted));
  const headCode = head === null ? 0 : head.charCodeAt(0);
  const out: RosterRow[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (!everyStatus && !statusShown[statuses[i]!]) continue;
    if (heads && heads[i] !== headCode) continue;
    const r = sorted[i]!;
    if ((!inUnits || inUnits.has(r.unitId)) && matches(r) && (!predicate || predicate(r.cadre))) out.push(r);
  }
  return out;
}

export function buildRows(cadres: readonly Cadre[], units: readonly Unit[], asOf: string): RosterRow[] {
  const places = unitPlaces(units);
  return cadres.filter((c) => !c.deleted).map((c) => new RosterRow(c, places, asOf));
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

/**
 * The place of every name in one name order (姓氏笔画 or 拼音): the distinct names are decorated with their sort
 * key and ordered once, and sorting rows then compares integers. Working out keys is the costly part of a sort,
 * and a district has far fewer distinct names than cadres. New names are inserted by binary search.
 */
export class NameRanks {
  private sorted: string[] = [];
  private keys: string[] = [];
  private readonly rankOf = new Map<string, number>();

  /**
   * `keyOf` maps a name to a string whose plain comparison is the order and which no other key begins
   * (strokeSortKey, pinyinSortKey).
   */
  constructor(
    private readonly keyOf: (name: string) => string,
    names: Iterable<string> = [],
  ) {
    this.add(names);
  }

  add(names: Iterable<string>): void {
    const fresh: string[] = [];
    for (const name of names) {
      if (this.rankOf.has(name)) continue;
      this.rankOf.set(name, -1); // seen; numbered below
      fresh.push(name);
    }
    if (!fresh.length) return;
    if (fresh.length > this.sorted.length / 8) return this.sortAll(fresh);
    for (const name of fresh) {
      const key = this.keyOf(name);
      let lo = 0;
      let hi = this.keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.keys[mid]! <= key) lo = mid + 1;
        else hi = mid;
      }
      this.sorted.splice(lo, 0, name);
      this.keys.splice(lo, 0, key);
    }
    this.sorted.forEach((n, i) => this.rankOf.set(n, i));
  }

  /**
   * Orders the known and the fresh names together. Each key gets its index appended, which cannot change the
   * order of keys no other key begins, and the tagged strings sort without a comparator function: a quarter
   * faster at 70,000 names than sorting objects by key.
   */
  private sortAll(fresh: string[]): void {
    const names = this.sorted.concat(fresh);
    const keys = this.keys.concat(fresh.map((n) => this.keyOf(n)));
    const tagged = keys.map((key, i) => key + String.fromCharCode(i >>> 16, i & 0xffff));
    tagged.sort();
    this.sorted = new Array<string>(tagged.length);
    this.keys = new Array<string>(tagged.length);
    tagged.forEach((t, rank) => {
      const i = (t.charCodeAt(t.length - 2) << 16) | t.charCodeAt(t.length - 1);
      this.sorted[rank] = names[i]!;
      this.keys[rank] = keys[i]!;
      this.rankOf.set(names[i]!, rank);
    });
  }

  /** Names the ranks do not know yet sort last (call add first). */
  of(name: string): number {
    return this.rankOf.get(name) ?? Number.MAX_SAFE_INTEGER;
  }
}

const primaryKey: Record<Exclude<SortKey, 'stroke' | 'pinyin'>, (r: RosterRow) => number | string> = {
  birth: (r) => r.cadre.birth,
  rank: (r) => -r.rankLevel,
  post: (r) => -r.postLevel,
  unit: (r) => r.unitOrder,
};

/**
 * Both name orders' ranks over one set of names, each built on first use and kept current by add(). Both need
 * the stroke data, the 拼音 order also pinyin-pro: await loadStrokeOrder() and loadPinyin() before sorting.
 */
export class SortRanks {
  private strokeRanks: NameRanks | undefined;
  private pinyinRanks: NameRanks | undefined;

  constructor(private readonly names: () => Iterable<string>) {}

  get stroke(): NameRanks {
    return (this.strokeRanks ??= new NameRanks(strokeSortKey, this.names()));
  }

  get pinyin(): NameRanks {
    return (this.pinyinRanks ??= new NameRanks(pinyinSortKey, this.names()));
  }

  add(names: readonly string[]): void {
    this.strokeRanks?.add(names);
    this.pinyinRanks?.add(names);
  }
}

/** A new sorted array; ties keep 姓氏笔画 order so equal ranks read like the paper roster, then the id. */
export function sortRows(rows: readonly RosterRow[], key: SortKey, ranks = new SortRanks(() => rows.map((r) => r.name))): RosterRow[] {
  if (key === 'stroke' || key === 'pinyin') return byNameRank(rows, key === 'stroke' ? ranks.stroke : ranks.pinyin, ranks);
  const first = primaryKey[key];
  // decorate once: the comparator then reads plain fields instead of calling functions and maps 1.7M times
  const keyed = rows.map((row) => ({ row, a: first(row), b: ranks.stroke.of(row.name) }));
  keyed.sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b - y.b || byId(x.row, y.row)));
  return keyed.map((k) => k.row);
}

const byId = (x: RosterRow, y: RosterRow) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * Rows in a name order: a counting sort on the names' ranks, then the id among rows of the same name. Each
 * distinct name has a rank of its own, so this is the order the comparator in sortRows gives (for 拼音, its
 * 姓氏笔画 tie-break only ever compares a name with itself). At 100,000 rows it takes a fifth of the comparison
 * sort's time, which was most of the first 姓氏笔画 sort after the roster opens. Names the ranks do not know
 * (add() not called) come last, by 姓氏笔画 and id as before.
 */
function byNameRank(rows: readonly RosterRow[], names: NameRanks, ranks: SortRanks): RosterRow[] {
  const n = rows.length;
  const rankOf = new Int32Array(n);
  let top = -1;
  const unknown: RosterRow[] = [];
  for (let i = 0; i < n; i++) {
    const rank = names.of(rows[i]!.name);
    if (rank === Number.MAX_SAFE_INTEGER) {
      rankOf[i] = -1;
      unknown.push(rows[i]!);
    } else {
      rankOf[i] = rank;
      if (rank > top) top = rank;
    }
  }
  const start = new Int32Array(top + 2);
  for (let i = 0; i < n; i++) if (rankOf[i]! >= 0) start[rankOf[i]! + 1]!++;
  for (let r = 1; r < start.length; r++) start[r]! += start[r - 1]!;
  const known = n - unknown.length;
  const out = new Array<RosterRow>(n);
  const next = start.slice();
  for (let i = 0; i < n; i++) if (rankOf[i]! >= 0) out[next[rankOf[i]!]!++] = rows[i]!;
  // the rows of one name, by id (a few at most, but a district may have many 王伟)
  for (let r = 0; r <= top; r++) {
    const from = start[r]!;
    const to = start[r + 1]!;
    if (to - from > 32) {
      const run = out.slice(from, to).sort(byId);
      for (let k = 0; k < run.length; k++) out[from + k] = run[k]!;
    } else {
      for (let k = from + 1; k < to; k++) {
        const row = out[k]!;
        let j = k - 1;
        for (; j >= from && byId(out[j]!, row) > 0; j--) out[j + 1] = out[j]!;
        out[j + 1] = row;
      }
    }
  }
  const stroke = ranks.stroke;
  unknown.sort((x, y) => stroke.of(x.name) - stroke.of(y.name) || byId(x, y));
  for (let k = 0; k < unknown.length; k++) out[known + k] = unknown[k]!;
  return out;
}

/** Display helpers for the roster columns. */
export const display = {
  sex: (r: RosterRow) => caption('sex', r.cadre.sex),
  nation: (r: RosterRow) => caption('nation', r.cadre.nation),
  political: (r: RosterRow) => caption('politicalStatus', r.cadre.politicalStatus),
  rank: (r: RosterRow) => caption('rank', r.cadre.rank),
  birth: (r: RosterRow) => `${r.cadre.birth.replace('-', '.')}${r.age === null ? '' : `（${r.age}岁）`}`,
};
