import { caption } from '../code';
import type { AnnualAssessment, CareerEntry, Cadre, EducationSummary, FamilyMember, RewardPunishment } from '../domain/cadre';
import type { AppointmentFormFields } from '../domain/appointmentForm';
import { formatResume } from '../lrmx/resume';
import { isMonth, printMonth, type Month } from '../rules/months';
import { birthWithAge } from './age';
import { familyLines, type FamilyLine } from './family';

// What the 干部任免审批表 prints in each box (docs/domain.md, the printed form), worked out from the dossier and the
// form's own record: plain strings, so the layout only places and fits them.

/** How many years of 年度考核 the form lists by default (a setting of the preview). */
export const DEFAULT_ASSESSMENT_YEARS = 2;

export interface AppointmentSources {
  cadre: Cadre;
  career: readonly Pick<CareerEntry, 'from' | 'to' | 'unit' | 'post'>[];
  family: readonly FamilyMember[];
  rewards: readonly RewardPunishment[];
  assessments: readonly Pick<AnnualAssessment, 'year' | 'grade'>[];
  /** The form-only fields; absent until someone fills them in. */
  form?: Partial<AppointmentFormFields>;
}

export interface AppointmentOptions {
  /** The month ages are counted at when the form gives no 计算年龄时间 (the current month). */
  today: Month;
  /** The last N years of 年度考核. */
  assessmentYears: number;
}

/** Every box of the form as printed. */
export interface AppointmentSheet {
  name: string;
  sex: string;
  birth: string;
  nation: string;
  nativePlace: string;
  birthPlace: string;
  partyJoined: string;
  workStarted: string;
  health: string;
  professionalTitle: string;
  expertise: string;
  fullTime: { education: string; school: string };
  inService: { education: string; school: string };
  currentPost: string;
  proposedPost: string;
  proposedRemoval: string;
  /** Official 简历 lines, each split into its date column and its text. */
  resume: { dates: string; text: string }[];
  rewards: string;
  assessments: string;
  reason: string;
  family: FamilyLine[];
  reportingUnit: string;
  /** 计算年龄时间 as printed (YYYY.MM). */
  ageAsOf: string;
  filledBy: string;
  /** 填表时间 as printed (YYYY.MM.DD), blank when not filled in. */
  filledOn: string;
}

/** 学历 and 学位 on two lines; 院校 and 专业 together ("北京大学法律系法学专业" is how people write it). */
function education(e: EducationSummary): { education: string; school: string } {
  const lines = [caption('education', e.education), caption('degree', e.degree)].filter(Boolean);
  return { education: lines.join('\n'), school: `${e.school}${e.major}` };
}

/** 入党时间: the month, and for a democratic party its name ("1998.07；民建" is how LRMX writes both). */
function partyText(cadre: Cadre): string {
  const month = printMonth(cadre.partyJoined);
  const code = Number(cadre.politicalStatus);
  const party = code >= 4 && code <= 11 ? caption('politicalStatus', cadre.politicalStatus) : '';
  return [month, party].filter(Boolean).join('；');
}

function rewardLine(r: RewardPunishment): string {
  const issuer = r.issuer ? `（${r.issuer}）` : '';
  const revoked = r.revoked ? `，${printMonth(r.revoked)}解除` : '';
  return `${printMonth(r.date)} ${r.title}${issuer}${revoked}`;
}

/** "2023年度考核称职；2024年度考核优秀": the last `years` years on record, earliest first. */
export function assessmentText(list: AppointmentSources['assessments'], years: number): string {
  const last = [...list].sort((a, b) => b.year - a.year).slice(0, Math.max(0, years)).reverse();
  return last.map((a) => `${a.year}年度考核${caption('assessmentGrade', a.grade)}`).join('；');
}

/** The age reference of a form: its own 计算年龄时间, or `today`'s month. */
export const ageReference = (form: Partial<AppointmentFormFields> | undefined, today: Month): Month =>
  form?.ageAsOf && isMonth(form.ageAsOf) ? form.ageAsOf : today;

export function appointmentSheet(src: AppointmentSources, options: AppointmentOptions): AppointmentSheet {
  const { cadre, form } = src;
  const asOf = ageReference(form, options.today);
  const resume = formatResume(src.career)
    .split('\n')
    .filter(Boolean)
    // formatResume pads the dates to one column and puts two spaces before the text: split there, so the page can
    // align the text column whatever the font's digit widths
    .map((line) => ({ dates: line.slice(0, 16).trimEnd(), text: line.slice(16).trimStart() }));
  const rewards = [...src.rewards].sort((a, b) => a.date.localeCompare(b.date)).map(rewardLine);
  return {
    name: cadre.name,
    sex: caption('sex', cadre.sex),
    birth: birthWithAge(cadre.birth, asOf),
    nation: caption('nation', cadre.nation),
    nativePlace: cadre.nativePlace,
    birthPlace: cadre.birthPlace,
    partyJoined: partyText(cadre),
    workStarted: printMonth(cadre.workStarted),
    health: caption('health', cadre.health),
    professionalTitle: cadre.professionalTitle,
    expertise: cadre.expertise,
    fullTime: education(cadre.fullTimeEducation),
    inService: education(cadre.inServiceEducation),
    currentPost: cadre.currentPost,
    proposedPost: form?.proposedPost ?? '',
    proposedRemoval: form?.proposedRemoval ?? '',
    resume,
    rewards: rewards.length ? rewards.join('\n') : '无',
    assessments: assessmentText(src.assessments, options.assessmentYears),
    reason: form?.reason ?? '',
    family: familyLines(src.family, asOf),
    reportingUnit: form?.reportingUnit ?? '',
    ageAsOf: printMonth(asOf),
    filledBy: form?.filledBy ?? '',
    filledOn: form?.filledOn ? form.filledOn.replaceAll('-', '.') : '',
  };
}
