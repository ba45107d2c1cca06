import { POST_LEVELS, QUOTA_FIELD_OF_LEVEL, type EstablishmentFields, type PostLevelCode } from '../domain/selection';

// 编制与职数: filled, vacant and over per unit, computed from the cadres' current posts (docs/selection.md
// "Establishments and vacancies"). Counted once over the cadres (100,000 in a district), so the table is one pass.

/** What the count reads of a cadre. */
export interface VacancyCadre {
  unitId: string;
  /** cadreStatus: only 在职 ('01') holds a post. */
  status: string;
  postLevel: string | null;
  /** personnelCategory: 公务员 and 参公 fill 行政编制, 事业 fills 事业编制. */
  personnelCategory: string;
}

export interface Count {
  quota: number;
  filled: number;
  vacant: number;
  over: number;
}

export interface VacancyRow {
  unitId: string;
  administrative: Count;
  institutional: Count;
  posts: Record<PostLevelCode, Count>;
  /** Leadership posts vacant and over, over all levels. */
  vacant: number;
  over: number;
}

const count = (quota: number, filled: number): Count => ({
  quota,
  filled,
  vacant: Math.max(0, quota - filled),
  over: Math.max(0, filled - quota),
});

/** One unit's cadres in service: by establishment category, and by post level code. */
export interface Tally {
  administrative: number;
  institutional: number;
  posts: Record<string, number>;
}

/** Counts the cadres in service per unit: establishment category and post level. */
export function tallyUnits(cadres: Iterable<VacancyCadre>): Map<string, Tally> {
  const byUnit = new Map<string, Tally>();
  for (const c of cadres) {
    if (c.status !== '01') continue;
    let t = byUnit.get(c.unitId);
    if (!t) byUnit.set(c.unitId, (t = { administrative: 0, institutional: 0, posts: {} }));
    if (c.personnelCategory === '3') t.institutional += 1;
    else t.administrative += 1;
    if (c.postLevel) t.posts[c.postLevel] = (t.posts[c.postLevel] ?? 0) + 1;
  }
  return byUnit;
}

/** One row per unit with an establishment, in the order given. */
export function vacancyTable(establishments: readonly EstablishmentFields[], cadres: Iterable<VacancyCadre>): VacancyRow[] {
  return vacancyRows(establishments, tallyUnits(cadres));
}

/**
 * The same rows from a tally already made: the screen keeps the tally while the cadres are unchanged, so an
 * establishment edited or read again costs a hundred-odd rows, not another pass over every cadre.
 */
export function vacancyRows(establishments: readonly EstablishmentFields[], tally: ReadonlyMap<string, Tally>): VacancyRow[] {
  return establishments.map((e) => {
    const t = tally.get(e.unitId);
    const posts = Object.fromEntries(
      POST_LEVELS.map((level) => [level, count(e[QUOTA_FIELD_OF_LEVEL[level]] ?? 0, t?.posts[level] ?? 0)]),
    ) as Record<PostLevelCode, Count>;
    return {
      unitId: e.unitId,
      administrative: count(e.administrative ?? 0, t?.administrative ?? 0),
      institutional: count(e.institutional ?? 0, t?.institutional ?? 0),
      posts,
      vacant: POST_LEVELS.reduce((n, l) => n + posts[l].vacant, 0),
      over: POST_LEVELS.reduce((n, l) => n + posts[l].over, 0),
    };
  });
}

/** The quota and holders of one post level in one unit (for the case's 动议 and 任职 checks); null without an establishment. */
export function vacancyOf(row: VacancyRow | undefined, level: string): { quota: number; filled: number } | null {
  if (!row || !(level in row.posts)) return null;
  const c = row.posts[level as PostLevelCode];
  return { quota: c.quota, filled: c.filled };
}
