import type { FormInstance } from 'antd';
import { FieldError } from '../../../shared/errors';

/** Shows a repository refusal at its field; returns false when the error belongs to no field of this form. */
export function showAtField(form: FormInstance, error: unknown, fieldNames: readonly string[]): boolean {
  if (!(error instanceof FieldError) || !fieldNames.includes(error.field)) return false;
  form.setFields([{ name: error.field.split('.'), errors: [error.message] }]);
  form.scrollToField(error.field.split('.'));
  return true;
}
