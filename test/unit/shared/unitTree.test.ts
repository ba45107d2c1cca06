import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../shared/domain/unit';
import {
  buildUnitTree,
  liveSiblings,
  mayAddUnder,
  mayChangeUnit,
  scopeOf,
  subtreeIds,
  unitPath,
  type UnitNode,
} from '../../../shared/rules/unitTree';

const INST = '0'.repeat(32);
function unit(id: string, parentId: string | null, name: string, order: number, deleted = false): Unit {
  return {
    id,
    parentId,
    name,
    order,
    deleted,
    vv: { [INST]: 1 },
    updatedAt: 0,
    updatedBy: { installationId: INST, operator: '测试' },
  };
}

/** The forest as nested [name, children] so a whole shape is one assertion. */
type Shape = [string, Shape[]];
const shape = (nodes: UnitNode[]): Shape[] => nodes.map((n) => [n.unit.name, shape(n.children)]);

describe('buildUnitTree', () => {
  it('nests children under parents and orders siblings by order', () => {
    const units = [
      unit('c2', 'r', '宣传部', 2),
      unit('r', null, '新城区委', 0),
      unit('c1', 'r', '组织部', 1),
      unit('g1', 'c1', '干部科', 0),
      unit('r2', null, '新城区政府', 1),
      unit('c0', 'r', '办公室', 0),
    ];
    expect(shape(buildUnitTree(units))).toEqual([
      ['新城区委', [['办公室', []], ['组织部', [['干部科', []]]], ['宣传部', []]]],
      ['新城区政府', []],
    ]);
  });

  it('breaks equal orders by name, then by id', () => {
    const units = [unit('b', null, '乙', 0), unit('a', null, '甲', 0), unit('y', null, '同', 0), unit('x', null, '同', 0)];
    const ids = buildUnitTree(units).map((n) => n.unit.id);
    // same name: by id
    expect(ids.indexOf('x')).toBeLessThan(ids.indexOf('y'));
    // the order is a total order: a second run over a shuffled input gives the same result
    expect(buildUnitTree([...units].reverse()).map((n) => n.unit.id)).toEqual(ids);
  });

  it('hides deleted units', () => {
    const units = [unit('r', null, '区委', 0), unit('d', 'r', '已撤销', 0, true), unit('k', 'r', '组织部', 1)];
    expect(shape(buildUnitTree(units))).toEqual([['区委', [['组织部', []]]]]);
  });

  it('orphans (parent deleted or unknown) become roots', () => {
    const units = [
      unit('r', null, '区委', 0),
      unit('dead', 'r', '已撤销', 1, true),
      unit('o1', 'dead', '孤儿一', 5),
      unit('o2', 'nowhere', '孤儿二', 3),
      unit('o1c', 'o1', '孤儿一下级', 0),
    ];
    expect(shape(buildUnitTree(units))).toEqual([
      ['区委', []],
      ['孤儿二', []],
      ['孤儿一', [['孤儿一下级', []]]],
    ]);
  });

  // Regression: a parent cycle from concurrent moves on two machines must not hide its units.
  it('units in a parent cycle are not lost from the forest', () => {
    const units = [unit('r', null, '区委', 0), unit('p', 'q', '甲', 0), unit('q', 'p', '乙', 1), unit('c', 'p', '甲下', 0)];
    const seen = new Set<string>();
    const walk = (nodes: UnitNode[]) => nodes.forEach((n) => (seen.add(n.unit.id), walk(n.children)));
    walk(buildUnitTree(units));
    expect(seen).toEqual(new Set(['r', 'p', 'q', 'c']));
  });

  it('returns the unit objects themselves and an empty forest for no units', () => {
    const r = unit('r', null, '区委', 0);
    expect(buildUnitTree([r])[0]!.unit).toBe(r);
    expect(buildUnitTree([])).toEqual([]);
  });
});

describe('subtreeIds', () => {
  const units = [
    unit('r', null, '区委', 0),
    unit('a', 'r', '甲', 0),
    unit('a1', 'a', '甲一', 0),
    unit('a11', 'a1', '甲一一', 0),
    unit('b', 'r', '乙', 1),
    unit('x', 'a', '已删', 1, true),
    unit('xc', 'x', '已删之下', 0),
    unit('other', null, '别处', 1),
  ];

  it('is the unit and everything below it', () => {
    expect(subtreeIds(units, 'a')).toEqual(new Set(['a', 'a1', 'a11']));
    expect(subtreeIds(units, 'r')).toEqual(new Set(['r', 'a', 'a1', 'a11', 'b']));
    expect(subtreeIds(units, 'a11')).toEqual(new Set(['a11']));
  });

  it('does not go through deleted units', () => {
    expect(subtreeIds(units, 'r').has('xc')).toBe(false);
  });

  it('terminates on a cycle (possible after concurrent moves on two machines)', () => {
    const cyclic = [unit('p', 'q', 'P', 0), unit('q', 'p', 'Q', 0)];
    expect(subtreeIds(cyclic, 'p')).toEqual(new Set(['p', 'q']));
  });
});

describe('unitPath', () => {
  const units = [unit('r', null, '新城区委', 0), unit('o', 'r', '组织部', 0), unit('g', 'o', '干部科', 0)];

  it('names from the top down to the unit', () => {
    expect(unitPath(units, 'g')).toEqual(['新城区委', '组织部', '干部科']);
    expect(unitPath(units, 'r')).toEqual(['新城区委']);
  });

  it('is empty for an unknown id, and stops at an unknown parent', () => {
    expect(unitPath(units, 'nope')).toEqual([]);
    expect(unitPath([unit('z', 'missing', '孤', 0)], 'z')).toEqual(['孤']);
  });

  it('terminates on a cycle', () => {
    const cyclic = [unit('p', 'q', 'P', 0), unit('q', 'p', 'Q', 0)];
    expect(unitPath(cyclic, 'p')).toEqual(['Q', 'P']);
  });
});

describe('liveSiblings', () => {
  const units = [
    unit('r', null, '区委', 0),
    unit('c3', 'r', '丙', 3),
    unit('c1', 'r', '甲', 1),
    unit('c2', 'r', '乙', 2),
    unit('cd', 'r', '已删', 0, true),
    unit('g', 'c1', '甲下', 0),
    unit('r2', null, '政府', 1),
  ];

  it('the live children of a parent, in order', () => {
    expect(liveSiblings(units, 'r').map((u) => u.id)).toEqual(['c1', 'c2', 'c3']);
  });

  it('top level with null', () => {
    expect(liveSiblings(units, null).map((u) => u.id)).toEqual(['r', 'r2']);
  });

  it('leaves out exceptId', () => {
    expect(liveSiblings(units, 'r', 'c2').map((u) => u.id)).toEqual(['c1', 'c3']);
  });
});

describe('unit edit scope (department authors the tree; a unit keeps its internal sub-units)', () => {
  const units = [
    unit('r', null, '新城区', 0),
    unit('edu', 'r', '区教育局', 0),
    unit('office', 'edu', '办公室', 0),
    unit('hr', 'edu', '人事科', 1),
    unit('fin', 'r', '区财政局', 1),
    unit('gone', 'edu', '已撤销科室', 2, true),
  ];

  it('the department may do anything, including top-level units', () => {
    const scope = scopeOf('department', 'edu');
    expect(scope).toEqual({ all: true, ownUnitId: null });
    expect(mayAddUnder(units, scope, null)).toBe(true);
    expect(mayAddUnder(units, scope, 'fin')).toBe(true);
    expect(mayChangeUnit(units, scope, 'r')).toBe(true);
  });

  it('a unit installation adds only inside its own subtree and changes only its internal sub-units', () => {
    const scope = scopeOf('unit', 'edu');
    expect(mayAddUnder(units, scope, null)).toBe(false);
    expect(mayAddUnder(units, scope, 'edu')).toBe(true);
    expect(mayAddUnder(units, scope, 'office')).toBe(true);
    expect(mayAddUnder(units, scope, 'fin')).toBe(false);
    expect(mayAddUnder(units, scope, 'r')).toBe(false);
    expect(mayChangeUnit(units, scope, 'edu')).toBe(false);
    expect(mayChangeUnit(units, scope, 'hr')).toBe(true);
    expect(mayChangeUnit(units, scope, 'fin')).toBe(false);
    expect(mayChangeUnit(units, scope, 'gone')).toBe(false);
  });

  it('a unit installation that has not picked its unit may change nothing', () => {
    const scope = scopeOf('unit', null);
    expect(mayAddUnder(units, scope, null)).toBe(false);
    expect(mayAddUnder(units, scope, 'edu')).toBe(false);
    expect(mayChangeUnit(units, scope, 'hr')).toBe(false);
  });
});
