import { allEnrollments } from '../../../renderer/db/classEnrollments';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { changeCadreStatus, createCadre } from '../../../renderer/db/cadres';
import {
  createClass,
  createProgram,
  deleteClass,
  deleteEnrollment,
  enrollCadres,
  enrollPerson,
  programDefaults,
  updateClass,
  updateEnrollment,
} from '../../../renderer/db/cultivation';
import { loadShortfall, loadStatistics, type People } from '../../../renderer/db/cultivationStats';
import { totalsOfYear } from '../../../renderer/db/cultivationTotals';
import { rowsOfPack, totalPacks } from '../../../renderer/db/cultivationPacks';
import type { WriteContext } from '../../../renderer/db/repository';
import { createUnit } from '../../../renderer/db/units';
import type { Enrollment, TrainingClass } from '../../../shared/domain/cultivation';
import { traineeTotals } from '../../../shared/rules/cultivationTotals';
import { newId } from '../../../shared/ids';
import { sampleCadre } from '../../fixtures/cadre';

// The per-(year, trainee) totals (schema version 14; in packs alone since 33) move with every enrolment write, in its transaction, and the
// shortfall list and statistics read them with the cadres passed in (the roster's index in the app).

const ME = '0123456789abcdef0123456789abcdef';
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => Date.UTC(2025, 5, 15) };

let db: CadreDb;
let unitId: string;
let otherUnitId: string;
const ids: string[] = [];

beforeEach(async () => {
  db = openDatabase(`totals-${newId()}`);
  unitId = (await createUnit(db, ctx, null, '区发改委')).id;
  otherUnitId = (await createUnit(db, ctx, null, '区财政局')).id;
  ids.length = 0;
  for (const [idNumber, name, unit] of [
    ['320102198005151238', '张伟', unitId],
    ['320102198005150016', '李强', unitId],
    ['320102198005150032', '王磊', otherUnitId],
  ] as const) {
    const { id: _i, vv: _v, updatedAt: _u, updatedBy: _b, deleted: _d, ...fields } = sampleCadre({ unitId: unit, idNumber, birth: '1980-05', sex: '1' });
    ids.push((await createCadre(db, ctx, { ...fields, name, postLevel: '2A' })).id);
  }
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const sorted = <T extends { year: number; trainee: string }>(rows: T[]) => [...rows].sort((a, b) => a.year - b.year || a.trainee.localeCompare(b.trainee));
/** What the kept rows must be: the sums over the live enrolments of live classes, computed from scratch. */
async function expectTotalsMatchEnrolments() {
  const classes = ((await db.table('trainingClasses').toArray()) as TrainingClass[]).filter((c) => !c.deleted);
  const enrolments = (await allEnrollments(db)) as Enrollment[];
  const kept = await allTotals();
  expect(sorted(kept)).toEqual(sorted(traineeTotals(classes, enrolments)));
  // and the packs a year is read from hold the same rows (renderer/db/cultivationPacks.ts)
  const years = [...new Set(kept.map((r) => r.year)), 2024, 2025, 2026];
  for (const year of new Set(years)) expect(sorted(await totalsOfYear(db, year))).toEqual(sorted(kept.filter((r) => r.year === year)));
  return kept;
}
/** Every kept row, from every pack. */
const allTotals = async () => (await totalPacks(db).toArray()).flatMap(rowsOfPack);
async function people(): Promise<People> {
  return { cadres: (await db.cadres.toArray()).filter((c) => !c.deleted), units: await db.units.toArray() };
}

const cls = (over: Record<string, unknown> = {}) => ({ name: '科级干部轮训班', format: 'rotation', audience: 'section', organiser: '区委党校', from: '2025-05-08', to: '2025-05-12', hours: 40, ...over });

describe('the kept totals of each trainee and year', () => {
  it('follow every enrolment write: enrol, attendance, a class moved or re-aimed, deletions', async () => {
    const [a, b, c] = ids as [string, string, string];
    const k1 = await createClass(db, ctx, cls());
    const k2 = await createClass(db, ctx, cls({ name: '处级干部专题班', audience: 'county', hours: 24 }));
    const [ea, eb] = await enrollCadres(db, ctx, k1.id, [a, b]);
    const [ea2] = await enrollCadres(db, ctx, k2.id, [a]);
    await enrollPerson(db, ctx, k2.id, { name: '王芳', unitName: '东街道某社区', role: '社区党委书记' });
    // enrolled, no hours yet: a row with zero hours and its audience
    expect((await expectTotalsMatchEnrolments()).find((r) => r.trainee === `c:${a}`)).toMatchObject({ hours: 0, audiences: { section: 1, county: 1 } });

    await updateEnrollment(db, ctx, ea!.classId, ea!.id, { hours: 40, completed: true });
    await updateEnrollment(db, ctx, ea2!.classId, ea2!.id, { hours: 20 });
    await updateEnrollment(db, ctx, eb!.classId, eb!.id, { hours: 30 });
    expect((await totalsOfYear(db, 2025, true)).map((r) => [r.cadreId, r.hours])).toEqual(
      expect.arrayContaining([
        [a, 60],
        [b, 30],
      ]),
    );
    // a refused write leaves the totals as they were
    const before = await allTotals();
    expect(await updateEnrollment(db, ctx, eb!.classId, eb!.id, { hours: 41 }).catch((e: unknown) => e)).toMatchObject({ field: 'hours' });
    expect(await enrollCadres(db, ctx, k1.id, [c, b]).catch((e: unknown) => e)).toMatchObject({ message: expect.stringContaining('李强已在') });
    expect(await allTotals()).toEqual(before);

    // the class moves to 2024 and to another audience: its trainees' shares move with it
    await updateClass(db, ctx, k1.id, { from: '2024-12-28', to: '2025-01-03', audience: 'county' });
    const moved = await expectTotalsMatchEnrolments();
    expect(moved.find((r) => r.year === 2024 && r.trainee === `c:${a}`)).toMatchObject({ hours: 40, audiences: { county: 1 } });
    expect(moved.find((r) => r.year === 2025 && r.trainee === `c:${a}`)).toMatchObject({ hours: 20, audiences: { county: 1 } });
    // b had nothing else in 2025: the row is gone
    expect(moved.some((r) => r.year === 2025 && r.trainee === `c:${b}`)).toBe(false);

    await deleteEnrollment(db, ctx, ea2!.classId, ea2!.id);
    await expectTotalsMatchEnrolments();
    await deleteClass(db, ctx, k1.id);
    const left = await expectTotalsMatchEnrolments();
    expect(left.map((r) => r.trainee)).toEqual(['n:王芳|东街道某社区']);
  });
});

describe('the shortfall list and statistics read the totals and the people passed in', () => {
  it('count the 在职 cadres in scope, the retired and other units left out', async () => {
    const [a, b, c] = ids as [string, string, string];
    await createProgram(db, ctx, { ...programDefaults(2025), requiredHours: 50 });
    const k1 = await createClass(db, ctx, cls());
    const [ea, eb, ec] = await enrollCadres(db, ctx, k1.id, [a, b, c]);
    await updateEnrollment(db, ctx, ea!.classId, ea!.id, { hours: 40 });
    await updateEnrollment(db, ctx, eb!.classId, eb!.id, { hours: 10 });
    await updateEnrollment(db, ctx, ec!.classId, ec!.id, { hours: 5 });
    const k2 = await createClass(db, ctx, cls({ name: '专题班', hours: 16 }));
    const [ea2] = await enrollCadres(db, ctx, k2.id, [a]);
    await updateEnrollment(db, ctx, ea2!.classId, ea2!.id, { hours: 16 });

    const district = await loadShortfall(db, { year: 2025, unitId: null }, await people());
    expect(district.required).toBe(50);
    expect(district.rows.map((r) => [r.name, r.hours, r.missing, r.unitName])).toEqual([
      ['王磊', 5, 45, '区财政局'],
      ['李强', 10, 40, '区发改委'],
    ]);
    const unit = await loadShortfall(db, { year: 2025, unitId }, await people());
    expect(unit.rows.map((r) => r.name)).toEqual(['李强']);
    await changeCadreStatus(db, ctx, b, 'retire', '2025-06-01', '');
    expect((await loadShortfall(db, { year: 2025, unitId }, await people())).rows).toEqual([]);

    const stats = Object.fromEntries((await loadStatistics(db, { year: 2025, unitId: null }, await people())).map((t) => [t.key, Object.fromEntries(t.rows.map((r) => [r.label, r.values]))]));
    expect(stats.quota!['科级领导干部']).toEqual([400, 3, 0.8]);
    expect(stats.hours).toEqual({ 达到应修学时: [1], 未达到应修学时: [1] });
    const unitStats = await loadStatistics(db, { year: 2025, unitId: otherUnitId }, await people());
    expect(unitStats.find((t) => t.key === 'quota')!.rows[1]!.values).toEqual([400, 1, 0.3]);
  });
});
