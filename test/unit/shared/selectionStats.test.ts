import { describe, expect, it } from 'vitest';
import { adjustmentsOfYear, selectionStats, type SelectionStatsInput } from '../../../shared/rules/selectionStats';

// A hand-made district: two units under the district (教育局 with a school below it, 卫健委), cases at several
// stages across two years, two rounds, and 三项机制 adjustments; each figure below is counted by hand from it.

const UNIT = { edu: 'u-edu', school: 'u-school', health: 'u-health' } as const;
const NAMES: Record<string, string> = { [UNIT.edu]: '区教育局', [UNIT.school]: '区实验小学', [UNIT.health]: '区卫健委' };
const CADRE_UNIT: Record<string, string> = { a: UNIT.edu, b: UNIT.edu, c: UNIT.school, d: UNIT.health, e: UNIT.health };

const input = (o: Partial<SelectionStatsInput> = {}): SelectionStatsInput => ({
  year: 2025,
  unitIds: null,
  cases: [
    { unitId: UNIT.edu, stage: 'appointed', motionOn: '2025-01-10', appointedOn: '2025-04-01', overQuotaReason: '重点项目攻坚期' },
    { unitId: UNIT.edu, stage: 'appointed', motionOn: '2024-11-10', appointedOn: '2025-01-15', overQuotaReason: ' ' },
    { unitId: UNIT.health, stage: 'appointed', motionOn: '2024-03-01', appointedOn: '2024-07-01', overQuotaReason: '机构改革过渡期' }, // 2024's
    { unitId: UNIT.school, stage: 'decision', motionOn: '2025-06-01', appointedOn: null },
    { unitId: UNIT.health, stage: 'motion', motionOn: '2025-09-01', appointedOn: null },
    { unitId: UNIT.health, stage: 'closed', motionOn: '2024-05-01', appointedOn: null },
  ],
  rounds: [
    { batch: '2025年第一批', documentNo: '区委组〔2025〕3号', decidedOn: '2025-03-20', entries: [{ cadreId: 'a' }, { cadreId: 'c' }, { cadreId: 'd' }] },
    { batch: '2025年第二批', documentNo: '区委组〔2025〕9号', decidedOn: '2025-09-20', entries: [{ cadreId: 'e' }, { cadreId: 'gone' }] },
    { batch: '2024年批次', documentNo: '区委组〔2024〕5号', decidedOn: '2024-09-20', entries: [{ cadreId: 'b' }] },
  ],
  adjustments: [
    { cadreId: 'b', mechanism: 'incentive', date: '2025-05-01' },
    { cadreId: 'd', mechanism: 'upDown', date: '2025-08-01' },
    { cadreId: 'd', mechanism: 'upDown', date: '2024-08-01' }, // 2024's
    { cadreId: 'c', mechanism: 'tolerance', date: '2025-10-01' },
  ],
  unitOfCadre: (id) => CADRE_UNIT[id],
  unitName: (id) => NAMES[id] ?? '',
  ...o,
});

const table = (key: string, o?: Partial<SelectionStatsInput>) => {
  const t = selectionStats(input(o)).find((x) => x.key === key);
  if (!t) throw new Error(`no table ${key}`);
  return Object.fromEntries(t.rows.map((r) => [r.label, r.values]));
};

describe('selectionStats', () => {
  it('counts cases by their current stage, those moved this year and all', () => {
    expect(table('stages')).toEqual({
      动议: [1, 1],
      民主推荐: [0, 0],
      确定考察对象: [0, 0],
      考察: [0, 0],
      讨论决定: [1, 1],
      任前公示: [0, 0],
      任职: [1, 3],
      终止: [0, 1],
    });
  });

  it('counts the year’s adjustments by kind: appointments by 任职日期, promotions by round, the three mechanisms', () => {
    // 2 cases appointed in 2025; 3 + 1 promoted in 2025 (the cadre no longer on file is not counted); 1 + 1 + 1
    expect(table('kinds')).toEqual({ 选任任职: [2], 职级晋升: [4], 鼓励激励: [1], 容错纠错: [1], 能上能下: [1] });
    expect(table('kinds', { year: 2024 })).toEqual({ 选任任职: [1], 职级晋升: [1], 鼓励激励: [0], 容错纠错: [0], 能上能下: [1] });
  });

  it('counts by unit, most adjusted first, with a total', () => {
    const t = selectionStats(input()).find((x) => x.key === 'units')!;
    expect(t.columns).toEqual(['选任任职', '职级晋升', '鼓励激励', '容错纠错', '能上能下', '合计']);
    expect(t.rows).toEqual([
      { label: '区教育局', values: [2, 1, 1, 0, 0, 4] },
      { label: '区卫健委', values: [0, 2, 0, 0, 1, 3] },
      { label: '区实验小学', values: [0, 1, 0, 1, 0, 2] },
    ]);
  });

  it('keeps to a unit subtree: the school counts with its bureau, the other bureau not at all', () => {
    const scope = { unitIds: new Set<string>([UNIT.edu, UNIT.school]) };
    expect(table('kinds', scope)).toEqual({ 选任任职: [2], 职级晋升: [2], 鼓励激励: [1], 容错纠错: [1], 能上能下: [0] });
    expect(table('stages', scope)['讨论决定']).toEqual([1, 1]);
    expect(table('stages', scope)['动议']).toEqual([0, 0]);
    expect(adjustmentsOfYear(input(scope)).every((a) => a.unitId !== UNIT.health)).toBe(true);
  });

  it('lists the year’s rounds in decision order with the promoted in scope and in all', () => {
    expect(table('rounds')).toEqual({
      '2025年第一批（区委组〔2025〕3号，2025-03-20）': [3, 3],
      '2025年第二批（区委组〔2025〕9号，2025-09-20）': [1, 2],
    });
    expect(Object.values(table('rounds', { unitIds: new Set([UNIT.health]) }))).toEqual([[1, 3], [1, 2]]);
  });

  it('counts the year’s appointments made over the unit’s 职数 (those with a 超职数说明), by unit', () => {
    // 教育局's April appointment has one; its January one a blank; 卫健委's is of 2024
    expect(table('overQuota')).toEqual({ 区教育局: [1] });
    expect(table('overQuota', { year: 2024 })).toEqual({ 区卫健委: [1] });
    expect(table('overQuota', { unitIds: new Set([UNIT.health]) })).toEqual({});
  });
});
