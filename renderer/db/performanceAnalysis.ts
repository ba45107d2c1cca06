import { assessmentsType, rewardsType, type Cadre } from '../../shared/domain/cadre';
import { adjustmentType, conductRecordType, MECHANISMS, performanceType, type Mechanism, type PerformanceRecord } from '../../shared/domain/performance';
import { caption } from '../../shared/code';
import { collectionMatrix, completionByUnit, yearByUnit, type CollectionCadre, type CollectionMatrix, type Rate, type UnitYear } from '../../shared/rules/performanceCollection';
import { reportText } from '../../shared/rules/performanceContent';
import { PERFORMANCE_KINDS, periodLabel } from '../../shared/rules/performancePeriod';
import { PERFORMANCE_STATUSES, type PerformanceStatus } from '../../shared/rules/performanceWorkflow';
import { countAdjustments, excerpt, matchesAll, performanceWhen, sortTimeline, type TimelineEntry } from '../../shared/rules/performanceTimeline';
import type { Month } from '../../shared/rules/months';
import type { CadreDb } from './database';
import { performanceTable, serviceSpanOf } from './performance';
import { entriesOf, monthPacksBetween } from './performanceMonthPacks';
import { cadreYearsOf, monthsOf } from './performanceCadreYears';
import { listByCadre } from './records';

// The analysis of the performance archive (docs/performance.md "Collection", "Analysis"): reading what the pure
// rules of shared/rules/performance*.ts count. A unit's matrix reads each cadre's year of monthly reports (schema
// version 34, renderer/db/performanceCadreYears.ts: the twelve months' statuses in one row), a key a cadre;
// the district's months read their packs (schema version 30, renderer/db/performanceMonthPacks.ts: at most 256
// rows a month); a timeline reads the reports by cadre; all as keys or plain ranges, so IndexedDB answers each in
// one request (a cursor costs a round trip per record). The district's
// cadres come from the caller (the screens pass the roster's in-memory index) or are read whole.

const collectionCadre = (c: Cadre): CollectionCadre => ({ id: c.id, name: c.name, ...serviceSpanOf(c) });

/** The live cadres of these units who may owe reports in the year (those who left before it are out). */
async function cadresOf(db: CadreDb, unitIds: readonly string[], year: number): Promise<Cadre[]> {
  const cadres = await db.cadres.where('unitId').anyOf([...unitIds]).toArray();
  return cadres.filter((c) => !c.deleted && (serviceSpanOf(c).left ?? '9999') >= `${year}-01`);
}

/** The collection matrix of monthly reports for the cadres of these units in a year. */
export async function unitMatrix(db: CadreDb, unitIds: readonly string[], year: number, currentMonth: Month): Promise<CollectionMatrix> {
  const cadres = await cadresOf(db, unitIds, year);
  // each cadre's year in one row (performanceCadreYears), all of them in one request
  const years = await cadreYearsOf(db, cadres.map((c) => c.id), year);
  return collectionMatrix(cadres.map(collectionCadre), monthsOf(years), year, currentMonth);
}

/** Where the district statistics take their cadres: the screens pass the roster's in-memory index. */
export type CadreSource = () => Promise<readonly Cadre[]>;

/** The live cadres of the district with their unit and service, from `source`. */
async function districtCadres(db: CadreDb, source?: CadreSource): Promise<(CollectionCadre & { unitId: string })[]> {
  const cadres = source ? await source() : await db.cadres.toArray();
  return cadres.filter((c) => !c.deleted).map((c) => ({ ...collectionCadre(c), unitId: c.unitId }));
}

/** The monthly reports' statuses of a range of months by "cadreId|period": the months' packs, one index range. */
async function monthlyStatuses(db: CadreDb, from: Month, to: Month): Promise<Map<string, PerformanceStatus>> {
  const status = new Map<string, PerformanceStatus>();
  for (const r of entriesOf(await monthPacksBetween(db, from, to))) status.set(`${r.cadreId}|${r.period}`, r.status);
  return status;
}

/** The district's monthly-report completion for one month, per unit id. */
export async function districtCompletion(db: CadreDb, month: Month, currentMonth: Month, source?: CadreSource): Promise<Map<string, Rate>> {
  const [status, cadres] = await Promise.all([monthlyStatuses(db, month, month), districtCadres(db, source)]);
  return completionByUnit(cadres, (id) => status.get(`${id}|${month}`), month, currentMonth);
}

/** The district's monthly reports of a year, per unit id: collected and due month by month, and in all. */
export async function districtYear(db: CadreDb, year: number, currentMonth: Month, source?: CadreSource): Promise<Map<string, UnitYear>> {
  const [status, cadres] = await Promise.all([monthlyStatuses(db, `${year}-01`, `${year}-12`), districtCadres(db, source)]);
  return yearByUnit(cadres, (id, month) => status.get(`${id}|${month}`), year, currentMonth);
}

/** A cadre's timeline: performance records, conduct, 年度考核, 奖惩 and 三项机制 adjustments, newest first. */
export async function cadreTimeline(db: CadreDb, cadreId: string): Promise<TimelineEntry[]> {
  const [reports, conduct, assessments, rewards, adjustments] = await Promise.all([
    performanceTable(db).where('cadreId').equals(cadreId).toArray(),
    listByCadre(db, conductRecordType, cadreId),
    listByCadre(db, assessmentsType, cadreId),
    listByCadre(db, rewardsType, cadreId),
    listByCadre(db, adjustmentType, cadreId),
  ]);
  const entries: TimelineEntry[] = [
    ...reports
      .filter((r) => !r.deleted)
      .map((r) => ({
        when: performanceWhen(r.kind, r.period),
        lane: 'performance' as const,
        title: performanceType.title(r),
        detail: `${PERFORMANCE_STATUSES[r.status]}${r.highlights ? `：${r.highlights.slice(0, 60)}` : ''}`,
        table: performanceType.table,
        id: r.id,
      })),
    ...conduct.map((c) => ({ when: c.date, lane: c.polarity, title: c.itemText, detail: c.facts, table: conductRecordType.table, id: c.id })),
    ...assessments.map((a) => ({
      when: `${a.year}-12`,
      lane: 'assessment' as const,
      title: assessmentsType.title(a),
      detail: caption('assessmentGrade', a.grade),
      table: assessmentsType.table,
      id: a.id,
    })),
    ...rewards.map((r) => ({ when: r.date, lane: 'reward' as const, title: r.title, detail: r.issuer, table: rewardsType.table, id: r.id })),
    ...adjustments.map((a) => ({
      when: a.date,
      lane: 'adjustment' as const,
      title: `${MECHANISMS[a.mechanism]}：${a.change}`,
      detail: a.reason,
      table: adjustmentType.table,
      id: a.id,
    })),
  ];
  return sortTimeline(entries);
}

export interface SearchHit {
  record: PerformanceRecord;
  cadreName: string;
  label: string;
  excerpt: string;
}

/** Full-text search over the text of performance records (every word of the query must occur), newest first. */
export async function searchReports(db: CadreDb, query: string, limit = 200): Promise<SearchHit[]> {
  if (!query.trim()) return [];
  const found: PerformanceRecord[] = [];
  await performanceTable(db).each((r) => {
    if (!r.deleted && matchesAll(reportText(r), query)) found.push(r);
  });
  found.sort((a, b) => b.period.localeCompare(a.period));
  const top = found.slice(0, limit);
  const cadres = await db.cadres.bulkGet([...new Set(top.map((r) => r.cadreId))]);
  const names = new Map(cadres.flatMap((c) => (c ? [[c.id, c.name] as const] : [])));
  return top.map((record) => ({
    record,
    cadreName: names.get(record.cadreId) ?? '',
    label: `${periodLabel(record.kind, record.period)}${PERFORMANCE_KINDS[record.kind]}`,
    excerpt: excerpt(reportText(record), query),
  }));
}

/** Adjustments counted by mechanism, unit and year (the unit is the cadre's present unit). */
export async function adjustmentCounts(db: CadreDb): Promise<ReturnType<typeof countAdjustments<Mechanism>>> {
  const rows = (await db.table(adjustmentType.table).toArray()) as { mechanism: Mechanism; date: string; cadreId: string; deleted: boolean }[];
  const live = rows.filter((r) => !r.deleted);
  const cadres = await db.cadres.bulkGet([...new Set(live.map((r) => r.cadreId))]);
  const unitOf = new Map(cadres.flatMap((c) => (c ? [[c.id, c.unitId] as const] : [])));
  return countAdjustments(live.map((r) => ({ mechanism: r.mechanism, date: r.date, unitId: unitOf.get(r.cadreId) ?? '' })));
}
