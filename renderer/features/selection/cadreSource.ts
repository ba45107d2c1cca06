import type { Cadre } from '../../../shared/domain/cadre';
import { monthOf } from '../../../shared/rules/months';
import { db } from '../../db/instance';
import { rosterIndexOf } from '../roster/rosterIndex';

/**
 * Every live cadre, from the roster's in-memory index (read from IndexedDB once per window and patched from the
 * committed changes): the vacancy table, the eligibility list and the search start from it instead of reading
 * 100,000 basic records again.
 */
export async function liveCadres(): Promise<Cadre[]> {
  const index = rosterIndexOf(db);
  await index.load(monthOf(new Date()));
  return index.sortedBy('unit').map((r) => r.cadre);
}
