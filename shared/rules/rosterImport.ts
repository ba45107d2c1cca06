import { codeTables, type CodeTableId } from '../code';
import { CADRE_FIELD_LABELS, CadreFieldsSchema, type Cadre, type CadreFields } from '../domain/cadre';
import type { Unit } from '../domain/unit';
import { parseIdNumber, type IdNumberParts } from './idNumber';
import { normalizeMonthInput } from './months';
import { unitPath } from './unitTree';

// Importing a roster spreadsheet (干部名册 .xlsx): columns mapped to fields, every cell checked, every problem
// reported by row and column, and a plan that the repository commits all at once — or not at all.

type FieldKind = 'text' | 'month' | 'code' | 'unit' | 'idNumber';

export interface ImportField {
  /** A basic-record field, dotted for the education summaries. */
  id: string;
  label: string;
  kind: FieldKind;
  table?: CodeTableId;
  aliases?: string[];
  required?: boolean;
}

const code = (id: string, label: string, table: CodeTableId, aliases: string[] = [], required = false): ImportField => ({
  id,
  label,
  kind: 'code',
  table,
  aliases,
  required,
});

export const IMPORT_FIELDS: readonly ImportField[] = [
  { id: 'name', label: '姓名', kind: 'text', required: true },
  { id: 'idNumber', label: '身份证号码', kind: 'idNumber', aliases: ['身份证号', '公民身份号码', '身份证'], required: true },
  code('sex', '性别', 'sex'),
  { id: 'birth', label: '出生年月', kind: 'month', aliases: ['出生日期', '出生时间'] },
  code('nation', '民族', 'nation', [], true),
  { id: 'nativePlace', label: '籍贯', kind: 'text' },
  { id: 'birthPlace', label: '出生地', kind: 'text' },
  code('politicalStatus', '政治面貌', 'politicalStatus', [], true),
  { id: 'partyJoined', label: '入党时间', kind: 'month' },
  { id: 'workStarted', label: '参加工作时间', kind: 'month' },
  code('health', '健康状况', 'health'),
  code('maritalStatus', '婚姻状况', 'maritalStatus'),
  { id: 'professionalTitle', label: '专业技术职务', kind: 'text' },
  { id: 'expertise', label: '熟悉专业有何专长', kind: 'text', aliases: ['专长'] },
  code('fullTimeEducation.education', '全日制学历', 'education'),
  code('fullTimeEducation.degree', '全日制学位', 'degree'),
  { id: 'fullTimeEducation.school', label: '全日制毕业院校', kind: 'text' },
  { id: 'fullTimeEducation.major', label: '全日制专业', kind: 'text' },
  code('inServiceEducation.education', '在职学历', 'education'),
  code('inServiceEducation.degree', '在职学位', 'degree'),
  { id: 'inServiceEducation.school', label: '在职毕业院校', kind: 'text' },
  { id: 'inServiceEducation.major', label: '在职专业', kind: 'text' },
  { id: 'unitId', label: '单位', kind: 'unit', aliases: ['所在单位', '工作单位'], required: true },
  { id: 'currentPost', label: '现任职务', kind: 'text' },
  code('postLevel', '职务层次', 'postLevel'),
  code('rank', '职级', 'rank'),
  { id: 'rankSince', label: '任现职级时间', kind: 'month' },
  code('personnelCategory', '人员类别', 'personnelCategory'),
  code('status', '人员状态', 'cadreStatus'),
];

const FIELD_BY_ID = new Map(IMPORT_FIELDS.map((f) => [f.id, f]));
const normalizeHeader = (h: string) => h.replace(/[\s（）()：:*＊]/g, '');

/** The field each header most likely means (exact label or alias, spaces and brackets ignored), or null. */
export function autoMap(headers: readonly string[]): (string | null)[] {
  const byName = new Map<string, string>();
  for (const f of IMPORT_FIELDS) for (const n of [f.label, ...(f.aliases ?? [])]) byName.set(normalizeHeader(n), f.id);
  const used = new Set<string>();
  return headers.map((h) => {
    const id = byName.get(normalizeHeader(h));
    if (!id || used.has(id)) return null;
    used.add(id);
    return id;
  });
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

function set(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail) target[head] = { ...((target[head] as Record<string, unknown>) ?? {}), [tail]: value };
  else target[head] = value;
}

const EMPTY_EDU = { education: null, degree: null, school: '', major: '' };

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
  if (!mapped.has('personnelCategory')) plan.notes.push('表中没有“人员类别”列，新增人员按“公务员”登记');
  if (!mapped.has('status')) plan.notes.push('表中没有“人员状态”列，新增人员按“在职”登记');

  const liveUnits = ctx.units.filter((u) => !u.deleted);
  const unitsByName = new Map<string, Unit[]>();
  for (const u of liveUnits) unitsByName.set(u.name, [...(unitsByName.get(u.name) ?? []), u]);
  const unitsByPath = new Map(liveUnits.map((u) => [unitPath(ctx.units, u.id).join('/'), u]));
  const existing = new Map(ctx.existing.filter((c) => !c.deleted).map((c) => [c.idNumber, c]));
  const seen = new Map<string, number>();
  const codeIndex = new Map<CodeTableId, Map<string, string>>();
  const codeOf = (table: CodeTableId, text: string): string | undefined => {
    let index = codeIndex.get(table);
    if (!index) {
      index = new Map();
      for (const e of codeTables[table].entries) {
        index.set(e.code, e.code);
        index.set(e.caption, e.code);
        if (e.full) index.set(e.full, e.code);
      }
      codeIndex.set(table, index);
    }
    return index.get(text);
  };

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
      switch (field.kind) {
        case 'idNumber':
        {
          const parsedId = parseIdNumber(text, ctx.today);
          if (!parsedId.ok) return issue(column, parsedId.reason);
          id.parts = parsedId.value;
          return set(given, 'idNumber', parsedId.value.normalized);
        }
        case 'month': {
          if (!text) return set(given, fieldId, null);
          const m = normalizeMonthInput(text);
          if (!m) return issue(column, `“${text}”不是有效的年月，应写作 1985-07 或 1985.07`);
          if (m > ctx.today.slice(0, 7)) return issue(column, `${m.replace('-', '.')} 晚于当前年月`);
          return set(given, fieldId, m);
        }
        case 'code': {
          if (!text) return set(given, fieldId, null);
          const c = codeOf(field.table!, text);
          if (!c) return issue(column, `“${text}”不是有效的${field.label}（应为“${codeTables[field.table!].name}”代码表中的名称）`);
          return set(given, fieldId, c);
        }
        case 'unit': {
          if (!text) return issue(column, '请填写单位');
          const path = text.replace(/[›>＞\\]/g, '/').replace(/\s*\/\s*/g, '/');
          // a full path (新城区/东街道/党政办) or its tail (东街道/党政办), when that names one unit
          const tails = path.includes('/') ? [...unitsByPath].filter(([full]) => full.endsWith(`/${path}`)) : [];
          const byPath = unitsByPath.get(path) ?? (tails.length === 1 ? tails[0]![1] : undefined);
          const byName = unitsByName.get(text) ?? [];
          if (byPath) return set(given, 'unitId', byPath.id);
          if (byName.length === 1) return set(given, 'unitId', byName[0]!.id);
          if (byName.length > 1) return issue(column, `有 ${byName.length} 个名为“${text}”的单位，请写出上级单位，如“新城区/${text}”`);
          return issue(column, `单位“${text}”不在单位树中，请先在“单位管理”中新增，或检查名称`);
        }
        default:
          return set(given, fieldId, text);
      }
    });
    if (plan.issues.length > before) return;
    const parts = id.parts;
    if (!parts) return;
    // birth and sex come from the ID number when the sheet leaves them out; a disagreement is an error
    if (given.birth == null) given.birth = parts.birthMonth;
    else if (given.birth !== parts.birthMonth) {
      return issue(CADRE_FIELD_LABELS.birth, `出生年月 ${String(given.birth).replace('-', '.')} 与身份证号码中的 ${parts.birthMonth.replace('-', '.')} 不一致`);
    }
    if (given.sex == null) given.sex = parts.sex;
    else if (given.sex !== parts.sex) return issue(CADRE_FIELD_LABELS.sex, '性别与身份证号码不一致');
    const earlier = seen.get(parts.normalized);
    if (earlier) return issue(CADRE_FIELD_LABELS.idNumber, `与第 ${earlier} 行的身份证号码相同`);
    seen.set(parts.normalized, row);

    const current = existing.get(parts.normalized);
    const base: Record<string, unknown> = current
      ? { ...current }
      : { personnelCategory: '1', status: '01', fullTimeEducation: EMPTY_EDU, inServiceEducation: EMPTY_EDU };
    const merged: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(given)) {
      merged[k] = v && typeof v === 'object' ? { ...((base[k] as object) ?? EMPTY_EDU), ...v } : v;
    }
    const parsed = CadreFieldsSchema.safeParse(merged);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      const label = FIELD_BY_ID.get(first.path.join('.'))?.label ?? CADRE_FIELD_LABELS[first.path[0] as keyof CadreFields] ?? String(first.path[0]);
      return issue(label, first.message);
    }
    if (!current) {
      plan.creates.push({ row, fields: parsed.data });
      return;
    }
    const changed = (Object.keys(CADRE_FIELD_LABELS) as (keyof CadreFields)[]).filter(
      (k) => JSON.stringify(current[k]) !== JSON.stringify(parsed.data[k]),
    );
    if (changed.length) {
      plan.updates.push({ row, id: current.id, name: current.name, fields: parsed.data, changed: changed.map((k) => CADRE_FIELD_LABELS[k]) });
    } else plan.unchanged++;
  });
  return plan;
}
