import { z } from 'zod';
import type { CodeTableId } from '../code';
import {
  blobRef,
  code,
  date,
  enumeration,
  idNumberText,
  longText,
  month,
  optionalCode,
  optionalDate,
  optionalMonth,
  optionalNumber,
  optionalText,
  requiredNumber,
  requiredRef,
  requiredText,
} from '../domain/fields';

// One field of a record type (docs/record-types.md). A field says what it is once — label, kind, limits, code
// table, spreadsheet aliases, help — and everything else derives from it: the zod schema (whose messages name the
// field), the form input, the list column, the xlsx cell, the audit label and the query field.

export type FieldKind =
  | 'text'
  | 'longText'
  | 'month'
  | 'date'
  | 'year'
  | 'number'
  | 'code'
  | 'enum'
  | 'boolean'
  | 'unit'
  | 'cadre'
  | 'record'
  | 'blob'
  | 'group'
  | 'list';

export interface EnumOption {
  readonly value: string;
  readonly label: string;
}

export interface Field<S extends z.ZodType = z.ZodType> {
  readonly kind: FieldKind;
  /** The Chinese label, as forms, columns, messages and the audit log show it. */
  readonly label: string;
  /** A valid record always has a value (forms mark it; imports need the column unless there is a default). */
  readonly required: boolean;
  /** Other spreadsheet headers that mean this field. */
  readonly aliases: readonly string[];
  /** One sentence for the person filling it in. */
  readonly help?: string;
  /** Longest text (characters), largest number or year, most list entries. */
  readonly max?: number;
  /** Smallest number or year. */
  readonly min?: number;
  readonly table?: CodeTableId;
  /** The table of the record a 'record' field links to (the catalogue's type of that table titles it). */
  readonly target?: string;
  readonly options?: readonly EnumOption[];
  /** Text with a format of its own, checked beyond its length. */
  readonly format?: 'idNumber';
  /**
   * A month, day or year that may lie ahead: a planned date (the meeting a 任免审批表 is for). Every other one is
   * refused in the future (docs/record-types.md "Validation").
   */
  readonly future?: boolean;
  /** Prefilled in a new record's form (a convenience, not a default). */
  readonly initial?: unknown;
  /** The value a new record takes when the input leaves the field out (an import without the column). */
  readonly default?: unknown;
  /** Children of a group or of each list entry. */
  readonly fields?: Readonly<Record<string, Field>>;
  /** A group's children are labelled with this prefix (全日制 + 学历 = 全日制学历). */
  readonly prefix?: string;
  /** Builds the schema; `label` is the full label (a group's prefix included). */
  readonly build: (label: string) => S;
}

export type Fields = Readonly<Record<string, Field>>;
export type ShapeOf<F extends Fields> = { -readonly [K in keyof F]: ReturnType<F[K]['build']> };
export type DataOf<F extends Fields> = z.output<z.ZodObject<ShapeOf<F>>>;
export type InputOf<F extends Fields> = z.input<z.ZodObject<ShapeOf<F>>>;

interface Common {
  aliases?: readonly string[];
  help?: string;
}
interface Requirable extends Common {
  required?: boolean;
}

const base = (kind: FieldKind, label: string, o: Requirable) => ({
  kind,
  label,
  required: o.required ?? false,
  aliases: o.aliases ?? [],
  ...(o.help ? { help: o.help } : {}),
});

/** Builds a field's schema from its own label (or the full label a group gives it). */
export const schemaOf = <S extends z.ZodType>(field: Field<S>, label = field.label): S => field.build(label);

export function shapeOf<F extends Fields>(fields: F, prefix = ''): ShapeOf<F> {
  return Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.build(prefix + f.label)])) as ShapeOf<F>;
}

// ---- Builders ---------------------------------------------------------------------------------------------

type TextOptions = Requirable & { max: number; format?: 'idNumber'; initial?: string };

/** Single-line text; '' when empty. */
export function text<R extends boolean = false>(label: string, o: TextOptions & { required?: R }) {
  const build = (l: string) =>
    (o.format === 'idNumber' ? idNumberText(l) : o.required ? requiredText(l, o.max) : optionalText(l, o.max)) as R extends true
      ? ReturnType<typeof requiredText>
      : ReturnType<typeof optionalText>;
  return { ...base('text', label, o), max: o.max, ...(o.format ? { format: o.format } : {}), build } satisfies Field;
}

/** Multi-line text; '' when empty. */
export const longTextField = (label: string, o: Common & { max: number }) =>
  ({ ...base('longText', label, o), max: o.max, build: (l: string) => longText(l, o.max) }) satisfies Field;

/** A 'YYYY-MM' month; optional ones are null when empty. */
export function monthField<R extends boolean = false>(label: string, o: Requirable & { required?: R; future?: boolean } = {}) {
  const build = (l: string) =>
    (o.required ? month(l) : optionalMonth(l)) as R extends true ? ReturnType<typeof month> : ReturnType<typeof optionalMonth>;
  return { ...base('month', label, o), ...(o.future ? { future: true } : {}), build } satisfies Field;
}

/** A 'YYYY-MM-DD' day; optional ones are null when empty. */
export function dateField<R extends boolean = false>(label: string, o: Requirable & { required?: R; future?: boolean } = {}) {
  const build = (l: string) =>
    (o.required ? date(l) : optionalDate(l)) as R extends true ? ReturnType<typeof date> : ReturnType<typeof optionalDate>;
  return { ...base('date', label, o), ...(o.future ? { future: true } : {}), build } satisfies Field;
}

/** A calendar year (年度). */
export function yearField<R extends boolean = false>(label: string, o: Requirable & { required?: R; min?: number; max?: number } = {}) {
  const min = o.min ?? 1950;
  const max = o.max ?? 2100;
  const build = (l: string) =>
    (o.required ? requiredNumber(l, min, max, true) : optionalNumber(l, min, max, true)) as R extends true
      ? ReturnType<typeof requiredNumber>
      : ReturnType<typeof optionalNumber>;
  return { ...base('year', label, o), min, max, build } satisfies Field;
}

/** A number (hours, votes, quotas …). */
export function numberField<R extends boolean = false>(
  label: string,
  o: Requirable & { required?: R; min: number; max: number; integer?: boolean },
) {
  const build = (l: string) =>
    (o.required ? requiredNumber(l, o.min, o.max, o.integer ?? true) : optionalNumber(l, o.min, o.max, o.integer ?? true)) as R extends true
      ? ReturnType<typeof requiredNumber>
      : ReturnType<typeof optionalNumber>;
  return { ...base('number', label, o), min: o.min, max: o.max, build } satisfies Field;
}

/** A code of one of shared/code's tables, stored as the code and shown as its caption. */
export function codeField<R extends boolean = false>(
  table: CodeTableId,
  label: string,
  o: Requirable & { required?: R; initial?: string; default?: string } = {},
) {
  const build = (l: string) =>
    (o.required ? code(table, l) : optionalCode(table, l)) as R extends true ? ReturnType<typeof code> : ReturnType<typeof optionalCode>;
  return {
    ...base('code', label, o),
    table,
    ...(o.initial !== undefined ? { initial: o.initial } : {}),
    ...(o.default !== undefined ? { default: o.default } : {}),
    build,
  } satisfies Field;
}

/** One of a fixed set of values that belong to this record type alone (not a national code table). */
export function enumField<const V extends string, D extends V | undefined = undefined>(
  label: string,
  values: Readonly<Record<V, string>>,
  o: Requirable & { default?: D } = {},
) {
  const keys = Object.keys(values) as [V, ...V[]];
  const build = (l: string) =>
    enumeration(keys, l, o.default) as D extends V ? z.ZodDefault<z.ZodEnum<{ [K in V]: K }>> : z.ZodEnum<{ [K in V]: K }>;
  return {
    ...base('enum', label, { ...o, required: o.required ?? true }),
    options: keys.map((value) => ({ value, label: values[value] })),
    ...(o.default !== undefined ? { default: o.default, initial: o.default } : {}),
    build,
  } satisfies Field;
}

/** Yes or no; false when not given. */
export const booleanField = (label: string, o: Common = {}) =>
  ({ ...base('boolean', label, o), default: false, build: (_l: string) => z.boolean().default(false) }) satisfies Field;

/** A unit of the unit tree, by id (an optional one is null when empty: a root unit's parent). */
export function unitField<R extends boolean = true>(label: string, o: Common & { required?: R } = {}) {
  const required = o.required ?? true;
  const build = (l: string) =>
    (required ? requiredRef(`请选择${l}`) : z.string().nullable().default(null)) as R extends false
      ? z.ZodDefault<z.ZodNullable<z.ZodString>>
      : ReturnType<typeof requiredRef>;
  return { ...base('unit', label, { ...o, required }), build } satisfies Field;
}

/** The cadre a record belongs to, by id. */
export const cadreField = (label: string, o: Common = {}) =>
  ({ ...base('cadre', label, { ...o, required: true }), build: (l: string) => requiredRef(`请选择${l}`) }) satisfies Field;

/**
 * A link to another record by its id ('' when there is none): a 顶岗's 选拔任用纪实. Stored as text so a value typed
 * before the field became a link (a case number) stays valid and is shown as it was typed.
 */
export const recordField = (target: string, label: string, o: Common & { max: number }) =>
  ({ ...base('record', label, o), target, max: o.max, build: (l: string) => optionalText(l, o.max) }) satisfies Field;

/** A blob (photo, attachment) by the SHA-256 hex of its content; null when there is none. */
export const blobField = (label: string, o: Common = {}) => ({ ...base('blob', label, o), build: (_l: string) => blobRef() }) satisfies Field;

/** Fields kept together inside the record (全日制教育: 学历, 学位, 院校, 专业). */
export function groupField<const F extends Fields>(label: string, fields: F, o: Common & { prefix?: string } = {}) {
  const prefix = o.prefix ?? '';
  return {
    ...base('group', label, o),
    fields,
    ...(prefix ? { prefix } : {}),
    build: (_l: string) => z.object(shapeOf(fields, prefix)),
  } satisfies Field;
}

/** A list of entries inside the record (a report's family items); [] when empty. */
export function listField<const F extends Fields>(label: string, fields: F, o: Common & { max: number }) {
  return {
    ...base('list', label, o),
    fields,
    max: o.max,
    build: (l: string) =>
      z
        .array(z.object(shapeOf(fields)))
        .max(o.max, `${l}最多${o.max}条`)
        .default([]),
  } satisfies Field;
}

/** The builders, as declarations read them: `f.text('姓名', { max: 30, required: true })`. */
export const f = {
  text,
  longText: longTextField,
  month: monthField,
  date: dateField,
  year: yearField,
  number: numberField,
  code: codeField,
  enum: enumField,
  boolean: booleanField,
  unit: unitField,
  cadre: cadreField,
  record: recordField,
  blob: blobField,
  group: groupField,
  list: listField,
};
