import { describe, expect, it } from 'vitest';
import { recordTypeOf } from '../../../../shared/catalog';
import { checkRecord } from '../../../../shared/catalog/validate';
import { generateDataset, type DatasetOptions } from '../../../../shared/synthetic/cadres';
import { withCultivation } from '../../../../shared/synthetic/cultivation';
import { actingLevelProblem, duplicateEnrollmentProblem, hoursProblem, notServingProblem } from '../../../../shared/rules/cultivation';

const ME = 'c'.repeat(32);
const options: DatasetOptions = { seed: 'cultivation-test', cadres: 600, installationId: ME, asOf: '2026-11', operator: '测试' };
const district = () => [...withCultivation(generateDataset(options), options)];
const all = district();
const cultivation = all.slice([...generateDataset(options)].length);
const of = <T,>(table: string) => cultivation.filter((r) => r.table === table).map((r) => r.record as T);

describe('the synthetic district’s 培养历练', () => {
  it('leaves the cadres’ records as they were and numbers its own after them, the same on every run', () => {
    const plain = [...generateDataset(options)];
    expect(all.slice(0, plain.length)).toEqual(plain);
    expect(district()).toEqual(all);
    const last = Math.max(...plain.map((r) => r.record.vv[ME]!));
    const counters = cultivation.map((r) => r.record.vv[ME]!);
    expect(counters[0]).toBe(last + 1);
    expect(new Set(counters).size).toBe(counters.length);
    expect(new Set(cultivation.map((r) => r.record.id)).size).toBe(cultivation.length);
    // generates the district twice more: over 5 s on a busy two-core machine
  }, 30_000);

  it('gives the cadres’ records one updatedBy object and their 培养历练 another, so a stored dossier or class holds it once', () => {
    // IndexedDB's structured clone writes an object met again within a row as a reference: one author object per
    // dossier set and per class's row of enrolments instead of one per entry (docs/architecture.md "Write path")
    const dossiers = new Set(all.slice(0, all.length - cultivation.length).filter((r) => r.table !== 'units').map((r) => r.record.updatedBy));
    const training = new Set(cultivation.map((r) => r.record.updatedBy));
    for (const authors of [dossiers, training]) {
      expect(authors.size).toBe(1);
      expect([...authors][0]).toEqual({ installationId: ME, operator: '测试' });
    }
  });

  it('says how far it is: from 0 before its first record to every step at its last, never backwards', () => {
    const steps: [number, number][] = [];
    let recordsBefore = -1;
    const plain = [...generateDataset(options)].length;
    let seen = 0;
    for (const _ of withCultivation(generateDataset(options), { ...options, onStep: (done, total) => steps.push([done, total]) })) {
      seen++;
      if (seen === plain + 1) recordsBefore = steps.length;
    }
    const serving = all.filter((r) => r.table === 'cadres' && (r.record as { status: string }).status === '01').length;
    // the years' enrolments and the tempering pass each go through the 在职 cadres once
    const total = serving * 4;
    expect(recordsBefore).toBe(1);
    expect(steps[0]).toEqual([0, total]);
    expect(steps.at(-1)).toEqual([total, total]);
    expect(steps.length).toBeGreaterThan(2);
    for (let i = 1; i < steps.length; i++) expect(steps[i]![0]).toBeGreaterThan(steps[i - 1]![0]);
  }, 30_000);

  it('makes every kind, at the district’s shares', () => {
    const serving = all.filter((r) => r.table === 'cadres' && (r.record as { status: string }).status === '01').length;
    expect(of('trainingPrograms')).toHaveLength(3);
    const enrolments = of<{ cadreId: string | null }>('enrollments');
    const perCadreYear = enrolments.filter((e) => e.cadreId).length / serving / 3;
    expect(perCadreYear).toBeGreaterThan(2.8);
    expect(perCadreYear).toBeLessThan(3.8);
    expect(enrolments.some((e) => e.cadreId === null)).toBe(true);
    for (const t of ['secondments', 'villagePostings', 'volunteering', 'actingPosts']) expect(of(t).length, t).toBeGreaterThan(0);
  });

  it('gives only records the forms and the repository accept', () => {
    const cadres = new Map(all.filter((r) => r.table === 'cadres').map((r) => [r.record.id, r.record as { postLevel: string | null; status: string; statusDate: string | null }]));
    for (const { table, record } of cultivation) {
      const checked = checkRecord(recordTypeOf(table)!, record, { today: '2026-11-30' });
      expect(checked.ok ? [] : checked.problems, `${table} ${record.id}`).toEqual([]);
    }
    const classes = new Map(of<{ id: string; hours: number }>('trainingClasses').map((c) => [c.id, c]));
    const byClass = new Map<string, { id: string; cadreId: string | null; name: string; unitName: string }[]>();
    for (const e of of<{ id: string; classId: string; cadreId: string | null; name: string; unitName: string; hours: number }>('enrollments')) {
      expect(hoursProblem(e.hours, classes.get(e.classId)!.hours)).toBeNull();
      expect(duplicateEnrollmentProblem(e, byClass.get(e.classId) ?? [])).toBeNull();
      byClass.set(e.classId, [...(byClass.get(e.classId) ?? []), e]);
    }
    for (const a of of<{ cadreId: string; actingLevel: string }>('actingPosts')) expect(actingLevelProblem(cadres.get(a.cadreId)!.postLevel, a.actingLevel)).toBeNull();
    for (const p of of<{ cadreId: string; from: string }>('villagePostings')) expect(notServingProblem(cadres.get(p.cadreId)!, p.from)).toBeNull();
    // one secondment or posting per cadre: never two at once
    const away = [...of<{ cadreId: string }>('secondments'), ...of<{ cadreId: string }>('villagePostings')].map((r) => r.cadreId);
    expect(new Set(away).size).toBe(away.length);
  });
});
