import { z } from 'zod';
import { SyncFieldsSchema } from './record';

export const UNIT_NAME_MAX = 100;

export const UnitNameSchema = z
  .string()
  .trim()
  .min(1, '请填写单位名称')
  .max(UNIT_NAME_MAX, `单位名称不能超过${UNIT_NAME_MAX}个字`)
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), '单位名称不能包含换行或控制字符');

/** 单位/机构: a node of the unit tree. Authored by the department; synced. */
export const UnitSchema = SyncFieldsSchema.extend({
  parentId: z.string().nullable(),
  name: UnitNameSchema,
  /** Position among its siblings; smaller first. */
  order: z.number(),
});
export type Unit = z.infer<typeof UnitSchema>;
