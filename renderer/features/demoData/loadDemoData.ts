import { UserError } from '../../../shared/errors';
import { TRAINING_PROBLEMS } from '../../../shared/synthetic/training';
import type { CadreDb } from '../../db/database';
import { bulkLoadBatch, type IncomingRecord } from '../../db/bulkLoad';
import { noteChange } from '../../db/changes';
import { isSubRecordTable } from '../../db/subRecords';
import { holdLocalWrites, reserveCounters } from '../../db/repository';
import { deferDossierFacts, type DeferredFacts } from '../../db/dossierFacts';
import { messageOf } from '../../api';
import { DEMO_DATA_KEY, HOW_TO_CLEAR, databaseContents, demoDataBlocker, type DemoDataMark } from './demoMark';
import { CULTIVATION_TABLES, endCultivationLoad, removeCultivationLoad, startCultivationLoad, storeCultivationBatch, storeCultivationTotals, type CultivationLoad } from './demoCultivation';
import type { CultivationRecord } from '../../../shared/synthetic/cultivation';
import { DEMO_LOAD_RUNNING_KEY, noteLoadEnded, noteLoadRunning, withDemoLoadLock } from './unfinishedLoad';
import { writeQueue } from './writeQueue';

/** Fixed, so every training database holds the same people (and a trainer can prepare exercises on them). */
export const DEMO_SEED = 'cadredesk-demo';
/**
 * Records per bulkLoadBatch (about 3,700 cadres); a batch is cut only between dossiers, so it may hold a few more.
 * Each batch costs ~35 ms beyond its records (transactions, the counter, live queries, a repaint), and its dossier
 * sets are packed 32 to a row a unit at a time (renderer/db/dossierPacks.ts), so a larger batch leaves fewer packs
 * part-filled at a unit's end. Measured at 100,000 cadres: 5,000 per batch took 58–59 s and 20,000 took 47 s with a
 * row per set; with the packs 20,000 took 57.0 s and 80,000 took 50.2–51.0 s in a slower hour (main: 66.7–68.5 s).
 * The bar still moves about once a second.
 */
export const DEMO_BATCH_RECORDS = 80_000;
/**
 * Batches being written at once (./writeQueue.ts): the next batch's transaction is made while the one before
 * commits.
 */
const WRITES_AT_ONCE = 3;
/** The largest load offered (the target); the generator itself would go further. */
export const DEMO_MAX_CADRES = 100_000;

export interface LoadDemoDataOptions {
  cadres: number;
  /** The installation's own id: the records look like local writes (vv and updatedBy). */
  installationId: string;
  operator: string;
  /** 'YYYY-MM': "today" for the generated careers and ages. */
  asOf: string;
  /** After each batch (and once with 0 before the first): cadres stored so far, of all asked for. */
  onProgress: (doneCadres: number, totalCadres: number) => void;
  /**
   * Then, as the 培养历练 are stored (once with 0 after the last cadre, once with `total` at the end): how far the
   * batches stored so far took their generation, in its steps (shared/synthetic/cultivation.ts `onStep`).
   */
  onTrainingProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  batchRecords?: number;
  now?: () => number;
}

export interface DemoDataResult {
  cadres: number;
  records: number;
}

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Fills an empty database with generated, fictional cadres for training and performance trials. Refuses (and
 * writes nothing) when the database holds any unit or cadre. 2,000,000 records cannot be one transaction, so a
 * load is one transaction per batch: a load that fails removes every batch it stored again (and its mark), so
 * the database is as before; one the person stops keeps the batches stored, and the demo mark — written before
 * the first batch — keeps flagging them. One the window closed in is removed at the next start (./unfinishedLoad.ts).
 */
export const loadDemoData = (db: CadreDb, options: LoadDemoDataOptions): Promise<DemoDataResult> => withDemoLoadLock(() => loadHoldingLock(db, options));

async function loadHoldingLock(db: CadreDb, options: LoadDemoDataOptions): Promise<DemoDataResult> {
  const total = options.cadres;
  if (!Number.isInteger(total) || total < 1 || total > DEMO_MAX_CADRES) {
    throw new UserError(`演示数据的人数须为 1 至 ${DEMO_MAX_CADRES.toLocaleString('zh-CN')} 之间的整数`);
  }
  const now = options.now ?? Date.now;
  // A lazy chunk: the generator and its name tables stay out of the main bundle.
  const { generateDataset } = await import('../../../shared/synthetic/cadres');
  const { withCultivation } = await import('../../../shared/synthetic/cultivation');

  const startedAt = now();
  // with no dossier stored at all (sub-records may arrive before their cadre), each batch's are written unread
  const newDossiers = await db.transaction('rw', [db.units, db.cadres, db.subRecords, db.meta], async () => {
    const blocker = demoDataBlocker(await databaseContents(db));
    if (blocker) throw new UserError(blocker);
    const mark: DemoDataMark = { cadres: total, startedAt, loadedAt: null, records: null };
    await db.meta.put({ key: DEMO_DATA_KEY, value: mark });
    await noteLoadRunning(db, startedAt);
    return (await db.subRecords.limit(1).primaryKeys()).length === 0;
  });

  let doneCadres = 0;
  let records = 0;
  // 培养历练 follows the cadres (docs/cultivation.md "Training data"), in batches of its own
  const perBatch = options.batchRecords ?? DEMO_BATCH_RECORDS;
  options.onProgress(0, total);
  const release = holdLocalWrites(db, '正在载入演示数据，载入完成前不能新增或修改记录，请稍候。');
  const writes = writeQueue(WRITES_AT_ONCE);
  // started right before the try whose finally ends them (their deferrals must never outlive the load)
  const written: Written = { units: [], cadres: [], dossiers: new Set(), facts: deferDossierFacts(db), cultivation: startCultivationLoad(db) };
  try {
    let batch: IncomingRecord[] = [];
    let batchCadres = 0;
    const flush = async () => {
      options.signal?.throwIfAborted();
      const stored = batch;
      const cadres = batchCadres;
      batch = [];
      batchCadres = 0;
      await writes.add(async (before) => {
        await storeBatch(db, stored, options.installationId, newDossiers);
        // counted as soon as stored, whatever became of the batches before (a failed load removes what is counted)
        noteWritten(written, stored);
        doneCadres += cadres;
        records += stored.length;
        await before;
        options.onProgress(doneCadres, total);
      });
      await yieldToUi();
    };
    const dataset = generateDataset({
      seed: DEMO_SEED,
      cadres: total,
      installationId: options.installationId,
      asOf: options.asOf,
      operator: options.operator,
      // a few percent of the dossiers carry a 三龄两历 problem, for 数据校验 to find in training
      errors: TRAINING_PROBLEMS,
    });
    let training: CultivationRecord[] = [];
    // how far the generator is (it runs a batch ahead of what is stored)
    const generated = { done: 0, total: 0 };
    let trainingStarted = false;
    // what the last stored batch reports; `at` interpolates between it and the generator (see releaseEnrollments)
    let reported = 0;
    const flushTraining = async (at?: number) => {
      options.signal?.throwIfAborted();
      const stored = training;
      const reached = { done: at ?? generated.done, total: generated.total };
      reported = reached.done;
      training = [];
      await writes.add(async (before) => {
        await storeCultivationBatch(db, written.cultivation, stored, options.installationId);
        records += stored.length;
        await before;
        options.onTrainingProgress?.(reached.done, reached.total);
      });
      await yieldToUi();
    };
    const stream = withCultivation(dataset, {
      seed: DEMO_SEED,
      installationId: options.installationId,
      operator: options.operator,
      asOf: options.asOf,
      onStep: (done, total) => Object.assign(generated, { done, total }),
    });
    // A year's enrolments come cadre by cadre, each cadre in a few of the year's classes, and are stored a class to a
    // row (renderer/db/classEnrollments.ts): batches cut from them as they come would rewrite every class of the
    // year in each batch. So they are kept until the year's last one and then stored a class at a time, batches cut
    // between classes, each class's row written once. The bar moves through the year's batches in equal steps.
    let enrollments = new Map<string, CultivationRecord[]>();
    const releaseEnrollments = async () => {
      if (!enrollments.size) return;
      const classes = [...enrollments.values()];
      enrollments = new Map();
      const from = reported;
      const to = generated.done;
      const batches = Math.max(1, Math.ceil((training.length + classes.reduce((n, c) => n + c.length, 0)) / perBatch));
      let flushed = 0;
      for (const list of classes) {
        training.push(...list);
        if (training.length >= perBatch) await flushTraining(from + Math.round(((to - from) * ++flushed) / batches));
      }
    };
    for (const item of stream) {
      if (isCultivation(item)) {
        if (batch.length) await flush(); // the last cadres first
        if (!trainingStarted) {
          trainingStarted = true;
          // after the last cadres' batch is stored: their kept facts, then the bar of the 培养历练 (whose batches
          // are already being written meanwhile)
          await writes.add(async (before) => {
            await before;
            await written.facts.flush();
            options.onTrainingProgress?.(0, generated.total);
          });
        }
        if (item.table === 'enrollments') {
          const list = enrollments.get(item.record.classId);
          if (list) list.push(item);
          else enrollments.set(item.record.classId, [item]);
          continue;
        }
        await releaseEnrollments();
        training.push(item);
        if (training.length >= perBatch) await flushTraining();
        continue;
      }
      // cut between dossiers only: a cadre and its sub-records are stored together
      if (item.table === 'cadres') {
        if (batch.length >= perBatch) await flush();
        batchCadres++;
      }
      batch.push(item);
    }
    if (batch.length) await flush();
    await releaseEnrollments();
    if (training.length) await flushTraining();
    await writes.drain();
    await written.facts.flush();
    await storeCultivationTotals(db, written.cultivation);
    options.onTrainingProgress?.(generated.total, generated.total);
  } catch (cause) {
    await writes.drain().catch(() => undefined); // what is still being written is counted before it is removed
    throw await interrupted(db, cause, options.signal, doneCadres, total, written, options.installationId);
  } finally {
    // the facts of what stayed stored, however it went (a flush with nothing held writes nothing)
    await written.facts.flush().catch(() => undefined);
    written.facts.end();
    endCultivationLoad(written.cultivation);
    release();
  }

  const mark: DemoDataMark = { cadres: total, startedAt, loadedAt: now(), records };
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: DEMO_DATA_KEY, value: mark });
    await noteLoadEnded(db);
  });
  return { cadres: doneCadres, records };
}

/**
 * One batch, renumbered with fresh counters of this installation. The generator numbers its records 1, 2, 3 …,
 * but a local counter value must never be used twice (docs/bundle-format.md#sync-semantics) and a later local edit must
 * bump past the loaded vv. So the batch's counters are reserved first, in their own transaction, and only then
 * stored: a crash in between leaves an unused gap (harmless: knowledge is a maximum), never a reuse. (Reserving
 * in large blocks instead was measured: no faster at 100,000 cadres, the IndexedDB writes dominate.)
 */
async function storeBatch(db: CadreDb, batch: IncomingRecord[], installationId: string, newDossiers: boolean): Promise<void> {
  const first = await db.transaction('rw', db.meta, () => reserveCounters(db, batch.length));
  // in output order, as the generator numbered them
  batch.forEach(({ record }, i) => {
    record.vv = { ...record.vv, [installationId]: first + i };
  });
  await bulkLoadBatch(db, batch, { newDossiers });
}

/** What a load stored: units and cadres by id, dossiers (sub-record sets) by cadre id, its 培养历练 by counter. */
interface Written {
  units: string[];
  cadres: string[];
  dossiers: Set<string>;
  /** The dossiers' kept facts, written once after the last dossier (renderer/db/dossierFacts.ts). */
  facts: DeferredFacts;
  cultivation: CultivationLoad;
}

const CULTIVATION = new Set<string>(CULTIVATION_TABLES);
const isCultivation = (item: { table: string }): item is CultivationRecord => CULTIVATION.has(item.table);

function noteWritten(written: Written, batch: readonly IncomingRecord[]): void {
  for (const { table, record } of batch) {
    if (table === 'units') written.units.push(record.id);
    else if (table === 'cadres') written.cadres.push(record.id);
    else if (isSubRecordTable(table)) written.dossiers.add((record as unknown as { cadreId: string }).cadreId);
  }
}

/** Rows deleted per transaction when a failed load removes what it stored. */
const REMOVE_CHUNK = 5_000;

/**
 * Deletes what a failed load stored, then its mark. The load began on a database without units and cadres and
 * held local writes throughout, so these rows are exactly the load's own. Dossiers before cadres before units,
 * as clearDemoData does: an interruption never leaves a cadre without its unit, and the mark stays until the end.
 */
async function removeWritten(db: CadreDb, written: Written, installationId: string): Promise<void> {
  // the 培养历练 records first: they name the cadres
  await removeCultivationLoad(db, written.cultivation, installationId, REMOVE_CHUNK);
  const steps = [
    { table: db.subRecords, keys: [...written.dossiers] },
    { table: db.cadres, keys: written.cadres, announce: 'cadres' },
    { table: db.units, keys: written.units, announce: 'units' },
  ];
  for (const { table, keys, announce } of steps) {
    for (let i = 0; i < keys.length; i += REMOVE_CHUNK) {
      const chunk = keys.slice(i, i + REMOVE_CHUNK);
      await db.transaction('rw', table, async () => {
        await table.bulkDelete(chunk);
        if (announce) noteChange(db, announce, chunk);
      });
    }
  }
  // the facts of the dossiers deleted go from their packs if they were written there, with any still deferred
  await written.facts.flush();
  await db.meta.bulkDelete([DEMO_DATA_KEY, DEMO_LOAD_RUNNING_KEY]);
}

/** The error to show for a load that stopped: honest about what stayed in the database. */
async function interrupted(
  db: CadreDb,
  cause: unknown,
  signal: AbortSignal | undefined,
  done: number,
  total: number,
  written: Written,
  installationId: string,
): Promise<UserError> {
  const reason = signal?.aborted ? '已按要求停止' : messageOf(cause).replace(/。$/, '');
  if (!signal?.aborted && done > 0) {
    try {
      await removeWritten(db, written, installationId);
      return new UserError(`载入演示数据失败：${reason}。已写入的部分已全部删除，本机数据库与载入前相同。`);
    } catch (again) {
      return new UserError(
        `载入演示数据失败：${reason}。删除已写入的部分时又出错（${messageOf(again).replace(/。$/, '')}），` +
          `部分演示数据留在本机数据库中，并已标记为演示数据。${HOW_TO_CLEAR}`,
      );
    }
  }
  if (done === 0) {
    // Nothing was stored (each batch is all or nothing): take the mark away again, the database is as it was.
    // If even that fails the mark merely stays on an empty database, which a new load may reuse.
    await db.meta.bulkDelete([DEMO_DATA_KEY, DEMO_LOAD_RUNNING_KEY]).catch(() => undefined);
    return new UserError(`载入演示数据失败：${reason}。未写入任何数据。`);
  }
  // stopped by the person: what was stored stays, flagged, and is not removed at the next start; the dossiers' kept
  // facts and the kept totals of its 培养历练 so far are written now (both are held until the end)
  const facts = await written.facts.flush().then(
    () => '',
    (again: unknown) => `干部任职、考核等摘要未能写入（${messageOf(again).replace(/。$/, '')}），选拔任用的名单可能不全，请清除演示数据后重新载入。`,
  );
  const totals = await storeCultivationTotals(db, written.cultivation).then(
    () => '',
    (again: unknown) => `培训学时统计未能写入（${messageOf(again).replace(/。$/, '')}），请清除演示数据后重新载入。`,
  );
  await noteLoadEnded(db).catch(() => undefined);
  return new UserError(
    `载入演示数据中断：${reason}。已载入的 ${done.toLocaleString('zh-CN')} / ${total.toLocaleString('zh-CN')} 名干部` +
      `留在本机数据库中，并已标记为演示数据，不能再次载入。${facts}${totals}${HOW_TO_CLEAR}`,
  );
}
