// The trainees' kept totals again in packs of columns (renderer/db/cultivationPacks.ts, schema version 24): a pack
// edited row by row holds exactly the rows put and not taken out, and the packs follow every write of traineeYears
// in its transaction — puts, replacements, deletions, a clear, a write rolled back; and likewise what the statistics
// count of the 请战 (renderer/db/cultivationTempering.ts), whatever year a record moves to.
import { Dexie } from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { PACKS_TABLE, applyToPacks, rowsOfPack, type TraineePack } from '../../../renderer/db/cultivationPacks';
import { totalsOfYear, traineeYears } from '../../../renderer/db/cultivationTotals';
import type { TraineeYear } from '../../../shared/rules/cultivationTotals';
import { TEMPERING_PACKS, temperingFactsOfYear } from '../../../renderer/db/cultivationTempering';
import { newId } from '../../../shared/ids';

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

describe('traineeYearPacks', () => {
  let db: CadreDb;
  beforeEach(() => {
    db = openDatabase(`cultivation-packs-${newId()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });
  const expectPacksMatchRows = async () => {
    const rows = await traineeYears(db).toArray();
    for (const year of [2024, 2025, 2026]) expect(sorted(await totalsOfYear(db, year))).toEqual(sorted(rows.filter((r) => r.year === year)));
    expect(sorted(await totalsOfYear(db, 2025, true))).toEqual(sorted(rows.filter((r) => r.year === 2025 && r.cadreId)));
  };

  it('follow every write of the rows, in its transaction', async () => {
    const many = [...Array.from({ length: 900 }, (_, i) => row(2025, i)), ...Array.from({ length: 300 }, (_, i) => row(2026, i))];
    await traineeYears(db).bulkPut(many);
    await expectPacksMatchRows();
    // a few hundred packs a year, not a row per trainee
    expect(await db.table(PACKS_TABLE).count()).toBeLessThanOrEqual(512);
    await traineeYears(db).bulkPut([row(2025, 3, { hours: 120, audiences: { county: 2 } }), row(2025, 5000)]);
    await traineeYears(db).bulkDelete([
      [2025, 'c:cadre-4'],
      [2026, 'n:书记10|第10社区'],
      [2026, 'c:nobody'],
    ]);
    await expectPacksMatchRows();
    expect((await totalsOfYear(db, 2025)).find((r) => r.trainee === 'c:cadre-3')).toEqual(row(2025, 3, { hours: 120, audiences: { county: 2 } }));

    // a write rolled back leaves the packs as they were
    await expect(
      db.transaction('rw', traineeYears(db), async () => {
        await traineeYears(db).put(row(2025, 6, { hours: 1 }));
        await traineeYears(db).delete([2025, 'c:cadre-7']);
        throw new Error('中途失败');
      }),
    ).rejects.toThrow('中途失败');
    await expectPacksMatchRows();

    // writing the packs and then the same rows (a restore) leaves them as they are; a clear empties them
    const packs = await db.table(PACKS_TABLE).toArray();
    await db.table(PACKS_TABLE).clear();
    await db.table(PACKS_TABLE).bulkPut(packs);
    await traineeYears(db).bulkPut(await traineeYears(db).toArray());
    await expectPacksMatchRows();
    await traineeYears(db).clear();
    expect(await db.table(PACKS_TABLE).count()).toBe(0);
    await expectPacksMatchRows();
  });
});

describe('temperingPacks', () => {
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
    expect(await db.table(TEMPERING_PACKS).count()).toBeLessThanOrEqual(32);
    await db.table('volunteering').bulkPut([v(1, { from: '2026-07', form: 'initiative' }), v(2, { deleted: true }), v(900)]);
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
