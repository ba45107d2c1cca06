import type { CadreDb } from '../../db/database';
import { browserLocks, holding, unlessHeld, type Locks } from '../../db/windowLocks';
import { clearDemoData } from './clearDemoData';
import { readDemoMark } from './demoMark';

// A demo load the window closed in (docs/architecture.md "Backup and restore"). The load is a
// transaction per batch, so a closed window leaves the batches it stored. The load notes that it is running in
// `meta`, in the transaction that writes the demo mark (before its first batch), and takes the note away in the
// transaction that completes the mark — or when it ends any other way it answers for (refused, failed and cleaned
// up, stopped by the person, who keeps what was stored). A note found at the next start is therefore a load nobody
// finished: its data is removed then, as the half-filled database of an interrupted restore is.
//
// While it runs the load holds a Web Lock of this name (renderer/db/windowLocks.ts): another window of the app (a
// print window opens the same start-up path) finds it held and leaves the running load alone.

export const DEMO_LOAD_RUNNING_KEY = 'demoLoadRunning';
const LOCK = 'cadredesk.demoLoad';

/** Runs the load holding the lock, so no other window's start removes it while it runs. */
export function withDemoLoadLock<T>(load: () => Promise<T>, locks: Locks | undefined = browserLocks()): Promise<T> {
  return holding(LOCK, load, locks);
}

/** Notes that a load is running (inside the load's transaction that writes the demo mark). */
export const noteLoadRunning = (db: CadreDb, startedAt: number): Promise<unknown> => db.meta.put({ key: DEMO_LOAD_RUNNING_KEY, value: startedAt });

/** The load has ended in a way it answers for: the note goes. */
export const noteLoadEnded = (db: CadreDb): Promise<void> => db.meta.delete(DEMO_LOAD_RUNNING_KEY);

export type UnfinishedLoadOutcome = 'none' | 'running elsewhere' | 'removed' | 'note only';

/**
 * At start: removes what an unfinished demo load stored (everything 清除演示数据 removes: the load began on a
 * database without units and cadres, and held local writes), then its note. Does nothing while a load runs in
 * another window. A note without an unfinished demo mark (the window closed between the mark's completion and
 * the note's removal, or after the clean-up) is only dropped. Errors propagate: the note stays, and the next start
 * tries again.
 */
export async function removeUnfinishedDemoLoad(
  db: CadreDb,
  options: { onProgress?: (done: number, total: number) => void; locks?: Locks } = {},
): Promise<UnfinishedLoadOutcome> {
  if (!(await db.meta.get(DEMO_LOAD_RUNNING_KEY))) return 'none';
  const locks = 'locks' in options ? options.locks : browserLocks();
  const removeHolding = async (): Promise<UnfinishedLoadOutcome> => {
    // read again under the lock: the load may have ended meanwhile
    if (!(await db.meta.get(DEMO_LOAD_RUNNING_KEY))) return 'none';
    // (an unreadable mark is not taken for an unfinished load: nothing is deleted on a guess)
    const unfinished = (await readDemoMark(db))?.mark?.loadedAt === null;
    if (unfinished) await clearDemoData(db, { onProgress: options.onProgress });
    await noteLoadEnded(db);
    return unfinished ? 'removed' : 'note only';
  };
  // held by a load in another window: nothing is touched
  return unlessHeld<UnfinishedLoadOutcome>(LOCK, removeHolding, 'running elsewhere', locks);
}
