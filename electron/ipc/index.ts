import { appHandlers, type AppEffects } from './app';
import { dialogHandlers, type Dialogs } from './dialog';
import { createFileGrants } from './fileGrants';
import { fileHandlers } from './file';
import { syncHandlers } from './sync';
import { printHandlers, type Printer } from './print';
import { exchangeHandlers } from './exchange';
import { supervisionHandlers } from './supervision';
import type { Identity } from '../keys/identity';
import type { Handlers } from './dispatch';

export interface MainEffects extends AppEffects {
  /** With its private keys: they sign and open bundles here and never leave the main process. */
  identity: Identity;
  dialogs: Dialogs;
  /** Renders print routes: a hidden window in the app, a Playwright page in the tests (docs/printing.md). */
  printer: Printer;
}

/** Every IPC method's implementation, built from injected effects: Electron's main.ts and the e2e fixture both call this. */
export function createHandlers(fx: MainEffects): Handlers {
  const grants = createFileGrants();
  return {
    ...appHandlers(fx),
    ...dialogHandlers(fx.dialogs, grants),
    ...fileHandlers(grants),
    ...syncHandlers(fx),
    ...printHandlers(fx.printer, grants),
    ...exchangeHandlers(fx, grants),
    ...supervisionHandlers(fx),
  };
}
