import { f, type DataOf } from '../catalog/field';
import { defineRecordType, type RecordOfType } from '../catalog/recordType';
import { caption } from '../code';
import { printMonth } from '../rules/months';

// 选拔任用 (docs/selection.md): a unit's establishment and leadership posts, the appointment case from 动议 to 任职,
// the holiday calendar as a synced setting, rank-promotion rounds, candidate pools and the trial period a
// non-elected appointment starts. Each is one declaration of the record-type catalogue (docs/record-types.md); the
// rules over them are pure modules in shared/rules/selection*.ts.

// ---- 编制与职数 -------------------------------------------------------------------------------------------

const quota = (label: string) => f.number(label, { min: 0, max: 10_000, help: '核定数，未核定填 0' });

/**
 * One per unit (id v5 of the unit id): the approved establishment and the leadership posts by level. A record of
 * its own rather than attributes of the unit, so the unit tree stays what it is and the department can re-approve
 * 职数 with its own 文号 and history.
 */
export const establishmentType = defineRecordType({
  table: 'establishments',
  name: '编制与职数',
  ownedByCadre: false,
  storage: 'table',
  syncs: true,
  id: {
    kind: 'natural',
    prefix: 'establishment',
    key: (r) => [r.unitId],
    keyFields: ['unitId'],
    taken: { action: 'refuse', message: () => '该单位的编制与职数已登记，请修改原记录' },
    fixedMessage: '单位不能修改；如选错了单位，请删除后重新登记',
  },
  fields: {
    unitId: f.unit('单位'),
    administrative: quota('行政编制'),
    institutional: quota('事业编制'),
    chiefCounty: quota('正处职数'),
    deputyCounty: quota('副处职数'),
    chiefSection: quota('正科职数'),
    deputySection: quota('副科职数'),
    approvedBy: f.text('核定文号', { max: 60 }),
    approvedOn: f.date('核定日期'),
  },
  list: ['unitId', 'administrative', 'institutional', 'chiefCounty', 'deputyCounty', 'chiefSection', 'deputySection', 'approvedBy'],
  sections: [
    { title: '编制', fields: ['unitId', 'administrative', 'institutional'] },
    { title: '领导职数', fields: ['chiefCounty', 'deputyCounty', 'chiefSection', 'deputySection', 'approvedBy', 'approvedOn'] },
  ],
  period: 'approvedOn',
  title: () => '编制与职数',
});
export type EstablishmentFields = DataOf<typeof establishmentType.fields>;
export type Establishment = RecordOfType<typeof establishmentType>;

/** The leadership-post quota field of each post level (postLevel code table). */
export const QUOTA_FIELD_OF_LEVEL = {
  '1A': 'chiefCounty',
  '1B': 'deputyCounty',
  '2A': 'chiefSection',
  '2B': 'deputySection',
} as const satisfies Record<string, keyof EstablishmentFields>;
export type PostLevelCode = keyof typeof QUOTA_FIELD_OF_LEVEL;
export const POST_LEVELS = Object.keys(QUOTA_FIELD_OF_LEVEL) as PostLevelCode[];

// ---- 选拔任用纪实 --------------------------------------------------------------------------------------------

/** The steps of a case, in order (docs/domain.md "Appointment procedure"); closed = 终止 at any step. */
export const CASE_STAGES = {
  motion: '动议',
  recommendation: '民主推荐',
  shortlist: '确定考察对象',
  inspection: '考察',
  decision: '讨论决定',
  publicity: '任前公示',
  appointed: '任职',
  closed: '终止',
} as const;
export type CaseStage = keyof typeof CASE_STAGES;
/** The working order; `closed` is outside it. */
export const STAGE_ORDER: readonly CaseStage[] = ['motion', 'recommendation', 'shortlist', 'inspection', 'decision', 'publicity', 'appointed'];

const candidateFields = {
  cadreId: f.cadre('干部'),
  /** 区级领导推荐 */
  leaderNominated: f.boolean('区级领导推荐'),
  /** 党委(党组)推荐 */
  committeeNominated: f.boolean('党委（党组）推荐'),
  /** 谈话调研推荐: people who named this candidate */
  talkVotes: f.number('谈话调研推荐票数', { min: 0, max: 100_000 }),
  /** 会议推荐 votes */
  meetingVotes: f.number('会议推荐票数', { min: 0, max: 100_000 }),
  shortlisted: f.boolean('确定为考察对象'),
  virtue: f.longText('德', { max: 1000 }),
  ability: f.longText('能', { max: 1000 }),
  diligence: f.longText('勤', { max: 1000 }),
  achievement: f.longText('绩', { max: 1000 }),
  integrity: f.longText('廉', { max: 1000 }),
  /** Why a leadership-post condition is passed over (破格); required when one is not met. */
  exceptionNote: f.longText('破格说明', { max: 1000 }),
  chosen: f.boolean('拟任人选'),
};

const stepFields = {
  stage: f.enum('步骤', CASE_STAGES),
  on: f.date('日期', { required: true, future: true }),
  by: f.text('经办人', { max: 30 }),
  note: f.text('说明', { max: 200 }),
};

/** One case per post to fill: the post, its candidates and every step with who and when. */
export const appointmentCaseType = defineRecordType({
  table: 'appointmentCases',
  name: '选拔任用纪实',
  ownedByCadre: false,
  storage: 'table',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    unitId: f.unit('任职单位'),
    postTitle: f.text('拟任职务', { max: 100, required: true }),
    postLevel: f.code('postLevel', '职务层次', { required: true }),
    /** 选任制 posts (elected) have no trial period. */
    elected: f.boolean('选任制职务'),
    stage: f.enum('当前步骤', CASE_STAGES, { default: 'motion' }),
    // 动议
    motionOn: f.date('动议日期', { required: true }),
    analysis: f.longText('动议分析', { max: 2000, help: '班子结构、岗位需要和空缺情况' }),
    overQuotaReason: f.longText('超职数说明', { max: 500, help: '超出核定职数任职时必填' }),
    // 民主推荐
    meetingOn: f.date('会议推荐日期'),
    meetingDue: f.number('会议推荐应到人数', { min: 0, max: 10_000 }),
    meetingPresent: f.number('会议推荐实到人数', { min: 0, max: 10_000 }),
    talkOn: f.date('谈话调研推荐日期'),
    talkCount: f.number('谈话调研人数', { min: 0, max: 10_000 }),
    candidates: f.list('人选', candidateFields, { max: 50 }),
    // 考察
    inspectionOn: f.date('考察日期'),
    inspectionTeam: f.text('考察组成员', { max: 200 }),
    interviewees: f.number('个别谈话人数', { min: 0, max: 10_000 }),
    inspectionReport: f.blob('考察材料'),
    // 讨论决定
    decisionOn: f.date('讨论决定日期'),
    membersDue: f.number('应到会成员', { min: 0, max: 200 }),
    membersPresent: f.number('实到会成员', { min: 0, max: 200 }),
    votesFor: f.number('同意票数', { min: 0, max: 200 }),
    // 任前公示
    publicityFrom: f.date('公示开始日期', { future: true }),
    publicityTo: f.date('公示结束日期', { future: true }),
    objections: f.number('收到反映件数', { min: 0, max: 10_000 }),
    objectionsHandled: f.longText('反映处理情况', { max: 1000 }),
    // 任职
    documentNo: f.text('任免文号', { max: 60 }),
    appointedOn: f.date('任职日期', { future: true }),
    /** The rank the appointment carries, when it changes it (a 职级变动 entry is added at 任职). */
    rank: f.code('rank', '任职后职级'),
    trialUntil: f.date('试用期满日期', { future: true }),
    closedReason: f.text('终止原因', { max: 200 }),
    steps: f.list('步骤记录', stepFields, { max: 100 }),
  },
  list: ['postTitle', 'unitId', 'postLevel', 'stage', 'motionOn', 'decisionOn', 'appointedOn', 'documentNo'],
  period: 'motionOn',
  title: (r) => `${r.postTitle}选任`,
  goneMessage: '该选任纪实已不存在，可能已被删除。请刷新后重试。',
});
export type AppointmentCaseFields = DataOf<typeof appointmentCaseType.fields>;
export type AppointmentCase = RecordOfType<typeof appointmentCaseType>;
export type CaseCandidate = AppointmentCaseFields['candidates'][number];
export type CaseStep = AppointmentCaseFields['steps'][number];

// ---- 节假日安排 (a synced setting the department authors) -----------------------------------------------------

const dayEntry = { date: f.date('日期', { required: true, future: true }) };

/**
 * One year's State Council arrangement: rest days and make-up workdays. Id v5 of the year, so two machines entering
 * the same year make one record. 2025 is shipped (shared/code/holidays.ts) and used while no record holds it.
 */
export const holidayYearType = defineRecordType({
  table: 'holidayYears',
  name: '节假日安排',
  ownedByCadre: false,
  storage: 'table',
  syncs: true,
  id: {
    kind: 'natural',
    prefix: 'holidayyear',
    key: (r) => [String(r.year)],
    keyFields: ['year'],
    taken: { action: 'refuse', message: (r) => `${r.year}年的节假日安排已录入，请修改原记录` },
    fixedMessage: '年份不能修改；如录错了年份，请删除后重新录入',
  },
  fields: {
    // next year's arrangement is published late in the year before: a year ahead is expected
    year: { ...f.year('年份', { required: true }), future: true },
    holidays: f.list('放假日期', dayEntry, { max: 60 }),
    makeUpWorkdays: f.list('调休上班日期', dayEntry, { max: 20 }),
    notice: f.text('通知文号', { max: 100 }),
  },
  list: ['year', 'notice'],
  period: 'year',
  title: (r) => `${r.year}年节假日安排`,
  rules: (r) => {
    const problems: { path: string; message: string }[] = [];
    const holidays = new Set(r.holidays.map((h) => h.date));
    for (const [key, list] of [['holidays', r.holidays], ['makeUpWorkdays', r.makeUpWorkdays]] as const) {
      for (const d of list) {
        if (!d.date.startsWith(`${r.year}-`)) problems.push({ path: key, message: `${d.date} 不在${r.year}年内，请录入到对应年份` });
      }
    }
    for (const d of r.makeUpWorkdays) {
      if (holidays.has(d.date)) problems.push({ path: 'makeUpWorkdays', message: `${d.date} 既是放假日又是调休上班日，请删去其中一项` });
    }
    return problems;
  },
});
export type HolidayYear = RecordOfType<typeof holidayYearType>;

// ---- 职级晋升 -----------------------------------------------------------------------------------------------

const roundEntryFields = {
  cadreId: f.cadre('干部'),
  fromRank: f.code('rank', '原职级', { required: true }),
  toRank: f.code('rank', '晋升职级', { required: true }),
  /** The eligibility list's reasons at the decision, kept with it. */
  reasons: f.text('依据', { max: 500 }),
};

/** A promotion round: the decision (batch, 文号, date) and the cadres it promotes, applied in one transaction. */
export const rankRoundType = defineRecordType({
  table: 'rankRounds',
  name: '职级晋升批次',
  ownedByCadre: false,
  storage: 'table',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    batch: f.text('批次名称', { max: 60, required: true }),
    documentNo: f.text('文号', { max: 60, required: true }),
    decidedOn: f.date('决定日期', { required: true }),
    asOf: f.month('计算时间', { required: true }),
    unitId: f.unit('范围单位', { required: false }),
    entries: f.list('晋升人员', roundEntryFields, { max: 5000 }),
  },
  list: ['batch', 'documentNo', 'decidedOn', 'asOf', 'unitId', 'entries'],
  period: 'decidedOn',
  title: (r) => `${r.batch}（${r.documentNo}）`,
});
export type RankRound = RecordOfType<typeof rankRoundType>;
export type RankRoundFields = DataOf<typeof rankRoundType.fields>;

// ---- 干部库 ---------------------------------------------------------------------------------------------------

export const POOL_KINDS = { reserve: '后备干部', young: '优秀年轻干部', inspection: '考察对象' } as const;
export const POOL_SOURCES = { democratic: '民主推荐', organization: '组织推荐', performance: '实绩突出', other: '其他' } as const;
export const POOL_STATUS = { active: '在库', used: '已使用', exited: '已出库' } as const;

/** A cadre in one of the pools: source, period of validity, status and why it ended. */
export const poolEntryType = defineRecordType({
  table: 'poolEntries',
  name: '干部库',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    pool: f.enum('库别', POOL_KINDS),
    source: f.enum('入库来源', POOL_SOURCES),
    targetLevel: f.code('postLevel', '拟任层次'),
    from: f.month('入库时间', { required: true }),
    validUntil: f.month('有效期至', { future: true }),
    status: f.enum('状态', POOL_STATUS, { default: 'active' }),
    exitReason: f.text('出库原因', { max: 200 }),
  },
  list: ['pool', 'source', 'targetLevel', 'from', 'validUntil', 'status', 'exitReason'],
  period: 'from',
  title: (r) => `${POOL_KINDS[r.pool]}（${printMonth(r.from)}入库）`,
  rules: (r) =>
    r.status === 'exited' && !r.exitReason.trim() ? [{ path: 'exitReason', message: '已出库的请填写出库原因' }] : [],
});
export type PoolEntry = RecordOfType<typeof poolEntryType>;

// ---- 试用期 ---------------------------------------------------------------------------------------------------

export const TRIAL_STATUS = { running: '试用中', passed: '试用期满合格', failed: '试用期满不合格' } as const;

/** The one-year trial period of a non-elected appointment, started by the case's 任职 step. */
export const trialPeriodType = defineRecordType({
  table: 'trialPeriods',
  name: '试用期',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    post: f.text('试用职务', { max: 100, required: true }),
    postLevel: f.code('postLevel', '职务层次'),
    from: f.date('试用开始', { required: true }),
    to: f.date('试用期满', { required: true, future: true }),
    status: f.enum('试用结果', TRIAL_STATUS, { default: 'running' }),
    caseId: f.text('选任纪实编号', { max: 40 }),
  },
  list: ['post', 'postLevel', 'from', 'to', 'status'],
  period: 'from',
  title: (r) => `试用${r.post}${r.postLevel ? `（${caption('postLevel', r.postLevel)}）` : ''}`,
});
export type TrialPeriod = RecordOfType<typeof trialPeriodType>;

/** The types of this area, in the catalogue's order (parents first: a case names cadres and units). */
export const SELECTION_TYPES = [establishmentType, holidayYearType, appointmentCaseType, rankRoundType, poolEntryType, trialPeriodType] as const;
