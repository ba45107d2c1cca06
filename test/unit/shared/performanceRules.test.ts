import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoWeekOf, isoWeeksIn, periodLabel, periodMonths, periodProblem, servicePeriodProblem } from '../../../shared/rules/performancePeriod';
import {
  DEFAULT_REVIEW_SETTINGS,
  availableActions,
  editProblem,
  transition,
  type PerformanceAction,
  type PerformanceStatus,
} from '../../../shared/rules/performanceWorkflow';
import { submitProblems, type PerformanceContent } from '../../../shared/rules/performanceContent';
import { collectionMatrix, completionByUnit, printRate, reminderList } from '../../../shared/rules/performanceCollection';
import { countAdjustments, excerpt, matchesAll, sortTimeline } from '../../../shared/rules/performanceTimeline';
import { DEFAULT_CONDUCT_ITEMS } from '../../../shared/domain/performanceConduct';

describe('performance periods', () => {
  it('accepts each kind written its own way and refuses the others with the form to use', () => {
    expect(periodProblem('weekly', '2025-W07')).toBeNull();
    expect(periodProblem('monthly', '2025-03')).toBeNull();
    expect(periodProblem('quarterly', '2025-Q4')).toBeNull();
    expect(periodProblem('annual', '2025')).toBeNull();
    expect(periodProblem('monthly', '2025-3')).toContain('2025-03');
    expect(periodProblem('monthly', '2025-13')).toContain('月上报');
    expect(periodProblem('quarterly', '2025-Q5')).toContain('2025-Q1');
    expect(periodProblem('weekly', '2025-07')).toContain('2025-W07');
    expect(periodProblem('annual', '25')).not.toBeNull();
  });

  it('knows which years have an ISO week 53', () => {
    expect(isoWeeksIn(2020)).toBe(53);
    expect(isoWeeksIn(2026)).toBe(53);
    expect(isoWeeksIn(2025)).toBe(52);
    expect(periodProblem('weekly', '2020-W53')).toBeNull();
    expect(periodProblem('weekly', '2025-W53')).toContain('只有52周');
  });

  it('finds the ISO week of a day at the turn of the year', () => {
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2025-02-12')).toBe('2025-W07');
  });

  it('every day lies inside the months of its own ISO week', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1995, 0, 1)), max: new Date(Date.UTC(2090, 11, 31)), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        const week = isoWeekOf(day);
        expect(periodProblem('weekly', week)).toBeNull();
        const { first, last } = periodMonths('weekly', week);
        expect(first <= day.slice(0, 7) && day.slice(0, 7) <= last).toBe(true);
      }),
    );
  });

  it('spans quarters and years and says periods as people do', () => {
    expect(periodMonths('quarterly', '2025-Q2')).toEqual({ first: '2025-04', last: '2025-06' });
    expect(periodMonths('annual', '2024')).toEqual({ first: '2024-01', last: '2024-12' });
    expect(periodMonths('weekly', '2025-W01')).toEqual({ first: '2024-12', last: '2025-01' });
    expect(periodLabel('monthly', '2025-03')).toBe('2025年3月');
    expect(periodLabel('quarterly', '2025-Q1')).toBe('2025年第1季度');
  });

  it('refuses a period before the cadre joined, after they left, or not yet begun', () => {
    const span = { joined: '2020-07', left: '2024-03' };
    expect(servicePeriodProblem('monthly', '2020-06', span, '2025-06')).toContain('参加工作（2020.07）之前');
    expect(servicePeriodProblem('monthly', '2020-07', span, '2025-06')).toBeNull();
    expect(servicePeriodProblem('quarterly', '2020-Q3', span, '2025-06')).toBeNull();
    expect(servicePeriodProblem('monthly', '2024-04', span, '2025-06')).toContain('离开（2024.03）之后');
    expect(servicePeriodProblem('annual', '2024', span, '2025-06')).toBeNull();
    expect(servicePeriodProblem('monthly', '2025-07', { joined: null, left: null }, '2025-06')).toContain('尚未开始');
    expect(servicePeriodProblem('monthly', '2025-7', { joined: null, left: null }, '2025-06')).toContain('2025-03');
  });
});

describe('the workflow state machine', () => {
  const both = DEFAULT_REVIEW_SETTINGS.monthly;
  const run = (actions: PerformanceAction[], steps = both) =>
    actions.reduce<PerformanceStatus>((s, a) => {
      const t = transition(s, a, steps);
      if (!t.ok) throw new Error(t.message);
      return t.status;
    }, 'draft');

  it('walks a monthly report from draft through both reviews to applied', () => {
    expect(
      run([{ type: 'submit' }, { type: 'unitApprove' }, { type: 'deptApprove' }, { type: 'apply', use: 'incentive' }, { type: 'apply', use: 'selection' }]),
    ).toBe('applied');
  });

  it('a return needs a comment, and a returned report can be submitted again', () => {
    const t = transition('unitReviewed', { type: 'deptReturn', comment: '  ' }, both);
    expect(t).toEqual({ ok: false, message: '退回时请写明退回意见' });
    expect(run([{ type: 'submit' }, { type: 'unitReturn', comment: '内容空泛' }, { type: 'submit' }])).toBe('submitted');
  });

  it('skips the steps a kind does not need', () => {
    expect(run([{ type: 'submit' }, { type: 'unitApprove' }], DEFAULT_REVIEW_SETTINGS.weekly)).toBe('approved');
    expect(run([{ type: 'submit' }], DEFAULT_REVIEW_SETTINGS.quarterly)).toBe('submitted');
    expect(run([{ type: 'submit' }, { type: 'deptApprove' }], DEFAULT_REVIEW_SETTINGS.quarterly)).toBe('approved');
    expect(run([{ type: 'submit' }], { unit: false, department: false })).toBe('approved');
    const refused = transition('submitted', { type: 'unitApprove' }, DEFAULT_REVIEW_SETTINGS.quarterly);
    expect(refused.ok ? '' : refused.message).toBe('此类记录不需要单位审核');
  });

  it('refuses steps out of order, each with why', () => {
    const said = (s: PerformanceStatus, a: PerformanceAction) => {
      const t = transition(s, a, both);
      return t.ok ? null : t.message;
    };
    expect(said('draft', { type: 'deptApprove' })).toContain('不在等待组织部审核');
    expect(said('submitted', { type: 'deptApprove' })).toContain('不在等待组织部审核');
    expect(said('approved', { type: 'submit' })).toContain('已审定');
    expect(said('submitted', { type: 'apply', use: 'selection' })).toContain('审定后才能运用');
    expect(said('draft', { type: 'reopen', comment: '更正' })).toContain('无需重新打开');
  });

  it('reopens an approved record only with a reason', () => {
    expect(transition('approved', { type: 'reopen', comment: '' }, both)).toEqual({ ok: false, message: '重新打开已审定的记录，请写明原因' });
    expect(transition('applied', { type: 'reopen', comment: '数据有误' }, both)).toEqual({ ok: true, status: 'draft' });
  });

  it('offers exactly the actions that succeed', () => {
    expect(availableActions('draft', both)).toEqual(['submit']);
    expect(availableActions('submitted', both)).toEqual(['unitApprove', 'unitReturn']);
    expect(availableActions('unitReviewed', both)).toEqual(['deptApprove', 'deptReturn']);
    expect(availableActions('approved', both)).toEqual(['apply', 'reopen']);
  });

  it('lets only drafts and returned records be edited', () => {
    expect(editProblem('draft')).toBeNull();
    expect(editProblem('returned')).toBeNull();
    expect(editProblem('approved')).toContain('重新打开');
    expect(editProblem('applied')).toContain('重新打开');
    expect(editProblem('submitted')).toContain('审核中');
  });
});

describe('what a submitted record must hold', () => {
  const empty: PerformanceContent = {
    kind: 'monthly',
    summary: '',
    keyWork: '',
    highlights: '',
    shortcomings: '',
    nextPlan: '',
    checkedBy: '',
    findings: '',
    rating: 'none',
    grade: null,
  };
  it('refuses an empty monthly report at each section it needs', () => {
    expect(submitProblems(empty).map((p) => p.path)).toEqual(['keyWork', 'highlights', 'nextPlan']);
    expect(submitProblems({ ...empty, keyWork: '完成', highlights: ' \n', nextPlan: '继续' })).toEqual([
      { path: 'highlights', message: '请填写突出实绩后再上报' },
    ]);
    expect(submitProblems({ ...empty, keyWork: '完成', highlights: '突出', nextPlan: '继续' })).toEqual([]);
  });
  it('asks each kind for its own sections', () => {
    expect(submitProblems({ ...empty, kind: 'weekly' }).map((p) => p.path)).toEqual(['summary']);
    expect(submitProblems({ ...empty, kind: 'annual' }).map((p) => p.path)).toEqual(['grade']);
    expect(submitProblems({ ...empty, kind: 'annual', grade: '1' })).toEqual([]);
    expect(submitProblems({ ...empty, kind: 'quarterly', checkedBy: '张三', findings: '良好' }).map((p) => p.path)).toEqual(['rating']);
  });
});

describe('collection matrix and completion', () => {
  const cadres = [
    { id: 'a', name: '甲', joined: null, left: null },
    { id: 'b', name: '乙', joined: '2025-03', left: null },
    { id: 'c', name: '丙', joined: null, left: '2025-02' },
  ];
  const reports = [
    { cadreId: 'a', period: '2025-01', status: 'approved' as const },
    { cadreId: 'a', period: '2025-02', status: 'returned' as const },
    { cadreId: 'a', period: '2025-03', status: 'draft' as const },
    { cadreId: 'b', period: '2025-03', status: 'unitReviewed' as const },
    { cadreId: 'c', period: '2025-01', status: 'applied' as const },
    { cadreId: 'a', period: '2024-12', status: 'approved' as const },
  ];
  const m = collectionMatrix(cadres, reports, 2025, '2025-04');

  it('marks each cadre-month by its report, and months not due as such', () => {
    expect(m.rows[0]!.cells.slice(0, 4)).toEqual(['approved', 'returned', 'missing', 'notDue']);
    expect(m.rows[1]!.cells.slice(0, 4)).toEqual(['notDue', 'notDue', 'submitted', 'notDue']);
    expect(m.rows[2]!.cells.slice(0, 4)).toEqual(['approved', 'missing', 'notDue', 'notDue']);
  });

  it('counts completion per month and in total', () => {
    expect(m.byMonth.slice(0, 4)).toEqual([
      { due: 2, done: 2, rate: 1 },
      { due: 2, done: 0, rate: 0 },
      { due: 2, done: 1, rate: 0.5 },
      { due: 0, done: 0, rate: null },
    ]);
    expect(m.total).toEqual({ due: 6, done: 3, rate: 0.5 });
    expect(printRate(m.total)).toBe('50.0%');
    expect(printRate(m.byMonth[3]!)).toBe('—');
  });

  it('lists what is missing or returned for the reminder list', () => {
    expect(reminderList(m).map((l) => [l.cadre.name, l.missing, l.returned])).toEqual([
      ['甲', ['2025-03'], ['2025-02']],
      ['丙', ['2025-02'], []],
    ]);
  });

  it('agrees with a count made cell by cell for any reports', () => {
    const status = fc.constantFrom('draft', 'submitted', 'unitReviewed', 'returned', 'approved', 'applied' as const);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 12 }), status)), (list) => {
        const rs = list.map(([cadreId, mm, s]) => ({ cadreId, period: `2025-${String(mm).padStart(2, '0')}`, status: s as PerformanceStatus }));
        const mx = collectionMatrix(cadres, rs, 2025, '2025-10');
        // due: a Jan–Sep, b Mar–Sep, c Jan–Feb; done: the last status given for a due month is submitted or better
        expect(mx.total.due).toBe(9 + 7 + 2);
        const last = new Map(rs.map((r) => [`${r.cadreId}|${r.period}`, r.status]));
        const due = (id: string, mm: number) => mm <= 9 && (id !== 'b' || mm >= 3) && (id !== 'c' || mm <= 2);
        const done = [...last].filter(([k, s]) => {
          const [id, period] = k.split('|') as [string, string];
          return due(id, Number(period.slice(5))) && ['submitted', 'unitReviewed', 'approved', 'applied'].includes(s);
        }).length;
        expect(mx.total.done).toBe(done);
        expect(mx.byMonth.reduce((a, r) => a + r.done, 0)).toBe(done);
        const lines = reminderList(mx);
        expect(lines.reduce((a, l) => a + l.missing.length + l.returned.length, 0)).toBe(mx.total.due - done);
      }),
    );
  });

  it('gives each unit its completion for one month', () => {
    const withUnits = cadres.map((c, i) => ({ ...c, unitId: i === 0 ? 'u1' : 'u2' }));
    const status = new Map([['a', 'submitted' as const]]);
    const rates = completionByUnit(withUnits, (id) => status.get(id), '2025-03', '2025-06');
    expect(rates.get('u1')).toEqual({ due: 1, done: 1, rate: 1 });
    expect(rates.get('u2')).toEqual({ due: 1, done: 0, rate: 0 });
  });
});

describe('timeline, counts and search', () => {
  it('orders newest first and keeps lanes in order at the same time', () => {
    const e = (when: string, lane: 'performance' | 'negative' | 'positive', title: string) => ({ when, lane, title, detail: '', table: 't', id: title });
    expect(sortTimeline([e('2025-01', 'performance', 'x'), e('2025-03', 'negative', 'y'), e('2025-03', 'positive', 'z')]).map((x) => x.title)).toEqual(['z', 'y', 'x']);
  });
  it('counts adjustments by unit, year and mechanism', () => {
    const { byKey, byMechanism } = countAdjustments([
      { mechanism: 'incentive', date: '2025-03-01', unitId: 'u1' },
      { mechanism: 'incentive', date: '2025-05-01', unitId: 'u1' },
      { mechanism: 'upDown', date: '2024-05-01', unitId: 'u2' },
    ]);
    expect(byKey.get('u1|2025|incentive')).toBe(2);
    expect(byKey.get('u2|2024|upDown')).toBe(1);
    expect(byMechanism.get('incentive')).toBe(2);
  });
  it('matches every word of a query and shows where', () => {
    expect(matchesAll('完成招商引资项目三个', '招商 项目')).toBe(true);
    expect(matchesAll('完成招商引资项目三个', '招商 信访')).toBe(false);
    expect(matchesAll('任何', ' ')).toBe(false);
    expect(excerpt('甲'.repeat(50) + '招商' + '乙'.repeat(50), '招商', 10)).toBe('…甲甲甲甲甲招商乙乙乙…');
  });
});

describe('the default 正负面清单', () => {
  it('ships 15 positive and 15 negative items with unique codes', () => {
    const pos = DEFAULT_CONDUCT_ITEMS.filter((i) => i.polarity === 'positive');
    const neg = DEFAULT_CONDUCT_ITEMS.filter((i) => i.polarity === 'negative');
    expect([pos.length, neg.length]).toEqual([15, 15]);
    expect(new Set(DEFAULT_CONDUCT_ITEMS.map((i) => i.code)).size).toBe(30);
    expect(new Set(DEFAULT_CONDUCT_ITEMS.map((i) => i.text)).size).toBe(30);
  });
});
