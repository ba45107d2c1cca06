import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { currentCounter, type WriteContext } from '../../../renderer/db/repository';
import { addSubRecord, createCadre, deleteCadre, deleteSubRecord, listSubRecords, updateCadre, updateSubRecord, type CadreInput } from '../../../renderer/db/cadres';
import { createUnit } from '../../../renderer/db/units';
import { createRecord } from '../../../renderer/db/records';
import { lrmxKeptTable, putKept } from '../../../renderer/db/lrmxKept';
import { appointmentFormType } from '../../../shared/domain/appointmentForm';
import { FieldError } from '../../../shared/errors';
import { cadreId, naturalId, newId } from '../../../shared/ids';

const ME = '0123456789abcdef0123456789abcdef';
const NOW = Date.UTC(2025, 5, 15); // 2025-06-15
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => NOW };

let db: CadreDb;
let unitId: string;
beforeEach(async () => {
  db = openDatabase(`cadres-${newId()}`);
  unitId = (await createUnit(db, ctx, null, '区委组织部')).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const valid = (): CadreInput => ({
  name: '王芳',
  sex: '2',
  birth: '1949-12',
  nation: '01',
  idNumber: '11010519491231002x',
  politicalStatus: '01',
  partyJoined: '1975-06',
  workStarted: '1968-09',
  fullTimeEducation: { education: '21', degree: null, school: '南京大学', major: '中文' },
  inServiceEducation: { education: null, degree: null, school: '', major: '' },
  unitId,
  personnelCategory: '1',
  status: '01',
});

/** Everything a refused write must leave untouched. */
const state = async () => ({
  cadres: await db.cadres.toArray(),
  subRecords: await db.subRecords.toArray(),
  audit: await db.audit.count(),
  counter: await currentCounter(db),
});

async function refusedAt(promise: Promise<unknown>): Promise<{ field: string; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FieldError);
  const { field, message } = error as FieldError;
  expect(message).toMatch(/[\u4e00-\u9fff]/);
  return { field, message };
}

describe('createCadre', () => {
  it('stores a valid cadre under v5 of the normalised ID number, with vv, stamp and audit', async () => {
    const cadre = await createCadre(db, ctx, valid());
    expect(cadre.idNumber).toBe('11010519491231002X');
    expect(cadre.id).toBe(cadreId('11010519491231002X'));
    expect(cadre.vv).toEqual({ [ME]: 2 });
    expect(cadre.updatedAt).toBe(NOW);
    expect(cadre.updatedBy).toEqual(ctx.actor);
    expect(cadre.nativePlace).toBe('');
    const audit = await db.audit.where({ table: 'cadres', recordId: cadre.id }).toArray();
    expect(audit.map((a) => [a.action, a.summary])).toEqual([['create', '新增干部“王芳”']]);
  });

  it('converts a 15-digit number to 18 digits', async () => {
    const cadre = await createCadre(db, ctx, { ...valid(), idNumber: '110105491231002' });
    expect(cadre.idNumber).toBe('11010519491231002X');
  });

  it.each([
    ['a wrong check character', { idNumber: '110105194912310021' }, 'idNumber', /校验位.*X/],
    ['a birth month that disagrees with the ID number', { birth: '1949-11' }, 'birth', /与身份证号码中的 1949\.12 不一致/],
    ['a sex that disagrees with the ID number', { sex: '1' }, 'sex', /性别与身份证号码不一致/],
    ['a 200-character name', { name: '王'.repeat(200) }, 'name', /姓名不能超过30个字/],
    ['an empty name', { name: '  ' }, 'name', /请填写姓名/],
    ['a future party date', { partyJoined: '2031-01' }, 'partyJoined', /2031\.01 晚于当前年月/],
    ['a malformed month', { workStarted: '1968/09' }, 'workStarted', /参加工作时间应为“年-月”/],
    ['an unknown nation code', { nation: '99' }, 'nation', /民族的代码不在/],
    ['a unit that does not exist', { unitId: 'nope' }, 'unitId', /单位已不存在/],
  ])('refuses %s at the field and saves nothing', async (_what, patch, field, message) => {
    const before = await state();
    const refusal = await refusedAt(createCadre(db, ctx, { ...valid(), ...patch } as CadreInput));
    expect(refusal.field).toBe(field);
    expect(refusal.message).toMatch(message);
    expect(await state()).toEqual(before);
  });

  it('refuses an ID number already used by another cadre, naming that cadre', async () => {
    await createCadre(db, ctx, valid());
    const before = await state();
    const refusal = await refusedAt(createCadre(db, ctx, { ...valid(), name: '王芳芳' }));
    expect(refusal).toEqual({ field: 'idNumber', message: expect.stringContaining('已被干部“王芳”使用') });
    expect(await state()).toEqual(before);
  });
});

describe('updateCadre', () => {
  it('records which fields changed and keeps the id when the ID number is corrected', async () => {
    const cadre = await createCadre(db, ctx, valid());
    const moved = await updateCadre(db, ctx, cadre.id, { name: '王 芳', currentPost: '干部科科长' });
    expect(moved.name).toBe('王 芳');
    const corrected = await updateCadre(db, ctx, cadre.id, {
      idNumber: '110105194912310046',
      // birth and sex stay as they are; the new number must agree with them
    });
    expect(corrected.id).toBe(cadre.id);
    expect(corrected.idNumber).toBe('110105194912310046');
    const summaries = (await db.audit.where({ table: 'cadres', recordId: cadre.id }).sortBy('at')).map((a) => a.summary);
    expect(summaries).toContain('修改干部“王 芳”的姓名、现任职务');
    expect(summaries).toContain('修改干部“王 芳”的身份证号码');
  });

  it('an edit that changes nothing writes nothing', async () => {
    const cadre = await createCadre(db, ctx, valid());
    const before = await state();
    await updateCadre(db, ctx, cadre.id, { name: '王芳' });
    expect(await state()).toEqual(before);
  });
});

describe('sub-records', () => {
  it('adds, edits and deletes a career segment; an end before its start is refused at the field', async () => {
    const cadre = await createCadre(db, ctx, valid());
    const seg = await addSubRecord(db, ctx, 'career', cadre.id, { from: '1968-09', to: '1975-06', unit: '南京市第一中学', post: '教师' });
    expect(seg.cadreId).toBe(cadre.id);
    expect(seg.kind).toBe('work');
    const before = await state();
    const refusal = await refusedAt(updateSubRecord(db, ctx, 'career', cadre.id, seg.id, { to: '1960-01' }));
    expect(refusal.field).toBe('to');
    expect(await state()).toEqual(before);
    await updateSubRecord(db, ctx, 'career', cadre.id, seg.id, { post: '语文教师' });
    expect((await listSubRecords(db, 'career', cadre.id)).map((c) => c.post)).toEqual(['语文教师']);
    await deleteSubRecord(db, ctx, 'career', cadre.id, seg.id);
    expect(await listSubRecords(db, 'career', cadre.id)).toEqual([]);
    // the tombstone stays in the dossier's set, for sync
    const [stored] = (await db.subRecords.get(cadre.id))!.career!;
    expect(stored).toMatchObject({ id: seg.id, deleted: true, post: '语文教师' });
  });

  it('an annual assessment has the natural id (cadre, year) and a year cannot be registered twice', async () => {
    const cadre = await createCadre(db, ctx, valid());
    const a = await addSubRecord(db, ctx, 'assessments', cadre.id, { year: 2023, grade: '1' });
    expect(a.id).toBe(naturalId('assessment', cadre.id, '2023'));
    const before = await state();
    const refusal = await refusedAt(addSubRecord(db, ctx, 'assessments', cadre.id, { year: 2023, grade: '2' }));
    expect(refusal).toEqual({ field: 'year', message: '2023年度的考核结果已登记，请修改原记录' });
    expect(await state()).toEqual(before);
    // deleted, it can be registered again under the same id
    await deleteSubRecord(db, ctx, 'assessments', cadre.id, a.id);
    const again = await addSubRecord(db, ctx, 'assessments', cadre.id, { year: 2023, grade: '2' });
    expect(again.id).toBe(a.id);
  });

  it('a 处分’s period may end in the future; its date may not', async () => {
    const cadre = await createCadre(db, ctx, valid());
    const punishment = { kind: 'discipline' as const, date: '2025-03', title: '党内警告', issuer: '区纪委', effectiveFrom: '2025-03', effectiveTo: '2026-02', revoked: null };
    expect((await addSubRecord(db, ctx, 'rewards', cadre.id, punishment)).effectiveTo).toBe('2026-02');
    const refusal = await refusedAt(addSubRecord(db, ctx, 'rewards', cadre.id, { ...punishment, date: '2025-07' }));
    expect(refusal.field).toBe('date');
  });

  it('refuses a future month and a sub-record for a cadre that does not exist', async () => {
    const cadre = await createCadre(db, ctx, valid());
    const before = await state();
    const refusal = await refusedAt(addSubRecord(db, ctx, 'career', cadre.id, { from: '2024-01', to: '2030-01', unit: '某单位' }));
    expect(refusal.field).toBe('to');
    await expect(addSubRecord(db, ctx, 'career', 'missing', { from: '2024-01', to: null, unit: '某单位' })).rejects.toThrow(/档案已不存在/);
    expect(await state()).toEqual(before);
  });
});

describe('deleting a dossier created by mistake', () => {
  it('tombstones the cadre and removes what only this installation kept for it, in one transaction', async () => {
    const cadre = await createCadre(db, ctx, valid());
    const other = await createCadre(db, ctx, { ...valid(), name: '李强', idNumber: '110105194912310046' });
    for (const c of [cadre, other]) {
      await createRecord(db, ctx, appointmentFormType, { cadreId: c.id, proposedPost: '区教育局局长' });
      await putKept(db, { cadreId: c.id, kept: { XingMing: c.name } as never, fileName: `${c.name}.lrmx`, importedAt: NOW });
    }
    await deleteCadre(db, ctx, cadre.id);
    expect(await db.cadres.get(cadre.id)).toMatchObject({ deleted: true });
    expect(await db.table('appointmentForms').where('cadreId').equals(cadre.id).count()).toBe(0);
    expect(await lrmxKeptTable(db).get(cadre.id)).toBeUndefined();
    // the other cadre's are untouched
    expect(await db.table('appointmentForms').where('cadreId').equals(other.id).count()).toBe(1);
    expect(await lrmxKeptTable(db).get(other.id)).toBeDefined();
  });
});
