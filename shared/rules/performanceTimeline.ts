import { periodMonths, type PerformanceKind } from './performancePeriod';

// A cadre's timeline (docs/performance.md "Analysis"): performance records, conduct, annual assessments, rewards
// and punishments and adjustments in one chronological list, each in its own lane so that positive and negative
// evidence stand side by side. Pure: the caller reads the records and passes them in.

export type TimelineLane = 'performance' | 'positive' | 'negative' | 'assessment' | 'reward' | 'adjustment';

export const LANE_LABELS: Record<TimelineLane, string> = {
  performance: '实绩档案',
  positive: '正面清单',
  negative: '负面清单',
  assessment: '年度考核',
  reward: '奖惩',
  adjustment: '三项机制',
};

export interface TimelineEntry {
  /** 'YYYY-MM' (or a day): the order of the list */
  when: string;
  lane: TimelineLane;
  title: string;
  detail: string;
  /** The record behind the entry (table and id), to link evidence to it. */
  table: string;
  id: string;
}

/** Where a performance record sits in time: the last month of its period (a year's review at its December). */
export const performanceWhen = (kind: PerformanceKind, period: string): string => periodMonths(kind, period).last;

/** Newest first; equal times keep lane order, then title. */
export function sortTimeline(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const order = Object.keys(LANE_LABELS);
  return [...entries].sort(
    (a, b) => b.when.localeCompare(a.when) || order.indexOf(a.lane) - order.indexOf(b.lane) || a.title.localeCompare(b.title),
  );
}

/** Counts of adjustments by mechanism, unit and year ("unit|year|mechanism" → n), and per mechanism overall. */
export function countAdjustments<M extends string>(
  adjustments: Iterable<{ mechanism: M; date: string; unitId: string }>,
): { byKey: Map<string, number>; byMechanism: Map<M, number> } {
  const byKey = new Map<string, number>();
  const byMechanism = new Map<M, number>();
  for (const a of adjustments) {
    const key = `${a.unitId}|${a.date.slice(0, 4)}|${a.mechanism}`;
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
    byMechanism.set(a.mechanism, (byMechanism.get(a.mechanism) ?? 0) + 1);
  }
  return { byKey, byMechanism };
}

/** Full-text match: every space-separated word of the query occurs in the text (case-insensitive). */
export function matchesAll(text: string, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return false;
  const hay = text.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** A short excerpt around the first word found, for a result list. */
export function excerpt(text: string, query: string, width = 40): string {
  const word = query.trim().split(/\s+/)[0] ?? '';
  const at = word ? text.toLowerCase().indexOf(word.toLowerCase()) : -1;
  const start = Math.max(0, at - Math.floor(width / 2));
  const slice = text.slice(start, start + width).replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${slice}${start + width < text.length ? '…' : ''}`;
}

/** A link from an appraisal or adjustment to a record it rests on (docs/performance.md "Analysis"). */
export interface EvidenceLink {
  table: string;
  id: string;
  title: string;
}

/** How a link or a timeline entry is named in a picker: its table and id. */
export const evidenceKey = (r: { table: string; id: string }): string => `${r.table}|${r.id}`;

/**
 * The links picked (by key, in the order picked, each once): named from the cadre's timeline, or kept as they were
 * when the record is no longer on it (deleted since, or a leadership team's appraisal that has no timeline).
 * A key found in neither is dropped.
 */
export function pickedEvidence(keys: readonly string[], timeline: readonly TimelineEntry[], existing: readonly EvidenceLink[]): EvidenceLink[] {
  const known = new Map<string, EvidenceLink>(existing.map((l) => [evidenceKey(l), l]));
  // a link keeps at most 100 characters of the title (the field's limit)
  for (const e of timeline) known.set(evidenceKey(e), { table: e.table, id: e.id, title: e.title.slice(0, 100) });
  const out: EvidenceLink[] = [];
  for (const key of new Set(keys)) {
    const link = known.get(key);
    if (link) out.push(link);
  }
  return out;
}
