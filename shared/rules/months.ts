// Month-precision dates (docs/domain.md#dates-and-ages): stored 'YYYY-MM', printed 'YYYY.MM'.

export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** Year and month of a stored month; throws on anything else (validate input with isMonth first). */
export function parseMonth(value: Month): { year: number; month: number } {
  const m = MONTH.exec(value);
  if (!m) throw new Error(`not a YYYY-MM month: ${value}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export const formatMonth = (year: number, month: number): Month =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;

/** 'YYYY-MM' → 'YYYY.MM' as printed on forms. */
export const printMonth = (value: Month | null | undefined): string => (value ? value.replace('-', '.') : '');

/** Months since year 0: makes comparisons and differences plain arithmetic. */
export function monthIndex(value: Month): number {
  const { year, month } = parseMonth(value);
  return year * 12 + (month - 1);
}

export const compareMonths = (a: Month, b: Month): number => monthIndex(a) - monthIndex(b);

export function addMonths(value: Month, months: number): Month {
  const index = monthIndex(value) + months;
  return formatMonth(Math.floor(index / 12), (index % 12) + 1);
}

/** The month containing a Date, in local time (the office's calendar). */
export const monthOf = (date: Date): Month => formatMonth(date.getFullYear(), date.getMonth() + 1);

/** The day containing a Date as 'YYYY-MM-DD', in local time (never UTC: 08:00 in Beijing is still yesterday in UTC). */
export const dayOf = (date: Date): string => `${monthOf(date)}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * Full years from `from` to `asOf`: R − Y, minus 1 if N < M (1980.05 is 45 in 2025.05, 44 in 2025.04). Used for
 * age, working years and party years alike.
 */
export function fullYears(from: Month, asOf: Month): number {
  const a = parseMonth(from);
  const b = parseMonth(asOf);
  return b.year - a.year - (b.month < a.month ? 1 : 0);
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export const monthsBetween = (from: Month, to: Month): number => monthIndex(to) - monthIndex(from);

/** "2年3个月" — for eligibility reasons and durations shown to people. */
export function describeDuration(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years && rest) return `${years}年${rest}个月`;
  if (years) return `${years}年`;
  return `${rest}个月`;
}

/**
 * What people type into a month field — 1985-07, 1985.7, 1985.07, 198507, 1985年7月 — as 'YYYY-MM', or null when
 * it is not a month. '' stays ''.
 */
export function normalizeMonthInput(text: string): Month | '' | null {
  const s = text.trim();
  if (s === '') return '';
  const m = /^(\d{4})\s*(?:[-./年]\s*(\d{1,2})\s*月?|(\d{2}))$/.exec(s);
  if (!m) return null;
  const month = Number(m[2] ?? m[3]);
  if (month < 1 || month > 12) return null;
  return formatMonth(Number(m[1]), month);
}
