import { z } from 'zod';
import { codeTables, type CodeTableId } from '../code';
import { isMonth } from '../rules/months';

// Field builders shared by the dossier's schemas: every message is Chinese and names the field.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Required single-line text. */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`)
    .refine((s) => !CONTROL.test(s) && !/[\t\r\n]/.test(s), `${label}不能包含换行或控制字符`);

/** Optional single-line text: '' when empty. */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .refine((s) => !CONTROL.test(s) && !/[\t\r\n]/.test(s), `${label}不能包含换行或控制字符`)
    .default('');

/** Optional multi-line text (resume notes, expertise). */
export const longText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .refine((s) => !CONTROL.test(s), `${label}不能包含控制字符`)
    .default('');

/** A 'YYYY-MM' month. */
export const month = (label: string) =>
  z.string({ error: `请填写${label}` }).refine(isMonth, `${label}应为“年-月”，例如 2015-07`);

export const optionalMonth = (label: string) => month(label).nullable().default(null);

/** A code from one of shared/code's tables. */
export const code = (table: CodeTableId, label: string) => {
  const codes = new Set(codeTables[table].entries.map((e) => e.code));
  return z.string({ error: `请选择${label}` }).refine((c) => codes.has(c), `${label}的代码不在“${codeTables[table].name}”代码表中`);
};

export const optionalCode = (table: CodeTableId, label: string) => code(table, label).nullable().default(null);

const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A real calendar day 'YYYY-MM-DD' (2025-02-30 is not one). */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1]!;
}

/** A 'YYYY-MM-DD' day. */
export const date = (label: string) =>
  z.string({ error: `请填写${label}` }).refine(isDay, `${label}应为“年-月-日”，例如 2025-07-01`);

export const optionalDate = (label: string) => date(label).nullable().default(null);

/** A number within limits (a year, hours, votes). */
export const requiredNumber = (label: string, min: number, max: number, integer: boolean) => {
  const n = z.number({ error: `请填写${label}` });
  return (integer ? n.int(`${label}应为整数`) : n)
    .min(min, `${label}不能小于${min}`)
    .max(max, `${label}不能大于${max}`);
};

export const optionalNumber = (label: string, min: number, max: number, integer: boolean) =>
  requiredNumber(label, min, max, integer).nullable().default(null);

/** One of a record type's own values. */
export const enumeration = <V extends string>(values: readonly [V, ...V[]], label: string, fallback?: V) => {
  const e = z.enum(values, { error: `请选择${label}` });
  return fallback === undefined ? e : e.default(fallback as never);
};

/** The 18-character ID number (GB 11643): its check character is checked by the rules, which know the date. */
export const idNumberText = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .toUpperCase()
    .regex(/^\d{17}[\dX]$/, `${label}应为18位`);

/** A required reference to another record (a unit, a cadre) by id. */
export const requiredRef = (message: string) => z.string({ error: message }).min(1, message);

/** A blob by the SHA-256 hex of its content, or null. */
export const blobRef = () =>
  z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
    .default(null);
