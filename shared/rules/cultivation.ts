import { caption, lookup } from '../code';
import type { FieldProblem } from '../catalog/recordType';
import { printMonth, type Month } from './months';

// 培养历练 rules (docs/cultivation.md): the refusals of a record that need more than its own fields (the database
// passes in what they read: the class, the cadre, the cadre's other postings), and the figures of the statistics
// page — hours per cadre and year against the requirement, quota fill per audience, what followed a village
// posting — computed from plain records so they are tested without a database.

/** The "3411" programme's yearly quotas by audience: 300 处级, 400 科级, 100 社区书记, 100 非公/社会组织书记. */
export const DEFAULT_QUOTAS = { county: 300, section: 400, community: 100, nonPublic: 100 } as const;
/**
 * Hours a cadre should earn in a year by default: 干部教育培训工作条例 asks 550 学时 in five years, 110 a year.
 * Each year's programme carries its own figure (the setting an administrator edits).
 */
export const DEFAULT_REQUIRED_HOURS = 110;

export const MAX_TRIAL_MONTHS = 24;

export type AudienceKey = keyof typeof DEFAULT_QUOTAS;

// ---- refusals ----------------------------------------------------------------------------------------------

/**
 * A trial period of at least one month and at most two years; a 任用案例 only with the outcome 任用 (the case is
 * what the appointment went through).
 */
export function actingPostProblems(data: { trialMonths?: unknown; outcome?: unknown; appointmentCase?: unknown }): FieldProblem[] {
  const out: FieldProblem[] = [];
  const m = data.trialMonths;
  if (typeof m === 'number' && m <= 0) out.push({ path: 'trialMonths', message: '试用期不能为0个月，请填写1至24个月' });
  if (typeof m === 'number' && m > MAX_TRIAL_MONTHS) out.push({ path: 'trialMonths', message: `试用期不能超过2年（24个月），现为${m}个月，请核对` });
  if (data.appointmentCase && data.outcome !== 'appointed') {
    out.push({ path: 'appointmentCase', message: '只有结果为“任用”时才关联任用案例，请将结果改为任用，或清空任用案例' });
  }
  return out;
}

/** A linked 选拔任用纪实 must name the cadre among its candidates (the case the appointment went through). */
export function actingCaseProblem(
  cadreId: string,
  linked: { postTitle: string; deleted: boolean; candidates: readonly { cadreId: string }[] } | undefined,
): FieldProblem | null {
  if (!linked || linked.deleted) return { path: 'appointmentCase', message: '所选的选拔任用纪实已不存在，请重新选择' };
  if (!linked.candidates.some((k) => k.cadreId === cadreId)) {
    return { path: 'appointmentCase', message: `“${linked.postTitle}选任”的人选中没有该干部，请选择该干部作为人选的选拔任用纪实` };
  }
  return null;
}

/** 0 for 一般干部 (no post level), 1 副科 … 4 正处 (the postLevel table's levels). */
export const postLevelRank = (code: string | null | undefined): number => (code ? (lookup('postLevel', code)?.level ?? 0) : 0);

/** 科级顶岗处级 or 一般干部顶岗科级, from the level acted in. */
export function actingKind(actingLevel: string | null | undefined): 'county' | 'section' {
  return postLevelRank(actingLevel) >= 3 ? 'county' : 'section';
}
export const ACTING_KINDS = { county: '科级顶岗处级', section: '一般干部顶岗科级' } as const;

/** An acting post must be above the cadre's own post level. */
export function actingLevelProblem(ownLevel: string | null | undefined, actingLevel: string): FieldProblem | null {
  if (postLevelRank(actingLevel) > postLevelRank(ownLevel)) return null;
  const own = ownLevel ? caption('postLevel', ownLevel) : '一般干部';
  return {
    path: 'actingLevel',
    message: `顶岗职务层次（${caption('postLevel', actingLevel)}）不高于该干部现职务层次（${own}），顶岗应为高一层次的职务，请核对`,
  };
}

export interface Period {
  id?: string;
  from: Month;
  /** null: still running. */
  to: Month | null;
}

/** Whether two month ranges share a month; an open end runs on for ever. */
export const periodsOverlap = (a: Period, b: Period): boolean => a.from <= (b.to ?? '9999-12') && b.from <= (a.to ?? '9999-12');

/** A cadre is on one secondment or village posting at a time: the first other one the candidate overlaps. */
export function overlapProblem(candidate: Period, others: readonly (Period & { what: string })[]): FieldProblem | null {
  const hit = others.find((o) => o.id !== candidate.id && periodsOverlap(candidate, o));
  if (!hit) return null;
  return {
    path: 'from',
    message: `该干部${printMonth(hit.from)}--${printMonth(hit.to)}已在${hit.what}，时间与本次重叠；同一时间只能登记一处挂职或驻村，请核对起止时间`,
  };
}

/** A village posting needs a cadre who was 在职 at its start. */
export function notServingProblem(cadre: { status: string; statusDate: string | null }, from: Month): FieldProblem | null {
  if (cadre.status === '01') return null;
  // left after the posting began: the posting itself is fine
  if (cadre.statusDate && cadre.statusDate.slice(0, 7) > from) return null;
  const when = cadre.statusDate ? `已于${cadre.statusDate}` : '已';
  return {
    path: 'from',
    message: `该干部${when}${caption('cadreStatus', cadre.status)}，驻村起始时间${printMonth(from)}时不在职，不能登记驻村；请核对起始时间或人员状态`,
  };
}

export interface Trainee {
  id?: string;
  cadreId: string | null;
  name: string;
  unitName: string;
}

/** Who a trainee is: a cadre by id, anyone else by name and unit. */
export const traineeKey = (t: Trainee): string => (t.cadreId ? `c:${t.cadreId}` : `n:${t.name.trim()}|${t.unitName.trim()}`);

/** The same person enrolled twice in one class. */
export function duplicateEnrollmentProblem(candidate: Trainee, enrolled: readonly Trainee[]): FieldProblem | null {
  const key = traineeKey(candidate);
  const hit = enrolled.find((e) => e.id !== candidate.id && traineeKey(e) === key);
  return hit ? { path: 'name', message: `${candidate.name}已在本培训班的学员名单中，同一人不能重复报名` } : null;
}

/** Hours earned cannot exceed the class's. */
export function hoursProblem(hours: number | null, classHours: number): FieldProblem | null {
  if (hours == null || hours <= classHours) return null;
  return { path: 'hours', message: `获得学时${hours}超过了本培训班的学时${classHours}，请核对` };
}

// ---- figures -----------------------------------------------------------------------------------------------

export interface EnrollmentFacts extends Trainee {
  classId: string;
  year: number;
  hours: number | null;
  completed: boolean;
}

export interface Shortfall {
  cadreId: string;
  hours: number;
  missing: number;
}

/** The cadres below the requirement, fewest hours first (equal hours: in the order given, e.g. 姓氏笔画). */
export function shortfallList(cadreIds: readonly string[], hours: ReadonlyMap<string, number>, required: number): Shortfall[] {
  const out: Shortfall[] = [];
  for (const cadreId of cadreIds) {
    const h = hours.get(cadreId) ?? 0;
    if (h < required) out.push({ cadreId, hours: h, missing: required - h });
  }
  return out.sort((a, b) => a.hours - b.hours);
}

export interface Promotion {
  month: Month;
  /** "任副处" or "晋升四级调研员". */
  what: string;
}

interface PostStep {
  /** Named in the promotion's text when given (the statistics count promotions and read the levels only). */
  title?: string;
  postLevel: string | null;
  from: Month;
  to: Month | null;
}
interface RankStep {
  rank: string;
  from: Month;
  to: Month | null;
}

const rankLevel = (code: string) => lookup('rank', code)?.level ?? 0;

/**
 * Whether and when a cadre was promoted after a village posting began: the first post of a higher level, or the
 * first rank above the one held, taken from the posting's start on — read from the post and rank history, never
 * typed in.
 */
export function promotionAfter(start: Month, posts: readonly PostStep[], ranks: readonly RankStep[]): Promotion | null {
  const heldAt = <T extends { from: Month; to: Month | null }>(s: T) => s.from < start && (s.to === null || s.to >= start);
  const postBase = Math.max(0, ...posts.filter(heldAt).map((p) => postLevelRank(p.postLevel)));
  const rankBase = Math.max(0, ...ranks.filter(heldAt).map((r) => rankLevel(r.rank)));
  const found: Promotion[] = [];
  const post = [...posts].sort((a, b) => a.from.localeCompare(b.from)).find((p) => p.from >= start && postLevelRank(p.postLevel) > postBase);
  if (post) found.push({ month: post.from, what: `任${caption('postLevel', post.postLevel)}${post.title ? `（${post.title}）` : ''}` });
  const rank = [...ranks].sort((a, b) => a.from.localeCompare(b.from)).find((r) => r.from >= start && rankLevel(r.rank) > rankBase);
  if (rank) found.push({ month: rank.from, what: `晋升${caption('rank', rank.rank)}` });
  return found.sort((a, b) => a.month.localeCompare(b.month))[0] ?? null;
}

/** Counts of records by a key, in the order the keys are given (zeros kept, so every chart has its categories). */
export function countBy<T>(items: Iterable<T>, keyOf: (item: T) => string, keys: readonly string[]): { key: string; count: number }[] {
  const counts = new Map(keys.map((k) => [k, 0]));
  for (const item of items) {
    const k = keyOf(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => ({ key, count }));
}

/** Whether a record starting in `from` belongs to the year. */
export const startsIn = (from: string, year: number): boolean => from.slice(0, 4) === String(year);
