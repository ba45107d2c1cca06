import type { BrowserContext } from 'playwright-core';
import path from 'node:path';
import { EVENT_CHANNEL, eventNames, methodNames } from '../../shared/ipc';
import { buildCadreDeskApi } from '../../shared/ipcClient';
import { createDispatcher } from '../../electron/ipc/dispatch';
import { createHandlers } from '../../electron/ipc';
import type { Dialogs } from '../../electron/ipc/dialog';
import { loadOrCreateIdentity, type Identity } from '../../electron/keys/identity';
import { createProfileStore } from '../../electron/profile';

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

/** What electron/main.ts does at start: load or create the installation's keys, build the handlers and dispatcher. */
export async function createMainSide(options: MainSideOptions): Promise<{ identity: Identity; dispatch: Dispatch }> {
  const identity = await loadOrCreateIdentity(path.join(options.userDataDir, 'keys'), null);
  const dispatch = createDispatcher(
    createHandlers({
      appName: '干部选育管用信息系统',
      appVersion: options.appVersion,
      userDataDir: options.userDataDir,
      identity,
      profiles: createProfileStore(options.userDataDir),
      dialogs: options.dialogs,
    }),
    { allowedOrigin: options.allowedOrigin, logError: options.logError },
  );
  return { identity, dispatch };
}

/**
 * What the preload does, for every page of the context: a binding that hands each call to the dispatcher with the
 * calling frame's URL (so the origin check is the real one), and window.cadreDesk built before the app's scripts run.
 */
export async function wireContext(context: BrowserContext, dispatch: Dispatch): Promise<void> {
  await context.exposeBinding('__cadreDeskInvoke', ({ frame, page }, method: string, arg: unknown) =>
    dispatch(frame.url(), method, arg, {
      emit: (name, payload) =>
        void page
          .evaluate(([n, p]) => (window as unknown as { __cadreDeskEvent(n: string, p: unknown): void }).__cadreDeskEvent(n, p), [name, payload] as const)
          .catch(() => undefined),
    }),
  );
  await context.addInitScript({
    // __name: loaders built on esbuild (tsx, which runs the try launcher) wrap named inner functions of
    // buildCadreDeskApi's source in a helper that exists only in Node; the page gets a do-nothing one.
    content: `(() => {
        const __name = (f) => f;
        const listeners = new Map();
        Object.defineProperty(window, '__cadreDeskEvent', { value: (name, payload) => {
          for (const listener of listeners.get(name) ?? []) listener(payload);
        } });
        const build = (${buildCadreDeskApi.toString()});
        window.cadreDesk = build(${JSON.stringify(methodNames)}, ${JSON.stringify(eventNames)},
          (method, arg) => window.__cadreDeskInvoke(method, arg),
          (event, listener) => {
            const set = listeners.get(event) ?? new Set();
            listeners.set(event, set);
            set.add(listener);
            return () => set.delete(listener);
          });
      })(); // channel ${EVENT_CHANNEL}`,
  });
}
