// A generated district (shared/synthetic/cadres.ts) stored through the demo loader's bulk path, for the tests that
// compare a fast read with the rule computed from scratch on realistic data.
import { bulkLoadBatch, type IncomingRecord } from '../../../renderer/db/bulkLoad';
import type { CadreDb } from '../../../renderer/db/database';
import { generateDataset } from '../../../shared/synthetic/cadres';

export const DISTRICT_ORIGIN = 'b'.repeat(32);

/** Stores `cadres` generated cadres, a transaction per ~2,000 records, a cadre's records never split between two. */
export async function storeGeneratedDistrict(db: CadreDb, options: { seed: number | string; cadres: number; asOf?: string }): Promise<void> {
  let batch: IncomingRecord[] = [];
  const records = generateDataset({ seed: options.seed, cadres: options.cadres, installationId: DISTRICT_ORIGIN, asOf: options.asOf ?? '2026-11', operator: '基准测试' });
  for (const r of records) {
    if (r.table === 'cadres' && batch.length >= 2_000) {
      await bulkLoadBatch(db, batch);
      batch = [];
    }
    batch.push(r as unknown as IncomingRecord);
  }
  await bulkLoadBatch(db, batch);
}
