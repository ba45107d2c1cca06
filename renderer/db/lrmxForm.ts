import { checkRecord } from '../../shared/catalog/validate';
import { appointmentFormType, type AppointmentForm, type AppointmentFormFields } from '../../shared/domain/appointmentForm';
import { naturalId } from '../../shared/ids';
import { LRMX_ELEMENT_LABELS, readLrmxMonth, writeLrmxMonth, type LrmxIssue, type LrmxPerson, type LrmxTextElement } from '../../shared/lrmx';
import type { CadreDb } from './database';

// The 任免审批表's form-only LRMX elements ↔ the cadre's appointment form record (shared/domain/appointmentForm.ts):
// an import fills the form from the file, and an export writes the form back. A value the form cannot hold
// exactly (a 填表时间 without a day, a 计算年龄时间 with one, text too long for its field) stays in the kept
// elements as the file wrote it, so the round trip still loses nothing.

type FormKey = Exclude<keyof AppointmentFormFields, 'cadreId'>;
type FormValues = Partial<Pick<AppointmentFormFields, FormKey>>;

const FORM_ELEMENTS: readonly { element: LrmxTextElement; key: FormKey; kind: 'text' | 'month' | 'day' }[] = [
  { element: 'NiRenZhiWu', key: 'proposedPost', kind: 'text' },
  { element: 'NiMianZhiWu', key: 'proposedRemoval', kind: 'text' },
  { element: 'RenMianLiYou', key: 'reason', kind: 'text' },
  { element: 'ChengBaoDanWei', key: 'reportingUnit', kind: 'text' },
  { element: 'JiSuanNianLingShiJian', key: 'ageAsOf', kind: 'month' },
  { element: 'TianBiaoRen', key: 'filledBy', kind: 'text' },
  { element: 'TianBiaoShiJian', key: 'filledOn', kind: 'day' },
];

/** The file's text as the form's value, or undefined when the form cannot hold it. */
function toForm(kind: 'text' | 'month' | 'day', text: string): string | undefined {
  if (kind === 'text') return text;
  const compact = text.trim();
  if (kind === 'day') {
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
    return m && readLrmxMonth(compact)?.ok ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
  }
  const read = readLrmxMonth(compact);
  return read?.ok ? read.month : undefined;
}

/** The form's value as LRMX writes it. */
function fromForm(kind: 'text' | 'month' | 'day', value: string): string {
  return kind === 'text' ? value : kind === 'month' ? writeLrmxMonth(value) : value.replaceAll('-', '');
}

/** The id of a cadre's form record: v5 of its cadre id. */
export function appointmentFormIdOf(cadreId: string): string {
  const rule = appointmentFormType.id;
  if (rule.kind !== 'natural') throw new Error('the appointment form is keyed by its cadre');
  return naturalId(rule.prefix, ...rule.key({ cadreId } as never));
}

export const appointmentFormTable = (db: CadreDb) => db.table<AppointmentForm, string>(appointmentFormType.table);

export async function readLiveForm(db: CadreDb, cadreId: string): Promise<AppointmentForm | undefined> {
  const form = await appointmentFormTable(db).get(appointmentFormIdOf(cadreId));
  return form && !form.deleted ? form : undefined;
}

/**
 * Splits an import's kept elements: the form-only ones the form can hold become the form's values (blank ones
 * are left out: a blank never erases), the rest stays kept. A value the form refuses is reported.
 */
export function formFromKept(kept: LrmxPerson, today: string): { form: FormValues | null; kept: LrmxPerson; issues: LrmxIssue[] } {
  const candidate: Record<string, string> = {};
  for (const { element, key, kind } of FORM_ELEMENTS) {
    const text = kept[element];
    if (text === undefined || text.trim() === '') continue;
    const value = toForm(kind, text);
    if (value !== undefined) candidate[key] = value;
  }
  const check = checkRecord(appointmentFormType, { cadreId: 'c', ...candidate }, { today });
  const refused = new Set(check.ok ? [] : check.problems.map((p) => p.path));
  const issues: LrmxIssue[] = [];
  const form: Record<string, string> = {};
  const rest: LrmxPerson = { ...kept };
  for (const { element, key, kind } of FORM_ELEMENTS) {
    const value = candidate[key];
    if (value === undefined) continue;
    if (refused.has(key)) {
      const problem = !check.ok ? check.problems.find((p) => p.path === key)?.message : '';
      issues.push({ element, severity: 'note', message: `${LRMX_ELEMENT_LABELS[element]}未能填入任免审批表（${problem}），已按原文保留，导出时写回` });
      continue;
    }
    form[key] = value;
    // exactly what the file wrote: the form holds it; otherwise the file's text stays for export
    if (fromForm(kind, value) === kept[element]) delete rest[element];
  }
  return { form: Object.keys(form).length ? (form as FormValues) : null, kept: rest, issues };
}

/**
 * The form's values as LRMX elements, for dossierToLrmx's overrides: only filled ones, and not where the kept
 * text (a date with a day the form does not hold) still reads as the form's value.
 */
export function formOverrides(form: AppointmentForm | undefined, kept: LrmxPerson | undefined): Partial<Record<LrmxTextElement, string>> {
  const out: Partial<Record<LrmxTextElement, string>> = {};
  if (!form) return out;
  for (const { element, key, kind } of FORM_ELEMENTS) {
    const value = form[key];
    if (typeof value !== 'string' || value === '') continue;
    const old = kept?.[element];
    if (old !== undefined && toForm(kind, old) === value) continue;
    out[element] = fromForm(kind, value);
  }
  return out;
}
