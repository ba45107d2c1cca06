import { z } from 'zod';
import type { CadreDb } from '../../db/database';

// The local flag that says "this database holds generated training data". It lives in `meta` (local, never
// synced) and is written before the first batch, so even an interrupted load leaves its records flagged.

export const DEMO_DATA_KEY = 'demoData';

export const DemoDataMarkSchema = z.object({
  /** How many cadres were asked for. */
  cadres: z.number().int().nonnegative(),
  startedAt: z.number(),
  /** null while loading, and for good when the load was interrupted. */
  loadedAt: z.number().nullable(),
  /** Records written in all (units, cadres, sub-records); null until the load completed. */
  records: z.number().int().nonnegative().nullable(),
});
export type DemoDataMark = z.infer<typeof DemoDataMarkSchema>;

/** The mark, or null when there is none; an unreadable value still counts as a mark (better a banner too many). */
export async function readDemoMark(db: CadreDb): Promise<{ mark: DemoDataMark | null } | null> {
  const entry = await db.meta.get(DEMO_DATA_KEY);
  if (!entry) return null;
  const parsed = DemoDataMarkSchema.safeParse(entry.value);
  return { mark: parsed.success ? parsed.data : null };
}

export interface DatabaseContents {
  hasUnits: boolean;
  hasCadres: boolean;
  /** Whether a demo mark exists (changes only the wording). */
  demo: boolean;
}

/**
 * Why demo data cannot be loaded now, or null when it can. Demo data goes only into a database without units and
 * cadres: mixed with real records it could be mistaken for them, and the generated unit tree uses natural-key ids
 * (a real root unit named 新城区 would be overwritten). Tombstones count: a deleted record still syncs.
 */
export function demoDataBlocker({ hasUnits, hasCadres, demo }: DatabaseContents): string | null {
  if (!hasUnits && !hasCadres) return null;
  if (demo) return '本机数据库已载入演示数据，不能再次载入。';
  const what = hasCadres ? '干部记录' : '单位记录';
  return `本机数据库中已有${what}（含已删除的），不能载入演示数据：演示数据只能载入空数据库，不得与实际数据混在一起。`;
}

/**
 * What demoDataBlocker needs (inside the caller's transaction when there is one). Existence, not count():
 * Chromium's IndexedDB counts by walking the keys, and the settings card re-reads this after every batch.
 */
export async function databaseContents(db: CadreDb): Promise<DatabaseContents> {
  const [units, cadres, demo] = await Promise.all([
    db.units.limit(1).primaryKeys(),
    db.cadres.limit(1).primaryKeys(),
    db.meta.get(DEMO_DATA_KEY),
  ]);
  return { hasUnits: units.length > 0, hasCadres: cadres.length > 0, demo: demo !== undefined };
}

/** How to get back to an empty database (clearDemoData), said wherever it matters. */
export const HOW_TO_CLEAR = '如需恢复为空数据库，可在“本机设置 → 培训与演示数据”中点击“清除演示数据”。';

/**
 * A mark left on an empty database by a load that never stored its first batch (the window closed): removed at
 * start, so it cannot later flag real records entered into that database. Call only when no load is running.
 */
export async function clearStaleDemoMark(db: CadreDb): Promise<boolean> {
  return db.transaction('rw', [db.units, db.cadres, db.meta], async () => {
    const found = await readDemoMark(db);
    if (!found || found.mark?.loadedAt !== null) return false;
    const { hasUnits, hasCadres } = await databaseContents(db);
    if (hasUnits || hasCadres) return false;
    await db.meta.delete(DEMO_DATA_KEY);
    return true;
  });
}
