import { describe, expect, it } from 'vitest';
import { checkRecord } from '../../../shared/catalog/validate';
import {
  actingPostType,
  enrollmentType,
  secondmentType,
  trainingClassType,
  trainingProgramType,
  villagePostingType,
} from '../../../shared/domain/cultivation';
import {
  DEFAULT_QUOTAS,
  actingCaseProblem,
  actingKind,
  actingLevelProblem,
  countBy,
  duplicateEnrollmentProblem,
  hoursProblem,
  notServingProblem,
  overlapProblem,
  periodsOverlap,
  promotionAfter,
  shortfallList,
  type EnrollmentFacts,
} from '../../../shared/rules/cultivation';
import { cultivationStats } from '../../../shared/rules/cultivationStats';
import { columnsOfRows, hoursOfCadres, hoursOfColumns, mergeTotals, quotaFill, quotaFillOfColumns, traineeTotals, withShare, shareOf } from '../../../shared/rules/cultivationTotals';
import { cultivationTimeline } from '../../../shared/rules/cultivationTimeline';

const today = { today: '2025-06-15' };
const problemsOf = (type: Parameters<typeof checkRecord>[0], input: unknown) => {
  const r = checkRecord(type, input, today);
  return r.ok ? [] : r.problems;
};

describe('the cultivation record types refuse bad input at the field', () => {
  const acting = { cadreId: 'c1', post: '区发改委副主任', unit: '', actingLevel: '1B', from: '2024-03', trialMonths: 12, evaluation: '', outcome: 'ongoing', to: null, appointmentCase: '' };

  it('an end before its start', () => {
    const secondment = { cadreId: 'c1', region: '杭州', hostUnit: '西湖区发改局', post: '副局长', batch: '2024', from: '2024-03', to: '2023-12', evaluation: '', afterwards: '' };
    expect(problemsOf(secondmentType, secondment)).toEqual([{ path: 'to', message: '截止时间不能早于起始时间' }]);
    expect(problemsOf(secondmentType, { ...secondment, to: '2024-03' })).toEqual([]);
    const cls = { name: '科级干部轮训班', format: 'rotation', audience: 'section', organiser: '区委党校', from: '2025-05-10', to: '2025-05-01', hours: 40 };
    expect(problemsOf(trainingClassType, cls)).toEqual([{ path: 'to', message: '结业日期不能早于开班日期' }]);
    // a class may be planned ahead
    expect(problemsOf(trainingClassType, { ...cls, from: '2026-03-01', to: '2026-03-05' })).toEqual([]);
  });

  it('a trial period of zero or over two years', () => {
    expect(problemsOf(actingPostType, acting)).toEqual([]);
    expect(problemsOf(actingPostType, { ...acting, trialMonths: 0 })).toEqual([{ path: 'trialMonths', message: '试用期不能为0个月，请填写1至24个月' }]);
    const over = problemsOf(actingPostType, { ...acting, trialMonths: 25 });
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ path: 'trialMonths' });
    expect(over[0]!.message).toContain('不能超过2年');
    expect(problemsOf(actingPostType, { ...acting, trialMonths: 24 })).toEqual([]);
  });

  it('a linked appointment case only with the outcome 任用', () => {
    expect(problemsOf(actingPostType, { ...acting, outcome: 'ongoing', appointmentCase: 'case-1' })).toEqual([
      { path: 'appointmentCase', message: '只有结果为“任用”时才关联任用案例，请将结果改为任用，或清空任用案例' },
    ]);
    expect(problemsOf(actingPostType, { ...acting, outcome: 'appointed', to: '2025-03', appointmentCase: 'case-1' })).toEqual([]);
    // 任用 without a case is allowed: the link is optional
    expect(problemsOf(actingPostType, { ...acting, outcome: 'appointed', to: '2025-03' })).toEqual([]);
  });

  it('a programme per year with the quota and hours it is given; a trainee without a cadre', () => {
    const program = { year: 2026, name: '2026年度干部教育培训计划', requiredHours: 110, quotas: { ...DEFAULT_QUOTAS } };
    expect(problemsOf(trainingProgramType, program)).toEqual([]);
    expect(problemsOf(trainingProgramType, { ...program, requiredHours: -1 })[0]).toMatchObject({ path: 'requiredHours' });
    const trainee = { classId: 'k1', cadreId: null, year: 2025, name: '王芳', unitName: '东街道某社区', role: '社区党委书记', hours: 8, completed: true };
    expect(problemsOf(enrollmentType, trainee)).toEqual([]);
    expect(problemsOf(enrollmentType, { ...trainee, name: '' })[0]).toMatchObject({ path: 'name' });
  });

  it('a village posting needs its town and village', () => {
    const posting = { cadreId: 'c1', town: '', village: '', role: 'firstSecretary', from: '2023-01', to: null, evaluation: '' };
    expect(problemsOf(villagePostingType, posting).map((p) => p.path).sort()).toEqual(['town', 'village']);
  });
});

describe('checks that read the database, as pure functions', () => {
  it('a linked 选拔任用纪实 names the cadre among its candidates', () => {
    const linked = { postTitle: '区发改委副主任', deleted: false, candidates: [{ cadreId: 'c1' }, { cadreId: 'c2' }] };
    expect(actingCaseProblem('c1', linked)).toBeNull();
    expect(actingCaseProblem('c3', linked)).toEqual({
      path: 'appointmentCase',
      message: '“区发改委副主任选任”的人选中没有该干部，请选择该干部作为人选的选拔任用纪实',
    });
    expect(actingCaseProblem('c1', { ...linked, deleted: true })?.message).toBe('所选的选拔任用纪实已不存在，请重新选择');
    expect(actingCaseProblem('c1', undefined)?.message).toBe('所选的选拔任用纪实已不存在，请重新选择');
  });

  it('an acting post must be above the cadre’s own level', () => {
    expect(actingLevelProblem('2A', '1B')).toBeNull(); // 正科 acting as 副处
    expect(actingLevelProblem(null, '2B')).toBeNull(); // 一般干部 acting as 副科
    expect(actingLevelProblem('2A', '2A')?.message).toContain('顶岗职务层次（正科）不高于该干部现职务层次（正科）');
    expect(actingLevelProblem('1B', '2A')).toMatchObject({ path: 'actingLevel' });
    expect(actingKind('1B')).toBe('county');
    expect(actingKind('2B')).toBe('section');
  });

  it('secondments and postings of one cadre may not overlap; open ends run on', () => {
    expect(periodsOverlap({ from: '2022-01', to: '2022-12' }, { from: '2022-12', to: null })).toBe(true);
    expect(periodsOverlap({ from: '2022-01', to: '2022-11' }, { from: '2022-12', to: null })).toBe(false);
    expect(periodsOverlap({ from: '2022-01', to: null }, { from: '2030-01', to: '2030-02' })).toBe(true);
    const others = [{ id: 'a', from: '2021-03', to: '2022-02', what: '挂职锻炼（杭州）' }];
    const hit = overlapProblem({ from: '2022-01', to: '2022-06' }, others);
    expect(hit?.path).toBe('from');
    expect(hit?.message).toContain('2021.03--2022.02已在挂职锻炼（杭州）');
    expect(overlapProblem({ from: '2022-03', to: null }, others)).toBeNull();
    // editing the record itself is no overlap
    expect(overlapProblem({ id: 'a', from: '2021-04', to: '2022-01' }, others)).toBeNull();
  });

  it('a posting needs a cadre 在职 at its start', () => {
    expect(notServingProblem({ status: '01', statusDate: null }, '2024-01')).toBeNull();
    const retired = { status: '02', statusDate: '2023-06-30' };
    expect(notServingProblem(retired, '2024-01')?.message).toContain('已于2023-06-30退休');
    expect(notServingProblem(retired, '2023-06')).not.toBeNull();
    // retired after the posting began: that posting stands
    expect(notServingProblem(retired, '2022-03')).toBeNull();
  });

  it('the same person twice in one class, and hours over the class’s', () => {
    const enrolled = [
      { id: 'e1', cadreId: 'c1', name: '张伟', unitName: '区发改委' },
      { id: 'e2', cadreId: null, name: '王芳', unitName: '东街道某社区' },
    ];
    expect(duplicateEnrollmentProblem({ cadreId: 'c1', name: '张伟', unitName: '' }, enrolled)?.message).toBe('张伟已在本培训班的学员名单中，同一人不能重复报名');
    expect(duplicateEnrollmentProblem({ cadreId: null, name: ' 王芳', unitName: '东街道某社区' }, enrolled)).not.toBeNull();
    // same name in another unit is another person
    expect(duplicateEnrollmentProblem({ cadreId: null, name: '王芳', unitName: '西街道' }, enrolled)).toBeNull();
    expect(duplicateEnrollmentProblem({ id: 'e1', cadreId: 'c1', name: '张伟', unitName: '' }, enrolled)).toBeNull();
    expect(hoursProblem(41, 40)).toMatchObject({ path: 'hours', message: '获得学时41超过了本培训班的学时40，请核对' });
    expect(hoursProblem(40, 40)).toBeNull();
    expect(hoursProblem(null, 40)).toBeNull();
  });
});

const enrol = (over: Partial<EnrollmentFacts>): EnrollmentFacts => ({
  classId: 'k1',
  cadreId: null,
  name: '某人',
  unitName: '',
  year: 2025,
  hours: 0,
  completed: true,
  ...over,
});

describe('figures', () => {
  const enrollments = [
    enrol({ cadreId: 'a', hours: 40, classId: 'k1' }),
    enrol({ cadreId: 'a', hours: 80, classId: 'k2' }),
    enrol({ cadreId: 'b', hours: 30, classId: 'k1' }),
    enrol({ cadreId: 'b', hours: 50, classId: 'k3', year: 2024 }),
    enrol({ cadreId: null, name: '王芳', unitName: '东社区', hours: 8, classId: 'k4' }),
    enrol({ cadreId: null, name: '王芳', unitName: '东社区', hours: 8, classId: 'k4' }),
    enrol({ cadreId: null, name: '李强', unitName: '某公司', hours: 8, classId: 'k5' }),
  ];

  const classes = [
    { id: 'k1', audience: 'section' },
    { id: 'k2', audience: 'county' },
    { id: 'k3', audience: 'section' },
    { id: 'k4', audience: 'community' },
    { id: 'k5', audience: 'nonPublic' },
  ];
  const totals = traineeTotals(classes, enrollments);

  it('hours per cadre per year and who falls short, fewest hours first', () => {
    const hours = hoursOfCadres(totals, 2025);
    expect(Object.fromEntries(hours)).toEqual({ a: 120, b: 30 });
    expect(shortfallList(['a', 'b', 'c'], hours, 110)).toEqual([
      { cadreId: 'c', hours: 0, missing: 110 },
      { cadreId: 'b', hours: 30, missing: 80 },
    ]);
    expect(shortfallList(['a', 'b'], hoursOfCadres(totals, 2024), 40)).toEqual([
      { cadreId: 'a', hours: 0, missing: 40 },
    ]);
    // the same from the columns the packs hold
    for (const year of [2024, 2025]) expect(hoursOfColumns(columnsOfRows(totals), year)).toEqual(hoursOfCadres(totals, year));
  });

  it('quota fill per audience counts each person once', () => {
    const fill = quotaFill(totals, { county: 300, section: 400, community: 100, nonPublic: null }, 2025);
    expect(fill).toEqual([
      { audience: 'county', quota: 300, trained: 1, percent: 0.3 },
      { audience: 'section', quota: 400, trained: 2, percent: 0.5 },
      { audience: 'community', quota: 100, trained: 1, percent: 1 },
      { audience: 'nonPublic', quota: 0, trained: 1, percent: 0 },
    ]);
    // only some trainees (a unit subtree's cadres)
    const some = quotaFill(totals, DEFAULT_QUOTAS, 2025, (r) => r.cadreId === 'b');
    expect(some.map((f) => f.trained)).toEqual([0, 1, 0, 0]);
    // the same from the columns the packs hold
    expect(quotaFillOfColumns(columnsOfRows(totals), { county: 300, section: 400, community: 100, nonPublic: null }, 2025)).toEqual(fill);
    expect(quotaFillOfColumns(columnsOfRows(totals), DEFAULT_QUOTAS, 2025, (id) => id === 'b')).toEqual(some);
  });

  it('keeps one row per trainee and year: a share added and taken away again leaves what was there', () => {
    const a2025 = totals.find((r) => r.trainee === 'c:a' && r.year === 2025);
    expect(a2025).toEqual({ year: 2025, trainee: 'c:a', cadreId: 'a', hours: 120, audiences: { section: 1, county: 1 } });
    // 王芳 twice in k4 (the repository refuses that, the sums do not care) is one trainee with two enrolments
    expect(totals.find((r) => r.trainee === 'n:王芳|东社区')).toMatchObject({ cadreId: null, hours: 16, audiences: { community: 2 } });
    // enrolments of a class that no longer counts, and deleted ones, are left out
    expect(traineeTotals(classes.slice(0, 1), [...enrollments, { ...enrollments[1]!, deleted: true }])).toEqual([
      { year: 2025, trainee: 'c:a', cadreId: 'a', hours: 40, audiences: { section: 1 } },
      { year: 2025, trainee: 'c:b', cadreId: 'b', hours: 30, audiences: { section: 1 } },
    ]);
    const extra = shareOf(enrol({ cadreId: 'a', hours: 24, classId: 'k9' }), 'county');
    const added = withShare(a2025, extra, 1)!;
    expect(added).toMatchObject({ hours: 144, audiences: { section: 1, county: 2 } });
    expect(withShare(added, extra, -1)).toEqual(a2025);
    // the last enrolment taken away removes the row
    const only = withShare(undefined, extra, 1)!;
    expect(withShare(only, extra, -1)).toBeNull();
    // the migration sums the rows of its chunks
    expect(mergeTotals(a2025, only)).toMatchObject({ hours: 144, audiences: { section: 1, county: 2 } });
  });

  it('promotion after a village posting, from the post and rank history', () => {
    const posts = [
      { title: '某街道办事处副主任', postLevel: '2B', from: '2016-05', to: '2021-02' },
      { title: '某街道党工委委员', postLevel: '2B', from: '2021-02', to: null },
      { title: '区农业农村局局长', postLevel: '2A', from: '2023-08', to: null },
    ];
    expect(promotionAfter('2021-03', posts, [])).toEqual({ month: '2023-08', what: '任正科（区农业农村局局长）' });
    // a rank step comes first
    const ranks = [
      { rank: '09', from: '2019-01', to: '2022-12' },
      { rank: '08', from: '2023-01', to: null },
    ];
    expect(promotionAfter('2021-03', posts, ranks)).toEqual({ month: '2023-01', what: '晋升二级主任科员' });
    // the same level again is no promotion; none after → null
    expect(promotionAfter('2024-01', posts, ranks)).toBeNull();
    expect(promotionAfter('2021-03', posts.slice(0, 2), [])).toBeNull();
  });

  it('counts keep every category, zeros included', () => {
    expect(countBy(['杭州', '成都', '杭州'], (x) => x, ['杭州', '成都', '广州'])).toEqual([
      { key: '杭州', count: 2 },
      { key: '成都', count: 1 },
      { key: '广州', count: 0 },
    ]);
  });
});

describe('the statistics tables of a year and scope', () => {
  const posts = [
    { title: '某街道副主任', postLevel: '2B', from: '2018-01', to: null },
    { title: '某局局长', postLevel: '2A', from: '2024-09', to: null },
  ];
  const input = {
    year: 2024,
    cadres: [
      { id: 'a', status: '01' },
      { id: 'b', status: '01' },
      { id: 'r', status: '02' },
    ],
    wholeDistrict: true,
    totals: columnsOfRows(traineeTotals(
      [
        { id: 'k1', audience: 'section' },
        { id: 'k2', audience: 'community' },
      ],
      [
      enrol({ classId: 'k1', cadreId: 'a', hours: 110, year: 2024 }),
      enrol({ classId: 'k1', cadreId: 'b', hours: 40, year: 2024 }),
      enrol({ classId: 'k2', name: '王芳', unitName: '东社区', hours: 8, year: 2024 }),
      enrol({ classId: 'k1', cadreId: 'outside', hours: 40, year: 2024 }),
      ],
    )),
    quotas: { ...DEFAULT_QUOTAS },
    requiredHours: 110,
    secondments: [
      { cadreId: 'a', region: '杭州', from: '2024-03' },
      { cadreId: 'b', region: '成都', from: '2024-05' },
      { cadreId: 'b', region: '杭州', from: '2023-05' },
    ],
    // a's promotion as the packs keep it: computed from the post history when the posting is written
    postings: [
      { cadreId: 'a', role: 'firstSecretary', from: '2024-01', promotedIn: promotionAfter('2024-01', posts, [])?.month ?? '' },
      { cadreId: 'b', role: 'member', from: '2024-02', promotedIn: '' },
    ],
    volunteering: [
      { form: 'pledge', area: 'petitions', from: '2024-04' },
      { form: 'pledge', area: 'projects', from: '2024-06' },
      { form: 'contest', area: 'projects', from: '2025-01' },
    ],
    actingPosts: [
      { actingLevel: '1B', outcome: 'appointed', from: '2024-01' },
      { actingLevel: '2B', outcome: 'ongoing', from: '2024-02' },
      { actingLevel: '2A', outcome: 'ended', from: '2024-03' },
    ],
  };
  const byKey = (year: number, over: Partial<typeof input> = {}) =>
    Object.fromEntries(cultivationStats({ ...input, ...over, year }).map((t) => [t.key, Object.fromEntries(t.rows.map((r) => [r.label, r.values]))]));

  it('counts each figure of the hand-made district', () => {
    const s = byKey(2024);
    expect(s.quota).toEqual({
      处级领导干部: [300, 0, 0],
      科级领导干部: [400, 2, 0.5],
      社区党组织书记: [100, 1, 1],
      非公企业和社会组织书记: [100, 0, 0],
    });
    // the retired cadre is not counted; b falls short
    expect(s.hours).toEqual({ 达到应修学时: [1], 未达到应修学时: [1] });
    expect(cultivationStats(input).find((t) => t.key === 'hours')!.title).toBe('在职干部学时（应修110学时，人均75学时）');
    expect(s.secondments).toEqual({ 成都: [1], 杭州: [1] });
    expect(s.postings).toEqual({ 第一书记: [1, 1], 工作队长: [0, 0], 工作队员: [1, 0], 其他帮扶人员: [0, 0] });
    expect(s.volunteerForms).toMatchObject({ 责任状请战: [2], 擂台赛请战: [0] });
    expect(s.volunteerAreas).toMatchObject({ 信访维稳: [1], 项目建设: [1] });
    expect(s.acting).toEqual({ 科级顶岗处级: [0, 1, 0, 0], 一般干部顶岗科级: [1, 0, 1, 0] });
  });

  it('a unit subtree leaves out trainees outside the registry', () => {
    const s = byKey(2024, { wholeDistrict: false });
    expect(s.quota!['社区党组织书记']).toEqual([100, 0, 0]);
    expect(byKey(2025).volunteerForms).toMatchObject({ 擂台赛请战: [1], 责任状请战: [0] });
  });

  it('the dossier timeline puts every kind in order, with the promotion after a posting', () => {
    const lines = cultivationTimeline({
      training: [{ name: '科级干部轮训班', format: 'rotation', organiser: '区委党校', from: '2024-05-08', hours: 40, earned: 40, completed: true }],
      secondments: [{ region: '杭州', hostUnit: '西湖区发改局', post: '副局长', from: '2022-03', to: '2023-02' }],
      postings: [{ town: '某镇', village: '某村', role: 'firstSecretary', from: '2023-03', to: null }],
      volunteering: [],
      actingPosts: [{ post: '某局副局长', actingLevel: '1B', from: '2024-10', trialMonths: 12, outcome: 'ongoing' }],
      posts,
      ranks: [],
    });
    expect(lines.map((l) => [l.month, l.kind])).toEqual([
      ['2022-03', '挂职锻炼'],
      ['2023-03', '驻村帮扶'],
      ['2024-05', '培训'],
      ['2024-10', '顶岗'],
    ]);
    expect(lines[1]!.note).toBe('其后于2024.09任正科（某局局长）');
    expect(lines[2]!.text).toBe('参加科级干部轮训班（集中轮训，区委党校，获得40学时，已结业）');
    expect(lines[3]!.text).toContain('科级顶岗处级：顶岗某局副局长（副处）');
    expect(lines[3]!.note).toBe('结果：顶岗中');
    expect(lines[3]!.caseId).toBeUndefined();
  });

  it('a 顶岗 appointed through a case names the case and links to it; a number typed before the link, as typed', () => {
    const acting = { post: '某局副局长', actingLevel: '1B', from: '2024-10', trialMonths: 12, outcome: 'appointed' };
    const base = { training: [], secondments: [], postings: [], volunteering: [], posts: [], ranks: [] };
    const [linked] = cultivationTimeline({ ...base, actingPosts: [{ ...acting, appointmentCase: 'case-1' }], caseTitles: new Map([['case-1', '某局副局长选任']]) });
    expect(linked).toMatchObject({ note: '结果：任用，经“某局副局长选任”', caseId: 'case-1' });
    const [typed] = cultivationTimeline({ ...base, actingPosts: [{ ...acting, appointmentCase: '区委组〔2024〕12号' }], caseTitles: new Map() });
    expect(typed!.note).toBe('结果：任用，任用案例区委组〔2024〕12号');
    expect(typed!.caseId).toBeUndefined();
  });
});
