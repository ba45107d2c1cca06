import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { bulkLoadBatch } from '../../../renderer/db/bulkLoad';
import { newId } from '../../../shared/ids';

// The bulk loader's dossier sets written without being read when the load says they are new (a demo load into a
// database without any), and merged into the stored ones otherwise.

let db: CadreDb;
beforeEach(async () => {
  db = openDatabase(`bulk-direct-${newId()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const entry = (id: string, cadreId: string, unit: string) => ({
  id,
  cadreId,
  vv: { ['a'.repeat(32)]: 1 },
  updatedAt: 1,
  updatedBy: { installationId: 'a'.repeat(32), operator: '甲' },
  deleted: false,
  from: '2001-01',
  to: null,
  unit,
  post: '',
  kind: 'work',
});

describe('bulkLoadBatch with new dossiers', () => {
  it('reads no stored set when the dossiers are new, and merges into the stored ones otherwise', async () => {
    await bulkLoadBatch(db, [{ table: 'career', record: entry('s1', 'c1', '甲单位') }]);
    const reads = vi.spyOn(db.subRecords, 'bulkGet');
    await bulkLoadBatch(db, [{ table: 'career', record: entry('s2', 'c2', '乙单位') }], { newDossiers: true });
    expect(reads).not.toHaveBeenCalled();
    await bulkLoadBatch(db, [{ table: 'career', record: entry('s3', 'c1', '丙单位') }]);
    expect(reads).toHaveBeenCalledTimes(1);
    expect((await db.subRecords.get('c1'))!.career!.map((e) => e.id)).toEqual(['s1', 's3']);
    expect((await db.subRecords.get('c2'))!.career!.map((e) => e.id)).toEqual(['s2']);
  });
});
