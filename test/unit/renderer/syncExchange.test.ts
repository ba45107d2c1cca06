import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSubRecord, createCadre, deleteCadre, updateCadre, updateSubRecord } from '../../../renderer/db/cadres';
import { createUnit, moveUnit, renameUnit } from '../../../renderer/db/units';
import { DEMO_DATA_KEY } from '../../../renderer/features/demoData/demoMark';
import { DEMO_EXPORT_REFUSED, blobHashesOf, planExport, sealMeta } from '../../../renderer/sync/exportReader';
import { applyImport, assertImportable, checkBundle, discardStaging, previewImport, stageBlob, stageLines } from '../../../renderer/sync/importer';
import { getBlob, setCadrePhoto } from '../../../renderer/db/blobs';
import { allFacts, dossierFactPacks, factsOfCadres } from '../../../renderer/db/dossierFacts';
import { cadreBucketOf } from '../../../renderer/db/cadrePacks';
import { LATEST_VERSION } from '../../../renderer/db/schema';
import { listConflicts, resolveConflict } from '../../../renderer/sync/conflicts';
import { peerHistory } from '../../../renderer/sync/history';
import { holdersOf } from '../../../renderer/sync/changeIndex';
import { IdFilter } from '../../../renderer/sync/idFilter';
import { FILTER_SHARDS, SHARD_BYTES } from '../../../shared/sync/idFilter';
import { compare } from '../../../shared/sync/versionVector';
import { sampleCadreInput } from '../../fixtures/cadre';
import { close, exchange, exportBundle, idNumberOf, importBundle, installation, stageBundle, syncedData, type Installation } from './syncHarness';
import { dossierPacks } from '../../../renderer/db/dossierPacks';

// Sync end to end at the renderer's level (docs/bundle-format.md "Sync in this code"): two installations exchange
// bundles through the export reader and the importer; the bundle's encryption is electron/bundle's and not here.

const DEPT = 'd'.repeat(32);
const UNIT = 'e'.repeat(32);

let A: Installation; // the department
let B: Installation; // a unit installation (or a second department, for scope 'all')
beforeEach(async () => {
  A = await installation(DEPT, '区委组织部');
  B = await installation(UNIT, '教育局');
});
afterEach(() => close(A, B));

/** A unit tree and `n` cadres with a career segment each, in 教育局 (or 卫健委 for the odd ones, when split). */
async function seed(n: number, split = false) {
  const root = await createUnit(A.db, A.ctx, null, '新城区');
  const edu = await createUnit(A.db, A.ctx, root.id, '教育局');
  const school = await createUnit(A.db, A.ctx, edu.id, '第一中学');
  const health = await createUnit(A.db, A.ctx, root.id, '卫健委');
  const cadres = [];
  for (let i = 0; i < n; i++) {
    const unitId = split && i % 2 ? health.id : i % 3 ? edu.id : school.id;
    const cadre = await createCadre(A.db, A.ctx, { ...sampleCadreInput({ unitId, birth: '1975-06', idNumber: idNumberOf(i) }), name: `干部${i}` });
    await addSubRecord(A.db, A.ctx, 'career', cadre.id, { from: '1995-09', to: null, unit: '新城区教育局', post: '科员' });
    cadres.push(cadre);
  }
  return { root, edu, school, health, cadres };
}

describe('an exchange between two installations', () => {
  it('A’s records arrive at B identical, vectors kept; the preview counted them as new', async () => {
    await seed(4);
    const { preview, result, bundle } = await exchange(A, B);
    expect(bundle.meta.kind).toBe('full');
    // still nothing heard from B: the next export is full again (a lost stick costs nothing)
    expect((await planExport(A.db, A.id, { kind: 'peer', peerId: B.id, scope: 'all' })).full).toBe(true);
    expect(await syncedData(B.db)).toEqual(await syncedData(A.db));
    expect(result).toMatchObject({ taken: 4 + 4 + 4, conflicts: 0 });
    expect(preview.tables.map((t) => [t.table, t.new, t.updated])).toEqual([
      ['units', 4, 0],
      ['cadres', 4, 0],
      ['career', 4, 0],
    ]);
    // imports never bump and B wrote nothing: B's counter did not move, and B's vectors hold only A
    expect((await B.db.cadres.toArray()).every((c) => Object.keys(c.vv).join() === DEPT)).toBe(true);
    expect(await B.db.staging.count()).toBe(0);
    expect(await B.db.ledger.count()).toBe(1);
    // dossiers B held nowhere are packed as they come (renderer/db/dossierPacks.ts), not written a row each
    const rows = await dossierPacks(B.db).toArray();
    expect(rows.every((r) => r.packId.startsWith('b'))).toBe(true);
    expect(rows.flatMap((r) => r.cadreIds).sort()).toEqual((await A.db.cadres.toCollection().primaryKeys()).sort());
  });

  it('re-importing the same bundle is "already imported" and changes nothing', async () => {
    await seed(2);
    const { bundle } = await exchange(A, B);
    const before = await syncedData(B.db);
    const decision = await checkBundle(B.db, B.id, bundle.meta);
    expect(decision.kind).toBe('already');
    await expect(stageBundle(B, bundle)).rejects.toThrow('已经导入过');
    // even applying straight away (a second window) is refused inside the transaction
    await expect(applyImport(B.db, B.id, bundle.meta, { hash: bundle.hash })).rejects.toThrow('已经导入过');
    expect(await syncedData(B.db)).toEqual(before);
    expect(await B.db.ledger.count()).toBe(1);
  });

  it('an older seq is refused as a replay, a broken chain as a fork, a gap is allowed and said', async () => {
    const { cadres } = await seed(1);
    const first = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    await updateCadre(A.db, A.ctx, cadres[0]!.id, { currentPost: '局长' });
    const second = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    expect(second.meta).toMatchObject({ seq: 2, prevBundleHash: first.hash });
    await importBundle(B, second);
    // the first bundle arrives late: seq 1 ≤ 2
    expect(await checkBundle(B.db, B.id, first.meta)).toMatchObject({ kind: 'refuse', reason: 'replay' });
    // seq 3 that does not chain to bundle 2
    const third = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    expect(await checkBundle(B.db, B.id, { ...third.meta, prevBundleHash: 'f'.repeat(64) })).toMatchObject({ kind: 'refuse', reason: 'fork' });
    // bundle 4 while 3 never came: a gap, allowed
    await updateCadre(A.db, A.ctx, cadres[0]!.id, { currentPost: '党委书记' });
    const fourth = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    expect(await checkBundle(B.db, B.id, fourth.meta)).toMatchObject({ kind: 'gap', missing: { from: 3, to: 3 } });
    await importBundle(B, fourth);
    expect((await B.db.cadres.get(cadres[0]!.id))!.currentPost).toBe('党委书记');
  });

  it('both edit one cadre → a conflict at B; resolved there, both converge after exchanging back', async () => {
    const { cadres } = await seed(1);
    const id = cadres[0]!.id;
    await exchange(A, B);
    await exchange(B, A); // A hears what B knows
    await updateCadre(A.db, A.ctx, id, { currentPost: '局长', expertise: '教育管理' });
    await updateCadre(B.db, B.ctx, id, { currentPost: '副局长' });
    const { preview, result } = await exchange(A, B);
    expect(preview.tables.find((t) => t.table === 'cadres')).toMatchObject({ conflicting: 1, ids: { conflicting: [id] } });
    expect(result.conflicts).toBe(1);
    expect((await B.db.cadres.get(id))!.currentPost).toBe('副局长'); // local kept
    const [conflict] = await listConflicts(B.db);
    expect(conflict).toMatchObject({ table: 'cadres', id, source: A.id });
    expect(conflict!.incoming.currentPost).toBe('局长');

    // the person takes 局长 from A and keeps the rest of B's version, plus A's expertise
    const resolved = await resolveConflict(B.db, B.ctx, conflict!.key, { ...conflict!.local, currentPost: '局长', expertise: '教育管理' });
    expect(compare(resolved.vv, conflict!.local.vv)).toBe('after');
    expect(compare(resolved.vv, conflict!.incoming.vv)).toBe('after');
    expect(await B.db.conflicts.count()).toBe(0);

    const back = await exchange(B, A);
    expect(back.result.conflicts).toBe(0);
    expect(await syncedData(A.db)).toEqual(await syncedData(B.db));
    expect((await A.db.cadres.get(id))).toMatchObject({ currentPost: '局长', expertise: '教育管理' });
    // and nothing echoes: the next exports carry nothing either way
    expect((await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' }, { commit: false })).lines).toEqual([]);
  });

  it('the same edit on both sides merges without a conflict', async () => {
    const { cadres } = await seed(1);
    await exchange(A, B);
    await exchange(B, A);
    await updateCadre(A.db, A.ctx, cadres[0]!.id, { currentPost: '局长' });
    await updateCadre(B.db, B.ctx, cadres[0]!.id, { currentPost: '局长' });
    const { result } = await exchange(A, B);
    expect(result).toMatchObject({ conflicts: 0, merged: 1 });
    expect(compare((await B.db.cadres.get(cadres[0]!.id))!.vv, (await A.db.cadres.get(cadres[0]!.id))!.vv)).toBe('after');
  });

  it('a delete travels as a tombstone', async () => {
    const { cadres } = await seed(2);
    await exchange(A, B);
    await exchange(B, A);
    await deleteCadre(A.db, A.ctx, cadres[1]!.id);
    const { bundle } = await exchange(A, B);
    expect(bundle.meta.kind).toBe('incremental');
    expect(bundle.lines.map((l) => [l.table, l.record.id, l.record.deleted])).toEqual([['cadres', cadres[1]!.id, true]]);
    expect((await B.db.cadres.get(cadres[1]!.id))!.deleted).toBe(true);
    expect(await syncedData(B.db)).toEqual(await syncedData(A.db));
  });

  it('a first import whose dossiers arrive in pieces, in any order and across entries, keeps every record', async () => {
    const { cadres } = await seed(3);
    for (const c of cadres) await addSubRecord(A.db, A.ctx, 'career', c.id, { from: '2001-01', to: null, unit: '新城区教育局', post: '副校长' });
    const bundle = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' }, { commit: false });
    // each record an entry of its own, sub-records first and the dossiers interleaved: B has nothing yet, so the
    // importer reads no live row — except where an earlier entry of this import wrote one
    const lines = [...bundle.lines].sort((a, b) => Number(a.table === 'cadres') - Number(b.table === 'cadres') || a.record.id.localeCompare(b.record.id));
    assertImportable(await checkBundle(B.db, B.id, bundle.meta));
    await discardStaging(B.db);
    for (const line of lines) await stageLines(B.db, [line]);
    const preview = await previewImport(B.db);
    expect(preview.tables.find((t) => t.table === 'career')).toMatchObject({ new: 6, updated: 0 });
    let packWrites = 0;
    dossierFactPacks(B.db).hook('creating', () => void packWrites++);
    dossierFactPacks(B.db).hook('updating', () => void packWrites++);
    await applyImport(B.db, B.id, bundle.meta, { hash: bundle.hash, expectedRecords: lines.length });
    expect(await syncedData(B.db)).toEqual(await syncedData(A.db));
    for (const c of cadres) expect((await B.db.subRecords.get(c.id))?.career).toHaveLength(2);
    // the dossiers' kept facts as the sender's, each pack written once, at the end (renderer/db/dossierFacts.ts)
    expect(await allFacts(B.db)).toEqual(await allFacts(A.db));
    expect(packWrites).toBe(new Set(cadres.map((c) => cadreBucketOf(c.id))).size);
    // and the change index lists every sub-record under its dossier, as a write here would have
    for (const c of cadres) expect((await B.db.syncIndex.get(`cadre:${c.id}`))?.ids).toHaveLength(2);
  });

  it('a sub-record whose cadre differs from the stored copy is refused, and nothing changes', async () => {
    const { cadres } = await seed(2);
    await exchange(A, B);
    const before = await syncedData(B.db);
    const career = before.subs.find((s) => (s.record as unknown as { cadreId: string }).cadreId === cadres[0]!.id)!.record as Record<string, unknown>;
    const forged = { ...career, cadreId: cadres[1]!.id, vv: { [DEPT]: 999 } } as never;
    await discardStaging(B.db);
    await stageLines(B.db, [{ table: 'career', record: forged }]);
    await expect(previewImport(B.db)).rejects.toThrow('不能在干部之间移动');
    const bundle = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' }, { commit: false });
    await expect(applyImport(B.db, B.id, bundle.meta, { hash: bundle.hash })).rejects.toThrow('不能在干部之间移动');
    expect(await syncedData(B.db)).toEqual(before);
    expect(await B.db.ledger.count()).toBe(1);
  });

  it('a "maybe" of the id filter is settled exactly: new sub-records are taken, a moved one is still refused', async () => {
    const { cadres } = await seed(2);
    await exchange(A, B);
    // every bit set: the filter answers "maybe" for every id, so each answer goes to the change index's lists
    await B.db.syncIdFilter.bulkPut(Array.from({ length: FILTER_SHARDS }, (_, shard) => ({ shard, bits: new Uint8Array(SHARD_BYTES).fill(0xff) })));
    const added = await addSubRecord(A.db, A.ctx, 'career', cadres[1]!.id, { from: '2010-01', to: null, unit: '新城区教育局', post: '校长' });
    const bundle = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    expect((await stageBundle(B, bundle)).tables.find((t) => t.table === 'career')).toMatchObject({ new: 1 });
    await applyImport(B.db, B.id, bundle.meta, { hash: bundle.hash, expectedRecords: bundle.lines.length });
    expect((await B.db.subRecords.get(cadres[1]!.id))?.career?.map((r) => r.id)).toContain(added.id);
    const held = await holdersOf(B.db, new IdFilter(B.db.syncIdFilter), [`career:${added.id}`, 'career:nobody']);
    expect([...held]).toEqual([[`career:${added.id}`, cadres[1]!.id]]);
    const forged = { ...added, cadreId: cadres[0]!.id, vv: { [DEPT]: 999 } } as never;
    await discardStaging(B.db);
    await stageLines(B.db, [{ table: 'career', record: forged }]);
    await expect(previewImport(B.db)).rejects.toThrow('不能在干部之间移动');
    // applied without a preview, after an entry that is fine and is written first: refused all the same, and what
    // the apply wrote before the refusal goes with it
    await discardStaging(B.db);
    const fine = await addSubRecord(A.db, A.ctx, 'career', cadres[0]!.id, { from: '2015-01', to: null, unit: '新城区财政局', post: '科员' });
    const next = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    await stageLines(B.db, [{ table: 'career', record: fine as never }]);
    await stageLines(B.db, [{ table: 'career', record: forged }]);
    await expect(applyImport(B.db, B.id, next.meta, { hash: next.hash })).rejects.toThrow('不能在干部之间移动');
    expect((await B.db.subRecords.get(cadres[0]!.id))?.career?.map((r) => r.id) ?? []).not.toContain(fine.id);
    expect((await B.db.subRecords.get(cadres[1]!.id))?.career?.map((r) => r.id)).toContain(added.id);
  });

  it('a local sub-record write adds its id to the filter in the same transaction; an id never written is not there', async () => {
    const { cadres } = await seed(1);
    const added = await addSubRecord(A.db, A.ctx, 'rewards', cadres[0]!.id, { kind: 'discipline', date: '2023-03', title: '党内警告', issuer: '区纪委', effectiveFrom: '2023-03', effectiveTo: null, revoked: null });
    const filter = new IdFilter(A.db.syncIdFilter);
    expect(await filter.mayHold([`rewards:${added.id}`, 'rewards:never-written'])).toEqual([`rewards:${added.id}`]);
  });

  it('a record its type refuses, or of a table this program does not know, stops the import, nothing applied', async () => {
    await seed(1);
    const bundle = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    const cadre = bundle.lines.find((l) => l.table === 'cadres')!;
    const broken = { ...bundle, lines: [...bundle.lines.filter((l) => l !== cadre), { table: 'cadres', record: { ...cadre.record, sex: '男性' } }] };
    await expect(stageBundle(B, broken)).rejects.toThrow(/一条干部记录不符合格式（sex：/);
    const unknown = { ...bundle, lines: [{ table: 'futureRecords', record: { ...cadre.record } }] };
    await expect(stageBundle(B, unknown)).rejects.toThrow('本机不认识的数据表“futureRecords”');
    const local = { ...bundle, lines: [{ table: 'audit', record: { ...cadre.record } }] };
    await expect(stageBundle(B, local)).rejects.toThrow('本机不认识的数据表');
    expect(await B.db.cadres.count()).toBe(0);
  });

  it('an apply interrupted inside its transaction leaves the live data, the ledger and knowledge unchanged', async () => {
    const { cadres } = await seed(3);
    await exchange(A, B);
    for (const c of cadres) await updateCadre(A.db, A.ctx, c.id, { currentPost: '调研员' });
    const bundle = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    await stageBundle(B, bundle);
    const before = { data: await syncedData(B.db), ledger: await B.db.ledger.toArray(), knowledge: await B.db.knowledge.toArray() };
    await expect(
      applyImport(B.db, B.id, bundle.meta, {
        hash: bundle.hash,
        onProgress: () => {
          throw new Error('页面已关闭');
        },
      }),
    ).rejects.toThrow('页面已关闭');
    expect({ data: await syncedData(B.db), ledger: await B.db.ledger.toArray(), knowledge: await B.db.knowledge.toArray() }).toEqual(before);
    // the staging is still there (it was not cleared either); discarded at start, the import can run again
    expect(await B.db.staging.count()).toBeGreaterThan(0);
    await discardStaging(B.db);
    await importBundle(B, bundle);
    expect(await syncedData(B.db)).toEqual(await syncedData(A.db));
    // the failed apply's deferral of the kept facts ended with it: a write here keeps them at once
    await addSubRecord(B.db, B.ctx, 'assessments', cadres[0]!.id, { year: 2023, grade: '1' });
    expect((await factsOfCadres(B.db, [cadres[0]!.id])).get(cadres[0]!.id)!.assessments).toEqual([{ year: 2023, grade: '1' }]);
  });

  it('staging cleared meanwhile (another window started) refuses the apply instead of marking the bundle imported', async () => {
    await seed(2);
    const bundle = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    await stageBundle(B, bundle);
    await discardStaging(B.db);
    await expect(applyImport(B.db, B.id, bundle.meta, { hash: bundle.hash, expectedRecords: bundle.lines.length })).rejects.toThrow('暂存的数据不完整');
    expect(await B.db.ledger.count()).toBe(0);
    expect((await checkBundle(B.db, B.id, bundle.meta)).kind).toBe('next');
  });

  it('an apply whose transaction is aborted midway leaves the live data unchanged', async () => {
    const { cadres } = await seed(3);
    await exchange(A, B);
    for (const c of cadres) await updateCadre(A.db, A.ctx, c.id, { currentPost: '调研员' });
    const bundle = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    await stageBundle(B, bundle);
    const before = await syncedData(B.db);
    await expect(
      applyImport(B.db, B.id, bundle.meta, { hash: bundle.hash, onProgress: () => Dexie.currentTransaction!.abort() }),
    ).rejects.toThrow();
    expect(await syncedData(B.db)).toEqual(before);
    expect(await B.db.ledger.count()).toBe(1);
  });

  it('records taken from one installation are forwarded to a third (the apply keeps the change index)', async () => {
    const C = await installation('c'.repeat(32), '卫健委');
    try {
      const { cadres } = await seed(2);
      await exchange(A, B);
      await exchange(A, C);
      await exchange(B, A);
      await exchange(C, A);
      await updateCadre(B.db, B.ctx, cadres[0]!.id, { currentPost: '校长' });
      await exchange(B, A);
      const { bundle } = await exchange(A, C);
      expect(bundle.meta.kind).toBe('incremental');
      expect(bundle.lines.map((l) => l.record.id)).toEqual([cadres[0]!.id]);
      expect((await C.db.cadres.get(cadres[0]!.id))!.vv).toEqual((await B.db.cadres.get(cadres[0]!.id))!.vv);
      // and B does not get its own edit back: A knows that B has it
      expect((await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' }, { commit: false })).lines).toEqual([]);
    } finally {
      await close(C);
    }
  });

  it('an incremental export after changing 3 of 100 cadres reads only those', async () => {
    const { cadres } = await seed(100);
    await exchange(A, B);
    await exchange(B, A);
    const changed = [cadres[5]!, cadres[50]!, cadres[97]!];
    for (const c of changed) await updateCadre(A.db, A.ctx, c.id, { currentPost: '副局长' });
    const bundle = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    expect(bundle.meta.kind).toBe('incremental');
    expect(bundle.lines.map((l) => l.record.id).sort()).toEqual(changed.map((c) => c.id).sort());
    // what was read: the 3 dossiers' index rows, cadres and sub-record sets, nothing of the other 97
    expect(bundle.stats).toEqual({ rows: 6, indexRows: 3, lines: 3 });
    // a full export of the same database reads every dossier
    const full = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all', forceFull: true }, { commit: false });
    expect(full.stats.rows).toBeGreaterThanOrEqual(200);
    expect(full.lines.length).toBe(4 + 100 + 100);
  });

  it('a sub-record edit travels alone, into the dossier set of its cadre', async () => {
    const { cadres } = await seed(2);
    await exchange(A, B);
    await exchange(B, A);
    const career = (await A.db.subRecords.get(cadres[1]!.id))!.career![0]!;
    await updateSubRecord(A.db, A.ctx, 'career', cadres[1]!.id, career.id, { post: '副科长' });
    const { bundle } = await exchange(A, B);
    expect(bundle.lines.map((l) => [l.table, l.record.id])).toEqual([['career', career.id]]);
    expect((await B.db.subRecords.get(cadres[1]!.id))!.career![0]!.post).toBe('副科长');
  });
});

describe('the exchange history with a peer', () => {
  it('lists what was sent and received with their sequence numbers, and what the peer has acknowledged', async () => {
    await seed(2);
    const empty = await peerHistory(A.db, A.id, B.id);
    expect(empty).toMatchObject({ sent: [], received: [], acknowledged: null });

    const first = await exchange(A, B); // A's first bundle: full, 2 units … taken at B
    let history = await peerHistory(A.db, A.id, B.id);
    expect(history.sent.map((b) => [b.seq, b.full, b.records, b.acknowledged])).toEqual([[1, true, first.bundle.lines.length, false]]);
    expect(history.acknowledged).toBeNull(); // nothing heard from B yet

    await exchange(B, A); // B answers: its knowledge names all of A's counters it took
    history = await peerHistory(A.db, A.id, B.id);
    expect(history.sent.map((b) => [b.seq, b.acknowledged])).toEqual([[1, true]]);
    expect(history.acknowledged).toBe(history.ours);
    expect(history.received.map((r) => [r.seq, r.kind])).toEqual([[1, 'incremental']]);

    // a change here and a second bundle: listed first, not yet acknowledged
    await updateCadre(A.db, A.ctx, (await A.db.cadres.toCollection().first())!.id, { currentPost: '局长' });
    await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    history = await peerHistory(A.db, A.id, B.id);
    expect(history.sent.map((b) => [b.seq, b.full, b.records, b.acknowledged])).toEqual([
      [2, false, 1, false],
      [1, true, first.bundle.lines.length, true],
    ]);
    // B's side: one bundle received from A so far (the second is still on the stick), one sent
    const atB = await peerHistory(B.db, B.id, A.id);
    expect(atB.received.map((r) => [r.seq, r.kind, r.records])).toEqual([[1, 'full', first.bundle.lines.length]]);
    expect(atB.sent.map((b) => b.seq)).toEqual([1]);
  });
});

describe('conflicts settled elsewhere, photos, the counter before export', () => {
  it('a conflict kept here goes away when the other side’s resolution arrives', async () => {
    const { cadres } = await seed(1);
    const id = cadres[0]!.id;
    await exchange(A, B);
    await exchange(B, A);
    await updateCadre(A.db, A.ctx, id, { currentPost: '局长' });
    await updateCadre(B.db, B.ctx, id, { currentPost: '副局长' });
    await exchange(A, B); // conflict at B
    await exchange(B, A); // conflict at A too
    expect(await A.db.conflicts.count()).toBe(1);
    expect(await B.db.conflicts.count()).toBe(1);
    const [atA] = await listConflicts(A.db);
    await resolveConflict(A.db, A.ctx, atA!.key, { ...atA!.local, currentPost: '局长' });
    const { result } = await exchange(A, B);
    expect(result).toMatchObject({ taken: 1, conflicts: 0 });
    expect(await B.db.conflicts.count()).toBe(0);
    expect(await syncedData(B.db)).toEqual(await syncedData(A.db));
  });

  it('a photo travels as a blob named by its hash, staged and stored with the apply', async () => {
    const { cadres } = await seed(1);
    const photo = new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'image/jpeg' });
    const withPhoto = await setCadrePhoto(A.db, A.ctx, cadres[0]!.id, photo);
    const bundle = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    const hashes = bundle.lines.flatMap(blobHashesOf);
    expect(hashes).toEqual([withPhoto.photo]);
    const preview = await stageBundle(B, bundle);
    for (const hash of hashes) await stageBlob(B.db, (await getBlob(A.db, hash))!);
    expect((await previewImport(B.db)).blobs).toBe(1);
    expect(preview.blobs).toBe(0);
    const result = await applyImport(B.db, B.id, bundle.meta, { hash: bundle.hash });
    expect(result.blobs).toBe(1);
    expect((await getBlob(B.db, withPhoto.photo!))!.hash).toBe(withPhoto.photo);
    expect((await B.db.cadres.get(cadres[0]!.id))!.photo).toBe(withPhoto.photo);
  });

  it('planning an export with the counter API reports the counter the bundle’s knowledge names', async () => {
    await seed(1);
    const reports: number[] = [];
    const api = { counterHighWater: async () => ({ counter: 0 }), recordCounter: async ({ counter }: { counter: number }) => (reports.push(counter), { counter }) };
    const plan = await planExport(A.db, A.id, { kind: 'peer', peerId: B.id, scope: 'all' }, api);
    expect(reports).toEqual([plan.meta.knowledge[A.id]]);
    expect(reports[0]).toBeGreaterThan(0);
    // what goes to the main process for sealing: META's renderer-owned fields, the destination as the recipient
    expect(sealMeta(plan)).toEqual({ kind: 'full', seq: 1, prevBundleHash: null, scope: { units: 'all', tables: 'all' }, schemaVersion: LATEST_VERSION, knowledge: plan.meta.knowledge });
  });
});

describe('scope', () => {
  it('a unit installation gets its subtree only; a cadre leaving it is sent once, one entering comes whole', async () => {
    const { edu, health, cadres } = await seed(4, true);
    const scope = { unitId: edu.id };
    const first = await exchange(A, B, scope);
    const inEdu = cadres.filter((_, i) => i % 2 === 0).map((c) => c.id);
    expect((await B.db.cadres.toArray()).map((c) => c.id).sort()).toEqual([...inEdu].sort());
    expect((await B.db.units.toArray()).map((u) => u.name).sort()).toEqual(['教育局', '第一中学'].sort());
    expect(first.bundle.meta.scope).toEqual({ units: [edu.id], tables: 'all' });
    // read: the unit tree twice (scope, then the units to send) and the two dossiers in scope, not the other two
    expect(first.bundle.stats.rows).toBe(4 + 4 + 2 + 2);
    await exchange(B, A);

    // 干部0 leaves for 卫健委; 干部1 comes from 卫健委 into 教育局
    await updateCadre(A.db, A.ctx, cadres[0]!.id, { unitId: health.id });
    await updateCadre(A.db, A.ctx, cadres[1]!.id, { unitId: edu.id });
    const second = await exchange(A, B, scope);
    const sent = second.bundle.lines.map((l) => `${l.table}:${l.record.id}`).sort();
    const career1 = (await A.db.subRecords.get(cadres[1]!.id))!.career![0]!;
    expect(sent).toEqual([`cadres:${cadres[0]!.id}`, `cadres:${cadres[1]!.id}`, `career:${career1.id}`].sort());
    expect((await B.db.cadres.get(cadres[0]!.id))!.unitId).toBe(health.id);
    expect((await B.db.subRecords.get(cadres[1]!.id))!.career).toEqual([career1]);
    await exchange(B, A);

    // once B has acknowledged the move, the cadre that left is not sent again when it changes
    await updateCadre(A.db, A.ctx, cadres[0]!.id, { currentPost: '主任' });
    const third = await exportBundle(A, { kind: 'peer', peerId: B.id, scope }, { commit: false });
    expect(third.lines).toEqual([]);
  });

  it('a unit moved into the scope brings its subtree; moved out, it is sent once', async () => {
    const { edu, health, cadres } = await seed(4, true);
    const scope = { unitId: edu.id };
    await exchange(A, B, scope);
    await exchange(B, A);
    expect(await B.db.units.get(health.id)).toBeUndefined();
    // 卫健委 (with 干部1 and 干部3 and their careers) moves under 教育局
    await moveUnit(A.db, A.ctx, health.id, edu.id);
    const into = await exchange(A, B, scope);
    const sent = into.bundle.lines.map((l) => l.table);
    expect(sent.filter((t) => t === 'units')).toHaveLength(1);
    expect(sent.filter((t) => t === 'cadres')).toHaveLength(2);
    expect(sent.filter((t) => t === 'career')).toHaveLength(2);
    expect((await B.db.cadres.get(cadres[1]!.id))!.unitId).toBe(health.id);
    await exchange(B, A);
    // and back out under the root: B hears of the unit leaving, once
    const root = (await A.db.units.get(edu.id))!.parentId!;
    await moveUnit(A.db, A.ctx, health.id, root);
    const out = await exchange(A, B, scope);
    expect(out.bundle.lines.map((l) => [l.table, l.record.id])).toEqual([['units', health.id]]);
    await exchange(B, A);
    await renameUnit(A.db, A.ctx, health.id, '区卫健委');
    expect((await exportBundle(A, { kind: 'peer', peerId: B.id, scope }, { commit: false })).lines).toEqual([]);
  });

  it('a changed scope makes the next export to that peer full', async () => {
    const { edu, root } = await seed(2);
    await exchange(A, B, { unitId: edu.id });
    await exchange(B, A);
    const plan = await planExport(A.db, A.id, { kind: 'peer', peerId: B.id, scope: { unitId: root.id } });
    expect(plan.full).toBe(true);
    expect((await planExport(A.db, A.id, { kind: 'peer', peerId: B.id, scope: { unitId: edu.id } })).full).toBe(false);
  });

  it('a passphrase export is full for the chosen units and tables and records no acknowledgement', async () => {
    const { school } = await seed(3);
    const bundle = await exportBundle(A, { kind: 'passphrase', scope: { units: [school.id], tables: ['units', 'cadres'] } });
    expect(bundle.meta).toMatchObject({ kind: 'full', destination: null });
    expect(new Set(bundle.lines.map((l) => l.table))).toEqual(new Set(['units', 'cadres']));
    expect(bundle.lines.filter((l) => l.table === 'cadres')).toHaveLength(1);
    await importBundle(B, bundle);
    expect(await B.db.knowledge.count()).toBe(0);
    expect(await B.db.cadres.count()).toBe(1);
  });
});

describe('demo data never travels', () => {
  it('a database with the demo mark refuses to export, saying why', async () => {
    await seed(1);
    await A.db.meta.put({ key: DEMO_DATA_KEY, value: { cadres: 1, startedAt: 1, loadedAt: 2, records: 3 } });
    await expect(planExport(A.db, A.id, { kind: 'peer', peerId: B.id, scope: 'all' })).rejects.toThrow(DEMO_EXPORT_REFUSED);
  });

  it('a bundle whose META says demo is refused, and one from a newer schema names the version to install', async () => {
    await seed(1);
    const bundle = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: 'all' });
    await expect(stageBundle(B, { ...bundle, meta: { ...bundle.meta, demo: true } })).rejects.toThrow('演示数据');
    await expect(stageBundle(B, { ...bundle, meta: { ...bundle.meta, schemaVersion: 99, appVersion: '3.0.0' } })).rejects.toThrow('请先将本机软件升级到 3.0.0 版本');
    expect(await B.db.cadres.count()).toBe(0);
  });
});
