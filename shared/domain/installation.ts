import { z } from 'zod';
import { InstallationIdSchema } from './record';

export const INSTALLATION_TYPES = { department: '组织部', unit: '单位' } as const;
export const InstallationTypeSchema = z.enum(['department', 'unit']);
export type InstallationType = z.infer<typeof InstallationTypeSchema>;

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), `${label}不能包含换行或控制字符`);

/** What the first-run screen records. */
export const InstallationSetupSchema = z.object({
  name: text('本机名称', 60),
  type: InstallationTypeSchema,
  operator: text('操作员姓名', 30),
});
export type InstallationSetup = z.infer<typeof InstallationSetupSchema>;

export const KeyProtectionSchema = z.enum(['safeStorage', 'userFile']);
export type KeyProtection = z.infer<typeof KeyProtectionSchema>;

export const AppInfoSchema = z.object({
  appName: z.string(),
  version: z.string(),
  installationId: InstallationIdSchema,
  fingerprint: z.string(),
  keyProtection: KeyProtectionSchema,
  dataFolder: z.string(),
  /** null until the first-run screen has been completed */
  profile: InstallationSetupSchema.extend({ unitId: z.string().nullable() }).nullable(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
