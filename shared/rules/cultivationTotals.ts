import { DEFAULT_QUOTAS, traineeKey, type AudienceKey, type EnrollmentFacts } from './cultivation';

// Each trainee's year kept in one small row (docs/cultivation.md "Hours kept per year"): hours earned and, per
// audience, how many of that year's enrolments were in classes for it. The hours-shortfall list and the
// statistics read these rows (about one per cadre) instead of a year's enrolments (330,000 at 100,000 cadres).
// The repository adds and takes away an enrolment's share in the same transaction as the enrolment's write; the
// functions here say what the share is, so a row is the sum of its live enrolments by construction.

export interface TraineeYear {
  year: number;
  /** traineeKey: `c:<cadreId>` for a cadre, `n:<name>|<unit>` for anyone else. */
  trainee: string;
  cadreId: string | null;
  hours: number;
  /** Live enrolments per audience of their class (a count, so that taking one away leaves the others). */
  audiences: Record<string, number>;
}

/** What one live enrolment adds to its trainee's year; the audience is its class's. */
export interface Share {
  year: number;
  trainee: string;
  cadreId: string | null;
  hours: number;
  audience: string;
}

export const shareOf = (e: EnrollmentFacts, audience: string): Share => ({
  year: e.year,
  trainee: traineeKey(e),
  cadreId: e.cadreId,
  hours: e.hours ?? 0,
  audience,
});

/** The row's key: [year, trainee] (the table's compound primary key). */
export const totalKey = (s: { year: number; trainee: string }): [number, string] => [s.year, s.trainee];

/**
 * A row with a share added (sign 1) or taken away (sign -1); null when no enrolment is left in it (the row goes).
 * A share taken from a row that lacks it leaves the row at zero, never below.
 */
export function withShare(row: TraineeYear | undefined, share: Share, sign: 1 | -1): TraineeYear | null {
  const audiences = { ...(row?.audiences ?? {}) };
  const left = (audiences[share.audience] ?? 0) + sign;
  if (left > 0) audiences[share.audience] = left;
  else delete audiences[share.audience];
  if (!Object.keys(audiences).length) return null;
  return {
    year: share.year,
    trainee: share.trainee,
    cadreId: share.cadreId,
    hours: Math.max(0, (row?.hours ?? 0) + sign * share.hours),
    audiences,
  };
}

/**
 * The rows of a set of enrolments from scratch (the migration, and tests that check the kept rows): enrolments of
 * a class not given are left out, as their class no longer counts.
 */
export function traineeTotals(classes: Iterable<{ id: string; audience: string }>, enrollments: Iterable<EnrollmentFacts & { deleted?: boolean }>): TraineeYear[] {
  const audienceOf = new Map<string, string>();
  for (const c of classes) audienceOf.set(c.id, c.audience);
  const rows = new Map<string, TraineeYear>();
  for (const e of enrollments) {
    const audience = audienceOf.get(e.classId);
    if (e.deleted || audience === undefined) continue;
    addShare(rows, shareOf(e, audience));
  }
  return [...rows.values()];
}

/** Adds one live enrolment's share to rows summed in memory, keyed by year and trainee. */
export function addShare(rows: Map<string, TraineeYear>, share: Share): void {
  const key = `${share.year}\u0000${share.trainee}`;
  const next = withShare(rows.get(key), share, 1);
  if (next) rows.set(key, next);
}

/**
 * A year's totals in columns, as the packs hold them (renderer/db/cultivationPacks.ts): entry i is trainee[i]'s
 * hours and, per audience, its live enrolments. The shortfall list and the statistics read them as they are, not
 * as 90,000 row objects.
 */
export interface TotalsColumns {
  year: number;
  trainee: readonly string[];
  hours: ArrayLike<number>;
  audiences: Readonly<Record<string, ArrayLike<number>>>;
}

/** The cadre of a trainee key (`c:<cadreId>`), or null for anyone outside the registry. */
export const cadreOfTrainee = (trainee: string): string | null => (trainee.startsWith('c:') ? trainee.slice(2) : null);

/** Rows in columns, one set per year (the statistics from scratch, and tests). */
export function columnsOfRows(rows: Iterable<TraineeYear>): TotalsColumns[] {
  const years = new Map<number, { year: number; trainee: string[]; hours: number[]; audiences: Record<string, number[]> }>();
  for (const r of rows) {
    let c = years.get(r.year);
    if (!c) years.set(r.year, (c = { year: r.year, trainee: [], hours: [], audiences: {} }));
    const i = c.trainee.length;
    c.trainee.push(r.trainee);
    c.hours.push(r.hours);
    for (const list of Object.values(c.audiences)) list.push(0);
    for (const [k, n] of Object.entries(r.audiences)) (c.audiences[k] ??= new Array<number>(i + 1).fill(0))[i] = n;
  }
  return [...years.values()];
}

/** Each cadre's hours in the year, from columns (entries of other years left out). */
export function hoursOfColumns(columns: readonly TotalsColumns[], year: number): Map<string, number> {
  const hours = new Map<string, number>();
  for (const c of columns) {
    if (c.year !== year) continue;
    for (let i = 0; i < c.trainee.length; i++) {
      const id = cadreOfTrainee(c.trainee[i]!);
      if (id) hours.set(id, (hours.get(id) ?? 0) + c.hours[i]!);
    }
  }
  return hours;
}

/** How far each audience's quota is filled, from columns; `counts` says whether a trainee (by cadre, null: not a cadre) counts. */
export function quotaFillOfColumns(
  columns: readonly TotalsColumns[],
  quotas: Readonly<Record<AudienceKey, number | null>>,
  year: number,
  counts: (cadreId: string | null) => boolean = () => true,
): QuotaFill[] {
  const trained = new Map<string, number>();
  for (const c of columns) {
    if (c.year !== year) continue;
    const counted = c.trainee.map((t) => counts(cadreOfTrainee(t)));
    for (const [audience, list] of Object.entries(c.audiences)) {
      let n = 0;
      for (let i = 0; i < c.trainee.length; i++) if (counted[i] && list[i]! > 0) n++;
      trained.set(audience, (trained.get(audience) ?? 0) + n);
    }
  }
  return fillOf(trained, quotas);
}

function fillOf(trained: ReadonlyMap<string, number>, quotas: Readonly<Record<AudienceKey, number | null>>): QuotaFill[] {
  return (Object.keys(DEFAULT_QUOTAS) as AudienceKey[]).map((audience) => {
    const quota = quotas[audience] ?? 0;
    const people = trained.get(audience) ?? 0;
    return { audience, quota, trained: people, percent: quota ? Math.round((people / quota) * 1000) / 10 : 0 };
  });
}

/** Each cadre's hours in the year, from the rows. */
export function hoursOfCadres(rows: Iterable<TraineeYear>, year: number): Map<string, number> {
  const hours = new Map<string, number>();
  for (const r of rows) if (r.year === year && r.cadreId) hours.set(r.cadreId, (hours.get(r.cadreId) ?? 0) + r.hours);
  return hours;
}

export interface QuotaFill {
  audience: AudienceKey;
  quota: number;
  /** Distinct people trained in the year in classes for this audience. */
  trained: number;
  /** trained / quota as a percentage (0 when there is no quota). */
  percent: number;
}

/** How far each audience's quota is filled: the year's trainees (each once) with an enrolment for it. */
export function quotaFill(
  rows: Iterable<TraineeYear>,
  quotas: Readonly<Record<AudienceKey, number | null>>,
  year: number,
  counts: (r: TraineeYear) => boolean = () => true,
): QuotaFill[] {
  const trained = new Map<string, number>();
  for (const r of rows) {
    if (r.year !== year || !counts(r)) continue;
    // for…in, not Object.entries: no array per row (90,000 rows a year at district size)
    for (const audience in r.audiences) if (r.audiences[audience]! > 0) trained.set(audience, (trained.get(audience) ?? 0) + 1);
  }
  return fillOf(trained, quotas);
}

/** Two rows of the same trainee and year summed (the migration adds up the rows of each chunk of enrolments). */
export function mergeTotals(a: TraineeYear | undefined, b: TraineeYear): TraineeYear {
  if (!a) return b;
  const audiences = { ...a.audiences };
  for (const [k, n] of Object.entries(b.audiences)) audiences[k] = (audiences[k] ?? 0) + n;
  return { ...a, hours: a.hours + b.hours, audiences };
}
