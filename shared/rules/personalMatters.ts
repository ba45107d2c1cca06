import { sha256 } from './sha256';

// 个人有关事项报告 (docs/supervision.md "Personal-matters reports"): who must report in a year, each one's status
// (应报 / 已报 / 逾期, due 31 January of the report's year), the reproducible random draw of N % of those who
// reported, and the year's figures. Pure: the screens and the bench read the same answers.

/** Who must report: 县处级副职 and above by post level, or an equivalent rank (a local setting). */
export interface ReportingRule {
  /** Lowest 职务层次 level that reports (postLevel table: 3 = 县处级副职); null: not by post level. */
  minPostLevel: number | null;
  /** Lowest 职级 level that reports (rank table: 7 = 四级调研员); null: not by rank. */
  minRankLevel: number | null;
}

export const DEFAULT_REPORTING_RULE: ReportingRule = { minPostLevel: 3, minRankLevel: 7 };

export interface ReportingCadre {
  id: string;
  deleted: boolean;
  /** 人员状态: only those in post (01 在职) report. */
  status: string;
  postLevel: string | null;
  rank: string | null;
}

/** Levels of the codes, as the code tables give them (passed in so this stays free of the tables' shape). */
export interface Levels {
  postLevel(code: string): number | undefined;
  rank(code: string): number | undefined;
}

export function mustReport(c: ReportingCadre, levels: Levels, rule: ReportingRule = DEFAULT_REPORTING_RULE): boolean {
  if (c.deleted || c.status !== '01') return false;
  const post = c.postLevel ? (levels.postLevel(c.postLevel) ?? 0) : 0;
  const rank = c.rank ? (levels.rank(c.rank) ?? 0) : 0;
  return (rule.minPostLevel !== null && post >= rule.minPostLevel) || (rule.minRankLevel !== null && rank >= rule.minRankLevel);
}

export type DueStatus = 'due' | 'submitted' | 'overdue';
export const DUE_STATUS: Record<DueStatus, string> = { due: '应报', submitted: '已报', overdue: '逾期' };

/** The day a year's report is due. */
export const dueDay = (year: number): string => `${year}-01-31`;

export function dueStatus(report: { submitted: string | null; deleted: boolean } | undefined, year: number, today: string): DueStatus {
  if (report && !report.deleted && report.submitted) return 'submitted';
  return today > dueDay(year) ? 'overdue' : 'due';
}

export interface DueRow<C> {
  cadre: C;
  status: DueStatus;
  reportId: string | null;
}

/** The year's due list: every cadre who must report, with the status of their report (by cadre id). */
export function dueList<C extends ReportingCadre, R extends { id: string; cadreId: string; submitted: string | null; deleted: boolean }>(
  cadres: readonly C[],
  reportsOfYear: readonly R[],
  year: number,
  today: string,
  levels: Levels,
  rule: ReportingRule = DEFAULT_REPORTING_RULE,
): DueRow<C>[] {
  const byCadre = new Map<string, R>();
  for (const r of reportsOfYear) if (!r.deleted) byCadre.set(r.cadreId, r);
  const rows: DueRow<C>[] = [];
  for (const cadre of cadres) {
    if (!mustReport(cadre, levels, rule)) continue;
    const report = byCadre.get(cadre.id);
    rows.push({ cadre, status: dueStatus(report, year, today), reportId: report?.id ?? null });
  }
  return rows;
}

/** A 32-bit generator seeded by a text (mulberry32 over the text's SHA-256): the same seed, the same draw. */
function generator(seed: string): () => number {
  let state = parseInt(sha256(seed).slice(0, 8), 16) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many a draw of `percent` % of `count` takes: rounded up, at least one when there is anyone. */
export const drawSize = (count: number, percent: number): number => (count === 0 ? 0 : Math.min(count, Math.max(1, Math.ceil((count * percent) / 100))));

/**
 * 随机抽查: `percent` % of the reporters, drawn by `seed`. The ids are sorted first, so the same seed over the
 * same reporters always draws the same list, whatever order they were read in. Returned in draw order.
 */
export function drawReports(reporterIds: readonly string[], percent: number, seed: string): string[] {
  const ids = [...new Set(reporterIds)].sort();
  const take = drawSize(ids.length, percent);
  const next = generator(seed);
  // a partial Fisher–Yates shuffle: the first `take` places
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(next() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, take);
}

/** A new draw's seed: the year and a random part, shown and kept so the draw can be repeated. */
export const newSeed = (year: number, random: () => number = Math.random): string =>
  `${year}-${Math.floor(random() * 0x100000000).toString(16).padStart(8, '0')}`;

/** Counts by a key, for the year's statistics tables. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}
