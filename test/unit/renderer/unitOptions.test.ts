import { describe, expect, it } from 'vitest';
import { unitOptions } from '../../../renderer/components/unitOptions';
import type { Unit } from '../../../shared/domain/unit';

const O = 'f'.repeat(32);
const unit = (id: string, parentId: string | null, name: string, order: number, deleted = false): Unit => ({
  id, parentId, name, order, deleted, vv: { [O]: 1 }, updatedAt: 0, updatedBy: { installationId: O, operator: '' },
});

describe('unitOptions', () => {
  it('turns the live tree into nested TreeSelect options, marking the ones that may not be chosen', () => {
    const units = [unit('r', null, '新城区', 0), unit('b', 'r', '区财政局', 1), unit('a', 'r', '区委组织部', 0), unit('x', 'r', '已撤销', 2, true)];
    expect(unitOptions(units, (id) => id === 'b')).toEqual([
      {
        value: 'r',
        title: '新城区',
        children: [
          { value: 'a', title: '区委组织部', children: [] },
          { value: 'b', title: '区财政局', disabled: true, children: [] },
        ],
      },
    ]);
  });
});
