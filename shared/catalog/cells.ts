import { codeTables, type CodeTableId } from '../code';
import type { Unit } from '../domain/unit';
import { isDay } from '../domain/fields';
import { normalizeMonthInput, printMonth } from '../rules/months';
import { unitPath } from '../rules/unitTree';
import type { Field } from './field';
import { leaves, type Leaf } from './leaves';
import type { AnyRecordType } from './recordType';

// Spreadsheet cells of a record type (docs/record-types.md "xlsx"): what a column is called, how a value is
// written into a cell and read back. Export and import use the same two functions, so an exported sheet
// re-imports to the same records.

/** The columns of a type's sheet: every field a person fills in, except photos and nested lists. */
export function sheetLeaves(type: AnyRecordType): Leaf[] {
  return leaves(type).filter((l) => l.field.kind !== 'blob' && l.field.kind !== 'list' && l.field.kind !== 'cadre');
}

/** What reading a cell needs to know: today (no future months) and the unit tree (names to ids). */
export interface CellContext {
  /** 'YYYY-MM-DD'; months after its month are refused. */
  today?: string;
  units?: readonly Unit[];
}

export type CellResult = { ok: true; value: unknown } | { ok: false; message: string };

/** A value as written into a cell: code captions, 1985.07 months, 是/否, unit paths. */
export function formatCell(field: Field, value: unknown, ctx: CellContext = {}): string {
  if (value === null || value === undefined) return '';
  switch (field.kind) {
    case 'month':
      return printMonth(String(value));
    case 'code':
      return codeTables[field.table!].entries.find((e) => e.code === value)?.caption ?? String(value);
    case 'enum':
      return field.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'boolean':
      return value ? '是' : '否';
    case 'unit':
      return ctx.units ? unitPath(ctx.units, String(value)).join('/') : String(value);
    default:
      return String(value);
  }
}

const codeIndexes = new Map<CodeTableId, Map<string, string>>();
/** A code from its code, caption or full official caption. */
export function codeOf(table: CodeTableId, text: string): string | undefined {
  let index = codeIndexes.get(table);
  if (!index) {
    index = new Map();
    for (const e of codeTables[table].entries) {
      index.set(e.code, e.code);
      index.set(e.caption, e.code);
      if (e.full) index.set(e.full, e.code);
    }
    codeIndexes.set(table, index);
  }
  return index.get(text);
}

const ok = (value: unknown): CellResult => ({ ok: true, value });
const fail = (message: string): CellResult => ({ ok: false, message });

/** 2025-07-01, 2025.7.1, 2025/07/01, 20250701 and 2025年7月1日 → 2025-07-01; null when it is not a day. */
export function normalizeDayInput(text: string): string | null {
  const m = /^(\d{4})\s*[-./年]?\s*(\d{1,2})\s*[-./月]?\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isDay(day) ? day : null;
}

/** Live units by full path and by name, built once per unit list (an import reads thousands of cells). */
const unitIndexes = new WeakMap<readonly Unit[], { paths: (readonly [string, Unit])[]; byPath: Map<string, Unit>; byName: Map<string, Unit[]> }>();
function unitIndex(units: readonly Unit[]) {
  let index = unitIndexes.get(units);
  if (!index) {
    const live = units.filter((u) => !u.deleted);
    const paths = live.map((u) => [unitPath(units, u.id).join('/'), u] as const);
    const byName = new Map<string, Unit[]>();
    for (const u of live) byName.set(u.name, [...(byName.get(u.name) ?? []), u]);
    unitIndexes.set(units, (index = { paths, byPath: new Map(paths), byName }));
  }
  return index;
}

/** The unit a cell names: a full path (新城区/东街道/党政办), its unique tail, or a unique name. */
export function unitOf(units: readonly Unit[], text: string): CellResult {
  const { paths, byPath, byName: names } = unitIndex(units);
  const path = text.replace(/[›>＞\\]/g, '/').replace(/\s*\/\s*/g, '/');
  const exact = byPath.get(path);
  if (exact) return ok(exact.id);
  if (path.includes('/')) {
    const tails = paths.filter(([full]) => full.endsWith(`/${path}`));
    if (tails.length === 1) return ok(tails[0]![1].id);
  }
  const byName = names.get(text) ?? [];
  if (byName.length === 1) return ok(byName[0]!.id);
  if (byName.length > 1) return fail(`有 ${byName.length} 个名为“${text}”的单位，请写出上级单位，如“新城区/${text}”`);
  return fail(`单位“${text}”不在单位树中，请先在“单位管理”中新增，或检查名称`);
}

/**
 * Reads one cell for a field: the value the record holds, or a Chinese message naming what is wrong. An empty
 * cell is the field's empty value (null, '' or false); whether it may be empty is the schema's business.
 */
export function parseCell(leaf: Leaf, raw: string, ctx: CellContext = {}): CellResult {
  const { field, label } = leaf;
  const text = raw.trim();
  if (!text) {
    if (field.kind === 'text' || field.kind === 'longText' || field.kind === 'record') return ok('');
    if (field.kind === 'boolean') return ok(false);
    if (field.kind === 'unit' && field.required) return fail(`请填写${label}`);
    return ok(null);
  }
  switch (field.kind) {
    case 'month': {
      const m = normalizeMonthInput(text);
      if (!m) return fail(`“${text}”不是有效的年月，应写作 1985-07 或 1985.07`);
      if (ctx.today && m > ctx.today.slice(0, 7)) return fail(`${printMonth(m)} 晚于当前年月`);
      return ok(m);
    }
    case 'date': {
      const d = normalizeDayInput(text);
      if (!d) return fail(`“${text}”不是有效的日期，应写作 2025-07-01`);
      if (ctx.today && d > ctx.today) return fail(`${d} 晚于今天`);
      return ok(d);
    }
    case 'year':
    case 'number': {
      const n = Number(text.replace(/[,，]/g, ''));
      if (!Number.isFinite(n)) return fail(`“${text}”不是数字`);
      return ok(n);
    }
    case 'code': {
      const c = codeOf(field.table!, text);
      return c ? ok(c) : fail(`“${text}”不是有效的${label}（应为“${codeTables[field.table!].name}”代码表中的名称）`);
    }
    case 'enum': {
      const option = field.options?.find((o) => o.value === text || o.label === text);
      return option ? ok(option.value) : fail(`“${text}”不是有效的${label}（可填：${field.options?.map((o) => o.label).join('、')}）`);
    }
    case 'boolean':
      if (['是', '√', '1', 'true', 'TRUE', 'Y', 'y'].includes(text)) return ok(true);
      if (['否', '×', '0', 'false', 'FALSE', 'N', 'n'].includes(text)) return ok(false);
      return fail(`“${text}”应填写“是”或“否”`);
    case 'unit':
      return ctx.units ? unitOf(ctx.units, text) : ok(text);
    default:
      return ok(text);
  }
}

const normalizeHeader = (h: string) => h.replace(/[\s（）()：:*＊]/g, '');

/** The field each header most likely means (exact label or alias, spaces and brackets ignored), or null. */
export function autoMapHeaders(candidates: readonly Leaf[], headers: readonly string[]): (string | null)[] {
  const byName = new Map<string, string>();
  for (const leaf of candidates) for (const n of [leaf.label, ...leaf.aliases]) byName.set(normalizeHeader(n), leaf.path);
  const used = new Set<string>();
  return headers.map((h) => {
    const path = byName.get(normalizeHeader(h));
    if (!path || used.has(path)) return null;
    used.add(path);
    return path;
  });
}
