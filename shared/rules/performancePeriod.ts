import { formatMonth, type Month } from './months';

// The periods of the performance archive (docs/performance.md "Periods"): a weekly summary is for an ISO week
// (2025-W07), a monthly report for a month (2025-03), a quarterly check for a quarter (2025-Q1) and an annual review
// for a year (2025). A period is also written in the record's natural id, so it has exactly one spelling.

export const PERFORMANCE_KINDS = { weekly: '周小结', monthly: '月上报', quarterly: '季检查', annual: '年考核' } as const;
export type PerformanceKind = keyof typeof PERFORMANCE_KINDS;

const PATTERN: Record<PerformanceKind, RegExp> = {
  weekly: /^(\d{4})-W(\d{2})$/,
  monthly: /^(\d{4})-(\d{2})$/,
  quarterly: /^(\d{4})-Q(\d)$/,
  annual: /^(\d{4})$/,
};

const EXAMPLE: Record<PerformanceKind, string> = { weekly: '2025-W07', monthly: '2025-03', quarterly: '2025-Q1', annual: '2025' };

/** The Monday of ISO week 1 of a year, as a UTC time (the week holding 4 January). */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return jan4 - weekday * 86_400_000;
}

/** How many ISO weeks a year has (52 or 53). */
export const isoWeeksIn = (year: number): number => Math.round((isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / (7 * 86_400_000));

/** The ISO week of a 'YYYY-MM-DD' day, written 'YYYY-Www'. */
export function isoWeekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d);
  let year = y;
  if (t < isoWeekOneMonday(year)) year -= 1;
  else if (t >= isoWeekOneMonday(year + 1)) year += 1;
  const week = Math.floor((t - isoWeekOneMonday(year)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Null when the period is written correctly for its kind, else what is wrong, in Chinese. */
export function periodProblem(kind: PerformanceKind, period: string): string | null {
  const match = PATTERN[kind].exec(period);
  const wrong = `${PERFORMANCE_KINDS[kind]}的期间应写作“${EXAMPLE[kind]}”的形式`;
  if (!match) return wrong;
  const year = Number(match[1]);
  if (year < 1990 || year > 2100) return `期间的年份${year}不在1990至2100之间`;
  const n = Number(match[2] ?? 1);
  if (kind === 'weekly' && (n < 1 || n > isoWeeksIn(year))) return `${year}年只有${isoWeeksIn(year)}周，没有第${n}周`;
  if (kind === 'monthly' && (n < 1 || n > 12)) return wrong;
  if (kind === 'quarterly' && (n < 1 || n > 4)) return wrong;
  return null;
}

/** The first and last month a (valid) period touches: a week may straddle two months. */
export function periodMonths(kind: PerformanceKind, period: string): { first: Month; last: Month } {
  const year = Number(period.slice(0, 4));
  switch (kind) {
    case 'annual':
      return { first: formatMonth(year, 1), last: formatMonth(year, 12) };
    case 'monthly':
      return { first: period, last: period };
    case 'quarterly': {
      const q = Number(period.slice(6));
      return { first: formatMonth(year, q * 3 - 2), last: formatMonth(year, q * 3) };
    }
    case 'weekly': {
      const monday = new Date(isoWeekOneMonday(year) + (Number(period.slice(6)) - 1) * 7 * 86_400_000);
      const sunday = new Date(monday.getTime() + 6 * 86_400_000);
      return {
        first: formatMonth(monday.getUTCFullYear(), monday.getUTCMonth() + 1),
        last: formatMonth(sunday.getUTCFullYear(), sunday.getUTCMonth() + 1),
      };
    }
  }
}

/** "2025年3月", "2025年第1季度", "2025年第7周", "2025年度": a period as people say it. */
export function periodLabel(kind: PerformanceKind, period: string): string {
  if (periodProblem(kind, period)) return period;
  const year = period.slice(0, 4);
  switch (kind) {
    case 'annual':
      return `${year}年度`;
    case 'monthly':
      return `${year}年${Number(period.slice(5))}月`;
    case 'quarterly':
      return `${year}年第${period.slice(6)}季度`;
    case 'weekly':
      return `${year}年第${Number(period.slice(6))}周`;
  }
}

/** When the cadre served: joined (参加工作时间) and left (调出/退休/去世), months; null when unknown or still serving. */
export interface ServiceSpan {
  joined: Month | null;
  left: Month | null;
}

/**
 * Null when a record for this period may be kept for this cadre; else why not. A period is refused when it lies
 * wholly before the cadre joined or after they left, or has not begun yet.
 */
export function servicePeriodProblem(kind: PerformanceKind, period: string, span: ServiceSpan, currentMonth: Month): string | null {
  const invalid = periodProblem(kind, period);
  if (invalid) return invalid;
  const { first, last } = periodMonths(kind, period);
  const label = periodLabel(kind, period);
  if (first > currentMonth) return `${label}尚未开始，不能填报`;
  if (span.joined && last < span.joined) return `${label}在该干部参加工作（${span.joined.replace('-', '.')}）之前，不能填报`;
  if (span.left && first > span.left) return `${label}在该干部离开（${span.left.replace('-', '.')}）之后，不能填报`;
  return null;
}
