import { f, type DataOf } from '../catalog/field';
import { defineRecordType, type RecordOfType } from '../catalog/recordType';
import { PERFORMANCE_KINDS, periodLabel } from '../rules/performancePeriod';
import { PERFORMANCE_ACTIONS, PERFORMANCE_STATUSES, PERFORMANCE_USES } from '../rules/performanceWorkflow';
import { printMonth } from '../rules/months';

// 实绩档案 (docs/performance.md, docs/domain.md "Glossary"): the performance record of a cadre for a period, the
// positive and negative lists (正负面清单) and the conduct recorded against them, the 综合研判 appraisal and the
// 三项机制 adjustments. Each is one declaration of the record-type catalogue (docs/record-types.md); the workflow,
// the collection matrix and the checks that need the database are the area's own (shared/rules/performance*.ts,
// renderer/db/performance*.ts).

/** An attachment (a scanned page, a photo of the work): its name and the blob, stored like the cadre's photo. */
const attachment = { name: f.text('附件名称', { max: 100 }), file: f.blob('附件文件') };

/** One step of the workflow as it was taken: who, when, what, with the comment or reason. */
const workflowStep = {
  action: f.enum('操作', PERFORMANCE_ACTIONS),
  status: f.enum('操作后状态', PERFORMANCE_STATUSES),
  at: f.text('操作时间', { max: 30 }),
  by: f.text('操作人', { max: 30 }),
  byInstallation: f.text('操作单位', { max: 60 }),
  comment: f.longText('意见或原因', { max: 500 }),
};

/** One use of an approved record (运用): what for, when, by whom, with a note (e.g. the document). */
const useEntry = {
  use: f.enum('运用方式', PERFORMANCE_USES),
  at: f.text('运用时间', { max: 30 }),
  by: f.text('运用人', { max: 30 }),
  comment: f.longText('运用说明', { max: 500 }),
};

export const QUARTER_RATINGS = { none: '未评定', good: '好', fair: '较好', average: '一般', poor: '差' } as const;

export const performanceType = defineRecordType({
  table: 'performanceRecords',
  name: '实绩档案',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  // one record per cadre, kind and period on every machine: the unit's and the department's copies are one record
  id: {
    kind: 'natural',
    prefix: 'performance',
    key: (r) => [r.cadreId, r.kind, r.period],
    keyFields: ['kind', 'period'],
    taken: { action: 'refuse', message: (r) => `${periodLabel(r.kind, r.period)}的${PERFORMANCE_KINDS[r.kind]}已存在，请打开原记录修改` },
    fixedMessage: '类别和期间创建后不能修改；如填错了，请删除后重新填报',
  },
  fields: {
    kind: f.enum('类别', PERFORMANCE_KINDS),
    period: f.text('期间', { max: 8, required: true, help: '周写作2025-W07，月写作2025-03，季度写作2025-Q1，年度写作2025' }),
    // 周小结
    summary: f.longText('本周工作小结', { max: 2000 }),
    // 月上报
    keyWork: f.longText('重点工作完成情况', { max: 3000 }),
    highlights: f.longText('突出实绩', { max: 2000 }),
    shortcomings: f.longText('存在不足', { max: 1000 }),
    nextPlan: f.longText('下月计划', { max: 1000 }),
    // 季检查
    checkedBy: f.text('检查人', { max: 30 }),
    findings: f.longText('检查情况', { max: 2000 }),
    rating: f.enum('检查评价', QUARTER_RATINGS, { default: 'none' }),
    // 年考核: the grade becomes the cadre's 年度考核 when the review is approved
    grade: f.code('assessmentGrade', '考核等次'),
    attachments: f.list('附件', attachment, { max: 20 }),
    // the workflow: changed only by its actions (renderer/db/performance.ts), never by an edit
    status: f.enum('状态', PERFORMANCE_STATUSES, { default: 'draft' }),
    history: f.list('流转记录', workflowStep, { max: 200 }),
    uses: f.list('运用情况', useEntry, { max: 50 }),
  },
  list: ['kind', 'period', 'status'],
  sections: [
    { title: '期间', fields: ['kind', 'period'] },
    { title: '周小结', fields: ['summary'] },
    { title: '月上报', fields: ['keyWork', 'highlights', 'shortcomings', 'nextPlan'] },
    { title: '季检查', fields: ['checkedBy', 'findings', 'rating'] },
    { title: '年考核', fields: ['grade'] },
    { title: '附件', fields: ['attachments'] },
  ],
  // no catalogue `period`: a week, quarter or year is not a month or a day, which the generic period filters compare;
  // the area's own screens place records in time (shared/rules/performancePeriod.ts)
  title: (r) => `${periodLabel(r.kind, r.period)}${PERFORMANCE_KINDS[r.kind]}`,
});

export type PerformanceFields = DataOf<typeof performanceType.fields>;
export type PerformanceRecord = RecordOfType<typeof performanceType>;
export type PerformanceHistoryEntry = PerformanceRecord['history'][number];

// ---- 正负面清单 -------------------------------------------------------------------------------------------------

export const CONDUCT_POLARITIES = { positive: '正面清单', negative: '负面清单' } as const;
export type ConductPolarity = keyof typeof CONDUCT_POLARITIES;

export const conductItemType = defineRecordType({
  table: 'conductItems',
  name: '正负面清单条目',
  ownedByCadre: false,
  storage: 'table',
  syncs: true,
  // v5 of (list, number): the defaults seeded on two machines are the same items
  id: {
    kind: 'natural',
    prefix: 'conductitem',
    key: (r) => [r.polarity, r.code],
    keyFields: ['polarity', 'code'],
    taken: { action: 'refuse', message: (r) => `${CONDUCT_POLARITIES[r.polarity]}中已有编号${r.code}的条目` },
    fixedMessage: '清单和编号创建后不能修改；不再使用的条目请停用',
  },
  fields: {
    polarity: f.enum('清单', CONDUCT_POLARITIES),
    code: f.text('编号', { max: 10, required: true }),
    text: f.text('行为表现', { max: 100, required: true }),
    retired: f.boolean('停用', { help: '停用的条目不再供登记选择，已登记的记录保留' }),
  },
  list: ['polarity', 'code', 'text', 'retired'],
  title: (r) => `${CONDUCT_POLARITIES[r.polarity]}${r.code} ${r.text}`,
});
export type ConductItem = RecordOfType<typeof conductItemType>;

export const conductRecordType = defineRecordType({
  table: 'conductRecords',
  name: '正负面行为记录',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    polarity: f.enum('清单', CONDUCT_POLARITIES),
    itemId: f.text('清单条目标识', { max: 40, required: true }),
    /** The item's wording when recorded: the record reads the same after the list is edited. */
    itemText: f.text('行为表现', { max: 100, required: true }),
    date: f.date('发生日期', { required: true }),
    facts: f.longText('事实情况', { max: 2000 }),
    source: f.text('信息来源', { max: 100 }),
    evidence: f.list('佐证材料', attachment, { max: 20 }),
  },
  list: ['polarity', 'itemText', 'date', 'source'],
  sections: [{ title: '正负面行为', fields: ['polarity', 'itemText', 'date', 'facts', 'source', 'evidence'] }],
  period: 'date',
  title: (r) => `${r.date} ${r.itemText}`,
});
export type ConductRecord = RecordOfType<typeof conductRecordType>;

// ---- 综合研判 ------------------------------------------------------------------------------------------------

export const APPRAISAL_SUBJECTS = { cadre: '干部个人', team: '领导班子' } as const;
export const APPRAISAL_RATINGS = { excellent: '好', good: '较好', average: '一般', poor: '较差' } as const;

const dimension = { rating: f.enum('评价', APPRAISAL_RATINGS), text: f.longText('具体表现', { max: 1000 }) };

/** A record an appraisal rests on (a report, a conduct record, an assessment …): its table, id and title. */
const evidenceLink = {
  table: f.text('依据类型', { max: 40 }),
  id: f.text('依据标识', { max: 40 }),
  title: f.text('依据名称', { max: 100 }),
};

export const appraisalType = defineRecordType({
  table: 'appraisals',
  name: '综合研判',
  ownedByCadre: false,
  storage: 'table',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    subject: f.enum('研判对象', APPRAISAL_SUBJECTS),
    unitId: f.unit('所在单位'),
    /** The cadre appraised; '' for a leadership team (the unit's). */
    cadreId: f.text('研判干部标识', { max: 40 }),
    period: f.text('研判期间', { max: 20, required: true, help: '例如“2025年上半年”' }),
    date: f.date('研判日期', { required: true }),
    political: f.group('政治意识', dimension, { prefix: '政治意识' }),
    performance: f.group('工作实绩', dimension, { prefix: '工作实绩' }),
    duty: f.group('履职情况', dimension, { prefix: '履职情况' }),
    style: f.group('作风表现', dimension, { prefix: '作风表现' }),
    overall: f.enum('综合评价', APPRAISAL_RATINGS),
    conclusion: f.longText('研判意见', { max: 2000 }),
    evidence: f.list('依据记录', evidenceLink, { max: 100 }),
  },
  list: ['subject', 'unitId', 'period', 'date', 'overall'],
  period: 'date',
  title: (r) => `${r.period}${APPRAISAL_SUBJECTS[r.subject]}综合研判`,
});
export type Appraisal = RecordOfType<typeof appraisalType>;

// ---- 三项机制 ------------------------------------------------------------------------------------------------

export const MECHANISMS = { incentive: '鼓励激励', tolerance: '容错纠错', upDown: '能上能下' } as const;
export type Mechanism = keyof typeof MECHANISMS;

export const adjustmentType = defineRecordType({
  table: 'mechanismAdjustments',
  name: '三项机制调整',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  id: { kind: 'v7' },
  fields: {
    mechanism: f.enum('机制', MECHANISMS),
    date: f.date('调整日期', { required: true }),
    change: f.text('调整内容', { max: 200, required: true, help: '例如“由四级调研员晋升为三级调研员”' }),
    reason: f.longText('调整理由', { max: 1000 }),
    evidence: f.list('依据记录', evidenceLink, { max: 50 }),
  },
  list: ['mechanism', 'date', 'change'],
  period: 'date',
  title: (r) => `${printMonth(r.date.slice(0, 7))} ${MECHANISMS[r.mechanism]}：${r.change}`,
});
export type MechanismAdjustment = RecordOfType<typeof adjustmentType>;

/** The area's types, in the order the catalogue lists them (the lists before the records that point at them). */
export const PERFORMANCE_TYPES = [conductItemType, performanceType, conductRecordType, appraisalType, adjustmentType] as const;
