import type { BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { EVENT_CHANNEL, eventNames, methodNames } from '../../shared/ipc';
import { buildCadreDeskApi } from '../../shared/ipcClient';
import { BYTE_CHANNEL_MIN, type ByteChannel } from './byteChannel';
import { createDispatcher } from '../../electron/ipc/dispatch';
import { createHandlers } from '../../electron/ipc';
import type { Dialogs } from '../../electron/ipc/dialog';
import { loadOrCreateIdentity, type Identity } from '../../electron/keys/identity';
import { createProfileStore } from '../../electron/profile';
import type { Printer } from '../../electron/ipc/print';
import { PrintCanceled, READ_STATE_SCRIPT, waitForReady, type ReadyState } from '../../electron/print/ready';
import { pageUrlOf, readyTimeoutMs, type PrintTarget } from '../../electron/print/target';

/**
 * The second transport of docs/architecture.md ("Two transports, one handler set"), shared by the e2e fixture and
 * the try launcher (test/try/): the same handler set and dispatcher as electron/main.ts, run in this Node process,
 * and window.cadreDesk built in the page by the same buildCadreDeskApi as the preload. Test tooling only: nothing
 * here ships.
 */
export type Dispatch = ReturnType<typeof createDispatcher>;

export interface MainSideOptions {
  /** The main process's user-data folder: keys/, the installation profile. */
  userDataDir: string;
  /** The only page origin the dispatcher answers (the preview server's). */
  allowedOrigin: string;
  appVersion: string;
  dialogs: Dialogs;
  logError: (method: string, error: unknown) => void;
}

/** The browser context print pages open in: set by wireContext, read by the printer of the same main side. */
const printContexts = new WeakMap<Dispatch, { context: BrowserContext | null }>();

/**
 * The printer of docs/printing.md for this transport: the same print route, opened in a new page of the same
 * browser context (so it reads the same IndexedDB and has window.cadreDesk), waited for with the same ready loop as
 * the app's hidden window, then `page.pdf()`. The system print dialog cannot be shown here: print() lays the page
 * out and answers that it printed.
 */
function playwrightPrinter(holder: { context: BrowserContext | null }, origin: string): Printer {
  async function openReady(
    target: PrintTarget,
    signal?: AbortSignal,
    onProgress?: (d: number, t: number) => void,
  ): Promise<{ page: Page; pages: number; overflows: string[] }> {
    if (!holder.context) throw new Error('print: no browser context is wired yet');
    const page = await holder.context.newPage();
    try {
      await page.goto(pageUrlOf(origin, target.route));
      const laid = await waitForReady(() => page.evaluate(READ_STATE_SCRIPT) as Promise<ReadyState>, { signal, timeoutMs: readyTimeoutMs(target), onProgress });
      return { page, ...laid };
    } catch (error) {
      await page.close();
      throw error;
    }
  }
  return {
    async pdf(target, { signal, onProgress }) {
      const { page, pages, overflows } = await openReady(target, signal, onProgress);
      try {
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, landscape: target.landscape });
        if (signal.aborted) throw new PrintCanceled();
        return { pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), pages, overflows };
      } finally {
        await page.close();
      }
    },
    async print(target) {
      const { page } = await openReady(target);
      await page.close();
      return true;
    },
  };
}

/** What electron/main.ts does at start: load or create the installation's keys, build the handlers and dispatcher. */
export async function createMainSide(options: MainSideOptions): Promise<{ identity: Identity; dispatch: Dispatch }> {
  const identity = await loadOrCreateIdentity(path.join(options.userDataDir, 'keys'), null);
  const printContext: { context: BrowserContext | null } = { context: null };
  const dispatch = createDispatcher(
    createHandlers({
      appName: '干部选育管用信息系统',
      appVersion: options.appVersion,
      userDataDir: options.userDataDir,
      identity,
      profiles: createProfileStore(options.userDataDir),
      dialogs: options.dialogs,
      printer: playwrightPrinter(printContext, options.allowedOrigin),
    }),
    { allowedOrigin: options.allowedOrigin, logError: options.logError },
  );
  printContexts.set(dispatch, printContext);
  return { identity, dispatch };
}

// Bytes cross Playwright's binding as base64 strings: its own encoding of a typed array is several times slower,
// which made a bundle's read calls in the bench (4 MiB entries) take seconds each. Electron's IPC needs none of
// this: it copies typed arrays as they are. With a byte channel (./byteChannel.ts, the bench's), large arrays go
// through it instead and the binding carries their reference.
const WIRE_KEY = '__cadreDeskBytes';
const REF_KEY = '__cadreDeskBytesRef';
type Wired = { [WIRE_KEY]: string };
type Referred = { [REF_KEY]: string };
const isWired = (v: unknown): v is Wired => typeof v === 'object' && v !== null && typeof (v as Wired)[WIRE_KEY] === 'string';
const isReferred = (v: unknown): v is Referred => typeof v === 'object' && v !== null && typeof (v as Referred)[REF_KEY] === 'string';

/** Node side: the page's base64 (or channel references) back into Uint8Array, at any depth. */
export function bytesFromWire(value: unknown, channel?: ByteChannel): unknown {
  if (isWired(value)) return new Uint8Array(Buffer.from(value[WIRE_KEY], 'base64'));
  if (isReferred(value)) {
    if (!channel) throw new Error('a byte reference without a byte channel');
    return channel.take(value[REF_KEY]);
  }
  if (Array.isArray(value)) return value.map((v) => bytesFromWire(v, channel));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bytesFromWire(v, channel)]));
  }
  return value;
}

/** Node side: every Uint8Array of a result as base64 (or, when large and there is a channel, a reference), at any depth. */
export function bytesToWire(value: unknown, channel?: ByteChannel): unknown {
  if (value instanceof Uint8Array) {
    if (channel && value.byteLength >= BYTE_CHANNEL_MIN) return { [REF_KEY]: channel.offer(value) };
    return { [WIRE_KEY]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  if (Array.isArray(value)) return value.map((v) => bytesToWire(v, channel));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bytesToWire(v, channel)]));
  }
  return value;
}

/** The page's half of the same, as script text for the init script (`channelUrl`: the byte channel's, or null). */
const pageWire = (channelUrl: string | null) => `
  const WIRE_KEY = ${JSON.stringify(WIRE_KEY)};
  const REF_KEY = ${JSON.stringify(REF_KEY)};
  const CHANNEL = ${JSON.stringify(channelUrl)};
  const CHANNEL_MIN = ${BYTE_CHANNEL_MIN};
  const plain = (v) => v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
  const encode = (bytes) => {
    if (typeof bytes.toBase64 === 'function') return bytes.toBase64();
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(text);
  };
  const decode = (text) => {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
    const bin = atob(text);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  };
  const upload = async (bytes) => {
    // (a Blob: with a typed array as the body, an upload took about ten times as long here)
    const response = await fetch(CHANNEL + '/put', { method: 'POST', body: new Blob([bytes]) });
    if (!response.ok) throw new Error('byte channel: upload refused (' + response.status + ')');
    return { [REF_KEY]: await response.text() };
  };
  const download = async (id) => {
    const response = await fetch(CHANNEL + '/get?id=' + encodeURIComponent(id));
    if (!response.ok) throw new Error('byte channel: download refused (' + response.status + ')');
    return new Uint8Array(await response.arrayBuffer());
  };
  const entries = async (v, f) => Object.fromEntries(await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await f(x)])));
  const toWire = async (v) => v instanceof Uint8Array ? (CHANNEL && v.byteLength >= CHANNEL_MIN ? upload(v) : { [WIRE_KEY]: encode(v) })
    : Array.isArray(v) ? Promise.all(v.map(toWire))
    : plain(v) ? entries(v, toWire) : v;
  const fromWire = async (v) => v && typeof v === 'object' && typeof v[WIRE_KEY] === 'string' ? decode(v[WIRE_KEY])
    : v && typeof v === 'object' && typeof v[REF_KEY] === 'string' ? download(v[REF_KEY])
    : Array.isArray(v) ? Promise.all(v.map(fromWire))
    : plain(v) ? entries(v, fromWire) : v;
`;

/**
 * What the preload does, for every page of the context: a binding that hands each call to the dispatcher with the
 * calling frame's URL (so the origin check is the real one), and window.cadreDesk built before the app's scripts run.
 */
export async function wireContext(context: BrowserContext, dispatch: Dispatch, channel?: ByteChannel): Promise<void> {
  const printContext = printContexts.get(dispatch);
  if (printContext) printContext.context = context;
  await context.exposeBinding('__cadreDeskInvoke', async ({ frame, page }, method: string, arg: unknown) =>
    bytesToWire(
      await dispatch(frame.url(), method, bytesFromWire(arg, channel), {
      emit: (name, payload) =>
        void page
          .evaluate(([n, p]) => (window as unknown as { __cadreDeskEvent(n: string, p: unknown): void }).__cadreDeskEvent(n, p), [name, payload] as const)
          .catch(() => undefined),
      }),
      channel,
    ),
  );
  await context.addInitScript({
    // __name: loaders built on esbuild (tsx, which runs the try launcher) wrap named inner functions of
    // buildCadreDeskApi's source in a helper that exists only in Node; the page gets a do-nothing one.
    content: `(() => {
        const __name = (f) => f;
        ${pageWire(channel?.url ?? null)}
        const listeners = new Map();
        Object.defineProperty(window, '__cadreDeskEvent', { value: (name, payload) => {
          for (const listener of listeners.get(name) ?? []) listener(payload);
        } });
        const build = (${buildCadreDeskApi.toString()});
        window.cadreDesk = build(${JSON.stringify(methodNames)}, ${JSON.stringify(eventNames)},
          async (method, arg) => fromWire(await window.__cadreDeskInvoke(method, await toWire(arg))),
          (event, listener) => {
            const set = listeners.get(event) ?? new Set();
            listeners.set(event, set);
            set.add(listener);
            return () => set.delete(listener);
          });
      })(); // channel ${EVENT_CHANNEL}`,
  });
}
