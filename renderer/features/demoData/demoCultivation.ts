import type { Table } from 'dexie';
import type { Enrollment } from '../../../shared/domain/cultivation';
import type { CultivationRecord } from '../../../shared/synthetic/cultivation';
import type { CadreDb } from '../../db/database';
import { keepTotals, totalPacks } from '../../db/cultivationTotals';
import { editRows } from '../../db/cultivationPacks';
import { addShare, mergeTotals, shareOf, totalKey, type Share, type TraineeYear } from '../../../shared/rules/cultivationTotals';
import { reserveCounters } from '../../db/repository';
import { classEnrollments, putNewClasses, withEnrollments } from '../../db/classEnrollments';
import { deferCadreClasses, type DeferredLinks } from '../../db/cadreClasses';
import { putStoredRecords, storeTable } from '../../db/records';
import { recordTypeOf } from '../../../shared/catalog';

// The 培养历练 part of the demo data (docs/cultivation.md "Training data"): the generator's programmes, classes,
// enrolments and tempering records after the cadres, stored a batch per transaction with the trainees' kept
// totals, and taken away again — all of them — when the load fails before the last batch is stored.

/** The record tables of the demo's cultivation records (enrolments are stored in their classes' rows). */
export const CULTIVATION_TABLES = ['trainingPrograms', 'trainingClasses', 'enrollments', 'secondments', 'villagePostings', 'volunteering', 'actingPosts'] as const;
/** The tables they are stored in, and the kept totals. */
export const cultivationStores = (db: CadreDb): Table[] => [...CULTIVATION_TABLES.map((t) => storeTable(db, recordTypeOf(t)!)), totalPacks(db)];

/** What a cultivation load wrote so far: its counters, and the audiences of its classes (for the totals). */
export interface CultivationLoad {
  audienceOf: Map<string, string>;
  /** The first counter value it reserved; null before its first batch. */
  firstCounter: number | null;
  records: number;
  /** The kept totals of the enrolments stored so far and not yet added to the table, by year and trainee. */
  pendingTotals: Map<string, TraineeYear>;
  /** Which classes the cadres are in, held back until the totals are written (renderer/db/cadreClasses.ts). */
  links: DeferredLinks;
  /** The classes whose rows of enrolments are stored or being stored: each is written once, whole (putNewClasses). */
  classRows: Set<string>;
}

/** Starts a load; its `links` defer until the totals are written, or endCultivationLoad. */
export const startCultivationLoad = (db: CadreDb): CultivationLoad => ({
  audienceOf: new Map(),
  firstCounter: null,
  records: 0,
  pendingTotals: new Map(),
  links: deferCadreClasses(db),
  classRows: new Set(),
});

/** Ends a load however it went, after storeCultivationTotals or removeCultivationLoad. */
export const endCultivationLoad = (load: CultivationLoad): void => load.links.end();

/**
 * One batch renumbered with fresh counters of this installation (reserved first, as the cadres' batches are) and
 * stored in one transaction. Its enrolments' kept totals are summed in `load` and written once, by
 * storeCultivationTotals: every batch touches nearly every pack of its year, and rewriting them all for each
 * batch cost 7-9 s of a 100,000-cadre load. Until then the load holds local writes. A load that ends early writes
 * them too: stopped, before it returns (what was stored stays); failed, in removeCultivationLoad before it takes
 * each enrolment's share out again. One the closed window left is cleared whole at the next start.
 */
export async function storeCultivationBatch(db: CadreDb, load: CultivationLoad, batch: readonly CultivationRecord[], installationId: string): Promise<void> {
  const first = await db.transaction('rw', db.meta, () => reserveCounters(db, batch.length));
  load.firstCounter ??= first;
  const byTable = new Map<string, object[]>();
  const shares: Share[] = [];
  for (let i = 0; i < batch.length; i++) {
    const { table, record } = batch[i]!;
    // the generator's records are the load's own: renumbered in place, as the cadres' batches are (loadDemoData.ts)
    record.vv = { ...record.vv, [installationId]: first + i };
    if (table === 'trainingClasses') load.audienceOf.set(record.id, record.audience);
    if (table === 'enrollments' && !record.deleted) shares.push(shareOf(record, load.audienceOf.get(record.classId) ?? ''));
    const list = byTable.get(table);
    if (list) list.push(record);
    else byTable.set(table, [record]);
  }
  // a class's enrolments come in one batch, its row new (loadDemoData's releaseEnrollments): a class met again would
  // have its row overwritten, so the load stops instead
  const classIds = new Set((byTable.get('enrollments') ?? []).map((e) => (e as Enrollment).classId));
  const again = [...classIds].find((id) => load.classRows.has(id));
  if (again) throw new Error(`培训班 ${again} 的学员分在了两批中写入`);
  // claimed before the write: the next batch may be checked while this one is still being written
  for (const id of classIds) load.classRows.add(id);
  await db.transaction('rw', cultivationStores(db), async () => {
    for (const [table, rows] of byTable) await (table === 'enrollments' ? putNewClasses(db, rows as Enrollment[]) : putStoredRecords(db, recordTypeOf(table)!, rows));
  });
  // counted once stored: the totals written later are those of committed enrolments only
  for (const share of shares) addShare(load.pendingTotals, share);
  load.records += batch.length;
}

/**
 * Adds the totals summed by storeCultivationBatch to the kept table, in one transaction, and writes which classes
 * the cadres stored are in (each in a transaction of its own: both are kept from records already committed, so
 * either may follow the other); then none are pending.
 */
export async function storeCultivationTotals(db: CadreDb, load: CultivationLoad): Promise<void> {
  // no batch follows (the load ends, or takes its records out again): the links stop being deferred here
  await load.links.flush();
  load.links.end();
  const rows = [...load.pendingTotals.values()];
  if (!rows.length) return;
  await db.transaction('rw', cultivationStores(db), () =>
    editRows(db, rows.map(totalKey), (stored, keyOf) => {
      for (const row of rows) {
        const key = keyOf(totalKey(row));
        stored.set(key, mergeTotals(stored.get(key) ?? undefined, row));
      }
    }),
  );
  load.pendingTotals.clear();
}

/**
 * Deletes every record the load stored — those carrying one of its counters, which no other write can hold
 * (local writes are held meanwhile) — and takes their enrolments' shares out of the kept totals, a chunk a
 * transaction. Returns how many it deleted.
 */
export async function removeCultivationLoad(db: CadreDb, load: CultivationLoad, installationId: string, chunk = 5_000): Promise<number> {
  if (load.firstCounter === null) return 0;
  // the totals still summed in memory first, so that taking each enrolment's share out below is exact
  await storeCultivationTotals(db, load);
  const from = load.firstCounter;
  const ours = (r: { vv?: Record<string, number> }) => (r.vv?.[installationId] ?? 0) >= from;
  let deleted = 0;
  for (const table of CULTIVATION_TABLES) {
    if (table === 'enrollments') {
      deleted += await removeLoadedEnrollments(db, load, ours, chunk);
      continue;
    }
    const keys = (await db
      .table(table)
      .filter((r: { vv?: Record<string, number> }) => ours(r))
      .primaryKeys()) as string[];
    for (let i = 0; i < keys.length; i += chunk) {
      const slice = keys.slice(i, i + chunk);
      await db.transaction('rw', cultivationStores(db), () => db.table(table).bulkDelete(slice));
      deleted += slice.length;
    }
  }
  return deleted;
}

/**
 * The load's enrolments out of their classes' rows (a row left without enrolments goes), their shares out of the
 * kept totals, about `chunk` enrolments a transaction. Returns how many it took out.
 */
async function removeLoadedEnrollments(db: CadreDb, load: CultivationLoad, ours: (r: Enrollment) => boolean, chunk: number): Promise<number> {
  const classIds = (await classEnrollments(db)
    .filter((row) => row.enrollments.some(ours))
    .primaryKeys()) as string[];
  let removed = 0;
  const perTransaction = Math.max(1, Math.floor(chunk / 60)); // a class holds about 60
  for (let i = 0; i < classIds.length; i += perTransaction) {
    const slice = classIds.slice(i, i + perTransaction);
    await db.transaction('rw', cultivationStores(db), async () => {
      const rows = await classEnrollments(db).bulkGet(slice);
      const gone: Enrollment[] = [];
      const kept = [];
      const emptied: string[] = [];
      for (const row of rows) {
        if (!row) continue;
        const left = row.enrollments.filter((e) => !ours(e));
        gone.push(...row.enrollments.filter(ours));
        if (left.length) kept.push(withEnrollments(undefined, row.classId, left));
        else emptied.push(row.classId);
      }
      await keepTotals(db, gone.map((enrollment) => ({ before: { enrollment, audience: load.audienceOf.get(enrollment.classId) ?? '' } })));
      await classEnrollments(db).bulkPut(kept);
      await classEnrollments(db).bulkDelete(emptied);
      removed += gone.length;
    });
  }
  return removed;
}
