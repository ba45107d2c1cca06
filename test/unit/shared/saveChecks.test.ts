import { describe, expect, it } from 'vitest';
import { checkRecord, warningsOf } from '../../../shared/catalog/validate';
import { assessmentsType, cadreType, careerType } from '../../../shared/domain/cadre';
import { cadreProblems, cadreWarnings, careerWarnings } from '../../../shared/rules/saveChecks';
import { sampleData } from '../../fixtures/catalogSamples';

const ctx = { today: '2025-06-15' };
const base = { birth: '1980-05', politicalStatus: '01' };

describe('what a save refuses', () => {
  it('入党 or 参加工作 before birth, and 入党 before 18, are refused at their field', () => {
    expect(cadreProblems({ ...base, partyJoined: '1979-01' }, ctx)).toEqual([
      { path: 'partyJoined', message: '入党时间 1979.01 早于出生年月 1980.05，请核对' },
    ]);
    expect(cadreProblems({ ...base, workStarted: '1980-04' }, ctx).map((p) => p.path)).toEqual(['workStarted']);
    expect(cadreProblems({ ...base, partyJoined: '1997-06' }, ctx)[0]!.message).toMatch(/不满18周岁/);
    expect(cadreProblems({ ...base, partyJoined: '1998-05', workStarted: '1998-09' }, ctx)).toEqual([]);
  });

  it('参加工作 before 16 is only a warning, shown at save', () => {
    expect(cadreProblems({ ...base, workStarted: '1994-09' }, ctx)).toEqual([]);
    expect(cadreWarnings({ ...base, workStarted: '1994-09' }, ctx)[0]).toMatchObject({ path: 'workStarted', message: expect.stringMatching(/不满16周岁/) });
    expect(cadreWarnings({ ...base, workStarted: '1996-09' }, ctx)).toEqual([]);
  });

  it('the cadre declaration refuses them with every other problem in one pass', () => {
    const data = { ...sampleData(cadreType, { unitId: 'u', cadreId: 'c' }), name: '张'.repeat(31), partyJoined: '1979-01' };
    const checked = checkRecord(cadreType, data, ctx);
    expect(checked.ok ? [] : checked.problems.map((p) => p.path).sort()).toEqual(['name', 'partyJoined']);
    expect(warningsOf(cadreType, { ...sampleData(cadreType, { unitId: 'u', cadreId: 'c' }), workStarted: '1994-09' } as never, ctx)).toHaveLength(1);
  });

  it('a future year is refused like a future month', () => {
    const checked = checkRecord(assessmentsType, { cadreId: 'c', year: 2026, grade: '1' }, ctx);
    expect(checked.ok ? null : checked.problems).toEqual([{ path: 'year', message: '年度2026年晚于今年，不能填写未来的年度，请核对' }]);
    expect(checkRecord(assessmentsType, { cadreId: 'c', year: 2025, grade: '1' }, ctx).ok).toBe(true);
  });
});

describe('career warnings at save', () => {
  const seg = (id: string, from: string, to: string | null) => ({ id, from, to, unit: `单位${id}`, post: '', kind: 'work' as const });

  it('warns about the gap a new segment opens, not about gaps that were there before', () => {
    const siblings = [seg('a', '2000-07', '2005-03'), seg('b', '2005-03', '2010-01')];
    expect(careerWarnings(seg('new', '2010-01', null), { ...ctx, siblings })).toEqual([]);
    const gap = careerWarnings(seg('new', '2011-06', null), { ...ctx, siblings });
    expect(gap).toHaveLength(1);
    expect(gap[0]!.message).toContain('2010.01 至 2011.06 之间简历不连续');
    const withOldGap = [seg('a', '2000-07', '2004-01'), seg('b', '2005-03', '2010-01')];
    expect(careerWarnings(seg('new', '2010-01', null), { ...ctx, siblings: withOldGap })).toEqual([]);
  });

  it('warns about an overlap, and the declaration passes siblings through', () => {
    const siblings = [seg('a', '2000-07', '2005-03')];
    expect(careerWarnings(seg('new', '2004-01', null), { ...ctx, siblings })[0]!.message).toMatch(/重叠/);
    expect(warningsOf(careerType, seg('x', '2006-01', null) as never, { ...ctx, siblings })).toHaveLength(1);
  });
});
