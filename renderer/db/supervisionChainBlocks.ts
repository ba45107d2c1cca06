import type { Table } from 'dexie';
import { BLOCK_SIZE, sealFull, type ChainBlock, type ChainEntry } from '../../shared/rules/supervisionChain';

// Kept apart from the supervision repository so the schema's upgrade can import it without the repository's
// imports (docs/supervision.md "Hash-chained log").

/**
 * Seals the full blocks of a log stored one entry a row (schema version 28's upgrade), from its first entry to the
 * first damage or the open end.
 */
export async function sealStoredLog(log: Table<ChainEntry, number>, blocks: Table<ChainBlock, number>, page = 100 * BLOCK_SIZE): Promise<void> {
  let after = 0;
  for (;;) {
    const entries = await log.where('seq').above(after).limit(page).toArray();
    if (entries[0]?.seq !== after + 1) return;
    const sealed = sealFull(entries);
    if (!sealed.count) return;
    await blocks.bulkAdd(sealed.blocks);
    await log.bulkDelete(entries.slice(0, sealed.count).map((e) => e.seq));
    after += sealed.count;
  }
}
