import { appHandlers, type AppEffects } from './app';
import { dialogHandlers, type Dialogs } from './dialog';
import { createFileGrants } from './fileGrants';
import { fileHandlers } from './file';
import { syncHandlers } from './sync';
import type { Handlers } from './dispatch';

export interface MainEffects extends AppEffects {
  dialogs: Dialogs;
}

/** Every IPC method's implementation, built from injected effects: Electron's main.ts and the e2e fixture both call this. */
export function createHandlers(fx: MainEffects): Handlers {
  const grants = createFileGrants();
  return {
    ...appHandlers(fx),
    ...dialogHandlers(fx.dialogs, grants),
    ...fileHandlers(grants),
    ...syncHandlers(fx),
  };
}
