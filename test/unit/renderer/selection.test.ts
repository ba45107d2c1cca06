// @vitest-environment node
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSubRecord, createCadre, deleteCadre, listSubRecords, type CadreInput } from '../../../renderer/db/cadres';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { createRecord } from '../../../renderer/db/records';
import { currentCounter, type WriteContext } from '../../../renderer/db/repository';
import { getBlob } from '../../../renderer/db/blobs';
import { applyRankRound, closeAppointmentCase, completeCaseStep, createCase, loadEligibilityList, loadPools, loadVacancyTable, saveCase, setInspectionReport } from '../../../renderer/db/selection';
import { readRankSettings, writeRankSettings, writeStepPermissions } from '../../../renderer/db/selectionSettings';
import { readSupervisionSettings, writeSupervisionSettings } from '../../../renderer/db/supervisionSettings';
import { blobHashesOf } from '../../../renderer/sync/exportReader';
import { applyImport, stageBlob } from '../../../renderer/sync/importer';
import { createUnit } from '../../../renderer/db/units';
import { appointmentCaseType, establishmentType, poolEntryType } from '../../../shared/domain/selection';
import { parseCandidateQuery, searchCandidates } from '../../../shared/rules/selectionSearch';
import { readAllFacts } from '../../../renderer/db/selectionFacts';
import { findCandidates } from '../../../renderer/features/selection/candidateSearch';
import { fourChecksType } from '../../../shared/domain/supervision';
import { UserError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { close, exchange, exportBundle, idNumberOf, installation, stageBundle } from './syncHarness';

const ME = '0123456789abcdef0123456789abcdef';
const NOW = Date.UTC(2025, 9, 20, 4); // 2025-10-20
const ctx: WriteContext = { actor: { installationId: ME, operator: '干部科小刘' }, now: () => NOW };

let db: CadreDb;
let unitId: string;
beforeEach(async () => {
  db = openDatabase(`selection-${newId()}`);
  unitId = (await createUnit(db, ctx, null, '区发改委')).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const person = (n: number, name: string): CadreInput => ({
  name,
  sex: '2',
  birth: '1975-06',
  nation: '01',
  idNumber: idNumberOf(n),
  politicalStatus: '01',
  partyJoined: '2000-06',
  workStarted: '1997-07',
  fullTimeEducation: { education: '21', degree: null, school: '南京大学', major: '经济学' },
  inServiceEducation: { education: null, degree: null, school: '', major: '' },
  unitId,
  currentPost: '区发改委综合科科长',
  postLevel: '2A',
  rank: '08',
  rankSince: '2022-01',
  personnelCategory: '1',
  status: '01',
});

async function cadreWithHistory(n: number, name: string) {
  const c = await createCadre(db, ctx, person(n, name));
  await addSubRecord(db, ctx, 'career', c.id, { from: '1997-07', to: null, unit: '区发改委', post: '科员、科长', kind: 'work' });
  await addSubRecord(db, ctx, 'posts', c.id, { title: '区发改委综合科副科长', postLevel: '2B', unit: '区发改委', from: '2014-03', to: '2018-05', documentNo: '' });
  await addSubRecord(db, ctx, 'posts', c.id, { title: '区发改委综合科科长', postLevel: '2A', unit: '区发改委', from: '2018-05', to: null, documentNo: '' });
  await addSubRecord(db, ctx, 'posts', c.id, { title: '区发改委规划科科长', postLevel: '2A', unit: '区发改委', from: '2016-01', to: '2018-05', documentNo: '' });
  await addSubRecord(db, ctx, 'ranks', c.id, { rank: '08', from: '2022-01', to: null, documentNo: '' });
  return c;
}

const allChecks = (cadreId: string, ref: string) => ({
  cadreId,
  kind: 'appointment' as const,
  ref,
  fileDate: '2025-09-12',
  fileResult: '三龄两历认定无误',
  reportDate: '2025-09-12',
  reportResult: '一致',
  opinionDate: '2025-09-13',
  opinionResult: '无不同意见',
  cluesDate: '2025-09-13',
  cluesResult: '无问题线索',
});

/** Everything a refused write must leave untouched. */
const state = async () => ({
  cadres: await db.cadres.toArray(),
  subRecords: await db.subRecords.toArray(),
  cases: await db.table('appointmentCases').toArray(),
  trials: await db.table('trialPeriods').toArray(),
  rounds: await db.table('rankRounds').toArray(),
  audit: await db.audit.count(),
  counter: await currentCounter(db),
});

async function refused(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as Error).message).toMatch(pattern);
}

const POST = '区发改委副主任';

/** A case for 区发改委副主任 carried to the step named, with the given candidates. */
async function caseAt(stage: 'inspection' | 'publicity', cadreIds: string[]) {
  const c = await createCase(db, ctx, { unitId, postTitle: POST, postLevel: '1B', motionOn: '2025-09-01' });
  await saveCase(db, ctx, c.id, { analysis: '副主任一名到龄退休，空缺一名' });
  await completeCaseStep(db, ctx, c.id);
  await saveCase(db, ctx, c.id, {
    meetingOn: '2025-09-05',
    meetingDue: 40,
    meetingPresent: 36,
    talkOn: '2025-09-06',
    talkCount: 25,
    candidates: cadreIds.map((cadreId, i) => ({ cadreId, meetingVotes: 30 - i * 10, talkVotes: 20 - i * 5, leaderNominated: i === 0 })),
  });
  await completeCaseStep(db, ctx, c.id);
  const current = await db.table('appointmentCases').get(c.id);
  await saveCase(db, ctx, c.id, { candidates: current.candidates.map((k: object, i: number) => ({ ...k, shortlisted: i === 0 })) });
  await completeCaseStep(db, ctx, c.id);
  const shortlisted = await db.table('appointmentCases').get(c.id);
  await saveCase(db, ctx, c.id, {
    inspectionOn: '2025-09-10',
    inspectionTeam: '王五、赵六',
    interviewees: 32,
    candidates: shortlisted.candidates.map((k: { shortlisted: boolean }) =>
      k.shortlisted ? { ...k, virtue: '政治坚定', ability: '统筹能力强', diligence: '勤勉敬业', achievement: '牵头完成规划编制', integrity: '清正廉洁' } : k,
    ),
  });
  if (stage === 'inspection') return c.id;
  for (const id of cadreIds.slice(0, 1)) await createRecord(db, ctx, fourChecksType, allChecks(id, POST));
  await completeCaseStep(db, ctx, c.id);
  const inspected = await db.table('appointmentCases').get(c.id);
  await saveCase(db, ctx, c.id, {
    decisionOn: '2025-09-20',
    membersDue: 11,
    membersPresent: 9,
    votesFor: 8,
    candidates: inspected.candidates.map((k: { shortlisted: boolean }) => ({ ...k, chosen: k.shortlisted })),
  });
  await completeCaseStep(db, ctx, c.id);
  return c.id;
}

describe('the appointment case in the database', () => {
  it('holds the case at the 凡提四必 gate until the checks are recorded, naming what is missing', async () => {
    const a = await cadreWithHistory(1, '王芳');
    const id = await caseAt('inspection', [a.id]);
    const before = await state();
    await refused(completeCaseStep(db, ctx, id), /王芳尚缺“档案必审”、“个人有关事项报告必核”、“纪检监察机关意见必听”、“线索具体的信访举报必查”/);
    expect(await state()).toEqual(before);
    const { opinionDate: _d, opinionResult: _r, ...three } = allChecks(a.id, POST);
    const partial = await createRecord(db, ctx, fourChecksType, three);
    await refused(completeCaseStep(db, ctx, id), /王芳尚缺“纪检监察机关意见必听”，完成后才能进入讨论决定/);
    expect((await db.table('appointmentCases').get(id)).stage).toBe('inspection');
    const { updateRecord } = await import('../../../renderer/db/records');
    await updateRecord(db, ctx, fourChecksType, partial.id, { opinionDate: '2025-09-13', opinionResult: '无不同意见' }, { cadreId: a.id });
    expect((await completeCaseStep(db, ctx, id)).stage).toBe('decision');
  });

  it('任职 updates the post history, career, basic record and trial period with the case, in one write', async () => {
    const a = await cadreWithHistory(1, '王芳');
    const b = await cadreWithHistory(2, '李娜');
    const id = await caseAt('publicity', [a.id, b.id]);
    await saveCase(db, ctx, id, { publicityFrom: '2025-09-29', publicityTo: '2025-10-13', documentNo: '区委〔2025〕31号', appointedOn: '2025-10-14' });
    const done = await completeCaseStep(db, ctx, id);
    expect(done.stage).toBe('appointed');
    expect(done.trialUntil).toBe('2026-10-13');
    expect(done.steps.map((s) => s.stage)).toEqual(['motion', 'motion', 'recommendation', 'shortlist', 'inspection', 'decision', 'publicity']);
    expect(done.steps.at(-1)).toMatchObject({ by: '干部科小刘', on: '2025-10-20' });

    const cadre = (await db.cadres.get(a.id))!;
    expect(cadre).toMatchObject({ currentPost: POST, postLevel: '1B', unitId });
    const posts = await listSubRecords(db, 'posts', a.id);
    expect(posts.find((p) => p.title === '区发改委综合科科长')?.to).toBe('2025-10');
    expect(posts.find((p) => p.title === POST)).toMatchObject({ postLevel: '1B', from: '2025-10', to: null, documentNo: '区委〔2025〕31号', unit: '区发改委' });
    const career = await listSubRecords(db, 'career', a.id);
    expect(career.map((r) => [r.from, r.to, r.post])).toEqual([
      ['1997-07', '2025-10', '科员、科长'],
      ['2025-10', null, POST],
    ]);
    const trials = await db.table('trialPeriods').where('cadreId').equals(a.id).toArray();
    expect(trials).toMatchObject([{ post: POST, from: '2025-10-14', to: '2026-10-13', status: 'running', caseId: id }]);
    // the other candidate is untouched
    expect((await db.cadres.get(b.id))!.currentPost).toBe('区发改委综合科科长');
    // every write is audited under one counter sequence
    const audit = (await db.audit.toArray()).filter((e) => e.recordId === id).sort((x, y) => x.at - y.at);
    expect(audit.at(-1)?.summary).toBe('选任纪实“区发改委副主任”：完成任前公示，进入任职');
  });

  it('任职 with a 任职后职级 changes the rank and closes the rank history’s open entry in the same write', async () => {
    const a = await cadreWithHistory(1, '王芳');
    const id = await caseAt('publicity', [a.id]);
    await saveCase(db, ctx, id, { publicityFrom: '2025-09-29', publicityTo: '2025-10-13', documentNo: '区委〔2025〕31号', appointedOn: '2025-10-14', rank: '06' });
    expect((await completeCaseStep(db, ctx, id)).stage).toBe('appointed');
    expect(await db.cadres.get(a.id)).toMatchObject({ rank: '06', rankSince: '2025-10', postLevel: '1B', currentPost: POST });
    const ranks = await listSubRecords(db, 'ranks', a.id);
    expect(ranks.map((r) => [r.rank, r.from, r.to, r.documentNo]).sort()).toEqual([
      ['06', '2025-10', null, '区委〔2025〕31号'],
      ['08', '2022-01', '2025-10', ''],
    ]);
  });

  it('任职 is one transaction: a failure in the dossier’s update takes back the case’s own step too', async () => {
    const a = await cadreWithHistory(1, '王芳');
    const id = await caseAt('publicity', [a.id]);
    await saveCase(db, ctx, id, { publicityFrom: '2025-09-29', publicityTo: '2025-10-13', documentNo: '区委〔2025〕31号', appointedOn: '2025-10-14' });
    await deleteCadre(db, ctx, a.id); // the rules pass; the dossier update, written after the case, finds no cadre
    const before = await state();
    await refused(completeCaseStep(db, ctx, id), /拟任人选的档案已不存在/);
    expect(await state()).toEqual(before);
    expect((await db.table('appointmentCases').get(id)).stage).toBe('publicity');
  });

  it('a refused 任职 (dated before the 公示 ends) changes nothing at all', async () => {
    const a = await cadreWithHistory(1, '王芳');
    const id = await caseAt('publicity', [a.id]);
    await saveCase(db, ctx, id, { publicityFrom: '2025-09-29', publicityTo: '2025-10-13', documentNo: '区委〔2025〕31号', appointedOn: '2025-10-10' });
    const before = await state();
    await refused(completeCaseStep(db, ctx, id), /任职日期 2025-10-10 不在公示期满（2025-10-13）之后/);
    expect(await state()).toEqual(before);
  });

  it('a refused decision (under 2/3 present, or not more than half of those due in favour) writes nothing', async () => {
    const a = await cadreWithHistory(1, '王芳');
    const id = await caseAt('inspection', [a.id]);
    await createRecord(db, ctx, fourChecksType, allChecks(a.id, POST));
    expect((await completeCaseStep(db, ctx, id)).stage).toBe('decision');
    const current = await db.table('appointmentCases').get(id);
    const candidates = current.candidates.map((k: { shortlisted: boolean }) => ({ ...k, chosen: k.shortlisted }));
    await saveCase(db, ctx, id, { decisionOn: '2025-09-20', membersDue: 11, membersPresent: 7, votesFor: 7, candidates });
    let before = await state();
    await refused(completeCaseStep(db, ctx, id), /实到 7 人，不足三分之二（至少 8 人）/);
    expect(await state()).toEqual(before);
    // 5 in favour is a majority of the 8 present, but not of the 11 due
    await saveCase(db, ctx, id, { membersPresent: 8, votesFor: 5 });
    before = await state();
    await refused(completeCaseStep(db, ctx, id), /未超过应到会成员 11 人的半数（至少 6 票）/);
    expect(await state()).toEqual(before);
    await saveCase(db, ctx, id, { votesFor: 6 });
    expect((await completeCaseStep(db, ctx, id)).stage).toBe('publicity');
  });

  it('refuses a 公示 of fewer than 5 working days across National Day', async () => {
    const a = await cadreWithHistory(1, '王芳');
    const id = await caseAt('publicity', [a.id]);
    await saveCase(db, ctx, id, { publicityFrom: '2025-09-29', publicityTo: '2025-10-09', documentNo: 'x', appointedOn: '2025-10-14' });
    await refused(completeCaseStep(db, ctx, id), /只有 3 个工作日.*最早 2025-10-11 结束/);
  });

  it('refuses a second open case naming the same cadre for the same post', async () => {
    const a = await cadreWithHistory(1, '王芳');
    await caseAt('inspection', [a.id]);
    const second = await createCase(db, ctx, { unitId, postTitle: POST, postLevel: '1B', motionOn: '2025-09-02' });
    await saveCase(db, ctx, second.id, { analysis: '另行动议' });
    await completeCaseStep(db, ctx, second.id);
    await saveCase(db, ctx, second.id, { candidates: [{ cadreId: a.id, leaderNominated: true }] });
    const before = await state();
    await refused(completeCaseStep(db, ctx, second.id), /王芳已是另一件尚未办结的“区发改委副主任”选任纪实的人选/);
    expect(await state()).toEqual(before);
  });

  it('refuses 动议 over a full quota without a reason, and counts the unit’s posts', async () => {
    await createRecord(db, ctx, establishmentType, { unitId, administrative: 20, deputyCounty: 1 });
    const holder = await createCadre(db, ctx, { ...person(3, '赵敏'), postLevel: '1B', currentPost: '区发改委副主任' });
    expect(holder.postLevel).toBe('1B');
    const [row] = await loadVacancyTable(db);
    expect(row!.posts['1B']).toEqual({ quota: 1, filled: 1, vacant: 0, over: 0 });
    const c = await createCase(db, ctx, { unitId, postTitle: POST, postLevel: '1B', motionOn: '2025-09-01' });
    await saveCase(db, ctx, c.id, { analysis: '工作需要' });
    await refused(completeCaseStep(db, ctx, c.id), /副处职数核定 1 名、现有 1 名，已无空缺/);
    await saveCase(db, ctx, c.id, { overQuotaReason: '重点项目攻坚期' });
    expect((await completeCaseStep(db, ctx, c.id)).stage).toBe('recommendation');
  });
});

describe('a rank-promotion round', () => {
  const round = (entries: { cadreId: string; fromRank: string; toRank: string }[]) => ({
    batch: '2025年第二批职级晋升',
    documentNo: '区委组〔2025〕8号',
    decidedOn: '2025-10-15',
    asOf: '2025-10',
    unitId,
    entries,
  });

  it('promotes every cadre in it, rank, 任现职级时间 and rank history, in one transaction', async () => {
    const a = await cadreWithHistory(1, '王芳');
    const b = await cadreWithHistory(2, '李娜');
    const r = await applyRankRound(db, ctx, round([a, b].map((c) => ({ cadreId: c.id, fromRank: '08', toRank: '07' }))));
    expect(r.entries).toHaveLength(2);
    for (const c of [a, b]) {
      expect(await db.cadres.get(c.id)).toMatchObject({ rank: '07', rankSince: '2025-10' });
      const ranks = await listSubRecords(db, 'ranks', c.id);
      expect(ranks.map((x) => [x.rank, x.from, x.to, x.documentNo])).toEqual([
        ['08', '2022-01', '2025-10', ''],
        ['07', '2025-10', null, '区委组〔2025〕8号'],
      ]);
    }
  });

  it('refuses a cadre twice, and changes nothing', async () => {
    const a = await cadreWithHistory(1, '王芳');
    const before = await state();
    await refused(applyRankRound(db, ctx, round([a, a].map((c) => ({ cadreId: c.id, fromRank: '08', toRank: '07' })))), /王芳在本批次中出现两次/);
    expect(await state()).toEqual(before);
  });

  it('refuses a cadre under a disciplinary period recorded in the dossier, naming it, and promotes no one', async () => {
    const a = await cadreWithHistory(1, '王芳');
    const b = await cadreWithHistory(2, '李娜');
    await addSubRecord(db, ctx, 'rewards', b.id, { kind: 'discipline', date: '2025-03', title: '党内警告', issuer: '区纪委', effectiveFrom: '2025-03', effectiveTo: null, revoked: null });
    const before = await state();
    await refused(
      applyRankRound(db, ctx, round([a, b].map((c) => ({ cadreId: c.id, fromRank: '08', toRank: '07' })))),
      /李娜：纪律处分：党内警告影响期 2025-03-01 至 2026-02-28，决定日期 2025-10-15 在影响期内，不能晋升/,
    );
    expect(await state()).toEqual(before);
  });

  it('reads the blocking months from the 监督管理 settings: a 警告 of 6 months no longer bars October', async () => {
    const b = await cadreWithHistory(2, '李娜');
    await addSubRecord(db, ctx, 'rewards', b.id, { kind: 'discipline', date: '2025-03', title: '党内警告', issuer: '区纪委', effectiveFrom: '2025-03', effectiveTo: null, revoked: null });
    const settings = await readSupervisionSettings(db);
    await writeSupervisionSettings(db, { ...settings, blocks: { ...settings.blocks, punishmentMonths: { ...settings.blocks.punishmentMonths, discipline: 6 } } });
    const r = await applyRankRound(db, ctx, round([{ cadreId: b.id, fromRank: '08', toRank: '07' }]));
    expect(r.entries).toHaveLength(1);
    expect(await db.cadres.get(b.id)).toMatchObject({ rank: '07' });
  });
});

describe('the candidate search on the database', () => {
  it('combines the sentence, the pool and rank eligibility as the list and the rule say, each criterion excluding its own', async () => {
    const asOf = '2025-10';
    const made = [];
    for (const [n, name] of [[1, '王芳'], [2, '李娜'], [3, '赵敏'], [4, '孙丽']] as const) {
      const c = await cadreWithHistory(n, name);
      // every year since the 正科 post that counts toward the rank (2016) assessed; 孙丽 has no 优秀 in the last
      // three years, the others one each
      for (let year = 2016; year <= 2024; year++) await addSubRecord(db, ctx, 'assessments', c.id, { year, grade: year === 2023 && name !== '孙丽' ? '1' : '2' });
      // 赵敏 is in no pool
      if (name !== '赵敏') await createRecord(db, ctx, poolEntryType, { cadreId: c.id, pool: 'reserve', source: 'democratic', from: '2024-01', validUntil: '2027-12', status: 'active' });
      made.push(c);
    }
    // 李娜 is under a disciplinary period: not eligible
    await addSubRecord(db, ctx, 'rewards', made[1]!.id, { kind: 'discipline', date: '2025-03', title: '党内警告', issuer: '区纪委', effectiveFrom: '2025-03', effectiveTo: null, revoked: null });

    const { criteria, unknown } = parseCandidateQuery('正科, 近三年考核有优秀', asOf);
    expect(unknown).toEqual([]);
    const cadres = await db.cadres.toArray();
    const dossiers = await readAllFacts(db);
    const found = await findCandidates(db, { ...criteria, pool: 'reserve', eligibleOnly: true }, cadres, dossiers);

    // the same from the whole rule: the eligibility list's eligible, then the criteria on every cadre
    const eligible = new Set((await loadEligibilityList(db, null, asOf)).filter((r) => r.eligible).map((r) => r.cadreId));
    const pools = await loadPools(db);
    const expected = searchCandidates(
      cadres.map((c) => ({
        id: c.id,
        sex: c.sex,
        birth: c.birth,
        postLevel: c.postLevel,
        educations: [c.fullTimeEducation.education, c.inServiceEducation.education],
        assessments: dossiers.get(c.id)?.assessments ?? [],
        pools: pools.get(c.id) ?? [],
        eligible: eligible.has(c.id),
      })),
      { ...criteria, pool: 'reserve', eligibleOnly: true },
    );
    expect(found.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(found.map((r) => r.name)).toEqual(['王芳']); // 李娜 not eligible, 赵敏 in no pool, 孙丽 no 优秀
    expect(found.every((r) => r.eligible)).toBe(true);
    // without the eligibility criterion the cadre under a disciplinary period is found too
    expect((await findCandidates(db, { ...criteria, pool: 'reserve' }, cadres, dossiers)).map((r) => r.name).sort()).toEqual(['李娜', '王芳'].sort());
  });
});

describe('selection records travel in a bundle', () => {
  it('an appointment case and an establishment made at the department arrive at the unit', async () => {
    const A = await installation('a'.repeat(32), '组织部');
    const B = await installation('b'.repeat(32), '发改委');
    try {
      const unit = await createUnit(A.db, A.ctx, null, '区发改委');
      // the harness's clock stands in 2023
      const c = await createCase(A.db, A.ctx, { unitId: unit.id, postTitle: POST, postLevel: '1B', motionOn: '2023-09-01' });
      const e = await createRecord(A.db, A.ctx, establishmentType, { unitId: unit.id, deputyCounty: 2 });
      await exchange(A, B);
      expect(await B.db.table('appointmentCases').get(c.id)).toMatchObject({ postTitle: POST, stage: 'motion', vv: c.vv });
      expect(await B.db.table('establishments').get(e.id)).toMatchObject({ deputyCounty: 2 });
      // and, once B has acknowledged it, an edit follows in the next, incremental bundle
      await exchange(B, A);
      await saveCase(A.db, A.ctx, c.id, { analysis: '副主任空缺一名' });
      const { bundle } = await exchange(A, B);
      expect(bundle.plan.full).toBe(false);
      expect(bundle.lines.map((l) => l.table)).toEqual(['appointmentCases']);
      expect(await B.db.table('appointmentCases').get(c.id)).toMatchObject({ analysis: '副主任空缺一名' });
    } finally {
      await close(A, B);
    }
  });
});

describe('the case steps this installation records', () => {
  it('a unit that records 动议 and 民主推荐 may not record 确定考察对象 on: refused in plain words, nothing written', async () => {
    await writeStepPermissions(db, ['motion', 'recommendation']);
    const a = await createCadre(db, ctx, person(1, '张三'));
    const c = await createCase(db, ctx, { unitId, postTitle: POST, postLevel: '1B', motionOn: '2025-09-01' });
    await saveCase(db, ctx, c.id, { analysis: '副主任空缺一名' });
    await completeCaseStep(db, ctx, c.id);
    await saveCase(db, ctx, c.id, { candidates: [{ cadreId: a.id, leaderNominated: true }] });
    await completeCaseStep(db, ctx, c.id);
    expect((await db.table('appointmentCases').get(c.id)).stage).toBe('shortlist');
    const before = await state();
    await refused(completeCaseStep(db, ctx, c.id), /本机不能办理该步骤：“确定考察对象”由其他单位（如组织部）办理，本机可办理的步骤为“动议”、“民主推荐”/);
    await refused(saveCase(db, ctx, c.id, { interviewees: 3 }), /本机不能修改该步骤的内容：“确定考察对象”/);
    await refused(closeAppointmentCase(db, ctx, c.id, '岗位调整'), /本机不能终止处于该步骤的选任纪实/);
    expect(await state()).toEqual(before);
    // the department's installation (every step, the default) takes it from there
    await writeStepPermissions(db, ['shortlist', 'inspection', 'decision', 'publicity']);
    await refused(createCase(db, ctx, { unitId, postTitle: '区发改委主任', postLevel: '1A', motionOn: '2025-09-01' }), /本机不能办理该步骤：“动议”/);
    const current = await db.table('appointmentCases').get(c.id);
    await saveCase(db, ctx, c.id, { candidates: current.candidates.map((k: object) => ({ ...k, shortlisted: true })) });
    expect((await completeCaseStep(db, ctx, c.id)).stage).toBe('inspection');
  });
});

describe('the rank-promotion settings', () => {
  it('are checked before they are kept, and the eligibility list applies what was kept', async () => {
    const a = await createCadre(db, ctx, person(1, '张三')); // 二级主任科员 since 2022-01, no post history
    for (const year of [2022, 2023, 2024]) await addSubRecord(db, ctx, 'assessments', a.id, { year, grade: '2' });
    const row = async () => (await loadEligibilityList(db, null, '2025-10')).find((r) => r.cadreId === a.id)!;
    expect(await row()).toMatchObject({ eligible: true, nextRank: '07', earliest: '2024-01' });

    await refused(writeRankSettings(db, { minYears: { '07': -1 }, passingGrades: [] }), /晋升为一级主任科员的最低年限：晋升年限不能为负数；符合条件的考核等次/);
    expect(await readRankSettings(db)).toEqual({});

    await writeRankSettings(db, { minYears: { '07': 5 } });
    expect(await readRankSettings(db)).toEqual({ minYears: { '07': 5 } });
    expect(await row()).toMatchObject({ eligible: false, earliest: '2027-01' });

    await writeRankSettings(db, { passingGrades: ['1'] });
    const onlyExcellent = await row();
    expect(onlyExcellent.eligible).toBe(false);
    expect(onlyExcellent.reasons.join('；')).toMatch(/2022年度考核称职/);
  });
});

describe('the 考察材料 attachment', () => {
  const report = () => new Blob([new TextEncoder().encode('%PDF-1.4 考察报告：政治坚定，统筹能力强')], { type: 'application/pdf' });

  it('is attached at 考察 with the case, refused before it and after the case is closed, nothing written', async () => {
    const c = await createCase(db, ctx, { unitId, postTitle: POST, postLevel: '1B', motionOn: '2025-09-01' });
    const before = await state();
    await refused(setInspectionReport(db, ctx, c.id, report()), /考察材料在“考察”步骤上传/);
    expect(await state()).toEqual(before);
    expect(await db.blobs.count()).toBe(0);
    const a = await createCadre(db, ctx, person(1, '张三'));
    const id = await caseAt('inspection', [a.id]);
    const saved = await setInspectionReport(db, ctx, id, report());
    expect(saved.inspectionReport).toMatch(/^[0-9a-f]{64}$/);
    expect(new TextDecoder().decode(await (await getBlob(db, saved.inspectionReport!))!.data.arrayBuffer())).toContain('考察报告');
    const removed = await setInspectionReport(db, ctx, id, null);
    expect(removed.inspectionReport).toBeNull();
    expect(await db.blobs.count()).toBe(1); // kept: another record or installation may hold it
    await closeAppointmentCase(db, ctx, id, '岗位调整');
    const closed = await state();
    await refused(setInspectionReport(db, ctx, id, report()), /已终止，不能再修改考察材料/);
    expect(await state()).toEqual(closed);
  });

  it('travels with the case in a bundle, and its removal follows', async () => {
    const A = await installation('a'.repeat(32), '组织部');
    const B = await installation('b'.repeat(32), '发改委');
    try {
      const unit = await createUnit(A.db, A.ctx, null, '区发改委');
      // a case already at 考察 (the steps before it are the step machine's tests); the harness's clock stands in 2023
      const c = await createRecord(A.db, A.ctx, appointmentCaseType, { unitId: unit.id, postTitle: POST, postLevel: '1B', motionOn: '2023-09-01', stage: 'inspection' });
      const { inspectionReport: hash } = await setInspectionReport(A.db, A.ctx, c.id, report());
      const bundle = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
      expect(bundle.lines.flatMap(blobHashesOf)).toEqual([hash]);
      await stageBundle(B, bundle);
      await stageBlob(B.db, (await getBlob(A.db, hash!))!);
      expect((await applyImport(B.db, B.id, bundle.meta, { hash: bundle.hash })).blobs).toBe(1);
      expect(await B.db.table('appointmentCases').get(c.id)).toMatchObject({ inspectionReport: hash, stage: 'inspection' });
      expect(new TextDecoder().decode(await (await getBlob(B.db, hash!))!.data.arrayBuffer())).toContain('考察报告');
      await exchange(B, A);
      await setInspectionReport(A.db, A.ctx, c.id, null);
      await exchange(A, B);
      expect(await B.db.table('appointmentCases').get(c.id)).toMatchObject({ inspectionReport: null });
    } finally {
      await close(A, B);
    }
  });
});

describe('the dossier facts the lists keep in memory', () => {
  it('are read once, then follow the committed writes of posts, assessments and 奖惩', async () => {
    const { FactsCache } = await import('../../../renderer/features/selection/factsCache');
    const a = await cadreWithHistory(1, '王芳');
    const cache = new FactsCache(db);
    const first = await cache.all();
    expect(first.get(a.id)?.posts.map((p) => p.from).sort()).toEqual(['2014-03', '2016-01', '2018-05']);
    expect(first.get(a.id)?.assessments).toEqual([]);
    await addSubRecord(db, ctx, 'assessments', a.id, { year: 2024, grade: '1' });
    await addSubRecord(db, ctx, 'rewards', a.id, { kind: 'discipline', date: '2025-03', title: '党内警告', issuer: '区纪委', effectiveFrom: '2025-03', effectiveTo: null, revoked: null });
    await addSubRecord(db, ctx, 'rewards', a.id, { kind: 'reward', date: '2024-12', title: '优秀公务员', issuer: '区委', effectiveFrom: null, effectiveTo: null, revoked: null });
    const after = await cache.all();
    expect(after.get(a.id)?.assessments).toEqual([{ year: 2024, grade: '1' }]);
    // only what can block promotion is kept
    expect(after.get(a.id)?.rewards.map((r) => r.title)).toEqual(['党内警告']);
  });
});
