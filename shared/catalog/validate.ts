import type { z } from 'zod';
import { FieldError } from '../errors';
import { parseIdNumber } from '../rules/idNumber';
import { printMonth } from '../rules/months';
import { getPath, leaves, setPath } from './leaves';
import type { AnyRecordType, FieldProblem } from './recordType';

// Checking a record before it is written: every problem at once, each at its field, in Chinese
// (docs/record-types.md "Validation"). The repository refuses with all of them; forms show each at its field.

/** Several problems of one record; `field`/`message` are the first (so it still reads as one FieldError). */
export class FieldErrors extends FieldError {
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems[0]!.path, problems[0]!.message);
    this.name = 'FieldErrors';
  }
}

/** The problems of a FieldError or FieldErrors, [] for any other error. */
export function problemsOf(error: unknown): readonly FieldProblem[] {
  if (error instanceof FieldErrors) return error.problems;
  if (error instanceof FieldError) return [{ path: error.field, message: error.message }];
  return [];
}

export const zodProblems = (error: z.ZodError): FieldProblem[] =>
  error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

export interface ValidationContext {
  /** 'YYYY-MM-DD' in local time: no month or day after it. */
  today: string;
}

export type Validation<T> = { ok: true; data: T } | { ok: false; problems: FieldProblem[] };

/**
 * Checks a record's data against its type: ID numbers (normalised, 15 → 18 digits), the schema, no future
 * months or days, an end not before its start (fields `from`/`to`), and the type's own rules. Returns the parsed
 * data, or every problem, at most one per field.
 */
export function checkRecord<R extends AnyRecordType>(type: R, input: unknown, ctx: ValidationContext): Validation<z.output<R['dataSchema']>> {
  const problems: FieldProblem[] = [];
  const data = { ...(input as Record<string, unknown>) };
  for (const leaf of leaves(type)) {
    if (leaf.field.format !== 'idNumber') continue;
    const parsed = parseIdNumber(String(getPath(data, leaf.path) ?? ''), ctx.today);
    if (parsed.ok) setPath(data, leaf.path, parsed.value.normalized);
    else problems.push({ path: leaf.path, message: parsed.reason });
  }
  const result = type.dataSchema.safeParse(data);
  if (!result.success) problems.push(...zodProblems(result.error));
  else {
    const value = result.data as Record<string, unknown>;
    const thisMonth = ctx.today.slice(0, 7);
    const thisYear = Number(ctx.today.slice(0, 4));
    for (const leaf of leaves(type)) {
      const v = getPath(value, leaf.path);
      if (leaf.field.future) continue; // a planned date
      if (leaf.field.kind === 'month' && typeof v === 'string' && v > thisMonth) {
        problems.push({ path: leaf.path, message: `${printMonth(v)} 晚于当前年月，不能填写未来的时间，请核对` });
      } else if (leaf.field.kind === 'date' && typeof v === 'string' && v > ctx.today) {
        problems.push({ path: leaf.path, message: `${v} 晚于今天，不能填写未来的日期，请核对` });
      } else if (leaf.field.kind === 'year' && typeof v === 'number' && v > thisYear) {
        problems.push({ path: leaf.path, message: `${leaf.label}${v}年晚于今年，不能填写未来的年度，请核对` });
      }
    }
    const from = leaves(type).find((l) => l.path === 'from');
    const to = leaves(type).find((l) => l.path === 'to');
    if (from && to && typeof value.from === 'string' && typeof value.to === 'string' && value.to < value.from) {
      problems.push({ path: 'to', message: `${to.label}不能早于${from.label}` });
    }
  }
  // the record's own rules run on whatever parsed, so a wrong birth month shows beside an over-long name; a rule
  // reads only fields it can check (docs/record-types.md "Validation")
  problems.push(...(type.rules?.((result.success ? result.data : data) as never, ctx) ?? []));
  const seen = new Set<string>();
  const unique = problems.filter((p) => !seen.has(p.path) && seen.add(p.path));
  return unique.length ? { ok: false, problems: unique } : { ok: true, data: result.data as z.output<R['dataSchema']> };
}

/** What saving this record would only warn about (仍然保存), given the owner's other records of its type. */
export function warningsOf<R extends AnyRecordType>(type: R, data: z.output<R['dataSchema']>, ctx: ValidationContext & { siblings?: readonly unknown[] }): FieldProblem[] {
  return type.warnings?.(data as never, { today: ctx.today, siblings: (ctx.siblings ?? []) as never }) ?? [];
}

/** checkRecord, throwing FieldErrors when there is any problem. */
export function validRecord<R extends AnyRecordType>(type: R, input: unknown, ctx: ValidationContext): z.output<R['dataSchema']> {
  const checked = checkRecord(type, input, ctx);
  if (!checked.ok) throw new FieldErrors(checked.problems);
  return checked.data;
}
