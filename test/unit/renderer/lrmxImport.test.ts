// @vitest-environment node
// Node's Blob and Web Crypto with fake-indexeddb (see blobs.test.ts: jsdom's Blob is not cloneable there).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Dexie } from 'dexie';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { addSubRecord, createCadre, listSubRecords, type CadreInput } from '../../../renderer/db/cadres';
import { commitLrmxImport, planLrmxImport, problemsFor, MAX_IMPORTED_PHOTO_BYTES, type LrmxPlan } from '../../../renderer/db/importLrmx';
import { getKept } from '../../../renderer/db/lrmxKept';
import { appointmentFormIdOf, readLiveForm } from '../../../renderer/db/lrmxForm';
import { updateRecord } from '../../../renderer/db/records';
import { appointmentFormType } from '../../../shared/domain/appointmentForm';
import { currentCounter, type WriteContext } from '../../../renderer/db/repository';
import { createUnit } from '../../../renderer/db/units';
import { BatchCancelled, readBatch } from '../../../renderer/features/lrmx/readBatch';
import { exportCadreLrmx, exportLrmxZip, zipEntryNames } from '../../../renderer/features/lrmx/exportLrmx';
import { readZip } from '../../../renderer/features/lrmx/zip';
import { buildLrmx, encodeBase64, parseLrmx, parseResume, type LrmxPerson } from '../../../shared/lrmx';
import { newId } from '../../../shared/ids';
import { idNumber, samplePerson } from '../../fixtures/lrmx/samples';

const ME = '0123456789abcdef0123456789abcdef';
const NOW = Date.UTC(2025, 5, 15);
const TODAY = '2025-06-15';
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => NOW };

const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/lrmx/${name}`, import.meta.url))));
const utf8 = (s: string) => new TextEncoder().encode(s);
const immediate = () => Promise.resolve();

const person = samplePerson;

const file = (name: string, p: LrmxPerson) => ({ name, bytes: utf8(buildLrmx(p)) });

const ZHANG = idNumber('32010219800515123');
const LI = idNumber('32010219900312222');
const WANG = idNumber('32010219850101201');
const ZHAO = idNumber('32010219750808301');

let db: CadreDb;
let unitId: string;
beforeEach(async () => {
  db = openDatabase(`lrmx-${newId()}`);
  unitId = (await createUnit(db, ctx, null, '区委组织部')).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const existingInput = (name: string, id: string, birth: string, extra: Partial<CadreInput> = {}): CadreInput => ({
  name,
  sex: Number(id[16]) % 2 ? '1' : '2',
  birth,
  nation: '01',
  nativePlace: '江苏南京',
  birthPlace: '江苏南京',
  health: '01',
  idNumber: id,
  politicalStatus: '01',
  partyJoined: `${Number(birth.slice(0, 4)) + 22}-07`,
  workStarted: `${Number(birth.slice(0, 4)) + 22}-08`,
  fullTimeEducation: { education: '21', degree: null, school: '南京大学', major: '中文系' },
  inServiceEducation: { education: null, degree: null, school: '', major: '' },
  currentPost: '新城区委组织部干部科科长',
  unitId,
  personnelCategory: '1',
  status: '01',
  ...extra,
});

async function planOf(files: { name: string; bytes: Uint8Array }[]): Promise<LrmxPlan> {
  const { read, failed } = await readBatch(files, { today: TODAY, yieldToPage: immediate });
  return planLrmxImport(db, read, failed, { today: TODAY });
}

async function everything() {
  return { cadres: await db.cadres.toArray(), sets: await db.subRecords.toArray(), audit: await db.audit.count(), blobs: await db.blobs.count(), kept: await db.table('lrmxKept').count() };
}

describe('the import preview', () => {
  it('classifies each file as new, matched by ID number or by name and birth month, with the differing fields old → new', async () => {
    await createCadre(db, ctx, existingInput('张伟', ZHANG, '1980-05', { currentPost: '新城区委组织部干部科副科长' }));
    // same name and birth month as the file below, another ID number: perhaps a corrected number, perhaps not
    await createCadre(db, ctx, existingInput('李娜', idNumber('32010219900312224'), '1990-03'));
    const plan = await planOf([
      file('张伟.lrmx', person('张伟', ZHANG)),
      file('李娜.lrmx', person('李娜', LI)),
      file('王强.lrmx', person('王强', WANG)),
      { name: '坏文件.lrmx', bytes: utf8('这不是 XML') },
    ]);
    expect(plan.failed).toEqual([{ fileName: '坏文件.lrmx', reason: expect.stringContaining('不是有效的任免审批表文件') }]);
    const byName = new Map(plan.entries.map((e) => [e.name, e]));
    expect([...byName.values()].map((e) => [e.name, e.match, e.proposed])).toEqual([
      ['张伟', 'idNumber', 'update'],
      ['李娜', 'nameBirth', 'skip'],
      ['王强', 'new', 'create'],
    ]);
    const zhang = byName.get('张伟')!;
    expect(zhang.conflicts).toContainEqual({ path: 'currentPost', label: '现任职务', from: '新城区委组织部干部科副科长', to: '新城区委组织部干部科科长' });
    expect(zhang.subChanges).toEqual(
      expect.arrayContaining([expect.stringContaining('简历：以文件为准（档案中 0 段 → 文件中 2 段）'), expect.stringContaining('年度考核：新增 2024 年度“优秀”')]),
    );
    const li = byName.get('李娜')!;
    expect(li.actions).toEqual(['update', 'create', 'skip']);
    expect(li.conflicts.map((c) => c.label)).toContain('身份证号码');
    expect(byName.get('王强')!.conflicts).toEqual([]);
    expect(problemsFor(byName.get('王强')!, 'create')).toEqual([]);
  });

  it('names a file that cannot be written and a second file of the same person, with the reason', async () => {
    const plan = await planOf([
      file('无民族.lrmx', person('赵强', ZHAO, { MinZu: '' })),
      file('王强.lrmx', person('王强', WANG)),
      file('王强（重复）.lrmx', person('王强', WANG)),
    ]);
    const [zhao, wang, again] = plan.entries;
    expect(problemsFor(zhao!, 'create')).toEqual(['请选择民族']);
    expect(zhao!.issues.map((i) => i.message)).toContain('没有民族，请在档案中选择');
    expect(problemsFor(wang!, 'create')).toEqual([]);
    expect(problemsFor(again!, 'create')).toEqual(['与本批文件“王强.lrmx”是同一身份证号码，同一人只能导入一个文件，请去掉其中一个']);
  });

  it('reports a 6 MB photo instead of importing it, and still imports the rest of the file', async () => {
    const big = new Uint8Array(6 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const plan = await planOf([file('王强.lrmx', person('王强', WANG, { ZhaoPian: encodeBase64(big) }))]);
    const [entry] = plan.entries;
    expect(big.length).toBeGreaterThan(MAX_IMPORTED_PHOTO_BYTES);
    expect(entry!.photo).toBeNull();
    expect(entry!.issues).toContainEqual({ element: 'ZhaoPian', severity: 'error', message: expect.stringContaining('照片有 6.0 MB，超过导入上限') });
    await commitLrmxImport(db, ctx, plan, { unitId, skipFailed: false });
    const [cadre] = await db.cadres.toArray();
    expect([cadre!.name, cadre!.photo, await db.blobs.count()]).toEqual(['王强', null, 0]);
  }, 60_000);
});

describe('the commit', () => {
  it('writes nothing while a failed file is in the batch, and imports the rest when told to skip it', async () => {
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    const plan = await planOf([
      file('王强.lrmx', person('王强', WANG, { ZhaoPian: encodeBase64(photo) })),
      file('赵强.lrmx', person('赵强', ZHAO)),
      { name: '错误根元素.lrmx', bytes: fixture('wrong-root.lrmx') },
    ]);
    const before = await everything();
    await expect(commitLrmxImport(db, ctx, plan, { unitId, skipFailed: false })).rejects.toThrow('有 1 个文件无法导入（错误根元素.lrmx），没有导入任何数据');
    expect(await everything()).toEqual(before);

    const result = await commitLrmxImport(db, ctx, plan, { unitId, skipFailed: true });
    expect(result).toEqual({ created: 2, updated: 0, skipped: 0, failed: 1 });
    const wang = (await db.cadres.toArray()).find((c) => c.name === '王强')!;
    expect([wang.unitId, wang.currentPost, wang.birth]).toEqual([unitId, '新城区委组织部干部科科长', '1985-01']);
    expect((await listSubRecords(db, 'career', wang.id)).map((c) => c.unit)).toEqual(['南京大学中文系学习', '新城区委组织部干部科科员、科长']);
    expect((await listSubRecords(db, 'family', wang.id)).map((f) => [f.relation, f.name])).toEqual([['12', '周敏']]);
    expect((await listSubRecords(db, 'assessments', wang.id)).map((a) => [a.year, a.grade])).toEqual([
      [2023, '2'],
      [2024, '1'],
    ]);
    const blob = await db.blobs.get(wang.photo!);
    expect(new Uint8Array(await blob!.data.arrayBuffer())).toEqual(photo);
    // audited like every other write: the cadre and each of its records
    const audit = await db.audit.where('[table+recordId]').equals(['cadres', wang.id]).toArray();
    expect(audit.map((a) => a.summary)).toEqual(['新增干部“王强”']);
    expect((await db.audit.toArray()).filter((a) => a.table === 'career').length).toBe(4);
    // every record written got its own step of the installation counter, and the counter stands at the last
    const steps = [...(await db.cadres.toArray()), ...(await db.subRecords.toArray()).flatMap((set) => [...(set.career ?? []), ...(set.family ?? []), ...(set.assessments ?? [])])].map(
      (r) => r.vv[ME]!,
    );
    expect(new Set(steps).size).toBe(steps.length);
    expect(await currentCounter(db)).toBeGreaterThanOrEqual(Math.max(...steps));
    expect((await db.audit.toArray()).filter((a) => a.table === 'family').map((a) => [a.action, a.summary])).toEqual([
      ['create', '为干部“王强”新增家庭成员记录'],
      ['create', '为干部“赵强”新增家庭成员记录'],
    ]);
    // the form-only fields went into the cadre's 任免审批表 record, not the kept elements
    expect((await readLiveForm(db, wang.id))?.proposedPost).toBe('新城区委组织部副部长');
    expect((await getKept(db, wang.id))?.NiRenZhiWu).toBeUndefined();
  });

  it('rolls everything back when the last write is refused', async () => {
    const plan = await planOf([file('王强.lrmx', person('王强', WANG)), file('赵强.lrmx', person('赵强', ZHAO))]);
    // someone registers 赵强's ID number after the preview was made
    await createCadre(db, ctx, existingInput('赵某', ZHAO, '1975-08'));
    const before = await everything();
    await expect(commitLrmxImport(db, ctx, plan, { unitId, skipFailed: false })).rejects.toThrow(/“赵强\.lrmx”（赵强）：身份证号码 .* 已被干部“赵某”使用.*全部文件均未导入/);
    expect(await everything()).toEqual(before);
  });

  it('a cancelled commit writes nothing', async () => {
    const plan = await planOf([file('王强.lrmx', person('王强', WANG)), file('赵强.lrmx', person('赵强', ZHAO))]);
    const abort = new AbortController();
    const before = await everything();
    await expect(
      commitLrmxImport(db, ctx, plan, { unitId, skipFailed: false, signal: abort.signal, onProgress: () => abort.abort() }),
    ).rejects.toThrow('已取消导入');
    expect(await everything()).toEqual(before);
  });

  it('updates a matched cadre as chosen: changed fields, the file’s 简历, a changed assessment, and nothing else', async () => {
    const zhang = await createCadre(db, ctx, existingInput('张伟', ZHANG, '1980-05', { currentPost: '副科长', professionalTitle: '经济师' }));
    await addSubRecord(db, ctx, 'assessments', zhang.id, { year: 2024, grade: '2' });
    await addSubRecord(db, ctx, 'assessments', zhang.id, { year: 2022, grade: '2' });
    const plan = await planOf([file('张伟.lrmx', person('张伟', ZHANG, { NianDuKaoHeJieGuo: '2024年度考核优秀。' }))]);
    expect(plan.entries[0]!.subChanges).toContain('年度考核：2024 年度 称职 → 优秀');
    await commitLrmxImport(db, ctx, plan, { unitId: null, skipFailed: false });
    // 2022 is not in the file (it carries the last years only): kept
    expect((await listSubRecords(db, 'assessments', zhang.id)).map((a) => [a.year, a.grade]).sort()).toEqual([
      [2022, '2'],
      [2024, '1'],
    ]);
    const after = (await db.cadres.get(zhang.id))!;
    // the file says nothing of 专业技术职务: a blank in the file never erases the dossier
    expect([after.currentPost, after.professionalTitle]).toEqual(['新城区委组织部干部科科长', '经济师']);
    expect((await listSubRecords(db, 'career', zhang.id)).length).toBe(2);
    const summaries = (await db.audit.where('[table+recordId]').equals(['cadres', zhang.id]).toArray()).map((a) => a.summary);
    expect(summaries).toEqual(['新增干部“张伟”', '修改干部“张伟”的现任职务']);

    // the same file again: nothing to change, nothing written but the kept elements
    const again = await planOf([file('张伟.lrmx', person('张伟', ZHANG, { NianDuKaoHeJieGuo: '2024年度考核优秀。' }))]);
    expect([again.entries[0]!.conflicts, again.entries[0]!.subChanges]).toEqual([[], []]);
    const audit = await db.audit.count();
    await commitLrmxImport(db, ctx, again, { unitId: null, skipFailed: false });
    expect(await db.audit.count()).toBe(audit);
  });
});

describe('kept elements', () => {
  it('an imported editor file exported again gives back every element, unknown and form-only ones included', async () => {
    const plan = await planOf([{ name: '王建国.lrmx', bytes: fixture('editor-3.2.1.6.lrmx') }, { name: '马丽华.lrmx', bytes: fixture('newer-daoling.lrmx') }]);
    await commitLrmxImport(db, ctx, plan, { unitId, skipFailed: false });
    const original = parseLrmx(new TextDecoder().decode(fixture('editor-3.2.1.6.lrmx')));
    const id = (await db.cadres.toArray()).find((c) => c.name === '王建国')!.id;
    const exported = await exportCadreLrmx(db, id);
    expect(exported.fileName).toBe('王建国.lrmx');
    const back = parseLrmx(new TextDecoder().decode(exported.bytes));
    const { JianLi, ZhaoPian, ...rest } = back;
    const { JianLi: originalJianLi, ZhaoPian: originalPhoto, ...originalRest } = original;
    expect(rest).toEqual(originalRest);
    expect(ZhaoPian).toBe(originalPhoto!.replace(/\s/g, ''));
    expect(parseResume(JianLi!).entries).toEqual(parseResume(originalJianLi!).entries);

    // the newer file's unknown elements and 到龄 elements come back from the kept table
    const ma = (await db.cadres.toArray()).find((c) => c.name === '马丽华')!;
    const newer = parseLrmx(new TextDecoder().decode((await exportCadreLrmx(db, ma.id)).bytes));
    const newerOriginal = parseLrmx(new TextDecoder().decode(fixture('newer-daoling.lrmx')));
    expect([newer.DaoLingNianYue, newer.GaiGeQianRenZhiNianLingJieXian, newer.Version]).toEqual(['204503', '55', '3.2.2.1']);
    expect(newer.$unknown).toEqual(newerOriginal.$unknown);
    expect(newer.$unknownInJiaTingChengYuan).toEqual(newerOriginal.$unknownInJiaTingChengYuan);
    expect(newer.JiaTingChengYuan?.[0]?.$unknown).toEqual(newerOriginal.JiaTingChengYuan?.[0]?.$unknown);
  });
});

describe('the 任免审批表 form-only fields', () => {
  it('fill the cadre’s form record; what the form cannot hold exactly stays kept; an edited form wins on export', async () => {
    const extra = { ChengBaoDanWei: '中共新城区委组织部', JiSuanNianLingShiJian: '20240515', TianBiaoShiJian: '202405', TianBiaoRen: '李明', NiMianZhiWu: '' };
    const plan = await planOf([file('王强.lrmx', person('王强', WANG, extra))]);
    expect(plan.entries[0]!.form).toEqual({ proposedPost: '新城区委组织部副部长', reason: '工作需要', reportingUnit: '中共新城区委组织部', ageAsOf: '2024-05', filledBy: '李明' });
    await commitLrmxImport(db, ctx, plan, { unitId, skipFailed: false });
    const id = (await db.cadres.toArray())[0]!.id;
    const formAudit = async () => (await db.audit.toArray()).filter((a) => a.table === 'appointmentForms').map((a) => a.summary);
    expect(await formAudit()).toEqual(['新增任免审批表“拟任新城区委组织部副部长”']);
    // the same file again changes nothing in the form
    await commitLrmxImport(db, ctx, await planOf([file('王强.lrmx', person('王强', WANG, extra))]), { unitId, skipFailed: false });
    expect(await formAudit()).toHaveLength(1);
    const kept = (await getKept(db, id))!;
    // a 计算年龄时间 with a day and a 填表时间 without one are kept as written; the rest lives in the form
    expect([kept.JiSuanNianLingShiJian, kept.TianBiaoShiJian, kept.NiRenZhiWu, kept.ChengBaoDanWei]).toEqual(['20240515', '202405', undefined, undefined]);
    const back = parseLrmx(new TextDecoder().decode((await exportCadreLrmx(db, id)).bytes));
    expect([back.NiRenZhiWu, back.RenMianLiYou, back.ChengBaoDanWei, back.JiSuanNianLingShiJian, back.TianBiaoShiJian, back.TianBiaoRen]).toEqual([
      '新城区委组织部副部长',
      '工作需要',
      '中共新城区委组织部',
      '20240515',
      '202405',
      '李明',
    ]);

    await updateRecord(db, ctx, appointmentFormType, appointmentFormIdOf(id), { proposedPost: '新城区委组织部常务副部长', filledOn: '2025-06-01', ageAsOf: '2025-06' });
    const edited = parseLrmx(new TextDecoder().decode((await exportCadreLrmx(db, id)).bytes));
    expect([edited.NiRenZhiWu, edited.TianBiaoShiJian, edited.JiSuanNianLingShiJian]).toEqual(['新城区委组织部常务副部长', '20250601', '202506']);
  });
});

describe('reading a batch', () => {
  it('a GBK .lrm with its .pic updates the cadre it matches by name and birth month, photo included', async () => {
    const sun = await createCadre(db, ctx, existingInput('孙立平', ZHAO, '1975-08', { currentPost: '新城区司法局科长' }));
    const { read, failed, skipped } = await readBatch(
      [
        { name: '孙立平.LRM', bytes: fixture('legacy.lrm') },
        { name: '孙立平.pic', bytes: fixture('legacy.pic') },
        { name: '说明.txt', bytes: utf8('说明') },
      ],
      { today: TODAY, yieldToPage: immediate },
    );
    expect([read.length, failed, skipped]).toEqual([1, [], ['说明.txt']]);
    const plan = await planLrmxImport(db, read, failed, { today: TODAY });
    const [entry] = plan.entries;
    // the file has no ID number: matched by name and birth month, and proposed as an update
    expect([entry!.name, entry!.match, entry!.proposed, problemsFor(entry!, 'update')]).toEqual(['孙立平', 'nameBirth', 'update', []]);
    expect(entry!.conflicts.map((c) => `${c.label}：${c.from}→${c.to}`)).toEqual(expect.arrayContaining(['现任职务：新城区司法局科长→新城区司法局副局长', '照片：（无）→文件中的照片']));
    await commitLrmxImport(db, ctx, plan, { unitId: null, skipFailed: false });
    const after = (await db.cadres.get(sun.id))!;
    expect([after.idNumber, after.currentPost]).toEqual([ZHAO, '新城区司法局副局长']);
    expect(new Uint8Array(await (await db.blobs.get(after.photo!))!.data.arrayBuffer())).toEqual(fixture('legacy.pic'));
    expect((await getKept(db, sun.id))?.$lrmUnknownPositions?.length).toBeGreaterThan(0);
  });

  it('opens a zip whose entry names are GBK without the UTF-8 flag, and names a damaged zip', async () => {
    // 孙立平 in GBK is 6 bytes: written under an ASCII name of the same length, then the name bytes replaced
    const zip = zipSync({ 'abcdef.lrm': fixture('legacy.lrm'), 'abcdef.pic': fixture('legacy.pic'), '王强.lrmx': utf8(buildLrmx(person('王强', WANG))) });
    const gbk = [0xcb, 0xef, 0xc1, 0xa2, 0xc6, 0xbd];
    for (let i = 0; i + 6 <= zip.length; i++) {
      if (String.fromCharCode(...zip.subarray(i, i + 6)) === 'abcdef') zip.set(gbk, i);
    }
    const { read, failed } = await readBatch(
      [
        { name: '报送.zip', bytes: zip },
        { name: '损坏.zip', bytes: utf8('PK not really') },
      ],
      { today: TODAY, yieldToPage: immediate },
    );
    expect(read.map((r) => [r.fileName, r.result.cadre.name])).toEqual([
      ['报送.zip/孙立平.lrm', '孙立平'],
      ['报送.zip/王强.lrmx', '王强'],
    ]);
    expect(read[0]!.result.photoBase64).not.toBeNull();
    expect(failed).toEqual([{ fileName: '损坏.zip', reason: expect.stringContaining('不是有效的 zip 压缩文件') }]);
  });

  it('reports progress file by file and stops when cancelled', async () => {
    const files = Array.from({ length: 5 }, (_, i) => file(`${i}.lrmx`, person(`人${i}`, WANG)));
    const seen: number[] = [];
    const abort = new AbortController();
    await expect(
      readBatch(files, {
        today: TODAY,
        signal: abort.signal,
        // every file is its own slice here, so the cancel is seen before the next file
        yieldToPage: immediate,
        onProgress: (done, total) => {
          seen.push(done);
          expect(total).toBe(5);
          if (done === 2) abort.abort();
        },
      }),
    ).rejects.toBeInstanceOf(BatchCancelled);
    expect(seen).toEqual([1, 2]);
  });
});

describe('export of a selection', () => {
  it('zips one .lrmx per cadre named 姓名_身份证后4位, unique, and each parses back to its person', async () => {
    const plan = await planOf([file('王强.lrmx', person('王强', WANG)), file('赵强.lrmx', person('赵强', ZHAO))]);
    await commitLrmxImport(db, ctx, plan, { unitId, skipFailed: false });
    const ids = (await db.cadres.toArray()).map((c) => c.id);
    const progress: number[] = [];
    const { bytes, count } = await exportLrmxZip(db, ids, { yieldToPage: immediate, onProgress: (done) => progress.push(done) });
    expect([count, progress.at(-1)]).toEqual([2, 2]);
    const entries = readZip(bytes, (b, e) => new TextDecoder(e).decode(b));
    const people = entries.map((e) => [e.name, parseLrmx(new TextDecoder().decode(e.bytes))] as const);
    expect(people.map(([n, p]) => [n, p.XingMing, p.ShenFenZheng, p.NiRenZhiWu]).sort()).toEqual(
      [
        [`王强_${WANG.slice(-4)}.lrmx`, '王强', WANG, '新城区委组织部副部长'],
        [`赵强_${ZHAO.slice(-4)}.lrmx`, '赵强', ZHAO, '新城区委组织部副部长'],
      ].sort(),
    );
  });

  it('makes names unique and safe for Windows', () => {
    expect(
      zipEntryNames([
        { name: '张伟', idNumber: '320102198005151238' },
        { name: '张伟', idNumber: '320102199005151238' },
        { name: '张伟', idNumber: '320102197005151238' },
        { name: 'a/b:c', idNumber: '11010519491231002X' },
      ]),
    ).toEqual(['张伟_1238.lrmx', '张伟_1238_2.lrmx', '张伟_1238_3.lrmx', 'a_b_c_002X.lrmx']);
  });
});
