import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_HOLIDAY_CALENDAR,
  FESTIVALS_2025,
  calendarOf,
  holidayCalendarSchema,
  mergeCalendars,
  type HolidayCalendar,
} from '../../../shared/code/holidays';
import { UserError } from '../../../shared/errors';
import {
  addWorkingDays,
  calendarCovers,
  calendarYears,
  countWorkingDays,
  isDay,
  isWorkingDay,
  missingYearsWarning,
} from '../../../shared/rules/workingDays';

const CAL = BUILT_IN_HOLIDAY_CALENDAR;
const NONE: HolidayCalendar = { holidays: [], makeUpWorkdays: [] };

describe('the 2025 calendar', () => {
  it('has the State Council arrangement: 28 holidays and 5 make-up workdays', () => {
    expect(CAL.holidays).toHaveLength(1 + 8 + 3 + 5 + 3 + 8);
    expect([...CAL.makeUpWorkdays].sort()).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(CAL.holidays).toContain('2025-01-01');
    expect(CAL.holidays).toContain('2025-02-04');
    expect(CAL.holidays).toContain('2025-06-02');
    expect(CAL.holidays).toContain('2025-10-08');
    expect(CAL.holidays).not.toContain('2025-10-09');
  });
  it('lists only real dates, no date twice, and every make-up workday on a weekend', () => {
    const all = [...CAL.holidays, ...CAL.makeUpWorkdays];
    expect(all.every(isDay)).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    for (const d of CAL.makeUpWorkdays) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(holidayCalendarSchema.safeParse(CAL).success).toBe(true);
  });
  it('names each festival', () => {
    expect(FESTIVALS_2025.map((f) => f.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '国庆节、中秋节']);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-09-26', true], // Friday
    ['2025-09-27', false], // Saturday
    ['2025-09-28', true], // Sunday, make-up workday
    ['2025-10-01', false], // holiday on a Wednesday
    ['2025-10-11', true], // Saturday, make-up workday
    ['2025-02-08', true], // Saturday, make-up workday
    ['2025-02-09', false], // Sunday
    ['2025-10-12', false], // Sunday
  ])('%s → %s', (day, expected) => {
    expect(isWorkingDay(day, CAL)).toBe(expected);
  });
  it('treats a Saturday as a rest day when no calendar lists it', () => {
    expect(isWorkingDay('2025-10-11', NONE)).toBe(false);
  });
  it('lets a holiday win over a make-up listing of the same date', () => {
    expect(isWorkingDay('2025-03-03', { holidays: ['2025-03-03'], makeUpWorkdays: ['2025-03-03'] })).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('runs a 5-working-day 公示 from 2025-09-26 across National Day and its make-up Sunday', () => {
    // 9-26 Fri (1), 9-27 Sat rest, 9-28 Sun make-up (2), 9-29 (3), 9-30 (4), 10-01…10-08 holiday, 10-09 (5)
    expect(addWorkingDays('2025-09-26', 5, CAL)).toBe('2025-10-09');
    // without the calendar the same period would end on the holiday
    expect(addWorkingDays('2025-09-26', 5, NONE)).toBe('2025-10-02');
  });
  it('counts the make-up Saturday after National Day', () => {
    // … 10-09 (5), 10-10 Fri (6), 10-11 Sat make-up (7)
    expect(addWorkingDays('2025-09-26', 7, CAL)).toBe('2025-10-11');
    expect(addWorkingDays('2025-09-26', 8, CAL)).toBe('2025-10-13');
  });
  it('runs across 春节 with both make-up days', () => {
    // 1-24 Fri (1), 1-26 Sun make-up (2), 1-27 (3), 1-28…2-04 holiday, 2-05 (4), 2-06 (5)
    expect(addWorkingDays('2025-01-24', 5, CAL)).toBe('2025-02-06');
    // 2-07 (6), 2-08 Sat make-up (7), 2-09 Sun rest, 2-10 (8)
    expect(addWorkingDays('2025-01-24', 7, CAL)).toBe('2025-02-08');
    expect(addWorkingDays('2025-01-24', 8, CAL)).toBe('2025-02-10');
  });
  it('runs across 清明, 劳动节 and 端午', () => {
    expect(addWorkingDays('2025-04-03', 2, CAL)).toBe('2025-04-07');
    expect(addWorkingDays('2025-04-25', 3, CAL)).toBe('2025-04-28'); // 4-27 Sun make-up
    expect(addWorkingDays('2025-04-30', 2, CAL)).toBe('2025-05-06');
    expect(addWorkingDays('2025-05-30', 2, CAL)).toBe('2025-06-03');
  });
  it('starts on the next working day when start is a rest day', () => {
    expect(addWorkingDays('2025-10-01', 1, CAL)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-01', 5, CAL)).toBe('2025-10-14');
    expect(addWorkingDays('2025-03-01', 1, CAL)).toBe('2025-03-03'); // Saturday → Monday
    expect(addWorkingDays('2025-03-01', 5, CAL)).toBe('2025-03-07');
  });
  it('returns start itself for n = 1 on a working day, including a make-up Sunday', () => {
    expect(addWorkingDays('2025-03-04', 1, CAL)).toBe('2025-03-04');
    expect(addWorkingDays('2025-09-28', 1, CAL)).toBe('2025-09-28');
  });
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws a RangeError for n = %s', (n) => {
    expect(() => addWorkingDays('2025-09-26', n, CAL)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-09-26', n, CAL)).toThrow('工作日天数应为不小于 1 的整数');
  });
  it('refuses an n too large to be a period anyone means, rather than walking for minutes', () => {
    expect(() => addWorkingDays('2025-09-26', 100_001, CAL)).toThrow(RangeError);
    expect(addWorkingDays('2025-01-02', 250, NONE) > '2025-12-01').toBe(true);
  });
  it.each(['2025-02-29', '2025-9-26', '2025/09/26', '2025-13-01', '2025-09-31', '', '2025-09-26T00:00'])(
    'throws a clear message for the malformed start %j',
    (start) => {
      expect(() => addWorkingDays(start, 5, CAL)).toThrow(UserError);
      expect(() => addWorkingDays(start, 5, CAL)).toThrow(`开始日期“${start}”不是有效日期`);
    },
  );
  it('throws a clear message for a malformed date in the calendar', () => {
    expect(() => addWorkingDays('2025-09-26', 5, { holidays: ['2025-10-1'], makeUpWorkdays: [] })).toThrow(
      '节假日“2025-10-1”不是有效日期',
    );
    expect(() => addWorkingDays('2025-09-26', 5, { holidays: [], makeUpWorkdays: ['2025-02-30'] })).toThrow(
      '调休上班日“2025-02-30”不是有效日期',
    );
  });
  it('crosses a year and a leap day', () => {
    expect(addWorkingDays('2025-12-31', 3, CAL)).toBe('2026-01-02'); // no 2026 calendar: plain weekdays
    expect(addWorkingDays('2024-02-28', 2, NONE)).toBe('2024-02-29');
    expect(addWorkingDays('2024-02-29', 2, NONE)).toBe('2024-03-01');
  });
  it('does not depend on the time zone: years before 100 and a DST-crossing period', () => {
    expect(addWorkingDays('0099-12-31', 2, NONE)).toBe('0100-01-01');
    expect(addWorkingDays('2025-03-07', 2, NONE)).toBe('2025-03-10');
  });

  const day2025 = fc.integer({ min: 0, max: 364 }).map((i) => {
    const d = new Date(Date.UTC(2025, 0, 1 + i));
    return d.toISOString().slice(0, 10);
  });
  it('ends on a working day with exactly n working days from start (property)', () => {
    fc.assert(
      fc.property(day2025, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const end = addWorkingDays(start, n, CAL);
        expect(isWorkingDay(end, CAL)).toBe(true);
        expect(end >= start).toBe(true);
        expect(countWorkingDays(start, end, CAL)).toBe(n);
      }),
    );
  });
  it('is monotone in n: one more working day never ends earlier (property)', () => {
    fc.assert(
      fc.property(day2025, fc.integer({ min: 1, max: 40 }), (start, n) => {
        expect(addWorkingDays(start, n + 1, CAL) > addWorkingDays(start, n, CAL)).toBe(true);
      }),
    );
  });
});

describe('countWorkingDays', () => {
  it('counts both ends and skips the holiday week', () => {
    expect(countWorkingDays('2025-09-26', '2025-10-09', CAL)).toBe(5);
    expect(countWorkingDays('2025-09-26', '2025-10-08', CAL)).toBe(4);
    expect(countWorkingDays('2025-10-01', '2025-10-08', CAL)).toBe(0);
    expect(countWorkingDays('2025-10-09', '2025-10-01', CAL)).toBe(0);
  });
});

describe('calendarYears / calendarCovers', () => {
  const with2026: HolidayCalendar = mergeCalendars(CAL, { holidays: ['2026-01-01'], makeUpWorkdays: [] });
  it('lists the years entered', () => {
    expect(calendarYears(CAL)).toEqual([2025]);
    expect(calendarYears(with2026)).toEqual([2025, 2026]);
    expect(calendarYears(NONE)).toEqual([]);
  });
  it('covers a 公示 inside 2025', () => {
    expect(calendarCovers(CAL, '2025-09-26', '2025-10-09')).toEqual({ ok: true, missingYears: [] });
  });
  it('names the year a 公示 runs into without a calendar', () => {
    const end = addWorkingDays('2025-12-29', 5, CAL);
    expect(end).toBe('2026-01-02');
    expect(calendarCovers(CAL, '2025-12-29', end)).toEqual({ ok: false, missingYears: [2026] });
    expect(calendarCovers(with2026, '2025-12-29', end)).toEqual({ ok: true, missingYears: [] });
    expect(calendarCovers(NONE, '2024-12-30', '2026-01-05')).toEqual({ ok: false, missingYears: [2024, 2025, 2026] });
  });
  it('refuses an end before the start', () => {
    expect(() => calendarCovers(CAL, '2025-10-09', '2025-09-26')).toThrow('早于开始日期');
  });
  it('words the warning with the missing years and what to do', () => {
    expect(missingYearsWarning([])).toBe('');
    const text = missingYearsWarning([2026, 2027]);
    expect(text).toContain('2026年、2027年');
    expect(text).toContain('设置');
  });
});

describe('calendar data helpers', () => {
  it('flattens festivals and merges years without duplicates', () => {
    const cal = calendarOf(FESTIVALS_2025.slice(0, 2));
    expect(cal.holidays).toHaveLength(9);
    expect(cal.makeUpWorkdays).toEqual(['2025-01-26', '2025-02-08']);
    const merged = mergeCalendars(cal, cal, { holidays: ['2024-10-01'], makeUpWorkdays: [] });
    expect(merged.holidays).toHaveLength(10);
    expect(merged.holidays[0]).toBe('2024-10-01');
  });
  it('refuses in Chinese a calendar with a bad date or a date both rest and work', () => {
    const bad = holidayCalendarSchema.safeParse({ holidays: ['2026-02-30'], makeUpWorkdays: [] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('节假日“2026-02-30”不是有效日期');
    const both = holidayCalendarSchema.safeParse({ holidays: ['2026-02-14'], makeUpWorkdays: ['2026-02-14'] });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0]?.message).toContain('既是节假日又是调休上班日');
  });
});
