import { z } from 'zod';
import { MAX_ROUTE_LENGTH, parsePrintRoute } from '../print/route';
import { method, type MethodSpec } from './method';

// Printing's part of the IPC contract (docs/architecture.md#ipc-contract; docs/printing.md): the renderer names a
// print route, the main process renders it in a hidden window and prints it through the system dialog or saves it
// as PDF into a file the person picked in a save dialog. Long runs report the `progress` event under `taskId` and
// stop on `print.cancel`.

const RouteSchema = z
  .string()
  .max(MAX_ROUTE_LENGTH, '要打印的人数过多，请分批打印')
  .refine((r) => parsePrintRoute(r) !== null, '只能打印本程序的打印页面');
const PathSchema = z.string().min(1).max(4096);
const TaskIdSchema = z.string().min(1).max(64);
/** Boxes that still overflowed in what was saved ("张三：简历 超出格子，请精简后再打印"), so a batch is never cut silently. */
const OverflowsSchema = z.array(z.string().max(300)).max(10_000);

export const PrintSaveSchema = z.object({ route: RouteSchema, path: PathSchema, taskId: TaskIdSchema.optional() });
export const PrintSaveEachSchema = z.object({
  /** One route and file name (the cadre's name) per file. */
  items: z
    .array(z.object({ route: RouteSchema, name: z.string().min(1).max(100) }))
    .min(1)
    .max(2_000),
  /** A folder the person picked in a folder dialog: the files go straight into it, never over an existing file. */
  folder: PathSchema,
  taskId: TaskIdSchema,
});

export const printMethods = {
  /** The system print dialog (printer, copies) for a print route. */
  'print.print': method(z.object({ route: RouteSchema }), z.object({ printed: z.boolean() })),
  /** A print route as one PDF file. */
  'print.savePdf': method(
    PrintSaveSchema,
    z.object({ canceled: z.boolean(), pages: z.number().int().nonnegative(), bytesWritten: z.number().int().nonnegative(), overflows: OverflowsSchema }),
  ),
  /** One PDF per route into the picked folder. */
  'print.savePdfEach': method(PrintSaveEachSchema, z.object({ canceled: z.boolean(), files: z.array(z.string()), overflows: OverflowsSchema })),
  /** Stops a running save at the next form or file; what is written stays. */
  'print.cancel': method(z.object({ taskId: TaskIdSchema }), z.object({ canceled: z.boolean() })),
} as const satisfies Record<`print.${string}`, MethodSpec>;
