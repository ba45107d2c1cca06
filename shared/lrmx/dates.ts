import { formatMonth, type Month } from '../rules/months';

// Dates in interchange files: LRMX writes YYYYMM (YYYYMMDD for the form's own dates), but files in the wild carry
// 1980.05, 1980.5, 1980-05, 1980年5月 and full-width digits. Read them all; write the canonical YYYYMM.

export type MonthRead = { ok: true; month: Month } | { ok: false; reason: string };

const FULL_WIDTH = /[０-９．－／]/g;
const toHalfWidth = (s: string) => s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const COMPACT = /^(\d{4})(\d{2})(\d{2})?$/;
const SEPARATED = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*(?:月?\s*(?:[-./]?\s*(\d{1,2})\s*日?)?)?\.?$/;

const daysIn = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** Reads one date as a month; '' (or white space) is null. The reason names the text, for the caller's message. */
export function readLrmxMonth(text: string): MonthRead | null {
  const s = toHalfWidth(text.trim());
  if (s === '') return null;
  const m = COMPACT.exec(s) ?? SEPARATED.exec(s);
  if (!m) return { ok: false, reason: `“${text.trim()}”不是年月，应写作 198005 或 1980.05` };
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { ok: false, reason: `“${text.trim()}”中的月份“${m[2]}”应在 1 到 12 之间` };
  if (year < 1900 || year > 2100) return { ok: false, reason: `“${text.trim()}”中的年份“${m[1]}”不正确` };
  if (m[3] !== undefined) {
    const day = Number(m[3]);
    if (day < 1 || day > daysIn(year, month)) {
      return { ok: false, reason: `“${text.trim()}”中的日“${m[3]}”不正确` };
    }
  }
  return { ok: true, month: formatMonth(year, month) };
}

/** 'YYYY-MM' → 'YYYYMM' as LRMX stores it; null → ''. */
export const writeLrmxMonth = (month: Month | null | undefined): string => (month ? month.replace('-', '') : '');
