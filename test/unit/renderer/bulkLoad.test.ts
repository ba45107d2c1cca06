import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { bulkLoadBatch } from '../../../renderer/db/bulkLoad';
import { currentCounter } from '../../../renderer/db/repository';
import { newId } from '../../../shared/ids';
import { sampleCadre } from '../../fixtures/cadre';

let db: CadreDb;
beforeEach(() => {
  db = openDatabase(`bulk-${newId()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('bulkLoadBatch', () => {
  it('stores incoming records with their version vectors, without counter or audit', async () => {
    const cadre = sampleCadre({ unitId: 'u1', vv: { ['a'.repeat(32)]: 7 } });
    await bulkLoadBatch(db, [{ table: 'cadres', record: cadre }]);
    expect(await db.cadres.get(cadre.id)).toEqual(cadre);
    expect(await currentCounter(db)).toBe(0);
    expect(await db.audit.count()).toBe(0);
  });

  it('groups sub-records into their dossier set, replacing an entry of the same id and keeping the others', async () => {
    const peer = { installationId: 'a'.repeat(32), operator: '甲' };
    const entry = (id: string, cadreId: string, unit: string, counter: number) => ({
      id,
      cadreId,
      vv: { [peer.installationId]: counter },
      updatedAt: 1,
      updatedBy: peer,
      deleted: false,
      from: '2001-01',
      to: null,
      unit,
      post: '',
      kind: 'work',
    });
    await bulkLoadBatch(db, [
      { table: 'career', record: entry('s1', 'c1', '甲单位', 1) },
      { table: 'career', record: entry('s2', 'c1', '乙单位', 2) },
      { table: 'career', record: entry('s3', 'c2', '丙单位', 3) },
    ]);
    await bulkLoadBatch(db, [{ table: 'career', record: entry('s2', 'c1', '乙单位（更正）', 4) }]);
    const c1 = await db.subRecords.get('c1');
    expect(c1!.career!.map((e) => [e.id, e.unit, e.vv[peer.installationId]])).toEqual([
      ['s1', '甲单位', 1],
      ['s2', '乙单位（更正）', 4],
    ]);
    expect((await db.subRecords.get('c2'))!.career!.map((e) => e.id)).toEqual(['s3']);
    expect(await db.subRecords.count()).toBe(2);
  });

  it('refuses a batch naming an unknown or local table, and writes none of it', async () => {
    const cadre = sampleCadre({ unitId: 'u1' });
    await expect(
      bulkLoadBatch(db, [
        { table: 'cadres', record: cadre },
        { table: 'audit', record: { id: 'x', vv: {} } },
      ]),
    ).rejects.toThrow('不能导入未知的数据表“audit”');
    expect(await db.cadres.count()).toBe(0);
  });
});
