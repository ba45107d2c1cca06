import type { z } from 'zod';
import { f, type DataOf } from '../catalog/field';
import { defineRecordType, type RecordOfType } from '../catalog/recordType';
import { printMonth } from '../rules/months';
import { caption } from '../code';
import { cadreProblems, cadreWarnings, careerWarnings } from '../rules/saveChecks';

// 干部 (Cadre): the basic record of one dossier ("一人一册") and its seven sub-record kinds (docs/domain.md
// "Glossary"), each declared once in the record-type catalogue (docs/record-types.md). Ids: a cadre is v5 of its
// 18-digit ID number at creation; sub-records are v7, except annual assessments, v5 of (cadre id, year).

/** 学历学位 on the basic record, full-time (全日制) or in-service (在职): the children of a group field. */
const educationSummary = {
  education: f.code('education', '学历'),
  degree: f.code('degree', '学位'),
  school: f.text('毕业院校', { max: 60, aliases: ['院校'] }),
  major: f.text('专业', { max: 60 }),
};

export const cadreType = defineRecordType({
  table: 'cadres',
  name: '干部',
  ownedByCadre: false,
  storage: 'table',
  syncs: true,
  // v5 of the ID number at creation, never recomputed; if a live cadre still holds the id (its number was
  // corrected since), a new cadre with the old number gets a fresh id.
  id: { kind: 'natural', prefix: 'cadre', key: (c) => [c.idNumber.toUpperCase()], keyFields: [], taken: { action: 'newId' } },
  fields: {
    name: f.text('姓名', { max: 30, required: true }),
    sex: f.code('sex', '性别', { required: true }),
    birth: f.month('出生年月', { required: true, aliases: ['出生日期', '出生时间'] }),
    nation: f.code('nation', '民族', { required: true, initial: '01' }),
    nativePlace: f.text('籍贯', { max: 40 }),
    birthPlace: f.text('出生地', { max: 40 }),
    idNumber: f.text('身份证号码', { max: 18, required: true, format: 'idNumber', aliases: ['身份证号', '公民身份号码', '身份证'] }),
    politicalStatus: f.code('politicalStatus', '政治面貌', { required: true }),
    partyJoined: f.month('入党时间', { help: '中共党员、预备党员必填' }),
    workStarted: f.month('参加工作时间'),
    health: f.code('health', '健康状况'),
    maritalStatus: f.code('maritalStatus', '婚姻状况'),
    professionalTitle: f.text('专业技术职务', { max: 60 }),
    expertise: f.longText('熟悉专业有何专长', { max: 200, aliases: ['专长'] }),
    fullTimeEducation: f.group('全日制教育', educationSummary, { prefix: '全日制' }),
    inServiceEducation: f.group('在职教育', educationSummary, { prefix: '在职' }),
    /** 现任职务 as printed on the forms, e.g. 新城区委组织部副部长 */
    currentPost: f.text('现任职务', { max: 100 }),
    postLevel: f.code('postLevel', '职务层次'),
    rank: f.code('rank', '职级'),
    rankSince: f.month('任现职级时间'),
    unitId: f.unit('所在单位', { aliases: ['单位', '工作单位'] }),
    personnelCategory: f.code('personnelCategory', '人员类别', { required: true, default: '1' }),
    status: f.code('cadreStatus', '人员状态', { required: true, default: '01' }),
    /** When and why the status last changed (调出, 退休, 去世 …): recorded with the change, shown on the dossier. */
    statusDate: f.date('状态变动日期'),
    statusReason: f.text('状态变动原因', { max: 200 }),
    photo: f.blob('照片'),
  },
  list: ['name', 'sex', 'birth', 'nation', 'politicalStatus', 'unitId', 'currentPost', 'rank', 'idNumber'],
  sections: [
    {
      title: '基本情况',
      fields: [
        'name',
        'idNumber',
        'sex',
        'birth',
        'nation',
        'nativePlace',
        'birthPlace',
        'politicalStatus',
        'partyJoined',
        'workStarted',
        'health',
        'maritalStatus',
        'professionalTitle',
        'expertise',
      ],
    },
    { title: '学历学位', fields: ['fullTimeEducation', 'inServiceEducation'] },
    {
      title: '职务职级',
      fields: ['unitId', 'currentPost', 'postLevel', 'rank', 'rankSince', 'personnelCategory', 'status', 'statusDate', 'statusReason'],
    },
  ],
  period: 'birth',
  title: (c) => c.name,
  goneMessage: '该干部的档案已不存在，可能已被删除。请刷新后重试。',
  rules: cadreProblems,
  warnings: cadreWarnings,
});

export const CadreFieldsSchema = cadreType.dataSchema;
export type CadreFields = DataOf<typeof cadreType.fields>;
export const CadreSchema = cadreType.schema;
export type Cadre = RecordOfType<typeof cadreType>;
export const EducationSummarySchema = CadreFieldsSchema.shape.fullTimeEducation;
export type EducationSummary = z.infer<typeof EducationSummarySchema>;

export const emptyEducationSummary = (): EducationSummary => ({ education: null, degree: null, school: '', major: '' });

/** 简历 / 任职经历: a continuous career segment; `to` null = current (only the last may be open). */
export const careerType = defineRecordType({
  table: 'career',
  name: '简历',
  ownedByCadre: true,
  storage: 'grouped',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    from: f.month('起始时间', { required: true }),
    to: f.month('截止时间', { help: '空为至今' }),
    unit: f.text('工作单位（学校）', { max: 100, required: true }),
    post: f.text('职务（职级）', { max: 100 }),
    /** Full-time study counts as a career segment (学习) for continuity; marks it for the overlap check. */
    kind: f.enum('经历类别', { work: '工作', study: '全日制学习' }, { default: 'work' }),
  },
  list: ['from', 'to', 'unit', 'post', 'kind'],
  period: 'from',
  title: (r) => `${printMonth(r.from)}--${printMonth(r.to)} ${r.unit}`,
  warnings: careerWarnings,
});

export const educationType = defineRecordType({
  table: 'education',
  name: '学历学位',
  ownedByCadre: true,
  storage: 'grouped',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    mode: f.enum('教育类别', { fullTime: '全日制', inService: '在职' }),
    from: f.month('入学时间', { required: true }),
    to: f.month('毕业时间'),
    school: f.text('学校', { max: 60, required: true }),
    major: f.text('专业', { max: 60 }),
    education: f.code('education', '学历', { required: true }),
    degree: f.code('degree', '学位'),
  },
  list: ['mode', 'from', 'to', 'school', 'major', 'education', 'degree'],
  period: 'from',
  title: (r) => `${r.school}${caption('education', r.education)}`,
});

export const familyType = defineRecordType({
  table: 'family',
  name: '家庭成员',
  ownedByCadre: true,
  storage: 'grouped',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    relation: f.code('relation', '称谓', { required: true }),
    name: f.text('姓名', { max: 30, required: true }),
    birth: f.month('出生年月'),
    politicalStatus: f.code('politicalStatus', '政治面貌'),
    employment: f.text('工作单位及职务', { max: 100 }),
    retired: f.boolean('已退休'),
    deceased: f.boolean('已去世'),
  },
  list: ['relation', 'name', 'birth', 'politicalStatus', 'employment', 'retired', 'deceased'],
  period: 'birth',
  title: (r) => `${caption('relation', r.relation)}${r.name}`,
});

export const REWARD_KINDS = { reward: '表彰奖励', organizational: '组织处理', discipline: '纪律处分' } as const;

export const rewardsType = defineRecordType({
  table: 'rewards',
  name: '奖惩情况',
  ownedByCadre: true,
  storage: 'grouped',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    kind: f.enum('奖惩类别', REWARD_KINDS),
    date: f.month('时间', { required: true }),
    title: f.text('名称', { max: 100, required: true }),
    issuer: f.text('批准机关', { max: 60 }),
    /** 处分/处理 in force from … to (影响期); null for rewards */
    effectiveFrom: f.month('影响期开始'),
    // a 处分's period usually runs into the coming months or years
    effectiveTo: f.month('影响期结束', { future: true }),
    revoked: f.month('解除时间'),
  },
  list: ['kind', 'date', 'title', 'issuer'],
  period: 'date',
  title: (r) => `${printMonth(r.date)} ${r.title}`,
});

export const assessmentsType = defineRecordType({
  table: 'assessments',
  name: '年度考核',
  ownedByCadre: true,
  storage: 'grouped',
  syncs: true,
  id: {
    kind: 'natural',
    prefix: 'assessment',
    key: (r) => [r.cadreId, String(r.year)],
    keyFields: ['year'],
    taken: { action: 'refuse', message: (r) => `${r.year}年度的考核结果已登记，请修改原记录` },
    fixedMessage: '考核年度不能修改；如登记错了年度，请删除后重新登记',
  },
  fields: {
    year: f.year('年度', { required: true }),
    grade: f.code('assessmentGrade', '考核结果', { required: true }),
  },
  list: ['year', 'grade'],
  period: 'year',
  title: (r) => `${r.year}年度考核`,
});

export const postsType = defineRecordType({
  table: 'posts',
  name: '职务任免',
  ownedByCadre: true,
  storage: 'grouped',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    title: f.text('职务名称', { max: 100, required: true }),
    postLevel: f.code('postLevel', '职务层次'),
    unit: f.text('任职单位', { max: 100 }),
    from: f.month('任职时间', { required: true }),
    to: f.month('免职时间'),
    documentNo: f.text('任免文号', { max: 60 }),
  },
  list: ['title', 'postLevel', 'unit', 'from', 'to', 'documentNo'],
  period: 'from',
  title: (r) => `${printMonth(r.from)} ${r.title}`,
});

export const ranksType = defineRecordType({
  table: 'ranks',
  name: '职级变动',
  ownedByCadre: true,
  storage: 'grouped',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    rank: f.code('rank', '职级', { required: true }),
    from: f.month('任职级时间', { required: true }),
    to: f.month('截止时间'),
    documentNo: f.text('文号', { max: 60 }),
  },
  list: ['rank', 'from', 'to', 'documentNo'],
  period: 'from',
  title: (r) => `${printMonth(r.from)} ${caption('rank', r.rank)}`,
});

/** The sub-record kinds of a dossier, in tab order. */
export const SUB_RECORD_TYPES = {
  career: careerType,
  education: educationType,
  family: familyType,
  rewards: rewardsType,
  assessments: assessmentsType,
  posts: postsType,
  ranks: ranksType,
} as const;
export type SubRecordTable = keyof typeof SUB_RECORD_TYPES;
export const SUB_RECORD_TABLE_NAMES = Object.keys(SUB_RECORD_TYPES) as SubRecordTable[];
export type SubRecordOf<T extends SubRecordTable> = RecordOfType<(typeof SUB_RECORD_TYPES)[T]>;

export const CareerEntrySchema = careerType.schema;
export type CareerEntry = SubRecordOf<'career'>;
export const EducationSchema = educationType.schema;
export type Education = SubRecordOf<'education'>;
export const FamilyMemberSchema = familyType.schema;
export type FamilyMember = SubRecordOf<'family'>;
export const RewardPunishmentSchema = rewardsType.schema;
export type RewardPunishment = SubRecordOf<'rewards'>;
export const AnnualAssessmentSchema = assessmentsType.schema;
export type AnnualAssessment = SubRecordOf<'assessments'>;
export const PostHistorySchema = postsType.schema;
export type PostHistory = SubRecordOf<'posts'>;
export const RankHistorySchema = ranksType.schema;
export type RankHistory = SubRecordOf<'ranks'>;
