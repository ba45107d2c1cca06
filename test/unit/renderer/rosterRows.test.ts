import { beforeAll, describe, expect, it } from 'vitest';
import { buildRows, sortRows } from '../../../renderer/features/roster/rows';
import type { Unit } from '../../../shared/domain/unit';
import { loadStrokeOrder } from '../../../shared/rules/strokeOrder';
import { loadPinyin } from '../../../shared/rules/pinyinData';
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
