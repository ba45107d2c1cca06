import { z } from 'zod';
import { isDay } from '../rules/workingDays';

// The statutory holiday calendar (docs/domain.md "Appointment procedure": 任前公示 runs at least 5 working days on
// a configurable holiday calendar). The State Council publishes each year's arrangement late in the year before,
// so the program ships the years known when it was built and an administrator enters later ones in the settings.

/** Rest days off the weekend and weekend days worked instead (调休), as 'YYYY-MM-DD' dates. */
export interface HolidayCalendar {
  holidays: string[];
  makeUpWorkdays: string[];
}

/** One festival of a year's arrangement, as the notice lists it; kept by name so a settings screen can show it. */
export interface Festival {
  name: string;
  holidays: readonly string[];
  makeUpWorkdays: readonly string[];
}

/** 国务院办公厅关于2025年部分节假日安排的通知. */
export const FESTIVALS_2025: readonly Festival[] = [
  { name: '元旦', holidays: ['2025-01-01'], makeUpWorkdays: [] },
  {
    name: '春节',
    holidays: [
      '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
      '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08'],
  },
  { name: '清明节', holidays: ['2025-04-04', '2025-04-05', '2025-04-06'], makeUpWorkdays: [] },
  {
    name: '劳动节',
    holidays: ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'],
    makeUpWorkdays: ['2025-04-27'],
  },
  { name: '端午节', holidays: ['2025-05-31', '2025-06-01', '2025-06-02'], makeUpWorkdays: [] },
  {
    name: '国庆节、中秋节',
    holidays: [
      '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04',
      '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
    ],
    makeUpWorkdays: ['2025-09-28', '2025-10-11'],
  },
];

/** A year's festivals flattened into the calendar shape addWorkingDays takes. */
export const calendarOf = (festivals: readonly Festival[]): HolidayCalendar => ({
  holidays: festivals.flatMap((f) => f.holidays),
  makeUpWorkdays: festivals.flatMap((f) => f.makeUpWorkdays),
});

/** Several years' calendars as one (the setting keeps one calendar; years are added as they are published). */
export const mergeCalendars = (...calendars: readonly HolidayCalendar[]): HolidayCalendar => ({
  holidays: [...new Set(calendars.flatMap((c) => c.holidays))].sort(),
  makeUpWorkdays: [...new Set(calendars.flatMap((c) => c.makeUpWorkdays))].sort(),
});

/** The calendar a new installation starts with. */
export const BUILT_IN_HOLIDAY_CALENDAR: HolidayCalendar = calendarOf(FESTIVALS_2025);

const day = (label: string) =>
  z.string({ error: `请填写${label}` }).refine(isDay, {
    error: (issue) => `${label}“${String(issue.input)}”不是有效日期，请按 YYYY-MM-DD 填写，例如 2025-10-01`,
  });

/** The calendar as an administrator saves it: real dates, none both a holiday and a make-up workday. */
export const holidayCalendarSchema = z
  .object({
    holidays: z.array(day('节假日')),
    makeUpWorkdays: z.array(day('调休上班日')),
  })
  .superRefine((calendar, ctx) => {
    const holidays = new Set(calendar.holidays);
    for (const d of calendar.makeUpWorkdays) {
      if (holidays.has(d)) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays'],
          message: `${d} 既是节假日又是调休上班日，请删去其中一项`,
        });
      }
    }
  }) satisfies z.ZodType<HolidayCalendar>;
