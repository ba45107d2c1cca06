// 三龄两历 checks (docs/domain.md#三龄两历-checks): pure functions over one dossier that
// return findings; nothing is ever fixed silently. The 数据校验 screen runs them over every cadre (100,000 × ~20
// sub-records), so a dossier is prepared once (months parsed by hand, the career sorted) and every rule is a
// linear pass over it: no regex built per call, no schema parsing, no throwing on malformed stored data.

import { caption, codeTables } from '../code';
import type { CadreFields, CareerEntry, Education, EducationSummary } from '../domain/cadre';
import type { Finding, Severity } from './finding';
import { parseIdNumber } from './idNumber';
import { isMonth, printMonth, type Month } from './months';

export type { Finding, Severity } from './finding';

// ---- Input ------------------------------------------------------------------------------------------------

/** The basic-record fields the checks read; a whole `CadreFields` or `Cadre` fits. */
export type DossierCadre = Pick<
  CadreFields,
  'name' | 'sex' | 'birth' | 'idNumber' | 'politicalStatus' | 'partyJoined' | 'workStarted' | 'currentPost'
> & {
  fullTimeEducation: Pick<EducationSummary, 'education'>;
  inServiceEducation: Pick<EducationSummary, 'education'>;
};

/** A career segment as the checks read it; a stored `CareerEntry` fits. Deleted (tombstoned) are skipped. */
export type DossierCareerEntry = Pick<CareerEntry, 'id' | 'from' | 'to' | 'unit' | 'post' | 'kind'> & {
  deleted?: boolean;
};

/** An education record as the checks read it; a stored `Education` fits. Deleted ones are skipped. */
export type DossierEducation = Pick<
  Education,
  'id' | 'mode' | 'from' | 'to' | 'school' | 'major' | 'education'
> & { deleted?: boolean };

export interface DossierInput {
  cadre: DossierCadre;
  career: readonly DossierCareerEntry[];
  education: readonly DossierEducation[];
}

export interface CheckOptions {
  /** Reference month (计算年龄时间; the current month by default — the caller's business). Nothing may be later. */
  asOf: Month;
  /** Today as YYYY-MM-DD, for the ID number's birth date (parseIdNumber). */
  today: string;
}

// ---- Rules ------------------------------------------------------------------------------------------------

/** Every rule id with its severity and a short Chinese title (for the 数据校验 screen's filters). */
export const CHECK_RULES = {
  'idNumber.valid': { severity: 'error', title: '身份证号码无效' },
  'idNumber.birth': { severity: 'error', title: '出生年月与身份证号码不一致' },
  'idNumber.sex': { severity: 'error', title: '性别与身份证号码不一致' },
  'workStarted.beforeBirth': { severity: 'error', title: '参加工作时间早于出生年月' },
  'workStarted.under16': { severity: 'warning', title: '参加工作时不满16周岁' },
  'partyJoined.required': { severity: 'error', title: '党员未填入党时间' },
  'partyJoined.under18': { severity: 'error', title: '入党时不满18周岁' },
  'date.future': { severity: 'error', title: '时间晚于当前月份' },
  'period.endBeforeStart': { severity: 'error', title: '截止时间早于起始时间' },
  'study.overlapsWork': { severity: 'warning', title: '全日制学习与工作时间重叠' },
  'education.highest': { severity: 'warning', title: '最高学历与学历学位记录不一致' },
  'career.empty': { severity: 'error', title: '没有简历' },
  'career.startsAfterStudy': { severity: 'error', title: '简历未从开始学习时填起' },
  'career.gap': { severity: 'error', title: '简历不连续' },
  'career.overlap': { severity: 'error', title: '简历时间重叠' },
  'career.openNotLast': { severity: 'error', title: '非最后一段简历未填截止时间' },
  'career.endsBeforeAsOf': { severity: 'error', title: '简历未填到现在' },
  'career.currentPost': { severity: 'warning', title: '现任职务与简历不一致' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type CheckRuleId = keyof typeof CHECK_RULES;

/** A check over one dossier. */
export type DossierCheck = (input: DossierInput, options: CheckOptions) => Finding[];

const finding = (rule: CheckRuleId, field: string, message: string): Finding => ({
  rule,
  severity: CHECK_RULES[rule].severity,
  message,
  field,
});

// ---- Preparation ------------------------------------------------------------------------------------------

/**
 * Months since year 0 (as months.ts monthIndex), NaN for anything that is not a stored 'YYYY-MM'. Parsed by
 * hand: this runs millions of times on the 数据校验 screen. Malformed values are the schema's to report; the
 * checks treat them as missing.
 */
function monthNumber(value: string | null | undefined): number {
  if (value == null || value.length !== 7 || value.charCodeAt(4) !== 45 /* - */) return NaN;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    year = year * 10 + d;
  }
  const m1 = value.charCodeAt(5) - 48;
  const m2 = value.charCodeAt(6) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9) return NaN;
  const month = m1 * 10 + m2;
  if (month < 1 || month > 12) return NaN;
  return year * 12 + month - 1;
}

/** Full years between two month numbers: R − Y, minus 1 if N < M — the same as months.ts fullYears. */
const fullYearsBetween = (from: number, to: number): number => Math.floor((to - from) / 12);

interface Span<T> {
  readonly item: T;
  /** Month number; NaN when malformed. */
  readonly from: number;
  /** Month number; Infinity when open (to = null); NaN when malformed. */
  readonly to: number;
  /** from and to well-formed and to ≥ from (or open): usable for continuity and overlap. */
  readonly usable: boolean;
}

function span<T extends { from: string; to: string | null; deleted?: boolean }>(item: T): Span<T> {
  const from = monthNumber(item.from);
  const to = item.to == null ? Infinity : monthNumber(item.to);
  return { item, from, to, usable: !Number.isNaN(from) && !Number.isNaN(to) && to >= from };
}

interface Prepared {
  readonly cadre: DossierCadre;
  readonly asOf: number;
  readonly asOfText: string;
  readonly today: string;
  readonly birth: number;
  /** Live career segments in input order. */
  readonly career: readonly Span<DossierCareerEntry>[];
  /** Usable career segments by start, then end (open last). */
  readonly sortedCareer: readonly Span<DossierCareerEntry>[];
  /** Live education records in input order. */
  readonly education: readonly Span<DossierEducation>[];
}

function prepare(input: DossierInput, options: CheckOptions): Prepared {
  if (!isMonth(options.asOf)) throw new Error(`checks: asOf must be a YYYY-MM month, got ${options.asOf}`);
  const career: Span<DossierCareerEntry>[] = [];
  const sortedCareer: Span<DossierCareerEntry>[] = [];
  for (const entry of input.career) {
    if (entry.deleted === true) continue;
    const s = span(entry);
    career.push(s);
    if (s.usable) sortedCareer.push(s);
  }
  sortedCareer.sort((a, b) => a.from - b.from || (a.to === b.to ? 0 : a.to < b.to ? -1 : 1));
  const education: Span<DossierEducation>[] = [];
  for (const record of input.education) if (record.deleted !== true) education.push(span(record));
  return {
    cadre: input.cadre,
    asOf: monthNumber(options.asOf),
    asOfText: printMonth(options.asOf),
    today: options.today,
    birth: monthNumber(input.cadre.birth),
    career,
    sortedCareer,
    education,
  };
}

// ---- Wording ----------------------------------------------------------------------------------------------

const WHITESPACE = /\s+/g;
const squeeze = (s: string | null | undefined): string => (s ? s.replace(WHITESPACE, '') : '');

/** '2008.07--2012.03' or '2008.07--' as on the printed 简历. */
const period = (from: string, to: string | null): string => `${printMonth(from)}--${printMonth(to)}`;

/** 简历“2008.07--2012.03 新城区委组织部科员” */
const careerLabel = (e: DossierCareerEntry, noun = '简历'): string =>
  `${noun}“${period(e.from, e.to)} ${e.unit}${e.post ?? ''}”`;

/** 学历学位“2004.09--2008.07 某大学法学” */
const educationLabel = (e: DossierEducation, noun = '学历学位'): string =>
  `${noun}“${period(e.from, e.to)} ${e.school}${e.major ?? ''}”`;


// ---- The rules --------------------------------------------------------------------------------------------

type Rule = (p: Prepared, out: Finding[]) => void;

/** idNumber.valid, idNumber.birth, idNumber.sex: the number is valid; birth month and sex agree with it. */
const idNumberRule: Rule = (p, out) => {
  const { cadre } = p;
  const parsed = parseIdNumber(cadre.idNumber ?? '', p.today);
  if (!parsed.ok) {
    out.push(finding('idNumber.valid', 'idNumber', parsed.reason));
    return; // nothing to compare birth and sex with
  }
  const id = parsed.value;
  if (cadre.birth !== id.birthMonth) {
    const idBirth = printMonth(id.birthMonth);
    out.push(
      finding(
        'idNumber.birth',
        'birth',
        cadre.birth
          ? `出生年月 ${printMonth(cadre.birth)} 与身份证号码中的出生年月 ${idBirth} 不一致，请核对出生年月或身份证号码`
          : `出生年月未填，身份证号码中的出生年月为 ${idBirth}，请核对后填写`,
      ),
    );
  }
  if (cadre.sex !== id.sex) {
    out.push(
      finding(
        'idNumber.sex',
        'sex',
        cadre.sex
          ? `性别“${caption('sex', cadre.sex)}”与身份证号码不一致：号码第17位表示“${caption('sex', id.sex)}”，请核对性别或身份证号码`
          : `性别未填，身份证号码第17位表示“${caption('sex', id.sex)}”，请核对后填写`,
      ),
    );
  }
};

/** workStarted.beforeBirth (error), workStarted.under16 (warning). */
const workStartedRule: Rule = (p, out) => {
  const work = monthNumber(p.cadre.workStarted);
  if (Number.isNaN(work) || Number.isNaN(p.birth)) return;
  const printed = printMonth(p.cadre.workStarted);
  if (work < p.birth) {
    out.push(
      finding(
        'workStarted.beforeBirth',
        'workStarted',
        `参加工作时间 ${printed} 早于出生年月 ${printMonth(p.cadre.birth)}，请核对`,
      ),
    );
    return;
  }
  const age = fullYearsBetween(p.birth, work);
  if (age < 16) {
    out.push(
      finding(
        'workStarted.under16',
        'workStarted',
        `参加工作时间 ${printed} 时年仅${age}岁，不满16周岁，请核对参加工作时间和出生年月`,
      ),
    );
  }
};

/** Codes of 政治面貌 that require 入党时间: 01 中共党员, 02 中共预备党员. */
const PARTY_MEMBER = new Set(['01', '02']);

/** partyJoined.required, partyJoined.under18 (both errors). */
const partyJoinedRule: Rule = (p, out) => {
  const { cadre } = p;
  if (cadre.partyJoined == null || cadre.partyJoined === '') {
    if (PARTY_MEMBER.has(cadre.politicalStatus)) {
      out.push(
        finding(
          'partyJoined.required',
          'partyJoined',
          `政治面貌为“${caption('politicalStatus', cadre.politicalStatus)}”，请填写入党时间`,
        ),
      );
    }
    return;
  }
  const joined = monthNumber(cadre.partyJoined);
  if (Number.isNaN(joined) || Number.isNaN(p.birth)) return;
  const printed = printMonth(cadre.partyJoined);
  if (joined < p.birth) {
    out.push(
      finding('partyJoined.under18', 'partyJoined', `入党时间 ${printed} 早于出生年月 ${printMonth(cadre.birth)}，请核对`),
    );
    return;
  }
  const age = fullYearsBetween(p.birth, joined);
  if (age < 18) {
    out.push(
      finding(
        'partyJoined.under18',
        'partyJoined',
        `入党时间 ${printed} 时年仅${age}岁，不满18周岁，请核对入党时间和出生年月`,
      ),
    );
  }
};

/** date.future: no month after asOf — birth, 参加工作, 入党, and every career/education start and end. */
const futureDatesRule: Rule = (p, out) => {
  const { cadre, asOf } = p;
  const later = (field: string, label: string, value: string | null | undefined, n: number) => {
    if (n > asOf) {
      out.push(finding('date.future', field, `${label} ${printMonth(value)} 晚于 ${p.asOfText}，不能填写将来的时间`));
    }
  };
  later('birth', '出生年月', cadre.birth, p.birth);
  later('workStarted', '参加工作时间', cadre.workStarted, monthNumber(cadre.workStarted));
  later('partyJoined', '入党时间', cadre.partyJoined, monthNumber(cadre.partyJoined));
  for (const s of p.career) {
    const e = s.item;
    later(`career.${e.id}.from`, `${careerLabel(e)}的起始时间`, e.from, s.from);
    if (e.to != null) later(`career.${e.id}.to`, `${careerLabel(e)}的截止时间`, e.to, s.to);
  }
  for (const s of p.education) {
    const e = s.item;
    later(`education.${e.id}.from`, `${educationLabel(e)}的入学时间`, e.from, s.from);
    if (e.to != null) later(`education.${e.id}.to`, `${educationLabel(e)}的毕业时间`, e.to, s.to);
  }
};

/** period.endBeforeStart: per career segment and education record. */
const periodsRule: Rule = (p, out) => {
  for (const s of p.career) {
    if (s.to < s.from) {
      const e = s.item;
      out.push(
        finding(
          'period.endBeforeStart',
          `career.${e.id}.to`,
          `${careerLabel(e)}的截止时间 ${printMonth(e.to)} 早于起始时间 ${printMonth(e.from)}，请核对`,
        ),
      );
    }
  }
  for (const s of p.education) {
    if (s.to < s.from) {
      const e = s.item;
      out.push(
        finding(
          'period.endBeforeStart',
          `education.${e.id}.to`,
          `${educationLabel(e)}的毕业时间 ${printMonth(e.to)} 早于入学时间 ${printMonth(e.from)}，请核对`,
        ),
      );
    }
  }
};

/**
 * study.overlapsWork (warning): a full-time education record overlaps a career segment of kind 'work'.
 * Periods share their boundary month without overlapping (as career segments do: graduating 2008.07 and
 * starting work 2008.07 is fine), so they overlap when each starts before the other ends; an open period
 * runs on. One finding per (study, work) pair, on the study's boundary that lies inside the work: its end
 * when the work began during the study, else its start. O(full-time records × segments): a handful each.
 */
const studyWorkRule: Rule = (p, out) => {
  for (const study of p.education) {
    if (study.item.mode !== 'fullTime' || !study.usable) continue;
    for (const work of p.career) {
      if (work.item.kind !== 'work' || !work.usable) continue;
      if (study.from < work.to && work.from < study.to) {
        const edge = work.from >= study.from ? 'to' : 'from';
        out.push(
          finding(
            'study.overlapsWork',
            `education.${study.item.id}.${edge}`,
            `${educationLabel(study.item, '全日制学习')}与${careerLabel(work.item, '工作经历')}时间重叠，` +
              '请核对两者的起止时间',
          ),
        );
      }
    }
  }
};

/** 学历 code → level from the code table (same level = equal: 研究生 and 中央党校研究生 are both 7). */
const EDUCATION_LEVEL: ReadonlyMap<string, number> = new Map(
  codeTables.education.entries.flatMap((e) => (e.level === undefined ? [] : [[e.code, e.level] as const])),
);
const SUMMARY_FIELD = {
  fullTime: 'fullTimeEducation.education',
  inService: 'inServiceEducation.education',
} as const;

/**
 * education.highest — a WARNING, not an error: the basic record's 学历 is what the forms print and LRMX
 * carries, while the education records are often incomplete (an LRMX import brings no records at all; older
 * studies are added late), so a mismatch asks the officer which side is right rather than marking the dossier
 * broken.
 * Only runs when at least one record has a known 学历. The field is the summary slot to fix: the slot of the
 * higher record's mode when the records are higher, else the slot holding the basic record's highest.
 */
const highestEducationRule: Rule = (p, out) => {
  let best: DossierEducation | undefined;
  let bestLevel = -1;
  for (const s of p.education) {
    const level = EDUCATION_LEVEL.get(s.item.education);
    if (level !== undefined && level > bestLevel) {
      best = s.item;
      bestLevel = level;
    }
  }
  if (!best) return;
  const { fullTimeEducation, inServiceEducation } = p.cadre;
  const ftLevel = (fullTimeEducation.education && EDUCATION_LEVEL.get(fullTimeEducation.education)) || -1;
  const isLevel = (inServiceEducation.education && EDUCATION_LEVEL.get(inServiceEducation.education)) || -1;
  const basicMode = ftLevel >= isLevel ? 'fullTime' : 'inService';
  const basicLevel = Math.max(ftLevel, isLevel);
  if (basicLevel === bestLevel) return;
  const recordCaption = caption('education', best.education);
  if (basicLevel < 0) {
    out.push(
      finding(
        'education.highest',
        SUMMARY_FIELD[best.mode],
        `基本信息未填学历，学历学位记录中的最高学历为“${recordCaption}”（${best.school}），` +
          `请在${best.mode === 'fullTime' ? '全日制' : '在职'}教育中填写`,
      ),
    );
    return;
  }
  const basicCode = basicMode === 'fullTime' ? fullTimeEducation.education : inServiceEducation.education;
  const basicCaption = caption('education', basicCode);
  if (bestLevel > basicLevel) {
    out.push(
      finding(
        'education.highest',
        SUMMARY_FIELD[best.mode],
        `学历学位记录中的最高学历为“${recordCaption}”（${best.school}），高于基本信息中的最高学历“${basicCaption}”，请核对`,
      ),
    );
  } else {
    out.push(
      finding(
        'education.highest',
        SUMMARY_FIELD[basicMode],
        `基本信息中的最高学历为“${basicCaption}”，但学历学位记录中最高为“${recordCaption}”，请补充学历学位记录或核对基本信息`,
      ),
    );
  }
};

/**
 * Career coverage: career.empty, career.startsAfterStudy, career.gap, career.overlap, career.openNotLast,
 * career.endsBeforeAsOf (all errors). Segments sorted by start; each is compared with the furthest-reaching
 * segment so far, so a segment inside a longer one is an overlap and a gap is measured from the latest end.
 * An open segment followed by another is reported once and continuity resumes from the following one.
 * Segments with a malformed month or an end before their start are left out (period.endBeforeStart reports
 * the latter). The first segment must start no later than the earliest education record (any mode).
 */
const careerContinuityRule: Rule = (p, out) => {
  if (p.career.length === 0) {
    out.push(finding('career.empty', 'career', '没有简历：简历应从开始学习时填起，逐段连续填到现在'));
    return;
  }
  const sorted = p.sortedCareer;
  const first = sorted[0];
  if (!first) return;

  let firstStudy: Span<DossierEducation> | undefined;
  for (const s of p.education) {
    if (!Number.isNaN(s.from) && (!firstStudy || s.from < firstStudy.from)) firstStudy = s;
  }
  if (firstStudy && first.from > firstStudy.from) {
    const start = printMonth(first.item.from);
    const studied = printMonth(firstStudy.item.from);
    out.push(
      finding(
        'career.startsAfterStudy',
        `career.${first.item.id}.from`,
        `简历从 ${start} 开始，但${educationLabel(firstStudy.item)}已于 ${studied} 入学：` +
          `${studied} 至 ${start} 之间没有简历，简历应从开始学习时填起`,
      ),
    );
  }

  let reach = first;
  for (let i = 1; i < sorted.length; i++) {
    const next = sorted[i]!;
    if (reach.to === Infinity) {
      out.push(
        finding(
          'career.openNotLast',
          `career.${reach.item.id}.to`,
          `${careerLabel(reach.item)}未填截止时间，但其后还有${careerLabel(next.item)}：只有最后一段简历可以不填截止时间，请填写截止时间`,
        ),
      );
      reach = next;
      continue;
    }
    if (next.from > reach.to) {
      out.push(
        finding(
          'career.gap',
          `career.${next.item.id}.from`,
          `${printMonth(reach.item.to)} 至 ${printMonth(next.item.from)} 之间简历不连续，请补上这段经历或核对前后两段的起止时间`,
        ),
      );
    } else if (next.from < reach.to) {
      out.push(
        finding(
          'career.overlap',
          `career.${next.item.id}.from`,
          `${careerLabel(next.item)}与${careerLabel(reach.item)}时间重叠：前一段的截止时间应与后一段的起始时间相同，请核对`,
        ),
      );
    }
    if (next.to > reach.to) reach = next;
  }
  if (reach.to < p.asOf) {
    out.push(
      finding(
        'career.endsBeforeAsOf',
        `career.${reach.item.id}.to`,
        `简历截止 ${printMonth(reach.item.to)}，之后至今没有记录，请补上此后的经历；仍在任的一段不填截止时间`,
      ),
    );
  }
};

/**
 * career.currentPost (warning): the open last segment agrees with 现任职务. "Agrees": after removing all
 * whitespace, one text contains the other (副部长 agrees with 新城区委组织部副部长). The segment's text is its
 * post, or its unit when the post is empty (some 简历 lines keep everything in one field). An empty 现任职务
 * next to an open segment is a warning too. No open last segment: nothing to compare.
 */
const currentPostRule: Rule = (p, out) => {
  const last = p.sortedCareer.at(-1);
  if (!last || last.to !== Infinity) return;
  const current = squeeze(p.cadre.currentPost);
  if (current === '') {
    out.push(
      finding('career.currentPost', 'currentPost', `${careerLabel(last.item)}仍在任，但现任职务未填，请填写现任职务`),
    );
    return;
  }
  const text = squeeze(last.item.post) || squeeze(last.item.unit);
  if (text !== '' && (text.includes(current) || current.includes(text))) return;
  out.push(
    finding(
      'career.currentPost',
      'currentPost',
      `现任职务“${p.cadre.currentPost.trim()}”与${careerLabel(last.item)}不一致，请核对现任职务或简历`,
    ),
  );
};

// ---- Public API -------------------------------------------------------------------------------------------

const single =
  (rule: Rule): DossierCheck =>
  (input, options) => {
    const out: Finding[] = [];
    rule(prepare(input, options), out);
    return out;
  };

export const checkIdNumber: DossierCheck = single(idNumberRule);
export const checkWorkStarted: DossierCheck = single(workStartedRule);
export const checkPartyJoined: DossierCheck = single(partyJoinedRule);
export const checkFutureDates: DossierCheck = single(futureDatesRule);
export const checkPeriods: DossierCheck = single(periodsRule);
export const checkStudyWorkOverlap: DossierCheck = single(studyWorkRule);
export const checkHighestEducation: DossierCheck = single(highestEducationRule);
export const checkCareerContinuity: DossierCheck = single(careerContinuityRule);
export const checkCurrentPost: DossierCheck = single(currentPostRule);

const ALL_RULES: readonly Rule[] = [
  idNumberRule,
  workStartedRule,
  partyJoinedRule,
  futureDatesRule,
  periodsRule,
  studyWorkRule,
  highestEducationRule,
  careerContinuityRule,
  currentPostRule,
];

/**
 * All 三龄两历 checks over one dossier, in the order above (basic record, dates, education, career); within a
 * rule, in record order. `[]` means clean. Throws only when `options.asOf` is not a 'YYYY-MM' month.
 */
export function checkDossier(input: DossierInput, options: CheckOptions): Finding[] {
  const p = prepare(input, options);
  const out: Finding[] = [];
  for (const rule of ALL_RULES) rule(p, out);
  return out;
}
