import type { FormRule } from 'antd';
import type { z } from 'zod';

/** An antd form rule backed by the same zod schema the main process and repositories enforce. */
export function zodRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value ?? '');
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '填写不正确');
    },
  };
}
