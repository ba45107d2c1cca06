import { caption, lookup } from '../code';
import { describeDuration, fullYears, monthsBetween } from './months';

// 领导职务 conditions shown on a candidate (docs/domain.md "Leadership posts"; 党政领导干部选拔任用工作条例, 2019).
// Each check says whether it is met and why; a check that is not met needs a written 破格 note on the candidate,
// except the ones the regulation words as "usually" (一般应), which are shown for the people deciding.

/** What the checks read of a candidate: when they started work, the post history and trial periods. */
export interface CandidateHistory {
  workStarted: string | null;
  posts: readonly { postLevel: string | null; from: string; to: string | null }[];
  trials: readonly { from: string; to: string; status: string }[];
}

export interface PostCheck {
  label: string;
  /** null: cannot be decided from the records (shown for the inspection to verify). */
  met: boolean | null;
  reason: string;
  /** When not met: a 破格 note is required (false for the "usually" conditions). */
  needsException: boolean;
}

const levelOf = (code: string | null | undefined): number => (code ? (lookup('postLevel', code)?.level ?? 0) : 0);
const codeOfLevel = (level: number): string | null => ({ 4: '1A', 3: '1B', 2: '2A', 1: '2B' })[level] ?? null;
const county = (code: string): boolean => code === '1A' || code === '1B';

/**
 * Months held at `level` in the stint that runs up to `asOf` (entries of that level following one another with no
 * gap of more than a month); 0 when the cadre does not hold it at asOf.
 */
export function monthsAtLevel(posts: CandidateHistory['posts'], level: string, asOf: string): number {
  const atLevel = posts.filter((p) => p.postLevel === level && p.from <= asOf).sort((a, b) => (a.from < b.from ? 1 : -1));
  let start: string | null = null;
  for (const p of atLevel) {
    const end = p.to ?? asOf;
    if (start === null) {
      if (end < asOf) return 0;
      start = p.from;
    } else if (monthsBetween(end, start) <= 1) {
      if (p.from < start) start = p.from;
    } else break;
  }
  return start === null ? 0 : Math.max(0, monthsBetween(start, asOf));
}

/** The highest post level held at `asOf` (an open entry, or one ending at or after it). */
export function currentLevel(posts: CandidateHistory['posts'], asOf: string): string | null {
  let best: string | null = null;
  for (const p of posts) {
    if (p.from <= asOf && (p.to === null || p.to >= asOf) && levelOf(p.postLevel) > levelOf(best)) best = p.postLevel;
  }
  return best;
}

/** The month of the last move up a level (the start of an entry above everything held before it), or null. */
export function lastPromotion(posts: CandidateHistory['posts'], asOf: string): string | null {
  const sorted = posts.filter((p) => p.from <= asOf && p.postLevel).sort((a, b) => (a.from < b.from ? -1 : 1));
  let highest = 0;
  let last: string | null = null;
  for (const p of sorted) {
    const l = levelOf(p.postLevel);
    if (l > highest) {
      if (highest > 0) last = p.from;
      highest = l;
    }
  }
  return last;
}

/**
 * The leadership-post checks for appointing a candidate to a post of `target` level as of a month (`asOf`,
 * 'YYYY-MM'; trial periods are compared with its first day).
 */
export function leadershipChecks(c: CandidateHistory, target: string, asOf: string): PostCheck[] {
  const checks: PostCheck[] = [];
  const targetName = caption('postLevel', target);
  const held = currentLevel(c.posts, asOf);
  const heldLevel = levelOf(held);
  const targetLevel = levelOf(target);
  const promotion = targetLevel > heldLevel;

  if (county(target)) {
    if (!c.workStarted) {
      checks.push({ label: '工作年限', met: false, reason: '未登记参加工作时间，无法核对县处级领导职务须5年以上工作经历', needsException: true });
    } else {
      const years = fullYears(c.workStarted, asOf);
      checks.push({
        label: '工作年限',
        met: years >= 5,
        reason: `参加工作${years}年，县处级领导职务须5年以上工作经历`,
        needsException: true,
      });
    }
    checks.push({ label: '基层工作经历', met: null, reason: '县处级领导职务须2年以上基层工作经历，请考察时核实', needsException: false });
  }

  if (promotion && held) {
    const sameTier = held[0] === target[0];
    if (sameTier) {
      // 副职 → 正职 of the same level: 2 years as 副职
      const months = monthsAtLevel(c.posts, held, asOf);
      checks.push({
        label: '任职年限',
        met: months >= 24,
        reason: `任${caption('postLevel', held)} ${describeDuration(months)}，由副职提任正职须任副职2年以上`,
        needsException: true,
      });
    } else {
      // 下级正职 → 上级副职: 3 years as the lower 正职
      const months = monthsAtLevel(c.posts, held, asOf);
      const fromChief = held === '2A';
      checks.push({
        label: '任职年限',
        met: fromChief && months >= 36,
        reason: fromChief
          ? `任乡科级正职 ${describeDuration(months)}，由下级正职提任上级副职须任下级正职3年以上`
          : `现任${caption('postLevel', held)}，提任${targetName}一般应由下级正职提任，且须任下级正职3年以上`,
        needsException: true,
      });
    }
    if (county(target)) {
      const below = codeOfLevel(targetLevel - 1);
      const count = below ? c.posts.filter((p) => p.postLevel === below && p.from <= asOf).length : 0;
      checks.push({
        label: '下一级职位经历',
        met: count >= 2,
        reason: `担任过${count}个${below ? caption('postLevel', below) : ''}职位，提任县处级以上一般应具有两个以上下一级职位经历`,
        needsException: false,
      });
    }
  } else if (promotion) {
    checks.push({ label: '任职年限', met: null, reason: '无现任领导职务记录，请核对职务任免记录', needsException: false });
  }

  if (promotion) {
    const firstDay = `${asOf}-01`;
    const trial = c.trials.find((t) => t.status === 'running' && t.from <= firstDay && firstDay <= t.to);
    checks.push({
      label: '试用期',
      met: !trial,
      reason: trial ? `试用期至 ${trial.to}，试用期内不得提拔` : '不在试用期内',
      needsException: true,
    });
    const last = lastPromotion(c.posts, asOf);
    const since = last ? monthsBetween(last, asOf) : null;
    checks.push({
      label: '提拔间隔',
      met: since === null || since >= 12,
      reason: since === null ? '无此前提拔记录' : `上次提拔于 ${last}，距今 ${describeDuration(since)}，提拔后一般须满1年`,
      needsException: true,
    });
  }
  return checks;
}

/** The checks that are not met and need a 破格 note. */
export const checksNeedingException = (checks: readonly PostCheck[]): PostCheck[] =>
  checks.filter((c) => c.met === false && c.needsException);
