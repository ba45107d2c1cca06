// The 培养历练 bench phase's page side (bench/cultivationPage.ts) on a small generated district: its fast load —
// records written in large batches around the generation, the trainees' totals summed in memory and written once —
// stores what the repository would have kept, and the measurement runs over it (it refuses totals that disagree
// with the enrolments).
import { allEnrollments } from '../../../renderer/db/classEnrollments';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCultivationBench, measureCultivationBench } from '../../../bench/cultivationPage';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { allFacts } from '../../../renderer/db/dossierFacts';
import { rowsOfPack, totalPacks } from '../../../renderer/db/cultivationPacks';
import type { Enrollment, TrainingClass } from '../../../shared/domain/cultivation';
import { traineeTotals } from '../../../shared/rules/cultivationTotals';
import { newId } from '../../../shared/ids';
import { storeGeneratedDistrict } from './generatedDistrict';
import { classIdsOfCadre } from '../../../renderer/db/cadreClasses';

const ORIGIN = 'b'.repeat(32);
let db: CadreDb;
beforeEach(async () => {
  db = openDatabase(`cultivation-bench-${newId()}`);
  await storeGeneratedDistrict(db, { seed: 20261124, cadres: 300 });
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const sorted = <T extends { year: number; trainee: string }>(rows: T[]) => [...rows].sort((a, b) => a.year - b.year || a.trainee.localeCompare(b.trainee));

describe('the cultivation bench phase', () => {
  it('loads the records with the totals the repository would keep, then measures the three reads', async () => {
    const loaded = await loadCultivationBench(db, { seed: 20261130, installationId: ORIGIN, asOf: '2026-11', enrollmentsPerYear: 3.3, temperingScale: 12, batch: 1_000 });
    const enrolments = (await allEnrollments(db)) as Enrollment[];
    expect(enrolments.length).toBe(loaded.counts.enrollments);
    expect(enrolments.length).toBeGreaterThan(2_000);
    const classes = (await db.table('trainingClasses').toArray()) as TrainingClass[];
    expect(sorted((await totalPacks(db).toArray()).flatMap(rowsOfPack))).toEqual(sorted(traineeTotals(classes, enrolments)));
    expect((await allFacts(db)).size).toBe(await db.subRecords.count());
    // which classes each cadre is in, written once at the end, as the demo load does
    const linked = enrolments.filter((e) => e.cadreId);
    const missing = [];
    for (const e of linked.slice(0, 500)) if (!(await classIdsOfCadre(db, e.cadreId!)).includes(e.classId)) missing.push(e.id);
    expect(missing).toEqual([]);

    const m = await measureCultivationBench(db, { year: 2026, runs: 2, baselineRuns: 1 });
    expect(m.shortfall).toHaveLength(2);
    expect(m.statistics).toHaveLength(2);
    expect(m.dossier).toHaveLength(2);
    expect(m.shortfallRows).toBeGreaterThan(0);
  });
});
