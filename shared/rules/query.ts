// 组合查询 (combined query): a tree of conditions joined by 且/或, e.g. 年龄≤40 且 学历=研究生 且 职级≥一级主任科员.
//
// The tree is plain data (saved queries store it as it is): a group { kind: 'group', op, children } whose children
// are groups or conditions { kind: 'condition', field, operator, value }. The schema below checks only its shape,
// so a half-edited tree (a condition with no value yet) still parses; validateQuery checks its meaning, with a
// Chinese message and the path to the offending node. compileQuery turns a valid tree into one predicate over
// cadres, built once: values are parsed, code levels and unit subtrees looked up into Maps and Sets before the
// first row, so filtering 100,000 cadres is a loop of closures and integer comparisons.
//
// Semantics (decisions):
// - An empty group matches every cadre (the root's "no conditions yet"); validateQuery rejects an empty *nested*
//   group, which inside 或 would silently match everyone.
// - Empty values (no code, no month, '' text): 为空 / 不为空 test them; the negative operators 不等于, 不包含 and
//   不属于 hold for them (a cadre with no 职级 is "not 一级主任科员"); every other operator fails on them (a cadre
//   with no 入党时间 has no 党龄, so neither 党龄≥10 nor 党龄<10 holds).
// - Ordinal fields (职级, 职务层次, 学历, 学位) compare by the code table's `level`: 职级≥一级主任科员 is level ≥ 7.
//   For 学历 (eqByLevel), 等于/不等于 compare levels too, so 学历=研究生 matches 研究生班 and 中央党校研究生 alike
//   (the organization-system table has several codes per level). For 学位, 等于/不等于 compare codes (法学硕士 is
//   not 工学硕士), while 大于/小于/介于 compare levels (学位≥硕士). 属于/不属于 always compare exact codes.
// - 最高学历 is the higher-level of 全日制学历 and 在职学历 (全日制 on a tie); 学位 is the full-time degree.
// - 年龄, 党龄, 工龄 and 任现职级年限 are full years (months.ts fullYears) from 出生年月, 入党时间, 参加工作时间 and
//   任现职级时间 to the context's reference month (计算年龄时间).
// - 单位 属于 X means X or any unit below it (the roster's unit filter); the value is a list of unit ids, any of
//   which may match.
// - Text: 等于 is the whole text, 包含 a substring; the value is trimmed, case is kept.

import { z } from 'zod';
import { codeTables, type CodeTableId } from '../code';
import { cadreType, type CadreFields, type EducationSummary } from '../domain/cadre';
import { leafAt } from '../catalog/leaves';
import { isMonth, printMonth, type Month } from './months';

// ---- Operators --------------------------------------------------------------------------------------------

/** What value an operator takes: none (为空), one value, a list (属于), or a [from, to] range (介于). */
export type OperatorArity = 'none' | 'one' | 'list' | 'range';

export const QUERY_OPERATORS = {
  eq: { label: '等于', arity: 'one' },
  ne: { label: '不等于', arity: 'one' },
  contains: { label: '包含', arity: 'one' },
  notContains: { label: '不包含', arity: 'one' },
  in: { label: '属于', arity: 'list' },
  notIn: { label: '不属于', arity: 'list' },
  gt: { label: '大于', arity: 'one' },
  gte: { label: '大于等于', arity: 'one' },
  lt: { label: '小于', arity: 'one' },
  lte: { label: '小于等于', arity: 'one' },
  between: { label: '介于', arity: 'range' },
  empty: { label: '为空', arity: 'none' },
  notEmpty: { label: '不为空', arity: 'none' },
} as const satisfies Record<string, { label: string; arity: OperatorArity }>;
export type QueryOperator = keyof typeof QUERY_OPERATORS;
const OPERATOR_IDS = Object.keys(QUERY_OPERATORS) as [QueryOperator, ...QueryOperator[]];

export const GROUP_OPS = { and: '且', or: '或' } as const;
export type GroupOp = keyof typeof GROUP_OPS;

// ---- Fields -----------------------------------------------------------------------------------------------

export type QueryFieldType = 'text' | 'code' | 'ordinal' | 'number' | 'month' | 'unit';

/** The operators of each field type, in the order the builder lists them (the first is the default). */
export const TYPE_OPERATORS: Readonly<Record<QueryFieldType, readonly QueryOperator[]>> = {
  text: ['contains', 'notContains', 'eq', 'ne', 'empty', 'notEmpty'],
  code: ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty'],
  ordinal: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'notIn', 'empty', 'notEmpty'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'],
  month: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'],
  unit: ['in', 'notIn'],
};

interface FieldBase {
  readonly id: string;
  readonly label: string;
  /** Never empty on a valid record: 为空 / 不为空 are not offered. */
  readonly required?: boolean;
}
export type QueryFieldSpec =
  | (FieldBase & { readonly type: 'text' })
  | (FieldBase & { readonly type: 'code'; readonly table: CodeTableId })
  | (FieldBase & {
      readonly type: 'ordinal';
      readonly table: CodeTableId;
      /** 等于/不等于 compare levels (学历) rather than codes (学位). */
      readonly eqByLevel: boolean;
      /** How a level reads where the table has several codes per level (学位: 2 → 硕士). */
      readonly levelNames?: Readonly<Record<number, string>>;
    })
  | (FieldBase & { readonly type: 'number'; /** the month it counts full years from */ readonly from: string; readonly unit: string })
  | (FieldBase & { readonly type: 'month' })
  | (FieldBase & { readonly type: 'unit' });

const EDUCATION_LEVELS = { 7: '研究生', 6: '大学', 5: '大专', 4: '中专', 3: '高中', 2: '初中', 1: '小学' } as const;
const DEGREE_LEVELS = { 4: '名誉博士', 3: '博士', 2: '硕士', 1: '学士' } as const;

// Every field but the computed ones (年龄, 党龄, 工龄, 任现职级年限, 最高学历) takes its label, code table and
// whether it can be empty from the cadre's declaration (shared/domain/cadre.ts).
const leaf = (path: string) => {
  const found = leafAt(cadreType, path);
  if (!found) throw new Error(`the cadre has no field ${path}`);
  return found;
};
const base = <const Id extends string>(id: Id, path: string) => ({ id, label: leaf(path).label, required: leaf(path).field.required });
const textField = <const Id extends string>(id: Id, path: string = id) => ({ ...base(id, path), type: 'text' }) as const;
const monthField = <const Id extends string>(id: Id, path: string = id) => ({ ...base(id, path), type: 'month' }) as const;
const codeField = <const Id extends string>(id: Id, path: string = id) => ({ ...base(id, path), type: 'code', table: leaf(path).field.table! }) as const;
const ordinalField = <const Id extends string>(id: Id, path: string, eqByLevel: boolean, levelNames?: Readonly<Record<number, string>>) =>
  ({ ...base(id, path), type: 'ordinal', table: leaf(path).field.table!, eqByLevel, ...(levelNames ? { levelNames } : {}) }) as const;
/** Full years counted from a month field: the label is the computed quantity's own. */
const yearsField = <const Id extends string>(id: Id, label: string, path: string, unit: string) =>
  ({ id, label, type: 'number', from: leaf(path).label, unit, required: leaf(path).field.required }) as const;

const FIELDS = [
  textField('name'),
  codeField('sex'),
  yearsField('age', '年龄', 'birth', '岁'),
  monthField('birth'),
  codeField('nation'),
  textField('nativePlace'),
  textField('birthPlace'),
  codeField('politicalStatus'),
  monthField('partyJoined'),
  yearsField('partyYears', '党龄', 'partyJoined', '年'),
  monthField('workStarted'),
  yearsField('workYears', '工龄', 'workStarted', '年'),
  codeField('health'),
  codeField('maritalStatus'),
  ordinalField('fullTimeEducation', 'fullTimeEducation.education', true, EDUCATION_LEVELS),
  ordinalField('inServiceEducation', 'inServiceEducation.education', true, EDUCATION_LEVELS),
  { ...ordinalField('highestEducation', 'fullTimeEducation.education', true, EDUCATION_LEVELS), label: '最高学历' },
  ordinalField('degree', 'fullTimeEducation.degree', false, DEGREE_LEVELS),
  textField('professionalTitle'),
  { ...base('unit', 'unitId'), type: 'unit' } as const,
  textField('currentPost'),
  ordinalField('postLevel', 'postLevel', true),
  ordinalField('rank', 'rank', true),
  monthField('rankSince'),
  yearsField('rankYears', '任现职级年限', 'rankSince', '年'),
  codeField('personnelCategory'),
  codeField('status'),
] as const satisfies readonly QueryFieldSpec[];

export type QueryFieldId = (typeof FIELDS)[number]['id'];
export type QueryField = QueryFieldSpec & { readonly id: QueryFieldId };

/** The field catalogue, in the order the builder lists it. */
export const QUERY_FIELDS: readonly QueryField[] = FIELDS;
const QUERY_FIELD_IDS = FIELDS.map((f) => f.id) as [QueryFieldId, ...QueryFieldId[]];
const FIELD_BY_ID: ReadonlyMap<string, QueryField> = new Map(QUERY_FIELDS.map((f) => [f.id, f]));

export function queryField(id: QueryFieldId): QueryField {
  return FIELD_BY_ID.get(id)!;
}

/** The operators a field offers (its type's, less 为空/不为空 on fields that are never empty). */
export function operatorsFor(field: QueryField): readonly QueryOperator[] {
  const all = TYPE_OPERATORS[field.type];
  return field.required ? all.filter((op) => op !== 'empty' && op !== 'notEmpty') : all;
}

/** Does this operator on this (ordinal) field compare code levels rather than codes? */
export function comparesByLevel(field: QueryField, operator: QueryOperator): boolean {
  if (field.type !== 'ordinal') return false;
  switch (operator) {
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'between':
      return true;
    case 'eq':
    case 'ne':
      return field.eqByLevel;
    default:
      return false;
  }
}

export interface ValueOption {
  value: string;
  label: string;
}

/**
 * The choices for a code or ordinal field's value: every code, or — where the operator compares levels — one
 * per level (the first code of that level, shown by the level's name), highest first.
 */
export function valueOptions(field: QueryField, operator: QueryOperator): ValueOption[] {
  if (field.type !== 'code' && field.type !== 'ordinal') return [];
  const entries = codeTables[field.table].entries;
  if (!comparesByLevel(field, operator)) return entries.map((e) => ({ value: e.code, label: e.caption }));
  const seen = new Set<number>();
  const options: { value: string; label: string; level: number }[] = [];
  for (const e of entries) {
    if (e.level === undefined || seen.has(e.level)) continue;
    seen.add(e.level);
    options.push({ value: e.code, label: levelName(field, e.level, e.caption), level: e.level });
  }
  return options.sort((a, b) => b.level - a.level).map(({ value, label }) => ({ value, label }));
}

function levelName(field: QueryField, level: number, fallback: string): string {
  return (field.type === 'ordinal' && field.levelNames?.[level]) || fallback;
}

// ---- The tree ---------------------------------------------------------------------------------------------

/** null (为空, or not filled in yet), one value, or a list (属于 codes, 介于 [from, to]; null = not filled in). */
export type QueryValue = string | number | null | (string | number | null)[];

export interface QueryCondition {
  kind: 'condition';
  field: QueryFieldId;
  operator: QueryOperator;
  value: QueryValue;
}
export interface QueryGroup {
  kind: 'group';
  op: GroupOp;
  children: QueryNode[];
}
export type QueryNode = QueryGroup | QueryCondition;

const ScalarSchema = z.union([z.string(), z.number(), z.null()]);

export const QueryConditionSchema = z.object({
  kind: z.literal('condition'),
  field: z.enum(QUERY_FIELD_IDS),
  operator: z.enum(OPERATOR_IDS),
  value: z.union([ScalarSchema, z.array(ScalarSchema)]).default(null),
});

const GroupObjectSchema = z.object({
  kind: z.literal('group'),
  op: z.enum(['and', 'or']),
  get children(): z.ZodArray<z.ZodDiscriminatedUnion<[typeof GroupObjectSchema, typeof QueryConditionSchema], 'kind'>> {
    return z.array(z.discriminatedUnion('kind', [GroupObjectSchema, QueryConditionSchema]));
  },
});
export const QueryGroupSchema: z.ZodType<QueryGroup> = GroupObjectSchema;

/** A root with no conditions: matches every cadre. */
export const emptyQuery = (op: GroupOp = 'and'): QueryGroup => ({ kind: 'group', op, children: [] });

/** The empty value an operator starts with in the builder. */
export function initialValue(operator: QueryOperator): QueryValue {
  switch (QUERY_OPERATORS[operator].arity) {
    case 'list':
      return [];
    case 'range':
      return [null, null];
    default:
      return null;
  }
}

/** A new condition on a field, with its default operator and no value yet. */
export function newCondition(fieldId: QueryFieldId = 'name'): QueryCondition {
  const operator = operatorsFor(queryField(fieldId))[0]!;
  return { kind: 'condition', field: fieldId, operator, value: initialValue(operator) };
}

/** A node's position: the child indexes from the root ([] is the root, [1, 0] the first child of its 2nd). */
export type QueryPath = number[];

// ---- Validation -------------------------------------------------------------------------------------------

export interface QueryIssue {
  message: string;
  path: QueryPath;
}
export type QueryValidation = { ok: true; query: QueryGroup } | { ok: false; message: string; path: QueryPath };

const NUMBER_MIN = 0;
const NUMBER_MAX = 150;
const TEXT_MAX = 100;

/** Every problem of a query (the builder marks each condition); [] when it can be compiled. */
export function queryIssues(query: unknown): QueryIssue[] {
  return check(query).issues;
}

/** The first problem of a query, or the parsed query. */
export function validateQuery(query: unknown): QueryValidation {
  const { parsed, issues } = check(query);
  const [first] = issues;
  if (first || !parsed) return { ok: false, ...(first ?? { message: '查询条件的格式不正确', path: [] }) };
  return { ok: true, query: parsed };
}

function check(query: unknown): { parsed?: QueryGroup; issues: QueryIssue[] } {
  const parsed = QueryGroupSchema.safeParse(query);
  if (!parsed.success) return { issues: [schemaIssue(parsed.error.issues[0], query)] };
  const issues: QueryIssue[] = [];
  const walk = (group: QueryGroup, path: QueryPath) => {
    if (group.children.length === 0 && path.length > 0) issues.push({ message: '条件组中还没有条件，请添加条件或删除该组', path });
    group.children.forEach((child, i) => {
      const at = [...path, i];
      if (child.kind === 'group') walk(child, at);
      else {
        const message = conditionIssue(child);
        if (message) issues.push({ message, path: at });
      }
    });
  };
  walk(parsed.data, []);
  return { parsed: parsed.data, issues };
}

function schemaIssue(issue: z.core.$ZodIssue | undefined, query: unknown): QueryIssue {
  const raw = issue?.path ?? [];
  const path: QueryPath = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 'children' && typeof raw[i + 1] === 'number') path.push(raw[++i] as number);
  }
  const key = raw[raw.length - 1];
  let node: unknown = query;
  for (const i of path) node = (node as { children: unknown[] }).children[i];
  const got = node && typeof node === 'object' && typeof key === 'string' ? (node as Record<string, unknown>)[key] : undefined;
  if (key === 'field') return { message: `未知的查询字段“${String(got)}”`, path };
  if (key === 'operator') return { message: `未知的查询条件“${String(got)}”`, path };
  return { message: '查询条件的格式不正确', path };
}

const ORDER_WORDS: Partial<Record<QueryFieldType, string>> = { number: '从小到大', month: '从早到晚', ordinal: '从低到高' };

function conditionIssue(c: QueryCondition): string | null {
  const field = queryField(c.field);
  const name = `“${field.label}”`;
  if (!operatorsFor(field).includes(c.operator)) return `${name}不能使用“${QUERY_OPERATORS[c.operator].label}”条件`;
  const value = c.value;
  switch (QUERY_OPERATORS[c.operator].arity) {
    case 'none':
      return null;
    case 'one':
      return Array.isArray(value) ? `${name}只能填写一个值` : scalarIssue(field, value);
    case 'list': {
      if (!Array.isArray(value) || value.length === 0) return `请至少选择一个${name}的值`;
      for (const v of value) {
        const issue = scalarIssue(field, v);
        if (issue) return issue;
      }
      return null;
    }
    case 'range': {
      if (!Array.isArray(value) || value.length !== 2 || value[0] == null || value[1] == null || value[0] === '' || value[1] === '')
        return `请填写${name}介于的两个值`;
      const issue = scalarIssue(field, value[0]) ?? scalarIssue(field, value[1]);
      if (issue) return issue;
      const [from, to] = value.map((v) => scalarKey(field, v));
      return from! > to! ? `${name}的范围应${ORDER_WORDS[field.type] ?? ''}填写` : null;
    }
  }
}

function scalarIssue(field: QueryField, value: string | number | null): string | null {
  const name = `“${field.label}”`;
  if (value == null || (typeof value === 'string' && value.trim() === '')) {
    return field.type === 'text' || field.type === 'number' || field.type === 'month' ? `请填写${name}的值` : `请选择${name}的值`;
  }
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') return `${name}的值应为文字`;
      return value.trim().length > TEXT_MAX ? `${name}的值不能超过${TEXT_MAX}个字` : null;
    case 'code':
    case 'ordinal': {
      const table = codeTables[field.table];
      if (typeof value !== 'string' || !table.entries.some((e) => e.code === value)) {
        return `${name}的代码“${String(value)}”不在“${table.name}”代码表中`;
      }
      if (field.type === 'ordinal' && table.entries.find((e) => e.code === value)!.level === undefined) {
        return `${name}的代码“${value}”没有级别，不能比较高低`;
      }
      return null;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${name}的值应为整数，例如 40`;
      return value < NUMBER_MIN || value > NUMBER_MAX ? `${name}的值应在${NUMBER_MIN}到${NUMBER_MAX}之间` : null;
    }
    case 'month':
      return typeof value === 'string' && isMonth(value) ? null : `${name}的值应为“年-月”，例如 1985-07`;
    case 'unit':
      return typeof value === 'string' ? null : `请选择${name}`;
  }
}

/** A comparable key of a valid scalar value: the number, month index or code level. */
function scalarKey(field: QueryField, value: string | number | null): number {
  if (field.type === 'number') return value as number;
  if (field.type === 'month') return monthKey(value as string);
  if (field.type === 'ordinal') return levelsOf(field.table).get(value as string) ?? Number.NaN;
  return Number.NaN;
}

// ---- Compilation ------------------------------------------------------------------------------------------

/** The record fields a query reads; a whole `CadreFields` or `Cadre` fits. */
export type QueryCadre = Pick<
  CadreFields,
  | 'name'
  | 'sex'
  | 'birth'
  | 'nation'
  | 'nativePlace'
  | 'birthPlace'
  | 'politicalStatus'
  | 'partyJoined'
  | 'workStarted'
  | 'health'
  | 'maritalStatus'
  | 'professionalTitle'
  | 'currentPost'
  | 'postLevel'
  | 'rank'
  | 'rankSince'
  | 'unitId'
  | 'personnelCategory'
  | 'status'
> & {
  fullTimeEducation: Pick<EducationSummary, 'education' | 'degree'>;
  inServiceEducation: Pick<EducationSummary, 'education'>;
};

export interface QueryContext {
  /** Reference month for 年龄, 党龄, 工龄 (计算年龄时间). */
  asOf: Month;
  /** The unit and every unit below it (unitTree.ts subtreeIds, over the current units). */
  unitSubtree(unitId: string): ReadonlySet<string>;
}

export type CadrePredicate = (cadre: QueryCadre) => boolean;

/** Thrown by compileQuery for a query validateQuery rejects. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly path: QueryPath,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

const levelCache = new Map<CodeTableId, ReadonlyMap<string, number>>();
function levelsOf(table: CodeTableId): ReadonlyMap<string, number> {
  let levels = levelCache.get(table);
  if (!levels) {
    levels = new Map(codeTables[table].entries.flatMap((e) => (e.level === undefined ? [] : [[e.code, e.level] as const])));
    levelCache.set(table, levels);
  }
  return levels;
}
const educationLevels = levelsOf('education');

/** The higher-level of the two 学历 (全日制 on a tie; an unknown code ranks lowest). */
function highestEducation(c: QueryCadre): string | null {
  const a = c.fullTimeEducation.education;
  const b = c.inServiceEducation.education;
  if (!a) return b || null;
  if (!b) return a;
  return (educationLevels.get(b) ?? -1) > (educationLevels.get(a) ?? -1) ? b : a;
}

/** What each field reads off a cadre: its text, code or month (number fields: the month they count from). */
const READ: Readonly<Record<QueryFieldId, (c: QueryCadre) => string | null>> = {
  name: (c) => c.name,
  sex: (c) => c.sex,
  age: (c) => c.birth,
  birth: (c) => c.birth,
  nation: (c) => c.nation,
  nativePlace: (c) => c.nativePlace,
  birthPlace: (c) => c.birthPlace,
  politicalStatus: (c) => c.politicalStatus,
  partyJoined: (c) => c.partyJoined,
  partyYears: (c) => c.partyJoined,
  workStarted: (c) => c.workStarted,
  workYears: (c) => c.workStarted,
  health: (c) => c.health,
  maritalStatus: (c) => c.maritalStatus,
  fullTimeEducation: (c) => c.fullTimeEducation.education,
  inServiceEducation: (c) => c.inServiceEducation.education,
  highestEducation,
  degree: (c) => c.fullTimeEducation.degree,
  professionalTitle: (c) => c.professionalTitle,
  unit: (c) => c.unitId,
  currentPost: (c) => c.currentPost,
  postLevel: (c) => c.postLevel,
  rank: (c) => c.rank,
  rankSince: (c) => c.rankSince,
  rankYears: (c) => c.rankSince,
  personnelCategory: (c) => c.personnelCategory,
  status: (c) => c.status,
};

/** Months since year 0 of a 'YYYY-MM' (same as months.ts monthIndex), NaN for anything else; no regex, no throw. */
function monthKey(s: string | null | undefined): number {
  if (s == null || s.length !== 7 || s.charCodeAt(4) !== 45) return Number.NaN;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    year = year * 10 + d;
  }
  const m1 = s.charCodeAt(5) - 48;
  const m2 = s.charCodeAt(6) - 48;
  if (m1 < 0 || m1 > 1 || m2 < 0 || m2 > 9) return Number.NaN;
  const month = m1 * 10 + m2;
  if (month < 1 || month > 12) return Number.NaN;
  return year * 12 + month - 1;
}

/**
 * Compiles a query once into a predicate over cadres. Throws QueryError for a query validateQuery rejects, and
 * an Error for a malformed reference month.
 */
export function compileQuery(query: QueryGroup, context: QueryContext): CadrePredicate {
  const result = validateQuery(query);
  if (!result.ok) throw new QueryError(result.message, result.path);
  const asOf = monthKey(context.asOf);
  if (Number.isNaN(asOf)) throw new Error(`not a YYYY-MM month: ${context.asOf}`);
  return compileGroup(result.query, { asOf, unitSubtree: context.unitSubtree });
}

interface Compiling {
  asOf: number;
  unitSubtree(unitId: string): ReadonlySet<string>;
}

const all: CadrePredicate = () => true;

function compileGroup(group: QueryGroup, ctx: Compiling): CadrePredicate {
  const parts = group.children.map((child) => (child.kind === 'group' ? compileGroup(child, ctx) : compileCondition(child, ctx)));
  if (parts.length === 0) return all;
  if (parts.length === 1) return parts[0]!;
  if (group.op === 'and') {
    return (c) => {
      for (const p of parts) if (!p(c)) return false;
      return true;
    };
  }
  return (c) => {
    for (const p of parts) if (p(c)) return true;
    return false;
  };
}

/** Comparisons on a numeric key where NaN is "empty": every comparison fails on NaN, 不等于 holds. */
function numeric(key: (c: QueryCadre) => number, operator: QueryOperator, a: number, b: number): CadrePredicate {
  switch (operator) {
    case 'eq':
      return (c) => key(c) === a;
    case 'ne':
      return (c) => key(c) !== a;
    case 'gt':
      return (c) => key(c) > a;
    case 'gte':
      return (c) => key(c) >= a;
    case 'lt':
      return (c) => key(c) < a;
    case 'lte':
      return (c) => key(c) <= a;
    case 'between':
      return (c) => {
        const k = key(c);
        return k >= a && k <= b;
      };
    case 'empty':
      return (c) => Number.isNaN(key(c));
    case 'notEmpty':
      return (c) => !Number.isNaN(key(c));
    default:
      throw new Error(`operator ${operator} is not numeric`);
  }
}

const listOf = (value: QueryValue): string[] => (Array.isArray(value) ? value.map(String) : []);

function compileCondition(condition: QueryCondition, ctx: Compiling): CadrePredicate {
  const field = queryField(condition.field);
  const read = READ[condition.field];
  const { operator, value } = condition;
  const [first, second] = Array.isArray(value) ? value : [value, null];

  switch (field.type) {
    case 'text': {
      const v = typeof value === 'string' ? value.trim() : '';
      const text = (c: QueryCadre) => read(c) ?? '';
      switch (operator) {
        case 'eq':
          return (c) => text(c) === v;
        case 'ne':
          return (c) => text(c) !== v;
        case 'contains':
          return (c) => text(c).includes(v);
        case 'notContains':
          return (c) => !text(c).includes(v);
        case 'empty':
          return (c) => text(c).trim() === '';
        case 'notEmpty':
          return (c) => text(c).trim() !== '';
      }
      break;
    }
    case 'code':
    case 'ordinal': {
      if (operator === 'empty') return (c) => !read(c);
      if (operator === 'notEmpty') return (c) => !!read(c);
      if (operator === 'in' || operator === 'notIn') {
        const codes = new Set(listOf(value));
        return operator === 'in' ? (c) => codes.has(read(c) ?? '') : (c) => !codes.has(read(c) ?? '');
      }
      if (comparesByLevel(field, operator) && field.type === 'ordinal') {
        const levels = levelsOf(field.table);
        const level = (c: QueryCadre) => {
          const code = read(c);
          return code ? (levels.get(code) ?? Number.NaN) : Number.NaN;
        };
        return numeric(level, operator, levels.get(String(first))!, levels.get(String(second)) ?? Number.NaN);
      }
      const v = String(value);
      if (operator === 'eq') return (c) => read(c) === v;
      if (operator === 'ne') return (c) => read(c) !== v;
      break;
    }
    case 'number': {
      const asOf = ctx.asOf;
      // full years: floor(months between / 12) is R − Y, minus 1 if N < M (months.ts fullYears)
      const years = (c: QueryCadre) => Math.floor((asOf - monthKey(read(c))) / 12);
      return numeric(years, operator, Number(first), Number(second));
    }
    case 'month':
      return numeric((c) => monthKey(read(c)), operator, monthKey(String(first)), monthKey(String(second)));
    case 'unit': {
      const units = new Set<string>();
      for (const id of listOf(value)) for (const u of ctx.unitSubtree(id)) units.add(u);
      return operator === 'in' ? (c) => units.has(c.unitId) : (c) => !units.has(c.unitId);
    }
  }
  throw new Error(`operator ${operator} is not defined for ${field.type} fields`);
}

// ---- Description ------------------------------------------------------------------------------------------

export interface DescribeContext {
  /** The name of a unit, for 单位 conditions (the id is shown when it is not known). */
  unitName?(unitId: string): string | undefined;
}

/** Shown for a value not filled in yet. */
const MISSING = '？';

/**
 * The query in Chinese, e.g. "年龄 小于等于 40 且 最高学历 等于 研究生 且 职级 大于等于 一级主任科员"; nested groups
 * of several conditions in （）. Tolerates half-edited queries (a missing value reads ？). "全部干部" when empty.
 */
export function describeQuery(query: QueryGroup, context: DescribeContext = {}): string {
  return describeGroup(query, context).text || '全部干部';
}

/** The group's text, and whether it joins several parts at its top level (then a parent of several wraps it). */
function describeGroup(group: QueryGroup, context: DescribeContext): { text: string; compound: boolean } {
  const parts = group.children.map((child) => {
    if (child.kind === 'condition') return { text: describeCondition(child, context), compound: false };
    const inner = describeGroup(child, context);
    return inner.text ? inner : { text: '（无条件）', compound: false };
  });
  if (parts.length === 1) return parts[0]!;
  const text = parts.map((p) => (p.compound ? `（${p.text}）` : p.text)).join(` ${GROUP_OPS[group.op]} `);
  return { text, compound: parts.length > 1 };
}

function describeCondition(condition: QueryCondition, context: DescribeContext): string {
  const field = FIELD_BY_ID.get(condition.field);
  const operator = QUERY_OPERATORS[condition.operator];
  if (!field || !operator) return `${String(condition.field)} ${String(condition.operator)}`;
  const head = `${field.label} ${operator.label}`;
  const value = condition.value;
  const one = (v: string | number | null | undefined) => describeValue(field, condition.operator, v, context);
  switch (operator.arity) {
    case 'none':
      return head;
    case 'one':
      return `${head} ${one(Array.isArray(value) ? value[0] : value)}`;
    case 'list':
      return `${head} ${Array.isArray(value) && value.length ? value.map(one).join('、') : MISSING}`;
    case 'range': {
      const [from, to] = Array.isArray(value) ? value : [value, null];
      return `${head} ${one(from)} 至 ${one(to)}`;
    }
  }
}

function describeValue(
  field: QueryField,
  operator: QueryOperator,
  value: string | number | null | undefined,
  context: DescribeContext,
): string {
  if (value == null || value === '') return MISSING;
  const s = String(value);
  switch (field.type) {
    case 'text':
      return `“${s.trim()}”`;
    case 'code':
    case 'ordinal': {
      const entry = codeTables[field.table].entries.find((e) => e.code === s);
      if (!entry) return s;
      return comparesByLevel(field, operator) && entry.level !== undefined ? levelName(field, entry.level, entry.caption) : entry.caption;
    }
    case 'month':
      return isMonth(s) ? printMonth(s) : s;
    case 'unit':
      return context.unitName?.(s) ?? s;
    default:
      return s;
  }
}
