import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors';
import { writeFileAtomic } from '../fsAtomic';
import { pdfPaths } from '../print/fileNames';
import { PrintCanceled } from '../print/ready';
import { printTarget, type PrintTarget } from '../print/target';
import type { FileGrants } from './fileGrants';
import type { CallContext, Handlers } from './dispatch';

// Printing (docs/printing.md): the handlers check the route and the file, and leave the rendering to an injected
// printer — a hidden BrowserWindow in the app (electron/print/electronPrinter.ts), a Playwright page in the tests.

export interface RenderOptions {
  signal: AbortSignal;
  /** Forms laid out so far, as the page reports them. */
  onProgress: (done: number, total: number) => void;
}

/** What prints: renders a checked print route and waits for its ready mark before printing. */
export interface Printer {
  /** The route as PDF (A4; landscape for rosters), its page count and the boxes that overflow. Throws PrintCanceled when aborted. */
  pdf(target: PrintTarget, options: RenderOptions): Promise<{ pdf: Uint8Array; pages: number; overflows: string[] }>;
  /** The system print dialog; false when the person cancelled it. */
  print(target: PrintTarget): Promise<boolean>;
}

const notGranted = () => new UserError('只能保存到在对话框中选择的位置，请重新选择保存位置。');

async function writePdf(file: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(file, bytes); // owner-only: a PDF holds personal data
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `无法写入 ${path.basename(file)}：${code === 'EACCES' || code === 'EPERM' ? '没有写入权限，请换一个文件夹' : '请检查磁盘是否已满，或该文件是否正被其他程序打开'}。`,
    );
  }
}

export function printHandlers(printer: Printer, grants: FileGrants): Pick<Handlers, 'print.print' | 'print.savePdf' | 'print.savePdfEach' | 'print.cancel'> {
  const running = new Map<string, AbortController>();
  const task = (taskId: string | undefined) => {
    const controller = new AbortController();
    if (taskId) running.set(taskId, controller);
    return { signal: controller.signal, done: () => taskId && running.get(taskId) === controller && running.delete(taskId) };
  };
  const progress = (ctx: CallContext, taskId: string | undefined, label: string) => (done: number, total: number) => {
    if (taskId) ctx.emit('progress', { taskId, label, done, total });
  };

  return {
    'print.print': async ({ route }) => ({ printed: await printer.print(printTarget(route)) }),

    'print.savePdf': async ({ route, path: file, taskId }, ctx) => {
      const target = printTarget(route);
      if (!grants.mayWrite(file)) throw notGranted();
      const { signal, done } = task(taskId);
      try {
        const label = target.kind === 'roster' ? '正在排版干部名册' : '正在排版任免审批表';
        const { pdf, pages, overflows } = await printer.pdf(target, { signal, onProgress: progress(ctx, taskId, label) });
        if (signal.aborted) return { canceled: true, pages: 0, bytesWritten: 0, overflows: [] };
        await writePdf(file, pdf);
        return { canceled: false, pages, bytesWritten: pdf.byteLength, overflows };
      } catch (error) {
        if (error instanceof PrintCanceled) return { canceled: true, pages: 0, bytesWritten: 0, overflows: [] };
        throw error;
      } finally {
        done();
      }
    },

    'print.savePdfEach': async ({ items, folder, taskId }, ctx) => {
      const targets = items.map((item) => printTarget(item.route));
      if (!grants.mayWriteInto(folder)) throw notGranted();
      const files = pdfPaths(folder, items.map((i) => i.name), existsSync);
      const { signal, done } = task(taskId);
      const report = progress(ctx, taskId, '正在导出任免审批表');
      const written: string[] = [];
      const overflows: string[] = [];
      try {
        report(0, targets.length);
        for (const [i, target] of targets.entries()) {
          if (signal.aborted) return { canceled: true, files: written, overflows };
          const pdf = await printer.pdf(target, { signal, onProgress: () => {} });
          await writePdf(files[i]!, pdf.pdf);
          written.push(files[i]!);
          overflows.push(...pdf.overflows);
          report(i + 1, targets.length);
        }
        return { canceled: false, files: written, overflows };
      } catch (error) {
        if (error instanceof PrintCanceled) return { canceled: true, files: written, overflows };
        throw error;
      } finally {
        done();
      }
    },

    'print.cancel': async ({ taskId }) => {
      const controller = running.get(taskId);
      controller?.abort();
      return { canceled: controller !== undefined };
    },
  };
}
