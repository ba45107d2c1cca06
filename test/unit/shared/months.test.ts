import { describe, expect, it } from 'vitest';
import {
  dayOf,
  normalizeMonthInput,
  addMonths,
  compareMonths,
  describeDuration,
  formatMonth,
  fullYears,
  isMonth,
  monthIndex,
  monthOf,
  monthsBetween,
  parseMonth,
  printMonth,
} from '../../../shared/rules/months';

describe('isMonth', () => {
  it.each(['2020-01', '2020-12', '1949-10', '0001-01'])('accepts %s', (m) => {
    expect(isMonth(m)).toBe(true);
  });
  const BAD = ['2020-13', '2020-00', '2020-1', '2020-001', '20-01', '2020.01', '202001', '2020-01-01'];
  it.each([...BAD, ' 2020-01', ''])('rejects %j', (m) => {
    expect(isMonth(m)).toBe(false);
  });
});

describe('parseMonth / formatMonth / monthIndex', () => {
  it('parses year and month', () => {
    expect(parseMonth('1980-05')).toEqual({ year: 1980, month: 5 });
  });
  it('throws on a malformed month', () => {
    expect(() => parseMonth('1980-13')).toThrow('not a YYYY-MM month');
  });
  it('formats with padding', () => {
    expect(formatMonth(1980, 5)).toBe('1980-05');
    expect(formatMonth(980, 12)).toBe('0980-12');
  });
  it('indexes months consecutively across a year boundary', () => {
    expect(monthIndex('2020-01') - monthIndex('2019-12')).toBe(1);
    expect(monthIndex('0000-01')).toBe(0);
  });
  it('compares', () => {
    expect(compareMonths('2020-01', '2019-12')).toBeGreaterThan(0);
    expect(compareMonths('2019-12', '2020-01')).toBeLessThan(0);
    expect(compareMonths('2020-01', '2020-01')).toBe(0);
  });
});

describe('printMonth', () => {
  it("prints 'YYYY.MM'", () => {
    expect(printMonth('1980-05')).toBe('1980.05');
  });
  it('prints nothing for an empty value', () => {
    expect(printMonth(null)).toBe('');
    expect(printMonth(undefined)).toBe('');
    expect(printMonth('')).toBe('');
  });
});

describe('fullYears (docs/domain.md#dates-and-ages)', () => {
  it('1980.05 is 45 in 2025.05 and 44 in 2025.04', () => {
    expect(fullYears('1980-05', '2025-05')).toBe(45);
    expect(fullYears('1980-05', '2025-04')).toBe(44);
    expect(fullYears('1980-05', '2025-06')).toBe(45);
  });
  it('across December/January', () => {
    expect(fullYears('1980-12', '2025-11')).toBe(44);
    expect(fullYears('1980-12', '2025-12')).toBe(45);
    expect(fullYears('1980-01', '2025-01')).toBe(45);
    expect(fullYears('1980-01', '2024-12')).toBe(44);
  });
  it('is 0 in the same month and within the first year', () => {
    expect(fullYears('2000-03', '2000-03')).toBe(0);
    expect(fullYears('2000-03', '2001-02')).toBe(0);
  });
});

describe('addMonths', () => {
  it('adds within a year and across years', () => {
    expect(addMonths('2020-01', 1)).toBe('2020-02');
    expect(addMonths('2020-11', 2)).toBe('2021-01');
    expect(addMonths('2020-12', 1)).toBe('2021-01');
    expect(addMonths('2020-05', 24)).toBe('2022-05');
    expect(addMonths('2020-05', 0)).toBe('2020-05');
  });
  it('subtracts (negative) across years', () => {
    expect(addMonths('2020-01', -1)).toBe('2019-12');
    expect(addMonths('2020-03', -3)).toBe('2019-12');
    expect(addMonths('2020-03', -15)).toBe('2018-12');
    expect(addMonths('2020-03', -27)).toBe('2017-12');
  });
});

describe('monthsBetween', () => {
  it('counts whole months, negative when the second is earlier', () => {
    expect(monthsBetween('2020-01', '2020-01')).toBe(0);
    expect(monthsBetween('2019-12', '2020-01')).toBe(1);
    expect(monthsBetween('2018-07', '2020-10')).toBe(27);
    expect(monthsBetween('2020-10', '2018-07')).toBe(-27);
  });
  it('is the inverse of addMonths', () => {
    expect(monthsBetween('2008-07', addMonths('2008-07', 41))).toBe(41);
  });
});

describe('monthOf', () => {
  it('is the local-time month of a Date', () => {
    expect(monthOf(new Date(2025, 0, 31))).toBe('2025-01');
    expect(monthOf(new Date(2025, 11, 1))).toBe('2025-12');
  });
});

describe('describeDuration', () => {
  it.each([
    [0, '0个月'],
    [3, '3个月'],
    [12, '1年'],
    [24, '2年'],
    [27, '2年3个月'],
    [13, '1年1个月'],
  ])('%i months → %s', (months, text) => {
    expect(describeDuration(months)).toBe(text);
  });
});

describe('normalizeMonthInput', () => {
  it.each([
    ['1985-07', '1985-07'],
    ['1985.7', '1985-07'],
    ['1985.07', '1985-07'],
    ['198507', '1985-07'],
    ['1985年7月', '1985-07'],
    [' 1985/12 ', '1985-12'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeMonthInput(input)).toBe(expected);
  });

  it.each(['1985-13', '1985.0', '85.7', '1985-7-1', 'abc', '19851'])('%s is not a month', (input) => {
    expect(normalizeMonthInput(input)).toBeNull();
  });
});

describe('dayOf', () => {
  it('is the local calendar day', () => {
    expect(dayOf(new Date(2025, 0, 1, 0, 30))).toBe('2025-01-01');
    expect(dayOf(new Date(2024, 1, 29, 23, 59))).toBe('2024-02-29');
  });
});
