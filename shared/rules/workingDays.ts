import { UserError } from '../errors';
import type { HolidayCalendar } from '../code/holidays';

// Working days on the holiday calendar (docs/domain.md "Appointment procedure": 任前公示 lasts at least 5 working
// days). Dates are 'YYYY-MM-DD' strings turned into UTC day numbers (days since 1970-01-01): plain integers, so a
// step is +1 and no local time zone or daylight-saving shift can move a date.

export type { HolidayCalendar } from '../code/holidays';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const MAX_WORKING_DAYS = 100_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Year, month and day of a real 'YYYY-MM-DD' date, or null. Arithmetic only: the rank rules call it 100,000× a list. */
function partsOrNull(value: string): [number, number, number] | null {
  const m = DAY.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const date = Number(m[3]);
  if (month < 1 || month > 12 || date < 1) return null;
  const last = month === 2 && leap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return date <= last ? [year, month, date] : null;
}

/** The UTC day number of a 'YYYY-MM-DD' date, or null when it is not a real calendar date. */
function dayNumberOrNull(value: string): number | null {
  const parts = partsOrNull(value);
  if (!parts) return null;
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  d.setUTCFullYear(parts[0], parts[1] - 1, parts[2]);
  return d.getTime() / MS_PER_DAY;
}

/** True for a real 'YYYY-MM-DD' date (2025-02-29 is not one). */
export const isDay = (value: string): boolean => typeof value === 'string' && partsOrNull(value) !== null;

function dayNumber(value: string, label: string): number {
  const n = typeof value === 'string' ? dayNumberOrNull(value) : null;
  if (n === null) {
    throw new UserError(`${label}“${String(value)}”不是有效日期，请按 YYYY-MM-DD 填写真实存在的日期，例如 2025-09-26`);
  }
  return n;
}

function formatDay(dayNo: number): string {
  const d = new Date(dayNo * MS_PER_DAY);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** 1970-01-01 was a Thursday: day numbers mod 7 give the weekday, 0 = Sunday … 6 = Saturday. */
const weekday = (dayNo: number): number => (((dayNo + 4) % 7) + 7) % 7;

interface PreparedCalendar {
  holidays: ReadonlySet<number>;
  makeUp: ReadonlySet<number>;
}

function prepare(calendar: HolidayCalendar): PreparedCalendar {
  return {
    holidays: new Set(calendar.holidays.map((d) => dayNumber(d, '节假日'))),
    makeUp: new Set(calendar.makeUpWorkdays.map((d) => dayNumber(d, '调休上班日'))),
  };
}

// A date listed as both a holiday and a make-up workday is a rest day: the holiday list is the one an error in
// the other direction would hurt (a 公示 ending on a holiday). holidayCalendarSchema refuses such a calendar.
function working(dayNo: number, calendar: PreparedCalendar): boolean {
  if (calendar.holidays.has(dayNo)) return false;
  if (calendar.makeUp.has(dayNo)) return true;
  const w = weekday(dayNo);
  return w !== 0 && w !== 6;
}

/** Whether a date is a working day on the calendar. Throws a UserError on a malformed date. */
export function isWorkingDay(day: string, calendar: HolidayCalendar): boolean {
  return working(dayNumber(day, '日期'), prepare(calendar));
}

/**
 * The last day of a period of `n` working days beginning on `start` — `start` counts as day 1 when it is a
 * working day; a period starting on a rest day begins on the next working day. Throws a RangeError when `n` is
 * not a whole number ≥ 1, and a UserError on a malformed date (in `start` or the calendar).
 */
export function addWorkingDays(start: string, n: number, calendar: HolidayCalendar): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`工作日天数应为不小于 1 的整数，现为 ${String(n)}`);
  // A day-by-day walk: cap it so a mistyped figure cannot hang the screen (100,000 working days ≈ 400 years).
  if (n > MAX_WORKING_DAYS) throw new RangeError(`工作日天数不能超过 ${MAX_WORKING_DAYS}，现为 ${n}`);
  const prepared = prepare(calendar);
  let dayNo = dayNumber(start, '开始日期');
  let counted = working(dayNo, prepared) ? 1 : 0;
  while (counted < n) {
    dayNo += 1;
    if (working(dayNo, prepared)) counted += 1;
  }
  return formatDay(dayNo);
}

/** Working days from `start` to `end`, both included (0 when `end` is earlier). For checking a 公示 entered by hand. */
export function countWorkingDays(start: string, end: string, calendar: HolidayCalendar): number {
  const prepared = prepare(calendar);
  const last = dayNumber(end, '结束日期');
  let count = 0;
  for (let dayNo = dayNumber(start, '开始日期'); dayNo <= last; dayNo += 1) {
    if (working(dayNo, prepared)) count += 1;
  }
  return count;
}

/**
 * The years a calendar has been entered for. A year counts as entered when at least one holiday or make-up
 * workday falls in it: every State Council arrangement has at least 元旦, and a year with nothing in it is
 * indistinguishable from one nobody entered.
 */
export function calendarYears(calendar: HolidayCalendar): number[] {
  const years = new Set<number>();
  for (const d of [...calendar.holidays, ...calendar.makeUpWorkdays]) {
    dayNumber(d, '节假日');
    years.add(Number(d.slice(0, 4)));
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * Whether the calendar covers every year from `start` to `end` (a 公示's first and last day). A period running into
 * a year with no calendar was counted with plain weekends only, and the screen should say so (missingYearsWarning).
 */
export function calendarCovers(
  calendar: HolidayCalendar,
  start: string,
  end: string,
): { ok: boolean; missingYears: number[] } {
  const first = dayNumber(start, '开始日期');
  const last = dayNumber(end, '结束日期');
  if (last < first) throw new UserError(`结束日期 ${end} 早于开始日期 ${start}，请检查`);
  const entered = new Set(calendarYears(calendar));
  const missingYears: number[] = [];
  for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)); year += 1) {
    if (!entered.has(year)) missingYears.push(year);
  }
  return { ok: missingYears.length === 0, missingYears };
}

/** The warning a screen shows for calendarCovers' missing years; '' when there are none. */
export function missingYearsWarning(missingYears: readonly number[]): string {
  if (missingYears.length === 0) return '';
  const years = missingYears.map((y) => `${y}年`).join('、');
  return `尚未录入${years}的节假日安排，这段时间只按周六、周日休息计算，可能不准确。请在“设置”中录入${years}的节假日和调休上班日后再核对。`;
}
