import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { createCadre } from '../../../renderer/db/cadres';
import type { WriteContext } from '../../../renderer/db/repository';
import {
  chainTable,
  confirmKeyChecks,
  dossierFindings,
  drawsTable,
  keyCheckProposalsOf,
  recordDraw,
  reportsOfYear,
  signPending,
  verifyChain,
  writeSupervision,
  type ChainApi,
} from '../../../renderer/db/supervision';
import { fakeChainSigner } from './fakeChainSigner';
import { readSupervisionSettings, writeSupervisionSettings } from '../../../renderer/db/supervisionSettings';
import { createUnit } from '../../../renderer/db/units';
import { FieldError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { clueType, documentLoanType, fourChecksType, personalMattersType, supervisionActionType, travelDocumentType } from '../../../shared/domain/supervision';
import { checkDossier } from '../../../shared/rules/checks';
import { drawReports } from '../../../shared/rules/personalMatters';
import { DEFAULT_SUPERVISION_SETTINGS } from '../../../shared/rules/supervisionSettings';
import { firstBrokenLink, nextEntry, type ChainEntry } from '../../../shared/rules/supervisionChain';
import { sampleCadre, sampleCadreInput } from '../../fixtures/cadre';

// The supervision repository (renderer/db/supervision.ts): the checks that need the database, every write
// logged in its own transaction, the head signed after each batch, and verification naming what broke.

const ME = 'a'.repeat(32);
let clock = Date.UTC(2025, 5, 15);
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => (clock += 1000) };

let db: CadreDb;
let cadreId: string;
let main: ReturnType<typeof fakeChainSigner>;
beforeEach(async () => {
  db = openDatabase(`supervision-${newId()}`);
  const unit = await createUnit(db, ctx, null, '区委组织部');
  cadreId = (await createCadre(db, ctx, { ...sampleCadreInput({ unitId: unit.id }), name: '王芳' })).id;
  main = fakeChainSigner();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(FieldError);
  return e as FieldError;
};

describe('writes', () => {
  it('each write appends a chained entry in its own transaction, and the head is signed after it', async () => {
    const clue = await writeSupervision(db, ctx, clueType, { kind: 'create', input: { cadreId, channel: 'platform12380', received: '2025-03-01', summary: '反映违规兼职' } }, main);
    await writeSupervision(db, ctx, clueType, { kind: 'update', id: clue!.id, cadreId, patch: { status: 'verifying' } }, main);
    // an edit that changes nothing writes nothing and logs nothing
    await writeSupervision(db, ctx, clueType, { kind: 'update', id: clue!.id, cadreId, patch: { status: 'verifying' } }, main);
    await writeSupervision(db, ctx, clueType, { kind: 'delete', id: clue!.id, cadreId }, main);
    const log = await chainTable(db).toArray();
    expect(log.map((e) => [e.seq, e.action, e.recordId])).toEqual([
      [1, 'create', clue!.id],
      [2, 'update', clue!.id],
      [3, 'delete', clue!.id],
    ]);
    expect(firstBrokenLink(log, undefined)).toBeNull();
    expect(main.heads.map((h) => h.seq)).toEqual([1, 2, 3]);
    expect(await verifyChain(db, main, ME)).toEqual({ entries: 3, signatureValid: true, unsigned: 0, broken: null, gaps: [] });
  });

  it('a refused write logs nothing', async () => {
    await refusal(writeSupervision(db, ctx, supervisionActionType, { kind: 'create', input: { cadreId, kind: 'admonishment', date: '2025-03-01', reason: '' } }, main));
    expect(await chainTable(db).count()).toBe(0);
  });

  it('a 凡提四必 record is refused as complete while a clue of the cadre is open, accepted once it is closed', async () => {
    const clue = await writeSupervision(db, ctx, clueType, { kind: 'create', input: { cadreId, channel: 'petition', received: '2025-03-01', summary: '反映收受礼金' } });
    const checks = {
      cadreId, kind: 'appointment', ref: '拟任区财政局局长',
      fileDate: '2025-05-01', fileResult: '无异常', reportDate: '2025-05-02', reportResult: '一致',
      opinionDate: '2025-05-03', opinionResult: '无意见', cluesDate: '2025-05-04', cluesResult: '已核查', complete: true,
    } as const;
    const e = await refusal(writeSupervision(db, ctx, fourChecksType, { kind: 'create', input: checks }));
    expect(e.field).toBe('complete');
    expect(e.message).toContain('未了结');
    await writeSupervision(db, ctx, clueType, { kind: 'update', id: clue!.id, cadreId, patch: { status: 'closed', outcome: 'unfounded', closedOn: '2025-04-01' } });
    const saved = await writeSupervision(db, ctx, fourChecksType, { kind: 'create', input: checks });
    expect(saved?.complete).toBe(true);
  });

  it('a document cannot go out twice; once back it can go out again; it must be the cadre’s own', async () => {
    const doc = await writeSupervision(db, ctx, travelDocumentType, { kind: 'create', input: { cadreId, kind: 'passport', number: 'E12345678', expiry: '2030-01-01' } });
    const loan = { cadreId, documentId: doc!.id, destination: '新加坡', from: '2025-05-01', to: '2025-05-08', approval: '已批准', checkedOut: '2025-04-28' };
    const first = await writeSupervision(db, ctx, documentLoanType, { kind: 'create', input: loan });
    const e = await refusal(writeSupervision(db, ctx, documentLoanType, { kind: 'create', input: { ...loan, checkedOut: '2025-04-29' } }));
    expect([e.field, e.message]).toEqual(['documentId', expect.stringContaining('不能重复借出')]);
    await writeSupervision(db, ctx, documentLoanType, { kind: 'update', id: first!.id, cadreId, patch: { returned: '2025-05-10' } });
    expect(await writeSupervision(db, ctx, documentLoanType, { kind: 'create', input: { ...loan, checkedOut: '2025-05-20', from: '2025-05-21', to: '2025-05-25' } })).toBeDefined();
    expect((await refusal(writeSupervision(db, ctx, documentLoanType, { kind: 'create', input: { ...loan, documentId: 'nope' } }))).field).toBe('documentId');
  });
});

describe('verification', () => {
  async function seed() {
    for (let i = 0; i < 4; i++) {
      await writeSupervision(db, ctx, clueType, { kind: 'create', input: { cadreId, channel: 'audit', received: '2025-03-01', summary: `线索${i}` } }, main);
    }
    return chainTable(db).toArray();
  }

  it('an entry edited straight in IndexedDB is named', async () => {
    const log = await seed();
    await chainTable(db).put({ ...log[1]!, by: '他人' });
    const result = await verifyChain(db, main, ME);
    expect(result.broken).toMatchObject({ seq: 2 });
  });

  it('an edit re-chained by hand is found against the signed heads, and cannot be signed', async () => {
    const log = await seed();
    const rechained: ChainEntry[] = log.slice(0, 1);
    for (const e of log.slice(1)) {
      const { seq: _s, prev: _p, hash: _h, ...rest } = e;
      rechained.push(nextEntry(rechained.at(-1), e.seq === 2 ? { ...rest, by: '他人' } : rest));
    }
    await chainTable(db).bulkPut(rechained);
    expect(firstBrokenLink(await chainTable(db).toArray(), undefined)).toBeNull();
    expect((await verifyChain(db, main, ME)).broken).toMatchObject({ seq: 2, reason: expect.stringContaining('重新串联') });
    await expect(main.signHead({ entries: rechained.slice(1) })).rejects.toThrow(/未能签署/);
  });

  it('a record edited straight in IndexedDB no longer matches its entry', async () => {
    await seed();
    const [clue] = await db.table(clueType.table).toArray();
    await db.table(clueType.table).put({ ...clue, summary: '被改过的摘要' });
    expect((await verifyChain(db, main, ME)).broken).toMatchObject({ reason: expect.stringContaining('在程序之外被改动过') });
  });

  it('entries written while the main process could not sign are counted as unsigned, and signed later', async () => {
    await seed();
    await writeSupervision(db, ctx, clueType, { kind: 'create', input: { cadreId, channel: 'other', received: '2025-03-02', summary: '未签署' } });
    expect(await verifyChain(db, main, ME)).toMatchObject({ entries: 5, unsigned: 1, broken: null });
    await signPending(db, main);
    expect(await verifyChain(db, main, ME)).toMatchObject({ unsigned: 0, broken: null, signatureValid: true });
  });
});

describe('a lost heads file, as verification shows it', () => {
  it('names the entries whose signed heads are gone as a gap, before and after signing starts again', async () => {
    for (let i = 0; i < 3; i++) await writeSupervision(db, ctx, clueType, { kind: 'create', input: { cadreId, channel: 'audit', received: '2025-03-01', summary: `线索${i}` } }, main);
    // the main process lost its heads (the file gone): it knows none, the renderer's head still has its signature
    const lost: ChainApi = { signHead: main.signHead, checkHead: async (input) => ({ ...(await main.checkHead(input)), heads: [], gaps: [] }) };
    expect(await verifyChain(db, lost, ME)).toMatchObject({ broken: null, unsigned: 0, gaps: [{ from: 1, to: 3 }] });
    // once signing started again, the main process reports the gap itself
    const restarted: ChainApi = { signHead: main.signHead, checkHead: async (input) => ({ ...(await main.checkHead(input)), gaps: [{ from: 1, to: 2 }] }) };
    expect(await verifyChain(db, restarted, ME)).toMatchObject({ broken: null, gaps: [{ from: 1, to: 2 }] });
    // a gap does not hide an edit: an entry edited in IndexedDB is still named
    const [first] = await chainTable(db).toArray();
    await chainTable(db).put({ ...first!, by: '他人' });
    expect((await verifyChain(db, lost, ME)).broken).toMatchObject({ seq: 1 });
  });
});

describe('the random draw', () => {
  it('is kept with its seed, list, who and when; marks the drawn reports 随机抽查; and is not redrawn', async () => {
    const report = await writeSupervision(db, ctx, personalMattersType, { kind: 'create', input: { cadreId, year: 2025, submitted: '2025-01-20' } });
    const reports = await reportsOfYear(db, 2025);
    const drawn = drawReports(reports.map((r) => r.cadreId), 10, '2025-abc');
    expect(drawn).toEqual([cadreId]);
    const row = await recordDraw(db, ctx, { year: 2025, percent: 10, seed: '2025-abc', drawn }, reports, main);
    expect(await drawsTable(db).get(row.id)).toMatchObject({ seed: '2025-abc', drawn: [cadreId], by: '李明' });
    expect((await reportsOfYear(db, 2025))[0]).toMatchObject({ id: report!.id, checkKind: 'random' });
    expect((await chainTable(db).toArray()).map((e) => e.action)).toEqual(['create', 'update']);
    await expect(recordDraw(db, ctx, { year: 2025, percent: 10, seed: 'other', drawn }, reports)).rejects.toThrow(/不能重新抽取/);
  });
});

describe('档案必审 beside 数据校验', () => {
  it('gives the dossier’s 三龄两历 findings as 数据校验 computes them, and none for a cadre not here', async () => {
    const unit = await createUnit(db, ctx, null, '区发改委');
    // 入党 at nine years old: 数据校验 reports it
    // (the save-time checks would refuse it: it arrived as data, as an import or an old database brings it)
    const young = sampleCadre({ unitId: unit.id, idNumber: '320102198005151238', birth: '1980-05', sex: '1', partyJoined: '1989-06', name: '赵敏' });
    await db.cadres.put(young);
    const found = await dossierFindings(db, young.id, '2025-06-15');
    expect(found.cadre?.name).toBe('赵敏');
    expect(found.findings.map((f) => f.rule)).toContain('partyJoined.under18');
    expect(found.findings).toEqual(checkDossier({ cadre: young, career: [], education: [] }, { asOf: '2025-06', today: '2025-06-15' }));
    const fine = await dossierFindings(db, cadreId, '2025-06-15');
    expect(fine.findings.map((f) => f.rule)).not.toContain('partyJoined.under18');
    expect(await dossierFindings(db, 'nobody', '2025-06-15')).toEqual({ cadre: undefined, findings: [] });
  });
});

describe('the settings store', () => {
  it('keeps valid settings, refuses bad ones at their field, and reads defaults until set', async () => {
    expect(await readSupervisionSettings(db)).toEqual(DEFAULT_SUPERVISION_SETTINGS);
    const changed = { ...DEFAULT_SUPERVISION_SETTINGS, returnDays: 20, reporting: { minPostLevel: 1, minRankLevel: null } };
    await writeSupervisionSettings(db, changed);
    expect(await readSupervisionSettings(db)).toEqual(changed);
    const e = await refusal(writeSupervisionSettings(db, { ...changed, returnDays: 400 }));
    expect(e.field).toBe('returnDays');
    expect(await readSupervisionSettings(db)).toEqual(changed);
  });
});

describe('重点抽查 from the selection work', () => {
  it('proposes the candidates of open cases and pool members, and marks only the confirmed submitted reports, logged', async () => {
    const unit = await createUnit(db, ctx, null, '区财政局');
    const other = (await createCadre(db, ctx, { ...sampleCadreInput({ unitId: unit.id, idNumber: '320102198005150016', birth: '1980-05', sex: '1' }), name: '李强' })).id;
    const third = (await createCadre(db, ctx, { ...sampleCadreInput({ unitId: unit.id, idNumber: '320102198507150024', birth: '1985-07', sex: '2' }), name: '赵敏' })).id;
    await db.table('appointmentCases').put({ id: 'case1', deleted: false, postTitle: '区财政局局长', stage: 'inspection', candidates: [{ cadreId }] });
    await db.table('poolEntries').put({ id: 'pool1', deleted: false, cadreId: other, pool: 'reserve', status: 'active', validUntil: null });
    const proposals = await keyCheckProposalsOf(db, '2025-06');
    expect(Object.fromEntries(proposals)).toEqual({ [cadreId]: ['区财政局局长人选'], [other]: ['后备干部库在库'] });

    const mine = await writeSupervision(db, ctx, personalMattersType, { kind: 'create', input: { cadreId, year: 2025, submitted: '2025-01-20' } });
    await writeSupervision(db, ctx, personalMattersType, { kind: 'create', input: { cadreId: other, year: 2025 } });
    await writeSupervision(db, ctx, personalMattersType, { kind: 'create', input: { cadreId: third, year: 2025, submitted: '2025-01-21' } }, main);
    const before = await chainTable(db).count();
    const proposed = (await reportsOfYear(db, 2025)).filter((r) => proposals.has(r.cadreId));
    expect(await confirmKeyChecks(db, ctx, proposed, main)).toBe(1);
    const after = new Map((await reportsOfYear(db, 2025)).map((r) => [r.cadreId, r.checkKind]));
    // the unsubmitted report waits; the one not proposed is untouched
    expect(Object.fromEntries(after)).toEqual({ [cadreId]: 'key', [other]: 'none', [third]: 'none' });
    const log = await chainTable(db).toArray();
    expect(log.length).toBe(before + 1);
    expect(log.at(-1)).toMatchObject({ recordId: mine!.id, action: 'update' });
    expect((await verifyChain(db, main, ME)).broken).toBeNull();
  });
});
