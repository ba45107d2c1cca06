import type { CadreDeskApi } from '../shared/ipc';
import { quotaUserError } from './db/quota';

declare global {
  interface Window {
    cadreDesk: CadreDeskApi;
  }
}

/** The main process, as the preload (or the e2e fixture) exposes it. */
export const cadreDesk = (): CadreDeskApi => {
  if (!window.cadreDesk) throw new Error('window.cadreDesk is missing: the page was not opened by CadreDesk');
  return window.cadreDesk;
};

/** The Chinese message of any error, for message.error / Alert; a full disk (in whatever wrapping) says so. */
export const messageOf = (error: unknown): string =>
  quotaUserError(error)?.message ?? (error instanceof Error ? error.message : String(error));
