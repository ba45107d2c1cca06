import { Dexie } from 'dexie';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { bulkLoadBatch } from '../../../renderer/db/bulkLoad';
import { createCadre, updateCadre } from '../../../renderer/db/cadres';
import type { WriteContext } from '../../../renderer/db/repository';
import { createUnit, renameUnit } from '../../../renderer/db/units';
import { RosterIndex, prewarmAfter, rosterIndexOf } from '../../../renderer/features/roster/rosterIndex';
import { NameRanks } from '../../../renderer/features/roster/rows';
import { newId } from '../../../shared/ids';
import { compareByPinyin, pinyinSortKey } from '../../../shared/rules/pinyinOrder';
import { compareByStroke, loadStrokeOrder, strokeSortKey } from '../../../shared/rules/strokeOrder';
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

describe('prewarmAfter (a start on the roster)', () => {
  it('reads nothing until the start-up has settled, then the whole roster, failed start-ups included', async () => {
    const unit = await createUnit(db, ctx, null, '区委组织部');
    await createCadre(db, ctx, input(unit.id, '张三', '320102198005151238', '1', '1980-05'));
    // every read of the cadres noted: none may go ahead of the start-up's own transactions
    let reads = 0;
    const toArray = db.cadres.toArray.bind(db.cadres);
    db.cadres.toArray = ((...a: Parameters<typeof toArray>) => (reads++, toArray(...a))) as typeof db.cadres.toArray;
    const where = db.cadres.where.bind(db.cadres);
    db.cadres.where = ((...a: Parameters<typeof where>) => (reads++, where(...a))) as typeof db.cadres.where;
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const started = prewarmAfter(db, settled, () => '2026-01');
    await new Promise((r) => setTimeout(r, 50));
    const index = rosterIndexOf(db);
    expect(reads).toBe(0);
    expect(index.loaded).toBe(false);
    settle();
    await started;
    await index.load('2026-01');
    expect(reads).toBeGreaterThan(0);
    expect(index.sortedBy('unit').map((r) => r.name)).toEqual(['张三']);

    // a start-up that failed still lets the roster try (and report its own error)
    const other = openDatabase(`roster-index-${newId()}`);
    try {
      await prewarmAfter(other, Promise.reject(new Error('打不开')), () => '2026-01');
      await rosterIndexOf(other).load('2026-01');
      expect(rosterIndexOf(other).loaded).toBe(true);
    } finally {
      other.close();
      await Dexie.delete(other.name);
    }
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
  beforeAll(() => loadStrokeOrder());
  const names = ['张三', '丁一', '王五', '李四', '欧阳修', '司马光', '马丽', '丁二', '王', 'Anna', '阿不都·热合曼', '陈明', '单立', '欧明', '邓华', '石磊', '薛刚', '戴军', '曾明'];
  const ranked = (ranks: NameRanks) => [...names].sort((a, b) => ranks.of(a) - ranks.of(b));

  it('order names in the official 姓氏笔画 and 拼音 orders, whether added at once or one by one', () => {
    const official = {
      // 丁 2, 马 3, 王 4, 邓 4 (折 after 横), 石 5, 司 5 (折), then the 7-stroke 李 (横 …), 张 (折 横 …),
      // 阿 (折 竖 横 竖 …), 陈 (折 竖 横 折 …); 欧 8 then 欧阳 (the shorter surname first), 单 8 (点), 曾 12,
      // 薛 16, 戴 17; characters the data does not know last
      stroke: ['丁一', '丁二', '马丽', '王', '王五', '邓华', '石磊', '司马光', '李四', '张三', '阿不都·热合曼', '陈明', '欧明', '欧阳修', '单立', '曾明', '薛刚', '戴军', 'Anna'],
      pinyin: names.toSorted(compareByPinyin),
    };
    for (const [keyOf, expected] of [[strokeSortKey, official.stroke], [pinyinSortKey, official.pinyin]] as const) {
      const atOnce = new NameRanks(keyOf, names);
      const oneByOne = new NameRanks(keyOf, names.slice(0, 2));
      for (const n of names.slice(2)) oneByOne.add([n]);
      expect(ranked(atOnce)).toEqual(expected);
      expect(ranked(oneByOne)).toEqual(expected);
    }
    expect(official.stroke).toEqual(names.toSorted(compareByStroke));
    // 曾 zeng after 陈 chen, 单 shan after 丁 ding: surnames read as surnames
    expect(official.pinyin.indexOf('曾明')).toBeGreaterThan(official.pinyin.indexOf('陈明'));
    expect(official.pinyin.indexOf('单立')).toBeGreaterThan(official.pinyin.indexOf('丁二'));
  });

  it('ranks names it has not been given last', () => {
    const ranks = new NameRanks(strokeSortKey, ['王五']);
    expect(ranks.of('丁一')).toBe(Number.MAX_SAFE_INTEGER);
    ranks.add(['丁一']);
    expect(ranks.of('丁一')).toBeLessThan(ranks.of('王五'));
  });
});
