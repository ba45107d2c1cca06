import { REWARD_KINDS, type RewardPunishment } from '../domain/cadre';
import { CHECK_RESULTS, HANDLINGS, type Handling, type PersonalMattersReport, type SupervisionAction } from '../domain/supervision';
import type { Month } from './months';

// Blocking periods (docs/supervision.md "Blocking periods"; docs/domain.md "Rank promotion"): the inclusive
// 'YYYY-MM-DD' periods in which a cadre may not be promoted — from admonishments, from the handlings of
// personal-matters findings, and from the 纪律处分 / 组织处理 in the dossier's 奖惩. Pure: the selection work's rank
// and post checks and the dossier read the same answer. Lengths are local settings with these defaults.

export interface BlockSettings {
  /** An admonishment (诫勉) in force, when the record does not give its own months. */
  admonishmentMonths: number;
  /** Per handling of a 漏报 / 瞒报 finding; 0 blocks nothing. */
  handlingMonths: Record<Handling, number>;
  /** A 纪律处分 / 组织处理 whose 影响期结束 is empty runs this long from its start (0: no block). */
  punishmentMonths: { discipline: number; organizational: number };
}

export const DEFAULT_BLOCK_SETTINGS: BlockSettings = {
  admonishmentMonths: 6,
  handlingMonths: {
    none: 0,
    criticism: 0,
    correction: 0,
    admonishment: 6,
    disqualify: 12,
    transfer: 12,
    dismissal: 12,
    demotion: 24,
    discipline: 12,
  },
  punishmentMonths: { discipline: 12, organizational: 12 },
};

export interface Block {
  reason: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The first day of a month. */
export const firstDay = (month: Month): string => `${month}-01`;

/** The last day of a month. */
export function lastDay(month: Month): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad(daysIn(y, m))}`;
}

/** The day before the same day `months` later (clamped to the month's end): a period of that many months. */
export function endAfterMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const end = new Date(Date.UTC(ty, tm - 1, Math.min(d, daysIn(ty, tm)) - 1));
  return `${end.getUTCFullYear()}-${pad(end.getUTCMonth() + 1)}-${pad(end.getUTCDate())}`;
}

/** A period cut short by a revocation on `revoked` (that day is its last); null when revoked before it began. */
function revokedAt(block: Block, revoked: string | null | undefined): Block | null {
  if (!revoked) return block;
  if (revoked < block.from) return null;
  return revoked < block.to ? { ...block, to: revoked } : block;
}

function fromRewards(rewards: readonly RewardPunishment[], s: BlockSettings): Block[] {
  const out: Block[] = [];
  for (const r of rewards) {
    if (r.deleted || (r.kind !== 'discipline' && r.kind !== 'organizational')) continue;
    const start = r.effectiveFrom ?? r.date;
    const months = s.punishmentMonths[r.kind];
    if (!r.effectiveTo && months <= 0) continue;
    // month precision: the first day of the start month to the last day of the end month
    const to = r.effectiveTo ? lastDay(r.effectiveTo) : endAfterMonths(firstDay(start), months);
    // a revocation known to the month ends the period on that month's first day
    const block = revokedAt({ reason: `${REWARD_KINDS[r.kind]}：${r.title}`, from: firstDay(start), to }, r.revoked ? firstDay(r.revoked) : null);
    if (block && block.to >= block.from) out.push(block);
  }
  return out;
}

function fromActions(actions: readonly SupervisionAction[], s: BlockSettings): Block[] {
  const out: Block[] = [];
  for (const a of actions) {
    if (a.deleted || a.kind !== 'admonishment') continue;
    const months = a.months ?? s.admonishmentMonths;
    if (months <= 0) continue;
    const block = revokedAt({ reason: `诫勉：${a.reason}`, from: a.date, to: endAfterMonths(a.date, months) }, a.revoked);
    if (block) out.push(block);
  }
  return out;
}

function fromReports(reports: readonly PersonalMattersReport[], s: BlockSettings): Block[] {
  const out: Block[] = [];
  for (const r of reports) {
    if (r.deleted || (r.result !== 'omitted' && r.result !== 'concealed')) continue;
    const months = s.handlingMonths[r.handling];
    const start = r.handledOn ?? r.checkedOn;
    if (months <= 0 || !start) continue;
    out.push({
      reason: `${r.year}年度个人有关事项报告${CHECK_RESULTS[r.result]}，${HANDLINGS[r.handling]}`,
      from: start,
      to: endAfterMonths(start, months),
    });
  }
  return out;
}

/**
 * The periods in which a cadre may not be promoted, in order of their start. Tombstones are ignored; a period
 * revoked before it began is dropped.
 */
export function cadreBlocks(
  input: { rewards: RewardPunishment[]; actions: SupervisionAction[]; reports: PersonalMattersReport[] },
  settings: BlockSettings = DEFAULT_BLOCK_SETTINGS,
): { reason: string; from: string; to: string }[] {
  return [...fromRewards(input.rewards, settings), ...fromActions(input.actions, settings), ...fromReports(input.reports, settings)].sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
  );
}

/** The periods in force on a day. */
export const blocksInForce = (blocks: readonly Block[], day: string): Block[] => blocks.filter((b) => b.from <= day && day <= b.to);
