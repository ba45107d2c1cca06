import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { createElectronPrinter } from '../../../electron/print/electronPrinter';
import { PrintCanceled, type ReadyState } from '../../../electron/print/ready';
import { printTarget } from '../../../electron/print/target';
import { UserError } from '../../../shared/errors';

// The app's printer with a stand-in BrowserWindow: what it loads, when it prints, and that the hidden window never
// outlives the job.

function fakeWindow(states: Partial<ReadyState>[], printAnswer: [boolean, string] = [true, '']) {
  let destroyed = false;
  const queue = states.map((s) => ({ ready: false, pages: 0, error: null, progress: null, overflows: [], ...s }));
  const win = {
    loadURL: vi.fn(async () => {}),
    isDestroyed: () => destroyed,
    destroy: vi.fn(() => void (destroyed = true)),
    webContents: {
      executeJavaScript: vi.fn(async () => (queue.length > 1 ? queue.shift() : queue[0])),
      printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7 fake')),
      print: vi.fn((_options: unknown, done: (ok: boolean, reason: string) => void) => done(...printAnswer)),
    },
  };
  return { win, asWindow: win as unknown as BrowserWindow };
}

describe('the Electron printer', () => {
  it('loads the print route on the app origin, waits for the ready mark, prints A4 landscape for a roster, then closes the window', async () => {
    const { win, asWindow } = fakeWindow([{ progress: '1/1' }, { ready: true, pages: 3, overflows: ['甲'] }]);
    const printer = createElectronPrinter({ origin: 'app://cadredesk', createWindow: () => asWindow });
    const onProgress = vi.fn();
    const out = await printer.pdf(printTarget('#/print?kind=roster&cols=name'), { signal: new AbortController().signal, onProgress });
    expect(win.loadURL).toHaveBeenCalledWith('app://cadredesk/index.html#/print?kind=roster&cols=name');
    expect(win.webContents.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ landscape: true, pageSize: 'A4', preferCSSPageSize: true }));
    expect(new TextDecoder().decode(out.pdf)).toBe('%PDF-1.7 fake');
    expect(out).toMatchObject({ pages: 3, overflows: ['甲'] });
    expect(onProgress).toHaveBeenCalledWith(1, 1);
    expect(win.destroy).toHaveBeenCalled();
  });

  it('closes the window on a page error and on cancel', async () => {
    const broken = fakeWindow([{ error: '要打印的干部档案不存在或已删除' }]);
    const printer = createElectronPrinter({ origin: 'app://cadredesk', createWindow: () => broken.asWindow });
    await expect(printer.pdf(printTarget('#/print?kind=appointment&ids=x'), { signal: new AbortController().signal, onProgress: () => {} })).rejects.toThrow(UserError);
    expect(broken.win.destroy).toHaveBeenCalled();

    const waiting = fakeWindow([{}]);
    const controller = new AbortController();
    const slow = createElectronPrinter({ origin: 'app://cadredesk', createWindow: () => waiting.asWindow });
    const job = slow.pdf(printTarget('#/print?kind=appointment&ids=x'), { signal: controller.signal, onProgress: () => {} });
    controller.abort();
    await expect(job).rejects.toBeInstanceOf(PrintCanceled);
    expect(waiting.win.destroy).toHaveBeenCalled();
    expect(waiting.win.webContents.printToPDF).not.toHaveBeenCalled();
  });

  it('shows the system dialog portrait for a form; closing it is no error, a failed print is a Chinese one', async () => {
    const ok = fakeWindow([{ ready: true, pages: 2 }]);
    expect(await createElectronPrinter({ origin: 'app://cadredesk', createWindow: () => ok.asWindow }).print(printTarget('#/print?kind=appointment&ids=x'))).toBe(true);
    expect(ok.win.webContents.print).toHaveBeenCalledWith(expect.objectContaining({ silent: false, landscape: false }), expect.any(Function));
    const closed = fakeWindow([{ ready: true, pages: 2 }], [false, 'cancelled']);
    expect(await createElectronPrinter({ origin: 'app://cadredesk', createWindow: () => closed.asWindow }).print(printTarget('#/print?kind=roster'))).toBe(false);
    const failed = fakeWindow([{ ready: true, pages: 2 }], [false, 'failed']);
    await expect(createElectronPrinter({ origin: 'app://cadredesk', createWindow: () => failed.asWindow }).print(printTarget('#/print?kind=roster'))).rejects.toThrow(/打印没有完成/);
    expect(failed.win.destroy).toHaveBeenCalled();
  });
});
