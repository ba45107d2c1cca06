import { describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/errors';
import { ALL_STEPS, assertStepAllowed, checkedRankSettings, checkedStepPermissions, rankSettingsProblems } from '../../../shared/rules/selectionSettings';

describe('rank-promotion settings', () => {
  it('accepts the defaults and whole-month years', () => {
    expect(rankSettingsProblems({})).toEqual([]);
    expect(rankSettingsProblems({ minYears: { '07': 2.5, '09': 3 }, passingGrades: ['1', '2', '3'], missingYearBars: false })).toEqual([]);
  });

  it('names each bad value by the rank or condition it belongs to', () => {
    const problems = rankSettingsProblems({ minYears: { '07': -1, '09': 2.3, '12': 2 }, passingGrades: [] });
    expect(problems).toContain('晋升为一级主任科员的最低年限：晋升年限不能为负数');
    expect(problems).toContain('晋升为三级主任科员的最低年限：晋升年限应能折算为整月，例如 2 或 2.5');
    expect(problems.some((p) => p.includes('“12”不是可晋升到的职级'))).toBe(true);
    expect(problems).toContain('符合条件的考核等次：请至少选择一个符合条件的考核等次');
    expect(rankSettingsProblems({ passingGrades: ['1', '2', '3'], resetGrades: ['3'] })).toEqual(['“基本称职”不能既符合条件又重新计算任职年限']);
  });

  it('refuses to keep bad settings with every problem in one message', () => {
    expect(() => checkedRankSettings({ minYears: { '07': -1 }, passingGrades: [] })).toThrow(UserError);
    expect(() => checkedRankSettings({ minYears: { '07': -1 }, passingGrades: [] })).toThrow(/最低年限.*；.*考核等次/);
  });
});

describe('the case steps an installation records', () => {
  it('allows every step by default', () => {
    for (const s of ALL_STEPS) expect(() => assertStepAllowed(s, ALL_STEPS)).not.toThrow();
    expect(ALL_STEPS).toEqual(['motion', 'recommendation', 'shortlist', 'inspection', 'decision', 'publicity']);
  });

  it('refuses a step kept for another installation, saying which steps this one records and what to do', () => {
    const unit = checkedStepPermissions(['recommendation', 'motion']);
    expect(unit).toEqual(['motion', 'recommendation']);
    expect(() => assertStepAllowed('recommendation', unit)).not.toThrow();
    expect(() => assertStepAllowed('decision', unit)).toThrow(UserError);
    expect(() => assertStepAllowed('decision', unit)).toThrow('本机不能办理该步骤：“讨论决定”由其他单位（如组织部）办理，本机可办理的步骤为“动议”、“民主推荐”');
    expect(() => assertStepAllowed('publicity', unit, 'close')).toThrow(/本机不能终止处于该步骤的选任纪实：“任前公示”/);
    expect(() => assertStepAllowed('shortlist', [], 'edit')).toThrow(/本机不能修改该步骤的内容.*本机未设置可办理的步骤/);
    // a finished case is refused by the step machine itself, not here
    expect(() => assertStepAllowed('appointed', unit)).not.toThrow();
  });

  it('refuses a step name it does not know', () => {
    expect(() => checkedStepPermissions(['motion', 'vote'])).toThrow('不能保存可办理的步骤：“vote”不是选任纪实的步骤');
  });
});
