// The per-cadre facts the eligibility list reads first (renderer/db/selectionFacts.ts, in the packs of dossierFacts.ts since schema version 38): kept under
// every write of dossier sets in the same transaction, and the list computed on them equal to the list computed
// from scratch on the whole dossier sets, on a generated district.
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSubRecord, deleteSubRecord, listSubRecords, updateSubRecord } from '../../../renderer/db/cadres';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import type { WriteContext } from '../../../renderer/db/repository';
import { loadEligibilityList } from '../../../renderer/db/selection';
import { allFacts, dossierFactsOfSet, factsOfCadres } from '../../../renderer/db/dossierFacts';
import { FactsCache } from '../../../renderer/features/selection/factsCache';
import { newId } from '../../../shared/ids';
import { storeGeneratedDistrict } from './generatedDistrict';

const ME = '0123456789abcdef0123456789abcdef';
const ctx: WriteContext = { actor: { installationId: ME, operator: '干部科小刘' }, now: () => Date.UTC(2026, 10, 20) };

let db: CadreDb;
beforeEach(async () => {
  db = openDatabase(`selection-facts-${newId()}`);
  // a generated district of 400 cadres, stored through the demo loader's bulk path in batches
  await storeGeneratedDistrict(db, { seed: 20261130, cadres: 400 });
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** Every facts row against the facts worked out again from the dossier sets stored now. */
async function expectFactsMatchSets(): Promise<void> {
  const sets = await db.subRecords.toArray();
  const facts = await allFacts(db);
  expect(facts.size).toBe(sets.length);
  expect(facts).toEqual(new Map(sets.map((s) => [s.cadreId, dossierFactsOfSet(s as never)])));
}

/** The kept facts of one cadre, as the lists read them. */
const factsOf = async (cadreId: string) => (await factsOfCadres(db, [cadreId])).get(cadreId);

const liveCadres = async () => (await db.cadres.toArray()).filter((c) => !c.deleted);

describe('the kept selection facts (dossierFactPacks)', () => {
  it('holds every dossier’s facts after a bulk load and after edits, deletions and a refused write', async () => {
    await expectFactsMatchSets();
    expect((await allFacts(db)).size).toBeGreaterThan(300);
    const [a, b, c] = (await liveCadres()).filter((x) => x.status === '01').map((x) => ({ id: x.id }));
    if (!a || !b || !c) throw new Error('the generated district has fewer than 3 cadres in service');
    await addSubRecord(db, ctx, 'assessments', a.id, { year: 2026, grade: '3' });
    await addSubRecord(db, ctx, 'rewards', b.id, { kind: 'discipline', date: '2026-03', title: '党内警告', issuer: '区纪委', effectiveFrom: '2026-03', effectiveTo: null, revoked: null });
    const [post] = await listSubRecords(db, 'posts', c.id);
    await updateSubRecord(db, ctx, 'posts', c.id, post!.id, { postLevel: '1A' });
    const [assessment] = await listSubRecords(db, 'assessments', c.id);
    await deleteSubRecord(db, ctx, 'assessments', c.id, assessment!.id);
    await expectFactsMatchSets();
    expect((await factsOf(b.id))!.rewards.map((r) => r.title)).toContain('党内警告');

    // a write that fails after putting a set leaves the facts as they were
    const before = await factsOf(a.id);
    await expect(
      db.transaction('rw', db.subRecords, async () => {
        await db.subRecords.put({ cadreId: a.id });
        throw new Error('中途失败');
      }),
    ).rejects.toThrow('中途失败');
    expect(await factsOf(a.id)).toEqual(before);

    // a set deleted or all cleared takes its facts along
    await db.subRecords.delete(a.id);
    expect(await factsOf(a.id)).toBeUndefined();
    await expectFactsMatchSets();
    await db.subRecords.clear();
    expect(await db.table('dossierFactPacks').count()).toBe(0);
  });

  it('gives the same eligibility list as the whole dossier sets, for the district and a unit', async () => {
    const cadres = await liveCadres();
    // some block and bar: a 基本称职 year, a 警告 in force, a post level changed
    const inService = cadres.filter((c) => c.status === '01' && c.rank);
    for (const [i, c] of inService.slice(0, 30).entries()) {
      if (i % 3 === 0) {
        const year = (await listSubRecords(db, 'assessments', c.id)).find((x) => x.year === 2025);
        if (year) await updateSubRecord(db, ctx, 'assessments', c.id, year.id, { grade: '3' });
        else await addSubRecord(db, ctx, 'assessments', c.id, { year: 2025, grade: '3' });
      }
      if (i % 3 === 1) await addSubRecord(db, ctx, 'rewards', c.id, { kind: 'discipline', date: '2026-06', title: '警告', issuer: '区纪委', effectiveFrom: '2026-06', effectiveTo: null, revoked: null });
      if (i % 3 === 2) await addSubRecord(db, ctx, 'posts', c.id, { title: '副局长', postLevel: '1B', unit: '区发改委', from: '2015-01', to: '2020-01', documentNo: '' });
    }
    const dossiers = await new FactsCache(db).all();
    for (const scope of [null, new Set([inService[0]!.unitId])]) {
      const fromScratch = await loadEligibilityList(db, scope, '2026-11');
      const fast = await loadEligibilityList(db, scope, '2026-11', await liveCadres(), dossiers);
      expect(fast).toEqual(fromScratch);
      expect(fast.some((r) => r.eligible)).toBe(true);
      expect(fast.some((r) => !r.eligible)).toBe(true);
    }
    const district = await loadEligibilityList(db, null, '2026-11', await liveCadres(), dossiers);
    expect(district.some((r) => r.reasons.some((x) => x.includes('警告')))).toBe(true);
    expect(district.some((r) => r.reasons.some((x) => x.includes('2025年度考核基本称职')))).toBe(true);
  });
});
