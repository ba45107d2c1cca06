import type { CadreDb } from '../db/database';
import { currentCounter, raiseCounter } from '../db/repository';
import { onCommittedChanges } from '../db/changes';

// The counter's high-water mark kept by the main process beside the identity (docs/bundle-format.md "Sync in
// this code"): at start the database's counter is raised to it, so a fresh or restored database never reuses a
// counter value; after writes (debounced) and before every export the database's counter is reported back.

/** The two IPC methods this needs (window.cadreDesk.sync, or a fake in tests). */
export interface CounterApi {
  counterHighWater(): Promise<{ counter: number }>;
  recordCounter(arg: { counter: number }): Promise<{ counter: number }>;
}

/** Raises the database's counter to the main process's mark; returns the counter now stored. */
export async function adoptHighWater(db: CadreDb, api: CounterApi): Promise<number> {
  const { counter } = await api.counterHighWater();
  return db.transaction('rw', db.meta, () => raiseCounter(db, counter));
}

/** Tells the main process the database's counter (call before an export: a bundle's knowledge names it). */
export async function reportCounter(db: CadreDb, api: CounterApi): Promise<number> {
  const counter = await currentCounter(db);
  await api.recordCounter({ counter });
  return counter;
}

/**
 * Reports the counter `delayMs` after the last committed write (a batch edit makes one report, not hundreds).
 * Returns the function that stops reporting. A failed report is retried with the next write.
 */
export function reportCounterAfterWrites(db: CadreDb, api: CounterApi, options: ReportOptions = {}): () => void {
  const { delayMs = 2_000, onError = () => {}, timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (t) => clearTimeout(t as never) } } = options;
  let timer: unknown;
  const stop = onCommittedChanges(db, () => {
    if (timer !== undefined) timers.clear(timer);
    timer = timers.set(() => {
      timer = undefined;
      reportCounter(db, api).catch(onError);
    }, delayMs);
  });
  return () => {
    if (timer !== undefined) timers.clear(timer);
    stop();
  };
}

export interface ReportOptions {
  delayMs?: number;
  onError?: (error: unknown) => void;
  /** The clock (tests pass their own: fake timers would also stop IndexedDB's). */
  timers?: { set: (fn: () => void, ms: number) => unknown; clear: (timer: unknown) => void };
}
