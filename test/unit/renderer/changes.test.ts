import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { onCommittedChanges, type Change } from '../../../renderer/db/changes';
import { bulkLoadBatch } from '../../../renderer/db/bulkLoad';
import { addSubRecord, createCadre } from '../../../renderer/db/cadres';
import { writeTransaction, type WriteContext } from '../../../renderer/db/repository';
import { createUnit, renameUnit } from '../../../renderer/db/units';
import { newId } from '../../../shared/ids';
import { sampleCadre, sampleCadreInput } from '../../fixtures/cadre';

const ctx: WriteContext = { actor: { installationId: '0123456789abcdef0123456789abcdef', operator: '张三' }, now: () => Date.UTC(2026, 0, 15) };

let db: CadreDb;
let heard: Change[][];
let stop: () => void;
beforeEach(async () => {
  db = openDatabase(`changes-${newId()}`);
  await db.open();
  heard = [];
  stop = onCommittedChanges(db, (c) => heard.push([...c]));
});
afterEach(async () => {
  stop();
  db.close();
  await Dexie.delete(db.name);
});

describe('committed changes', () => {
  it('announce each write once it has committed, naming table and ids', async () => {
    const unit = await createUnit(db, ctx, null, '新城区委');
    expect(heard).toEqual([[{ table: 'units', ids: [unit.id] }]]);
    const cadre = await createCadre(db, ctx, sampleCadreInput({ unitId: unit.id }));
    const seg = await addSubRecord(db, ctx, 'career', cadre.id, { from: '1990-01', to: null, unit: '甲', post: '' });
    // a sub-record also names its dossier, so a view kept per cadre knows which one changed
    expect(heard.slice(1)).toEqual([
      [{ table: 'cadres', ids: [cadre.id] }],
      [
        { table: 'subRecords', ids: [cadre.id] },
        { table: 'career', ids: [seg.id] },
      ],
    ]);
  });

  it('announce nothing for a transaction that rolled back', async () => {
    const unit = await createUnit(db, ctx, null, '新城区委');
    heard = [];
    await expect(
      writeTransaction(db, [db.units], async () => {
        await renameUnit(db, ctx, unit.id, '新城区委员会');
        throw new Error('中途失败');
      }),
    ).rejects.toThrow('中途失败');
    expect(heard).toEqual([]);
    expect((await db.units.get(unit.id))!.name).toBe('新城区委');
  });

  it('announce a nested write only when the outer transaction commits, together with it', async () => {
    const order: string[] = [];
    const stopOrder = onCommittedChanges(db, () => order.push('announced'));
    await writeTransaction(db, [db.units], async () => {
      await createUnit(db, ctx, null, '甲');
      order.push('inner done');
      await createUnit(db, ctx, null, '乙');
    });
    stopOrder();
    expect(order).toEqual(['inner done', 'announced']);
    expect(heard).toHaveLength(1);
    expect(heard[0]![0]!.ids).toHaveLength(2);
  });

  it('announce a record written twice in one transaction once, the ids in the order first written', async () => {
    let first = '';
    let second = '';
    await writeTransaction(db, [db.units], async () => {
      first = (await createUnit(db, ctx, null, '甲')).id;
      second = (await createUnit(db, ctx, null, '乙')).id;
      await renameUnit(db, ctx, first, '甲委员会');
    });
    expect(heard).toEqual([[{ table: 'units', ids: [first, second] }]]);
    // asked again, the same list
    expect(heard[0]![0]!.ids).toBe(heard[0]![0]!.ids);
  });

  it('announce bulk loads, sub-records by their kind and their dossier', async () => {
    const cadre = sampleCadre({ unitId: 'u1' });
    await bulkLoadBatch(db, [
      { table: 'cadres', record: cadre },
      { table: 'family', record: { id: 'f1', cadreId: cadre.id, vv: {} } as { id: string; vv: Record<string, number> } },
    ]);
    expect(heard).toEqual([
      [
        { table: 'cadres', ids: [cadre.id] },
        { table: 'subRecords', ids: [cadre.id] },
        { table: 'family', ids: ['f1'] },
      ],
    ]);
  });
});
