import type { PostHistory, RankHistory } from '../../shared/domain/cadre';
import type { Audience } from '../../shared/domain/cultivation';
import { DEFAULT_QUOTAS, DEFAULT_REQUIRED_HOURS, hoursByCadre, shortfallList } from '../../shared/rules/cultivation';
import { cultivationStats, type StatTable } from '../../shared/rules/cultivationStats';
import { subtreeIds } from '../../shared/rules/unitTree';
import type { CadreDb } from './database';
import { classesOfYear, enrollmentsOfYear, programOf, temperingOfYear } from './cultivation';

// What the 培养历练 statistics page and the hours-shortfall list read (docs/cultivation.md "Statistics"): one year,
// the whole district or one unit's subtree. The year's enrolments come through their year index; the tempering
// records from the dossiers in scope.

interface Scope {
  year: number;
  /** A unit whose subtree is counted; null for the whole district. */
  unitId: string | null;
}

async function cadresInScope(db: CadreDb, unitId: string | null) {
  if (!unitId) return (await db.cadres.toArray()).filter((c) => !c.deleted);
  const units = await db.units.toArray();
  const ids = [...subtreeIds(units, unitId)];
  return (await db.cadres.where('unitId').anyOf(ids).toArray()).filter((c) => !c.deleted);
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
export async function loadShortfall(db: CadreDb, { year, unitId }: Scope): Promise<{ required: number; rows: ShortfallRow[] }> {
  const [cadres, { requiredHours }, enrolled, units] = await Promise.all([cadresInScope(db, unitId), yearSettings(db, year), enrollmentsOfYear(db, year), db.units.toArray()]);
  const serving = cadres.filter((c) => c.status === '01');
  const byId = new Map(serving.map((c) => [c.id, c]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const rows = shortfallList(serving.map((c) => c.id), hoursByCadre(enrolled, year), requiredHours).map((s) => {
    const c = byId.get(s.cadreId)!;
    return { ...s, name: c.name, unitName: unitName.get(c.unitId) ?? '', currentPost: c.currentPost };
  });
  return { required: requiredHours, rows };
}

/**
 * The statistics tables of a year and scope: the year's enrolments and tempering records through their indexes,
 * the cadres in scope, and the post and rank history of the cadres posted to villages (for promotions).
 */
export async function loadStatistics(db: CadreDb, { year, unitId }: Scope): Promise<StatTable[]> {
  const [cadres, settings, classes, enrolled, secondments, postings, volunteering, actingPosts] = await Promise.all([
    cadresInScope(db, unitId),
    yearSettings(db, year),
    classesOfYear(db, year),
    enrollmentsOfYear(db, year),
    temperingOfYear(db, 'secondments', year),
    temperingOfYear(db, 'villagePostings', year),
    temperingOfYear(db, 'volunteering', year),
    temperingOfYear(db, 'actingPosts', year),
  ]);
  const inScope = new Set(cadres.map((c) => c.id));
  const mine = <T extends { cadreId: string }>(rows: T[]) => (unitId === null ? rows : rows.filter((r) => inScope.has(r.cadreId)));
  const posted = mine(postings);
  const ids = [...new Set(posted.map((p) => p.cadreId))];
  const sets = await db.subRecords.bulkGet(ids);
  const history = new Map<string, { posts: PostHistory[]; ranks: RankHistory[] }>();
  sets.forEach((set, i) => {
    const live = <T extends { deleted: boolean }>(list: T[] | undefined) => (list ?? []).filter((r) => !r.deleted);
    history.set(ids[i]!, { posts: live(set?.posts), ranks: live(set?.ranks) });
  });
  return cultivationStats({
    year,
    cadres,
    wholeDistrict: unitId === null,
    classes,
    enrollments: enrolled,
    ...settings,
    secondments: mine(secondments),
    postings: posted,
    volunteering: mine(volunteering),
    actingPosts: mine(actingPosts),
    history,
  });
}
