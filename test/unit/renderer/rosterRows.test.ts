import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRows, filterRows, SortRanks, sortRows, type RosterRow } from '../../../renderer/features/roster/rows';
import type { Unit } from '../../../shared/domain/unit';
import { loadStrokeOrder } from '../../../shared/rules/strokeOrder';
import { loadPinyin } from '../../../shared/rules/pinyinData';
import { matcher } from '../../../shared/rules/search';
import { sampleCadre } from '../../fixtures/cadre';

const O = 'f'.repeat(32);
const unit = (id: string, parentId: string | null, name: string, order: number): Unit => ({
  id, parentId, name, order, deleted: false, vv: { [O]: 1 }, updatedAt: 0, updatedBy: { installationId: O, operator: '' },
});
const units = [unit('r', null, '新城区', 0), unit('b', 'r', '区财政局', 1), unit('a', 'r', '区委组织部', 0)];

// Distinct ids per cadre; ID numbers are not checked here.
const cadres = [
  sampleCadre({ id: '1', unitId: 'b', name: '王五', birth: '1980-01', rank: '09' }),
  sampleCadre({ id: '2', unitId: 'a', name: '丁一', birth: '1990-06', rank: '07' }),
  sampleCadre({ id: '3', unitId: 'a', name: '张三', birth: '1975-03', rank: null }),
  sampleCadre({ id: '4', unitId: 'r', name: '李四', birth: '1985-11', rank: '08', deleted: true }),
];

describe('roster rows', () => {
  beforeAll(() => Promise.all([loadStrokeOrder(), loadPinyin()]));
  const rows = buildRows(cadres, units, '2025-06');
  const names = (key: Parameters<typeof sortRows>[1]) => sortRows(rows, key).map((r) => r.name);

  it('leave out deleted cadres and derive age and unit', () => {
    expect(rows.map((r) => r.name).sort()).toEqual(['丁一', '张三', '王五'].sort());
    const zhang = rows.find((r) => r.name === '张三')!;
    expect(zhang.age).toBe(50);
    expect(zhang.unitName).toBe('区委组织部');
    expect(zhang.keys.initials).toBe('zs');
  });

  it('are narrowed by status (在职 unless asked), unit subtree, quick search and query, in the order given', () => {
    const all = buildRows([...cadres, sampleCadre({ id: '5', unitId: 'b', name: '王芳', status: '02' })], units, '2025-06');
    const sorted = sortRows(all, 'stroke');
    const shown = (f: Partial<Parameters<typeof filterRows>[1]>) =>
      filterRows(sorted, { inUnits: null, alsoStatuses: [], search: '', predicate: null, ...f }).map((r) => r.name);
    expect(shown({})).toEqual(['丁一', '王五', '张三']); // 王芳 has retired
    expect(shown({ alsoStatuses: ['02'] })).toEqual(['丁一', '王五', '王芳', '张三']);
    expect(shown({ inUnits: new Set(['b']), alsoStatuses: ['02'] })).toEqual(['王五', '王芳']);
    expect(shown({ search: 'w', alsoStatuses: ['02'] })).toEqual(['王五', '王芳']);
    expect(shown({ predicate: (c) => c.unitId === 'a' })).toEqual(['丁一', '张三']);
    // the status and unit the filter reads are the cadre's, copied onto the row
    expect(all.map((r) => [r.status, r.unitId])).toEqual(all.map((r) => [r.cadre.status, r.cadre.unitId]));
  });

  it('narrow as the plain filter by matcher and status does, whatever the query (the compact columns change nothing)', () => {
    const names = ['张三', '章子怡', '王芳', '汪洋', '欧阳修', '曾国藩', '单雄信', 'Tom', '李四', '刘备', '区寄'];
    const many = buildRows(
      names.flatMap((name, i) => ['01', '02', '03'].map((status, j) => sampleCadre({ id: `${i}-${j}`, unitId: j ? 'a' : 'b', name, status, idNumber: `32010219800${i}0${j}1234` }))),
      units,
      '2025-06',
    );
    const sorted = sortRows(many, 'pinyin');
    const plain = (search: string, also: string[]) =>
      sorted.filter((r) => new Set(['01', ...also]).has(r.status) && matcher(search)(r)).map((r) => r.id);
    for (const search of ['', 'z', 'Z', 'zs', 'zhang', 'w', 'wy', 'oy', 'ouyang', 'zeng', 'shan', 'ou', 't', 'tom', '3201', '王', '三', 'x', ' z s ']) {
      for (const also of [[], ['02'], ['02', '03', '04']]) {
        expect(filterRows(sorted, { inUnits: null, alsoStatuses: also, search, predicate: null }).map((r) => r.id), `${search} ${also}`).toEqual(plain(search, also));
      }
    }
  });

  it('sort by a name order as the comparison by name rank, 姓氏笔画, then id does: same names, unknown names', () => {
    const pool = ['王伟', '王伟', '汪伟', '丁一', '张三', '章三', '欧阳修', '曾国藩', '单雄信', '区寄', '李四', 'Tom', '王'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: pool.length - 1 }), fc.string({ minLength: 1, maxLength: 3 })), { maxLength: 80 }),
        fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { maxLength: 6 }),
        fc.constantFrom('stroke' as const, 'pinyin' as const),
        (picks, unknownToStroke, unknownToPinyin, key) => {
          const rows = buildRows(
            picks.map(([p, id], i) => sampleCadre({ id: `${id}-${i % 7}`, unitId: 'a', name: pool[p]! })),
            units,
            '2025-06',
          );
          // ranks that do not know some of the names (as before add() is called): those come last, each order
          // missing names of its own (the 姓氏笔画 ranks are built first, then the 拼音 ones)
          const missing = [unknownToStroke, unknownToPinyin].map((picks) => new Set(picks.map((p) => pool[p]!)));
          let built = 0;
          const ranks = new SortRanks(() => rows.map((r) => r.name).filter((n) => !missing[built]!.has(n)));
          const stroke = ranks.stroke;
          built = 1;
          const first = key === 'stroke' ? stroke : ranks.pinyin;
          const reference = [...rows].sort(
            (x: RosterRow, y: RosterRow) => first.of(x.name) - first.of(y.name) || stroke.of(x.name) - stroke.of(y.name) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
          );
          expect(sortRows(rows, key, ranks).map((r) => r.id)).toEqual(reference.map((r) => r.id));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sort by surname strokes (丁 2 < 王 4 < 张 7), pinyin, birth, rank and unit order', () => {
    expect(names('stroke')).toEqual(['丁一', '王五', '张三']);
    expect(names('pinyin')).toEqual(['丁一', '王五', '张三']);
    expect(names('birth')).toEqual(['张三', '王五', '丁一']);
    // 一级主任科员 (07) above 三级主任科员 (09); no rank last
    expect(names('rank')).toEqual(['丁一', '王五', '张三']);
    // 区委组织部 (order 0) before 区财政局; ties in stroke order
    expect(names('unit')).toEqual(['丁一', '张三', '王五']);
  });
});
