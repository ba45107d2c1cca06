import type { Cadre } from '../../shared/domain/cadre';
import type { Unit } from '../../shared/domain/unit';
import type { Audience } from '../../shared/domain/cultivation';
import { DEFAULT_QUOTAS, DEFAULT_REQUIRED_HOURS, shortfallList } from '../../shared/rules/cultivation';
import { hoursOfColumns } from '../../shared/rules/cultivationTotals';
import { cultivationStats, type StatTable, type StatsInput } from '../../shared/rules/cultivationStats';
import { subtreeIds } from '../../shared/rules/unitTree';
import type { CadreDb } from './database';
import { TRAINING_PROGRAMS, programOf } from './cultivation';
import { TEMPERING_PACKS, temperingFactsOfYear } from './cultivationTempering';
import { PACKS_TABLE } from './cultivationPacks';
import { totalColumnsOfYear } from './cultivationTotals';

// What the 培养历练 statistics page and the hours-shortfall list read (docs/cultivation.md "Statistics"): one year,
// the whole district or one unit's subtree. The cadres come from the caller (the roster's index, kept in memory:
// renderer/features/cultivation/cadreSource.ts), the hours and audiences from the year's kept totals in their packs
// (renderer/db/cultivationPacks.ts), never from 100,000 basic records and a year's enrolments.

interface Scope {
  year: number;
  /** A unit whose subtree is counted; null for the whole district. */
  unitId: string | null;
}

/** The live cadres and the unit tree, as the caller keeps them. */
export interface People {
  cadres: readonly Pick<Cadre, 'id' | 'name' | 'unitId' | 'status' | 'currentPost'>[];
  units: readonly Unit[];
}

function cadresInScope({ cadres, units }: People, unitId: string | null) {
  if (!unitId) return cadres;
  const ids = subtreeIds(units, unitId);
  return cadres.filter((c) => ids.has(c.unitId));
}

async function yearSettings(db: CadreDb, year: number) {
  const program = await programOf(db, year);
  return {
    quotas: (program?.quotas ?? DEFAULT_QUOTAS) as Record<Audience, number | null>,
    requiredHours: program?.requiredHours ?? DEFAULT_REQUIRED_HOURS,
  };
}

export interface ShortfallRow {
  cadreId: string;
  name: string;
  unitName: string;
  currentPost: string;
  hours: number;
  missing: number;
}

/** The 在职 cadres in scope below the year's required hours, fewest first. */
export async function loadShortfall(db: CadreDb, { year, unitId }: Scope, people: People): Promise<{ required: number; rows: ShortfallRow[] }> {
  const [{ requiredHours }, totals] = await Promise.all([yearSettings(db, year), totalColumnsOfYear(db, year)]);
  const serving = cadresInScope(people, unitId).filter((c) => c.status === '01');
  const byId = new Map(serving.map((c) => [c.id, c]));
  const unitName = new Map(people.units.map((u) => [u.id, u.name]));
  const rows = shortfallList(serving.map((c) => c.id), hoursOfColumns(totals, year), requiredHours).map((s) => {
    const c = byId.get(s.cadreId)!;
    return { ...s, name: c.name, unitName: unitName.get(c.unitId) ?? '', currentPost: c.currentPost };
  });
  return { required: requiredHours, rows };
}

/**
 * What the statistics of a year and scope are computed from: the year's kept totals (its packs,
 * renderer/db/cultivationPacks.ts), what is counted of its tempering records (their year's packs, with each
 * village posting's later promotion: renderer/db/cultivationTempering.ts), and the cadres in scope. All of it in one
 * read transaction, so the figures are of one moment; the reads are asked for at once.
 */
export async function readStatisticsInput(db: CadreDb, { year, unitId }: Scope, people: People): Promise<StatsInput> {
  const cadres = cadresInScope(people, unitId);
  const inScope = unitId === null ? null : new Set(cadres.map((c) => c.id));
  const mine = <T extends { cadreId: string }>(rows: T[]) => (inScope ? rows.filter((r) => inScope.has(r.cadreId)) : rows);
  const tables = [TRAINING_PROGRAMS, PACKS_TABLE, TEMPERING_PACKS].map((t) => db.table(t));
  return db.transaction('r', tables, async () => {
    const [settings, totals, secondments, postings, volunteering, actingPosts] = await Promise.all([
      yearSettings(db, year),
      totalColumnsOfYear(db, year),
      temperingFactsOfYear(db, 'secondments', year),
      temperingFactsOfYear(db, 'villagePostings', year),
      temperingFactsOfYear(db, 'volunteering', year),
      temperingFactsOfYear(db, 'actingPosts', year),
    ]);
    return {
      year,
      cadres,
      wholeDistrict: unitId === null,
      totals,
      ...settings,
      secondments: mine(secondments),
      postings: mine(postings),
      volunteering: mine(volunteering),
      actingPosts: mine(actingPosts),
    };
  });
}

/** The statistics tables of a year and scope (docs/cultivation.md "Statistics"). */
export async function loadStatistics(db: CadreDb, scope: Scope, people: People): Promise<StatTable[]> {
  return cultivationStats(await readStatisticsInput(db, scope, people));
}
