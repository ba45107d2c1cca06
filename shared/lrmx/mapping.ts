import { caption, codeTables, type CodeTableId } from '../code';
import type { AnnualAssessment, CadreFields, EducationSummary, FamilyMember, RewardPunishment } from '../domain/cadre';
import type { SyncFields } from '../domain/record';
import { parseIdNumber } from '../rules/idNumber';
import { compareMonths, formatMonth, parseMonth, printMonth, type Month } from '../rules/months';
import { decodeBase64 } from './base64';
import { PARTY_SHORT_NAMES, codeOfCaption } from './captions';
import { readLrmxMonth, writeLrmxMonth } from './dates';
import { formatResume, parseResume, type CareerDraft } from './resume';
import {
  LRMX_ELEMENT_LABELS,
  LRMX_TEXT_ELEMENTS,
  type LrmxElementName,
  type LrmxFamilyElementName,
  type LrmxFamilyItem,
  type LrmxPerson,
  type LrmxTextElement,
} from './schema';

// LrmxPerson ↔ the dossier (docs/domain.md "Interchange formats"). Import turns captions into codes, dates into
// YYYY-MM, 简历 into career entries and the 年度考核 sentence into assessments, and reports in Chinese whatever
// does not fit; what the dossier cannot hold (form-only elements, unknown elements, text that did not map) goes
// into `kept`, which the caller stores and hands back on export, so that a round trip loses nothing.

export type { CareerDraft } from './resume';

type Data<T> = Omit<T, keyof SyncFields | 'cadreId'>;
type DraftedFields = Omit<CadreFields, 'unitId' | 'personnelCategory' | 'status' | 'statusDate' | 'statusReason' | 'photo'>;
/** The basic record as far as the file tells it; a field that did not map is null (the issues say why). */
export type CadreDraft = { [K in keyof DraftedFields]: DraftedFields[K] | null } & {
  fullTimeEducation: EducationSummary;
  inServiceEducation: EducationSummary;
};
export type FamilyDraft = Omit<Data<FamilyMember>, 'relation'> & { relation: FamilyMember['relation'] | null };
export type AssessmentDraft = Data<AnnualAssessment>;

export interface LrmxIssue {
  /** The element it concerns (family fields as 'JiaTingChengYuan'), for grouping and for people who know the file. */
  element: LrmxElementName | LrmxFamilyElementName;
  /** Plain Chinese: what did not fit and what to do. */
  message: string;
  /** 'error': the value is missing from the draft and needs a person; 'note': imported, with an assumption or kept as text. */
  severity: 'error' | 'note';
}

export interface LrmxImport {
  cadre: CadreDraft;
  career: CareerDraft[];
  family: FamilyDraft[];
  assessments: AssessmentDraft[];
  /** ZhaoPian without line breaks, when it is an image; the caller stores the blob and its hash. */
  photoBase64: string | null;
  /** What the dossier cannot hold; pass it back to dossierToLrmx. */
  kept: LrmxPerson;
  issues: LrmxIssue[];
}

export interface LrmxImportOptions {
  /** YYYY-MM-DD: bounds the ID number's birth date, and is the reference for a family age given instead of a birth month. */
  today: string;
}

const label = (element: LrmxElementName | LrmxFamilyElementName) => LRMX_ELEMENT_LABELS[element];
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

/** The draft, the issues and the kept elements of one import, built up field by field. */
class Importer {
  readonly issues: LrmxIssue[] = [];
  readonly kept: LrmxPerson = {};
  constructor(readonly person: LrmxPerson) {}

  issue(element: LrmxIssue['element'], message: string, severity: LrmxIssue['severity'] = 'error') {
    this.issues.push({ element, message, severity });
  }
  keep(element: LrmxTextElement) {
    const value = this.person[element];
    if (value !== undefined) this.kept[element] = value;
  }
  text(element: LrmxTextElement): string {
    return (this.person[element] ?? '').trim();
  }
  /** A single-line field: line breaks become spaces (the dossier's single-line fields refuse them). */
  line(element: LrmxTextElement): string {
    const t = this.text(element);
    if (!t.includes('\n')) return t;
    this.keep(element); // export writes the lines back while the dossier's value still reads the same
    this.issue(element, `${label(element)}有多行，已合并为一行，请核对`, 'note');
    return oneLine(t);
  }
  month(element: LrmxTextElement): Month | null {
    const read = readLrmxMonth(this.person[element] ?? '');
    if (read === null) return null;
    if (read.ok) return read.month;
    this.keep(element);
    this.issue(element, `${label(element)}${read.reason}，未导入，请改正后再导入或在档案中补填`);
    return null;
  }
  code(element: LrmxTextElement, table: CodeTableId): string | null {
    const t = this.text(element);
    if (t === '') return null;
    const code = codeOfCaption(table, t);
    if (code !== undefined) return code;
    this.keep(element);
    this.issue(element, `${label(element)}“${oneLine(t)}”不在“${codeTables[table].name}”代码表中，未导入，请在档案中选择`);
    return null;
  }
}

/** 毕业院校系及专业 → school (up to the first 大学/学院/党校/学校) and the 系及专业 after it; joined again on export. */
function splitSchool(text: string): { school: string; major: string } {
  const m = /^(.*?(?:大学|学院|党校|学校))(.*)$/.exec(text);
  return m ? { school: m[1]!, major: m[2]!.trim() } : { school: text, major: '' };
}

type EducationElements = readonly [LrmxTextElement, LrmxTextElement, LrmxTextElement, LrmxTextElement];
const FULL_TIME: EducationElements = [
  'QuanRiZhiJiaoYu_XueLi',
  'QuanRiZhiJiaoYu_XueWei',
  'QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
  'QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
];
const IN_SERVICE: EducationElements = [
  'ZaiZhiJiaoYu_XueLi',
  'ZaiZhiJiaoYu_XueWei',
  'ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
  'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
];

function readEducation(im: Importer, [xueLi, xueWei, xueLiSchool, xueWeiSchool]: EducationElements): EducationSummary {
  const a = im.line(xueLiSchool);
  const b = im.line(xueWeiSchool);
  if (a && b && a !== b) {
    im.keep(xueWeiSchool);
    im.issue(xueWeiSchool, `${label(xueWeiSchool)}与学历的院校不同，档案只记一个院校（按学历的院校），学位的院校已按原文保留，导出时写回`, 'note');
  }
  return { education: im.code(xueLi, 'education'), degree: im.code(xueWei, 'degree'), ...splitSchool(a || b) };
}

/** 入党时间: a month (中共党员), a party name ("九三"), or both ("200108；民建"). */
function readParty(im: Importer): { politicalStatus: string | null; partyJoined: Month | null } {
  const element = 'RuDangShiJian';
  const t = im.text(element);
  if (t === '') {
    im.issue(element, '入党时间为空，政治面貌暂按“群众”登记，请核对', 'note');
    return { politicalStatus: '13', partyJoined: null };
  }
  let partyJoined: Month | null = null;
  let politicalStatus: string | null = null;
  for (const piece of t.split(/[；;，,、\s]+/).filter(Boolean)) {
    const read = readLrmxMonth(piece);
    const month = /^\d/.test(piece) ? read : null;
    if (month?.ok) partyJoined = month.month;
    else if (month && !month.ok) {
      im.keep(element);
      im.issue(element, `入党时间${month.reason}，未导入，请改正后再导入或在档案中补填`);
    } else {
      const code = codeOfCaption('politicalStatus', piece);
      if (code === undefined) {
        im.keep(element);
        im.issue(element, `入党时间中的“${piece}”不是年月，也不是党派名称，未导入，请在档案中填写政治面貌`);
      } else politicalStatus = code;
    }
  }
  if (politicalStatus === null && partyJoined !== null) politicalStatus = '01';
  return { politicalStatus, partyJoined };
}

const GRADE = /^(\d{4})\s*年?度?(?:年度)?\s*(?:考核)?(?:结果)?(?:为|：|:)?\s*(基本称职|不称职|称职|优秀|不定等次|基本合格|不合格|合格)$/;

function readAssessments(im: Importer): AssessmentDraft[] {
  const element = 'NianDuKaoHeJieGuo';
  const t = im.text(element);
  if (t === '' || t === '无') {
    if (t) im.keep(element);
    return [];
  }
  const found = new Map<number, string>();
  const unread: string[] = [];
  for (const piece of t.split(/[；;。，,\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = GRADE.exec(piece);
    const grade = m && codeOfCaption('assessmentGrade', m[2]!);
    if (!m || !grade || found.has(Number(m[1]))) unread.push(piece);
    else found.set(Number(m[1]), grade);
  }
  if (unread.length) {
    im.keep(element);
    im.issue(element, `年度考核结果中“${unread.join('；')}”无法识别为“某年度考核某等次”，这部分未导入，请在档案中补录`);
  }
  return [...found].sort(([a], [b]) => a - b).map(([year, grade]) => ({ year, grade }));
}

const DECEASED = /已故|去世|病故|逝世|已逝/;

function readFamily(im: Importer, sex: string | null, reference: Month): FamilyDraft[] {
  const items = im.person.JiaTingChengYuan ?? [];
  const kept: LrmxFamilyItem[] = [];
  const family = items.map((item, i): FamilyDraft => {
    const who = `家庭成员第 ${i + 1} 人${item.XingMing ? `（${item.XingMing.trim()}）` : ''}`;
    const issue = (message: string, severity: LrmxIssue['severity'] = 'error') => im.issue('JiaTingChengYuan', `${who}${message}`, severity);
    const get = (name: LrmxFamilyElementName) => oneLine(item[name] ?? '');
    const title = get('ChengWei');
    let relation = title ? (codeOfCaption('relation', title) ?? null) : null;
    if (relation === null && (title === '爱人' || title === '配偶') && sex) relation = sex === '1' ? '12' : '11';
    if (relation === null) issue(title ? `的称谓“${title}”不在称谓代码表中，请在档案中选择` : '没有称谓，请在档案中选择');
    const name = get('XingMing');
    if (!name) issue('没有姓名，请补填');
    const employment = get('GongZuoDanWeiJiZhiWu');
    const birthText = get('ChuShengRiQi');
    const deceased = DECEASED.test(employment) || DECEASED.test(birthText);
    let birth: Month | null = null;
    const age = /^(\d{1,3})\s*岁?$/.exec(birthText);
    if (age && birthText.length <= 4) {
      const ref = parseMonth(reference);
      birth = formatMonth(ref.year - Number(age[1]), ref.month);
      issue(`的出生日期写的是年龄“${birthText}”，已按 ${printMonth(reference)} 推算为 ${printMonth(birth)}，请核对`, 'note');
    } else if (!DECEASED.test(birthText)) {
      const read = readLrmxMonth(birthText);
      if (read?.ok) birth = read.month;
      else if (read) issue(`的出生日期${read.reason}，未导入，请在档案中补填`);
    }
    const statusText = get('ZhengZhiMianMao');
    const politicalStatus = statusText ? (codeOfCaption('politicalStatus', statusText) ?? null) : null;
    if (statusText && politicalStatus === null) issue(`的政治面貌“${statusText}”不在政治面貌代码表中，请在档案中选择`);
    if (item.$unknown || item.$attributes) {
      // name and 称谓 find the member again on export; the rest of the item is in the records
      const extra: LrmxFamilyItem = { ChengWei: title, XingMing: name };
      if (item.$unknown) extra.$unknown = item.$unknown;
      if (item.$attributes) extra.$attributes = item.$attributes;
      kept.push(extra);
    }
    return { relation, name, birth, politicalStatus, employment, deceased, retired: /退休/.test(employment) };
  });
  if (kept.length) im.kept.JiaTingChengYuan = kept;
  return family;
}

function readPhoto(im: Importer): string | null {
  const element = 'ZhaoPian';
  const raw = im.person[element] ?? '';
  const clean = raw.replace(/[ \t\r\n]/g, '');
  if (clean === '') return null;
  const head = decodeBase64(clean.slice(0, 8));
  const jpeg = head && head[0] === 0xff && head[1] === 0xd8;
  const png = head && head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
  if (!head || clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || !(jpeg || png)) {
    im.keep(element);
    im.issue(element, '照片数据不是有效的 JPEG 或 PNG 图片，未导入照片（原数据已保留，导出时写回），请在档案中重新上传照片');
    return null;
  }
  return clean;
}

/** Elements the dossier does not hold at all: kept as they are. */
const FORM_ONLY: readonly LrmxTextElement[] = [
  'NiRenZhiWu',
  'NiMianZhiWu',
  'RenMianLiYou',
  'ChengBaoDanWei',
  'JiSuanNianLingShiJian',
  'TianBiaoShiJian',
  'TianBiaoRen',
  'Version',
  'DaoLingNianYue',
  'GaiGeQianRenZhiNianLingJieXian',
];

/** Reads an LrmxPerson (from .lrmx or .lrm) into drafts of the dossier's records, with every problem named. */
export function lrmxToDossier(person: LrmxPerson, options: LrmxImportOptions): LrmxImport {
  const im = new Importer(person);
  for (const element of FORM_ONLY) im.keep(element);
  for (const key of ['$unknown', '$unknownInJiaTingChengYuan', '$attributes', '$lrmUnknownPositions'] as const) {
    if (person[key] !== undefined) (im.kept as Record<string, unknown>)[key] = person[key];
  }

  const name = im.line('XingMing');
  if (!name) im.issue('XingMing', '没有姓名，请补填');
  let sex = im.code('XingBie', 'sex');
  let birth = im.month('ChuShengNianYue');
  const idText = im.text('ShenFenZheng');
  let idNumber = idText;
  if (idText === '') im.issue('ShenFenZheng', '没有身份证号码，档案以身份证号码区分人员，请补填');
  else {
    const id = parseIdNumber(idText, options.today);
    if (!id.ok) im.issue('ShenFenZheng', `${id.reason}`);
    else {
      idNumber = id.value.normalized;
      if (birth === null && !person.ChuShengNianYue?.trim()) {
        birth = id.value.birthMonth;
        im.issue('ChuShengNianYue', `没有出生年月，已按身份证号码取 ${printMonth(birth)}`, 'note');
      } else if (birth !== null && birth !== id.value.birthMonth) {
        im.issue('ChuShengNianYue', `出生年月 ${printMonth(birth)} 与身份证号码中的 ${printMonth(id.value.birthMonth)} 不一致，请核对`);
      }
      if (sex === null && !im.text('XingBie')) {
        sex = id.value.sex;
        im.issue('XingBie', `没有性别，已按身份证号码取“${caption('sex', sex)}”`, 'note');
      } else if (sex !== null && sex !== id.value.sex) im.issue('XingBie', '性别与身份证号码不一致，请核对');
    }
  }
  if (birth === null && !im.issues.some((i) => i.element === 'ChuShengNianYue')) im.issue('ChuShengNianYue', '没有出生年月，请补填');
  const nation = im.code('MinZu', 'nation');
  if (!im.text('MinZu')) im.issue('MinZu', '没有民族，请在档案中选择');

  const cadre: CadreDraft = {
    name,
    sex,
    birth,
    nation,
    nativePlace: im.line('JiGuan'),
    birthPlace: im.line('ChuShengDi'),
    idNumber,
    ...readParty(im),
    workStarted: im.month('CanJiaGongZuoShiJian'),
    health: im.code('JianKangZhuangKuang', 'health'),
    maritalStatus: null,
    professionalTitle: im.line('ZhuanYeJiShuZhiWu'),
    expertise: im.text('ShuXiZhuanYeYouHeZhuanChang'),
    fullTimeEducation: readEducation(im, FULL_TIME),
    inServiceEducation: readEducation(im, IN_SERVICE),
    currentPost: im.line('XianRenZhiWu'),
    postLevel: null,
    rank: null,
    rankSince: null,
  };

  const resume = parseResume(person.JianLi ?? '');
  if (resume.problems.length) {
    im.keep('JianLi');
    for (const p of resume.problems) im.issue('JianLi', `简历${p.message}，这一行未导入，请在档案中补录`);
  }

  const rewards = im.text('JiangChengQingKuang');
  if (rewards !== '') {
    im.keep('JiangChengQingKuang');
    if (rewards !== '无') im.issue('JiangChengQingKuang', '奖惩情况按原文保留，没有拆分为奖惩记录；导出时原样写回，需要时请在档案中逐条录入', 'note');
  }

  const reference = readLrmxMonth(person.JiSuanNianLingShiJian ?? '');
  return {
    cadre,
    career: resume.entries,
    family: readFamily(im, sex, reference?.ok ? reference.month : options.today.slice(0, 7)),
    assessments: readAssessments(im),
    photoBase64: readPhoto(im),
    kept: im.kept,
    issues: im.issues,
  };
}

// ---------------------------------------------------------------- export

type Live<T> = Data<T> & { deleted?: boolean };
export interface LrmxDossier {
  cadre: Omit<CadreFields, 'unitId' | 'personnelCategory' | 'status' | 'photo'>;
  career: readonly Live<CareerDraft>[];
  family: readonly Live<FamilyMember>[];
  rewards: readonly Live<RewardPunishment>[];
  assessments: readonly Live<AnnualAssessment>[];
}

export interface LrmxExportOptions {
  /** `kept` from the import, or stored with the form. */
  kept?: LrmxPerson;
  /** The photo as base64 (the caller reads the blob); otherwise the kept one, if any. */
  photoBase64?: string | null;
  /** How many recent years of 年度考核 to write, like the printed form (default 2). */
  assessmentYears?: number;
  /** Form-only values filled on the form (拟任职务, 填表时间 …): written over everything else. */
  overrides?: Partial<Pick<LrmxPerson, LrmxTextElement>>;
}

export const LRMX_VERSION = '3.2.1.6';

/** Family in the official order: spouse, children by age, parents, then the rest; stable within a group. */
function familyOrder(relation: string): number {
  if (relation === '11' || relation === '12') return 0;
  if (relation.startsWith('2') || relation.startsWith('3')) return 1;
  if (relation === '51' || relation === '52') return 2;
  if (relation.startsWith('5')) return 3;
  return relation.startsWith('7') ? 4 : 5;
}

function rewardLine(r: Live<RewardPunishment>): string {
  const issuer = r.issuer ? `（${r.issuer}）` : '';
  const revoked = r.revoked ? `，${printMonth(r.revoked)}解除` : '';
  return `${printMonth(r.date)}  ${r.title}${issuer}${revoked}`;
}

const joinSchool = (e: EducationSummary) => `${e.school}${e.major}`;

/** Elements whose kept value stands even when the dossier yields one: the dossier holds them only in part. */
const KEPT_FIRST = new Set<LrmxTextElement>(['QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', 'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', 'Version']);

/** The dossier as an LrmxPerson: every element of the editor written, dates as YYYYMM, kept elements restored. */
export function dossierToLrmx(dossier: LrmxDossier, options: LrmxExportOptions = {}): LrmxPerson {
  const { cadre } = dossier;
  const kept = options.kept ?? {};
  const live = <T extends { deleted?: boolean }>(list: readonly T[]) => list.filter((r) => !r.deleted);
  const status = cadre.politicalStatus;
  const party =
    status === '01' || status === '02'
      ? writeLrmxMonth(cadre.partyJoined)
      : PARTY_SHORT_NAMES[status]
        ? [writeLrmxMonth(cadre.partyJoined), PARTY_SHORT_NAMES[status]].filter(Boolean).join('；')
        : '';
  const education = (e: EducationSummary) => ({
    xueLi: caption('education', e.education),
    xueWei: caption('degree', e.degree),
    school: e.education ? joinSchool(e) : '',
    degreeSchool: e.degree ? joinSchool(e) : '',
  });
  const full = education(cadre.fullTimeEducation);
  const inService = education(cadre.inServiceEducation);
  const years = options.assessmentYears ?? 2;
  const assessments = live(dossier.assessments)
    .sort((a, b) => a.year - b.year)
    .slice(years > 0 ? -years : dossier.assessments.length);
  const generated: Record<LrmxTextElement, string> = {
    XingMing: cadre.name,
    XingBie: caption('sex', cadre.sex),
    ChuShengNianYue: writeLrmxMonth(cadre.birth),
    MinZu: caption('nation', cadre.nation),
    JiGuan: cadre.nativePlace,
    ChuShengDi: cadre.birthPlace,
    RuDangShiJian: party,
    CanJiaGongZuoShiJian: writeLrmxMonth(cadre.workStarted),
    JianKangZhuangKuang: caption('health', cadre.health),
    ZhuanYeJiShuZhiWu: cadre.professionalTitle,
    ShuXiZhuanYeYouHeZhuanChang: cadre.expertise,
    QuanRiZhiJiaoYu_XueLi: full.xueLi,
    QuanRiZhiJiaoYu_XueWei: full.xueWei,
    QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: full.school || full.degreeSchool,
    QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi: full.degreeSchool,
    ZaiZhiJiaoYu_XueLi: inService.xueLi,
    ZaiZhiJiaoYu_XueWei: inService.xueWei,
    ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: inService.school || inService.degreeSchool,
    ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi: inService.degreeSchool,
    XianRenZhiWu: cadre.currentPost,
    NiRenZhiWu: '',
    NiMianZhiWu: '',
    JianLi: formatResume(live(dossier.career)),
    JiangChengQingKuang: live(dossier.rewards)
      .sort((a, b) => compareMonths(a.date, b.date))
      .map(rewardLine)
      .join('\n'),
    NianDuKaoHeJieGuo: assessments.length
      ? `${assessments.map((a) => `${a.year}年度考核${caption('assessmentGrade', a.grade)}`).join('；')}。`
      : '',
    RenMianLiYou: '',
    ChengBaoDanWei: '',
    JiSuanNianLingShiJian: '',
    TianBiaoShiJian: '',
    TianBiaoRen: '',
    ShenFenZheng: cadre.idNumber,
    ZhaoPian: options.photoBase64 ?? '',
    Version: LRMX_VERSION,
    DaoLingNianYue: '',
    GaiGeQianRenZhiNianLingJieXian: '',
  };

  const person: LrmxPerson = {};
  for (const element of LRMX_TEXT_ELEMENTS) {
    const own = generated[element];
    const old = kept[element];
    // kept wins where the dossier has nothing, holds the element only in part, or still says the same in one line;
    // a 简历 with lines the import could not read is kept whole while the dossier holds exactly the lines it could
    // (nobody has edited it since): a round trip loses nothing
    const unchangedSinceImport = element === 'JianLi' && old !== undefined && formatResume(parseResume(old).entries) === own;
    const value = old !== undefined && (own === '' || KEPT_FIRST.has(element) || oneLine(old) === own || unchangedSinceImport) ? old : own;
    // the newer 到龄 elements only when a file brought them
    if (value !== '' || !['DaoLingNianYue', 'GaiGeQianRenZhiNianLingJieXian'].includes(element) || old !== undefined) {
      person[element] = value;
    }
  }
  Object.assign(person, options.overrides ?? {});

  const keptItems = kept.JiaTingChengYuan ?? [];
  person.JiaTingChengYuan = live(dossier.family)
    .map((m, i) => ({ m, i }))
    .sort((a, b) => familyOrder(a.m.relation) - familyOrder(b.m.relation) || childOrder(a.m, b.m) || a.i - b.i)
    .map(({ m }) => {
      const item: LrmxFamilyItem = {
        ChengWei: caption('relation', m.relation),
        XingMing: m.name,
        ChuShengRiQi: writeLrmxMonth(m.birth),
        ZhengZhiMianMao: caption('politicalStatus', m.politicalStatus),
        GongZuoDanWeiJiZhiWu: m.employment || (m.deceased ? '已故' : ''),
      };
      // by name; two members of one name are told apart by the 称谓 as the file wrote it
      const named = keptItems.filter((k) => k.XingMing === m.name);
      const extra = named.length > 1 ? named.find((k) => codeOfCaption('relation', k.ChengWei ?? '') === m.relation) : named[0];
      if (extra?.$unknown) item.$unknown = extra.$unknown;
      if (extra?.$attributes) item.$attributes = extra.$attributes;
      return item;
    });
  for (const key of ['$unknown', '$unknownInJiaTingChengYuan', '$attributes'] as const) {
    if (kept[key] !== undefined) (person as Record<string, unknown>)[key] = kept[key];
  }
  return person;
}

/** Children by age, eldest first; without a birth month, after those with one. */
function childOrder(a: Live<FamilyMember>, b: Live<FamilyMember>): number {
  if (familyOrder(a.relation) !== 1) return 0;
  if (a.birth && b.birth) return compareMonths(a.birth, b.birth);
  return a.birth ? -1 : b.birth ? 1 : 0;
}
