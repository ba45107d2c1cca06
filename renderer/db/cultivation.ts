import type { Table } from 'dexie';
import { postsType, type Cadre } from '../../shared/domain/cadre';
import {
  TEMPERING_TYPES,
  enrollmentType,
  trainingClassType,
  trainingProgramType,
  type Enrollment,
  type TemperingTable,
  type TrainingClass,
  type TrainingProgram,
} from '../../shared/domain/cultivation';
import type { RecordOfType } from '../../shared/catalog/recordType';
import { appointmentCaseType, type AppointmentCase } from '../../shared/domain/selection';
import { naturalId } from '../../shared/ids';
import { FieldError, UserError } from '../../shared/errors';
import { FieldErrors } from '../../shared/catalog/validate';
import {
  DEFAULT_QUOTAS,
  DEFAULT_REQUIRED_HOURS,
  actingCaseProblem,
  actingLevelProblem,
  duplicateEnrollmentProblem,
  hoursProblem,
  notServingProblem,
  overlapProblem,
  postLevelRank,
  traineeKey,
} from '../../shared/rules/cultivation';
import type { CadreDb } from './database';
import { keepTotals, totalPacks } from './cultivationTotals';
import { createRecord, createRecords, deleteRecord, listByCadre, updateRecord } from './records';
import { writeTransaction, type WriteContext } from './repository';
import { classEnrollments, storedEnrollments, storedEnrollmentsOfCadre } from './classEnrollments';
import { cadreClassPacks } from './cadreClasses';

// The 培养历练 repository (docs/cultivation.md): the catalogue's one repository (records.ts) with the checks only
// the database can make — a cadre on one secondment or village posting at a time, 在职 when a posting starts, an
// acting post above the cadre's own level, each person once per class, hours within the class's.

type Data = Record<string, unknown>;
type Row<T extends TemperingTable> = RecordOfType<(typeof TEMPERING_TYPES)[T]>;
const throwIf = (p: { path: string; message: string } | null) => {
  if (p) throw new FieldError(p.path, p.message);
};

// ---- tempering: 挂职, 驻村, 请战, 顶岗 ------------------------------------------------------------------------

/**
 * Every table a tempering write reads or writes: its checks read the cadre's other kinds and post history, and a
 * 顶岗's linked 选拔任用纪实.
 */
const temperingScope = (db: CadreDb) => [
  db.subRecords,
  db.cadres,
  db.units,
  db.table('appointmentCases'),
  ...(Object.keys(TEMPERING_TYPES) as TemperingTable[]).map((t) => db.table(t)),
];

/**
 * What the checks need of a cadre, read before the write inside its transaction: the hooks then read nothing
 * more (a hook that awaits a chain of plain promises can outlive Dexie's knowledge of the transaction in
 * Chromium).
 */
async function temperingFacts(db: CadreDb, cadreId: string, caseId: unknown) {
  const [cadre, secondments, postings, posts, linkedCase] = await Promise.all([
    db.cadres.get(cadreId),
    listByCadre(db, TEMPERING_TYPES.secondments, cadreId),
    listByCadre(db, TEMPERING_TYPES.villagePostings, cadreId),
    listByCadre(db, postsType, cadreId),
    typeof caseId === 'string' && caseId ? (db.table('appointmentCases').get(caseId) as Promise<AppointmentCase | undefined>) : undefined,
  ]);
  const away = [
    ...secondments.map((s) => ({ id: s.id, from: s.from, to: s.to, what: `挂职锻炼（${s.region}${s.hostUnit}）` })),
    ...postings.map((p) => ({ id: p.id, from: p.from, to: p.to, what: `驻村帮扶（${p.town}${p.village}）` })),
  ];
  return { cadre, away, posts, linkedCase };
}

/**
 * The cadre's post level when the acting post began: the highest post held then by the post history; the basic
 * record's when the history says nothing of that time; undefined (not known, not checked) when the history has
 * only later posts — the basic record's level came after the start.
 */
function ownLevelAt(cadre: Cadre, posts: readonly { postLevel: string | null; from: string; to: string | null }[], start: string): string | null | undefined {
  const held = posts.filter((p) => p.from < start && (p.to === null || p.to >= start));
  if (held.length) return held.reduce<string | null>((best, p) => (postLevelRank(p.postLevel) > postLevelRank(best) ? p.postLevel : best), null);
  if (posts.some((p) => p.from >= start)) return undefined;
  return cadre.postLevel;
}

const temperingCheck = (table: TemperingTable, facts: Awaited<ReturnType<typeof temperingFacts>>) => async (data: Data, before: Data | undefined) => {
  const { cadre, away, posts, linkedCase } = facts;
  if (!cadre) return; // the repository says the dossier is gone
  const changed = (...keys: string[]) => !before || keys.some((k) => JSON.stringify(data[k]) !== JSON.stringify(before[k]));
  if ((table === 'secondments' || table === 'villagePostings') && changed('from', 'to')) {
    const period = { id: before?.id as string | undefined, from: data.from as string, to: (data.to as string | null) ?? null };
    throwIf(overlapProblem(period, away));
  }
  if (table === 'villagePostings' && changed('from')) throwIf(notServingProblem(cadre, data.from as string));
  if (table === 'actingPosts' && changed('from', 'actingLevel')) {
    const own = ownLevelAt(cadre, posts, data.from as string);
    if (own !== undefined) throwIf(actingLevelProblem(own, data.actingLevel as string));
  }
  // a case number typed before the field became a link is left as it is until someone changes it
  if (table === 'actingPosts' && data.appointmentCase && changed('appointmentCase')) throwIf(actingCaseProblem(cadre.id, linkedCase));
};

/** Adds a 挂职/驻村/请战/顶岗 record to a dossier, refused at its field when the checks above fail. */
export function addTempering(db: CadreDb, ctx: WriteContext, table: TemperingTable, input: Data) {
  return writeTransaction(db, temperingScope(db), async () => {
    const facts = await temperingFacts(db, String(input.cadreId ?? ''), input.appointmentCase);
    return createRecord(db, ctx, TEMPERING_TYPES[table], input as never, { check: temperingCheck(table, facts) as never });
  });
}

/**
 * The same record for each of several cadres (the roster's selection: a batch sent to 杭州, a 请战 of a team), in
 * one transaction: all are written, or — when one is refused — none, the refusal naming the cadre at its field.
 */
export function addTemperingForCadres(db: CadreDb, ctx: WriteContext, table: TemperingTable, cadreIds: readonly string[], input: Data) {
  return writeTransaction(db, temperingScope(db), async () => {
    // names read first: after a refusal the transaction is no longer usable
    const names = new Map((await db.cadres.bulkGet([...cadreIds])).flatMap((c) => (c ? [[c.id, c.name]] : [])));
    const out = [];
    for (const cadreId of cadreIds) {
      try {
        out.push(await addTempering(db, ctx, table, { ...input, cadreId }));
      } catch (e) {
        if (!(e instanceof FieldError) || cadreIds.length === 1) throw e;
        const name = names.get(cadreId) ?? '';
        const problems = e instanceof FieldErrors ? e.problems : [{ path: e.field, message: e.message }];
        throw new FieldErrors(problems.map((p) => ({ path: p.path, message: `${name}：${p.message}` })));
      }
    }
    return out;
  });
}

export function updateTempering(db: CadreDb, ctx: WriteContext, table: TemperingTable, cadreId: string, id: string, patch: Data) {
  return writeTransaction(db, temperingScope(db), async () => {
    const facts = await temperingFacts(db, cadreId, patch.appointmentCase);
    return updateRecord(db, ctx, TEMPERING_TYPES[table], id, patch as never, { cadreId, check: temperingCheck(table, facts) as never });
  });
}

export function deleteTempering(db: CadreDb, ctx: WriteContext, table: TemperingTable, cadreId: string, id: string) {
  return deleteRecord(db, ctx, TEMPERING_TYPES[table], id, { cadreId });
}

// ---- training -----------------------------------------------------------------------------------------------

export const TRAINING_PROGRAMS = 'trainingPrograms';
const programs = (db: CadreDb) => db.table(TRAINING_PROGRAMS) as Table<TrainingProgram, string>;
const classes = (db: CadreDb) => db.table('trainingClasses') as Table<TrainingClass, string>;
// the rows enrolments are stored in (a class each), for the transactions' scopes
const enrollments = classEnrollments;

/** A year's programme, or undefined when none was drawn up. */
export async function programOf(db: CadreDb, year: number): Promise<TrainingProgram | undefined> {
  const p = await programs(db).get(naturalId('trainingprogram', String(year)));
  return p && !p.deleted ? p : undefined;
}

/** A new programme's fields: the "3411" quotas and the default hours, for the person to change. */
export const programDefaults = (year: number) => ({
  year,
  name: `${year}年度干部教育培训计划`,
  requiredHours: DEFAULT_REQUIRED_HOURS,
  quotas: { ...DEFAULT_QUOTAS },
});

export const createProgram = (db: CadreDb, ctx: WriteContext, input: Data) => createRecord(db, ctx, trainingProgramType, input as never);
export const updateProgram = (db: CadreDb, ctx: WriteContext, id: string, patch: Data) =>
  updateRecord(db, ctx, trainingProgramType, id, patch as never);

/** The classes that start in a year, by start date. */
export async function classesOfYear(db: CadreDb, year: number): Promise<TrainingClass[]> {
  const rows = await classes(db).where('from').between(`${year}-01-01`, `${year}-12-31`, true, true).toArray();
  return rows.filter((c) => !c.deleted).sort((a, b) => a.from.localeCompare(b.from));
}

async function liveClass(db: CadreDb, id: string): Promise<TrainingClass> {
  const c = await classes(db).get(id);
  if (!c || c.deleted) throw new UserError('该培训班已不存在，可能已被删除。请刷新后重试。');
  return c;
}

export const createClass = (db: CadreDb, ctx: WriteContext, input: Data) => createRecord(db, ctx, trainingClassType, input as never);

/**
 * Edits a class; its hours may not drop below what a trainee already earned, and its year moves with them (and
 * with its audience, the trainees' kept totals).
 */
export function updateClass(db: CadreDb, ctx: WriteContext, id: string, patch: Data) {
  return writeTransaction(db, [classes(db), enrollments(db), totalPacks(db)], async () => {
    const list = await enrollmentsOfClass(db, id);
    const old = await classes(db).get(id);
    const updated = await updateRecord(db, ctx, trainingClassType, id, patch as never, {
      check: async (data) => {
        const most = Math.max(0, ...list.map((e) => e.hours ?? 0));
        if (data.hours < most) throw new FieldError('hours', `已有学员获得${most}学时，培训班学时不能少于${most}`);
      },
      summary: (data) => `修改培训班“${data.name}”`,
    });
    const year = Number(updated.from.slice(0, 4));
    const moved = [];
    for (const e of list) {
      const now = e.year !== year ? await updateRecord(db, ctx, enrollmentType, e.id, { year } as never, { classId: id }) : e;
      moved.push({ before: { enrollment: e, audience: old?.audience ?? updated.audience }, after: { enrollment: now, audience: updated.audience } });
    }
    if (old && (old.audience !== updated.audience || Number(old.from.slice(0, 4)) !== year)) await keepTotals(db, moved);
    return updated;
  });
}

/** Deletes a class and its enrolments together. */
export function deleteClass(db: CadreDb, ctx: WriteContext, id: string) {
  return writeTransaction(db, [classes(db), enrollments(db), totalPacks(db)], async () => {
    const cls = await classes(db).get(id);
    const list = await enrollmentsOfClass(db, id);
    for (const e of list) await deleteRecord(db, ctx, enrollmentType, e.id, { classId: id });
    if (cls) await keepTotals(db, list.map((e) => ({ before: { enrollment: e, audience: cls.audience } })));
    await deleteRecord(db, ctx, trainingClassType, id);
  });
}

export async function enrollmentsOfClass(db: CadreDb, classId: string): Promise<Enrollment[]> {
  return (await storedEnrollments(db, classId)).filter((e) => !e.deleted);
}

export async function enrollmentsOfCadre(db: CadreDb, cadreId: string): Promise<Enrollment[]> {
  return (await storedEnrollmentsOfCadre(db, cadreId)).filter((e) => !e.deleted);
}

/** How many live enrolments each class has, by class id (one row read per class). */
export async function enrollmentCounts(db: CadreDb, classIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await enrollments(db).bulkGet([...classIds]);
  return new Map(classIds.map((id, i) => [id, (rows[i]?.enrollments ?? []).filter((e) => !e.deleted).length]));
}

/**
 * Enrols the selected cadres (the roster's selection) in a class in one step: all of them or — if one is already
 * in it — none, with every such name said at once.
 */
export function enrollCadres(db: CadreDb, ctx: WriteContext, classId: string, cadreIds: readonly string[]): Promise<Enrollment[]> {
  return writeTransaction(db, [classes(db), enrollments(db), totalPacks(db), db.cadres, db.units], async () => {
    const cls = await liveClass(db, classId);
    const present = await enrollmentsOfClass(db, classId);
    const have = new Set(present.map(traineeKey));
    const cadres = await db.cadres.bulkGet([...new Set(cadreIds)]);
    const twice = cadres.filter((c) => c && have.has(`c:${c.id}`)).map((c) => c!.name);
    if (twice.length) throw new UserError(`${twice.join('、')}已在“${cls.name}”的学员名单中，同一人不能重复报名；请取消选择后再报名`);
    const units = new Map((await db.units.bulkGet(cadres.map((c) => c?.unitId ?? ''))).flatMap((u) => (u ? [[u.id, u.name]] : [])));
    const inputs = cadres.flatMap((c) =>
      c && !c.deleted ? [{ classId, cadreId: c.id, year: Number(cls.from.slice(0, 4)), name: c.name, unitName: units.get(c.unitId) ?? '', role: c.currentPost, hours: null, completed: false }] : [],
    );
    const out = (await createRecords(db, ctx, enrollmentType, inputs as never[])) as Enrollment[];
    await keepTotals(db, out.map((e) => ({ after: { enrollment: e, audience: cls.audience } })));
    return out;
  });
}

/** Enrols someone who is not in the registry (a community or non-public Party secretary) by name, unit and role. */
export function enrollPerson(db: CadreDb, ctx: WriteContext, classId: string, person: { name: string; unitName: string; role: string }) {
  return writeTransaction(db, [classes(db), enrollments(db), totalPacks(db)], async () => {
    const cls = await liveClass(db, classId);
    const present = await enrollmentsOfClass(db, classId);
    const input = { classId, cadreId: null, year: Number(cls.from.slice(0, 4)), ...person, hours: null, completed: false };
    // the hooks read nothing more: what they need was read above, in this transaction (a hook that awaits a
    // chain of plain promises can outlive Dexie's knowledge of the transaction in Chromium)
    const created = await createRecord(db, ctx, enrollmentType, input as never, {
      check: async (data) => throwIf(duplicateEnrollmentProblem(data, present)),
      summary: (data) => `为“${cls.name}”新增学员“${data.name}”`,
    });
    await keepTotals(db, [{ after: { enrollment: created, audience: cls.audience } }]);
    return created;
  });
}

/** Records attendance: hours earned (within the class's) and completion. */
export function updateEnrollment(db: CadreDb, ctx: WriteContext, classId: string, id: string, patch: { hours?: number | null; completed?: boolean }) {
  return writeTransaction(db, [classes(db), enrollments(db), totalPacks(db)], async () => {
    const current = (await storedEnrollments(db, classId)).find((e) => e.id === id);
    const cls = await liveClass(db, classId);
    const updated = await updateRecord(db, ctx, enrollmentType, id, patch as never, {
      classId,
      check: async (data) => {
        const problem = hoursProblem(data.hours, cls.hours);
        if (problem) throw new FieldErrors([problem]);
      },
      summary: (data) => `修改“${cls.name}”学员“${data.name}”的学时或结业情况`,
    });
    await keepTotals(db, [{ before: current && { enrollment: current, audience: cls.audience }, after: { enrollment: updated, audience: cls.audience } }]);
    return updated;
  });
}

export function deleteEnrollment(db: CadreDb, ctx: WriteContext, classId: string, id: string) {
  return writeTransaction(db, [classes(db), enrollments(db), totalPacks(db)], async () => {
    const current = (await storedEnrollments(db, classId)).find((e) => e.id === id);
    const cls = current && (await classes(db).get(classId));
    await deleteRecord(db, ctx, enrollmentType, id, { classId });
    if (current && cls) await keepTotals(db, [{ before: { enrollment: current, audience: cls.audience } }]);
  });
}

// ---- reads for the screens ------------------------------------------------------------------------------------

/** Everything the dossier's 培养历练 tab shows: its records through their cadre index, and the post and rank history. */
export async function dossierCultivation(db: CadreDb, cadreId: string) {
  const tables = (Object.keys(TEMPERING_TYPES) as TemperingTable[]).map((t) => db.table(t));
  return db.transaction('r', [db.subRecords, enrollments(db), cadreClassPacks(db), classes(db), db.table('appointmentCases'), ...tables], async () => {
    const set = ((await db.subRecords.get(cadreId)) ?? {}) as Record<string, { deleted: boolean }[] | undefined>;
    const live = <T,>(table: string) => (set[table] ?? []).filter((r) => !r.deleted) as T[];
    const own = async <T extends TemperingTable>(t: T) =>
      ((await db.table(t).where('cadreId').equals(cadreId).toArray()) as Row<T>[]).filter((r) => !r.deleted);
    const mine = await enrollmentsOfCadre(db, cadreId);
    const cls = await classes(db).bulkGet([...new Set(mine.map((e) => e.classId))]);
    const byId = new Map(cls.flatMap((c) => (c && !c.deleted ? [[c.id, c]] : [])));
    const actingPosts = await own('actingPosts');
    const caseIds = [...new Set(actingPosts.map((a) => a.appointmentCase).filter(Boolean))];
    const linked = (await db.table('appointmentCases').bulkGet(caseIds)) as (AppointmentCase | undefined)[];
    return {
      training: mine.flatMap((e) => {
        const c = byId.get(e.classId);
        return c ? [{ enrollment: e, cls: c }] : [];
      }),
      secondments: await own('secondments'),
      villagePostings: await own('villagePostings'),
      volunteering: await own('volunteering'),
      actingPosts,
      caseTitles: new Map(linked.flatMap((c) => (c && !c.deleted ? [[c.id, appointmentCaseType.title(c)]] : []))),
      posts: live<{ title: string; postLevel: string | null; from: string; to: string | null }>('posts'),
      ranks: live<{ rank: string; from: string; to: string | null }>('ranks'),
    };
  });
}

/** The live tempering records of one kind that start in a year, through the start-month index. */
export async function temperingOfYear<T extends TemperingTable>(db: CadreDb, table: T, year: number): Promise<Row<T>[]> {
  const rows = (await db.table(table).where('from').between(`${year}-01`, `${year}-12`, true, true).toArray()) as Row<T>[];
  return rows.filter((r) => !r.deleted);
}
