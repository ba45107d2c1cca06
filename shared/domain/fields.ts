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
    .refine((s) => !CONTROL.test(s) && !/[\r\n]/.test(s), `${label}不能包含换行或控制字符`);

/** Optional single-line text: '' when empty. */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .refine((s) => !CONTROL.test(s) && !/[\r\n]/.test(s), `${label}不能包含换行或控制字符`)
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
