// The per-cadre post levels and ranks a year's 培养历练 statistics judge promotions by (renderer/db/cultivationSteps.ts,
// in the packs of dossierFacts.ts since schema version 38): kept under every write of dossier sets in the same transaction, and the statistics read
// through them equal to the statistics worked out from scratch — whole dossier sets, every enrolment — on a
// generated district with its cultivation records.
import { allEnrollments } from '../../../renderer/db/classEnrollments';
import { putStoredRecords, storeTable } from '../../../renderer/db/records';
import { recordTypeOf } from '../../../shared/catalog';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSubRecord, deleteSubRecord, listSubRecords, updateSubRecord } from '../../../renderer/db/cadres';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import type { WriteContext } from '../../../renderer/db/repository';
import { loadStatistics } from '../../../renderer/db/cultivationStats';
import { allFacts, dossierFactsOfSet, factsOfCadres } from '../../../renderer/db/dossierFacts';
import { keepTotals, totalPacks } from '../../../renderer/db/cultivationTotals';
import type { Enrollment, TrainingClass, VillagePosting } from '../../../shared/domain/cultivation';
import { DEFAULT_QUOTAS, DEFAULT_REQUIRED_HOURS, postLevelRank, promotionAfter } from '../../../shared/rules/cultivation';
import { cultivationStats } from '../../../shared/rules/cultivationStats';
import { columnsOfRows, traineeTotals } from '../../../shared/rules/cultivationTotals';
import { subtreeIds } from '../../../shared/rules/unitTree';
import { newId } from '../../../shared/ids';
import { generateCultivation } from '../../../shared/synthetic/cultivation';
import { storeGeneratedDistrict } from './generatedDistrict';

const ORIGIN = 'b'.repeat(32);
const ctx: WriteContext = { actor: { installationId: ORIGIN, operator: '干部科小刘' }, now: () => Date.UTC(2026, 10, 20) };
const YEAR = 2025;

let db: CadreDb;
beforeEach(async () => {
  db = openDatabase(`cultivation-steps-${newId()}`);
  // a generated district of 400 cadres through the demo loader's bulk path, then its cultivation records (many
  // postings: the tempering shares scaled up) stored with their kept totals, as the benchmark stores them
  await storeGeneratedDistrict(db, { seed: 20261130, cadres: 400 });
  const [cadres, units] = await Promise.all([db.cadres.toArray(), db.units.toArray()]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const summaries = cadres.map((c) => ({ id: c.id, name: c.name, unitName: unitName.get(c.unitId) ?? '', currentPost: c.currentPost, postLevel: c.postLevel, status: c.status }));
  const byTable = new Map<string, object[]>();
  const audienceOf = new Map<string, string>();
  for (const { table, record } of generateCultivation({ seed: 7, installationId: ORIGIN, operator: '基准测试', asOf: '2026-11', updatedAt: Date.UTC(2026, 10, 15), firstCounter: 1e9, temperingScale: 12 }, summaries)) {
    if (table === 'trainingClasses') audienceOf.set(record.id, record.audience);
    byTable.set(table, [...(byTable.get(table) ?? []), record]);
  }
  const enrolled = (byTable.get('enrollments') ?? []) as Enrollment[];
  const storeOf = (t: string) => storeTable(db, recordTypeOf(t)!);
  await db.transaction('rw', [...[...byTable.keys()].map(storeOf), totalPacks(db)], async () => {
    for (const [table, rows] of byTable) await putStoredRecords(db, recordTypeOf(table)!, rows);
    await keepTotals(db, enrolled.map((enrollment) => ({ after: { enrollment, audience: audienceOf.get(enrollment.classId)! } })));
  });
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** Every kept row against the rows worked out again from the dossier sets stored now. */
async function expectStepsMatchSets(): Promise<void> {
  const sets = await db.subRecords.toArray();
  const facts = await allFacts(db);
  expect(facts.size).toBe(sets.length);
  expect(facts).toEqual(new Map(sets.map((s) => [s.cadreId, dossierFactsOfSet(s as never)])));
}

/** The kept post levels and ranks of one cadre. */
const factsOf = async (cadreId: string) => (await factsOfCadres(db, [cadreId])).get(cadreId);

/**
 * The statistics from scratch: every cadre, every enrolment and class, every tempering record whole, the whole
 * dossier set of each posted cadre; for the whole district or one unit's subtree.
 */
async function statisticsFromScratch(year: number, unitId: string | null = null) {
  const [cadres, units, classes, enrollments, sets] = await Promise.all([
    db.cadres.toArray(),
    db.units.toArray(),
    db.table('trainingClasses').toArray() as Promise<TrainingClass[]>,
    allEnrollments(db) as Promise<Enrollment[]>,
    db.subRecords.toArray(),
  ]);
  const live = <T extends { deleted: boolean }>(rows: T[]) => rows.filter((r) => !r.deleted);
  const subtree = unitId === null ? null : subtreeIds(units, unitId);
  const inScope = live(cadres).filter((c) => !subtree || subtree.has(c.unitId));
  const ids = new Set(inScope.map((c) => c.id));
  const history = new Map(sets.map((s) => [s.cadreId, { posts: live(s.posts ?? []), ranks: live(s.ranks ?? []) }]));
  const tempering = async (table: string) => live((await db.table(table).toArray()) as (VillagePosting & { deleted: boolean })[]).filter((r) => ids.has(r.cadreId));
  return cultivationStats({
    year,
    cadres: inScope,
    wholeDistrict: unitId === null,
    totals: columnsOfRows(traineeTotals(live(classes), enrollments).filter((t) => t.year === year)),
    quotas: DEFAULT_QUOTAS,
    requiredHours: DEFAULT_REQUIRED_HOURS,
    secondments: (await tempering('secondments')) as never,
    postings: (await tempering('villagePostings')).map((p) => {
      const h = history.get(p.cadreId);
      return { ...p, promotedIn: h ? (promotionAfter(p.from, h.posts, h.ranks)?.month ?? '') : '' };
    }),
    volunteering: (await tempering('volunteering')) as never,
    actingPosts: (await tempering('actingPosts')) as never,
  });
}

async function people() {
  return { cadres: (await db.cadres.toArray()).filter((c) => !c.deleted), units: await db.units.toArray() };
}

const promotedOf = (tables: Awaited<ReturnType<typeof statisticsFromScratch>>) =>
  tables.find((t) => t.key === 'postings')!.rows.reduce((n, r) => n + (r.values[1] ?? 0), 0);

describe('the kept post levels and ranks (dossierFactPacks)', () => {
  it('holds every dossier’s post levels and ranks after a bulk load and after edits, deletions and a refused write', async () => {
    await expectStepsMatchSets();
    const cadreIds = (await db.cadres.toArray()).filter((c) => !c.deleted && c.status === '01').map((c) => c.id);
    const [a, b, c] = cadreIds;
    if (!a || !b || !c) throw new Error('the generated district has fewer than 3 cadres in service');
    await addSubRecord(db, ctx, 'posts', a, { title: '区农业农村局局长', postLevel: '1A', unit: '区农业农村局', from: '2026-05', to: null, documentNo: '' });
    await addSubRecord(db, ctx, 'ranks', b, { rank: '04', from: '2026-02', to: null, documentNo: '' });
    const [post] = await listSubRecords(db, 'posts', c);
    await updateSubRecord(db, ctx, 'posts', c, post!.id, { postLevel: '2A' });
    const [rank] = await listSubRecords(db, 'ranks', c);
    if (rank) await deleteSubRecord(db, ctx, 'ranks', c, rank.id);
    await expectStepsMatchSets();
    expect((await factsOf(a))!.posts).toContainEqual({ postLevel: '1A', from: '2026-05', to: null });

    // a write that fails after putting a set leaves the row as it was
    const before = await factsOf(a);
    await expect(
      db.transaction('rw', db.subRecords, async () => {
        await db.subRecords.put({ cadreId: a });
        throw new Error('中途失败');
      }),
    ).rejects.toThrow('中途失败');
    expect(await factsOf(a)).toEqual(before);

    // a set deleted, or all of them cleared, takes its row along
    await db.subRecords.delete(a);
    expect(await factsOf(a)).toBeUndefined();
    await expectStepsMatchSets();
    await db.subRecords.clear();
    expect(await db.table('dossierFactPacks').count()).toBe(0);
  });

  it('gives the same statistics as the whole dossier sets, every enrolment and every record, promotions included, before and after edits and records moved between years, for each year and a unit’s subtree', async () => {
    const scratch = await statisticsFromScratch(YEAR);
    expect(await loadStatistics(db, { year: YEAR, unitId: null }, await people())).toEqual(scratch);
    const posted = scratch.find((t) => t.key === 'postings')!.rows.reduce((n, r) => n + (r.values[0] ?? 0), 0);
    expect(posted).toBeGreaterThan(10);

    // promote, through the dossier's 职务任免, two posted cadres who were not promoted yet: both count at once
    const postings = ((await db.table('villagePostings').toArray()) as VillagePosting[]).filter((p) => p.from.startsWith(String(YEAR)));
    const sets = new Map((await db.subRecords.toArray()).map((s) => [s.cadreId, s]));
    // (below 正处 in every post, so that a 正处 post is a promotion)
    const notYet = postings.filter((p) => {
      const s = sets.get(p.cadreId);
      if ((s?.posts ?? []).some((x) => postLevelRank(x.postLevel) >= 4)) return false;
      return promotionAfter(p.from, (s?.posts ?? []).filter((x) => !x.deleted), (s?.ranks ?? []).filter((x) => !x.deleted)) === null;
    });
    expect(notYet.length).toBeGreaterThan(2);
    for (const p of notYet.slice(0, 2)) {
      await addSubRecord(db, ctx, 'posts', p.cadreId, { title: '区农业农村局局长', postLevel: '1A', unit: '区农业农村局', from: '2026-06', to: null, documentNo: '' });
    }
    const after = await statisticsFromScratch(YEAR);
    expect(promotedOf(after)).toBe(promotedOf(scratch) + 2);
    expect(await loadStatistics(db, { year: YEAR, unitId: null }, await people())).toEqual(after);

    // a posting and a 请战 of YEAR moved to the next year, a 顶岗 moved into YEAR, a 挂职 deleted as a tombstone and
    // a 请战 outright (each table's records move between the packs of their years)
    const ofYear = async (table: string, year: number) => ((await db.table(table).toArray()) as { id: string; from: string; deleted: boolean }[]).filter((r) => !r.deleted && r.from.startsWith(String(year)));
    const [posting] = await ofYear('villagePostings', YEAR);
    const [pledge, other] = await ofYear('volunteering', YEAR);
    const [acting] = await ofYear('actingPosts', YEAR - 1);
    const [secondment] = await ofYear('secondments', YEAR);
    expect([posting, pledge, other, acting, secondment].every(Boolean)).toBe(true);
    await db.table('villagePostings').update(posting!.id, { from: `${YEAR + 1}-01` });
    await db.table('volunteering').update(pledge!.id, { from: `${YEAR + 1}-02` });
    await db.table('actingPosts').update(acting!.id, { from: `${YEAR}-05` });
    await db.table('secondments').update(secondment!.id, { deleted: true });
    await db.table('volunteering').delete(other!.id);

    const units = await db.units.toArray();
    // a unit with cadres of its own below the district's root
    const counted = new Map<string, number>();
    for (const c of await db.cadres.toArray()) counted.set(c.unitId, (counted.get(c.unitId) ?? 0) + 1);
    const unit = units.filter((u) => u.parentId).sort((a, b) => (counted.get(b.id) ?? 0) - (counted.get(a.id) ?? 0))[0]!;
    for (const year of [YEAR - 1, YEAR, YEAR + 1]) {
      for (const unitId of [null, unit.id]) {
        expect(await loadStatistics(db, { year, unitId }, await people())).toEqual(await statisticsFromScratch(year, unitId));
      }
    }
    // the moves are seen: YEAR's postings are one fewer than before the move counted them
    const postedIn = (tables: Awaited<ReturnType<typeof statisticsFromScratch>>) => tables.find((t) => t.key === 'postings')!.rows.reduce((n, r) => n + (r.values[0] ?? 0), 0);
    const counts = await loadStatistics(db, { year: YEAR + 1, unitId: null }, await people());
    expect(postedIn(counts)).toBe((await ofYear('villagePostings', YEAR + 1)).length);
  });
});
