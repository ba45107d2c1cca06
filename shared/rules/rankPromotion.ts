import { z } from 'zod';
import { caption, codeTables, lookup } from '../code';
import { UserError } from '../errors';
import { describeDuration, formatMonth, isMonth, type Month } from './months';
import { isDay } from './workingDays';

// 职级晋升 eligibility (docs/domain.md "Rank promotion"): one cadre, one month, rank against rank only — the post
// equivalences ("or 县处级正职") need the post history and belong to the eligibility list. The answer is a
// proposal with its reasons, for eligible and not-yet-eligible alike; people decide (不搞到点必提).
//
// Semantics decided here where the rules are silent:
// - Time in rank is counted in whole months from the rankSince month: rankSince 2023-03 meets 2 years in 2025-03.
// - The assessment years are every year from the rankSince year to the year before asOf. The rankSince year is
//   required even when the cadre took the rank in December: the cadre was assessed for that year in any case, and
//   a poor grade that year is exactly what the rule looks for. `requirePartialFirstYear: false` requires it only
//   when the rank was held from January. asOf's own year is never required (its assessment comes after it ends);
//   in January–February last year's may not be recorded yet, and is then named as missing rather than guessed.
// - Every year of the rank counts, not only the last two: a 基本称职 anywhere in the rank bars by default. A
//   district that lets such a year restart the count instead lists the grade in `resetGrades`.
// - Where 优秀 years shorten the time (excellentYearShortensMonths), the years counted are those known as of asOf,
//   so `earliest` may move earlier as later 优秀 years are recorded.
// - A block bars when it covers the first day of the asOf month; one starting later in the month or after is
//   named but does not bar (the round checks blocks again on its decision date).

/** Minimum years in the rank below, by the target rank's code (公务员职务与职级并行规定, 2019). */
export const DEFAULT_MIN_YEARS: Readonly<Record<string, number>> = {
  '01': 4, // 一级巡视员 ← 二级巡视员
  '02': 4, // 二级巡视员 ← 一级调研员
  '03': 3, // 一级调研员 ← 二级调研员
  '04': 2, // 二级调研员 ← 三级调研员
  '05': 2, // 三级调研员 ← 四级调研员
  '06': 2, // 四级调研员 ← 一级主任科员
  '07': 2, // 一级主任科员 ← 二级主任科员
  '08': 2, // 二级主任科员 ← 三级主任科员
  '09': 2, // 三级主任科员 ← 四级主任科员
  '10': 2, // 四级主任科员 ← 一级科员
  '11': 2, // 一级科员 ← 二级科员
};

/** Assessment grades that meet the condition by default: 优秀, 称职. */
export const DEFAULT_PASSING_GRADES: readonly string[] = ['1', '2'];

const rankEntries = codeTables.rank.entries;
const gradeCodes = new Set(codeTables.assessmentGrade.entries.map((e) => e.code));
/** Targets: every rank that has one below it. */
const targetCodes = new Set(Object.keys(DEFAULT_MIN_YEARS));

const grade = (label: string) =>
  z.string().refine((c) => gradeCodes.has(c), {
    error: (issue) => `${label}中的“${String(issue.input)}”不在年度考核结果代码表中`,
  });

/** The local settings an administrator edits (docs/domain.md calls the assessment conditions local settings). */
export const rankPromotionSettingsSchema = z.object({
  /** Minimum years by target rank code; whole months (2.5 is 2年6个月). Missing codes keep the defaults. */
  minYears: z
    .record(
      z.string(),
      z
        .number({ error: '晋升年限应为数字' })
        .min(0, '晋升年限不能为负数')
        .max(50, '晋升年限不能超过50年')
        .refine((y) => Math.abs(y * 12 - Math.round(y * 12)) < 1e-9, '晋升年限应能折算为整月，例如 2 或 2.5'),
    )
    // Keys checked here rather than by a key schema: zod reports a bad record key only as "Invalid key in record".
    .superRefine((byRank, ctx) => {
      for (const key of Object.keys(byRank)) {
        if (!targetCodes.has(key)) {
          ctx.addIssue({ code: 'custom', path: [key], message: `晋升年限设置中的职级代码“${key}”不是可晋升到的职级` });
        }
      }
    })
    .optional(),
  /** Grades that meet the assessment condition (default 优秀, 称职). */
  passingGrades: z.array(grade('合格考核等次')).min(1, '请至少选择一个符合条件的考核等次').optional(),
  /** Whether a year in the rank without an assessment bars promotion (default true). */
  missingYearBars: z.boolean().optional(),
  /** Whether the rankSince year is required when the rank was taken after January (default true). */
  requirePartialFirstYear: z.boolean().optional(),
  /** Months the time in rank shortens per 优秀 year in the period (default 0: 优秀 does not shorten it). */
  excellentYearShortensMonths: z
    .number({ error: '优秀年度缩短的月数应为数字' })
    .int('优秀年度缩短的月数应为整数')
    .min(0, '优秀年度缩短的月数不能为负数')
    .max(24, '优秀年度缩短的月数不能超过24个月')
    .optional(),
  /**
   * Grades that restart the count instead of barring (e.g. ['3'] for 基本称职): time in rank and the assessment
   * years then run from the January after the last such year. Default none.
   */
  resetGrades: z.array(grade('重新计算任职年限的考核等次')).optional(),
});

export type RankPromotionSettings = z.input<typeof rankPromotionSettingsSchema>;

export interface RankPromotionInput {
  rank: string;
  rankSince: string;
  assessments: { year: number; grade: string }[];
  blocks: { reason: string; from: string; to: string }[];
}

export interface RankPromotionResult {
  eligible: boolean;
  nextRank: string | null;
  earliest: string | null;
  reasons: string[];
}

interface Resolved {
  minMonths: (target: string) => number;
  passing: ReadonlySet<string>;
  /** How the passing grades read in a reason ("称职以上"), worked out once per settings. */
  passingPhrase: string;
  missingYearBars: boolean;
  requirePartialFirstYear: boolean;
  excellentYearShortensMonths: number;
  resetGrades: ReadonlySet<string>;
}

const DEFAULTS: Resolved = {
  minMonths: (target) => (DEFAULT_MIN_YEARS[target] ?? 0) * 12,
  passing: new Set(DEFAULT_PASSING_GRADES),
  passingPhrase: passingPhrase(new Set(DEFAULT_PASSING_GRADES)),
  missingYearBars: true,
  requirePartialFirstYear: true,
  excellentYearShortensMonths: 0,
  resetGrades: new Set(),
};

// An eligibility list calls the rule once per cadre with the same settings object: validate it once. The cache
// is keyed by object and checked against its JSON, so a settings object changed in place is validated afresh.
const resolvedCache = new WeakMap<object, { json: string; resolved: Resolved }>();

function resolve(settings: RankPromotionSettings | undefined): Resolved {
  if (settings == null) return DEFAULTS;
  const json = JSON.stringify(settings);
  const cached = resolvedCache.get(settings);
  if (cached?.json === json) return cached.resolved;
  const resolved = resolveAfresh(settings);
  resolvedCache.set(settings, { json, resolved });
  return resolved;
}

function resolveAfresh(settings: RankPromotionSettings): Resolved {
  const parsed = rankPromotionSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    throw new UserError(`职级晋升设置有误：${parsed.error.issues[0]?.message ?? '请检查设置'}`);
  }
  const s = parsed.data;
  const both = s.resetGrades?.find((g) => s.passingGrades?.includes(g) ?? DEFAULT_PASSING_GRADES.includes(g));
  if (both !== undefined) {
    throw new UserError(`职级晋升设置有误：“${caption('assessmentGrade', both)}”不能既符合条件又重新计算任职年限`);
  }
  const minYears = s.minYears ?? {};
  const passing = s.passingGrades ? new Set(s.passingGrades) : DEFAULTS.passing;
  return {
    minMonths: (target) => Math.round((minYears[target] ?? DEFAULT_MIN_YEARS[target] ?? 0) * 12),
    passing,
    passingPhrase: passingPhrase(passing),
    missingYearBars: s.missingYearBars ?? true,
    requirePartialFirstYear: s.requirePartialFirstYear ?? true,
    excellentYearShortensMonths: s.excellentYearShortensMonths ?? 0,
    resetGrades: new Set(s.resetGrades ?? []),
  };
}

/** The rank one step above, or null at the top (一级巡视员). Throws a UserError on an unknown code. */
export function nextRankOf(rank: string): string | null {
  const entry = lookup('rank', rank);
  if (!entry || entry.level === undefined) {
    throw new UserError(`职级代码“${rank}”不在职级代码表中，请在干部档案中重新选择现职级`);
  }
  return rankEntries.find((e) => e.level === (entry.level ?? 0) + 1)?.code ?? null;
}

// ---- Wording ----------------------------------------------------------------------------------------------

const COUNT = ['', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
const countWord = (n: number): string => COUNT[n] ?? String(n);

/** "称职以上" for 优秀+称职, "基本称职以上" for the three best, otherwise the grades listed. */
function passingPhrase(passing: ReadonlySet<string>): string {
  const ordered = ['1', '2', '3', '4'];
  for (let k = 2; k <= ordered.length; k += 1) {
    const top = ordered.slice(0, k);
    if (passing.size === k && top.every((c) => passing.has(c))) return `${caption('assessmentGrade', top[k - 1])}以上`;
  }
  return `均为${[...passing].sort().map((c) => caption('assessmentGrade', c)).join('或')}`;
}

// ---- Validation -------------------------------------------------------------------------------------------

/** A month as a running index (year × 12 + month − 1), so the rest is integer arithmetic. */
function checkMonth(value: string, label: string): number {
  if (typeof value !== 'string' || !isMonth(value)) {
    throw new UserError(`${label}“${String(value)}”格式不对，应为“年-月”，例如 2023-03`);
  }
  // isMonth has vouched for the shape: read the digits directly (a list calls this 200,000 times).
  return Number(value.slice(0, 4)) * 12 + Number(value.slice(5, 7)) - 1;
}

const monthAt = (index: number): Month => formatMonth(Math.floor(index / 12), (index % 12) + 1);

function gradesByYear(assessments: RankPromotionInput['assessments']): Map<number, string> {
  const byYear = new Map<number, string>();
  for (const a of assessments) {
    if (!Number.isInteger(a.year) || a.year < 1900 || a.year > 9999) {
      throw new UserError(`考核年度“${String(a.year)}”无效，应为四位年份，例如 2024`);
    }
    if (!gradeCodes.has(a.grade)) {
      throw new UserError(`${a.year}年度考核结果代码“${a.grade}”不在年度考核结果代码表中，请在干部档案中重新选择`);
    }
    const earlier = byYear.get(a.year);
    if (earlier !== undefined && earlier !== a.grade) {
      throw new UserError(
        `${a.year}年度有两个不同的考核结果（${caption('assessmentGrade', earlier)}、${caption('assessmentGrade', a.grade)}），请在干部档案中删去错误的一条`,
      );
    }
    byYear.set(a.year, a.grade);
  }
  return byYear;
}

function checkBlocks(blocks: RankPromotionInput['blocks']): void {
  for (const b of blocks) {
    if (!isDay(b.from) || !isDay(b.to)) {
      throw new UserError(`“${b.reason}”的影响期 ${String(b.from)} 至 ${String(b.to)} 日期格式不对，应为 YYYY-MM-DD`);
    }
    if (b.to < b.from) throw new UserError(`“${b.reason}”的影响期结束日期 ${b.to} 早于开始日期 ${b.from}，请检查`);
  }
}

// ---- The rule ---------------------------------------------------------------------------------------------

/**
 * Whether a cadre meets the conditions for the next rank as of a month, with reasons either way. Throws a
 * UserError (Chinese) on an unknown rank or grade code, a malformed month or date, rankSince after asOf, or
 * invalid settings.
 */
export function rankPromotionEligibility(
  input: RankPromotionInput,
  asOf: string,
  settings?: RankPromotionSettings,
): RankPromotionResult {
  return evaluate(input, asOf, settings, true);
}

/**
 * The same answer without its reasons (`reasons` is empty): what a district list sorts and counts by, the reasons
 * worked out only for the rows shown (shared/rules/selectionEligibility.ts). The very same code as
 * rankPromotionEligibility with the wording left out, so the two cannot disagree; throws as it does.
 */
export function rankPromotionVerdict(input: RankPromotionInput, asOf: string, settings?: RankPromotionSettings): RankPromotionResult {
  return evaluate(input, asOf, settings, false);
}

function evaluate(input: RankPromotionInput, asOf: string, settings: RankPromotionSettings | undefined, words: boolean): RankPromotionResult {
  const s = resolve(settings);
  const nextRank = nextRankOf(input.rank);
  const rankSince = input.rankSince;
  const sinceIndex = checkMonth(rankSince, '任现职级时间');
  const nowIndex = checkMonth(asOf, '计算时间');
  if (nowIndex < sinceIndex) {
    throw new UserError(`任现职级时间 ${rankSince} 晚于计算时间 ${asOf}，请检查任现职级时间`);
  }
  const grades = gradesByYear(input.assessments);
  checkBlocks(input.blocks);

  const rankName = words ? caption('rank', input.rank) : '';
  const inRank = words ? `任${rankName} ${describeDuration(nowIndex - sinceIndex)}` : '';
  if (nextRank === null) {
    return { eligible: false, nextRank: null, earliest: null, reasons: words ? [inRank, `${rankName}是最高职级，没有可晋升的职级`] : [] };
  }

  const reasons: string[] = [];
  let eligible = true;

  // Assessment years (firstYear … lastYear), and a reset moving the start of the count.
  const sinceYear = Math.floor(sinceIndex / 12);
  const lastYear = Math.floor(nowIndex / 12) - 1;
  let firstYear = sinceIndex % 12 > 0 && !s.requirePartialFirstYear ? sinceYear + 1 : sinceYear;
  let countFrom = sinceIndex;
  let resetNote = '';
  for (let year = sinceYear; year <= lastYear; year += 1) {
    const g = grades.get(year);
    if (g !== undefined && s.resetGrades.has(g)) {
      firstYear = year + 1;
      countFrom = (year + 1) * 12;
      // never empty when a grade reset the count, worded or not
      resetNote = words ? `${year}年度考核${caption('assessmentGrade', g)}，任职年限自 ${monthAt(countFrom)} 起重新计算` : 'reset';
    }
  }
  const yearCount = Math.max(0, lastYear - firstYear + 1);

  // Time in rank.
  let excellent = 0;
  if (s.excellentYearShortensMonths > 0) {
    for (let year = firstYear; year <= lastYear; year += 1) if (grades.get(year) === '1') excellent += 1;
  }
  const full = s.minMonths(nextRank);
  const shortening = Math.min(full, excellent * s.excellentYearShortensMonths);
  const required = full - shortening;
  const earliest = monthAt(countFrom + required);
  const served = nowIndex - countFrom;
  const timeMet = served >= required;
  if (!timeMet) eligible = false;
  if (words) {
    const needed = describeDuration(required);
    const verdict = timeMet ? `已满${needed}` : `不满${needed}（${earliest} 满）`;
    if (resetNote === '') {
      reasons.push(`${inRank}，${verdict}`);
    } else {
      reasons.push(inRank, resetNote, `重新计算后已任 ${describeDuration(served)}，${verdict}`);
    }
    if (shortening > 0) {
      reasons.push(`${firstYear}年以来${excellent}个年度考核优秀，任职年限要求缩短${describeDuration(shortening)}`);
    }
  }

  // Assessments.
  const phrase = s.passingPhrase;
  let problems = 0;
  let barring = 0;
  for (let year = firstYear; year <= lastYear; year += 1) {
    const g = grades.get(year);
    if (g === undefined) {
      problems += 1;
      if (s.missingYearBars) {
        barring += 1;
        if (words) reasons.push(`${year}年度无考核结果`);
      } else if (words) {
        reasons.push(`${year}年度无考核结果（按本地设置不影响晋升）`);
      }
    } else if (!s.passing.has(g)) {
      problems += 1;
      barring += 1;
      if (words) reasons.push(`${year}年度考核${caption('assessmentGrade', g)}`);
    }
  }
  if (barring > 0) eligible = false;
  if (!words) {
    // nothing else to word
  } else if (yearCount === 0) {
    const from = resetNote === '' ? '任现职级以来' : '重新计算任职年限以来';
    reasons.push(`${from}尚无已结束的考核年度，暂不审核年度考核`);
  } else if (problems === 0) {
    reasons.push(
      yearCount === 1
        ? `${lastYear}年度考核${phrase}`
        : `近${countWord(yearCount)}年考核${phrase}（${firstYear}—${lastYear}年度）`,
    );
  } else if (problems < yearCount && barring === 0) {
    reasons.push(`其余年度考核${phrase}`);
  }

  // Blocking periods.
  const firstDay = `${asOf}-01`;
  let inForce = 0;
  for (const b of input.blocks) {
    if (b.from <= firstDay && firstDay <= b.to) {
      inForce += 1;
      eligible = false;
      if (words) reasons.push(`${b.reason}影响期至 ${b.to}`);
    } else if (b.from > firstDay && words) {
      reasons.push(`${b.reason}影响期自 ${b.from} 起至 ${b.to}，${asOf} 月初尚未开始`);
    }
  }
  if (inForce === 0 && words) reasons.push('无在影响期内的处分、诫勉等情形');

  return { eligible, nextRank, earliest, reasons };
}
