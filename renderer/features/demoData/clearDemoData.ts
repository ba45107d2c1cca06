import { Dexie, type Table } from 'dexie';
import { UserError } from '../../../shared/errors';
import type { CadreDb } from '../../db/database';
import { SYNCED_TABLES } from '../../db/bulkLoad';
import { noteChange } from '../../db/changes';
import { holdLocalWrites } from '../../db/repository';
import { messageOf } from '../../api';
import { DEMO_DATA_KEY, databaseContents, readDemoMark } from './demoMark';
import { CULTIVATION_TABLES, cultivationStores } from './demoCultivation';
import { cadreClassPacks } from '../../db/cadreClasses';
import { dossierFactPacks } from '../../db/dossierFacts';
import { PACK_SIZE, dossierPacks } from '../../db/dossierPacks';

/** Rows deleted per transaction: small enough that the progress bar moves and a transaction stays short. */
export const DEMO_CLEAR_CHUNK = 5_000;

export interface ClearDemoDataOptions {
  /** After each chunk (and once with 0 before the first): rows deleted so far, of all to delete. */
  onProgress?: (done: number, total: number) => void;
  chunk?: number;
}

export interface ClearDemoDataResult {
  units: number;
  cadres: number;
  /** Dossiers' sub-record sets (one row per cadre). */
  dossiers: number;
  /** Photos and attachments. */
  blobs: number;
  /** 培养历练 records (programmes, classes, enrolments, tempering) and the trainees' kept totals. */
  training: number;
  /** Change-log entries about the deleted records. */
  auditEntries: number;
}

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Empties a training database again: deletes every unit, cadre, dossier (sub-records), photo and the change-log
 * entries about them, then the demo mark, so the database is as empty as before the load and real work (or a
 * new load) can start. The installation's identity, its counter (a counter value is never reused), saved queries
 * and column sets stay. Refused without a demo mark: a database that was never a training one is never emptied.
 *
 * Everything goes, records entered by hand after the load included: a marked database is a training database as
 * a whole, and real records must not be kept in it (docs/domain.md "Training data"). The rows are deleted
 * outright, without tombstones, because training data must never reach another installation.
 *
 * Millions of rows cannot be one transaction, so it runs in chunks; local writes are refused meanwhile. The
 * mark goes last: an interrupted clear leaves the rest still flagged, and clearing again finishes it.
 */
export async function clearDemoData(db: CadreDb, options: ClearDemoDataOptions = {}): Promise<ClearDemoDataResult> {
  if (!(await readDemoMark(db))) throw new UserError('本机数据库中没有演示数据，无需清除。');
  const chunk = options.chunk ?? DEMO_CLEAR_CHUNK;
  const result: ClearDemoDataResult = { units: 0, cadres: 0, dossiers: 0, blobs: 0, training: 0, auditEntries: 0 };
  const release = holdLocalWrites(db, '正在清除演示数据，清除完成前不能新增或修改记录，请稍候。');
  let done = 0;
  try {
    // dossiers before their cadres, cadres before their units: an interruption never leaves a cadre without unit
    const steps: { table: Table; counts?: keyof ClearDemoDataResult; announce?: 'cadres' | 'units'; packed?: boolean }[] = [
      // which classes the cadres are in before the classes' rows, and the dossiers' kept facts before the dossiers:
      // their deletes then need not read them
      { table: cadreClassPacks(db) },
      { table: dossierFactPacks(db) },
      // 培养历练 first: it names the cadres
      ...cultivationStores(db).map((table) => ({ table, counts: 'training' as const })),
      // the dossier sets a stored row (a pack of 32) at a time (renderer/db/dossierPacks.ts): deleted as sets, each
      // delete would find its cadre's pack and write the rest of it back. Nothing follows them any more: the kept
      // tables that do (the facts, the tempering packs) are emptied above.
      { table: dossierPacks(db), counts: 'dossiers', packed: true },
      { table: db.cadres, counts: 'cadres', announce: 'cadres' },
      { table: db.units, counts: 'units', announce: 'units' },
      { table: db.blobs, counts: 'blobs' },
    ];
    const auditKeys = await auditEntriesAbout(db, [...SYNCED_TABLES, 'subRecords', 'blobs', ...CULTIVATION_TABLES]);
    // what is not a record of its own (the packs) is not counted, and moves no bar
    const counts = await Promise.all(steps.map((s) => (s.packed ? db.subRecords.count() : s.counts ? s.table.count() : 0)));
    const total = counts.reduce((a, b) => a + b, 0) + auditKeys.length;
    options.onProgress?.(0, total);
    const progressed = async (n: number) => {
      done += n;
      options.onProgress?.(done, total);
      await yieldToUi();
    };

    for (const [i, step] of steps.entries()) {
      // a packed step's bar moves by its share of the sets, as its rows go (a row holds up to PACK_SIZE)
      const rows = step.packed ? await step.table.count() : 0;
      let left = counts[i]!;
      for (;;) {
        const deleted = await db.transaction('rw', step.table, async () => {
          const keys = (await step.table.limit(step.packed ? Math.ceil(chunk / PACK_SIZE) : chunk).primaryKeys()) as string[];
          await step.table.bulkDelete(keys);
          // the roster's index and the unit tree learn of it like of any other committed write
          if (step.announce && keys.length) noteChange(db, step.announce, keys);
          return keys.length;
        });
        if (!deleted) break;
        if (!step.counts) continue;
        const sets = step.packed ? Math.min(left, Math.ceil((counts[i]! * deleted) / Math.max(rows, 1))) : deleted;
        left -= sets;
        result[step.counts] += sets;
        await progressed(sets);
      }
      if (step.packed && step.counts && left > 0) {
        result[step.counts] += left;
        await progressed(left);
      }
    }
    for (let i = 0; i < auditKeys.length; i += chunk) {
      const keys = auditKeys.slice(i, i + chunk);
      await db.transaction('rw', db.audit, () => db.audit.bulkDelete(keys));
      result.auditEntries += keys.length;
      await progressed(keys.length);
    }

    await db.transaction('rw', [db.units, db.cadres, db.meta], async () => {
      const { hasUnits, hasCadres } = await databaseContents(db);
      // only a write that went around the hold could do this; keep the mark, so the records stay flagged
      if (hasUnits || hasCadres) throw new Error('清除期间又写入了单位或干部记录');
      await db.meta.delete(DEMO_DATA_KEY);
    });
    return result;
  } catch (cause) {
    throw new UserError(
      `清除演示数据中断：${messageOf(cause)}。已删除 ${done.toLocaleString('zh-CN')} 条记录，其余仍在本机数据库中，` +
        '并仍标记为演示数据。请再次点击“清除演示数据”完成清除。',
    );
  } finally {
    release();
  }
}

/** Keys of the change-log entries about records of these tables (the audit's [table+recordId] index). */
async function auditEntriesAbout(db: CadreDb, tables: readonly string[]): Promise<string[]> {
  const keys: string[] = [];
  for (const table of tables) {
    const found = await db.audit
      .where('[table+recordId]')
      .between([table, Dexie.minKey], [table, Dexie.maxKey], true, true)
      .primaryKeys();
    keys.push(...found);
  }
  return keys;
}
