import { beforeAll, describe, expect, it } from 'vitest';
import { loadStrokeOrder } from '../../../shared/rules/strokeOrder';
import type { Unit } from '../../../shared/domain/unit';
import { inListOrder, type CadreFinding } from '../../../renderer/features/validation/runChecks';

const INST = '0'.repeat(32);
const unit = (id: string, parentId: string | null, name: string, order: number): Unit => ({
  id,
  parentId,
  name,
  order,
  deleted: false,
  vv: { [INST]: 1 },
  updatedAt: 0,
  updatedBy: { installationId: INST, operator: '测试' },
});

const finding = (cadreId: string, cadreName: string, unitId: string, message: string): CadreFinding => ({
  cadreId,
  cadreName,
  unitId,
  message,
  rule: 'test',
  field: 'birth',
  severity: 'warning',
});

describe('数据校验 findings in list order', () => {
  beforeAll(() => loadStrokeOrder());
  // 区委 (0) with 宣传部 (0) and 组织部 (1) under it, then 区政府 (1): the tree's pre-order
  const units = [unit('gov', null, '区政府', 1), unit('org', 'cpc', '组织部', 1), unit('cpc', null, '区委', 0), unit('pub', 'cpc', '宣传部', 0)];

  it('orders by the unit tree, then 姓氏笔画 within a unit, a cadre’s findings together as found; unknown units last', () => {
    const found = [
      finding('c1', '刘一', 'gov', '刘 1'),
      finding('c2', '王二', 'org', '王 1'),
      finding('c9', '丁九', 'gone', '丁 unknown unit'),
      finding('c3', '丁三', 'org', '丁 1'),
      finding('c2', '王二', 'org', '王 2'),
      finding('c4', '赵四', 'cpc', '赵 1'),
      finding('c5', '王五', 'pub', '王 pub'),
      finding('c6', '丁六', 'gov', '丁 gov'),
    ];
    expect(inListOrder(found, units).map((f) => f.message)).toEqual(['赵 1', '王 pub', '丁 1', '王 1', '王 2', '丁 gov', '刘 1', '丁 unknown unit']);
  });

  it('keeps namesakes in one unit apart by cadre, and leaves its input as it was', () => {
    const found = [finding('b', '王五', 'cpc', 'b 1'), finding('a', '王五', 'cpc', 'a 1'), finding('b', '王五', 'cpc', 'b 2')];
    const copy = [...found];
    expect(inListOrder(found, units).map((f) => f.message)).toEqual(['a 1', 'b 1', 'b 2']);
    expect(found).toEqual(copy);
  });
});
