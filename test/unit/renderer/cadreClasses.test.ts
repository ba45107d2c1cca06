import { CADRE_BUCKETS, cadreBucketOf } from '../../../renderer/db/cadrePacks';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { cadreClassPacks, classIdsOfCadre, deferCadreClasses, withLinks, type CadreClassPack } from '../../../renderer/db/cadreClasses';
import { classEnrollments, type ClassEnrollments } from '../../../renderer/db/classEnrollments';
import { createCadre } from '../../../renderer/db/cadres';
import { createClass, deleteClass, dossierCultivation, enrollCadres, enrollPerson, updateEnrollment } from '../../../renderer/db/cultivation';
import { createUnit } from '../../../renderer/db/units';
import type { WriteContext } from '../../../renderer/db/repository';
import type { Enrollment } from '../../../shared/domain/cultivation';
import { newId } from '../../../shared/ids';
import { sampleCadre } from '../../fixtures/cadre';

// Which classes each cadre is in, kept in packs beside the class rows (renderer/db/cadreClasses.ts, docs/cultivation.md
// "A cadre's classes"): the dossier's 培养历练 tab reads them.

const ME = '0123456789abcdef0123456789abcdef';
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => Date.UTC(2025, 5, 15) };
const cls = { name: '科级干部轮训班', format: 'rotation', audience: 'section', organiser: '区委党校', from: '2025-05-08', to: '2025-05-12', hours: 40 };

let db: CadreDb;
beforeEach(() => {
  db = openDatabase(`cadre-classes-${newId()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const enrolment = (classId: string, cadreId: string | null, id = newId()): Enrollment =>
  ({ id, classId, cadreId, year: 2025, name: '学员', unitName: '区委组织部', role: '', hours: null, completed: false, deleted: false, vv: {}, updatedAt: 0, updatedBy: { installationId: ME, operator: '李明' } }) as never;
const row = (classId: string, ...cadres: (string | null)[]): ClassEnrollments => ({ classId, enrollments: cadres.map((c) => enrolment(classId, c)) });
const allPacks = async (): Promise<Map<number, CadreClassPack>> => new Map((await cadreClassPacks(db).toArray()).map((p) => [p.bucket, p]));
const sorted = (list: string[]) => [...list].sort();

describe('withLinks', () => {
  it('adds each class once per cadre, takes links out before adding, and empties a pack whose last cadre goes', () => {
    const [a, b] = ['cadre-a', 'cadre-b'];
    const packs = withLinks(new Map(), [[a, 'k1'], [a, 'k1'], [a, 'k2'], [b, 'k1']]);
    const byCadre = Object.assign({}, ...packs.map((p) => p.classes)) as Record<string, string[]>;
    expect(byCadre).toEqual({ [a]: ['k1', 'k2'], [b]: ['k1'] });
    expect(packs.every((p) => Object.keys(p.classes).every((c) => cadreBucketOf(c) === p.bucket))).toBe(true);
    expect(packs.every((p) => p.bucket >= 0 && p.bucket < CADRE_BUCKETS)).toBe(true);

    const stored = new Map(packs.map((p) => [p.bucket, p]));
    const next = withLinks(stored, [[a, 'k3']], [[a, 'k1'], [b, 'k1']]);
    const after = Object.assign({}, ...next.map((p) => p.classes)) as Record<string, string[]>;
    expect(after).toEqual({ [a]: ['k2', 'k3'] });
    // b's pack (unless a shares it) is left empty, for the caller to delete
    if (cadreBucketOf(b) !== cadreBucketOf(a)) expect(next.find((p) => p.bucket === cadreBucketOf(b))?.classes).toEqual({});
    // the stored packs are not changed in place
    expect(stored.get(cadreBucketOf(a))!.classes[a]).toEqual(['k1', 'k2']);
  });
});

describe('cadreClassPacks, kept under every write of the class rows', () => {
  it('a put links the cadres that join a row and unlinks those that leave it; tombstones stay linked; a trainee outside the registry is none', async () => {
    await classEnrollments(db).put(row('k1', 'c1', 'c2', null));
    expect(await classIdsOfCadre(db, 'c1')).toEqual(['k1']);
    expect(await classIdsOfCadre(db, 'c2')).toEqual(['k1']);
    await classEnrollments(db).bulkPut([row('k1', 'c1', 'c3'), row('k2', 'c1')]);
    expect(sorted(await classIdsOfCadre(db, 'c1'))).toEqual(['k1', 'k2']);
    expect(await classIdsOfCadre(db, 'c2')).toEqual([]);
    expect(await classIdsOfCadre(db, 'c3')).toEqual(['k1']);
    const k2 = row('k2', 'c1');
    k2.enrollments[0]!.deleted = true;
    await classEnrollments(db).put(k2);
    expect(sorted(await classIdsOfCadre(db, 'c1'))).toEqual(['k1', 'k2']);
  });

  it('an edit that changes no class’s cadres writes no pack', async () => {
    await classEnrollments(db).put(row('k1', 'c1', 'c2'));
    let writes = 0;
    cadreClassPacks(db).hook('creating', () => void writes++);
    cadreClassPacks(db).hook('updating', () => void writes++);
    const edited = (await classEnrollments(db).get('k1'))!;
    edited.enrollments[0]!.hours = 8;
    await classEnrollments(db).put(edited);
    expect(writes).toBe(0);
  });

  it('a deleted row and a cleared table take their links out, and an emptied pack goes', async () => {
    await classEnrollments(db).bulkPut([row('k1', 'c1'), row('k2', 'c1', 'c2')]);
    await classEnrollments(db).delete('k2');
    expect(await classIdsOfCadre(db, 'c1')).toEqual(['k1']);
    expect(await classIdsOfCadre(db, 'c2')).toEqual([]);
    expect([...(await allPacks()).values()].flatMap((p) => Object.keys(p.classes))).toEqual(['c1']);
    await classEnrollments(db).clear();
    expect(await cadreClassPacks(db).count()).toBe(0);
  });

  it('a write refused halfway takes its links with it', async () => {
    await classEnrollments(db).put(row('k1', 'c1'));
    const failed = await db
      .transaction('rw', classEnrollments(db), async () => {
        await classEnrollments(db).put(row('k2', 'c1'));
        throw new Error('磁盘空间不足');
      })
      .catch((e: unknown) => e);
    expect((failed as Error).message).toBe('磁盘空间不足');
    expect(await classIdsOfCadre(db, 'c1')).toEqual(['k1']);
  });

  it('the repository’s writes keep them, and the dossier’s 培养历练 tab finds the cadre’s classes through them', async () => {
    const unitId = (await createUnit(db, ctx, null, '区发改委')).id;
    const input = (idNumber: string, name: string) => {
      const { id: _i, vv: _v, updatedAt: _u, updatedBy: _b, deleted: _d, ...fields } = sampleCadre({ unitId, idNumber, birth: '1980-05', sex: '1' });
      return { ...fields, name, postLevel: '2A' };
    };
    const zhang = await createCadre(db, ctx, input('320102198005151238', '张伟'));
    const li = await createCadre(db, ctx, input('320102198005150016', '李强'));
    const k1 = await createClass(db, ctx, cls);
    const k2 = await createClass(db, ctx, { ...cls, name: '年轻干部培训班' });
    await enrollCadres(db, ctx, k1.id, [zhang.id, li.id]);
    const [mine] = await enrollCadres(db, ctx, k2.id, [zhang.id]);
    await enrollPerson(db, ctx, k2.id, { name: '王芳', unitName: '东街道某社区', role: '社区党委书记' });
    await updateEnrollment(db, ctx, k2.id, mine!.id, { hours: 40, completed: true });

    const tab = await dossierCultivation(db, zhang.id);
    expect(tab.training.map((t) => [t.cls.name, t.enrollment.name, t.enrollment.hours]).sort()).toEqual([
      ['年轻干部培训班', '张伟', 40],
      ['科级干部轮训班', '张伟', null],
    ]);
    expect((await dossierCultivation(db, li.id)).training.map((t) => t.cls.name)).toEqual(['科级干部轮训班']);
    // a class deleted with its enrolments: tombstones, still linked, shown to nobody
    await deleteClass(db, ctx, k1.id);
    expect(sorted(await classIdsOfCadre(db, li.id))).toEqual([k1.id]);
    expect((await dossierCultivation(db, li.id)).training).toEqual([]);
  });
});

describe('deferCadreClasses (a bulk load)', () => {
  it('collects the links of the rows put instead of writing packs, writes each pack once at the flush, and stops deferring at the end', async () => {
    const deferral = deferCadreClasses(db);
    let created = 0;
    let updated = 0;
    cadreClassPacks(db).hook('creating', () => void created++);
    cadreClassPacks(db).hook('updating', () => void updated++);
    const cadres = Array.from({ length: 300 }, (_, i) => `c${i}`);
    for (let batch = 0; batch < 5; batch++) {
      await classEnrollments(db).bulkPut(Array.from({ length: 20 }, (_, k) => row(`k${batch}-${k}`, ...cadres.filter((_, i) => (i + k) % 20 === 0))));
    }
    expect(await cadreClassPacks(db).count()).toBe(0);
    await deferral.flush();
    const buckets = new Set(cadres.map(cadreBucketOf)).size;
    expect(created).toBe(buckets);
    expect(updated).toBe(0);
    expect(sorted(await classIdsOfCadre(db, 'c0'))).toEqual(['k0-0', 'k1-0', 'k2-0', 'k3-0', 'k4-0']);

    // a row deleted while deferring takes out the links still waiting as well
    await classEnrollments(db).put(row('late', 'c1', 'c2'));
    await classEnrollments(db).delete('late');
    await deferral.flush();
    expect(await classIdsOfCadre(db, 'c2')).toEqual(['k0-18', 'k1-18', 'k2-18', 'k3-18', 'k4-18']);

    deferral.end();
    await classEnrollments(db).put(row('after', 'c1'));
    expect(await classIdsOfCadre(db, 'c1')).toContain('after');
  });

  it('a flush that fails keeps its links for the next, and ending twice leaves a later deferral on', async () => {
    const deferral = deferCadreClasses(db);
    await classEnrollments(db).put(row('k1', 'c1'));
    let failing = true;
    cadreClassPacks(db).hook('creating', () => {
      if (failing) throw new Error('磁盘空间不足');
    });
    await expect(deferral.flush()).rejects.toThrow('磁盘空间不足');
    expect(await cadreClassPacks(db).count()).toBe(0);
    failing = false;
    await deferral.flush();
    expect(await classIdsOfCadre(db, 'c1')).toEqual(['k1']);
    deferral.end();
    const later = deferCadreClasses(db);
    deferral.end();
    await classEnrollments(db).put(row('k2', 'c2'));
    expect(await classIdsOfCadre(db, 'c2')).toEqual([]);
    await later.flush();
    later.end();
    expect(await classIdsOfCadre(db, 'c2')).toEqual(['k2']);
  });
});
