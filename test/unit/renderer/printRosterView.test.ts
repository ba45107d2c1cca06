import { describe, expect, it } from 'vitest';
import { buildRows } from '../../../renderer/features/roster/rows';
import { rosterPrintParams, rosterViewOf, rowsOfView, type RosterView } from '../../../renderer/print/roster/rosterView';
import { parsePrintRoute, printRoute } from '../../../shared/print/route';
import type { Unit } from '../../../shared/domain/unit';
import { sampleCadre } from '../../fixtures/cadre';

// The roster's print route carries its view, not its rows: the print page must compute the rows the screen shows.

const unit = (id: string, parentId: string | null, name: string, order: number): Unit =>
  ({ id, parentId, name, order, vv: {}, updatedAt: 0, updatedBy: { installationId: 'f'.repeat(32), operator: '' }, deleted: false }) as unknown as Unit;
const units = [unit('root', null, '新城区委', 0), unit('org', 'root', '组织部', 0), unit('street', null, '东街道', 1)];
const cadres = [
  sampleCadre({ unitId: 'org', name: '王芳', idNumber: '11010519491231002X' }),
  sampleCadre({ unitId: 'street', name: '李强', idNumber: '110105194912310029', status: '02' }),
  sampleCadre({ unitId: 'root', name: '张伟', idNumber: '110105194912310045', birth: '1949-12' }),
];
const rows = buildRows(cadres, units, '2025-05');

describe('the roster view in a print route', () => {
  const view: RosterView = {
    sort: 'stroke',
    unitId: 'root',
    alsoStatuses: ['02'],
    search: '王',
    query: { kind: 'group', op: 'and', children: [] },
    columns: ['index', 'name', 'unit'],
    title: '干部名册',
  };

  it('survives the trip through a print route', () => {
    const params = parsePrintRoute(printRoute(rosterPrintParams(view)));
    expect(params).not.toBeNull();
    expect(rosterViewOf(params!)).toEqual(view);
  });

  it('falls back to the roster’s defaults and refuses a broken query in Chinese', () => {
    const plain = rosterViewOf({ kind: 'roster' });
    expect(plain).toMatchObject({ sort: 'unit', unitId: null, alsoStatuses: [], search: '', query: null, title: '干部名册' });
    expect(plain.columns).toContain('name');
    expect(rosterViewOf({ kind: 'roster', sort: 'nonsense' }).sort).toBe('unit');
    expect(() => rosterViewOf({ kind: 'roster', query: '{' })).toThrow(/组合查询/);
  });

  it('shows what the screen shows: 在职 by default, the unit subtree, the search', () => {
    const names = (v: Partial<RosterView>) => rowsOfView(rows, units, { ...rosterViewOf({ kind: 'roster' }), ...v }, '2025-05').map((r) => r.name);
    expect(names({})).toEqual(['王芳', '张伟']);
    expect(names({ alsoStatuses: ['02'] })).toEqual(['王芳', '李强', '张伟']);
    expect(names({ unitId: 'root' })).toEqual(['王芳', '张伟']);
    expect(names({ unitId: 'street', alsoStatuses: ['02'] })).toEqual(['李强']);
    expect(names({ search: '张' })).toEqual(['张伟']);
  });
});
