// The trainees' kept totals in packs of columns (renderer/db/cultivationPacks.ts; the only copy since schema version
// 33): a pack edited row by row holds exactly the rows put and not taken out, and so do the stored packs edited
// through editRows in a transaction — puts, replacements, deletions, an edit rolled back; and likewise what the statistics
// count of the 请战 (renderer/db/cultivationTempering.ts, a pack per year and bucket since schema version 27),
// whatever year a record moves to: each live record in exactly one pack, the one of its start's year.
import { Dexie } from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { PACKS_TABLE, applyToPacks, editRows, rowsOfPack, totalPacks, type RowKey, type TraineePack } from '../../../renderer/db/cultivationPacks';
import { totalsOfYear } from '../../../renderer/db/cultivationTotals';
import type { TraineeYear } from '../../../shared/rules/cultivationTotals';
import { TEMPERING_PACKS, applyRecords, bucketOfId, temperingFactsOfYear, type TemperingPack } from '../../../renderer/db/cultivationTempering';
import { newId } from '../../../shared/ids';
import { promotionAfter } from '../../../shared/rules/cultivation';

const sorted = (rows: TraineeYear[]) => [...rows].sort((a, b) => a.year - b.year || a.trainee.localeCompare(b.trainee));
const row = (year: number, n: number, over: Partial<TraineeYear> = {}): TraineeYear => ({
  year,
  trainee: n % 5 === 0 ? `n:书记${n}|第${n}社区` : `c:cadre-${n}`,
  cadreId: n % 5 === 0 ? null : `cadre-${n}`,
  hours: (n * 7) % 90,
  audiences: n % 3 ? { section: 1 + (n % 2) } : { county: 1, section: 1 },
  ...over,
});

describe('a pack edited row by row', () => {
  it('holds the last row put of each trainee, without the ones taken out', () => {
    const step = fc.record({ n: fc.integer({ min: 0, max: 40 }), hours: fc.integer({ min: 0, max: 200 }), remove: fc.boolean(), community: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        let packs = new Map<string, TraineePack>();
        const expected = new Map<string, TraineeYear>();
        for (const s of steps) {
          const r = row(2025, s.n, { hours: s.hours, audiences: s.community ? { community: 1 } : { section: 2, nonPublic: 1 } });
          if (s.remove) {
            packs = new Map([...packs, ...applyToPacks(packs, [], [[2025, r.trainee]])]);
            expected.delete(r.trainee);
          } else {
            packs = new Map([...packs, ...applyToPacks(packs, [r], [])]);
            expected.set(r.trainee, r);
          }
        }
        expect(sorted([...packs.values()].flatMap(rowsOfPack))).toEqual(sorted([...expected.values()]));
      }),
    );
  });
});

describe('traineeTotalPacks, edited through editRows', () => {
  let db: CadreDb;
  beforeEach(() => {
    db = openDatabase(`cultivation-packs-${newId()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });
  const keyOfRow = (r: TraineeYear): RowKey => [r.year, r.trainee];
  const put = (rows: TraineeYear[]) =>
    db.transaction('rw', totalPacks(db), () =>
      editRows(db, rows.map(keyOfRow), (stored, keyOf) => {
        for (const r of rows) stored.set(keyOf(keyOfRow(r)), r);
      }),
    );
  const remove = (keys: RowKey[]) =>
    db.transaction('rw', totalPacks(db), () =>
      editRows(db, keys, (stored) => {
        for (const k of stored.keys()) stored.set(k, null);
      }),
    );
  const expected = new Map<string, TraineeYear>();
  const expectPacksHold = async () => {
    const rows = [...expected.values()];
    for (const year of [2024, 2025, 2026]) expect(sorted(await totalsOfYear(db, year))).toEqual(sorted(rows.filter((r) => r.year === year)));
    expect(sorted(await totalsOfYear(db, 2025, true))).toEqual(sorted(rows.filter((r) => r.year === 2025 && r.cadreId)));
  };
  const note = (rows: TraineeYear[]) => rows.forEach((r) => expected.set(`${r.year}|${r.trainee}`, r));

  it('hold exactly the rows put and not taken out; an edit sees the stored rows, and one rolled back changes nothing', async () => {
    expected.clear();
    const many = [...Array.from({ length: 900 }, (_, i) => row(2025, i)), ...Array.from({ length: 300 }, (_, i) => row(2026, i))];
    await put(many);
    note(many);
    await expectPacksHold();
    // at most 32 packs a year, not a row per trainee
    expect(await db.table(PACKS_TABLE).count()).toBeLessThanOrEqual(64);
    const changed = [row(2025, 3, { hours: 120, audiences: { county: 2 } }), row(2025, 5000)];
    await put(changed);
    note(changed);
    await remove([
      [2025, 'c:cadre-4'],
      [2026, 'n:书记10|第10社区'],
      [2026, 'c:nobody'],
    ]);
    expected.delete('2025|c:cadre-4');
    expected.delete('2026|n:书记10|第10社区');
    await expectPacksHold();

    // the edit is given the rows as stored, null for a trainee with none
    let seen: (TraineeYear | null)[] = [];
    await db.transaction('rw', totalPacks(db), () =>
      editRows(db, [[2025, 'c:cadre-3'], [2025, 'c:nobody']], (stored) => {
        seen = [...stored.values()];
      }),
    );
    expect(seen).toEqual([row(2025, 3, { hours: 120, audiences: { county: 2 } }), null]);
    await expectPacksHold();

    // an edit rolled back leaves the packs as they were
    await expect(
      db.transaction('rw', totalPacks(db), async () => {
        await editRows(db, [[2025, 'c:cadre-6']], (stored) => stored.set([...stored.keys()][0]!, row(2025, 6, { hours: 1 })));
        await editRows(db, [[2025, 'c:cadre-7']], (stored) => stored.set([...stored.keys()][0]!, null));
        throw new Error('中途失败');
      }),
    ).rejects.toThrow('中途失败');
    await expectPacksHold();

    // a year's every trainee taken out: its packs go rather than stay empty
    await remove(Array.from({ length: 300 }, (_, i) => [2026, row(2026, i).trainee] as RowKey));
    for (const k of [...expected.keys()]) if (k.startsWith('2026|')) expected.delete(k);
    await expectPacksHold();
    expect(await db.table(PACKS_TABLE).where('[year+bucket]').between([2026, Dexie.minKey], [2026, Dexie.maxKey]).count()).toBe(0);
  });
});

describe('tempering packs edited record by record', () => {
  it('hold each live record once, in the pack of its year and bucket, whatever years it moved through', () => {
    const step = fc.record({ n: fc.integer({ min: 0, max: 30 }), year: fc.integer({ min: 2022, max: 2026 }), month: fc.integer({ min: 1, max: 12 }), deleted: fc.boolean(), outright: fc.boolean() });
    fc.assert(
      fc.property(fc.array(fc.array(step, { maxLength: 6 }), { maxLength: 25 }), (writes) => {
        const packs = new Map<string, TemperingPack>();
        const expected = new Map<string, { id: string; from: string; form: string }>();
        for (const write of writes) {
          const records = write.filter((s) => !s.outright).map((s) => ({ id: `v-${s.n}`, cadreId: `c-${s.n}`, from: `${s.year}-${String(s.month).padStart(2, '0')}`, form: `f${s.month}`, area: 'urban', deleted: s.deleted }));
          const outright = write.filter((s) => s.outright).map((s) => `v-${s.n}`);
          for (const id of outright) expected.delete(id);
          for (const r of records) {
            if (r.deleted) expected.delete(r.id);
            else expected.set(r.id, { id: r.id, from: r.from, form: r.form });
          }
          for (const p of applyRecords('volunteering', [...packs.values()], records, outright)) packs.set(`${p.year}|${p.bucket}`, p);
        }
        const held = [...packs.values()].flatMap((p) =>
          p.id.map((id, i) => {
            expect([p.year, p.bucket]).toEqual([Number(p.from[i]!.slice(0, 4)), bucketOfId(id)]);
            return { id, from: p.from[i]!, form: p.fields.form![i]! };
          }),
        );
        const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
        expect(byId(held)).toEqual(byId([...expected.values()]));
      }),
    );
  });
});

describe('temperingYearPacks', () => {
  let db: CadreDb;
  beforeEach(() => {
    db = openDatabase(`tempering-packs-${newId()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });
  type V = { id: string; cadreId: string; from: string; form: string; area: string; deleted: boolean; task: string };
  const v = (n: number, over: Partial<V> = {}): V => ({ id: `v-${n}`, cadreId: `cadre-${n % 37}`, from: `${2024 + (n % 3)}-${String(1 + (n % 12)).padStart(2, '0')}`, form: ['pledge', 'promise', 'contest'][n % 3]!, area: ['urban', 'projects'][n % 2]!, deleted: false, task: '老旧小区改造攻坚', ...over });
  /** What the statistics must see: the live records starting in the year, with the fields they group by. */
  const expectFactsMatchRecords = async () => {
    const live = ((await db.table('volunteering').toArray()) as V[]).filter((r) => !r.deleted);
    for (const year of [2024, 2025, 2026]) {
      const expected = live.filter((r) => r.from.startsWith(String(year))).map(({ id, cadreId, from, form, area }) => ({ id, cadreId, from, form, area }));
      const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(await temperingFactsOfYear(db, 'volunteering', year))).toEqual(byId(expected));
    }
  };

  it('follow every write of the records: new, moved to another year, deleted as a tombstone or outright, cleared', async () => {
    await db.table('volunteering').bulkPut(Array.from({ length: 500 }, (_, n) => v(n)));
    await expectFactsMatchRecords();
    // at most 2 packs a year, and a year's packs hold only records that start in it
    expect(await db.table(TEMPERING_PACKS).count()).toBeLessThanOrEqual(3 * 2);
    const of2025 = (await db.table(TEMPERING_PACKS).where('[table+year]').equals(['volunteering', 2025]).toArray()) as TemperingPack[];
    expect(of2025.flatMap((p) => p.from).every((f) => f.startsWith('2025-'))).toBe(true);
    expect(of2025.flatMap((p) => p.id).sort()).toEqual(Array.from({ length: 500 }, (_, n) => v(n)).filter((r) => r.from.startsWith('2025-')).map((r) => r.id).sort());
    // v-1 moves from 2025 to 2026, v-6 from 2024 to 2025 by one record and back in the next write
    await db.table('volunteering').bulkPut([v(1, { from: '2026-07', form: 'initiative' }), v(2, { deleted: true }), v(900), v(6, { from: '2025-03' })]);
    await db.table('volunteering').put(v(6, { from: '2024-09' }));
    await db.table('volunteering').bulkDelete(['v-3', 'v-404', 'nobody']);
    await expectFactsMatchRecords();
    await expect(
      db.transaction('rw', db.table('volunteering'), async () => {
        await db.table('volunteering').put(v(5, { from: '2025-01' }));
        throw new Error('中途失败');
      }),
    ).rejects.toThrow('中途失败');
    await expectFactsMatchRecords();
    await db.table('volunteering').clear();
    expect(await db.table(TEMPERING_PACKS).count()).toBe(0);
  });
});

describe('the village postings’ promotions in their packs (schema version 31)', () => {
  let db: CadreDb;
  beforeEach(() => {
    db = openDatabase(`posting-promotions-${newId()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });
  type Step = { id: string; postLevel?: string; rank?: string; from: string; to: string | null; deleted?: boolean };
  type Posting = { id: string; cadreId: string; role: string; from: string; to: string | null; deleted: boolean };
  const posting = (n: number, over: Partial<Posting> = {}): Posting => ({ id: `p-${n}`, cadreId: `cadre-${n % 7}`, role: 'firstSecretary', from: `${2023 + (n % 3)}-0${1 + (n % 9)}`, to: null, deleted: false, ...over });
  /** A dossier set: 科级 since 2018, and 处级 (a promotion) from `promoted` on when given. */
  const set = (cadreId: string, promoted?: string, over: { posts?: Step[]; ranks?: Step[] } = {}) => ({
    cadreId,
    posts: [{ id: `${cadreId}-a`, postLevel: '2B', from: '2018-01', to: promoted ?? null }, ...(promoted ? [{ id: `${cadreId}-b`, postLevel: '2A', from: promoted, to: null }] : [])],
    ranks: [] as Step[],
    ...over,
  });
  /** Each live posting's entry holds the promotion worked out from scratch from its cadre's whole dossier set. */
  const expectPromotionsMatch = async () => {
    const sets = new Map(((await db.subRecords.toArray()) as unknown as { cadreId: string; posts?: Step[]; ranks?: Step[] }[]).map((s) => [s.cadreId, s]));
    const live = ((await db.table('villagePostings').toArray()) as Posting[]).filter((p) => !p.deleted);
    const scratch = (p: Posting) => {
      const s = sets.get(p.cadreId);
      const alive = <T extends Step>(rows: T[] = []) => rows.filter((r) => !r.deleted) as never[];
      return s ? (promotionAfter(p.from, alive(s.posts), alive(s.ranks))?.month ?? '') : '';
    };
    const packs = (await db.table(TEMPERING_PACKS).where('[table+year]').anyOf([2023, 2024, 2025, 2026].map((y) => ['villagePostings', y])).toArray()) as TemperingPack[];
    const held = packs.flatMap((p) => p.id.map((id, i) => ({ id, promotedIn: p.fields.promotedIn![i]! })));
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(held)).toEqual(byId(live.map((p) => ({ id: p.id, promotedIn: scratch(p) }))));
    return held;
  };

  it('follow every write of the postings and of the dossier sets, whichever comes first, in one transaction or apart', async () => {
    // dossiers loaded into a district without postings, then postings: each reads its cadre's steps
    await db.subRecords.bulkPut([set('cadre-0', '2024-09'), set('cadre-1')] as never[]);
    await db.table('villagePostings').bulkPut(Array.from({ length: 20 }, (_, n) => posting(n)));
    const first = await expectPromotionsMatch();
    expect(first.some((h) => h.promotedIn === '2024-09')).toBe(true);
    // the sets of the other cadres written after their postings, many at once and one by one
    await db.subRecords.bulkPut([set('cadre-2', '2025-04'), set('cadre-3', '2023-02'), set('cadre-4')] as never[]);
    await db.subRecords.put(set('cadre-5', '2026-01') as never);
    await expectPromotionsMatch();
    // a promotion recorded later, one taken back (its post deleted as a tombstone), a rank above the one held
    await db.subRecords.put(set('cadre-1', '2025-10') as never);
    await db.subRecords.put(set('cadre-0', '2024-09', { posts: [{ id: 'x', postLevel: '2B', from: '2018-01', to: null }, { id: 'y', postLevel: '2A', from: '2024-09', to: null, deleted: true }] }) as never);
    await db.subRecords.put(set('cadre-4', undefined, { ranks: [{ id: 'r1', rank: '08', from: '2016-01', to: '2024-11' }, { id: 'r2', rank: '07', from: '2024-12', to: null }] }) as never);
    await expectPromotionsMatch();
    // a posting moved after its cadre's promotion, one deleted as a tombstone, one outright
    await db.table('villagePostings').bulkPut([posting(2, { from: '2026-03' }), posting(9, { deleted: true })]);
    await db.table('villagePostings').delete('p-16');
    await expectPromotionsMatch();
    // a set and a posting of the same cadre written at once in one transaction (as an import writes a dossier)
    await db.transaction('rw', [db.subRecords, db.table('villagePostings')], () =>
      Promise.all([db.subRecords.put(set('cadre-6', '2025-02') as never), db.table('villagePostings').put(posting(40, { cadreId: 'cadre-6', from: '2024-05' })), db.table('villagePostings').put(posting(41, { cadreId: 'cadre-6', from: '2025-01' }))]),
    );
    expect((await expectPromotionsMatch()).filter((h) => h.id === 'p-40' || h.id === 'p-41').map((h) => h.promotedIn)).toEqual(['2025-02', '2025-02']);
    // many single writes at once in one transaction, some in the same pack: each follow-up edits it in turn
    await db.transaction('rw', [db.subRecords, db.table('villagePostings')], () =>
      Promise.all([
        ...Array.from({ length: 40 }, (_, i) => db.table('villagePostings').put(posting(100 + i, { from: '2025-03' }))),
        ...['cadre-1', 'cadre-3', 'cadre-5'].map((id) => db.subRecords.put(set(id, '2025-08') as never)),
      ]),
    );
    await expectPromotionsMatch();
    // a write rolled back leaves the packs as they were
    await expect(
      db.transaction('rw', [db.subRecords, db.table('villagePostings')], async () => {
        await db.subRecords.put(set('cadre-3') as never);
        await db.table('villagePostings').put(posting(50, { cadreId: 'cadre-0' }));
        throw new Error('中途失败');
      }),
    ).rejects.toThrow('中途失败');
    await expectPromotionsMatch();
    // a dossier set deleted, then all of them: no promotion left
    await db.subRecords.delete('cadre-2');
    await expectPromotionsMatch();
    await db.subRecords.clear();
    expect((await expectPromotionsMatch()).every((h) => h.promotedIn === '')).toBe(true);
  });
});
