import { MECHANISMS, type Mechanism } from '../domain/performance';
import { CASE_STAGES, STAGE_ORDER, type CaseStage } from '../domain/selection';
import type { StatTable } from './statTable';

// The 选拔任用 statistics (docs/selection.md "Statistics") of one year and one unit subtree, as tables: each chart
// draws one and shows it beside itself, and the xlsx export writes it as it is. An adjustment counts in the year
// it took effect (a case's 任职日期, a round's 决定日期, a 三项机制 adjustment's 调整日期), at the unit it took
// effect in: the case's own unit; for a promotion or a 三项机制 adjustment, which do not name one, the cadre's unit.

export type SelectionStatTable = StatTable;

export interface SelectionStatsInput {
  year: number;
  /** The units counted (a subtree); null for the whole district. */
  unitIds: ReadonlySet<string> | null;
  /** overQuotaReason: the 超职数说明, given when the unit's 职数 of the level was full (docs/selection.md "The case"). */
  cases: readonly { unitId: string; stage: CaseStage; motionOn: string; appointedOn: string | null; overQuotaReason?: string }[];
  rounds: readonly { batch: string; documentNo: string; decidedOn: string; entries: readonly { cadreId: string }[] }[];
  /** The performance area's 三项机制 adjustments (table mechanismAdjustments). */
  adjustments: readonly { cadreId: string; mechanism: Mechanism; date: string }[];
  /** The unit a cadre is in now; undefined when the cadre is gone. */
  unitOfCadre: (cadreId: string) => string | undefined;
  unitName: (unitId: string) => string;
}

/** The kinds of adjustment counted, in the order the tables show them. */
export const ADJUSTMENT_KINDS = {
  appointment: '选任任职',
  promotion: '职级晋升',
  ...MECHANISMS,
} as const;
export type AdjustmentKind = keyof typeof ADJUSTMENT_KINDS;
const KIND_KEYS = Object.keys(ADJUSTMENT_KINDS) as AdjustmentKind[];

const inYear = (day: string | null | undefined, year: number) => !!day && day.startsWith(`${String(year).padStart(4, '0')}-`);

/** Every adjustment of the year in scope, as (kind, unit). */
export function adjustmentsOfYear(input: SelectionStatsInput): { kind: AdjustmentKind; unitId: string }[] {
  const inScope = (unitId: string | undefined): unitId is string => !!unitId && (!input.unitIds || input.unitIds.has(unitId));
  const out: { kind: AdjustmentKind; unitId: string }[] = [];
  for (const c of input.cases) {
    if (c.stage === 'appointed' && inYear(c.appointedOn, input.year) && inScope(c.unitId)) out.push({ kind: 'appointment', unitId: c.unitId });
  }
  for (const r of input.rounds) {
    if (!inYear(r.decidedOn, input.year)) continue;
    for (const e of r.entries) {
      const unitId = input.unitOfCadre(e.cadreId);
      if (inScope(unitId)) out.push({ kind: 'promotion', unitId });
    }
  }
  for (const a of input.adjustments) {
    const unitId = input.unitOfCadre(a.cadreId);
    if (inYear(a.date, input.year) && inScope(unitId)) out.push({ kind: a.mechanism, unitId });
  }
  return out;
}

export function selectionStats(input: SelectionStatsInput): SelectionStatTable[] {
  const { year } = input;
  const cases = input.cases.filter((c) => !input.unitIds || input.unitIds.has(c.unitId));
  const stages: CaseStage[] = [...STAGE_ORDER, 'closed'];
  const adjustments = adjustmentsOfYear(input);

  const byUnit = new Map<string, number[]>();
  for (const a of adjustments) {
    const values = byUnit.get(a.unitId) ?? KIND_KEYS.map(() => 0);
    values[KIND_KEYS.indexOf(a.kind)]! += 1;
    byUnit.set(a.unitId, values);
  }
  const unitRows = [...byUnit.entries()]
    .map(([unitId, values]) => ({ label: input.unitName(unitId) || '（已删除的单位）', values: [...values, values.reduce((s, v) => s + v, 0)] }))
    .sort((a, b) => b.values[KIND_KEYS.length]! - a.values[KIND_KEYS.length]! || a.label.localeCompare(b.label, 'zh'));

  const rounds = input.rounds.filter((r) => inYear(r.decidedOn, year)).sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
  const roundRows = rounds.map((r) => {
    const inScope = r.entries.filter((e) => {
      const unitId = input.unitOfCadre(e.cadreId);
      return !!unitId && (!input.unitIds || input.unitIds.has(unitId));
    }).length;
    return { label: `${r.batch}（${r.documentNo}，${r.decidedOn}）`, values: [inScope, r.entries.length] };
  });

  // appointments over the unit's 职数: each needed its 超职数说明, and they are counted by unit
  const overQuota = new Map<string, number>();
  for (const c of cases) {
    if (c.stage === 'appointed' && inYear(c.appointedOn, year) && c.overQuotaReason?.trim()) overQuota.set(c.unitId, (overQuota.get(c.unitId) ?? 0) + 1);
  }
  const overQuotaRows = [...overQuota.entries()]
    .map(([unitId, n]) => ({ label: input.unitName(unitId) || '（已删除的单位）', values: [n] }))
    .sort((a, b) => b.values[0]! - a.values[0]! || a.label.localeCompare(b.label, 'zh'));

  return [
    {
      key: 'stages',
      title: '选任纪实（按当前步骤）',
      category: '当前步骤',
      columns: [`${year}年动议`, '全部'],
      chart: [0, 1],
      rows: stages.map((s) => ({
        label: CASE_STAGES[s],
        values: [cases.filter((c) => c.stage === s && inYear(c.motionOn, year)).length, cases.filter((c) => c.stage === s).length],
      })),
    },
    {
      key: 'kinds',
      title: `${year}年干部调整（按类别）`,
      category: '调整类别',
      columns: ['人次'],
      chart: [0],
      rows: KIND_KEYS.map((k) => ({ label: ADJUSTMENT_KINDS[k], values: [adjustments.filter((a) => a.kind === k).length] })),
    },
    {
      key: 'units',
      title: `${year}年干部调整（按单位）`,
      category: '单位',
      columns: [...KIND_KEYS.map((k) => ADJUSTMENT_KINDS[k]), '合计'],
      chart: KIND_KEYS.map((_, i) => i),
      stacked: true,
      rows: unitRows,
    },
    {
      key: 'rounds',
      title: `${year}年职级晋升（按批次）`,
      category: '批次',
      columns: ['晋升人数（范围内）', '批次总人数'],
      chart: [0],
      rows: roundRows,
    },
    {
      key: 'overQuota',
      title: `${year}年超职数任职（按单位）`,
      category: '单位',
      columns: ['超职数任职'],
      chart: [0],
      rows: overQuotaRows,
    },
  ];
}
