import type { Dexie } from 'dexie';

/**
 * Why the database could not be used. Nothing here deletes or repairs anything: the screen says which case it is
 * and the user decides (restore from a backup, install the newer program, close the other window).
 */
export type DatabaseProblem =
  /** Written by a newer program: opening it here could damage data this program does not understand. */
  | { kind: 'newer'; found: number; supported: number }
  /** Another window upgraded or deleted the database while this one had it open; this window let go of it. */
  | { kind: 'versionchange' }
  /** The disk is full: the database cannot even be opened (or upgraded). */
  | { kind: 'full'; name: string; message: string }
  /** Anything else: a damaged data file, a disk error, an upgrade that failed, IndexedDB unavailable. */
  | { kind: 'failed'; name: string; message: string };

export type OpenResult = { ok: true } | { ok: false; problem: DatabaseProblem };

/** Dexie keeps native IndexedDB versions at ten times its schema version (schema 5 is stored as 50). */
const NATIVE_PER_SCHEMA = 10;
const toSchema = (native: number) => native / NATIVE_PER_SCHEMA;

/**
 * The native version of an existing database, without opening (and so without creating or upgrading) it; null
 * when it does not exist or the browser cannot tell (indexedDB.databases() is missing).
 */
export async function installedVersion(factory: IDBFactory, name: string): Promise<number | null> {
  if (typeof factory.databases !== 'function') return null;
  try {
    const found = (await factory.databases()).find((d) => d.name === name);
    return typeof found?.version === 'number' ? found.version : null;
  } catch {
    return null;
  }
}

/** Dexie wraps open failures (OpenFailedError and friends) around the browser's error in `inner`. */
function rootCause(error: unknown): { name: string; message: string } {
  let e: unknown = error;
  for (let i = 0; i < 5 && e && typeof e === 'object' && 'inner' in e && (e as { inner?: unknown }).inner; i++) {
    e = (e as { inner: unknown }).inner;
  }
  const name = e && typeof e === 'object' && 'name' in e && typeof e.name === 'string' ? e.name : 'Error';
  const message = e instanceof Error || (e && typeof e === 'object' && 'message' in e) ? String((e as { message: unknown }).message) : String(e);
  return { name, message };
}

/** Sorts an open failure into the cases the start-up screen distinguishes. */
export function classifyOpenError(error: unknown, supported: number, found: number | null): DatabaseProblem {
  const cause = rootCause(error);
  if (cause.name === 'VersionError') return { kind: 'newer', found: found ?? supported + 1, supported };
  if (cause.name === 'QuotaExceededError') return { kind: 'full', ...cause };
  if (cause.name === 'DatabaseClosedError' && /cancel/i.test(cause.message)) return { kind: 'versionchange' };
  return { kind: 'failed', ...cause };
}

export interface OpenOptions {
  /** The newest schema version this program declares (renderer/db/schema.ts). */
  supported: number;
  factory: IDBFactory;
  /** The open waits for another window that holds an older version open; called (possibly more than once). */
  onBlocked: () => void;
  /** Later, while open: another window wants to upgrade or delete the database. This window has let go of it. */
  onVersionChange: () => void;
}

/**
 * Opens the app's database for this window, refusing a newer one before Dexie touches it: Dexie 4 would open a
 * newer database anyway (it retries without a version) and might even raise its version to add a table it
 * expects, which would change data a newer program owns.
 */
export async function openAppDatabase(db: Dexie, options: OpenOptions): Promise<OpenResult> {
  const supportedNative = options.supported * NATIVE_PER_SCHEMA;
  const before = await installedVersion(options.factory, db.name);
  if (before !== null && before > supportedNative) {
    return { ok: false, problem: { kind: 'newer', found: toSchema(before), supported: options.supported } };
  }
  const onBlocked = () => options.onBlocked();
  db.on('blocked', onBlocked);
  try {
    await db.open();
  } catch (error) {
    const found = await installedVersion(options.factory, db.name);
    return { ok: false, problem: classifyOpenError(error, options.supported, found === null ? null : toSchema(found)) };
  } finally {
    db.on('blocked').unsubscribe(onBlocked);
  }
  // Belt and braces for a browser without indexedDB.databases(): what Dexie actually opened.
  const opened = db.backendDB()?.version ?? 0;
  if (opened > supportedNative) {
    db.close({ disableAutoOpen: true });
    return { ok: false, problem: { kind: 'newer', found: toSchema(opened), supported: options.supported } };
  }
  db.on('versionchange', () => {
    // Let go for good and tell the window. Returning false stops Dexie's own handler, which runs after this one
    // and would let the next query reopen the database, at a version this program may not understand.
    db.close({ disableAutoOpen: true });
    options.onVersionChange();
    return false;
  });
  return { ok: true };
}
