import { BUILT_IN_HOLIDAY_CALENDAR, mergeCalendars, type HolidayCalendar } from '../code/holidays';

// The district's holiday calendar as a setting (docs/selection.md "Holiday calendar"): one synced record per year
// (holidayYears). The shipped years (shared/code/holidays.ts) count until a record of the same year replaces them,
// so a correction the department enters wins over what the program was built with.

export interface HolidayYearLike {
  year: number;
  holidays: readonly { date: string }[];
  makeUpWorkdays: readonly { date: string }[];
  deleted?: boolean;
}

export function calendarFromYears(years: readonly HolidayYearLike[], builtIn: HolidayCalendar = BUILT_IN_HOLIDAY_CALENDAR): HolidayCalendar {
  const live = years.filter((y) => !y.deleted);
  const entered = new Set(live.map((y) => String(y.year)));
  const shipped: HolidayCalendar = {
    holidays: builtIn.holidays.filter((d) => !entered.has(d.slice(0, 4))),
    makeUpWorkdays: builtIn.makeUpWorkdays.filter((d) => !entered.has(d.slice(0, 4))),
  };
  return mergeCalendars(
    shipped,
    ...live.map((y) => ({ holidays: y.holidays.map((h) => h.date), makeUpWorkdays: y.makeUpWorkdays.map((h) => h.date) })),
  );
}
