import { f, type DataOf } from '../catalog/field';
import { defineRecordType, type RecordOfType } from '../catalog/recordType';
import { actionProblems, clueProblems, fourChecksProblems, loanProblems, reportProblems } from '../rules/supervisionChecks';

// 管理监督 (docs/supervision.md): personal-matters reports, reminders/inquiries/admonishments, clues, 凡提四必 and
// the custody of private travel documents. Every type is restricted: kept out of the roster, its query, its
// exports and any bundle but one to the department (shared/rules/restricted.ts decides, in one place). Each is a
// table of its own, indexed by cadre, and syncs. Ids: a report is v5 of (cadre id, year), a 凡提四必 record v5 of
// (cadre id, kind, ref); the others v7.

export const FAMILY_ITEM_KINDS = {
  marriage: '本人婚姻情况',
  passport: '本人持有因私出国（境）证件',
  trips: '本人因私出国（境）及往来港澳台',
  foreignMarriage: '子女与外国人、港澳台居民通婚',
  emigrated: '配偶、子女移居国（境）外或在国（境）外连续居住一年以上',
  employment: '配偶、子女及其配偶从业情况',
  criminal: '配偶、子女及其配偶被追究刑事责任',
} as const;

export const ASSET_ITEM_KINDS = {
  wages: '工资及各类奖金、津贴、补贴',
  services: '劳务所得',
  realEstate: '房产',
  securities: '股票、基金、投资型保险',
  business: '经商办企业',
  abroad: '在国（境）外的存款和投资',
} as const;

export const CHECK_KINDS = { none: '未抽查', random: '随机抽查', key: '重点抽查' } as const;
export const CHECK_RESULTS = { pending: '未核查', consistent: '一致', omitted: '漏报', concealed: '瞒报' } as const;
export const HANDLINGS = {
  none: '无',
  criticism: '批评教育',
  correction: '限期改正',
  admonishment: '诫勉',
  disqualify: '取消考察对象或后备资格',
  transfer: '调离',
  dismissal: '免职',
  demotion: '降职',
  discipline: '纪律处分',
} as const;
export type Handling = keyof typeof HANDLINGS;

/** 个人有关事项报告: one per cadre and year; submitted when its date is filled in. */
export const personalMattersType = defineRecordType({
  table: 'personalMatters',
  name: '个人有关事项报告',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  restricted: true,
  id: {
    kind: 'natural',
    prefix: 'personalmatters',
    key: (r) => [r.cadreId, String(r.year)],
    keyFields: ['year'],
    taken: { action: 'refuse', message: (r) => `该干部${r.year}年度的个人有关事项报告已登记，请修改原记录` },
    fixedMessage: '报告年度不能修改；如登记错了年度，请删除后重新登记',
  },
  fields: {
    year: f.year('报告年度', { required: true }),
    submitted: f.date('报告日期', { help: '空为尚未提交' }),
    familyItems: f.list('家事事项', { kind: f.enum('事项', FAMILY_ITEM_KINDS), detail: f.longText('填报内容', { max: 500 }) }, { max: 50 }),
    assetItems: f.list(
      '家产事项',
      { kind: f.enum('事项', ASSET_ITEM_KINDS), detail: f.longText('填报内容', { max: 500 }), amount: f.number('金额（万元）', { min: 0, max: 1e7, integer: false }) },
      { max: 50 },
    ),
    checkKind: f.enum('核查方式', CHECK_KINDS, { default: 'none' }),
    checkedOn: f.date('核查日期'),
    checkedBy: f.text('核查人', { max: 30 }),
    result: f.enum('核查结果', CHECK_RESULTS, { default: 'pending' }),
    handling: f.enum('处理方式', HANDLINGS, { default: 'none' }),
    handledOn: f.date('处理日期'),
    note: f.longText('核查说明', { max: 500 }),
  },
  list: ['year', 'submitted', 'checkKind', 'checkedOn', 'result', 'handling', 'handledOn'],
  sections: [
    { title: '报告', fields: ['year', 'submitted', 'familyItems', 'assetItems'] },
    { title: '核查与处理', fields: ['checkKind', 'checkedOn', 'checkedBy', 'result', 'handling', 'handledOn', 'note'] },
  ],
  period: 'year',
  title: (r) => `${r.year}年度个人有关事项报告`,
  rules: (r) => reportProblems(r),
});

export const ACTION_KINDS = { reminder: '提醒谈话', inquiry: '函询', admonishment: '诫勉' } as const;

/** 提醒 / 函询 / 诫勉. An admonishment blocks promotion for its months (6 by default), until revoked. */
export const supervisionActionType = defineRecordType({
  table: 'supervisionActions',
  name: '提醒函询诫勉',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  restricted: true,
  id: { kind: 'v7' },
  fields: {
    kind: f.enum('类别', ACTION_KINDS),
    date: f.date('日期', { required: true, help: '谈话、函询发函或诫勉的日期' }),
    reason: f.longText('事由', { max: 500 }),
    by: f.text('实施人', { max: 60, aliases: ['谈话人'] }),
    replyDue: f.date('回复期限', { future: true }),
    replyReceived: f.date('回复日期'),
    conclusion: f.longText('结论', { max: 500 }),
    months: f.number('影响期（月）', { min: 0, max: 60, help: '诫勉的影响期，空为按设置（默认6个月）' }),
    revoked: f.date('解除日期'),
    clueId: f.text('关联线索', { max: 64 }),
  },
  list: ['kind', 'date', 'reason', 'by', 'replyDue', 'replyReceived', 'revoked'],
  period: 'date',
  title: (r) => `${r.date} ${ACTION_KINDS[r.kind]}`,
  rules: (r) => actionProblems(r),
});

export const CLUE_CHANNELS = { petition: '信访举报', platform12380: '12380 平台', inspection: '巡视巡察', audit: '审计', other: '其他' } as const;
export const CLUE_STATUSES = { pending: '待核查', verifying: '核查中', closed: '了结' } as const;
export const CLUE_OUTCOMES = { none: '未了结', confirmed: '属实', partly: '部分属实', unfounded: '不属实' } as const;

/** 问题线索: from receipt to closure with its outcome. */
export const clueType = defineRecordType({
  table: 'clues',
  name: '问题线索',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  restricted: true,
  id: { kind: 'v7' },
  fields: {
    channel: f.enum('来源渠道', CLUE_CHANNELS),
    received: f.date('受理日期', { required: true }),
    summary: f.longText('线索摘要', { max: 1000 }),
    status: f.enum('办理状态', CLUE_STATUSES, { default: 'pending' }),
    outcome: f.enum('了结结论', CLUE_OUTCOMES, { default: 'none' }),
    closedOn: f.date('了结日期'),
    handledBy: f.text('承办人', { max: 30 }),
    handling: f.longText('处理情况', { max: 1000 }),
  },
  list: ['channel', 'received', 'summary', 'status', 'outcome', 'closedOn'],
  period: 'received',
  title: (r) => `${r.received} ${CLUE_CHANNELS[r.channel]}线索`,
  rules: (r) => clueProblems(r),
});

export const FOUR_CHECK_KINDS = { appointment: '选拔任用', pool: '后备干部', rank: '职级晋升', other: '其他' } as const;

/** 凡提四必, per cadre and occasion: the four checks, each with date, result and who recorded it. */
export const fourChecksType = defineRecordType({
  table: 'fourChecks',
  name: '凡提四必',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  restricted: true,
  id: {
    kind: 'natural',
    prefix: 'fourchecks',
    key: (r) => [r.cadreId, r.kind, r.ref],
    keyFields: ['kind', 'ref'],
    taken: { action: 'refuse', message: () => '该干部这一事由的凡提四必记录已存在，请修改原记录' },
    fixedMessage: '事由类别和事由不能修改；如登记错了，请删除后重新登记',
  },
  fields: {
    kind: f.enum('事由类别', FOUR_CHECK_KINDS),
    ref: f.text('事由', { max: 100, help: '如拟任职务、后备干部名单或晋升职级' }),
    fileDate: f.date('档案审核日期'),
    fileResult: f.text('档案审核结果', { max: 200 }),
    fileBy: f.text('档案审核人', { max: 30 }),
    birthConfirmed: f.month('认定出生年月'),
    workConfirmed: f.month('认定参加工作时间'),
    partyConfirmed: f.month('认定入党时间'),
    educationConfirmed: f.code('education', '认定学历'),
    degreeConfirmed: f.code('degree', '认定学位'),
    evidence: f.longText('认定依据', { max: 500 }),
    decidedBy: f.text('认定人', { max: 30 }),
    reportDate: f.date('报告核查日期'),
    reportResult: f.text('报告核查结果', { max: 200 }),
    reportBy: f.text('报告核查人', { max: 30 }),
    opinionDate: f.date('纪检监察机关意见日期'),
    opinionResult: f.text('纪检监察机关意见', { max: 200 }),
    opinionBy: f.text('意见记录人', { max: 30 }),
    cluesDate: f.date('信访举报核查日期'),
    cluesResult: f.text('信访举报核查结果', { max: 200 }),
    cluesBy: f.text('核查记录人', { max: 30 }),
    complete: f.boolean('四必已完成'),
  },
  list: ['kind', 'ref', 'fileDate', 'reportDate', 'opinionDate', 'cluesDate', 'complete'],
  sections: [
    { title: '事由', fields: ['kind', 'ref'] },
    {
      title: '档案必审（三龄两历认定）',
      fields: ['fileDate', 'fileResult', 'fileBy', 'birthConfirmed', 'workConfirmed', 'partyConfirmed', 'educationConfirmed', 'degreeConfirmed', 'evidence', 'decidedBy'],
    },
    { title: '个人有关事项报告必核', fields: ['reportDate', 'reportResult', 'reportBy'] },
    { title: '纪检监察机关意见必听', fields: ['opinionDate', 'opinionResult', 'opinionBy'] },
    { title: '线索具体的信访举报必查', fields: ['cluesDate', 'cluesResult', 'cluesBy', 'complete'] },
  ],
  period: 'fileDate',
  title: (r) => `凡提四必（${FOUR_CHECK_KINDS[r.kind]}${r.ref ? `：${r.ref}` : ''}）`,
  // the open clues need the database: the repository adds them (renderer/db/supervision.ts)
  rules: (r) => fourChecksProblems(r),
});

export const DOCUMENT_KINDS = { passport: '普通护照', hkMacau: '往来港澳通行证', taiwan: '往来台湾通行证' } as const;

/** 因私出国（境）证件 in the department's custody. */
export const travelDocumentType = defineRecordType({
  table: 'travelDocuments',
  name: '因私出国（境）证件',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  restricted: true,
  id: { kind: 'v7' },
  fields: {
    kind: f.enum('证件类别', DOCUMENT_KINDS),
    number: f.text('证件号码', { max: 30, required: true }),
    issued: f.date('签发日期'),
    expiry: f.date('有效期至', { future: true }),
    keptSince: f.date('交存日期'),
    note: f.text('备注', { max: 200 }),
  },
  list: ['kind', 'number', 'issued', 'expiry', 'keptSince'],
  period: 'issued',
  title: (r) => `${DOCUMENT_KINDS[r.kind]} ${r.number}`,
});

/** A document checked out for an approved private trip, to come back within the set days (10 by default). */
export const documentLoanType = defineRecordType({
  table: 'documentLoans',
  name: '证件借出',
  ownedByCadre: true,
  storage: 'table',
  syncs: true,
  restricted: true,
  id: { kind: 'v7' },
  fields: {
    documentId: f.text('证件', { max: 64, required: true }),
    destination: f.text('前往国家（地区）', { max: 60, required: true }),
    from: f.date('出行日期', { required: true, future: true }),
    to: f.date('返回日期', { required: true, future: true }),
    approval: f.text('审批情况', { max: 100, required: true }),
    checkedOut: f.date('借出日期', { required: true }),
    returned: f.date('归还日期'),
  },
  list: ['destination', 'from', 'to', 'checkedOut', 'returned'],
  period: 'checkedOut',
  title: (r) => `${r.checkedOut} 借出（${r.destination}）`,
  rules: (r) => loanProblems(r),
});

export const SUPERVISION_TYPES = [personalMattersType, supervisionActionType, clueType, fourChecksType, travelDocumentType, documentLoanType] as const;

export type PersonalMattersReport = RecordOfType<typeof personalMattersType>;
export type PersonalMattersFields = DataOf<typeof personalMattersType.fields>;
export type SupervisionAction = RecordOfType<typeof supervisionActionType>;
export type Clue = RecordOfType<typeof clueType>;
export type FourChecks = RecordOfType<typeof fourChecksType>;
export type TravelDocument = RecordOfType<typeof travelDocumentType>;
export type DocumentLoan = RecordOfType<typeof documentLoanType>;
