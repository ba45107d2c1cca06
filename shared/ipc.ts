import { z } from 'zod';
import { AppInfoSchema, InstallationSetupSchema } from './domain/installation';
import { printMethods } from './contract/print';
import { syncMethods } from './contract/sync';
import { exchangeMethods } from './contract/exchange';
import { supervisionMethods } from './contract/supervision';
import { method } from './contract/method';

/**
 * The one IPC contract (docs/architecture.md#ipc-contract). Every method takes at most one argument, validated by
 * `input` in the main process before its handler runs; `output` documents (and in tests checks) what comes back.
 * Events flow main → renderer.
 */
export { method, type MethodSpec } from './contract/method';

const FileFilterSchema = z.object({
  name: z.string().max(100),
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,10})$/)).max(20),
});

export const OpenFileOptionsSchema = z.object({
  title: z.string().max(100).optional(),
  filters: z.array(FileFilterSchema).max(10).optional(),
  multiple: z.boolean().optional(),
});

export const SaveFileOptionsSchema = z.object({
  title: z.string().max(100).optional(),
  defaultName: z
    .string()
    .max(200)
    .refine((s) => !/[\\/]/.test(s), '文件名不能包含路径分隔符')
    .optional(),
  filters: z.array(FileFilterSchema).max(10).optional(),
});

export const OpenFolderOptionsSchema = z.object({ title: z.string().max(100).optional() });

export const FileDialogResultSchema = z.object({
  canceled: z.boolean(),
  /** Paths the user chose; the main process remembers them as granted for later file methods. */
  filePaths: z.array(z.string()),
});

/** Files the user picked in a dialog; the main process refuses any other path. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
export const FileReadSchema = z.object({ path: z.string().min(1).max(4096) });
export const FileWriteSchema = z.object({
  path: z.string().min(1).max(4096),
  bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_FILE_BYTES, '文件过大'),
});
export const FileBytesSchema = z.object({ bytes: z.instanceof(Uint8Array) });

/**
 * What 本机设置 may change: the unit of a unit installation, the installation's name and the operator's name (each
 * left out when unchanged). The installation id and type never change.
 */
export const ProfileUpdateSchema = z
  .object({
    unitId: z.string().min(1).nullable().optional(),
    name: InstallationSetupSchema.shape.name.optional(),
    operator: InstallationSetupSchema.shape.operator.optional(),
  })
  .strict()
  .refine((u) => u.unitId !== undefined || u.name !== undefined || u.operator !== undefined, '没有要保存的修改');

export const contract = {
  'app.info': method(z.undefined(), AppInfoSchema),
  'app.setup': method(InstallationSetupSchema, AppInfoSchema),
  'app.updateProfile': method(ProfileUpdateSchema, AppInfoSchema),
  'dialog.openFile': method(OpenFileOptionsSchema, FileDialogResultSchema),
  'dialog.saveFile': method(SaveFileOptionsSchema, FileDialogResultSchema),
  /** A folder to write new files into (one PDF per cadre). */
  'dialog.openFolder': method(OpenFolderOptionsSchema, FileDialogResultSchema),
  'file.read': method(FileReadSchema, FileBytesSchema),
  'file.write': method(FileWriteSchema, z.object({ bytesWritten: z.number().int().nonnegative() })),
  // each feature declares its methods in shared/contract/<feature>.ts; this stays the one contract
  ...printMethods,
  ...syncMethods,
  ...exchangeMethods,
  ...supervisionMethods,
} as const;

export const ProgressSchema = z.object({
  taskId: z.string(),
  label: z.string(),
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
});

export const events = {
  progress: ProgressSchema,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type EventName = keyof typeof events;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodArg<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodResult<M extends MethodName> = z.output<Contract[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(contract) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/** What crosses the wire for every call: errors travel as data so both transports keep the Chinese message. */
export type Envelope<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { code: IpcErrorCode; message: string } };
export type IpcErrorCode = 'forbidden' | 'invalid-argument' | 'unknown-method' | 'failed';

/** Channel names used by the Electron transport. */
export const INVOKE_CHANNEL = 'cadredesk:invoke';
export const EVENT_CHANNEL = 'cadredesk:event';

// window.cadreDesk's type, derived from the contract: 'app.info' becomes cadreDesk.app.info().
type Namespace<N> = N extends `${infer NS}.${string}` ? NS : never;
type Member<N, NS extends string> = N extends `${NS}.${infer M}` ? M : never;
type Call<M extends MethodName> = undefined extends MethodInput<M>
  ? (arg?: MethodInput<M>) => Promise<MethodResult<M>>
  : (arg: MethodInput<M>) => Promise<MethodResult<M>>;

export type CadreDeskApi = {
  [NS in Namespace<MethodName>]: { [K in Member<MethodName, NS>]: Call<`${NS}.${K}` & MethodName> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
