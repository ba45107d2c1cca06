import { describe, expect, it } from 'vitest';
import { idCheckChar, parseIdNumber, type IdNumberResult } from '../../../shared/rules/idNumber';

// Check characters below were computed by hand from the weights in docs/domain.md#id-number
// (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 → "10X98765432"), e.g. 11010519491231002:
// 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167, 167 mod 11 = 2 → X; 11010519800512002: sum 169, mod 11 = 4 → 8.

const TODAY = '2025-06-15';

function ok(result: IdNumberResult) {
  if (!result.ok) throw new Error(`expected a valid number, got: ${result.reason}`);
  return result.value;
}
function reason(result: IdNumberResult): string {
  if (result.ok) throw new Error(`expected an invalid number, got ${result.value.normalized}`);
  return result.reason;
}

describe('idCheckChar', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['11010519800512002', '8'],
    ['44030619900101123', '6'],
    ['32010219850630341', '2'],
    ['11010520000229001', '3'],
    ['11010519800512006', '0'],
    ['11010519800501002', '1'],
  ])('%s → %s', (first17, check) => {
    expect(idCheckChar(first17)).toBe(check);
  });

  it('throws on anything but 17 digits', () => {
    expect(() => idCheckChar('1101051949123100')).toThrow();
    expect(() => idCheckChar('1101051949123100X')).toThrow();
  });
});

describe('parseIdNumber: valid numbers', () => {
  it('the classic example 11010519491231002X (check character X, female)', () => {
    expect(ok(parseIdNumber('11010519491231002X', TODAY))).toEqual({
      normalized: '11010519491231002X',
      region: '110105',
      birthDate: '1949-12-31',
      birthMonth: '1949-12',
      sex: '2',
      converted: false,
    });
  });

  it.each([
    ['110105198005120028', '1980-05-12', '2'],
    ['440306199001011236', '1990-01-01', '1'],
    ['320102198506303412', '1985-06-30', '1'],
    ['110105198005120060', '1980-05-12', '2'],
    ['110105198005010021', '1980-05-01', '2'],
  ])('%s (digit check character): born %s, sex %s', (input, birthDate, sex) => {
    const v = ok(parseIdNumber(input, TODAY));
    expect(v.normalized).toBe(input);
    expect(v.birthDate).toBe(birthDate);
    expect(v.birthMonth).toBe(birthDate.slice(0, 7));
    expect(v.sex).toBe(sex);
    expect(v.converted).toBe(false);
  });

  it('accepts a lower-case x and normalises it to X', () => {
    expect(ok(parseIdNumber('11010519491231002x', TODAY)).normalized).toBe('11010519491231002X');
  });

  it('trims surrounding whitespace', () => {
    expect(ok(parseIdNumber('  11010519491231002X ', TODAY)).normalized).toBe('11010519491231002X');
  });

  it('sex comes from the 17th digit: odd male, even female', () => {
    expect(ok(parseIdNumber('11010519800512001X', TODAY)).sex).toBe('1');
    expect(ok(parseIdNumber('110105198005120028', TODAY)).sex).toBe('2');
    expect(ok(parseIdNumber('110105198005120036', TODAY)).sex).toBe('1');
    expect(ok(parseIdNumber('110105198005120044', TODAY)).sex).toBe('2');
  });

  it('20000229 is a valid date (leap year divisible by 400)', () => {
    expect(ok(parseIdNumber('110105200002290013', TODAY)).birthDate).toBe('2000-02-29');
  });

  it('a birth date equal to today is accepted', () => {
    expect(ok(parseIdNumber('110105202506150013', TODAY)).birthDate).toBe('2025-06-15');
  });
});

describe('parseIdNumber: 15-digit legacy numbers', () => {
  it('110105491231002 → 11010519491231002X', () => {
    expect(ok(parseIdNumber('110105491231002', TODAY))).toEqual({
      normalized: '11010519491231002X',
      region: '110105',
      birthDate: '1949-12-31',
      birthMonth: '1949-12',
      sex: '2',
      converted: true,
    });
  });

  it('sex comes from the last digit of the legacy number', () => {
    const v = ok(parseIdNumber('110105800512001', TODAY));
    expect(v.normalized).toBe('11010519800512001X');
    expect(v.sex).toBe('1');
  });

  it('an invalid date in a legacy number is rejected', () => {
    expect(reason(parseIdNumber('110105800230001', TODAY))).toContain('19800230');
  });
});

describe('parseIdNumber: invalid numbers', () => {
  it('a wrong check character names the expected one', () => {
    const r = reason(parseIdNumber('110105194912310021', TODAY));
    expect(r).toBe('身份证号码校验位不正确：最后一位应为“X”，请核对号码');
    expect(reason(parseIdNumber('11010519800512002X', TODAY))).toContain('“8”');
  });

  it.each([
    ['Feb 30', '110105198002300011', '19800230'],
    ['month 13', '110105198013010011', '19801301'],
    ['month 00', '110105198000010011', '19800001'],
    ['day 00', '110105198001000011', '19800100'],
    ['19000229 (1900 is not a leap year)', '110105190002290011', '19000229'],
    ['19990229', '110105199902290011', '19990229'],
    ['before 1900', '110105189912310011', '18991231'],
  ])('invalid date: %s', (_label, input, digits) => {
    expect(reason(parseIdNumber(input, TODAY))).toBe(`身份证号码中的出生日期“${digits}”不是有效日期`);
  });

  it('a birth date after today is rejected', () => {
    expect(reason(parseIdNumber('110105202506160019', TODAY))).toBe('身份证号码中的出生日期 2025-06-16 晚于今天');
  });

  it.each([
    ['12345', 5],
    ['1101051949123100', 16],
    ['11010519491231002X1', 19],
    ['11010519491231', 14],
  ])('wrong length: %s', (input, length) => {
    expect(reason(parseIdNumber(input, TODAY))).toBe(`身份证号码应为18位（或旧式15位），现为${length}位`);
  });

  const LETTERS = ['11010519491231002A', 'X1010519491231002X', '1101051949123100XX', '11010519491231002Y'];
  it.each([...LETTERS, '11010549123100X'])('letters: %s', (input) => {
    expect(reason(parseIdNumber(input, TODAY))).toBe('身份证号码只能由数字组成，18位号码的最后一位可以是X');
  });

  it('empty or blank', () => {
    expect(reason(parseIdNumber('', TODAY))).toBe('请填写身份证号码');
    expect(reason(parseIdNumber('   ', TODAY))).toBe('请填写身份证号码');
  });
});
