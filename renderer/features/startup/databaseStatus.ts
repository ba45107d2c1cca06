import { create } from 'zustand';
import { db } from '../../db/instance';
import { LATEST_VERSION } from '../../db/schema';
import { classifyOpenError, openAppDatabase, type DatabaseProblem } from './databaseStartup';
import { cadreDesk } from '../../api';
import { startSync } from '../../sync/startup';
import { removeAbandonedRestore, takePreviousDatabase } from '../../db/databaseName';
import { browserLocks } from '../../db/windowLocks';
import { removeUnfinishedDemoLoad } from '../demoData/unfinishedLoad';

// eslint-disable-next-line no-console -- the renderer has no log channel to main yet; sync's safety net must not stop the app
const reportSyncError = (error: unknown) => console.error('sync start-up failed', error);
// eslint-disable-next-line no-console -- as above: a clean-up that fails is tried again at the next start
const reportCleanupError = (error: unknown) => console.error('removing an unfinished demo load failed', error);

export type DatabaseStatus =
  | { phase: 'opening' }
  /** Removing what a demo load the window closed in stored, before any page shows it. */
  | { phase: 'cleaning'; done: number; total: number }
  | { phase: 'blocked' }
  | { phase: 'ready' }
  | { phase: 'problem'; problem: DatabaseProblem };

/** UI state only: where opening this window's database stands. */
export const useDatabaseStatus = create<{ status: DatabaseStatus }>(() => ({ status: { phase: 'opening' } }));

let started = false;

/**
 * Resolved once the start-up's own work is done — the database opened (or not), the counter and staging seen to,
 * an unfinished demo load removed — when the gate lets the pages show (ready) or says what is wrong (problem). A
 * start on the roster waits for it before reading (renderer/features/roster/rosterIndex.ts, prewarmAfter).
 */
export const startupSettled: Promise<void> = new Promise((resolve) => {
  const stop = useDatabaseStatus.subscribe(({ status }) => {
    if (status.phase !== 'ready' && status.phase !== 'problem') return;
    stop();
    resolve();
  });
});

/** Opens the app's database once per window (React may mount the gate twice); later calls do nothing. */
export function startDatabase(): void {
  if (started) return;
  started = true;
  const set = (status: DatabaseStatus) => useDatabaseStatus.setState({ status });
  openAppDatabase(db, {
    supported: LATEST_VERSION,
    factory: indexedDB,
    onBlocked: () => {
      if (useDatabaseStatus.getState().status.phase === 'opening') set({ phase: 'blocked' });
    },
    onVersionChange: () => set({ phase: 'problem', problem: { kind: 'versionchange' } }),
  })
    .then(async (result) => {
      // before any write: the counter's high-water mark, and staging of an interrupted import discarded
      if (result.ok) await Promise.resolve().then(() => startSync(db, cadreDesk().sync, reportSyncError)).catch(reportSyncError);
      // a demo load the window closed in left its batches: they go before any page can show or build on them
      if (result.ok) {
        await removeUnfinishedDemoLoad(db, { onProgress: (done, total) => set({ phase: 'cleaning', done, total }) }).catch(reportCleanupError);
      }
      set(result.ok ? { phase: 'ready' } : { phase: 'problem', problem: result.problem });
      // the database a restore replaced goes once the restored one has opened (its safety backup is a file)
      const previous = result.ok ? takePreviousDatabase() : null;
      if (previous) indexedDB.deleteDatabase(previous);
      // a restore the window closed in left a half-filled database that nothing points to (one running in another
      // window holds its lock and is left alone)
      await removeAbandonedRestore((name) => indexedDB.deleteDatabase(name), browserLocks());
    })
    .catch((error: unknown) => set({ phase: 'problem', problem: classifyOpenError(error, LATEST_VERSION, null) }));
}
