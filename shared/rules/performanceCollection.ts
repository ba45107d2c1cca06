import { formatMonth, type Month } from './months';
import type { PerformanceStatus } from './performanceWorkflow';

// Collection tracking (docs/performance.md "Collection"): for a unit and a year, which monthly reports each cadre
// has handed in, month by month; completion rates per month and unit; and the reminder list (催报清单) of what is
// missing. A month is due once it has ended, and only while the cadre served (joined … left).

/** A month's cell: approved (审定 or 运用), submitted (in review), returned, missing (due, nothing submitted), or not due. */
export type CollectionCell = 'approved' | 'submitted' | 'returned' | 'missing' | 'notDue';

export const CELL_LABELS: Record<CollectionCell, string> = {
  approved: '已审定',
  submitted: '已上报',
  returned: '已退回',
  missing: '未报',
  notDue: '',
};

export interface CollectionCadre {
  id: string;
  name: string;
  joined: Month | null;
  left: Month | null;
}

export interface CollectionReport {
  cadreId: string;
  /** 'YYYY-MM' */
  period: string;
  status: PerformanceStatus;
}

export interface Rate {
  due: number;
  done: number;
  /** done / due; null when nothing is due */
  rate: number | null;
}

export interface CollectionMatrix {
  year: number;
  /** The month the matrix was made in: earlier months are due. */
  currentMonth: Month;
  months: Month[];
  rows: { cadre: CollectionCadre; cells: CollectionCell[] }[];
  byMonth: Rate[];
  total: Rate;
}

export function cellOf(status: PerformanceStatus | undefined): Exclude<CollectionCell, 'notDue'> {
  switch (status) {
    case 'approved':
    case 'applied':
      return 'approved';
    case 'submitted':
    case 'unitReviewed':
      return 'submitted';
    case 'returned':
      return 'returned';
    default:
      return 'missing'; // none, or a draft not yet submitted
  }
}

/** Whether a month's report is due from this cadre: the month has ended and the cadre served in it. */
export const isDue = (month: Month, cadre: CollectionCadre, currentMonth: Month): boolean =>
  month < currentMonth && (!cadre.joined || month >= cadre.joined) && (!cadre.left || month <= cadre.left);

const rateOf = (due: number, done: number): Rate => ({ due, done, rate: due ? done / due : null });
const counts = (c: CollectionCell) => c === 'approved' || c === 'submitted';

/** The matrix of cadres × the twelve months of a year; reports of other years or kinds are ignored by period. */
export function collectionMatrix(
  cadres: readonly CollectionCadre[],
  reports: Iterable<CollectionReport>,
  year: number,
  currentMonth: Month,
): CollectionMatrix {
  const months = Array.from({ length: 12 }, (_, i) => formatMonth(year, i + 1));
  const statusOf = new Map<string, PerformanceStatus>();
  const prefix = `${year}-`;
  for (const r of reports) if (r.period.startsWith(prefix)) statusOf.set(`${r.cadreId}|${r.period}`, r.status);
  const due = new Array<number>(12).fill(0);
  const done = new Array<number>(12).fill(0);
  const rows = cadres.map((cadre) => ({
    cadre,
    cells: months.map((m, i): CollectionCell => {
      const status = statusOf.get(`${cadre.id}|${m}`);
      if (!isDue(m, cadre, currentMonth)) return status && status !== 'draft' ? cellOf(status) : 'notDue';
      const cell = cellOf(status);
      due[i]! += 1;
      if (counts(cell)) done[i]! += 1;
      return cell;
    }),
  }));
  const byMonth = months.map((_, i) => rateOf(due[i]!, done[i]!));
  return {
    year,
    currentMonth,
    months,
    rows,
    byMonth,
    total: rateOf(
      due.reduce((a, b) => a + b, 0),
      done.reduce((a, b) => a + b, 0),
    ),
  };
}

export interface ReminderLine {
  cadre: CollectionCadre;
  missing: Month[];
  returned: Month[];
}

/** The 催报清单: every cadre with a due report missing or returned, and which months (a returned report not yet due is left out). */
export function reminderList(matrix: CollectionMatrix): ReminderLine[] {
  return matrix.rows.flatMap(({ cadre, cells }) => {
    const due = (m: Month) => isDue(m, cadre, matrix.currentMonth);
    const missing = matrix.months.filter((m, i) => cells[i] === 'missing' && due(m));
    const returned = matrix.months.filter((m, i) => cells[i] === 'returned' && due(m));
    return missing.length || returned.length ? [{ cadre, missing, returned }] : [];
  });
}

/** Completion of one month per unit (the district's statistics): due and done for each unit id. */
export function completionByUnit(
  cadres: Iterable<CollectionCadre & { unitId: string }>,
  statusOf: (cadreId: string) => PerformanceStatus | undefined,
  month: Month,
  currentMonth: Month,
): Map<string, Rate> {
  const tally = new Map<string, { due: number; done: number }>();
  for (const cadre of cadres) {
    if (!isDue(month, cadre, currentMonth)) continue;
    const t = tally.get(cadre.unitId) ?? { due: 0, done: 0 };
    t.due += 1;
    if (counts(cellOf(statusOf(cadre.id)))) t.done += 1;
    tally.set(cadre.unitId, t);
  }
  return new Map([...tally].map(([unit, t]) => [unit, rateOf(t.due, t.done)]));
}

/** A rate as people read it: "83.3%", or "—" when nothing was due. */
export const printRate = (r: Rate): string => (r.rate === null ? '—' : `${(Math.round(r.rate * 1000) / 10).toFixed(1)}%`);

/** A unit's monthly reports of a year: due and collected (done) month by month, and in all. */
export interface UnitYear {
  byMonth: Rate[];
  total: Rate;
}

/**
 * The district's year by unit (docs/performance.md "Collection"): for each unit id, each month's due and collected
 * reports, and the year's. A report counts as collected once submitted (in review, approved or applied), as in the
 * matrix; a month counts only while due.
 */
export function yearByUnit(
  cadres: Iterable<CollectionCadre & { unitId: string }>,
  statusOf: (cadreId: string, month: Month) => PerformanceStatus | undefined,
  year: number,
  currentMonth: Month,
): Map<string, UnitYear> {
  const months = Array.from({ length: 12 }, (_, i) => formatMonth(year, i + 1));
  const tally = new Map<string, { due: number[]; done: number[] }>();
  for (const cadre of cadres) {
    months.forEach((month, i) => {
      if (!isDue(month, cadre, currentMonth)) return;
      let t = tally.get(cadre.unitId);
      if (!t) tally.set(cadre.unitId, (t = { due: new Array<number>(12).fill(0), done: new Array<number>(12).fill(0) }));
      t.due[i]! += 1;
      if (counts(cellOf(statusOf(cadre.id, month)))) t.done[i]! += 1;
    });
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return new Map(
    [...tally].map(([unit, t]) => [unit, { byMonth: months.map((_, i) => rateOf(t.due[i]!, t.done[i]!)), total: rateOf(sum(t.due), sum(t.done)) }]),
  );
}

/** The year by unit as a table people read and export: 单位, each month's "collected/due", the year's figures. */
export function yearTable(
  byUnit: ReadonlyMap<string, UnitYear>,
  units: readonly { id: string; name: string }[],
): { headers: string[]; rows: string[][] } {
  const headers = ['单位', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`), '全年已报', '全年应报', '完成率'];
  const line = (label: string, y: UnitYear) => [
    label,
    ...y.byMonth.map((r) => (r.due ? `${r.done}/${r.due}` : '')),
    String(y.total.done),
    String(y.total.due),
    printRate(y.total),
  ];
  // the units in the order given (the unit tree's), then any the list no longer has
  const named = new Map(units.map((u) => [u.id, u.name]));
  const ids = [...units.map((u) => u.id).filter((id) => byUnit.has(id)), ...[...byUnit.keys()].filter((id) => !named.has(id))];
  const rows = ids.map((id) => line(named.get(id) ?? '（已删除的单位）', byUnit.get(id)!));
  const all = [...byUnit.values()];
  const months = Array.from({ length: 12 }, (_, i) => {
    const due = all.reduce((s, y) => s + y.byMonth[i]!.due, 0);
    const done = all.reduce((s, y) => s + y.byMonth[i]!.done, 0);
    return rateOf(due, done);
  });
  if (all.length) rows.push(line('合计', { byMonth: months, total: rateOf(all.reduce((s, y) => s + y.total.due, 0), all.reduce((s, y) => s + y.total.done, 0)) }));
  return { headers, rows };
}
