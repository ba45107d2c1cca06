import { allEnrollments, CLASS_ENROLLMENTS } from '../../../renderer/db/classEnrollments';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { addCareerStep, changeCadreStatus, createCadre } from '../../../renderer/db/cadres';
import {
  addTempering,
  addTemperingForCadres,
  dossierCultivation,
  createClass,
  createProgram,
  enrollCadres,
  enrollPerson,
  enrollmentsOfClass,
  programDefaults,
  programOf,
  updateClass,
  updateEnrollment,
  updateTempering,
} from '../../../renderer/db/cultivation';
import { listByCadre } from '../../../renderer/db/records';
import { createCase } from '../../../renderer/db/selection';
import { currentCounter, type WriteContext } from '../../../renderer/db/repository';
import { createUnit } from '../../../renderer/db/units';
import { TEMPERING_TYPES } from '../../../shared/domain/cultivation';
import { newId } from '../../../shared/ids';
import { sampleCadre } from '../../fixtures/cadre';
import { withoutSyncFields } from '../../../shared/domain/record';
import { close, exchange, installation } from './syncHarness';

const ME = '0123456789abcdef0123456789abcdef';
const NOW = Date.UTC(2025, 5, 15);
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => NOW };

let db: CadreDb;
let unitId: string;
let cadreId: string;
let otherId: string;

const cadreInput = (idNumber: string, name: string) => {
  const { id: _id, vv: _vv, updatedAt: _u, updatedBy: _b, deleted: _d, ...fields } = sampleCadre({ unitId, idNumber, birth: '1980-05', sex: '1' });
  return { ...fields, name, postLevel: '2A' };
};

beforeEach(async () => {
  db = openDatabase(`cultivation-${newId()}`);
  unitId = (await createUnit(db, ctx, null, '区发改委')).id;
  cadreId = (await createCadre(db, ctx, cadreInput('320102198005151238', '张伟'))).id;
  otherId = (await createCadre(db, ctx, cadreInput('320102198005150016', '李强'))).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const snapshot = async () => ({
  sets: await db.subRecords.toArray(),
  tempering: await Promise.all(['secondments', 'villagePostings', 'volunteering', 'actingPosts'].map((t) => db.table(t).toArray())),
  enrollments: await allEnrollments(db),
  audit: await db.audit.count(),
  counter: await currentCounter(db),
});

const secondment = (over: Record<string, unknown> = {}) => ({
  cadreId,
  region: '杭州',
  hostUnit: '西湖区发改局',
  post: '副局长',
  batch: '2023',
  from: '2023-03',
  to: '2024-02',
  evaluation: '',
  afterwards: '',
  ...over,
});
const posting = (over: Record<string, unknown> = {}) => ({
  cadreId,
  town: '某镇',
  village: '某村',
  role: 'firstSecretary',
  from: '2024-06',
  to: null,
  evaluation: '',
  ...over,
});

describe('tempering records refuse what the database shows is wrong, at the field, writing nothing', () => {
  it('a second secondment or posting overlapping the first', async () => {
    await addTempering(db, ctx, 'secondments', secondment());
    const before = await snapshot();
    const error = await addTempering(db, ctx, 'villagePostings', posting({ from: '2024-01' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ field: 'from' });
    expect((error as Error).message).toContain('2023.03--2024.02已在挂职锻炼（杭州西湖区发改局）');
    expect(await snapshot()).toEqual(before);
    // after the secondment ends it is fine; another cadre is never affected
    await addTempering(db, ctx, 'villagePostings', posting());
    await addTempering(db, ctx, 'secondments', secondment({ cadreId: otherId }));
    // an edit that moves into the other's time is refused too
    const [p] = await listByCadre(db, TEMPERING_TYPES.villagePostings, cadreId);
    const moved = await updateTempering(db, ctx, 'villagePostings', cadreId, p!.id, { from: '2023-12' }).catch((e: unknown) => e);
    expect(moved).toMatchObject({ field: 'from' });
  });

  it('a record for several selected cadres is written for all or none, the refusal naming the cadre', async () => {
    await addTempering(db, ctx, 'villagePostings', posting({ cadreId: otherId, from: '2023-01', to: null }));
    const before = await snapshot();
    const error = await addTemperingForCadres(db, ctx, 'secondments', [cadreId, otherId], secondment({ cadreId: undefined })).catch((e: unknown) => e);
    expect(error).toMatchObject({ field: 'from' });
    expect((error as Error).message).toMatch(/^李强：该干部2023\.01--已在驻村帮扶/);
    expect(await snapshot()).toEqual(before);
    expect(await listByCadre(db, TEMPERING_TYPES.secondments, cadreId)).toEqual([]);
  });

  it('a posting for a cadre not 在职 at its start', async () => {
    await changeCadreStatus(db, ctx, cadreId, 'retire', '2024-03-31', '');
    const error = await addTempering(db, ctx, 'villagePostings', posting({ from: '2024-05' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ field: 'from' });
    expect((error as Error).message).toContain('已于2024-03-31退休');
    await addTempering(db, ctx, 'villagePostings', posting({ from: '2023-01', to: '2023-12' }));
  });

  it('an acting post at or below the cadre’s own level', async () => {
    const acting = { cadreId, post: '区发改委副主任', unit: '区发改委', actingLevel: '2A', from: '2024-01', trialMonths: 12, outcome: 'ongoing' };
    const error = await addTempering(db, ctx, 'actingPosts', acting).catch((e: unknown) => e);
    expect(error).toMatchObject({ field: 'actingLevel' });
    expect((error as Error).message).toContain('不高于该干部现职务层次（正科）');
    const ok = await addTempering(db, ctx, 'actingPosts', { ...acting, actingLevel: '1B' });
    // appointed later, the cadre's level is now 副处: the old acting post is judged by the level held when it began
    await addCareerStep(db, ctx, 'posts', cadreId, { title: '区发改委副主任', postLevel: '1B', unit: '区发改委', from: '2025-01' } as never, true);
    await updateTempering(db, ctx, 'actingPosts', cadreId, ok.id, { outcome: 'appointed', to: '2025-01', from: '2024-02' });
  });

  it('an acting post linked to a 选拔任用纪实 that has the cadre among its candidates, or refused at the link', async () => {
    const theCase = await createCase(db, ctx, { unitId, postTitle: '区发改委副主任', postLevel: '1B', motionOn: '2024-12-01', candidates: [{ cadreId }] } as never);
    const acting = { cadreId, post: '区发改委副主任', unit: '区发改委', actingLevel: '1B', from: '2024-01', trialMonths: 12, outcome: 'appointed', to: '2025-01' };
    const before = await snapshot();
    // 李强 is no candidate of the case; a case id that is no case; a link while the outcome is not 任用
    const notCandidate = await addTempering(db, ctx, 'actingPosts', { ...acting, cadreId: otherId, appointmentCase: theCase.id }).catch((e: unknown) => e);
    expect(notCandidate).toMatchObject({ field: 'appointmentCase', message: '“区发改委副主任选任”的人选中没有该干部，请选择该干部作为人选的选拔任用纪实' });
    const gone = await addTempering(db, ctx, 'actingPosts', { ...acting, appointmentCase: 'no-such-case' }).catch((e: unknown) => e);
    expect(gone).toMatchObject({ field: 'appointmentCase', message: '所选的选拔任用纪实已不存在，请重新选择' });
    const notAppointed = await addTempering(db, ctx, 'actingPosts', { ...acting, outcome: 'ongoing', to: null, appointmentCase: theCase.id }).catch((e: unknown) => e);
    expect(JSON.stringify(notAppointed)).toContain('只有结果为“任用”时才关联任用案例');
    expect(await snapshot()).toEqual(before);

    const linked = await addTempering(db, ctx, 'actingPosts', { ...acting, appointmentCase: theCase.id });
    const dossier = await dossierCultivation(db, cadreId);
    expect(dossier.caseTitles.get(theCase.id)).toBe('区发改委副主任选任');
    // a case number typed before the field was a link stays as it is when the record is edited otherwise
    await db.table('actingPosts').update(linked.id, { appointmentCase: '区委组〔2024〕12号' });
    await updateTempering(db, ctx, 'actingPosts', cadreId, linked.id, { evaluation: '试用期表现良好' });
    expect(await db.table('actingPosts').get(linked.id)).toMatchObject({ appointmentCase: '区委组〔2024〕12号', evaluation: '试用期表现良好' });
  });
});

describe('training', () => {
  const cls = { name: '科级干部轮训班', format: 'rotation', audience: 'section', organiser: '区委党校', from: '2025-05-08', to: '2025-05-12', hours: 40 };

  it('a programme per year with the 3411 defaults; a second one for the year is refused', async () => {
    const p = await createProgram(db, ctx, programDefaults(2025));
    expect((await programOf(db, 2025))?.quotas).toEqual({ county: 300, section: 400, community: 100, nonPublic: 100 });
    expect(p.requiredHours).toBe(110);
    expect(await createProgram(db, ctx, programDefaults(2025)).catch((e: unknown) => e)).toMatchObject({ field: 'year' });
  });

  it('enrols a large selection with one write of the class’s row, each enrolment its own audit entry and counter', async () => {
    const k = await createClass(db, ctx, cls);
    const many = Array.from({ length: 300 }, (_, i) => ({ ...sampleCadre({ unitId }), id: newId(), name: `学员${i}` }));
    await db.cadres.bulkPut(many);
    let puts = 0;
    db.table(CLASS_ENROLLMENTS).hook('creating', () => void puts++);
    db.table(CLASS_ENROLLMENTS).hook('updating', () => void puts++);
    const done = await enrollCadres(db, ctx, k.id, many.map((c) => c.id));
    expect(puts).toBe(1);
    expect(done.map((e) => e.name)).toEqual(many.map((c) => c.name));
    expect((await enrollmentsOfClass(db, k.id)).map((e) => e.id)).toEqual(done.map((e) => e.id));
    const counters = done.map((e) => e.vv[ME]!);
    expect(new Set(counters).size).toBe(300);
    const audit = await db.audit.where('[table+recordId]').between(['enrollments', ''], ['enrollments', '\uffff']).toArray();
    expect(audit.map((a) => a.summary).sort()).toEqual(many.map((c) => `新增参训学员“${c.name}”`).sort());
  });

  it('enrols a roster selection in one step, each person once, and someone outside the registry by name', async () => {
    const k = await createClass(db, ctx, cls);
    const done = await enrollCadres(db, ctx, k.id, [cadreId, otherId]);
    expect(done.map((e) => [e.name, e.unitName, e.year])).toEqual([
      ['张伟', '区发改委', 2025],
      ['李强', '区发改委', 2025],
    ]);
    const before = await snapshot();
    const twice = await enrollCadres(db, ctx, k.id, [otherId]).catch((e: unknown) => e);
    expect((twice as Error).message).toContain('李强已在“科级干部轮训班”的学员名单中');
    expect(await snapshot()).toEqual(before);

    await enrollPerson(db, ctx, k.id, { name: '王芳', unitName: '东街道某社区', role: '社区党委书记' });
    const again = await enrollPerson(db, ctx, k.id, { name: '王芳', unitName: '东街道某社区', role: '' }).catch((e: unknown) => e);
    expect(again).toMatchObject({ field: 'name', message: '王芳已在本培训班的学员名单中，同一人不能重复报名' });
    expect(await enrollmentsOfClass(db, k.id)).toHaveLength(3);
  });

  it('hours earned within the class’s; the class cannot drop below what was earned; its year follows its date', async () => {
    const k = await createClass(db, ctx, cls);
    const [e] = await enrollCadres(db, ctx, k.id, [cadreId]);
    const over = await updateEnrollment(db, ctx, e!.classId, e!.id, { hours: 41 }).catch((x: unknown) => x);
    expect(over).toMatchObject({ field: 'hours', message: '获得学时41超过了本培训班的学时40，请核对' });
    await updateEnrollment(db, ctx, e!.classId, e!.id, { hours: 40, completed: true });
    expect(await updateClass(db, ctx, k.id, { hours: 32 }).catch((x: unknown) => x)).toMatchObject({ field: 'hours' });
    await updateClass(db, ctx, k.id, { from: '2024-12-28', to: '2025-01-03' });
    expect((await enrollmentsOfClass(db, k.id))[0]).toMatchObject({ year: 2024, hours: 40, completed: true });
  });
});

describe('a dossier’s tempering records travel in a bundle', () => {
  it('a secondment written at the department arrives at the unit', async () => {
    const dept = await installation('a'.repeat(32), '组织部');
    const unit = await installation('b'.repeat(32), '单位');
    try {
      const u = await createUnit(dept.db, dept.ctx, null, '区发改委');
      const { id: _i, vv: _v, updatedAt: _a, updatedBy: _b, deleted: _d, ...fields } = sampleCadre({ unitId: u.id });
      const c = await createCadre(dept.db, dept.ctx, fields);
      const s = await addTempering(dept.db, dept.ctx, 'secondments', secondment({ cadreId: c.id, from: '2021-03', to: '2022-02' }));
      const v = await addTempering(dept.db, dept.ctx, 'volunteering', { cadreId: c.id, form: 'pledge', area: 'petitions', task: '化解信访积案', from: '2022-03' });
      await exchange(dept, unit);
      const [there] = await listByCadre(unit.db, TEMPERING_TYPES.secondments, c.id);
      expect(withoutSyncFields(there!)).toEqual(withoutSyncFields(s));
      expect(there!.vv).toEqual(s.vv);
      expect((await listByCadre(unit.db, TEMPERING_TYPES.volunteering, c.id)).map((r) => r.id)).toEqual([v.id]);
    } finally {
      await close(dept, unit);
    }
  });
});
