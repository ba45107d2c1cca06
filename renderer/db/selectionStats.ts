import { adjustmentType, type MechanismAdjustment } from '../../shared/domain/performance';
import { appointmentCaseType, rankRoundType, type AppointmentCase, type RankRound } from '../../shared/domain/selection';
import { selectionStats, type SelectionStatTable } from '../../shared/rules/selectionStats';
import { subtreeIds } from '../../shared/rules/unitTree';
import type { CadreDb } from './database';

// What the 选拔任用 statistics read (docs/selection.md "Statistics"): the cases, the rounds and the performance
// area's 三项机制 adjustments (read only), which are few; and the current unit of only the cadres they name.

const live = <T extends { deleted?: boolean }>(rows: readonly T[]): T[] => rows.filter((r) => !r.deleted);

export async function loadSelectionStats(db: CadreDb, { year, unitId }: { year: number; unitId: string | null }): Promise<SelectionStatTable[]> {
  const hasAdjustments = db.tables.some((t) => t.name === adjustmentType.table);
  const [units, cases, rounds, adjustments] = await Promise.all([
    db.units.toArray(),
    db.table(appointmentCaseType.table).toArray() as Promise<AppointmentCase[]>,
    db.table(rankRoundType.table).toArray() as Promise<RankRound[]>,
    hasAdjustments ? (db.table(adjustmentType.table).toArray() as Promise<MechanismAdjustment[]>) : Promise.resolve([]),
  ]);
  const liveRounds = live(rounds);
  const liveAdjustments = live(adjustments);
  const ids = [...new Set([...liveRounds.flatMap((r) => r.entries.map((e) => e.cadreId)), ...liveAdjustments.map((a) => a.cadreId)])];
  const cadres = await db.cadres.bulkGet(ids);
  const unitOf = new Map<string, string>();
  cadres.forEach((c) => c && !c.deleted && unitOf.set(c.id, c.unitId));
  const names = new Map(units.filter((u) => !u.deleted).map((u) => [u.id, u.name]));
  return selectionStats({
    year,
    unitIds: unitId ? subtreeIds(live(units), unitId) : null,
    cases: live(cases),
    rounds: liveRounds,
    adjustments: liveAdjustments,
    unitOfCadre: (id) => unitOf.get(id),
    unitName: (id) => names.get(id) ?? '',
  });
}
