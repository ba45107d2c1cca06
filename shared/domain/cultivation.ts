import { z } from 'zod';
import { cadreField, f, type DataOf } from '../catalog/field';
import { defineRecordType, type RecordOfType } from '../catalog/recordType';
import { printMonth } from '../rules/months';
import { actingPostProblems } from '../rules/cultivation';

// 培养历练 (docs/cultivation.md): the yearly training programme ("3411"), its classes and enrolments; and the four
// kinds of tempering in real work a dossier records — 挂职锻炼, 驻村/帮扶, 请战, 顶岗. Each is one declaration of the
// record-type catalogue (docs/record-types.md).
//
// Storage and sync: every type has a table of its own (schema version 10). The four tempering kinds belong to a
// cadre (indexed by cadre, and by start month for a year's counts) and travel in bundles with the dossier. The
// training tables are the department's (a programme, its classes, and trainees who need not be cadres: a
// community or non-public Party secretary is enrolled by name, unit and role), indexed by class, cadre and year
// for the hours and quota counts at a million enrolments; they do not sync yet (docs/cultivation.md).

/** The four audiences of the "3411" programme, in the order the figures are quoted. */
export const AUDIENCES = {
  county: '处级领导干部',
  section: '科级领导干部',
  community: '社区党组织书记',
  nonPublic: '非公企业和社会组织书记',
} as const;
export type Audience = keyof typeof AUDIENCES;
export const AUDIENCE_KEYS = Object.keys(AUDIENCES) as Audience[];

const quota = (label: string) => f.number(label, { min: 0, max: 100_000 });

export const trainingProgramType = defineRecordType({
  table: 'trainingPrograms',
  name: '年度培训计划',
  ownedByCadre: false,
  storage: 'table',
  syncs: false,
  // one programme per year: v5 of the year
  id: {
    kind: 'natural',
    prefix: 'trainingprogram',
    key: (r) => [String(r.year)],
    keyFields: ['year'],
    taken: { action: 'refuse', message: (r) => `${r.year}年度的培训计划已建立，请修改原计划` },
    fixedMessage: '计划年度不能修改；如建错了年度，请删除后重新建立',
  },
  fields: {
    // a number rather than f.year: next year's programme is drawn up before the year begins
    year: f.number('年度', { required: true, min: 2000, max: 2100 }),
    name: f.text('计划名称', { max: 60, required: true }),
    requiredHours: f.number('每人年度应修学时', { required: true, min: 0, max: 1000, help: '在职干部每年应完成的培训学时，用于统计学时不足名单' }),
    quotas: f.group('培训名额', {
      county: quota(AUDIENCES.county),
      section: quota(AUDIENCES.section),
      community: quota(AUDIENCES.community),
      nonPublic: quota(AUDIENCES.nonPublic),
    }),
  },
  list: ['year', 'name', 'requiredHours'],
  sections: [
    { title: '培训计划', fields: ['year', 'name', 'requiredHours'] },
    { title: '培训名额', fields: ['quotas'] },
  ],
  period: 'year',
  title: (r) => `${r.year}年度培训计划`,
  goneMessage: '该培训计划已不存在，可能已被删除。请刷新后重试。',
});

export const CLASS_FORMATS = { rotation: '集中轮训', topic: '专题培训', online: '网络培训', other: '其他' } as const;

export const trainingClassType = defineRecordType({
  table: 'trainingClasses',
  name: '培训班',
  ownedByCadre: false,
  storage: 'table',
  syncs: false,
  id: { kind: 'v7' },
  fields: {
    name: f.text('培训班名称', { max: 60, required: true }),
    format: f.enum('培训形式', CLASS_FORMATS, { default: 'rotation' }),
    audience: f.enum('培训对象', AUDIENCES, { default: 'section' }),
    organiser: f.text('主办单位', { max: 60, help: '如 区委党校、党员政治生活馆' }),
    // planned classes lie ahead
    from: f.date('开班日期', { required: true, future: true }),
    to: f.date('结业日期', { future: true }),
    hours: f.number('学时', { required: true, min: 1, max: 1000 }),
  },
  list: ['name', 'format', 'audience', 'organiser', 'from', 'to', 'hours'],
  period: 'from',
  title: (r) => r.name,
  goneMessage: '该培训班已不存在，可能已被删除。请刷新后重试。',
});

/** A cadre reference that may be empty: a trainee who is not in the registry. Not an input of the form. */
const optionalCadre = { ...cadreField('干部'), required: false, build: (_l: string) => z.string().min(1).nullable().default(null) };

export const enrollmentType = defineRecordType({
  table: 'enrollments',
  name: '参训学员',
  ownedByCadre: false,
  storage: 'inClass',
  syncs: false,
  id: { kind: 'v7' },
  fields: {
    classId: f.text('培训班编号', { max: 60, required: true }),
    cadreId: optionalCadre,
    /** The class's year, kept with each enrolment for the yearly totals (renderer/db/cultivationTotals.ts). */
    year: f.number('年度', { required: true, min: 2000, max: 2100 }),
    name: f.text('姓名', { max: 30, required: true }),
    unitName: f.text('单位', { max: 100 }),
    role: f.text('职务', { max: 100 }),
    hours: f.number('获得学时', { min: 0, max: 1000 }),
    completed: f.boolean('已结业'),
  },
  list: ['name', 'unitName', 'role', 'hours', 'completed'],
  period: 'year',
  title: (r) => r.name,
  goneMessage: '该学员记录已不存在，可能已被删除。请刷新后重试。',
});

export const secondmentType = defineRecordType({
  table: 'secondments',
  name: '挂职锻炼',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    region: f.text('挂职地区', { max: 30, required: true, help: '如 杭州、成都、广州' }),
    hostUnit: f.text('挂职单位', { max: 100, required: true }),
    post: f.text('挂任职务', { max: 100 }),
    batch: f.text('批次', { max: 30 }),
    from: f.month('起始时间', { required: true }),
    to: f.month('截止时间', { help: '空为尚在挂职' }),
    evaluation: f.longText('挂职评价', { max: 500 }),
    afterwards: f.longText('挂职后情况', { max: 500 }),
  },
  list: ['region', 'hostUnit', 'post', 'batch', 'from', 'to'],
  period: 'from',
  title: (r) => `${printMonth(r.from)} ${r.region}${r.hostUnit}挂职`,
});

export const POSTING_ROLES = { firstSecretary: '第一书记', leader: '工作队长', member: '工作队员', other: '其他帮扶人员' } as const;

export const villagePostingType = defineRecordType({
  table: 'villagePostings',
  name: '驻村帮扶',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    town: f.text('乡镇（街道）', { max: 30, required: true }),
    village: f.text('村（社区）', { max: 30, required: true }),
    role: f.enum('驻村身份', POSTING_ROLES, { default: 'member' }),
    from: f.month('起始时间', { required: true }),
    to: f.month('截止时间', { help: '空为尚在驻村' }),
    evaluation: f.longText('驻村评价', { max: 500 }),
  },
  list: ['town', 'village', 'role', 'from', 'to'],
  period: 'from',
  title: (r) => `${printMonth(r.from)} 驻${r.town}${r.village}`,
});

export const VOLUNTEER_FORMS = { pledge: '责任状请战', promise: '公开承诺请战', initiative: '主动攻坚请战', contest: '擂台赛请战' } as const;
export const VOLUNTEER_AREAS = {
  projects: '项目建设',
  urban: '城市治理',
  poverty: '脱贫攻坚',
  investment: '招商引资',
  petitions: '信访维稳',
  other: '其他',
} as const;
export const RATINGS = { none: '未评定', excellent: '优秀', good: '良好', fair: '一般', poor: '较差' } as const;

export const volunteeringType = defineRecordType({
  table: 'volunteering',
  name: '请战',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    form: f.enum('请战形式', VOLUNTEER_FORMS, { default: 'initiative' }),
    area: f.enum('任务领域', VOLUNTEER_AREAS, { default: 'projects' }),
    task: f.text('请战任务', { max: 100, required: true }),
    pledge: f.longText('承诺内容', { max: 500 }),
    from: f.month('起始时间', { required: true }),
    to: f.month('截止时间'),
    result: f.longText('完成情况', { max: 500 }),
    rating: f.enum('评定等次', RATINGS, { default: 'none' }),
  },
  list: ['form', 'area', 'task', 'from', 'to', 'rating'],
  period: 'from',
  title: (r) => `${printMonth(r.from)} ${r.task}`,
});

export const ACTING_OUTCOMES = { ongoing: '顶岗中', appointed: '任用', ended: '结束顶岗', extended: '延长' } as const;

export const actingPostType = defineRecordType({
  table: 'actingPosts',
  name: '顶岗锻炼',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    post: f.text('顶岗职务', { max: 100, required: true }),
    unit: f.text('顶岗单位', { max: 100 }),
    // the kind (科级顶岗处级, 一般干部顶岗科级) follows from this level: it is computed, never typed in
    actingLevel: f.code('postLevel', '顶岗职务层次', { required: true }),
    from: f.month('起始时间', { required: true }),
    trialMonths: f.number('试用期（月）', { required: true, min: 0, max: 120, help: '一般为12个月，最长24个月' }),
    evaluation: f.longText('试用期间评价', { max: 500 }),
    outcome: f.enum('结果', ACTING_OUTCOMES, { default: 'ongoing' }),
    to: f.month('结束时间', { help: '任用或结束顶岗的时间' }),
    // a link to the 选拔任用纪实 (kept under its old key: a case number typed before it became a link is kept as typed)
    appointmentCase: f.record('appointmentCases', '任用案例', { max: 60, help: '任用时选择该干部作为人选的选拔任用纪实（可不选）' }),
  },
  list: ['post', 'unit', 'actingLevel', 'from', 'trialMonths', 'outcome', 'to'],
  period: 'from',
  title: (r) => `${printMonth(r.from)} 顶岗${r.post}`,
  rules: actingPostProblems,
});

/** The tempering kinds of a dossier, in the order its 培养历练 tab shows them. */
export const TEMPERING_TYPES = {
  secondments: secondmentType,
  villagePostings: villagePostingType,
  volunteering: volunteeringType,
  actingPosts: actingPostType,
} as const;
export type TemperingTable = keyof typeof TEMPERING_TYPES;

export const CULTIVATION_TYPES = [trainingProgramType, trainingClassType, enrollmentType, ...Object.values(TEMPERING_TYPES)] as const;

export type TrainingProgram = RecordOfType<typeof trainingProgramType>;
export type TrainingProgramFields = DataOf<typeof trainingProgramType.fields>;
export type TrainingClass = RecordOfType<typeof trainingClassType>;
export type Enrollment = RecordOfType<typeof enrollmentType>;
export type EnrollmentFields = DataOf<typeof enrollmentType.fields>;
export type Secondment = RecordOfType<typeof secondmentType>;
export type VillagePosting = RecordOfType<typeof villagePostingType>;
export type Volunteering = RecordOfType<typeof volunteeringType>;
export type ActingPost = RecordOfType<typeof actingPostType>;
