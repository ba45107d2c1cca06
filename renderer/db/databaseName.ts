import { DATABASE_NAME } from './database';
import { unlessHeld, type Locks } from './windowLocks';

// Which IndexedDB database holds this installation's data (docs/architecture.md "Data layer"). A restore writes
// the backup into a fresh database and then moves this pointer in one step, so a restore that fails or is
// interrupted anywhere before that leaves the data exactly as it was; the previous database is deleted at the
// next start, once the new one has opened.

const CURRENT = 'cadredesk.database';
const PREVIOUS = 'cadredesk.previousDatabase';
/** A database a restore is filling: if the window closes before the switch, the next start deletes it. */
const RESTORING = 'cadredesk.restoringDatabase';
/**
 * Held by a restore while it fills its database (renderer/db/windowLocks.ts): a print window opened meanwhile runs
 * the same start-up and must not take that database for one a closed window left.
 */
export const RESTORE_LOCK = 'cadredesk.restore';
const VALID = /^cadredesk(-[0-9a-z]{1,20})?$/;

const read = (key: string): string | null => {
  try {
    const name = window.localStorage.getItem(key);
    return name && VALID.test(name) ? name : null;
  } catch {
    return null; // storage unavailable: the default database
  }
};

/** The database to open. */
export const currentDatabaseName = (): string => read(CURRENT) ?? DATABASE_NAME;

/** A name no database has yet, for a restore to fill. */
export const freshDatabaseName = (now = Date.now()): string => `${DATABASE_NAME}-${now.toString(36)}`;

/**
 * Makes `name` the database from the next start on. The one in use now is remembered for deletion when it was
 * safely backed up first; a database that could not be opened (and so not backed up) is left alone.
 */
export function switchDatabase(name: string, options: { deletePrevious: boolean }): void {
  if (!VALID.test(name)) throw new Error(`invalid database name ${name}`);
  if (options.deletePrevious) window.localStorage.setItem(PREVIOUS, currentDatabaseName());
  else window.localStorage.removeItem(PREVIOUS);
  window.localStorage.setItem(CURRENT, name);
  window.localStorage.removeItem(RESTORING);
}

/** Notes that a restore starts filling `name`; switchDatabase or restoreEnded forgets it again. */
export function restoreStarted(name: string): void {
  if (!VALID.test(name)) throw new Error(`invalid database name ${name}`);
  window.localStorage.setItem(RESTORING, name);
}

/** The restore into `name` failed and deleted it: nothing left to clean up. */
export function restoreEnded(): void {
  window.localStorage.removeItem(RESTORING);
}

/**
 * The half-filled database of a restore the window closed in (never the one in use); forgets it. The caller
 * deletes it: the data in use was never touched, so that is all a closed window leaves behind.
 */
export function takeAbandonedRestore(): string | null {
  const abandoned = read(RESTORING);
  try {
    window.localStorage.removeItem(RESTORING);
  } catch {
    // nothing to forget
  }
  return abandoned && abandoned !== currentDatabaseName() ? abandoned : null;
}

/**
 * At start: deletes the half-filled database of a restore the window closed in, unless a restore is running in
 * another window (it holds RESTORE_LOCK; the note stays for whichever start comes after it). Gives the name deleted.
 */
export function removeAbandonedRestore(deleteDatabase: (name: string) => unknown, locks: Locks | undefined): Promise<string | null> {
  return unlessHeld(
    RESTORE_LOCK,
    () => {
      const abandoned = takeAbandonedRestore();
      if (abandoned) deleteDatabase(abandoned);
      return Promise.resolve(abandoned);
    },
    null,
    locks,
  );
}

/** The database a restore replaced, if it has not been deleted yet; forgets it. */
export function takePreviousDatabase(): string | null {
  const previous = read(PREVIOUS);
  try {
    window.localStorage.removeItem(PREVIOUS);
  } catch {
    // nothing to forget
  }
  return previous && previous !== currentDatabaseName() ? previous : null;
}
