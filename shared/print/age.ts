import { fullYears, isMonth, printMonth, type Month } from '../rules/months';

// Birth months with the age as the 干部任免审批表 prints them (docs/domain.md "Dates and ages").

/**
 * `1980.05(45岁)`: the month as printed, with the full age as of `asOf` (the form's 计算年龄时间). An empty or
 * malformed birth month prints as it is, with no age: a guessed age on an official form would be worse.
 */
export function birthWithAge(birth: Month | null | undefined, asOf: Month): string {
  if (!birth) return '';
  if (!isMonth(birth) || !isMonth(asOf)) return printMonth(birth);
  return `${printMonth(birth)}(${fullYears(birth, asOf)}岁)`;
}

/** A family member's age as of `asOf`; blank for the deceased and when the birth month is not known. */
export function ageText(birth: Month | null | undefined, asOf: Month, deceased: boolean): string {
  if (deceased || !birth || !isMonth(birth) || !isMonth(asOf)) return '';
  return String(fullYears(birth, asOf));
}
