import { Dexie } from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb, type SubRecordSet } from '../../../renderer/db/database';
import { PACK_SIZE, allDossierSets, dossierPacks, inReadOrder, ownRowId, packNewDossiers } from '../../../renderer/db/dossierPacks';
import { bulkLoadBatch } from '../../../renderer/db/bulkLoad';
import { newId } from '../../../shared/ids';

// The dossier sets' storage (renderer/db/dossierPacks.ts): 32 sets to a row for a bulk write of new dossiers, a
// cadre's own row for any other write, shown to everything above as the table subRecords, a set per cadre.

let db: CadreDb;
beforeEach(async () => {
  db = openDatabase(`dossier-packs-${newId()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const set = (cadreId: string, mark = 0): SubRecordSet => ({ cadreId, career: [{ id: `${cadreId}-${mark}` }] }) as unknown as SubRecordSet;
const putNew = (sets: SubRecordSet[]) => db.subRecords.bulkPut([...packNewDossiers(sets)]);
const everySet = async () => {
  const out: SubRecordSet[] = [];
  for await (const page of allDossierSets(db, 3)) out.push(...page);
  return out.sort((a, b) => (a.cadreId < b.cadreId ? -1 : 1));
};

describe('dossier packs', () => {
  it('packs a bulk write of new dossiers 32 to a row, in the order given, and reads each set back', async () => {
    const sets = Array.from({ length: 70 }, (_, i) => set(`c${String(i).padStart(3, '0')}`));
    await putNew(sets);
    const rows = await dossierPacks(db).toArray();
    expect(rows.map((r) => r.cadreIds.length)).toEqual([PACK_SIZE, PACK_SIZE, 6]);
    expect(rows.flatMap((r) => r.cadreIds)).toEqual(sets.map((s) => s.cadreId));
    expect(await db.subRecords.get('c005')).toEqual(sets[5]);
    expect(await db.subRecords.bulkGet(['c069', 'nobody', 'c000'])).toEqual([sets[69], undefined, sets[0]]);
    expect(await db.subRecords.count()).toBe(70);
    expect(await db.subRecords.toArray()).toEqual(sets);
    expect(await everySet()).toEqual(sets);
  });

  it('writes a later edit to the cadre’s own row and prefers it; the pack is not rewritten', async () => {
    await putNew([set('a'), set('b'), set('c')]);
    const [pack] = await dossierPacks(db).toArray();
    await db.subRecords.put(set('b', 1));
    expect(await dossierPacks(db).get(pack!.packId)).toEqual(pack);
    expect(await dossierPacks(db).get(ownRowId('b'))).toEqual({ packId: ownRowId('b'), cadreIds: ['b'], sets: [set('b', 1)] });
    expect(await db.subRecords.get('b')).toEqual(set('b', 1));
    expect(await db.subRecords.toArray()).toEqual([set('a'), set('b', 1), set('c')]);
    expect(await db.subRecords.count()).toBe(3);
    expect(await everySet()).toEqual([set('a'), set('b', 1), set('c')]);
    // a delete takes it out of every row
    await db.subRecords.delete('b');
    expect(await db.subRecords.get('b')).toBeUndefined();
    expect((await dossierPacks(db).toArray()).flatMap((r) => r.cadreIds)).toEqual(['a', 'c']);
  });

  it('packs the new dossiers of a put and writes the others to their own rows', async () => {
    await putNew([set('a'), set('b')]);
    await db.subRecords.bulkPut([set('a', 1), ...packNewDossiers([set('c'), set('d')]), set('e')]);
    const rows = await dossierPacks(db).toArray();
    expect(rows.map((r) => [r.packId.slice(0, 1), r.cadreIds])).toEqual([
      ['b', ['a', 'b']],
      ['b', ['c', 'd']],
      ['s', ['a']],
      ['s', ['e']],
    ]);
    expect(await db.subRecords.toArray()).toEqual([set('a', 1), set('b'), set('c'), set('d'), set('e')]);
  });

  it('rolls a failed transaction back, and a write after an awaited put stays in its transaction', async () => {
    await db.subRecords.put(set('kept'));
    await expect(
      db.transaction('rw', [db.subRecords, db.meta], async () => {
        await db.subRecords.put(set('kept', 2));
        await db.meta.put({ key: 'after-the-put', value: 1 });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await db.subRecords.get('kept')).toEqual(set('kept'));
    expect(await db.meta.get('after-the-put')).toBeUndefined();
  });

  it('runs one transaction’s requests in the order asked, unawaited ones too', async () => {
    await putNew([set('a'), set('b'), set('c')]);
    // two deletes of one pack at once: neither writes the other's cadre back
    await db.transaction('rw', db.subRecords, () => Promise.all([db.subRecords.delete('a'), db.subRecords.delete('b')]));
    expect(await db.subRecords.toArray()).toEqual([set('c')]);
    // a put, then a delete and a read asked before the put is done
    const [, , read] = await db.transaction('rw', db.subRecords, () => Promise.all([db.subRecords.put(set('c', 1)), db.subRecords.delete('c'), db.subRecords.get('c')]));
    expect(read).toBeUndefined();
    expect(await db.subRecords.count()).toBe(0);
  });

  it('refuses an add of a set that is stored, as IndexedDB does', async () => {
    await db.subRecords.add(set('x'));
    await expect(db.subRecords.add(set('x', 1))).rejects.toThrow();
    expect(await db.subRecords.get('x')).toEqual(set('x'));
  });

  it('the bulk loader packs new dossiers a unit at a time', async () => {
    const vv = { ['a'.repeat(32)]: 1 };
    const cadre = (id: string, unitId: string) => ({ table: 'cadres', record: { id, unitId, vv } });
    const entry = (id: string, cadreId: string) => ({ table: 'career', record: { id, cadreId, vv, deleted: false } });
    const batch = [];
    for (let i = 0; i < 40; i++) batch.push(cadre(`c${i}`, i % 2 ? 'unit-b' : 'unit-a'), entry(`e${i}`, `c${i}`));
    await bulkLoadBatch(db, batch as never, { newDossiers: true });
    const rows = await dossierPacks(db).toArray();
    const units = rows.map((r) => [...new Set(r.cadreIds.map((id) => (Number(id.slice(1)) % 2 ? 'b' : 'a')))]);
    expect(units).toEqual([['a', 'b'], ['b']]);
    expect(rows[0]!.cadreIds.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `c${i * 2}`));
    expect(inReadOrder([{ unitId: 'b', n: 1 }, { unitId: 'a', n: 2 }, { unitId: 'b', n: 3 }])).toEqual([{ unitId: 'a', n: 2 }, { unitId: 'b', n: 1 }, { unitId: 'b', n: 3 }]);
  });

  it('reads as a plain table of sets would, whatever was written (model)', async () => {
    // one pool of ids for every kind of write: a pack's cadres are later put, deleted or packed again after a delete
    const pool = Array.from({ length: 40 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    const id = fc.constantFrom(...pool);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('put' as const), ids: fc.uniqueArray(id, { minLength: 1, maxLength: 4 }) }),
      fc.record({ kind: fc.constant('new' as const), count: fc.integer({ min: 1, max: 40 }), skip: fc.nat({ max: 39 }) }),
      fc.record({ kind: fc.constant('delete' as const), ids: fc.uniqueArray(id, { minLength: 1, maxLength: 4 }) }),
      fc.record({ kind: fc.constant('range' as const), from: id, to: id }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 8 }), async (ops) => {
        await db.subRecords.clear();
        const model = new Map<string, SubRecordSet>();
        let mark = 0;
        for (const o of ops) {
          if (o.kind === 'put') {
            const sets = o.ids.map((k) => set(k, ++mark));
            await db.subRecords.bulkPut(sets);
            for (const s of sets) model.set(s.cadreId, s);
          } else if (o.kind === 'new') {
            // new dossiers are ones no row holds: ids not stored now, from a place in the pool on
            const free = [...pool.slice(o.skip), ...pool.slice(0, o.skip)].filter((k) => !model.has(k));
            const sets = free.slice(0, o.count).map((k) => set(k, ++mark));
            if (!sets.length) continue;
            await putNew(sets);
            for (const s of sets) model.set(s.cadreId, s);
          } else if (o.kind === 'delete') {
            await db.subRecords.bulkDelete(o.ids);
            for (const k of o.ids) model.delete(k);
          } else if (o.kind === 'range') {
            const [lo, hi] = o.from < o.to ? [o.from, o.to] : [o.to, o.from];
            if (lo === hi) continue; // an empty range is Dexie's own empty collection, deleted with a cursor
            await db.subRecords.where(':id').between(lo, hi, true, false).delete();
            for (const k of [...model.keys()]) if (k >= lo && k < hi) model.delete(k);
          } else {
            await db.subRecords.clear();
            model.clear();
          }
        }
        const keys = [...model.keys()].sort();
        const sorted = keys.map((k) => model.get(k)!);
        expect(await db.subRecords.toArray()).toEqual(sorted);
        expect(await db.subRecords.count()).toBe(keys.length);
        expect(await db.subRecords.toCollection().primaryKeys()).toEqual(keys);
        expect(await db.subRecords.orderBy(':id').reverse().limit(3).toArray()).toEqual([...sorted].reverse().slice(0, 3));
        expect(await db.subRecords.where(':id').above('k05').limit(2).toArray()).toEqual(sorted.filter((s) => s.cadreId > 'k05').slice(0, 2));
        const asked = ['k00', 'k03', 'k07', 'k11', ...keys.slice(-2)];
        expect(await db.subRecords.bulkGet(asked)).toEqual(asked.map((k) => model.get(k)));
        expect(await everySet()).toEqual(sorted);
      }),
      { numRuns: 40 },
    );
  });
});
