import { CADRE_BUCKETS, cadreBucketOf } from '../../../renderer/db/cadrePacks';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import {
  allFacts,
  deferDossierFacts,
  dossierFactPacks,
  dossierFactsOfSet,
  factsOfCadres,
  withFacts,
  type DossierFactsOf,
} from '../../../renderer/db/dossierFacts';
import { temperingFactsOfYear } from '../../../renderer/db/cultivationTempering';
import { newId } from '../../../shared/ids';

// The dossiers' kept facts in 1,024 packs (renderer/db/dossierFacts.ts, schema version 38): kept under every write
// of the dossier sets, and a bulk write's facts deferred and written once (the demo load, the sync import).

let db: CadreDb;
beforeEach(() => {
  db = openDatabase(`dossier-facts-${newId()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const post = (id: string, postLevel: string, from: string, to: string | null = null) => ({ id, postLevel, from, to, title: '职务', unit: '某镇', documentNo: '', deleted: false });
const set = (cadreId: string, grade = '1') => ({
  cadreId,
  posts: [post(`${cadreId}-p1`, '2B', '2014-03', '2019-05'), post(`${cadreId}-p2`, '2A', '2019-06')],
  assessments: [{ id: `${cadreId}-a`, year: 2022, grade, deleted: false }],
  ranks: [{ id: `${cadreId}-r`, rank: '08', from: '2012-06', to: null, deleted: false }],
});
const factsOf = (...sets: ReturnType<typeof set>[]) => new Map(sets.map((s) => [s.cadreId, dossierFactsOfSet(s as never)]));
const countWrites = () => {
  const writes = { created: 0, updated: 0 };
  dossierFactPacks(db).hook('creating', () => void writes.created++);
  dossierFactPacks(db).hook('updating', () => void writes.updated++);
  return writes;
};

describe('withFacts', () => {
  it('puts each cadre into the pack of its bucket, takes a gone one out, and leaves the stored packs unchanged', () => {
    const facts: DossierFactsOf = { posts: [], assessments: [{ year: 2022, grade: '1' }], rewards: [], ranks: [] };
    const packs = withFacts(new Map(), new Map(['a', 'b', 'c'].map((id) => [id, facts])));
    expect(packs.every((p) => Object.keys(p.facts).every((id) => cadreBucketOf(id) === p.bucket))).toBe(true);
    expect(packs.every((p) => p.bucket >= 0 && p.bucket < CADRE_BUCKETS)).toBe(true);
    expect(packs.reduce((n, p) => n + Object.keys(p.facts).length, 0)).toBe(3);
    const stored = new Map(packs.map((p) => [p.bucket, p]));
    const next = withFacts(stored, new Map([['a', null]]));
    expect(next).toEqual([{ bucket: cadreBucketOf('a'), facts: Object.fromEntries(Object.entries(stored.get(cadreBucketOf('a'))!.facts).filter(([id]) => id !== 'a')) }]);
    expect(stored.get(cadreBucketOf('a'))!.facts.a).toEqual(facts);
  });
});

describe('dossierFactPacks, kept under every write of the dossier sets', () => {
  it('a put writes the facts of live entries only, a delete takes them out and deletes an emptied pack, a clear takes all', async () => {
    const a = set('cadre-a');
    a.posts[0]!.deleted = true;
    await db.subRecords.bulkPut([a, set('cadre-b')] as never[]);
    expect(await allFacts(db)).toEqual(factsOf(a, set('cadre-b')));
    expect((await factsOfCadres(db, ['cadre-a'])).get('cadre-a')!.posts).toEqual([{ postLevel: '2A', from: '2019-06', to: null }]);
    await db.subRecords.delete('cadre-a');
    expect([...(await allFacts(db)).keys()]).toEqual(['cadre-b']);
    if (cadreBucketOf('cadre-a') !== cadreBucketOf('cadre-b')) expect(await dossierFactPacks(db).get(cadreBucketOf('cadre-a'))).toBeUndefined();
    await db.subRecords.clear();
    expect(await dossierFactPacks(db).count()).toBe(0);
  });
});

describe('deferDossierFacts (a bulk write)', () => {
  it('collects the facts of sets put in many transactions, writes each pack once at the flush, and stops deferring at the end', async () => {
    const deferral = deferDossierFacts(db);
    const writes = countWrites();
    const sets = Array.from({ length: 300 }, (_, i) => set(`c${i}`));
    for (let batch = 0; batch < 5; batch++) await db.subRecords.bulkPut(sets.slice(batch * 60, batch * 60 + 60) as never[]);
    expect(await dossierFactPacks(db).count()).toBe(0);
    await deferral.flush();
    expect(writes).toEqual({ created: new Set(sets.map((s) => cadreBucketOf(s.cadreId))).size, updated: 0 });
    expect(await allFacts(db)).toEqual(factsOf(...sets));

    // a set written again or deleted while deferring, after a flush or before one
    await db.subRecords.put(set('c1', '3') as never);
    await db.subRecords.delete('c2');
    await db.subRecords.put(set('late') as never);
    await db.subRecords.delete('late');
    await deferral.flush();
    const facts = await allFacts(db);
    expect(facts.get('c1')!.assessments).toEqual([{ year: 2022, grade: '3' }]);
    expect(facts.has('c2')).toBe(false);
    expect(facts.has('late')).toBe(false);
    expect(facts.size).toBe(299);

    deferral.end();
    await db.subRecords.put(set('after') as never);
    expect((await factsOfCadres(db, ['after'])).has('after')).toBe(true);
  });

  it('drops the facts of a transaction that failed, keeps them after a flush that failed, and ending twice leaves a later deferral on', async () => {
    const deferral = deferDossierFacts(db);
    await db.subRecords.put(set('kept') as never);
    await expect(
      db.transaction('rw', db.subRecords, async () => {
        await db.subRecords.put(set('rolled-back') as never);
        throw new Error('中途失败');
      }),
    ).rejects.toThrow('中途失败');
    let failing = true;
    dossierFactPacks(db).hook('creating', () => {
      if (failing) throw new Error('磁盘空间不足');
    });
    await expect(deferral.flush()).rejects.toThrow('磁盘空间不足');
    expect(await dossierFactPacks(db).count()).toBe(0);
    failing = false;
    await deferral.flush();
    expect([...(await allFacts(db)).keys()]).toEqual(['kept']);

    deferral.end();
    const later = deferDossierFacts(db);
    deferral.end();
    await db.subRecords.put(set('during-later') as never);
    expect((await factsOfCadres(db, ['during-later'])).has('during-later')).toBe(false);
    await later.flush();
    later.end();
    expect((await factsOfCadres(db, ['during-later'])).has('during-later')).toBe(true);
  });

  it('hands a load nothing of a write rolled back: a put, an overwrite or a delete', async () => {
    await db.subRecords.put(set('kept', '1') as never);
    const deferral = deferDossierFacts(db);
    const rolledBack = (write: () => Promise<unknown>) =>
      expect(
        db.transaction('rw', db.subRecords, async () => {
          await write();
          throw new Error('中途失败');
        }),
      ).rejects.toThrow('中途失败');
    await rolledBack(() => db.subRecords.put(set('kept', '9') as never));
    await rolledBack(() => db.subRecords.delete('kept'));
    await rolledBack(() => db.subRecords.put(set('never') as never));
    await deferral.flush();
    deferral.end();
    expect(await allFacts(db)).toEqual(factsOf(set('kept', '1')));
  });

  it('made inside a transaction, holds that transaction’s writes only, and flushes them in it', async () => {
    // another transaction writing a set while the deferring one has not yet started its work
    const other = db.subRecords.put(set('other') as never);
    await expect(
      db.transaction('rw', [db.subRecords, dossierFactPacks(db)], async () => {
        const deferral = deferDossierFacts(db);
        try {
          await db.subRecords.count();
          throw new Error('数据包不完整');
        } finally {
          deferral.end();
        }
      }),
    ).rejects.toThrow('数据包不完整');
    await other;
    expect([...(await allFacts(db)).keys()]).toEqual(['other']);

    const writes = countWrites();
    await db.transaction('rw', [db.subRecords, dossierFactPacks(db)], async () => {
      const deferral = deferDossierFacts(db);
      try {
        for (const s of [set('a'), set('b'), set('a', '3')]) await db.subRecords.put(s as never);
        expect((await factsOfCadres(db, ['a'])).has('a')).toBe(false);
        await deferral.flush();
      } finally {
        deferral.end();
      }
    });
    expect(await allFacts(db)).toEqual(factsOf(set('other'), set('a', '3'), set('b')));
    expect(writes.created + writes.updated).toBe(new Set(['a', 'b'].map(cadreBucketOf)).size);
    // and a write after it is kept at once
    await db.subRecords.put(set('c') as never);
    expect((await factsOfCadres(db, ['c'])).has('c')).toBe(true);
  });

  it('a posting written while its cadre’s facts are deferred takes its promotion from them', async () => {
    const deferral = deferDossierFacts(db);
    await db.subRecords.put({ cadreId: 'c1', posts: [post('p1', '2B', '2014-03', '2019-05'), post('p2', '2A', '2019-06')] } as never);
    await db.table('villagePostings').put({ id: 'vp1', cadreId: 'c1', town: '某镇', village: '某村', role: 'firstSecretary', from: '2018-03', to: '2019-03', evaluation: '', deleted: false });
    expect(await temperingFactsOfYear(db, 'villagePostings', 2018)).toEqual([{ id: 'vp1', cadreId: 'c1', from: '2018-03', role: 'firstSecretary', promotedIn: '2019-06' }]);
    // and a set written later recomputes it from the set itself
    await db.subRecords.put({ cadreId: 'c1', posts: [post('p1', '2B', '2014-03')] } as never);
    expect(await temperingFactsOfYear(db, 'villagePostings', 2018)).toEqual([expect.objectContaining({ id: 'vp1', promotedIn: '' })]);
    await deferral.flush();
    deferral.end();
  });
});
