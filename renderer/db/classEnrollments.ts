import { Dexie, type Table } from 'dexie';
import type { Enrollment } from '../../shared/domain/cultivation';
import type { CadreDb } from './database';
import { classIdsOfCadre } from './cadreClasses';

// Storage of 参训学员 (docs/cultivation.md "Enrolments, a class to a row"; schema versions 35–37): a class's
// enrolments live in one row, keyed by the class; which classes a cadre is in is kept beside them (cadreClassPacks,
// renderer/db/cadreClasses.ts), and a dossier's 培养历练 tab reads its classes' rows and keeps the cadre's own
// enrolments. In Chromium every
// stored row costs a round trip to the database process whatever its size: 90,000 enrolments of 400 bytes took
// 23 s to write a row each and under 1 s as 1,111 class rows. The record-type repository (renderer/db/records.ts,
// storage 'inClass') and the demo load write here; everything above them sees enrolment records.

export const CLASS_ENROLLMENTS = 'classEnrollments';

export interface ClassEnrollments {
  classId: string;
  /** Every enrolment of the class, tombstones included, in the order they were added. */
  enrollments: Enrollment[];
}

export const classEnrollments = (db: CadreDb) => db.table(CLASS_ENROLLMENTS) as Table<ClassEnrollments, string>;

/** `row` (or a new row of `classId`) with `list` put in, each in place of the entry with its id or appended. */
export function withEnrollments(row: ClassEnrollments | undefined, classId: string, list: readonly Enrollment[]): ClassEnrollments {
  const enrollments = [...(row?.enrollments ?? [])];
  const at = new Map(enrollments.map((e, i) => [e.id, i]));
  for (const e of list) {
    const i = at.get(e.id);
    if (i === undefined) at.set(e.id, enrollments.push(e) - 1);
    else enrollments[i] = e;
  }
  return { classId, enrollments };
}

/** Enrolments by class, in the order they come. */
function byClass(list: readonly Enrollment[]): Map<string, Enrollment[]> {
  const out = new Map<string, Enrollment[]>();
  for (const e of list) {
    const rows = out.get(e.classId);
    if (rows) rows.push(e);
    else out.set(e.classId, [e]);
  }
  return out;
}

/** Enrolments grouped into the rows of their classes (rows as stored before, if given). */
export function rowsOfEnrollments(list: readonly Enrollment[], stored: ReadonlyMap<string, ClassEnrollments> = new Map()): ClassEnrollments[] {
  return [...byClass(list)].map(([classId, es]) => withEnrollments(stored.get(classId), classId, es));
}

// The reads and writes below return Dexie's own promises (then-chains, no async functions): awaited inside a
// transaction through another async function, a native promise lost the transaction in Chromium, which then
// committed before the next read (PrematureCommitError on the dossier's 培养历练 tab).

/**
 * Stores enrolments with the others of their classes: one read and one write per class, however many of its
 * enrolments come. Must run inside a transaction over the table.
 */
export function putEnrollments(db: CadreDb, list: readonly Enrollment[]): Promise<void> {
  if (!list.length) return Dexie.Promise.resolve();
  const classIds = [...new Set(list.map((e) => e.classId))];
  return classEnrollments(db)
    .bulkGet(classIds)
    .then((found) => classEnrollments(db).bulkPut(rowsOfEnrollments(list, new Map(found.flatMap((row) => (row ? [[row.classId, row] as const] : []))))))
    .then(() => undefined);
}

/**
 * Stores the rows of classes that have none yet, each with all of its enrolments given here, once (the demo load,
 * whose batches are cut between classes in a database that held none): written without reading them first or
 * looking for an enrolment twice, which for 900,000 enrolments took 1.8 s of the page's main thread. Must run inside
 * a transaction over the table.
 */
export function putNewClasses(db: CadreDb, list: readonly Enrollment[]): Promise<void> {
  return classEnrollments(db)
    .bulkPut([...byClass(list)].map(([classId, enrollments]) => ({ classId, enrollments })))
    .then(() => undefined);
}

/** A store function for writeStored: the enrolment replaces its old version in its class's row. */
export const storeEnrollment =
  (db: CadreDb) =>
  (record: { id: string }): Promise<void> =>
    putEnrollments(db, [record as Enrollment]);

/** Every enrolment of a class, tombstones included. */
export function storedEnrollments(db: CadreDb, classId: string): Promise<Enrollment[]> {
  return classEnrollments(db)
    .get(classId)
    .then((row) => row?.enrollments ?? []);
}

/**
 * Every enrolment of a cadre, tombstones included, found through the classes that list the cadre; a transaction it
 * runs in must hold cadreClassPacks too.
 */
export function storedEnrollmentsOfCadre(db: CadreDb, cadreId: string): Promise<Enrollment[]> {
  return classIdsOfCadre(db, cadreId)
    .then((classIds) => classEnrollments(db).bulkGet(classIds))
    .then((rows) => rows.flatMap((row) => (row ? row.enrollments.filter((e) => e.cadreId === cadreId) : [])));
}

/** Every enrolment stored, tombstones included. */
export function allEnrollments(db: CadreDb): Promise<Enrollment[]> {
  return classEnrollments(db)
    .toArray()
    .then((rows) => rows.flatMap((row) => row.enrollments));
}
