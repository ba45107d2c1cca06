import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { bulkLoadBatch } from '../../../renderer/db/bulkLoad';
import { createCadre, updateCadre } from '../../../renderer/db/cadres';
import type { WriteContext } from '../../../renderer/db/repository';
import { createUnit, renameUnit } from '../../../renderer/db/units';
import { RosterIndex } from '../../../renderer/features/roster/rosterIndex';
import { NameRanks } from '../../../renderer/features/roster/rows';
import { newId } from '../../../shared/ids';
import { sampleCadre, sampleCadreInput } from '../../fixtures/cadre';

const ctx: WriteContext = { actor: { installationId: '0123456789abcdef0123456789abcdef', operator: '张三' }, now: () => Date.UTC(2026, 0, 15) };

let db: CadreDb;
beforeEach(async () => {
  db = openDatabase(`roster-index-${newId()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** Resolves once the index has announced `n` more changes. */
const changes = (index: RosterIndex, n = 1) =>
  new Promise<void>((ok) => {
    let left = n;
    const stop = index.subscribe(() => {
      if (--left === 0) {
        stop();
        ok();
      }
    });
  });

const input = (unitId: string, name: string, idNumber: string, sex: string, birth: string) => sampleCadreInput({ unitId, name, idNumber, sex, birth });

describe('RosterIndex', () => {
  it('reads once, then follows committed writes without re-reading everything', async () => {
    const unit = await createUnit(db, ctx, null, '区委组织部');
    const zhang = await createCadre(db, ctx, input(unit.id, '张三', '320102198005151238', '1', '1980-05'));
    const index = new RosterIndex(db);
    await index.load('2026-01');
    expect(index.sortedBy('stroke').map((r) => [r.name, r.unitName, r.age])).toEqual([['张三', '区委组织部', 45]]);
    const firstOrder = index.sortedBy('stroke');
    expect(index.sortedBy('stroke')).toBe(firstOrder); // kept until something changes

    let next = changes(index);
    await createCadre(db, ctx, input(unit.id, '丁一', '11010519491231002X', '2', '1949-12'));
    await next;
    expect(index.sortedBy('stroke').map((r) => r.name)).toEqual(['丁一', '张三']);

    next = changes(index);
    await updateCadre(db, ctx, zhang.id, { name: '王五' });
    await next;
    expect(index.sortedBy('stroke').map((r) => r.name)).toEqual(['丁一', '王五']);
    expect(index.sortedBy('pinyin').map((r) => r.name)).toEqual(['丁一', '王五']);

    next = changes(index);
    await renameUnit(db, ctx, unit.id, '新城区委组织部');
    await next;
    expect(index.sortedBy('unit').map((r) => r.unitName)).toEqual(['新城区委组织部', '新城区委组织部']);
  });

  it('drops a cadre that arrives deleted (a tombstone from another installation)', async () => {
    const cadre = sampleCadre({ unitId: 'u1' });
    await bulkLoadBatch(db, [{ table: 'cadres', record: cadre }]);
    const index = new RosterIndex(db);
    await index.load('2026-01');
    expect(index.size).toBe(1);
    const next = changes(index);
    const tombstone: typeof cadre = { ...cadre, deleted: true, vv: { ['f'.repeat(32)]: 2 } };
    await bulkLoadBatch(db, [{ table: 'cadres', record: tombstone }]);
    await next;
    expect(index.size).toBe(0);
    expect(index.sortedBy('unit')).toEqual([]);
  });

  it('a write committed while the first read runs is not lost', async () => {
    const unit = await createUnit(db, ctx, null, '区委组织部');
    const index = new RosterIndex(db);
    const loadedThenPatched = changes(index, 2);
    const loading = index.load('2026-01');
    await createCadre(db, ctx, input(unit.id, '张三', '320102198005151238', '1', '1980-05'));
    await loading;
    // the change is applied after the load, in order, whether or not the load already saw it
    await loadedThenPatched;
    expect(index.sortedBy('stroke').map((r) => r.name)).toEqual(['张三']);
  });
});

describe('RosterIndex while the roster is closed', () => {
  it('does no work on writes nobody is looking at, and catches up when the roster is opened again', async () => {
    const unit = await createUnit(db, ctx, null, '区委组织部');
    const index = new RosterIndex(db);
    await index.load('2026-01');
    const version = index.version;
    await createCadre(db, ctx, input(unit.id, '张三', '320102198005151238', '1', '1980-05'));
    await renameUnit(db, ctx, unit.id, '新城区委组织部');
    await new Promise((r) => setTimeout(r, 0));
    expect(index.version).toBe(version); // nothing applied yet
    await index.load('2026-01');
    expect(index.sortedBy('unit').map((r) => [r.name, r.unitName])).toEqual([['张三', '新城区委组织部']]);
  });

  it('re-reads everything after a bulk load instead of patching thousands of rows', async () => {
    const index = new RosterIndex(db);
    await index.load('2026-01');
    const batch = Array.from({ length: 5_001 }, (_, i) => ({ table: 'cadres', record: { ...sampleCadre({ unitId: 'u1' }), id: `c${i}`, name: i % 2 ? '李四' : '王五' } }));
    await bulkLoadBatch(db, batch);
    await index.load('2026-01');
    expect(index.size).toBe(5_001);
    expect(index.sortedBy('stroke')[0]!.name).toBe('王五'); // 王 4 strokes before 李 7
  });
});

describe('RosterIndex when reading fails', () => {
  it('reports the error, keeps the writes still to apply, and recovers on the next visit', async () => {
    const unit = await createUnit(db, ctx, null, '区委组织部');
    const index = new RosterIndex(db);
    await index.load('2026-01');
    await createCadre(db, ctx, input(unit.id, '张三', '320102198005151238', '1', '1980-05'));
    const bulkGet = db.cadres.bulkGet.bind(db.cadres);
    db.cadres.bulkGet = (() => Promise.reject(new Error('磁盘读取失败'))) as unknown as typeof db.cadres.bulkGet;
    await expect(index.load('2026-01')).rejects.toThrow('磁盘读取失败');
    expect(index.error).toBe('磁盘读取失败');
    expect(index.loaded).toBe(false);
    db.cadres.bulkGet = bulkGet;
    await index.load('2026-01');
    expect(index.error).toBeNull();
    expect(index.sortedBy('stroke').map((r) => r.name)).toEqual(['张三']);
  });
});

describe('NameRanks', () => {
  const names = ['张三', '丁一', '王五', '李四', '欧阳修', '司马光', '马丽', '丁二', '王', 'Anna', '阿不都·热合曼'];
  const collated = (locale: string, list: string[]) => [...list].sort(new Intl.Collator(locale).compare);

  it('order names exactly as Intl.Collator does, whether added at once or one by one', () => {
    for (const locale of ['zh-u-co-stroke', 'zh-u-co-pinyin']) {
      const atOnce = new NameRanks(locale, names);
      const oneByOne = new NameRanks(locale, names.slice(0, 2));
      for (const n of names.slice(2)) oneByOne.add([n]);
      const expected = collated(locale, names);
      expect([...names].sort((a, b) => atOnce.of(a) - atOnce.of(b))).toEqual(expected);
      expect([...names].sort((a, b) => oneByOne.of(a) - oneByOne.of(b))).toEqual(expected);
    }
  });
});
