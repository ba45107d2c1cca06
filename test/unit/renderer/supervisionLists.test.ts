// 管理监督's district-wide reads (renderer/db/supervisionLists.ts) and its bulk path (storeLogged): the due list and
// the blocking periods read through the indexes equal the rules run on every row, and records stored in bulk
// verify with their log, an edit made outside the app still caught.
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSubRecord } from '../../../renderer/db/cadres';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import type { WriteContext } from '../../../renderer/db/repository';
import { readAllFacts } from '../../../renderer/db/selectionFacts';
import { storeLogged, verifyChain, writeSupervision, type ChainApi } from '../../../renderer/db/supervision';
import { blockedOn, blocksOfAll, CODE_LEVELS, loadDueList } from '../../../renderer/db/supervisionLists';
import { personalMattersType, supervisionActionType, type PersonalMattersReport, type SupervisionAction } from '../../../shared/domain/supervision';
import { naturalId, newId } from '../../../shared/ids';
import { blocksInForce, cadreBlocks } from '../../../shared/rules/blocks';
import { dueList, mustReport } from '../../../shared/rules/personalMatters';
import { storeGeneratedDistrict } from './generatedDistrict';

const ME = '0123456789abcdef0123456789abcdef';
const ORIGIN = 'b'.repeat(32);
const ctx: WriteContext = { actor: { installationId: ME, operator: '干部监督科' }, now: () => Date.UTC(2026, 10, 20) };
const noSigning: ChainApi = {
  signHead: async () => {
    throw new Error('not signed here');
  },
  checkHead: async () => ({ signatureValid: null, heads: [], gaps: [] }),
};

let db: CadreDb;
beforeEach(async () => {
  db = openDatabase(`supervision-lists-${newId()}`);
  await storeGeneratedDistrict(db, { seed: 151600, cadres: 300 });
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const sync = (id: string) => ({ id, vv: { [ORIGIN]: 1 }, updatedAt: Date.UTC(2026, 0, 1), updatedBy: { installationId: ORIGIN, operator: '组织部' }, deleted: false });

/** Three years of reports of everyone who must report, a finding in one of 7, an admonishment in one of 9 cadres. */
async function storeDistrict(): Promise<number> {
  const cadres = (await db.cadres.toArray()).filter((c) => !c.deleted);
  const reporters = cadres.filter((c) => mustReport(c, CODE_LEVELS));
  const batch: { table: string; versions: (Record<string, unknown> & { id: string; deleted: boolean })[] }[] = [];
  for (const year of [2024, 2025, 2026]) {
    reporters.forEach((c, i) => {
      const finding = year < 2026 && i % 7 === 0;
      const report = {
        ...sync(naturalId('personalmatters', c.id, String(year))),
        cadreId: c.id,
        year,
        submitted: year === 2026 && i % 4 === 3 ? null : `${year}-01-20`,
        familyItems: [],
        assetItems: [],
        checkKind: finding ? 'random' : 'none',
        checkedOn: finding ? `${year}-04-01` : null,
        checkedBy: '',
        result: finding ? (i % 2 ? 'omitted' : 'concealed') : 'pending',
        handling: finding ? 'admonishment' : 'none',
        handledOn: finding ? `${year}-05-01` : null,
        note: '',
      };
      batch.push({ table: 'personalMatters', versions: [{ ...report, updatedAt: report.updatedAt - 1 }, report] });
    });
  }
  cadres.forEach((c, i) => {
    if (i % 9) return;
    const action = { ...sync(newId()), cadreId: c.id, kind: i % 2 ? 'admonishment' : 'reminder', date: `2026-0${1 + (i % 9)}-10`, reason: '作风问题', by: '', replyDue: null, replyReceived: null, conclusion: '', months: null, revoked: null, clueId: '' };
    batch.push({ table: 'supervisionActions', versions: [action] });
  });
  return storeLogged(db, batch, Date.UTC(2026, 10, 1));
}

describe('the district-wide supervision reads', () => {
  it('give the due list and every cadre’s blocking periods the rules give on every row', async () => {
    const entries = await storeDistrict();
    expect(entries).toBeGreaterThan(100);
    const someone = (await db.cadres.toArray()).find((c) => c.status === '01')!;
    await addSubRecord(db, ctx, 'rewards', someone.id, { kind: 'discipline', date: '2026-03', title: '党内警告', issuer: '区纪委', effectiveFrom: '2026-03', effectiveTo: null, revoked: null });
    const cadres = (await db.cadres.toArray()).filter((c) => !c.deleted);
    const [reports, actions, sets] = await Promise.all([
      db.table(personalMattersType.table).toArray() as Promise<PersonalMattersReport[]>,
      db.table(supervisionActionType.table).toArray() as Promise<SupervisionAction[]>,
      db.subRecords.toArray(),
    ]);

    const { rows } = await loadDueList(db, 2026, '2026-11-30', cadres);
    const expected = dueList(cadres, reports.filter((r) => r.year === 2026), 2026, '2026-11-30', CODE_LEVELS);
    expect(rows).toEqual(expected);
    expect(rows.some((r) => r.status === 'submitted') && rows.some((r) => r.status === 'overdue')).toBe(true);

    // from scratch: every report, every action, every whole dossier set
    const facts = await readAllFacts(db);
    const fast = await blocksOfAll(db, cadres.map((c) => c.id), (id) => facts.get(id)?.rewards);
    const setOf = new Map(sets.map((s) => [s.cadreId, s]));
    const slow = new Map(
      cadres
        .map((c) => [c.id, cadreBlocks({ rewards: (setOf.get(c.id)?.rewards ?? []).filter((r) => !r.deleted), actions: actions.filter((a) => a.cadreId === c.id), reports: reports.filter((r) => r.cadreId === c.id) })] as const)
        .filter(([, b]) => b.length),
    );
    expect(fast).toEqual(slow);
    expect([...fast.values()].flat().some((b) => b.reason.includes('漏报'))).toBe(true);
    expect([...fast.values()].flat().some((b) => b.reason.startsWith('诫勉'))).toBe(true);
    expect(fast.get(someone.id)?.some((b) => b.reason.includes('党内警告'))).toBe(true);

    const inForce = await blockedOn(db, '2026-06-15', cadres.map((c) => c.id), (id) => facts.get(id)?.rewards);
    expect(inForce).toEqual(new Map([...slow].map(([id, b]) => [id, blocksInForce(b, '2026-06-15')] as const).filter(([, b]) => b.length)));
    expect(inForce.size).toBeGreaterThan(0);
  });

  it('stores records in bulk with every version logged: the log verifies, and an edit made outside the app is named', async () => {
    const entries = await storeDistrict();
    const before = await verifyChain(db, noSigning, ME);
    expect(before.broken).toBeNull();
    expect(before.entries).toBe(entries);
    // a later write through the repository goes on from the stored log
    const [first] = (await db.table(personalMattersType.table).toArray()) as PersonalMattersReport[];
    await writeSupervision(db, ctx, personalMattersType, { kind: 'update', id: first!.id, cadreId: first!.cadreId, patch: { note: '已核实' } });
    expect((await verifyChain(db, noSigning, ME)).broken).toBeNull();
    // edited straight in IndexedDB
    const [, second] = (await db.table(personalMattersType.table).toArray()) as PersonalMattersReport[];
    await db.table(personalMattersType.table).put({ ...second!, submitted: '2020-01-01' });
    expect((await verifyChain(db, noSigning, ME)).broken?.reason).toContain('在程序之外被改动过');
  });
});
