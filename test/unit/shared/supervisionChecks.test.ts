import { describe, expect, it } from 'vitest';
import { checkRecord } from '../../../shared/catalog/validate';
import { clueType, documentLoanType, fourChecksType, personalMattersType, supervisionActionType } from '../../../shared/domain/supervision';
import { doubleLoanProblem, fourChecksProblems, missingChecks } from '../../../shared/rules/supervisionChecks';

// The bad input, each refused at its field in Chinese by the type's declaration (checkRecord), or by the
// pure rules the repository calls with the records it reads.

const ctx = { today: '2025-06-15' };
const problemAt = (type: Parameters<typeof checkRecord>[0], input: Record<string, unknown>, path: string) => {
  const checked = checkRecord(type, { cadreId: 'c1', ...input }, ctx);
  expect(checked.ok, JSON.stringify(input)).toBe(false);
  const problem = checked.ok ? undefined : checked.problems.find((p) => p.path === path);
  expect(problem, `a problem at ${path}`).toBeDefined();
  expect(problem!.message).toMatch(/[\u4e00-\u9fff]/);
  return problem!.message;
};
const valid = (type: Parameters<typeof checkRecord>[0], input: Record<string, unknown>) => expect(checkRecord(type, { cadreId: 'c1', ...input }, ctx).ok).toBe(true);

describe('personal-matters reports', () => {
  it('a verification result on a report not yet submitted is refused at 核查结果', () => {
    expect(problemAt(personalMattersType, { year: 2025, result: 'omitted' }, 'result')).toContain('尚未提交');
    valid(personalMattersType, { year: 2025, submitted: '2025-01-20', result: 'omitted', checkedOn: '2025-04-01' });
  });
  it('a handling without a 漏报 / 瞒报 finding is refused at 处理方式', () => {
    expect(problemAt(personalMattersType, { year: 2025, submitted: '2025-01-20', result: 'consistent', handling: 'admonishment' }, 'handling')).toContain('漏报或瞒报');
  });
});

describe('supervision actions', () => {
  it('an inquiry reply dated before the letter is refused at 回复日期', () => {
    expect(problemAt(supervisionActionType, { kind: 'inquiry', date: '2025-03-10', replyReceived: '2025-03-01' }, 'replyReceived')).toContain('早于函询日期');
    valid(supervisionActionType, { kind: 'inquiry', date: '2025-03-10', replyReceived: '2025-03-20', replyDue: '2025-07-01' });
  });
  it('an admonishment without a reason is refused at 事由; a reminder needs none', () => {
    expect(problemAt(supervisionActionType, { kind: 'admonishment', date: '2025-03-10', reason: '  ' }, 'reason')).toContain('事由');
    valid(supervisionActionType, { kind: 'admonishment', date: '2025-03-10', reason: '未如实报告' });
    valid(supervisionActionType, { kind: 'reminder', date: '2025-03-10' });
  });
});

describe('clues', () => {
  it('closing a clue without an outcome is refused at 了结结论', () => {
    expect(problemAt(clueType, { channel: 'petition', received: '2025-02-01', status: 'closed' }, 'outcome')).toContain('了结结论');
    valid(clueType, { channel: 'petition', received: '2025-02-01', status: 'closed', outcome: 'unfounded', closedOn: '2025-03-01' });
  });
  it('a closure before receipt is refused at 了结日期', () => {
    problemAt(clueType, { channel: 'audit', received: '2025-02-01', status: 'closed', outcome: 'confirmed', closedOn: '2025-01-01' }, 'closedOn');
  });
});

describe('凡提四必', () => {
  const all = {
    kind: 'appointment',
    ref: '拟任区财政局局长',
    fileDate: '2025-05-01', fileResult: '三龄两历无异常',
    reportDate: '2025-05-02', reportResult: '一致',
    opinionDate: '2025-05-03', opinionResult: '无不同意见',
    cluesDate: '2025-05-04', cluesResult: '无反映',
  };
  it('marked complete while one of the four is missing is refused at 四必已完成, naming the missing check', () => {
    const message = problemAt(fourChecksType, { ...all, opinionResult: '', complete: true }, 'complete');
    expect(message).toContain('纪检监察机关意见必听');
    valid(fourChecksType, { ...all, opinionResult: '', complete: false });
    valid(fourChecksType, { ...all, complete: true });
    expect(missingChecks({ ...all, fileDate: null })).toEqual(['档案必审']);
  });
  it('marked complete while a clue of the cadre is open is refused, naming the clue', () => {
    const problems = fourChecksProblems({ ...all, complete: true }, [{ received: '2025-04-01', summary: '反映其违规收受礼金' }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('complete');
    expect(problems[0]!.message).toContain('未了结');
    expect(fourChecksProblems({ ...all, complete: true }, [])).toEqual([]);
  });
});

describe('document loans', () => {
  const loan = { documentId: 'd1', destination: '新加坡', from: '2025-05-01', to: '2025-05-08', approval: '区委组织部批准', checkedOut: '2025-04-28' };
  it('a return before the check-out is refused at 归还日期', () => {
    expect(problemAt(documentLoanType, { ...loan, returned: '2025-04-20' }, 'returned')).toContain('早于借出日期');
    valid(documentLoanType, { ...loan, returned: '2025-05-10' });
  });
  it('a second check-out of a document still out is refused at 证件', () => {
    const problems = doubleLoanProblem([{ checkedOut: '2025-04-28', destination: '新加坡' }]);
    expect(problems.map((p) => p.path)).toEqual(['documentId']);
    expect(problems[0]!.message).toContain('不能重复借出');
    expect(doubleLoanProblem([])).toEqual([]);
  });
});
