import { caption } from '../code';
import { UserError } from '../errors';
import { CASE_STAGES, STAGE_ORDER, type AppointmentCaseFields, type CaseCandidate, type CaseStage } from '../domain/selection';
import { checksNeedingException, type PostCheck } from './selectionPosts';
import { calendarCovers, countWorkingDays, addWorkingDays, missingYearsWarning, type HolidayCalendar } from './workingDays';

// The appointment case's step machine (docs/selection.md "The case"; docs/domain.md "Appointment procedure"):
// 动议 → 民主推荐 → 确定考察对象 → 考察 → [凡提四必 gate] → 讨论决定 → 任前公示 → 任职. A step is completed by
// checking what it recorded; the problems are plain Chinese, all of them at once, and nothing is saved while any
// remains. Everything the rules need from elsewhere (four checks, blocks, other cases, the vacancy, the post
// checks) comes in through CaseEnv, so this module stays pure.

/** Working days a 任前公示 lasts at least. */
export const PUBLICITY_WORKING_DAYS = 5;

/** The 凡提四必 checks still missing for a cadre (empty: complete). */
export type FourChecksReader = (cadreId: string) => readonly string[];

export interface Block {
  reason: string;
  from: string;
  to: string;
}

export interface CaseEnv {
  calendar: HolidayCalendar;
  fourChecksMissing: FourChecksReader;
  blocks: (cadreId: string) => readonly Block[];
  cadreName: (cadreId: string) => string;
  /** The candidate's leadership-post checks for this case's post level (shared/rules/selectionPosts.ts). */
  postChecks: (cadreId: string) => readonly PostCheck[];
  /** Other cases still open (neither 任职 nor 终止), this one excluded. */
  otherOpenCases: readonly { unitId: string; postTitle: string; candidates: readonly { cadreId: string }[] }[];
  /** The post level's quota in the unit and how many hold it now; null when the unit has no establishment. */
  vacancy: { quota: number; filled: number } | null;
}

const stageName = (s: CaseStage) => CASE_STAGES[s];

/** The stage after `stage` in the working order; null after 任职 or when closed. */
export function nextStage(stage: CaseStage): CaseStage | null {
  const i = STAGE_ORDER.indexOf(stage);
  return i < 0 || i + 1 >= STAGE_ORDER.length ? null : STAGE_ORDER[i + 1]!;
}

export const isOpen = (stage: CaseStage): boolean => stage !== 'appointed' && stage !== 'closed';

/** The decision rule: at least 2/3 of the members due present, and more than half of those due in favour. */
export function decisionProblems(d: { membersDue: number | null; membersPresent: number | null; votesFor: number | null }): string[] {
  const due = d.membersDue ?? 0;
  const present = d.membersPresent ?? 0;
  const votes = d.votesFor ?? 0;
  if (due <= 0) return ['请填写应到会成员人数'];
  const out: string[] = [];
  if (present > due) out.push(`实到会成员 ${present} 人多于应到 ${due} 人，请核对`);
  if (votes > present) out.push(`同意票 ${votes} 票多于实到会成员 ${present} 人，请核对`);
  if (present * 3 < due * 2) {
    out.push(`应到会成员 ${due} 人，实到 ${present} 人，不足三分之二（至少 ${Math.ceil((due * 2) / 3)} 人），不能作出任用决定`);
  }
  if (votes * 2 <= due) {
    out.push(`同意票 ${votes} 票，未超过应到会成员 ${due} 人的半数（至少 ${Math.floor(due / 2) + 1} 票），不能作出任用决定`);
  }
  return out;
}

export interface PublicityCheck {
  problems: string[];
  /** The calendar lacks a year the period touches: counted with weekends only. */
  warning: string;
  /** The earliest day a 5-working-day 公示 starting on publicityFrom can end. */
  earliestEnd: string | null;
}

/** 任前公示: not before the decision, at least 5 working days, objections handled. */
export function publicityCheck(c: Pick<AppointmentCaseFields, 'decisionOn' | 'publicityFrom' | 'publicityTo' | 'objections' | 'objectionsHandled'>, calendar: HolidayCalendar): PublicityCheck {
  const problems: string[] = [];
  if (!c.publicityFrom || !c.publicityTo) {
    return { problems: ['请填写公示开始日期和结束日期'], warning: '', earliestEnd: null };
  }
  if (c.publicityTo < c.publicityFrom) problems.push(`公示结束日期 ${c.publicityTo} 早于开始日期 ${c.publicityFrom}，请核对`);
  if (c.decisionOn && c.publicityFrom < c.decisionOn) problems.push(`公示开始日期 ${c.publicityFrom} 早于讨论决定日期 ${c.decisionOn}，应在决定后公示`);
  const earliestEnd = addWorkingDays(c.publicityFrom, PUBLICITY_WORKING_DAYS, calendar);
  let warning = '';
  if (c.publicityTo >= c.publicityFrom) {
    const days = countWorkingDays(c.publicityFrom, c.publicityTo, calendar);
    if (days < PUBLICITY_WORKING_DAYS) {
      problems.push(`公示期 ${c.publicityFrom} 至 ${c.publicityTo} 只有 ${days} 个工作日，不少于${PUBLICITY_WORKING_DAYS}个工作日，最早 ${earliestEnd} 结束`);
    }
    warning = missingYearsWarning(calendarCovers(calendar, c.publicityFrom, c.publicityTo > earliestEnd ? c.publicityTo : earliestEnd).missingYears);
  }
  if ((c.objections ?? 0) > 0 && !c.objectionsHandled.trim()) problems.push(`公示期间收到 ${c.objections} 件反映，请填写反映处理情况`);
  return { problems, warning, earliestEnd };
}

/** The last day of a one-year trial beginning on `day` (the day before the same date a year later). */
export function trialEnd(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const end = new Date(0);
  // setUTCFullYear, not Date.UTC (which maps years 0–99 to 1900–1999); day d−1 of a month rolls back correctly
  end.setUTCFullYear(y + 1, m - 1, d - 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(end.getUTCFullYear()).padStart(4, '0')}-${pad(end.getUTCMonth() + 1)}-${pad(end.getUTCDate())}`;
}

const shortlisted = (c: AppointmentCaseFields) => c.candidates.filter((k) => k.shortlisted);
const chosenOf = (c: AppointmentCaseFields): CaseCandidate[] => c.candidates.filter((k) => k.chosen);

function duplicateCandidates(c: AppointmentCaseFields, env: CaseEnv): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of c.candidates) {
    if (seen.has(k.cadreId)) out.push(`${env.cadreName(k.cadreId)}在人选中出现两次，请删去重复的一条`);
    seen.add(k.cadreId);
  }
  return out;
}

/** A candidate already in another open case for the same post of the same unit. */
export function samePostProblems(c: Pick<AppointmentCaseFields, 'unitId' | 'postTitle' | 'candidates'>, env: Pick<CaseEnv, 'otherOpenCases' | 'cadreName'>): string[] {
  const out: string[] = [];
  const title = c.postTitle.trim();
  for (const k of c.candidates) {
    const other = env.otherOpenCases.find((o) => o.unitId === c.unitId && o.postTitle.trim() === title && o.candidates.some((x) => x.cadreId === k.cadreId));
    if (other) out.push(`${env.cadreName(k.cadreId)}已是另一件尚未办结的“${title}”选任纪实的人选，同一干部同一职务不能同时办理两件，请先办结或终止那一件`);
  }
  return out;
}

function blockProblems(cadreId: string, day: string, env: CaseEnv): string[] {
  return env.blocks(cadreId)
    .filter((b) => b.from <= day && day <= b.to)
    .map((b) => `${env.cadreName(cadreId)}：${b.reason}影响期 ${b.from} 至 ${b.to}，${day} 在影响期内，不得提拔或进一步使用`);
}

/** What the 凡提四必 gate still lacks, per shortlisted candidate. */
export function gateProblems(c: AppointmentCaseFields, env: Pick<CaseEnv, 'fourChecksMissing' | 'cadreName'>): string[] {
  return shortlisted(c).flatMap((k) => {
    const missing = env.fourChecksMissing(k.cadreId);
    return missing.length ? [`凡提四必未完成：${env.cadreName(k.cadreId)}尚缺${missing.map((m) => `“${m}”`).join('、')}，完成后才能进入讨论决定`] : [];
  });
}

function quotaProblem(c: AppointmentCaseFields, env: CaseEnv): string[] {
  const v = env.vacancy;
  if (!v || v.filled < v.quota || c.overQuotaReason.trim()) return [];
  return [`该单位${caption('postLevel', c.postLevel)}职数核定 ${v.quota} 名、现有 ${v.filled} 名，已无空缺；超职数任职须填写超职数说明`];
}

const INSPECTION_ASPECTS = [
  ['virtue', '德'],
  ['ability', '能'],
  ['diligence', '勤'],
  ['achievement', '绩'],
  ['integrity', '廉'],
] as const;

/** Why the case cannot complete its current step (and move to the next); empty when it can. */
export function stepProblems(c: AppointmentCaseFields, env: CaseEnv): string[] {
  const name = env.cadreName;
  switch (c.stage) {
    case 'motion': {
      const out: string[] = [];
      if (!c.analysis.trim()) out.push('请填写动议分析（班子结构、岗位需要和空缺情况）');
      return [...out, ...quotaProblem(c, env)];
    }
    case 'recommendation': {
      const out: string[] = [];
      if (!c.candidates.length) out.push('请至少登记一名推荐人选');
      const anyChannel = c.candidates.some((k) => k.leaderNominated || k.committeeNominated || (k.talkVotes ?? 0) > 0 || (k.meetingVotes ?? 0) > 0);
      if (c.candidates.length && !anyChannel) out.push('请登记推荐情况：区级领导推荐、党委（党组）推荐、谈话调研推荐或会议推荐至少一项');
      const due = c.meetingDue ?? 0;
      const present = c.meetingPresent ?? 0;
      if (present > due) out.push(`会议推荐实到 ${present} 人多于应到 ${due} 人，请核对`);
      for (const k of c.candidates) {
        if ((k.meetingVotes ?? 0) > present) out.push(`${name(k.cadreId)}的会议推荐票 ${k.meetingVotes} 票多于实到 ${present} 人，请核对`);
        if ((k.talkVotes ?? 0) > (c.talkCount ?? 0)) out.push(`${name(k.cadreId)}的谈话调研推荐票 ${k.talkVotes} 票多于谈话人数 ${c.talkCount ?? 0} 人，请核对`);
      }
      return [...out, ...duplicateCandidates(c, env), ...samePostProblems(c, env)];
    }
    case 'shortlist':
      return shortlisted(c).length ? samePostProblems(c, env) : ['请至少确定一名考察对象'];
    case 'inspection': {
      const out: string[] = [];
      if (!c.inspectionOn) out.push('请填写考察日期');
      if (!c.inspectionTeam.trim()) out.push('请填写考察组成员');
      for (const k of shortlisted(c)) {
        const empty = INSPECTION_ASPECTS.filter(([key]) => !k[key].trim()).map(([, label]) => label);
        if (empty.length) out.push(`${name(k.cadreId)}的考察材料缺少“${empty.join('、')}”方面的情况`);
      }
      return [...out, ...gateProblems(c, env)];
    }
    case 'decision': {
      const out: string[] = [];
      if (!c.decisionOn) out.push('请填写讨论决定日期');
      out.push(...decisionProblems(c));
      const chosen = chosenOf(c);
      if (chosen.length !== 1) out.push(chosen.length ? '拟任人选只能有一名，请核对' : '请确定拟任人选');
      for (const k of chosen) {
        if (!k.shortlisted) out.push(`${name(k.cadreId)}不是考察对象，不能作为拟任人选`);
        const unmet = checksNeedingException(env.postChecks(k.cadreId));
        if (unmet.length && !k.exceptionNote.trim()) {
          out.push(`${name(k.cadreId)}不符合${unmet.map((u) => `“${u.label}”`).join('、')}条件（${unmet.map((u) => u.reason).join('；')}），破格提拔须填写破格说明`);
        }
        if (c.decisionOn) out.push(...blockProblems(k.cadreId, c.decisionOn, env));
      }
      return [...out, ...gateProblems(c, env), ...samePostProblems({ ...c, candidates: chosen }, env)];
    }
    case 'publicity': {
      const out = [...publicityCheck(c, env.calendar).problems];
      if (!c.documentNo.trim()) out.push('请填写任免文号');
      if (!c.appointedOn) out.push('请填写任职日期');
      else if (c.publicityTo && c.appointedOn <= c.publicityTo) out.push(`任职日期 ${c.appointedOn} 不在公示期满（${c.publicityTo}）之后，公示期满后才能任职`);
      for (const k of chosenOf(c)) if (c.appointedOn) out.push(...blockProblems(k.cadreId, c.appointedOn, env));
      return [...out, ...quotaProblem(c, env)];
    }
    case 'appointed':
      return ['该选任纪实已任职办结'];
    case 'closed':
      return ['该选任纪实已终止'];
  }
}

/** Warnings shown beside the step: they do not stop it. */
export function stepWarnings(c: AppointmentCaseFields, env: Pick<CaseEnv, 'calendar'>): string[] {
  if ((c.stage === 'decision' || c.stage === 'publicity') && c.publicityFrom && c.publicityTo) {
    const w = publicityCheck(c, env.calendar).warning;
    return w ? [w] : [];
  }
  return [];
}

/**
 * Completes the current step: the case at the next stage, the step logged with who and when, and at 任职 the trial
 * period's end (non-elected posts). Throws a UserError listing every problem when the step is not complete.
 */
export function completeStep(c: AppointmentCaseFields, env: CaseEnv, by: string, on: string): AppointmentCaseFields {
  const next = nextStage(c.stage);
  const problems = stepProblems(c, env);
  if (problems.length || !next) {
    throw new UserError(`不能完成“${stageName(c.stage)}”：${(problems.length ? problems : ['没有下一步骤']).join('；')}`);
  }
  const done: AppointmentCaseFields = {
    ...c,
    stage: next,
    steps: [...c.steps, { stage: c.stage, on, by, note: `完成${stageName(c.stage)}，进入${stageName(next)}` }],
  };
  if (next === 'appointed') done.trialUntil = c.elected ? null : trialEnd(c.appointedOn!);
  return done;
}

/** 终止: a case closed at any open step, with its reason. */
export function closeCase(c: AppointmentCaseFields, reason: string, by: string, on: string): AppointmentCaseFields {
  if (!isOpen(c.stage)) throw new UserError(`该选任纪实已${stageName(c.stage)}，不能终止`);
  if (!reason.trim()) throw new UserError('请填写终止原因');
  return { ...c, stage: 'closed', closedReason: reason.trim(), steps: [...c.steps, { stage: c.stage, on, by, note: `终止：${reason.trim()}` }] };
}

/** The candidate the case appoints (after 讨论决定). */
export const appointee = (c: AppointmentCaseFields): CaseCandidate | undefined => chosenOf(c)[0];
