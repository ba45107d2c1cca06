// 居民身份证号码 (GB 11643-1999), docs/domain.md#id-number.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

export type Sex = '1' | '2'; // code table `sex`: 1 男, 2 女

export interface IdNumberParts {
  /** The 18-character number, upper-case X (a 15-digit input converted). */
  normalized: string;
  region: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** YYYY-MM, as the basic record stores birth */
  birthMonth: string;
  sex: Sex;
  /** True when the input was a 15-digit legacy number. */
  converted: boolean;
}

export type IdNumberResult = { ok: true; value: IdNumberParts } | { ok: false; reason: string };

/** ISO 7064 MOD 11-2 over the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCheckChar needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1]!;
}

/**
 * Parses and checks an ID number: length, digits, birth date, check character; converts 15 → 18 digits.
 * `today` (YYYY-MM-DD) bounds the birth date; pass the current date.
 */
export function parseIdNumber(input: string, today: string): IdNumberResult {
  const s = input.trim().toUpperCase();
  if (s === '') return { ok: false, reason: '请填写身份证号码' };
  let n: string;
  let converted = false;
  if (/^\d{15}$/.test(s)) {
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    n = first17 + idCheckChar(first17);
    converted = true;
  } else if (/^\d{17}[\dX]$/.test(s)) {
    n = s;
  } else if (s.length !== 18 && s.length !== 15) {
    return { ok: false, reason: `身份证号码应为18位（或旧式15位），现为${s.length}位` };
  } else {
    return { ok: false, reason: '身份证号码只能由数字组成，18位号码的最后一位可以是X' };
  }
  const year = Number(n.slice(6, 10));
  const month = Number(n.slice(10, 12));
  const day = Number(n.slice(12, 14));
  if (!validDate(year, month, day) || year < 1900) {
    return { ok: false, reason: `身份证号码中的出生日期“${n.slice(6, 14)}”不是有效日期` };
  }
  const birthDate = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
  if (birthDate > today) return { ok: false, reason: `身份证号码中的出生日期 ${birthDate} 晚于今天` };
  const expected = idCheckChar(n.slice(0, 17));
  if (!converted && n[17] !== expected) {
    return { ok: false, reason: `身份证号码校验位不正确：最后一位应为“${expected}”，请核对号码` };
  }
  return {
    ok: true,
    value: {
      normalized: n,
      region: n.slice(0, 6),
      birthDate,
      birthMonth: birthDate.slice(0, 7),
      sex: Number(n[16]) % 2 === 1 ? '1' : '2',
      converted,
    },
  };
}
