import type { BrowserWindow } from 'electron';
import { UserError } from '../../shared/errors';
import type { Printer } from '../ipc/print';
import { PrintCanceled, READ_STATE_SCRIPT, waitForReady } from './ready';
import { pageUrlOf, readyTimeoutMs, type PrintTarget } from './target';

// The app's printer (docs/printing.md): each print route is opened in a hidden window of the app's own origin —
// sandboxed, with the same preload and webPreferences as the main window, so it reads the same IndexedDB — and
// printed once its ready mark is there. Electron itself is passed in (main.ts makes the windows), so this file
// stays testable in plain Node.

export interface ElectronPrinterOptions {
  /** A new hidden window (show: false) with the main window's webPreferences. */
  createWindow: () => BrowserWindow;
  /** app://cadredesk, or the dev server's origin. */
  origin: string;
}

async function openReady(options: ElectronPrinterOptions, target: PrintTarget, signal?: AbortSignal, onProgress?: (d: number, t: number) => void) {
  const win = options.createWindow();
  const abort = () => {
    if (!win.isDestroyed()) win.destroy();
  };
  signal?.addEventListener('abort', abort, { once: true });
  try {
    await win.loadURL(pageUrlOf(options.origin, target.route));
    const laid = await waitForReady(() => win.webContents.executeJavaScript(READ_STATE_SCRIPT, true), {
      signal,
      timeoutMs: readyTimeoutMs(target),
      onProgress,
    });
    return { win, ...laid, release: () => (signal?.removeEventListener('abort', abort), abort()) };
  } catch (error) {
    signal?.removeEventListener('abort', abort);
    abort();
    throw signal?.aborted ? new PrintCanceled() : error;
  }
}

export function createElectronPrinter(options: ElectronPrinterOptions): Printer {
  return {
    async pdf(target, { signal, onProgress }) {
      const { win, pages, overflows, release } = await openReady(options, target, signal, onProgress);
      try {
        const pdf = await win.webContents.printToPDF({
          landscape: target.landscape,
          pageSize: 'A4',
          printBackground: true,
          // the page's own @page rule and its page elements set the paper and the margins
          preferCSSPageSize: true,
          margins: { marginType: 'none' },
        });
        return { pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), pages, overflows };
      } catch (error) {
        if (signal.aborted) throw new PrintCanceled();
        throw error;
      } finally {
        release();
      }
    },
    async print(target) {
      const { win, release } = await openReady(options, target);
      try {
        return await new Promise<boolean>((resolve, reject) =>
          win.webContents.print(
            { silent: false, printBackground: true, landscape: target.landscape, pageSize: 'A4', margins: { marginType: 'none' } },
            (success, failureReason) => {
              // the person closing the dialog is not an error
              if (success || failureReason === 'cancelled') resolve(success);
              else reject(new UserError('打印没有完成：请检查打印机是否已连接、已开机且有纸，然后重试。'));
            },
          ),
        );
      } finally {
        release();
      }
    },
  };
}
