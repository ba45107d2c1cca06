import { caption } from '../code';
import { autoMapHeaders, parseCell, sheetLeaves } from '../catalog/cells';
import { blankData, diffRecords, labelOf, setPath, type Leaf } from '../catalog/leaves';
import { CadreFieldsSchema, cadreType, type Cadre, type CadreFields } from '../domain/cadre';
import type { Unit } from '../domain/unit';
import { parseIdNumber, type IdNumberParts } from './idNumber';

// Importing a roster spreadsheet (干部名册 .xlsx): columns mapped to fields, every cell checked, every problem
// reported by row and column, and a plan that the repository commits all at once — or not at all. The columns,
// their labels, aliases and cell formats come from the cadre's declaration (shared/domain/cadre.ts).

/** Filled in from the ID number when the sheet leaves them out (a disagreement is an error). */
const FROM_ID_NUMBER: readonly string[] = ['birth', 'sex'];

export interface ImportField {
  /** A basic-record field path, dotted for the education summaries. */
  id: string;
  label: string;
  /** The sheet must have this column: required, with no default and not taken from the ID number. */
  required: boolean;
  leaf: Leaf;
}

/** The columns a roster sheet may have: every field of the basic record but the photo (a derived view). */
export const IMPORT_FIELDS: readonly ImportField[] = sheetLeaves(cadreType).map((leaf) => ({
  id: leaf.path,
  label: leaf.label,
  required: leaf.field.required && leaf.field.default === undefined && !FROM_ID_NUMBER.includes(leaf.path),
  leaf,
}));

const FIELD_BY_ID = new Map(IMPORT_FIELDS.map((f) => [f.id, f]));

/** The field each header most likely means (exact label or alias, spaces and brackets ignored), or null. */
export function autoMap(headers: readonly string[]): (string | null)[] {
  return autoMapHeaders(
    IMPORT_FIELDS.map((f) => f.leaf),
    headers,
  );
}

export interface ImportIssue {
  /** Sheet row number as people see it (the header is row 1). */
  row: number;
  column: string;
  message: string;
}

export interface ImportPlan {
  creates: { row: number; fields: CadreFields }[];
  updates: { row: number; id: string; name: string; fields: CadreFields; changed: string[] }[];
  unchanged: number;
  issues: ImportIssue[];
  /** Things the preview should say even when all is well (defaults applied). */
  notes: string[];
}

export interface ImportContext {
  today: string;
  units: readonly Unit[];
  existing: readonly Cadre[];
}


/**
 * Checks every row against the mapping and plans what to create and update (matching existing cadres by ID
 * number). Nothing is written here: with any issue the caller must not commit.
 */
export function planImport(
  headers: readonly string[],
  mapping: readonly (string | null)[],
  rows: readonly (readonly string[])[],
  ctx: ImportContext,
): ImportPlan {
  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, issues: [], notes: [] };
  const mapped = new Set(mapping.filter((m): m is string => !!m));
  for (const f of IMPORT_FIELDS) {
    if (f.required && !mapped.has(f.id)) {
      plan.issues.push({ row: 1, column: f.label, message: `缺少必需的列“${f.label}”：表头中没有找到，请检查列名或在“列对应”中手工指定` });
    }
  }
  if (plan.issues.length) return plan;
  // a required field with a default: a new cadre takes it, and the preview says so
  for (const f of IMPORT_FIELDS) {
    const fallback = f.leaf.field.default;
    if (f.leaf.field.required && fallback !== undefined && !mapped.has(f.id) && f.leaf.field.table) {
      plan.notes.push(`表中没有“${f.label}”列，新增人员按“${caption(f.leaf.field.table, String(fallback))}”登记`);
    }
  }

  const existing = new Map(ctx.existing.filter((c) => !c.deleted).map((c) => [c.idNumber, c]));
  const seen = new Map<string, number>();
  const cellContext = { today: ctx.today, units: ctx.units };

  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => !c || !c.trim())) return; // blank lines between blocks are common in office sheets
    const issue = (column: string, message: string) => plan.issues.push({ row, column, message });
    const before = plan.issues.length;
    const given: Record<string, unknown> = {};
    // set inside the cell callback below (a holder, so TypeScript sees the assignment)
    const id: { parts: IdNumberParts | null } = { parts: null };
    mapping.forEach((fieldId, col) => {
      if (!fieldId) return;
      const field = FIELD_BY_ID.get(fieldId)!;
      const column = headers[col] || field.label;
      const text = (cells[col] ?? '').trim();
      if (field.leaf.field.format === 'idNumber') {
        const parsedId = parseIdNumber(text, ctx.today);
        if (!parsedId.ok) return issue(column, parsedId.reason);
        id.parts = parsedId.value;
        return void (given[fieldId] = parsedId.value.normalized);
      }
      const cell = parseCell(field.leaf, text, cellContext);
      if (!cell.ok) return issue(column, cell.message);
      given[fieldId] = cell.value;
    });
    if (plan.issues.length > before) return;
    const parts = id.parts;
    if (!parts) return;
    // birth and sex come from the ID number when the sheet leaves them out; a disagreement is an error
    if (given.birth == null) given.birth = parts.birthMonth;
    else if (given.birth !== parts.birthMonth) {
      return issue(labelOf(cadreType, 'birth'), `出生年月 ${String(given.birth).replace('-', '.')} 与身份证号码中的 ${parts.birthMonth.replace('-', '.')} 不一致`);
    }
    if (given.sex == null) given.sex = parts.sex;
    else if (given.sex !== parts.sex) return issue(labelOf(cadreType, 'sex'), '性别与身份证号码不一致');
    const earlier = seen.get(parts.normalized);
    if (earlier) return issue(labelOf(cadreType, 'idNumber'), `与第 ${earlier} 行的身份证号码相同`);
    seen.set(parts.normalized, row);

    const current = existing.get(parts.normalized);
    const merged: Record<string, unknown> = current ? { ...current } : blankData(cadreType);
    for (const [path, value] of Object.entries(given)) setPath(merged, path, value);
    const parsed = CadreFieldsSchema.safeParse(merged);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      const label = labelOf(cadreType, first.path.join('.'));
      return issue(label, first.message);
    }
    if (!current) {
      plan.creates.push({ row, fields: parsed.data });
      return;
    }
    const changed = diffRecords(cadreType, current, parsed.data).map((c) => c.label);
    if (changed.length) plan.updates.push({ row, id: current.id, name: current.name, fields: parsed.data, changed });
    else plan.unchanged++;
  });
  return plan;
}
