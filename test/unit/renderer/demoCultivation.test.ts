import { allEnrollments, CLASS_ENROLLMENTS } from '../../../renderer/db/classEnrollments';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { currentCounter } from '../../../renderer/db/repository';
import { loadDemoData, type LoadDemoDataOptions } from '../../../renderer/features/demoData/loadDemoData';
import { clearDemoData } from '../../../renderer/features/demoData/clearDemoData';
import { CULTIVATION_TABLES, endCultivationLoad, startCultivationLoad, storeCultivationBatch, storeCultivationTotals } from '../../../renderer/features/demoData/demoCultivation';
import { PACKS_TABLE, rowsOfPack, totalPacks } from '../../../renderer/db/cultivationPacks';
import { DEMO_DATA_KEY } from '../../../renderer/features/demoData/demoMark';
import type { Enrollment, TrainingClass } from '../../../shared/domain/cultivation';
import { traineeTotals } from '../../../shared/rules/cultivationTotals';
import { newId } from '../../../shared/ids';
import { CADRE_CLASSES_TABLE, cadreClassPacks, classIdsOfCadre } from '../../../renderer/db/cadreClasses';
import { DOSSIER_FACT_PACKS, allFacts, dossierFactPacks, dossierFactsOfSet, factsOfCadres } from '../../../renderer/db/dossierFacts';

// 本机设置's demo data carries the district's 培养历练 (docs/cultivation.md "Training data"): stored with the
// trainees' kept totals, taken away with everything else when the load fails, and by 清除演示数据.

const INSTALLATION = 'c'.repeat(32);

let db: CadreDb;
beforeEach(() => {
  db = openDatabase(`demo-cultivation-${newId()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const options = (cadres: number, extra: Partial<LoadDemoDataOptions> = {}): LoadDemoDataOptions => ({
  cadres,
  installationId: INSTALLATION,
  operator: '李明',
  asOf: '2026-05',
  onProgress: () => undefined,
  now: () => 1_700_000_000_000,
  batchRecords: 300,
  ...extra,
});

// enrolments are stored in their classes' rows: counted as enrolments, and as rows
const recordsOf = (t: string): Promise<unknown[]> => (t === 'enrollments' ? allEnrollments(db) : db.table(t).toArray());
const counts = async (): Promise<Record<string, number>> =>
  Object.fromEntries(
    await Promise.all([...CULTIVATION_TABLES, PACKS_TABLE, CLASS_ENROLLMENTS, CADRE_CLASSES_TABLE, DOSSIER_FACT_PACKS, 'units', 'cadres', 'subRecords'].map(async (t) => [t, (await recordsOf(t)).length] as const)),
  );
/** The dossiers' kept facts (renderer/db/dossierFacts.ts) are those of every dossier set stored. */
const expectFactsOfEverySet = async () => {
  const sets = await db.subRecords.toArray();
  expect(sets.length).toBeGreaterThan(0);
  expect(await allFacts(db)).toEqual(new Map(sets.map((s) => [s.cadreId, dossierFactsOfSet(s as never)])));
};
const count = (n: Record<string, number>, ...tables: string[]) => tables.reduce((s, t) => s + (n[t] ?? 0), 0);
/** Every stored enrolment of a registry cadre is found among the cadre's classes (renderer/db/cadreClasses.ts). */
const expectEveryCadreFindsItsClasses = async (enrolments: readonly Enrollment[]) => {
  const linked = enrolments.filter((e) => e.cadreId);
  expect(linked.length).toBeGreaterThan(0);
  const classesOf = new Map<string, string[]>();
  for (const e of linked) if (!classesOf.has(e.cadreId!)) classesOf.set(e.cadreId!, await classIdsOfCadre(db, e.cadreId!));
  expect(linked.filter((e) => !classesOf.get(e.cadreId!)!.includes(e.classId))).toEqual([]);
  const links = [...classesOf.values()].reduce((n, list) => n + list.length, 0);
  expect(links).toBe(new Set(linked.map((e) => `${e.cadreId}|${e.classId}`)).size);
};

describe('the demo load’s 培养历练', () => {
  it('stores programmes, classes, enrolments and tempering for the loaded cadres, numbered as local writes, with the kept totals', async () => {
    const result = await loadDemoData(db, options(120));
    const n = await counts();
    expect(n.trainingPrograms).toBe(3);
    expect(n.trainingClasses).toBeGreaterThan(8);
    expect(n.enrollments).toBeGreaterThan(120);
    expect(count(n, 'secondments', 'villagePostings', 'volunteering', 'actingPosts')).toBeGreaterThan(0);

    const enrolments = (await allEnrollments(db)) as Enrollment[];
    const cadreIds = new Set(await db.cadres.toCollection().primaryKeys());
    expect(enrolments.filter((e) => e.cadreId).every((e) => cadreIds.has(e.cadreId!))).toBe(true);
    const classes = (await db.table('trainingClasses').toArray()) as TrainingClass[];
    const byKey = (r: { year: number; trainee: string }) => `${r.year}|${r.trainee}`;
    const kept = (await totalPacks(db).toArray()).flatMap(rowsOfPack).map((r) => [byKey(r), r]).sort();
    expect(kept).toEqual(traineeTotals(classes, enrolments).map((r) => [byKey(r), r]).sort());
    await expectEveryCadreFindsItsClasses(enrolments);

    // every record a counter value of its own, all within the load's (the mark's) count
    const rows = (await Promise.all(['units', 'cadres', ...CULTIVATION_TABLES].map(recordsOf))).flat() as { vv: Record<string, number> }[];
    const counters = rows.map((r) => r.vv[INSTALLATION]!);
    expect(new Set(counters).size).toBe(counters.length);
    expect(await currentCounter(db)).toBe(result.records);
    expect(result.records).toBeGreaterThanOrEqual(count(n, 'enrollments', 'units', 'cadres'));

    // 清除演示数据 takes them away too
    await clearDemoData(db);
    expect(Object.values(await counts()).every((c) => c === 0)).toBe(true);
  });

  it('says how far the 培养历练 are once every cadre is stored, from 0 to the whole, as their batches are stored', async () => {
    const events: [string, number, number][] = [];
    await loadDemoData(
      db,
      options(120, {
        onProgress: (done, total) => events.push(['cadres', done, total]),
        onTrainingProgress: (done, total) => events.push(['training', done, total]),
      }),
    );
    const firstTraining = events.findIndex((e) => e[0] === 'training');
    expect(firstTraining).toBeGreaterThan(0);
    // every cadre first, then only the 培养历练
    expect(events[firstTraining - 1]).toEqual(['cadres', 120, 120]);
    const training = events.slice(firstTraining);
    expect(training.every((e) => e[0] === 'training')).toBe(true);
    const total = training[0]![2];
    expect(total).toBeGreaterThan(0);
    expect(training[0]).toEqual(['training', 0, total]);
    expect(training.at(-1)).toEqual(['training', total, total]);
    // several batches (300 records each), each reported after it was stored, never going back
    expect(training.length).toBeGreaterThan(3);
    for (let i = 1; i < training.length; i++) expect(training[i]![1]).toBeGreaterThanOrEqual(training[i - 1]![1]);
  });

  it('writes each class’s row of enrolments once, though a year’s enrolments come cadre by cadre over several batches', async () => {
    let created = 0;
    let updated = 0;
    db.table(CLASS_ENROLLMENTS).hook('creating', () => void created++);
    db.table(CLASS_ENROLLMENTS).hook('updating', () => void updated++);
    await loadDemoData(db, options(120));
    const rows = await db.table(CLASS_ENROLLMENTS).count();
    expect(rows).toBeGreaterThan(8);
    expect(created).toBe(rows);
    expect(updated).toBe(0);
  });

  it('writes the kept totals once, at the end: each pack of them created once and never rewritten batch by batch', async () => {
    let created = 0;
    let updated = 0;
    totalPacks(db).hook('creating', () => void created++);
    totalPacks(db).hook('updating', () => void updated++);
    let linked = 0;
    let relinked = 0;
    cadreClassPacks(db).hook('creating', () => void linked++);
    cadreClassPacks(db).hook('updating', () => void relinked++);
    const facts = { created: 0, updated: 0 };
    dossierFactPacks(db).hook('creating', () => void facts.created++);
    dossierFactPacks(db).hook('updating', () => void facts.updated++);
    await loadDemoData(db, options(120));
    // the dossiers' kept facts too, after the last dossier
    await expectFactsOfEverySet();
    expect(facts).toEqual({ created: await dossierFactPacks(db).count(), updated: 0 });
    const someone = (await db.subRecords.toCollection().first())!;
    await db.subRecords.put({ ...someone, assessments: [] });
    expect((await factsOfCadres(db, [someone.cadreId])).get(someone.cadreId)!.assessments).toEqual([]);
    expect(created).toBe(await totalPacks(db).count());
    expect(created).toBeGreaterThan(0);
    expect(updated).toBe(0);
    // so are the packs of which classes each cadre is in; and a write after the load is kept at once
    expect(linked).toBe(await cadreClassPacks(db).count());
    expect(linked).toBeGreaterThan(0);
    expect(relinked).toBe(0);
    const row = (await db.table(CLASS_ENROLLMENTS).toCollection().first()) as { classId: string; enrollments: Enrollment[] };
    const newcomer = { ...row.enrollments[0]!, id: newId(), cadreId: 'someone-new' };
    await db.table(CLASS_ENROLLMENTS).put({ ...row, enrollments: [...row.enrollments, newcomer] });
    expect(await classIdsOfCadre(db, 'someone-new')).toEqual([row.classId]);
  });

  it('stopped among the 培养历练, keeps what was stored with its kept totals written', async () => {
    const controller = new AbortController();
    let batches = 0;
    const error = await loadDemoData(
      db,
      options(120, {
        signal: controller.signal,
        onTrainingProgress: (done) => {
          if (done > 0 && ++batches === 1) controller.abort();
        },
      }),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^载入演示数据中断：已按要求停止/);
    const enrolments = (await allEnrollments(db)) as Enrollment[];
    expect(enrolments.length).toBeGreaterThan(0);
    const classes = (await db.table('trainingClasses').toArray()) as TrainingClass[];
    const byKey = (r: { year: number; trainee: string }) => `${r.year}|${r.trainee}`;
    const kept = (await totalPacks(db).toArray()).flatMap(rowsOfPack).map((r) => [byKey(r), r]).sort();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(traineeTotals(classes, enrolments).map((r) => [byKey(r), r]).sort());
    await expectEveryCadreFindsItsClasses(enrolments);
    await expectFactsOfEverySet();
  });

  it('a failure while storing them removes every record the load stored, and says so', async () => {
    let stored = 0;
    // the disk fills up in the middle of the enrolments (the fourth class's row)
    db.table(CLASS_ENROLLMENTS).hook('creating', () => {
      if (++stored > 3) throw new Error('磁盘空间不足');
    });
    const error = await loadDemoData(db, options(120)).catch((e: unknown) => e);
    expect(stored).toBeGreaterThan(3);
    expect((error as Error).message).toMatch(/^载入演示数据失败：磁盘空间不足.*已写入的部分已全部删除/);
    expect(Object.values(await counts()).every((c) => c === 0)).toBe(true);
    expect(await db.meta.get(DEMO_DATA_KEY)).toBeUndefined();
  });

  it('refuses a class whose enrolments come in two batches (its row, written whole, would be overwritten), writing nothing of that batch', async () => {
    const load = startCultivationLoad(db);
    const author = { installationId: INSTALLATION, operator: '李明' };
    const enrolment = (id: string, cadreId: string) =>
      ({ table: 'enrollments', record: { id, vv: {}, updatedAt: 0, updatedBy: author, deleted: false, classId: 'k1', year: 2025, cadreId, name: '学员', unitName: '区委组织部', role: '', hours: 8, completed: true } }) as never;
    try {
      await storeCultivationBatch(db, load, [enrolment('e1', 'c1')], INSTALLATION);
      const again = await storeCultivationBatch(db, load, [enrolment('e2', 'c2')], INSTALLATION).catch((e: unknown) => e);
      expect((again as Error).message).toContain('培训班 k1 的学员分在了两批中写入');
      expect((await allEnrollments(db)).map((e) => (e as Enrollment).id)).toEqual(['e1']);
      // the links are written with the totals, and the deferral ends there
      await storeCultivationTotals(db, load);
      expect(await classIdsOfCadre(db, 'c1')).toEqual(['k1']);
      await db.table(CLASS_ENROLLMENTS).put({ classId: 'k2', enrollments: [{ ...(await allEnrollments(db))[0]!, id: 'e3', classId: 'k2' }] });
      expect((await classIdsOfCadre(db, 'c1')).sort()).toEqual(['k1', 'k2']);
    } finally {
      endCultivationLoad(load);
    }
  });
});
