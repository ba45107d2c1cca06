import { describe, expect, it } from 'vitest';
import { CATALOG, CADRE_OWNED_TYPES, SYNCED_TYPES, recordTypeOf } from '../../../shared/catalog';
import { autoMapHeaders, formatCell, parseCell, sheetLeaves } from '../../../shared/catalog/cells';
import { diffRecords, displayValue, getPath, labelOf, leaves, setPath } from '../../../shared/catalog/leaves';
import { checkRecord, validRecord, FieldErrors } from '../../../shared/catalog/validate';
import { SUB_RECORD_TABLE_NAMES, cadreType } from '../../../shared/domain/cadre';
import { appointmentFormType } from '../../../shared/domain/appointmentForm';
import { FieldError } from '../../../shared/errors';
import { IMPORT_FIELDS } from '../../../shared/rules/rosterImport';
import { QUERY_FIELDS } from '../../../shared/rules/query';
import type { Unit } from '../../../shared/domain/unit';
import { sampleData } from '../../fixtures/catalogSamples';

const REFS = { unitId: 'u1', cadreId: 'c1' };
const today = { today: '2025-06-15' };
const CHINESE = /[\u4e00-\u9fff]/;

describe('the catalogue', () => {
  it('declares every stored record type once, with unique table names', () => {
    const tables = CATALOG.map((t) => t.table);
    expect(new Set(tables).size).toBe(tables.length);
    expect(tables).toEqual(expect.arrayContaining(['units', 'cadres', ...SUB_RECORD_TABLE_NAMES]));
    for (const t of CATALOG) expect(recordTypeOf(t.table)).toBe(t);
    // the dossier's sub-records lead the owned types, in tab order; later areas' types follow
    expect(CADRE_OWNED_TYPES.map((t) => t.table).slice(0, SUB_RECORD_TABLE_NAMES.length)).toEqual(SUB_RECORD_TABLE_NAMES);
  });

  it.each(CATALOG.map((t) => [t.table, t] as const))('%s: every field has a Chinese label, the type a name, list and sections name real fields', (_, type) => {
    expect(type.name).toMatch(CHINESE);
    for (const leaf of leaves(type)) {
      expect(leaf.label, leaf.path).toMatch(CHINESE);
      expect(labelOf(type, leaf.path)).toBe(leaf.label);
    }
    const keys = Object.keys(type.fields);
    for (const k of type.list) expect(keys).toContain(k);
    for (const s of type.sections) for (const k of s.fields) expect(keys).toContain(k);
    if (type.period) expect(keys).toContain(type.period);
    expect(type.title(sampleData(type, REFS) as never)).not.toBe('');
  });

  it.each(SYNCED_TYPES.map((t) => [t.table, t] as const))('%s syncs and has an id rule', (_, type) => {
    expect(['v7', 'natural']).toContain(type.id.kind);
    if (type.id.kind === 'natural') {
      expect(type.id.prefix).toMatch(/^[a-z]+$/);
      const key = type.id.key(sampleData(type, REFS) as never);
      expect(key.length).toBeGreaterThan(0);
      for (const part of key) expect(typeof part).toBe('string');
      for (const k of type.id.keyFields) expect(Object.keys(type.fields)).toContain(k);
    }
  });

  it.each(CATALOG.map((t) => [t.table, t] as const))('%s: the sample is valid, so the refusals below are the field’s own', (_, type) => {
    const checked = checkRecord(type, sampleData(type, REFS), today);
    expect(checked.ok ? [] : checked.problems).toEqual([]);
  });
});

/** Each leaf of every type, with its type, for table-driven refusals. */
const allLeaves = CATALOG.flatMap((type) => leaves(type).map((leaf) => ({ type, leaf, name: `${type.table}.${leaf.path}` })));

function refusal(type: (typeof CATALOG)[number], path: string, value: unknown) {
  const data = sampleData(type, REFS);
  setPath(data, path, value);
  const checked = checkRecord(type, data, today);
  expect(checked.ok, `${type.table}.${path} = ${JSON.stringify(value)} should be refused`).toBe(false);
  return checked.ok ? undefined : checked.problems.find((p) => p.path === path);
}

describe('the derived schemas refuse bad input with a message naming the field', () => {
  const texts = allLeaves.filter(({ leaf }) => (leaf.field.kind === 'text' || leaf.field.kind === 'longText') && leaf.field.format !== 'idNumber');
  it.each(texts.map((x) => [x.name, x] as const))('%s: over-long text', (_, { type, leaf }) => {
    const problem = refusal(type, leaf.path, '长'.repeat(leaf.field.max! + 1));
    expect(problem?.message).toContain(leaf.label);
    expect(problem?.message).toContain(String(leaf.field.max));
  });

  const codes = allLeaves.filter(({ leaf }) => leaf.field.kind === 'code');
  it.each(codes.map((x) => [x.name, x] as const))('%s: a code not in its table', (_, { type, leaf }) => {
    expect(refusal(type, leaf.path, 'ZZ')?.message).toContain(leaf.label);
  });

  const months = allLeaves.filter(({ leaf }) => leaf.field.kind === 'month');
  it.each(months.map((x) => [x.name, x] as const))('%s: a month that is not one, and a future one', (_, { type, leaf }) => {
    expect(refusal(type, leaf.path, '2020-13')?.message).toContain(leaf.label);
    expect(refusal(type, leaf.path, '2025.07')?.message).toContain(leaf.label);
    // a planned date (field.future) may lie ahead: tested below
    if (!leaf.field.future) expect(refusal(type, leaf.path, '2030-01')?.message).toMatch(/未来/);
  });

  const required = allLeaves.filter(({ leaf }) => leaf.field.required && leaf.field.kind !== 'boolean');
  it.each(required.map((x) => [x.name, x] as const))('%s: a required field left empty', (_, { type, leaf }) => {
    const empty = leaf.field.kind === 'text' ? '' : null;
    expect(refusal(type, leaf.path, empty)?.message).toContain(leaf.label);
  });
});

describe('checkRecord reports every problem at once', () => {
  it('a 200-character name, a wrong check digit and a sex that disagrees all come back together', () => {
    const data = { ...sampleData(cadreType, REFS), name: '张'.repeat(200), idNumber: '320102198005151239', nation: 'ZZ' };
    const checked = checkRecord(cadreType, data, today);
    expect(checked.ok).toBe(false);
    const paths = checked.ok ? [] : checked.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'idNumber', 'nation']));
  });

  it('birth month and sex that disagree with a valid ID number are each refused at their field', () => {
    const data = { ...sampleData(cadreType, REFS), birth: '1980-06', sex: '2', name: '张'.repeat(31) };
    const checked = checkRecord(cadreType, data, today);
    const problems = checked.ok ? [] : checked.problems;
    expect(problems.map((p) => p.path).sort()).toEqual(['birth', 'name', 'sex']);
    expect(problems.find((p) => p.path === 'birth')!.message).toContain('1980.05');
  });

  it('validRecord throws one FieldErrors that still reads as the first FieldError', () => {
    let error: unknown;
    try {
      validRecord(cadreType, { ...sampleData(cadreType, REFS), name: '', nation: 'ZZ' }, today);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FieldError);
    expect(error).toBeInstanceOf(FieldErrors);
    expect((error as FieldErrors).problems.map((p) => p.path)).toEqual(['name', 'nation']);
  });

  it('an end before its start is refused at the end, naming both fields', () => {
    const [career] = CADRE_OWNED_TYPES;
    const problem = refusal(career!, 'to', '1999-12');
    expect(problem?.message).toBe('截止时间不能早于起始时间');
  });

  it('ID numbers are normalised: a 15-digit one becomes 18 digits', () => {
    const data = { ...sampleData(cadreType, REFS), idNumber: '110105491231002', birth: '1949-12', sex: '2' };
    const checked = checkRecord(cadreType, data, today);
    expect(checked.ok && checked.data.idNumber).toBe('11010519491231002X');
  });
});

describe('labels, display and diffs', () => {
  it('a group’s children carry its prefix; the roster import, query and forms read the same labels', () => {
    expect(labelOf(cadreType, 'fullTimeEducation.education')).toBe('全日制学历');
    expect(labelOf(cadreType, 'inServiceEducation.school')).toBe('在职毕业院校');
    expect(labelOf(cadreType, 'unitId')).toBe('所在单位');
    expect(IMPORT_FIELDS.find((f) => f.id === 'unitId')!.label).toBe('所在单位');
    expect(QUERY_FIELDS.find((f) => f.id === 'unit')!.label).toBe('所在单位');
    expect(QUERY_FIELDS.find((f) => f.id === 'fullTimeEducation')!.label).toBe('全日制学历');
  });

  it('the import needs a column only for required fields that have neither a default nor the ID number behind them', () => {
    const needed = IMPORT_FIELDS.filter((f) => f.required).map((f) => f.id);
    expect(needed.sort()).toEqual(['idNumber', 'name', 'nation', 'politicalStatus', 'unitId']);
  });

  it('diffRecords names the changed fields in Chinese with both values as people read them', () => {
    const before = sampleData(cadreType, REFS);
    const after = { ...before, rank: '07', fullTimeEducation: { ...(before.fullTimeEducation as object), education: '21' } };
    expect(diffRecords(cadreType, before, after)).toEqual([
      { path: 'fullTimeEducation.education', label: '全日制学历', from: '研究生', to: '大学' },
      { path: 'rank', label: '职级', from: '一级巡视员', to: '一级主任科员' },
    ]);
    expect(diffRecords(cadreType, before, before)).toEqual([]);
  });

  it('displays each kind as people read it', () => {
    const field = (path: string) => leaves(cadreType).find((l) => l.path === path)!.field;
    expect(displayValue(field('birth'), '1980-05')).toBe('1980.05');
    expect(displayValue(field('nation'), '01')).toBe('汉族');
    expect(displayValue(field('unitId'), 'u1', { unitName: () => '区委组织部' })).toBe('区委组织部');
  });
});

describe('spreadsheet cells', () => {
  const units: Unit[] = [
    { id: 'root', parentId: null, name: '新城区', order: 0, vv: {}, updatedAt: 0, updatedBy: { installationId: 'a'.repeat(32), operator: '' }, deleted: false },
    { id: 'u1', parentId: 'root', name: '东街道', order: 0, vv: {}, updatedAt: 0, updatedBy: { installationId: 'a'.repeat(32), operator: '' }, deleted: false },
  ];

  it.each(CATALOG.map((t) => [t.table, t] as const))('%s: a sample record’s cells read back to the same values', (_, type) => {
    const data = sampleData(type, { unitId: 'u1', cadreId: 'c1' });
    for (const leaf of sheetLeaves(type)) {
      const value = getPath(data, leaf.path);
      const cell = formatCell(leaf.field, value, { units });
      const back = parseCell(leaf, cell, { units, today: '2025-06-15' });
      expect(back, `${leaf.path}: ${cell}`).toEqual({ ok: true, value });
    }
  });

  it('reads codes by caption, code or official name; months in the forms offices type; units by path or unique name', () => {
    const leaf = (path: string) => sheetLeaves(cadreType).find((l) => l.path === path)!;
    expect(parseCell(leaf('politicalStatus'), '中国共产党党员')).toEqual({ ok: true, value: '01' });
    expect(parseCell(leaf('politicalStatus'), '01')).toEqual({ ok: true, value: '01' });
    expect(parseCell(leaf('birth'), '1985.7')).toEqual({ ok: true, value: '1985-07' });
    expect(parseCell(leaf('birth'), '1985年7月')).toEqual({ ok: true, value: '1985-07' });
    expect(parseCell(leaf('unitId'), '新城区/东街道', { units })).toEqual({ ok: true, value: 'u1' });
    expect(parseCell(leaf('unitId'), '东街道', { units })).toEqual({ ok: true, value: 'u1' });
    const bad = parseCell(leaf('nation'), '火星族');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain('民族');
  });

  it('maps headers by label or alias, ignoring spaces and brackets, each field once', () => {
    expect(autoMapHeaders(sheetLeaves(cadreType), ['姓 名', '公民身份号码', '单位', '全日制学历', '姓名'])).toEqual([
      'name',
      'idNumber',
      'unitId',
      'fullTimeEducation.education',
      null,
    ]);
  });
});

describe('future dates', () => {
  const today = { today: '2026-11-30' };
  it('a planned date (the 任免审批表 meeting month and form day) may lie ahead; a birth month may not', () => {
    const form = checkRecord(
      appointmentFormType,
      { cadreId: 'c1', proposedPost: '', proposedRemoval: '', reason: '', reportingUnit: '', ageAsOf: '2027-01', filledBy: '', filledOn: '2026-12-15' },
      today,
    );
    expect(form.ok).toBe(true);
    const cadre = checkRecord(cadreType, { ...sampleData(cadreType, REFS), birth: '2027-01' }, today);
    expect(cadre.ok).toBe(false);
    if (!cadre.ok) expect(cadre.problems.find((p) => p.path === 'birth')?.message).toContain('不能填写未来的时间');
  });
});
