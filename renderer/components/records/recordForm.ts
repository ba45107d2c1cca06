import type { FormInstance } from 'antd';
import { getPath, leavesOfKeys, setPath, type Leaf } from '../../../shared/catalog/leaves';
import type { AnyRecordType, FieldProblem } from '../../../shared/catalog/recordType';
import { checkRecord, problemsOf, warningsOf } from '../../../shared/catalog/validate';
import { dayOf } from '../../../shared/rules/months';
import { toRecordValue } from './FieldInput';

// The form of a record type, derived from its declaration (docs/record-types.md "Screens"): which inputs, in which
// sections, how form values become the record's input, and how every problem — the schema's, the type's rules',
// and the repository's — lands at its field at once.

/** Inputs a person fills in: everything but the owner, photos and nested lists (those have screens of their own). */
const editable = (leaf: Leaf) => leaf.field.kind !== 'cadre' && leaf.field.kind !== 'blob' && leaf.field.kind !== 'list';

export interface FormSection {
  title: string;
  leaves: Leaf[];
}

export function formSections(type: AnyRecordType): FormSection[] {
  return type.sections.map((s) => ({ title: s.title, leaves: leavesOfKeys(type, s.fields).filter(editable) }));
}

export const formLeaves = (type: AnyRecordType): Leaf[] => formSections(type).flatMap((s) => s.leaves);

/** The form's initial values: a record's own, or the declared initial values and defaults of a new one. */
export function initialValues(type: AnyRecordType, record?: object): Record<string, unknown> {
  if (record) return { ...record };
  const values: Record<string, unknown> = {};
  for (const leaf of formLeaves(type)) {
    const start = leaf.field.initial ?? leaf.field.default;
    if (start !== undefined) setPath(values, leaf.path, start);
  }
  return values;
}

/** The record's input from the form's values: empty inputs become the schema's empty values. */
export function inputOf(leaves: readonly Leaf[], values: unknown): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const leaf of leaves) setPath(input, leaf.path, toRecordValue(leaf.field, getPath(values, leaf.path)));
  return input;
}

/** Shows problems at their fields; returns those that belong to no field of this form. */
export function showProblems(form: FormInstance, problems: readonly FieldProblem[], leaves: readonly Leaf[]): FieldProblem[] {
  const paths = new Set(leaves.map((l) => l.path));
  const here = problems.filter((p) => paths.has(p.path));
  form.setFields(here.map((p) => ({ name: p.path.split('.'), errors: [p.message] })));
  if (here[0]) form.scrollToField(here[0].path.split('.'), { block: 'center' });
  return problems.filter((p) => !paths.has(p.path));
}

export interface SubmitOptions {
  /** The owner's other records of this type, for the type's warnings (a career gap). */
  siblings?: readonly unknown[];
  /** Shows the warnings and answers whether to save anyway (仍然保存); without it, warnings do not stop a save. */
  confirm?: (warnings: readonly FieldProblem[]) => Promise<boolean>;
}

/**
 * Checks the form against the record type (every problem at once, at its field), shows what the type only warns
 * about and lets the person save anyway, then saves. A refusal from the repository is shown the same way. Returns
 * true when saved; problems that belong to no field of the form are thrown as the error they came in.
 */
export async function submitRecord(
  form: FormInstance,
  type: AnyRecordType,
  leaves: readonly Leaf[],
  extra: Record<string, unknown>,
  save: (input: Record<string, unknown>) => Promise<void>,
  options: SubmitOptions = {},
): Promise<boolean> {
  // clear the last attempt's messages: they are recomputed from scratch
  form.setFields(leaves.map((l) => ({ name: l.path.split('.'), errors: [] })));
  const input = { ...inputOf(leaves, form.getFieldsValue(true)), ...extra };
  const today = dayOf(new Date());
  const checked = checkRecord(type, input, { today });
  if (!checked.ok) {
    const rest = showProblems(form, checked.problems, leaves);
    if (rest.length === checked.problems.length) throw new Error(rest.map((p) => p.message).join('；'));
    return false;
  }
  const warnings = warningsOf(type, checked.data, { today, siblings: options.siblings ?? [] });
  if (warnings.length && options.confirm && !(await options.confirm(warnings))) return false;
  try {
    await save(input);
    return true;
  } catch (error) {
    const problems = problemsOf(error);
    if (!problems.length || showProblems(form, problems, leaves).length === problems.length) throw error;
    return false;
  }
}
