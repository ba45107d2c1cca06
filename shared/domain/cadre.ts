import { z } from 'zod';
import { SyncFieldsSchema } from './record';
import { code, longText, month, optionalCode, optionalMonth, optionalText, requiredText } from './fields';

// 干部 (Cadre): the basic record of one dossier ("一人一册") and its sub-records (DOMAIN.md glossary).
// Ids (DESIGN.md): a cadre is v5 of its 18-digit ID number at creation; sub-records are v7, except annual
// assessments, which are v5 of (cadre id, year).

/** 学历学位 on the basic record, full-time (全日制) or in-service (在职). */
export const EducationSummarySchema = z.object({
  education: optionalCode('education', '学历'),
  degree: optionalCode('degree', '学位'),
  school: optionalText('毕业院校', 60),
  major: optionalText('所学专业', 60),
});
export type EducationSummary = z.infer<typeof EducationSummarySchema>;

export const emptyEducationSummary = (): EducationSummary => ({ education: null, degree: null, school: '', major: '' });

export const CadreFieldsSchema = z.object({
  name: requiredText('姓名', 30),
  sex: code('sex', '性别'),
  birth: month('出生年月'),
  nation: code('nation', '民族'),
  nativePlace: optionalText('籍贯', 40),
  birthPlace: optionalText('出生地', 40),
  idNumber: z
    .string({ error: '请填写身份证号码' })
    .trim()
    .toUpperCase()
    .regex(/^\d{17}[\dX]$/, '身份证号码应为18位'),
  politicalStatus: code('politicalStatus', '政治面貌'),
  /** 入党时间: required for 中共党员 / 预备党员 (checked by the rules, which know the status). */
  partyJoined: optionalMonth('入党时间'),
  workStarted: optionalMonth('参加工作时间'),
  health: optionalCode('health', '健康状况'),
  maritalStatus: optionalCode('maritalStatus', '婚姻状况'),
  professionalTitle: optionalText('专业技术职务', 60),
  expertise: longText('熟悉专业有何专长', 200),
  fullTimeEducation: EducationSummarySchema,
  inServiceEducation: EducationSummarySchema,
  /** 现任职务 as printed on the forms, e.g. 新城区委组织部副部长 */
  currentPost: optionalText('现任职务', 100),
  postLevel: optionalCode('postLevel', '职务层次'),
  rank: optionalCode('rank', '职级'),
  rankSince: optionalMonth('任现职级时间'),
  unitId: z.string({ error: '请选择所在单位' }).min(1, '请选择所在单位'),
  personnelCategory: code('personnelCategory', '人员类别'),
  status: code('cadreStatus', '人员状态'),
  /** SHA-256 hex of the photo blob (4:5), or null */
  photo: z.string().regex(/^[0-9a-f]{64}$/).nullable().default(null),
});
export type CadreFields = z.infer<typeof CadreFieldsSchema>;

export const CadreSchema = SyncFieldsSchema.extend(CadreFieldsSchema.shape);
export type Cadre = z.infer<typeof CadreSchema>;

const subRecord = <S extends z.ZodRawShape>(shape: S) =>
  SyncFieldsSchema.extend({ cadreId: z.string().min(1), ...shape });

/** 简历 / 任职经历: a continuous career segment; `to` null = current (only the last may be open). */
export const CareerEntrySchema = subRecord({
  from: month('起始时间'),
  to: optionalMonth('截止时间'),
  unit: requiredText('工作单位', 100),
  post: optionalText('职务（职级）', 100),
  /** Full-time study counts as a career segment (学习) for continuity; marks it for the overlap check. */
  kind: z.enum(['work', 'study']).default('work'),
});
export type CareerEntry = z.infer<typeof CareerEntrySchema>;

export const EducationSchema = subRecord({
  mode: z.enum(['fullTime', 'inService'], { error: '请选择全日制或在职' }),
  from: month('入学时间'),
  to: optionalMonth('毕业时间'),
  school: requiredText('学校', 60),
  major: optionalText('专业', 60),
  education: code('education', '学历'),
  degree: optionalCode('degree', '学位'),
});
export type Education = z.infer<typeof EducationSchema>;

export const FamilyMemberSchema = subRecord({
  relation: code('relation', '称谓'),
  name: requiredText('姓名', 30),
  birth: optionalMonth('出生年月'),
  politicalStatus: optionalCode('politicalStatus', '政治面貌'),
  employment: optionalText('工作单位及职务', 100),
  deceased: z.boolean().default(false),
  retired: z.boolean().default(false),
});
export type FamilyMember = z.infer<typeof FamilyMemberSchema>;

export const REWARD_KINDS = { reward: '表彰奖励', organizational: '组织处理', discipline: '纪律处分' } as const;
export const RewardPunishmentSchema = subRecord({
  kind: z.enum(['reward', 'organizational', 'discipline'], { error: '请选择奖惩类别' }),
  date: month('时间'),
  title: requiredText('名称', 100),
  issuer: optionalText('批准机关', 60),
  /** 处分/处理 in force from … to (影响期); null for rewards */
  effectiveFrom: optionalMonth('影响期开始'),
  effectiveTo: optionalMonth('影响期结束'),
  revoked: optionalMonth('解除时间'),
});
export type RewardPunishment = z.infer<typeof RewardPunishmentSchema>;

export const AnnualAssessmentSchema = subRecord({
  year: z.number({ error: '请填写年度' }).int().min(1950, '年度不能早于1950年').max(2100, '年度不正确'),
  grade: code('assessmentGrade', '考核结果'),
});
export type AnnualAssessment = z.infer<typeof AnnualAssessmentSchema>;

export const PostHistorySchema = subRecord({
  title: requiredText('职务名称', 100),
  postLevel: optionalCode('postLevel', '职务层次'),
  unit: optionalText('任职单位', 100),
  from: month('任职时间'),
  to: optionalMonth('免职时间'),
  documentNo: optionalText('任免文号', 60),
});
export type PostHistory = z.infer<typeof PostHistorySchema>;

export const RankHistorySchema = subRecord({
  rank: code('rank', '职级'),
  from: month('任职级时间'),
  to: optionalMonth('截止时间'),
  documentNo: optionalText('文号', 60),
});
export type RankHistory = z.infer<typeof RankHistorySchema>;

/** The sub-record tables of a dossier, in tab order. */
export const SUB_RECORD_TABLES = {
  career: { label: '简历', schema: CareerEntrySchema },
  education: { label: '学历学位', schema: EducationSchema },
  family: { label: '家庭成员', schema: FamilyMemberSchema },
  rewards: { label: '奖惩情况', schema: RewardPunishmentSchema },
  assessments: { label: '年度考核', schema: AnnualAssessmentSchema },
  posts: { label: '职务任免', schema: PostHistorySchema },
  ranks: { label: '职级变动', schema: RankHistorySchema },
} as const;
export type SubRecordTable = keyof typeof SUB_RECORD_TABLES;
export const SUB_RECORD_TABLE_NAMES = Object.keys(SUB_RECORD_TABLES) as SubRecordTable[];
export type SubRecordOf<T extends SubRecordTable> = z.infer<(typeof SUB_RECORD_TABLES)[T]['schema']>;

/** Field captions for messages, history and column choosers. */
export const CADRE_FIELD_LABELS: Readonly<Record<keyof CadreFields, string>> = {
  name: '姓名',
  sex: '性别',
  birth: '出生年月',
  nation: '民族',
  nativePlace: '籍贯',
  birthPlace: '出生地',
  idNumber: '身份证号码',
  politicalStatus: '政治面貌',
  partyJoined: '入党时间',
  workStarted: '参加工作时间',
  health: '健康状况',
  maritalStatus: '婚姻状况',
  professionalTitle: '专业技术职务',
  expertise: '熟悉专业有何专长',
  fullTimeEducation: '全日制教育',
  inServiceEducation: '在职教育',
  currentPost: '现任职务',
  postLevel: '职务层次',
  rank: '职级',
  rankSince: '任现职级时间',
  unitId: '所在单位',
  personnelCategory: '人员类别',
  status: '人员状态',
  photo: '照片',
};
