import type { FormInstance } from 'antd';

/**
 * The form's values if every field is valid, else null (the fields show why). antd rejects with `outOfDate`
 * when a value changed while validation ran (typing fast, then Enter or a click): that is not an error, so
 * validation runs again on the current values instead of silently dropping the save.
 */
export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await form.validateFields();
    } catch (error) {
      const info = error as { errorFields?: unknown[]; outOfDate?: boolean };
      if (info.errorFields?.length || !info.outOfDate) return null;
    }
  }
  return null;
}
