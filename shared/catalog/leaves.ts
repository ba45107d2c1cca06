import { caption } from '../code';
import { printMonth } from '../rules/months';
import type { Field, Fields } from './field';
import type { AnyRecordType } from './recordType';

// The fields of a record type as forms, columns, cells and the audit log see them: one entry per value that a
// person fills in, with its dotted path (fullTimeEducation.education) and full label (全日制学历). A list field
// stays one entry (its entries are edited together).

export interface Leaf {
  /** Dotted path into the record's data. */
  readonly path: string;
  /** The full label: a group's prefix and the field's own label. */
  readonly label: string;
  /** Other spreadsheet headers for it (a group's prefix included). */
  readonly aliases: readonly string[];
  readonly field: Field;
}

const cache = new WeakMap<object, readonly Leaf[]>();

export function leavesOf(fields: Fields, prefix = '', labelPrefix = ''): Leaf[] {
  return Object.entries(fields).flatMap(([key, field]) =>
    field.kind === 'group'
      ? leavesOf(field.fields!, `${prefix}${key}.`, `${labelPrefix}${field.prefix ?? ''}`)
      : [{ path: `${prefix}${key}`, label: `${labelPrefix}${field.label}`, aliases: field.aliases.map((a) => `${labelPrefix}${a}`), field }],
  );
}

/** Every leaf of a record type, the owner's `cadreId` included. */
export function leaves(type: AnyRecordType): readonly Leaf[] {
  let list = cache.get(type);
  if (!list) cache.set(type, (list = leavesOf(type.fields)));
  return list;
}

/** The leaves a person fills in for the given top-level fields (a group expands to its children). */
export function leavesOfKeys(type: AnyRecordType, keys: readonly string[]): Leaf[] {
  return keys.flatMap((k) => leaves(type).filter((l) => l.path === k || l.path.startsWith(`${k}.`)));
}

export function leafAt(type: AnyRecordType, path: string): Leaf | undefined {
  return leaves(type).find((l) => l.path === path);
}

/** The label of a field path (a group's own label for the group); the path itself when it names no field. */
export function labelOf(type: AnyRecordType, path: string): string {
  const leaf = leafAt(type, path);
  if (leaf) return leaf.label;
  return (type.fields as Fields)[path]?.label ?? path;
}

export function getPath(record: unknown, path: string): unknown {
  let value = record;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | null | undefined)?.[key];
  return value;
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = node[key] = next && typeof next === 'object' ? { ...(next as Record<string, unknown>) } : {};
  }
  node[keys[keys.length - 1]!] = value;
}

/** A field's value when nothing was entered: its default, or the empty value of its kind. */
export function blankValue(field: Field): unknown {
  if (field.default !== undefined) return field.default;
  switch (field.kind) {
    case 'text':
    case 'longText':
    case 'record':
      return '';
    case 'boolean':
      return false;
    case 'list':
      return [];
    case 'group':
      return blankFields(field.fields!);
    default:
      return null;
  }
}

function blankFields(fields: Fields): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, blankValue(f)]));
}

/** A new record's data before anything is entered: defaults and empty values (required fields stay empty). */
export function blankData(type: AnyRecordType): Record<string, unknown> {
  return blankFields(type.fields);
}

/** What places a value in people's words. */
export interface DisplayContext {
  unitName?(id: string): string | undefined;
  cadreName?(id: string): string | undefined;
  /** The title of a linked record ('record' fields), or undefined when it is not known here. */
  recordTitle?(table: string, id: string): string | undefined;
}

/** A value as a person reads it: code captions, 1985.07 months, 是/否, option labels, unit names. */
export function displayValue(field: Field, value: unknown, ctx: DisplayContext = {}): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.kind) {
    case 'month':
      return printMonth(String(value));
    case 'code':
      return caption(field.table!, String(value));
    case 'enum':
      return field.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'boolean':
      return value ? '是' : '否';
    case 'unit':
      return ctx.unitName?.(String(value)) ?? String(value);
    case 'cadre':
      return ctx.cadreName?.(String(value)) ?? String(value);
    case 'record':
      return ctx.recordTitle?.(field.target!, String(value)) ?? String(value);
    case 'blob':
      return '有';
    case 'list':
      return Array.isArray(value) ? `${value.length}条` : '';
    case 'group':
      return '';
    default:
      return String(value);
  }
}

/** One changed field of an edit, as the audit log keeps it: "考核结果：称职→优秀". */
export interface FieldChange {
  path: string;
  label: string;
  from: string;
  to: string;
}

/**
 * The fields that differ between two versions of a record, in declaration order, with both values as people read
 * them. `before` undefined (a creation) lists every filled-in field.
 */
export function diffRecords(type: AnyRecordType, before: unknown, after: unknown, ctx: DisplayContext = {}): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const leaf of leaves(type)) {
    if (leaf.field.kind === 'cadre') continue;
    // a field the stored record lacks (added to the type after it was written) is its blank value, not a change
    const a = before === undefined ? undefined : (getPath(before, leaf.path) ?? blankValue(leaf.field));
    const b = getPath(after, leaf.path) ?? blankValue(leaf.field);
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) continue;
    if (before === undefined && (b === null || b === '' || b === false)) continue;
    changes.push({ path: leaf.path, label: leaf.label, from: displayValue(leaf.field, a, ctx), to: displayValue(leaf.field, b, ctx) });
  }
  return changes;
}

/** "考核结果：称职→优秀；备注：（空）→…" — one line for a history list. */
export function describeChanges(changes: readonly FieldChange[]): string {
  return changes.map((c) => `${c.label}：${c.from || '（空）'}→${c.to || '（空）'}`).join('；');
}
