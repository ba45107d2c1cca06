import type { Table } from 'dexie';
import { BLOCK_SIZE, joinBlocks, ROW_SIZE, sealFull, stretchOf, type ChainBlock, type ChainEntry } from '../../shared/rules/supervisionChain';

// Kept apart from the supervision repository so the schema's upgrades can import it without the repository's
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

/**
 * Joins the blocks of the ROW_SIZE stretch from `start` into one row (joinBlocks), in the caller's transaction;
 * blocks that are not exactly its sealed entries are left as they are. Whether it joined them.
 */
export async function joinStretch(blocks: Table<ChainBlock, number>, start: number): Promise<boolean> {
  const rows = await blocks.where(':id').between(start, start + ROW_SIZE, true, false).toArray();
  const joined = joinBlocks(rows);
  if (!joined) return false;
  await blocks.bulkDelete(rows.map((r) => r.start));
  await blocks.add(joined);
  return true;
}

/**
 * Joins the log's sealed blocks ROW_SIZE to a row (schema version 29's upgrade, and a backup made before it, which
 * is restored at its own version and upgraded): every whole stretch of sealed blocks; a damaged one stays as it is.
 */
export async function joinStoredBlocks(blocks: Table<ChainBlock, number>): Promise<void> {
  const starts = (await blocks.toCollection().primaryKeys()) as number[];
  const stretches = new Set(starts.map(stretchOf));
  for (const stretch of stretches) await joinStretch(blocks, stretch);
}
