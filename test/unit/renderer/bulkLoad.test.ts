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
