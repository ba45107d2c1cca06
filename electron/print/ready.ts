import { UserError } from '../../shared/errors';
import { PRINT_MARKS } from '../../shared/print/route';

// Waiting for a print page to be laid out (docs/printing.md): the page marks itself ready (fonts loaded, boxes
// fitted) with its page count, or says why it cannot be printed. Both printers — Electron's hidden window and the
// tests' Playwright page — read the marks with the script below and wait with this loop.

export interface ReadyState {
  ready: boolean;
  pages: number;
  error: string | null;
  /** "12/200" while many forms are being laid out. */
  progress: string | null;
  /** The boxes that still overflow, as the page words them. */
  overflows: string[];
}

/** An expression that evaluates, in the page, to its ReadyState. */
export const READ_STATE_SCRIPT = `(() => {
  const d = document.documentElement.dataset;
  let overflows = [];
  try { overflows = JSON.parse(d.${PRINT_MARKS.overflows} || '[]'); } catch { overflows = ['页面的超出格子清单无法读取']; }
  return { ready: d.${PRINT_MARKS.ready} === '1', pages: Number(d.${PRINT_MARKS.pages} || 0), error: d.${PRINT_MARKS.error} || null, progress: d.${PRINT_MARKS.progress} || null, overflows: Array.isArray(overflows) ? overflows.map(String) : [] };
})()`;

/** Thrown when the person cancelled: the handler answers { canceled: true } rather than an error. */
export class PrintCanceled extends Error {
  constructor() {
    super('canceled');
    this.name = 'PrintCanceled';
  }
}

export interface WaitOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  onProgress?: (done: number, total: number) => void;
  /** Between two reads (injected so tests need not wait). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  pollMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls the page until it is ready and returns its page count and overflow report; an error, a timeout or a cancel throws. */
export async function waitForReady(read: () => Promise<ReadyState>, options: WaitOptions): Promise<{ pages: number; overflows: string[] }> {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  let lastProgress: string | null = null;
  for (;;) {
    if (options.signal?.aborted) throw new PrintCanceled();
    const state = await read();
    if (state.error) throw new UserError(state.error);
    if (state.progress && state.progress !== lastProgress) {
      lastProgress = state.progress;
      const [done, total] = state.progress.split('/').map(Number);
      if (Number.isFinite(done) && Number.isFinite(total)) options.onProgress?.(done!, total!);
    }
    if (state.ready) return { pages: state.pages, overflows: state.overflows.slice(0, 500) };
    if (now() > deadline) throw new UserError('打印页面排版超时，请关闭其他程序后重试；如仍不行，请减少一次打印的人数。');
    await sleep(options.pollMs ?? 200);
  }
}
