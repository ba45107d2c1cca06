import { caption } from '../code';
import { UserError } from '../errors';
import { describeDuration, monthIndex } from './months';
import { nextRankOf, rankPromotionEligibility, rankPromotionVerdict, type RankPromotionInput, type RankPromotionSettings } from './rankPromotion';
import { monthsAtLevel } from './selectionPosts';
import type { Block } from './selectionCase';

// The rank-promotion eligibility list (docs/selection.md "Rank promotion"; docs/domain.md "Rank promotion"): every
// cadre with a rank in a unit subtree, as of a month, with reasons for the eligible and the not yet eligible.
// rankPromotionEligibility compares rank with rank; the list adds the post equivalences (time as 县处级正职 counts
// toward 一级调研员, …), which need the post history. It proposes; people decide (不搞到点必提).

/** The post level whose time counts as time in the rank below each target rank code. */
export const POST_EQUIVALENT_OF_TARGET: Readonly<Record<string, string>> = {
  '03': '1A', // 一级调研员 ← 二级调研员 or 县处级正职
  '05': '1B', // 三级调研员 ← 四级调研员 or 县处级副职
  '07': '2A', // 一级主任科员 ← 二级主任科员 or 乡科级正职
  '09': '2B', // 三级主任科员 ← 四级主任科员 or 乡科级副职
};

export interface EligibilityCadre {
  id: string;
  name: string;
  unitId: string;
  rank: string | null;
  rankSince: string | null;
  posts: readonly { postLevel: string | null; from: string; to: string | null }[];
  assessments: readonly { year: number; grade: string }[];
}

export interface EligibilityRow {
  cadreId: string;
  name: string;
  unitId: string;
  rank: string | null;
  nextRank: string | null;
  eligible: boolean;
  earliest: string | null;
  reasons: string[];
}

/** One cadre's row: the rank rule, with the post equivalence applied when it counts from earlier. */
export function eligibilityOf(c: EligibilityCadre, asOf: string, blocks: readonly Block[], settings?: RankPromotionSettings): EligibilityRow {
  return rowOf(c, asOf, blocks, settings, true);
}

/**
 * Whether the cadre is eligible, without the reasons' wording (rankPromotionVerdict: the rule's own code with the
 * wording left out, so it equals eligibilityOf(…).eligible): for a search that only filters by it.
 */
export function isEligible(c: EligibilityCadre, asOf: string, blocks: readonly Block[], settings?: RankPromotionSettings): boolean {
  return rowOf(c, asOf, blocks, settings, false).eligible;
}

function rowOf(c: EligibilityCadre, asOf: string, blocks: readonly Block[], settings: RankPromotionSettings | undefined, words: boolean): EligibilityRow {
  // built whole in one literal: a spread of a shared base was a fifth of a district list's time
  const row = (nextRank: string | null, eligible: boolean, earliest: string | null, reasons: string[]): EligibilityRow => ({
    cadreId: c.id,
    name: c.name,
    unitId: c.unitId,
    rank: c.rank,
    nextRank,
    eligible,
    earliest,
    reasons,
  });
  if (!c.rank) return row(null, false, null, ['未登记现职级']);
  if (!c.rankSince) return row(null, false, null, ['未登记任现职级时间，请在干部档案中补充']);
  try {
    let since = c.rankSince;
    let equivalence = '';
    const target = nextRankOf(c.rank);
    const level = target ? POST_EQUIVALENT_OF_TARGET[target] : undefined;
    if (level && since <= asOf) {
      const months = monthsAtLevel(c.posts, level, asOf);
      if (months > 0 && monthIndex(asOf) - months < monthIndex(since)) {
        const start = monthIndex(asOf) - months;
        since = `${String(Math.floor(start / 12)).padStart(4, '0')}-${String((start % 12) + 1).padStart(2, '0')}`;
        if (words) equivalence = `任${caption('postLevel', level)}（${describeDuration(months)}）自 ${since} 起，按规定视同任${caption('rank', c.rank)}的时间计算`;
      }
    }
    const input = { rank: c.rank, rankSince: since, assessments: c.assessments as RankPromotionInput['assessments'], blocks: blocks as RankPromotionInput['blocks'] };
    const r = words ? rankPromotionEligibility(input, asOf, settings) : rankPromotionVerdict(input, asOf, settings);
    return row(r.nextRank, r.eligible, r.earliest, equivalence ? [equivalence, ...r.reasons] : r.reasons);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return row(null, false, null, [e.message]);
  }
}

/**
 * A row with the rule's verdict now and its reasons worded when they are first read (then kept): the screen shows
 * 50 rows at a time, and wording every row was about half of a district list's computation. The verdict is the
 * rule's own code without the wording (rankPromotionVerdict, held equal to the full rule by a property test), and
 * the reasons are eligibilityOf's, so the row reads exactly as eligibilityOf's does.
 */
function lazyRow(c: EligibilityCadre, asOf: string, blocks: readonly Block[], settings: RankPromotionSettings | undefined): EligibilityRow {
  const v = rowOf(c, asOf, blocks, settings, false);
  let words: string[] | undefined;
  return {
    cadreId: v.cadreId,
    name: v.name,
    unitId: v.unitId,
    rank: v.rank,
    nextRank: v.nextRank,
    eligible: v.eligible,
    earliest: v.earliest,
    get reasons(): string[] {
      return (words ??= rowOf(c, asOf, blocks, settings, true).reasons);
    },
  };
}

/**
 * The list as of a month: the cadres given (already narrowed to a subtree and to those in service), eligible first,
 * then by the earliest month they could be.
 */
export function eligibilityList(
  cadres: Iterable<EligibilityCadre>,
  asOf: string,
  blocksOf: (cadreId: string) => readonly Block[],
  settings?: RankPromotionSettings,
): EligibilityRow[] {
  const rows: EligibilityRow[] = [];
  for (const c of cadres) if (c.rank) rows.push(lazyRow(c, asOf, blocksOf(c.id), settings));
  // months are "YYYY-MM": compared as plain strings (the same order as localeCompare's, at a fraction of its cost)
  return rows.sort((a, b) => {
    if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
    const x = a.earliest ?? '9999';
    const y = b.earliest ?? '9999';
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** A round's bad input: a cadre twice, a rank that is not the next one, a block in force on the decision date. */
export function roundProblems(
  entries: readonly { cadreId: string; fromRank: string; toRank: string }[],
  decidedOn: string,
  env: { cadreName: (id: string) => string; currentRank: (id: string) => string | null; blocks: (id: string) => readonly Block[] },
): string[] {
  const out: string[] = [];
  if (!entries.length) out.push('本批次没有晋升人员，请从符合条件名单中选择');
  const seen = new Set<string>();
  for (const e of entries) {
    const name = env.cadreName(e.cadreId);
    if (seen.has(e.cadreId)) out.push(`${name}在本批次中出现两次，同一干部一个批次只能晋升一次，请删去重复的一条`);
    seen.add(e.cadreId);
    const current = env.currentRank(e.cadreId);
    if (current !== e.fromRank) {
      out.push(`${name}现职级为${caption('rank', current) || '未登记'}，与名单中的原职级${caption('rank', e.fromRank)}不一致，请刷新名单后重新选择`);
    }
    let next: string | null = null;
    try {
      next = nextRankOf(e.fromRank);
    } catch {
      next = null;
    }
    if (next !== e.toRank) out.push(`${name}由${caption('rank', e.fromRank)}只能晋升为${caption('rank', next) || '（无更高职级）'}，不能晋升为${caption('rank', e.toRank)}`);
    for (const b of env.blocks(e.cadreId)) {
      if (b.from <= decidedOn && decidedOn <= b.to) out.push(`${name}：${b.reason}影响期 ${b.from} 至 ${b.to}，决定日期 ${decidedOn} 在影响期内，不能晋升`);
    }
  }
  return out;
}
