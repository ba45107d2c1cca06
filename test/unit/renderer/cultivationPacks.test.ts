// The trainees' kept totals again in packs of columns (renderer/db/cultivationPacks.ts, schema version 24): a pack
// edited row by row holds exactly the rows put and not taken out, and the packs follow every write of traineeYears
// in its transaction — puts, replacements, deletions, a clear, a write rolled back.
import { Dexie } from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { PACKS_TABLE, applyToPacks, rowsOfPack, type TraineePack } from '../../../renderer/db/cultivationPacks';
import { totalsOfYear, traineeYears } from '../../../renderer/db/cultivationTotals';
import type { TraineeYear } from '../../../shared/rules/cultivationTotals';
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
