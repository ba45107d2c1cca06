import { describe, expect, it } from 'vitest';
import { BUILT_IN_HOLIDAY_CALENDAR } from '../../../shared/code/holidays';
import { checkRecord } from '../../../shared/catalog/validate';
import { UserError } from '../../../shared/errors';
import { appointmentCaseType, holidayYearType, poolEntryType, type AppointmentCaseFields, type CaseCandidate } from '../../../shared/domain/selection';
import { calendarFromYears } from '../../../shared/rules/selectionCalendar';
import {
  closeCase,
  completeStep,
  decisionProblems,
  gateProblems,
  publicityCheck,
  stepProblems,
  trialEnd,
  type CaseEnv,
} from '../../../shared/rules/selectionCase';
import { eligibilityList, eligibilityOf, isEligible, roundProblems, type EligibilityCadre } from '../../../shared/rules/selectionEligibility';
import { checksNeedingException, leadershipChecks, monthsAtLevel } from '../../../shared/rules/selectionPosts';
import { matches, parseCandidateQuery, searchCandidates, type SearchCadre } from '../../../shared/rules/selectionSearch';
import { vacancyTable } from '../../../shared/rules/selectionVacancy';
import { trialsToTrack } from '../../../shared/rules/selectionTrials';

const CAL = BUILT_IN_HOLIDAY_CALENDAR;

// ---- vacancies ------------------------------------------------------------------------------------------------

describe('vacancyTable', () => {
  const est = {
    unitId: 'u1',
    administrative: 10,
    institutional: 2,
    chiefCounty: 0,
    deputyCounty: 0,
    chiefSection: 1,
    deputySection: 3,
    approvedBy: '',
    approvedOn: null,
  };
  const cadre = (postLevel: string | null, o: { status?: string; cat?: string; unitId?: string } = {}) => ({
    unitId: o.unitId ?? 'u1',
    status: o.status ?? '01',
    postLevel,
    personnelCategory: o.cat ?? '1',
  });
  it('counts filled, vacant and over per post level from the cadres in service', () => {
    const [row] = vacancyTable([est], [
      cadre('2A'),
      cadre('2A'),
      cadre('2B'),
      cadre(null, { cat: '3' }),
      cadre('2B', { status: '02' }), // retired: holds nothing
      cadre('2B', { unitId: 'u2' }), // another unit
    ]);
    expect(row!.posts['2A']).toEqual({ quota: 1, filled: 2, vacant: 0, over: 1 });
    expect(row!.posts['2B']).toEqual({ quota: 3, filled: 1, vacant: 2, over: 0 });
    expect(row!.administrative).toEqual({ quota: 10, filled: 3, vacant: 7, over: 0 });
    expect(row!.institutional).toEqual({ quota: 2, filled: 1, vacant: 1, over: 0 });
    expect(row!.vacant).toBe(2);
    expect(row!.over).toBe(1);
  });
});

// ---- the case -------------------------------------------------------------------------------------------------

const candidate = (cadreId: string, o: Partial<CaseCandidate> = {}): CaseCandidate => ({
  cadreId,
  leaderNominated: false,
  committeeNominated: false,
  talkVotes: null,
  meetingVotes: null,
  shortlisted: false,
  virtue: '',
  ability: '',
  diligence: '',
  achievement: '',
  integrity: '',
  exceptionNote: '',
  chosen: false,
  ...o,
});

function baseCase(o: Partial<AppointmentCaseFields> = {}): AppointmentCaseFields {
  const parsed = appointmentCaseType.dataSchema.parse({ unitId: 'u1', postTitle: '区发改委副主任', postLevel: '2B', motionOn: '2025-09-01' });
  return { ...parsed, ...o };
}

const NAMES: Record<string, string> = { a: '张三', b: '李四' };
function env(o: Partial<CaseEnv> = {}): CaseEnv {
  return {
    calendar: CAL,
    fourChecksMissing: () => [],
    blocks: () => [],
    cadreName: (id) => NAMES[id] ?? id,
    postChecks: () => [],
    otherOpenCases: [],
    vacancy: { quota: 3, filled: 1 },
    ...o,
  };
}

const inspected = { virtue: '政治坚定', ability: '能力强', diligence: '勤勉', achievement: '实绩突出', integrity: '清正廉洁' };

/** A case ready to complete the given stage. */
function readyAt(stage: AppointmentCaseFields['stage']): AppointmentCaseFields {
  return baseCase({
    stage,
    analysis: '副主任空缺一名',
    meetingDue: 30,
    meetingPresent: 28,
    talkCount: 20,
    candidates: [candidate('a', { meetingVotes: 20, talkVotes: 15, shortlisted: true, chosen: true, ...inspected }), candidate('b', { meetingVotes: 5 })],
    inspectionOn: '2025-09-10',
    inspectionTeam: '王五、赵六',
    decisionOn: '2025-09-20',
    membersDue: 9,
    membersPresent: 7,
    votesFor: 6,
    publicityFrom: '2025-09-22',
    publicityTo: '2025-09-28',
    documentNo: '区委〔2025〕12号',
    appointedOn: '2025-10-09',
  });
}

describe('the case, step by step', () => {
  it('walks from 动议 to 任职, logging each step with who and when, and starts a one-year trial', () => {
    let c = readyAt('motion');
    for (let i = 0; i < 6; i += 1) c = completeStep(c, env(), '干部科 小刘', '2025-10-09');
    expect(c.stage).toBe('appointed');
    expect(c.steps.map((s) => s.stage)).toEqual(['motion', 'recommendation', 'shortlist', 'inspection', 'decision', 'publicity']);
    expect(c.steps.every((s) => s.by === '干部科 小刘' && s.on === '2025-10-09')).toBe(true);
    expect(c.trialUntil).toBe('2026-10-08');
    expect(() => completeStep(c, env(), 'x', '2025-10-10')).toThrow(/已任职办结/);
  });
  it('gives an elected post no trial period', () => {
    const c = completeStep({ ...readyAt('publicity'), elected: true }, env(), 'x', '2025-10-09');
    expect(c.trialUntil).toBeNull();
  });
  it('refuses 动议 without an analysis, and over the quota without a reason', () => {
    expect(stepProblems(baseCase(), env())).toContain('请填写动议分析（班子结构、岗位需要和空缺情况）');
    const full = env({ vacancy: { quota: 2, filled: 2 } });
    expect(stepProblems(readyAt('motion'), full).join()).toMatch(/副科职数核定 2 名、现有 2 名，已无空缺；超职数任职须填写超职数说明/);
    expect(stepProblems({ ...readyAt('motion'), overQuotaReason: '机构改革过渡期' }, full)).toEqual([]);
  });
  it('checks the quota again at 任职: a post filled since 动议 needs the reason then', () => {
    const full = env({ vacancy: { quota: 2, filled: 2 } });
    expect(stepProblems(readyAt('publicity'), env())).toEqual([]);
    expect(stepProblems(readyAt('publicity'), full).join()).toMatch(/已无空缺；超职数任职须填写超职数说明/);
    expect(stepProblems({ ...readyAt('publicity'), overQuotaReason: '重点项目攻坚期' }, full)).toEqual([]);
  });
  it('refuses a recommendation with more votes than people present', () => {
    const c = { ...readyAt('recommendation'), meetingPresent: 10 };
    expect(stepProblems(c, env()).join()).toMatch(/张三的会议推荐票 20 票多于实到 10 人/);
  });
  it('refuses a second open case for the same cadre and post, naming the cadre', () => {
    const other = { unitId: 'u1', postTitle: '区发改委副主任', candidates: [{ cadreId: 'a' }] };
    const problems = stepProblems(readyAt('recommendation'), env({ otherOpenCases: [other] }));
    expect(problems.join()).toMatch(/张三已是另一件尚未办结的“区发改委副主任”选任纪实的人选/);
    // another post of the same unit is no conflict
    expect(stepProblems(readyAt('recommendation'), env({ otherOpenCases: [{ ...other, postTitle: '区发改委主任' }] }))).toEqual([]);
  });
  it('refuses the same cadre twice among the candidates', () => {
    const c = { ...readyAt('recommendation'), candidates: [candidate('a', { meetingVotes: 1 }), candidate('a', { meetingVotes: 2 })] };
    expect(stepProblems(c, env()).join()).toMatch(/张三在人选中出现两次/);
  });
  it('gates 讨论决定 on the four checks and says which check is missing for whom', () => {
    const missing = env({ fourChecksMissing: (id) => (id === 'a' ? ['纪检监察机关意见必听', '线索具体的信访举报必查'] : []) });
    const problems = stepProblems(readyAt('inspection'), missing);
    expect(problems).toEqual(['凡提四必未完成：张三尚缺“纪检监察机关意见必听”、“线索具体的信访举报必查”，完成后才能进入讨论决定']);
    expect(() => completeStep(readyAt('inspection'), missing, 'x', '2025-09-15')).toThrow(UserError);
    // the gate is checked again at the decision: a check removed meanwhile still stops it
    expect(stepProblems(readyAt('decision'), missing).join()).toMatch(/凡提四必未完成/);
    expect(gateProblems(readyAt('inspection'), env())).toEqual([]);
  });
  it('requires the 德能勤绩廉 material of each candidate inspected', () => {
    const c = { ...readyAt('inspection'), candidates: [candidate('a', { shortlisted: true, virtue: '好' })] };
    expect(stepProblems(c, env()).join()).toMatch(/张三的考察材料缺少“能、勤、绩、廉”/);
  });
  it('refuses a decision without 2/3 present or without more than half of those due in favour', () => {
    expect(decisionProblems({ membersDue: 9, membersPresent: 6, votesFor: 5 })).toEqual([]);
    expect(decisionProblems({ membersDue: 9, membersPresent: 5, votesFor: 5 }).join()).toMatch(/不足三分之二（至少 6 人）/);
    // more than half of those DUE, not of those present: 4 of 9 is not a majority though it is of 7 present
    expect(decisionProblems({ membersDue: 9, membersPresent: 7, votesFor: 4 }).join()).toMatch(/未超过应到会成员 9 人的半数（至少 5 票）/);
    expect(decisionProblems({ membersDue: 10, membersPresent: 10, votesFor: 5 }).join()).toMatch(/至少 6 票/);
    expect(stepProblems({ ...readyAt('decision'), membersPresent: 5 }, env()).join()).toMatch(/不能作出任用决定/);
  });
  it('refuses promoting someone with a block in force, naming the block', () => {
    const blocked = env({ blocks: () => [{ reason: '诫勉：履职不力', from: '2025-06-01', to: '2025-11-30' }] });
    expect(stepProblems(readyAt('decision'), blocked).join()).toMatch(/张三：诫勉：履职不力影响期 2025-06-01 至 2025-11-30，2025-09-20 在影响期内/);
  });
  it('requires a 破格 note when a leadership-post condition is not met', () => {
    const unmet = env({ postChecks: () => [{ label: '提拔间隔', met: false, reason: '上次提拔于 2025-03', needsException: true }] });
    expect(stepProblems(readyAt('decision'), unmet).join()).toMatch(/张三不符合“提拔间隔”条件（上次提拔于 2025-03），破格提拔须填写破格说明/);
    const noted = { ...readyAt('decision'), candidates: readyAt('decision').candidates.map((k) => ({ ...k, exceptionNote: '急需专业人才' })) };
    expect(stepProblems(noted, unmet)).toEqual([]);
  });
  it('refuses a 公示 shorter than 5 working days, across the National Day holiday', () => {
    // 2025-09-29 (Mon), 09-30 (Tue) work; 10-01…10-08 holidays; 10-09 (Thu) is the third working day
    const short = { ...readyAt('publicity'), publicityFrom: '2025-09-29', publicityTo: '2025-10-09', appointedOn: '2025-10-20' };
    const problems = stepProblems(short, env());
    expect(problems.join()).toMatch(/公示期 2025-09-29 至 2025-10-09 只有 3 个工作日，不少于5个工作日，最早 2025-10-11 结束/);
    expect(stepProblems({ ...short, publicityTo: '2025-10-11' }, env())).toEqual([]);
  });
  it('refuses 任职 dated before the 公示 ends', () => {
    const c = { ...readyAt('publicity'), appointedOn: '2025-09-26' };
    expect(stepProblems(c, env()).join()).toMatch(/任职日期 2025-09-26 不在公示期满（2025-09-28）之后/);
  });
  it('warns when the calendar lacks a year the 公示 runs into, and still counts weekends', () => {
    const c = { ...readyAt('publicity'), publicityFrom: '2025-12-29', publicityTo: '2026-01-05', decisionOn: '2025-12-20' };
    const check = publicityCheck(c, CAL);
    expect(check.warning).toMatch(/尚未录入2026年的节假日安排/);
    expect(check.problems).toEqual([]);
  });
  it('refuses objections left unhandled', () => {
    expect(stepProblems({ ...readyAt('publicity'), objections: 2 }, env()).join()).toMatch(/收到 2 件反映，请填写反映处理情况/);
  });
  it('closes an open case with its reason, never a finished one', () => {
    const closed = closeCase(readyAt('inspection'), '人选调整', 'x', '2025-09-12');
    expect(closed.stage).toBe('closed');
    expect(closed.steps.at(-1)?.note).toBe('终止：人选调整');
    expect(() => closeCase(closed, 'again', 'x', '2025-09-12')).toThrow(/已终止/);
    expect(() => closeCase(readyAt('motion'), ' ', 'x', '2025-09-12')).toThrow(/终止原因/);
  });
  it('ends a trial the day before the same date a year later', () => {
    expect(trialEnd('2025-10-09')).toBe('2026-10-08');
    expect(trialEnd('2025-03-01')).toBe('2026-02-28');
    expect(trialEnd('2024-02-29')).toBe('2025-02-28');
  });
});

// ---- leadership-post checks -----------------------------------------------------------------------------------

describe('leadershipChecks', () => {
  const history = (posts: { postLevel: string; from: string; to: string | null }[], o: { workStarted?: string | null; trials?: { from: string; to: string; status: string }[] } = {}) => ({
    workStarted: o.workStarted === undefined ? '2010-07' : o.workStarted,
    posts,
    trials: o.trials ?? [],
  });
  const byLabel = (checks: ReturnType<typeof leadershipChecks>, label: string) => checks.find((c) => c.label === label);

  it('副科 → 正科 needs 2 years as 副科', () => {
    const short = leadershipChecks(history([{ postLevel: '2B', from: '2024-03', to: null }]), '2A', '2025-09');
    expect(byLabel(short, '任职年限')).toMatchObject({ met: false, reason: '任副科 1年6个月，由副职提任正职须任副职2年以上' });
    // two 副科 posts one after the other are one stint
    const posts = [
      { postLevel: '2B', from: '2022-03', to: '2023-05' },
      { postLevel: '2B', from: '2023-05', to: null },
    ];
    expect(byLabel(leadershipChecks(history(posts), '2A', '2025-09'), '任职年限')?.met).toBe(true);
    expect(monthsAtLevel(posts, '2B', '2025-09')).toBe(42);
    // a gap of years breaks the stint
    expect(monthsAtLevel([{ postLevel: '2B', from: '2015-01', to: '2016-01' }, { postLevel: '2B', from: '2024-09', to: null }], '2B', '2025-09')).toBe(12);
  });
  it('正科 → 副处 needs 3 years as 正科, 5 years of work, and usually two 正科 posts', () => {
    const checks = leadershipChecks(history([{ postLevel: '2A', from: '2023-01', to: null }], { workStarted: '2021-09' }), '1B', '2025-09');
    expect(byLabel(checks, '工作年限')).toMatchObject({ met: false, needsException: true });
    expect(byLabel(checks, '任职年限')).toMatchObject({ met: false, reason: '任乡科级正职 2年8个月，由下级正职提任上级副职须任下级正职3年以上' });
    expect(byLabel(checks, '下一级职位经历')).toMatchObject({ met: false, needsException: false });
    expect(byLabel(checks, '基层工作经历')?.met).toBeNull();
    expect(checksNeedingException(checks).map((c) => c.label)).toEqual(['工作年限', '任职年限']);
  });
  it('no promotion during a trial year or within a year of the last promotion', () => {
    const posts = [
      { postLevel: '2B', from: '2020-01', to: '2025-01' },
      { postLevel: '2A', from: '2025-01', to: null },
    ];
    const checks = leadershipChecks(history(posts, { trials: [{ from: '2025-01-10', to: '2026-01-09', status: 'running' }] }), '1B', '2025-09');
    expect(byLabel(checks, '试用期')).toMatchObject({ met: false, reason: '试用期至 2026-01-09，试用期内不得提拔' });
    expect(byLabel(checks, '提拔间隔')).toMatchObject({ met: false });
    const later = leadershipChecks(history(posts, { trials: [{ from: '2025-01-10', to: '2026-01-09', status: 'passed' }] }), '1B', '2027-03');
    expect(byLabel(later, '试用期')?.met).toBe(true);
    expect(byLabel(later, '提拔间隔')?.met).toBe(true);
  });
  it('asks for nothing of a move on the same level', () => {
    expect(checksNeedingException(leadershipChecks(history([{ postLevel: '2A', from: '2025-06', to: null }]), '2A', '2025-09'))).toEqual([]);
  });
});

// ---- eligibility ----------------------------------------------------------------------------------------------

describe('eligibilityList', () => {
  const cadre = (o: Partial<EligibilityCadre>): EligibilityCadre => ({
    id: 'c',
    name: '王芳',
    unitId: 'u1',
    rank: '10',
    rankSince: '2023-01',
    posts: [],
    assessments: [
      { year: 2023, grade: '2' },
      { year: 2024, grade: '1' },
    ],
    ...o,
  });
  it('gives the rule’s reasons for the eligible and the not yet eligible, eligible first', () => {
    const rows = eligibilityList(
      [cadre({ id: 'late', rankSince: '2024-01', assessments: [{ year: 2024, grade: '2' }] }), cadre({ id: 'ok' })],
      '2025-03',
      () => [],
    );
    expect(rows.map((r) => [r.cadreId, r.eligible])).toEqual([
      ['ok', true],
      ['late', false],
    ]);
    expect(rows[0]!.reasons[0]).toBe('任四级主任科员 2年2个月，已满2年');
    expect(rows[1]!.reasons[0]).toMatch(/不满2年（2026-01 满）/);
    expect(rows[1]!.earliest).toBe('2026-01');
  });
  it('orders the eligible first, each group by the earliest month; isEligible agrees with every row', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      cadre({
        id: `c${i}`,
        rank: ['10', '09', '06', '05'][i % 4]!,
        rankSince: `${2018 + (i % 7)}-${String(1 + (i % 12)).padStart(2, '0')}`,
        posts: i % 5 === 0 ? [{ postLevel: '2B', from: '2016-03', to: null }] : [],
        assessments: Array.from({ length: 9 }, (_, k) => ({ year: 2017 + k, grade: (i + k) % 11 === 0 ? '3' : '2' })),
      }),
    );
    const blocksOf = (id: string) => (id.endsWith('7') ? [{ reason: '诫勉', from: '2025-01-10', to: '2025-07-09' }] : []);
    const rows = eligibilityList(many, '2025-03', blocksOf);
    expect(rows).toHaveLength(60);
    const firstIneligible = rows.findIndex((r) => !r.eligible);
    expect(firstIneligible).toBeGreaterThan(0);
    expect(rows.slice(firstIneligible).every((r) => !r.eligible)).toBe(true);
    for (const group of [rows.slice(0, firstIneligible), rows.slice(firstIneligible)]) {
      const months = group.map((r) => r.earliest ?? '9999');
      expect(months).toEqual([...months].sort((x, y) => x.localeCompare(y)));
    }
    for (const c of many) expect(isEligible(c, '2025-03', blocksOf(c.id))).toBe(eligibilityOf(c, '2025-03', blocksOf(c.id)).eligible);
  });
  it('reads every row, its reasons worded only when read, exactly as eligibilityOf words it', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      cadre({
        id: `c${i}`,
        rank: ['10', '09', '06', '01', '99'][i % 5]!, // 01: the top rank; 99: no such rank (a row saying so)
        rankSince: i % 9 === 0 ? null : `${2018 + (i % 7)}-${String(1 + (i % 12)).padStart(2, '0')}`,
        posts: i % 3 === 0 ? [{ postLevel: '2B', from: '2016-03', to: null }] : [],
        assessments: Array.from({ length: 9 }, (_, k) => ({ year: 2017 + k, grade: (i + k) % 7 === 0 ? '4' : '2' })),
      }),
    );
    const blocksOf = (id: string) => (id.endsWith('3') ? [{ reason: '诫勉', from: '2025-01-10', to: '2025-07-09' }] : []);
    const rows = eligibilityList(many, '2025-03', blocksOf);
    const byId = new Map(many.map((c) => [c.id, c]));
    for (const r of rows) {
      const whole = eligibilityOf(byId.get(r.cadreId)!, '2025-03', blocksOf(r.cadreId));
      expect({ ...r }).toEqual(whole);
      expect(r.reasons).toBe(r.reasons); // worded once, then kept
    }
  });
  it('counts time as 乡科级副职 toward 三级主任科员 from the post history', () => {
    const c = cadre({
      rank: '10', // 四级主任科员 → next 三级主任科员? no: 10 → 09
      rankSince: '2024-06',
      posts: [{ postLevel: '2B', from: '2022-09', to: null }],
      assessments: [
        { year: 2022, grade: '2' },
        { year: 2023, grade: '2' },
        { year: 2024, grade: '2' },
      ],
    });
    const row = eligibilityOf(c, '2025-03', []);
    expect(row.nextRank).toBe('09');
    expect(row.eligible).toBe(true);
    expect(row.reasons[0]).toMatch(/任副科（2年6个月）自 2022-09 起，按规定视同任四级主任科员的时间计算/);
    // without the post, the rank alone is not enough yet
    expect(eligibilityOf({ ...c, posts: [] }, '2025-03', []).eligible).toBe(false);
  });
  it('names a block in force and a bad assessment', () => {
    const row = eligibilityOf(cadre({ assessments: [{ year: 2023, grade: '3' }, { year: 2024, grade: '2' }] }), '2025-03', [
      { reason: '诫勉', from: '2025-01-01', to: '2025-06-30' },
    ]);
    expect(row.eligible).toBe(false);
    expect(row.reasons).toContain('2023年度考核基本称职');
    expect(row.reasons).toContain('诫勉影响期至 2025-06-30');
  });
  it('says what is missing instead of failing on a cadre without rankSince or with a bad one', () => {
    expect(eligibilityOf(cadre({ rankSince: null }), '2025-03', []).reasons).toEqual(['未登记任现职级时间，请在干部档案中补充']);
    expect(eligibilityOf(cadre({ rankSince: '2026-01' }), '2025-03', []).reasons[0]).toMatch(/晚于计算时间/);
  });
});

describe('roundProblems', () => {
  const renv = {
    cadreName: (id: string) => NAMES[id] ?? id,
    currentRank: () => '10',
    blocks: (id: string) => (id === 'b' ? [{ reason: '诫勉：工作失职', from: '2025-02-01', to: '2025-07-31' }] : []),
  };
  it('refuses a cadre twice, a block in force (named) and a rank that is not the next', () => {
    const problems = roundProblems(
      [
        { cadreId: 'a', fromRank: '10', toRank: '09' },
        { cadreId: 'a', fromRank: '10', toRank: '09' },
        { cadreId: 'b', fromRank: '10', toRank: '09' },
      ],
      '2025-03-15',
      renv,
    );
    expect(problems).toContain('张三在本批次中出现两次，同一干部一个批次只能晋升一次，请删去重复的一条');
    expect(problems.join()).toMatch(/李四：诫勉：工作失职影响期 2025-02-01 至 2025-07-31/);
    expect(roundProblems([{ cadreId: 'a', fromRank: '10', toRank: '08' }], '2025-03-15', renv).join()).toMatch(/只能晋升为三级主任科员/);
    expect(roundProblems([{ cadreId: 'a', fromRank: '10', toRank: '09' }], '2025-03-15', renv)).toEqual([]);
  });
});

// ---- trial periods --------------------------------------------------------------------------------------------

describe('trialsToTrack', () => {
  const trial = (id: string, to: string, o: { status?: string; deleted?: boolean } = {}) => ({ id, to, status: o.status ?? 'running', deleted: o.deleted ?? false });
  it('lists the running trials by their last day: ended (awaiting a result), ending within a month, running', () => {
    const rows = trialsToTrack(
      [
        trial('later', '2026-03-01'),
        trial('soon', '2025-11-19'), // the last day within a month of 2025-10-20
        trial('lastDay', '2025-10-20'), // still running on its last day
        trial('ended', '2025-10-19'),
        trial('afterAMonth', '2025-11-20'),
        trial('passed', '2025-09-01', { status: 'passed' }),
        trial('deleted', '2025-09-01', { deleted: true }),
      ],
      '2025-10-20',
    );
    expect(rows.map((r) => [r.id, r.state])).toEqual([
      ['ended', 'ended'],
      ['lastDay', 'endingSoon'],
      ['soon', 'endingSoon'],
      ['afterAMonth', 'running'],
      ['later', 'running'],
    ]);
  });
});

// ---- search ---------------------------------------------------------------------------------------------------

describe('candidate search', () => {
  const base: SearchCadre = {
    id: 'x',
    sex: '2',
    birth: '1992-05',
    postLevel: '2A',
    educations: ['21', '11'],
    assessments: [{ year: 2023, grade: '1' }],
    pools: [{ pool: 'young', status: 'active', validUntil: '2026-12' }],
    eligible: false,
  };
  it('reads “35岁以下正科, 研究生, 近三年考核有优秀” into criteria and finds who meets them all', () => {
    const { criteria, unknown } = parseCandidateQuery('35岁以下正科, 研究生, 近三年考核有优秀', '2025-09');
    expect(unknown).toEqual([]);
    expect(criteria).toMatchObject({ maxAge: 35, postLevels: ['2A'], minEducation: '11', excellentWithinYears: 3 });
    const found = searchCandidates(
      [
        base,
        { ...base, id: 'old', birth: '1988-01' },
        { ...base, id: 'college', educations: ['21'] },
        { ...base, id: 'deputy', postLevel: '2B' },
        { ...base, id: 'noExcellent', assessments: [{ year: 2021, grade: '1' }] },
      ],
      criteria,
    );
    expect(found.map((c) => c.id)).toEqual(['x']);
  });
  it('names the words it did not understand', () => {
    expect(parseCandidateQuery('女, 会打篮球', '2025-09').unknown).toEqual(['会打篮球']);
  });
  it('matches the pool only while the entry is active and valid', () => {
    const q = { asOf: '2025-09', pool: 'young' as const };
    expect(matches(base, q)).toBe(true);
    expect(matches({ ...base, pools: [{ pool: 'young', status: 'exited', validUntil: null }] }, q)).toBe(false);
    expect(matches({ ...base, pools: [{ pool: 'young', status: 'active', validUntil: '2025-08' }] }, q)).toBe(false);
    expect(matches(base, { asOf: '2025-09', eligibleOnly: true })).toBe(false);
    expect(matches(base, { asOf: '2025-09', sex: '1' })).toBe(false);
  });
});

// ---- declarations ---------------------------------------------------------------------------------------------

function problemsOfCheck(...args: Parameters<typeof checkRecord>) {
  const v = checkRecord(...args);
  expect(v.ok).toBe(false);
  return v.ok ? [] : v.problems;
}

describe('selection record types', () => {
  it('refuse a holiday year listing a day of another year or a day both rest and work', () => {
    const problems = problemsOfCheck(
      holidayYearType,
      { year: 2026, holidays: [{ date: '2026-01-01' }, { date: '2025-12-31' }], makeUpWorkdays: [{ date: '2026-01-01' }] },
      { today: '2025-12-01' },
    );
    const messages = problems.map((p) => p.message).join();
    expect(messages).toMatch(/2025-12-31 不在2026年内/);
    expect(messages).toMatch(/2026-01-01 既是放假日又是调休上班日/);
  });
  it('refuse a pool entry that has exited without a reason', () => {
    const problems = problemsOfCheck(poolEntryType, { cadreId: 'c', pool: 'reserve', source: 'democratic', from: '2024-01', status: 'exited' }, { today: '2025-01-01' });
    expect(problems.map((p) => p.path)).toContain('exitReason');
  });
  it('use the shipped 2025 calendar until a record of 2025 replaces it, and add later years', () => {
    const cal = calendarFromYears([{ year: 2026, holidays: [{ date: '2026-01-01' }], makeUpWorkdays: [{ date: '2026-01-04' }] }]);
    expect(cal.holidays).toContain('2025-10-01');
    expect(cal.holidays).toContain('2026-01-01');
    expect(cal.makeUpWorkdays).toContain('2026-01-04');
    const replaced = calendarFromYears([{ year: 2025, holidays: [{ date: '2025-01-01' }], makeUpWorkdays: [] }]);
    expect(replaced.holidays).toEqual(['2025-01-01']);
    expect(calendarFromYears([{ year: 2025, holidays: [], makeUpWorkdays: [], deleted: true }]).holidays).toContain('2025-10-01');
  });
});
