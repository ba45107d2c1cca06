import type { CadreDb } from '../db/database';
import { adoptHighWater, reportCounterAfterWrites, type CounterApi } from './counter';
import { discardStaging } from './importer';

/**
 * What sync needs once the database is open, before anything is written: the counter raised to the main
 * process's high-water mark, staging left by an interrupted import discarded (the live data was never touched
 * by it), and the counter reported after writes from then on. Returns the function that stops the reporting.
 */
export async function startSync(db: CadreDb, api: CounterApi, onError: (error: unknown) => void): Promise<() => void> {
  await adoptHighWater(db, api);
  await discardStaging(db);
  return reportCounterAfterWrites(db, api, { onError });
}
