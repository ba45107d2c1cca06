import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileGrants } from '../../../electron/ipc/fileGrants';
import { printHandlers, type Printer } from '../../../electron/ipc/print';
import type { CallContext } from '../../../electron/ipc/dispatch';
import { pdfPaths, safeFileName } from '../../../electron/print/fileNames';
import { PrintCanceled, waitForReady, type ReadyState } from '../../../electron/print/ready';
import { pageUrlOf, printTarget, readyTimeoutMs } from '../../../electron/print/target';
import { UserError } from '../../../shared/errors';
import { contract } from '../../../shared/ipc';

describe('the main process prints only print routes', () => {
  it('accepts a print route and says how to print it', () => {
    expect(printTarget('#/print?kind=roster&cols=name')).toEqual({ route: '#/print?kind=roster&cols=name', kind: 'roster', landscape: true, count: 1 });
    expect(printTarget('#/print?kind=appointment&ids=a,b,c')).toMatchObject({ kind: 'appointment', landscape: false, count: 3 });
    expect(pageUrlOf('app://cadredesk', '#/print?kind=roster')).toBe('app://cadredesk/index.html#/print?kind=roster');
    expect(readyTimeoutMs(printTarget('#/print?kind=appointment&ids=a,b'))).toBeGreaterThan(readyTimeoutMs(printTarget('#/print?kind=appointment&ids=a')));
  });

  it.each(['#/roster', 'https://example.com/#/print?kind=roster', '#/print?kind=roster/../x', '#/print?kind=x', 'file:///etc/passwd'])(
    'refuses %s with a Chinese message, in the handler and in the contract',
    (route) => {
      expect(() => printTarget(route)).toThrow(UserError);
      expect(() => printTarget(route)).toThrow(/只能打印本程序的打印页面/);
      expect(contract['print.print'].input.safeParse({ route }).success).toBe(false);
    },
  );
});

describe('waiting for the ready mark', () => {
  const states = (...list: Partial<ReadyState>[]) => {
    const queue = list.map((s) => ({ ready: false, pages: 0, error: null, progress: null, overflows: [], ...s }));
    return vi.fn(async () => (queue.length > 1 ? queue.shift()! : queue[0]!));
  };
  const fast = { sleep: async () => {}, timeoutMs: 10_000 };

  it('returns the page count once ready, reporting progress as it changes', async () => {
    const onProgress = vi.fn();
    const read = states({ progress: '1/3' }, { progress: '1/3' }, { progress: '3/3' }, { ready: true, pages: 6, progress: '3/3', overflows: ['张三：简历 超出格子，请精简后再打印'] });
    expect(await waitForReady(read, { ...fast, onProgress })).toEqual({ pages: 6, overflows: ['张三：简历 超出格子，请精简后再打印'] });
    expect(onProgress.mock.calls).toEqual([
      [1, 3],
      [3, 3],
    ]);
  });

  it('passes on the page’s own message, and gives up after the time allowed', async () => {
    await expect(waitForReady(states({ error: '找不到该干部的档案' }), fast)).rejects.toThrow(new UserError('找不到该干部的档案'));
    let t = 0;
    await expect(waitForReady(states({}), { sleep: async () => void (t += 1_000), now: () => t, timeoutMs: 5_000 })).rejects.toThrow(/超时/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const read = vi.fn(async () => {
      controller.abort();
      return { ready: false, pages: 0, error: null, progress: null, overflows: [] };
    });
    await expect(waitForReady(read, { ...fast, signal: controller.signal })).rejects.toBeInstanceOf(PrintCanceled);
  });
});

describe('file names for one PDF per cadre', () => {
  it('keeps the name, drops what Windows refuses, and never repeats a name or overwrites a file', () => {
    expect(safeFileName('张三')).toBe('张三');
    expect(safeFileName('a/b\\c:*?"<>|')).toBe('abc');
    expect(safeFileName(' .. ')).toBe('任免审批表');
    expect(safeFileName('CON')).toBe('任免审批表');
    const existing = new Set([path.join('/out', '李四.pdf')]);
    expect(pdfPaths('/out', ['张三', '张三', '李四', '王五'], (f) => existing.has(f))).toEqual([
      path.join('/out', '张三.pdf'),
      path.join('/out', '张三(2).pdf'),
      path.join('/out', '李四(2).pdf'),
      path.join('/out', '王五.pdf'),
    ]);
  });
});

describe('the print handlers', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'cadredesk-print-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const route = (id: string) => `#/print?kind=appointment&ids=${id}`;
  const pdfOf = (text: string) => new TextEncoder().encode(`%PDF-${text}`);
  const emitted: unknown[] = [];
  const ctx: CallContext = { emit: (name, payload) => void emitted.push([name, payload]) };
  beforeEach(() => void emitted.splice(0));

  function setup(printer: Partial<Printer> = {}) {
    const grants = createFileGrants();
    const fx: Printer = {
      pdf: vi.fn(async (target, { onProgress }) => {
        onProgress(1, 1);
        return { pdf: pdfOf(target.route), pages: 2, overflows: target.route.includes('c2') ? ['李四：简历 超出格子，请精简后再打印'] : [] };
      }),
      print: vi.fn(async () => true),
      ...printer,
    };
    return { grants, fx, h: printHandlers(fx, grants) };
  }

  it('saves a route as PDF only to a path picked in a dialog, and reports progress', async () => {
    const { grants, h } = setup();
    const file = path.join(dir, '任免审批表.pdf');
    await expect(h['print.savePdf']({ route: route('c1'), path: file }, ctx)).rejects.toThrow(/对话框中选择/);
    expect(existsSync(file)).toBe(false);
    grants.grantWrite([file]);
    expect(await h['print.savePdf']({ route: route('c1'), path: file, taskId: 't' }, ctx)).toEqual({ canceled: false, pages: 2, bytesWritten: pdfOf(route('c1')).byteLength, overflows: [] });
    expect(readFileSync(file, 'utf8')).toBe(`%PDF-${route('c1')}`);
    expect(emitted).toEqual([['progress', { taskId: 't', label: '正在排版任免审批表', done: 1, total: 1 }]]);
    // no temporary file left beside it
    expect(readdirSync(dir)).toEqual(['任免审批表.pdf']);
    // what still overflowed is said with the answer: a saved PDF is never cut silently
    expect((await h['print.savePdf']({ route: route('c2'), path: file }, ctx)).overflows).toEqual(['李四：简历 超出格子，请精简后再打印']);
  });

  it('refuses a route that is not a print route before rendering anything', async () => {
    const { grants, fx, h } = setup();
    const file = path.join(dir, 'x.pdf');
    grants.grantWrite([file]);
    await expect(h['print.savePdf']({ route: '#/settings', path: file }, ctx)).rejects.toThrow(UserError);
    expect(fx.pdf).not.toHaveBeenCalled();
  });

  it('writes one file per cadre only into a folder picked in a folder dialog', async () => {
    const { grants, fx, h } = setup();
    const items = [{ route: route('a'), name: '张三' }];
    // a file picked in a save dialog does not open its folder to other names
    grants.grantWrite([path.join(dir, '任免审批表.pdf')]);
    await expect(h['print.savePdfEach']({ items, folder: dir, taskId: 'x' }, ctx)).rejects.toThrow(/对话框中选择/);
    grants.grantFolder([path.join(dir, 'other')]);
    await expect(h['print.savePdfEach']({ items, folder: dir, taskId: 'x' }, ctx)).rejects.toThrow(/对话框中选择/);
    expect(fx.pdf).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes one file per cadre into the picked folder, with progress, and stops on cancel', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const { grants, h } = setup({
      pdf: async (target) => {
        if (++calls === 2) await gate; // the second file waits until cancel has been pressed
        return { pdf: pdfOf(target.route), pages: 2, overflows: [`${target.route}超出`] };
      },
    });
    grants.grantFolder([dir]);
    writeFileSync(path.join(dir, '王五.pdf'), 'already there');
    const items = [
      { route: route('a'), name: '张三' },
      { route: route('b'), name: '王五' },
      { route: route('c'), name: '李四' },
    ];
    const running = h['print.savePdfEach']({ items, folder: dir, taskId: 'batch' }, ctx);
    await vi.waitFor(() => expect(calls).toBe(2));
    expect(await h['print.cancel']({ taskId: 'batch' }, ctx)).toEqual({ canceled: true });
    release();
    const result = await running;
    // the file being made when cancel came is finished; nothing after it is started
    expect(result.canceled).toBe(true);
    expect(result.files).toEqual([path.join(dir, '张三.pdf'), path.join(dir, '王五(2).pdf')]);
    expect(result.overflows).toEqual([`${route('a')}超出`, `${route('b')}超出`]);
    expect(calls).toBe(2);
    expect(readFileSync(path.join(dir, '王五.pdf'), 'utf8')).toBe('already there');
    expect(emitted.map((e) => (e as [string, { done: number }])[1].done)).toEqual([0, 1, 2]);
    expect(await h['print.cancel']({ taskId: 'batch' }, ctx)).toEqual({ canceled: false });
  });

  it('answers canceled when the printer was stopped, and passes the system dialog’s answer on', async () => {
    const { grants, h } = setup({ pdf: async () => Promise.reject(new PrintCanceled()), print: async () => false });
    const file = path.join(dir, 'x.pdf');
    grants.grantWrite([file]);
    expect(await h['print.savePdf']({ route: route('a'), path: file }, ctx)).toEqual({ canceled: true, pages: 0, bytesWritten: 0, overflows: [] });
    expect(existsSync(file)).toBe(false);
    expect(await h['print.print']({ route: '#/print?kind=roster' }, ctx)).toEqual({ printed: false });
  });
});
