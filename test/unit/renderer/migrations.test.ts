// Schema migrations (renderer/db/schema.ts; docs/architecture.md#schema-versions-and-migrations): every schema change
// is a new Dexie version with upgrade() and a test here that opens a database of the previous version holding data
// and checks the upgraded data.
//
// FOR FUTURE ENGINEERS — when you add schema version N+1 to `schemaVersions`:
//   1. Add a `describe('version N → N+1', …)` below, in the shape of the "the pattern" block at the end:
//      open the database with `openAtVersion(name, N)`, write realistic data THROUGH THE REPOSITORY FUNCTIONS of
//      version N (or with table.put for rows whose shape changed), close it, open it with `openDatabase(name)`
//      (the latest schema), and assert `db.verno === N+1`, every upgraded field, every new index (query through
//      it), and that nothing else changed (counter, audit, untouched tables).
//   2. Keep the "latest over v1" test: it proves a database made by the first release still opens today.
//   3. Never edit an old version's entry; only append. The sanity tests below fail if a version is reordered.
import { Dexie, type Transaction } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { currentCounter, type WriteContext } from '../../../renderer/db/repository';
import { LATEST_VERSION, schemaVersions, type SchemaVersion } from '../../../renderer/db/schema';
import { createUnit, deleteUnit, renameUnit } from '../../../renderer/db/units';
import type { Unit } from '../../../shared/domain/unit';
import { newId } from '../../../shared/ids';
import { sampleCadre } from '../../fixtures/cadre';
import type { TraineeYear } from '../../../shared/rules/cultivationTotals';

const ME = '0123456789abcdef0123456789abcdef';
const ctx: WriteContext = { actor: { installationId: ME, operator: '张三' }, now: () => 1_700_000_000_000 };

/** A connection that knows only the schema versions up to `version` (of `versions`): a database "of that age". */
function openAtVersion(name: string, version: number, versions: readonly SchemaVersion[] = schemaVersions): CadreDb {
  return openDatabase(
    name,
    versions.filter((v) => v.version <= version),
  );
}

const opened: CadreDb[] = [];
const track = (db: CadreDb) => (opened.push(db), db);
afterEach(async () => {
  const names = new Set(opened.map((d) => d.name));
  for (const d of opened.splice(0)) d.close();
  for (const n of names) await Dexie.delete(n);
});

/** Every row of every table, to compare before and after an upgrade. */
async function dump(db: CadreDb) {
  return {
    meta: await db.meta.toArray(),
    units: await db.units.orderBy('id').toArray(),
    cadres: await db.cadres.orderBy('id').toArray(),
    audit: await db.audit.orderBy('id').toArray(),
  };
}

/**
 * A database at the last version before `version` in the list (the versions between are other areas' and may come
 * later), holding seedV1's data and one cadre in 区委组织部.
 */
/** An enrolment stored as versions 10 to 34 stored them, a row each. */
async function enrolAsBefore35(db: CadreDb, data: Record<string, unknown>) {
  const row = { ...data, id: newId(), vv: { [ME]: 1 }, updatedAt: 0, deleted: false };
  await db.table('enrollments').put(row);
  return row;
}

async function seededBefore(version: number) {
  const previous = schemaVersions.filter((v) => v.version < version).at(-1)!.version;
  const name = `migrate-v${previous}-${newId()}`;
  const old = track(openAtVersion(name, previous));
  await seedV1(old);
  const cadre = sampleCadre({ unitId: (await old.units.toArray()).find((u) => u.name === '区委组织部')!.id });
  await old.cadres.put(cadre);
  return { name, old, cadre };
}

/** Realistic version-1 data written the way the app writes it. */
async function seedV1(db: CadreDb) {
  const r = await createUnit(db, ctx, null, '新城区委');
  const org = await createUnit(db, ctx, r.id, '组织部');
  await createUnit(db, ctx, org.id, '干部科');
  const old = await createUnit(db, ctx, r.id, '老干部局');
  await renameUnit(db, ctx, org.id, '区委组织部');
  await deleteUnit(db, ctx, old.id);
  // version 1's cadres table held only placeholder rows (no UI wrote cadres yet)
  await db.table('cadres').bulkPut([
    { id: 'c1', unitId: org.id, deleted: false },
    { id: 'c2', unitId: r.id, deleted: true },
  ]);
}

describe('schemaVersions', () => {
  it('are strictly increasing, start at 1, and LATEST_VERSION is the last', () => {
    const versions = schemaVersions.map((v) => v.version);
    expect(versions[0]).toBe(1);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!).toBeGreaterThan(versions[i - 1]!);
    expect(LATEST_VERSION).toBe(versions.at(-1));
    expect(Number.isInteger(LATEST_VERSION)).toBe(true);
  });

  it('version 1 declares the tables and indexes the repositories query by', async () => {
    const db = track(openAtVersion(`schema-${newId()}`, 1));
    await db.open();
    const indexes = (t: string) => db.table(t).schema.indexes.map((i) => i.name).sort();
    expect(db.tables.map((t) => t.name).sort()).toEqual(['audit', 'cadres', 'meta', 'units']);
    expect(db.table('meta').schema.primKey.keyPath).toBe('key');
    expect(indexes('units')).toEqual(['parentId']);
    expect(indexes('cadres')).toEqual(['unitId']);
    expect(indexes('audit')).toEqual(['[table+recordId]', 'at']);
  });
});

describe('version 1 → 2 (the dossier tables)', () => {
  it('keeps units, audit and the counter, drops v1 placeholder cadre rows, adds the sub-record tables and indexes', async () => {
    const name = `migrate-v1-${newId()}`;
    const v1 = track(openAtVersion(name, 1));
    await seedV1(v1);
    const before = await dump(v1);
    expect(before.units).toHaveLength(4);
    expect(before.audit).toHaveLength(6);
    expect(before.cadres).toHaveLength(2);
    expect(v1.verno).toBe(1);
    v1.close();

    const v2 = track(openAtVersion(name, 2));
    await v2.open();
    expect(v2.verno).toBe(2);
    const after = await dump(v2);
    expect(after.units).toEqual(before.units);
    expect(after.audit).toEqual(before.audit);
    expect(after.meta).toEqual(before.meta);
    // version 1 could not create cadres: its placeholder rows would break every dossier reader
    expect(after.cadres).toEqual([]);
    for (const table of ['career', 'education', 'family', 'rewards', 'assessments', 'posts', 'ranks']) {
      expect(v2.table(table).schema.indexes.map((i) => i.name)).toEqual(['cadreId']);
      expect(await v2.table(table).count()).toBe(0);
    }
    expect(v2.table('blobs').schema.primKey.keyPath).toBe('hash');
    const unitId = before.units.find((u) => u.name === '区委组织部')!.id;
    await v2.cadres.put(sampleCadre({ unitId }));
    expect(await v2.cadres.where('idNumber').equals('11010519491231002X').count()).toBe(1);
    expect(await v2.cadres.where('unitId').equals(unitId).count()).toBe(1);
  });

  it('the latest schema opens a version-1 database and the repositories continue its counter', async () => {
    const name = `migrate-latest-${newId()}`;
    const v1 = track(openAtVersion(name, 1));
    await seedV1(v1);
    const before = await dump(v1);
    v1.close();
    const latest = track(openDatabase(name));
    await latest.open();
    expect(latest.verno).toBe(LATEST_VERSION);
    expect((await dump(latest)).units).toEqual(before.units);
    const counter = await currentCounter(latest);
    expect(counter).toBe(6);
    const next = await createUnit(latest, ctx, null, '新城区政府');
    expect(next.vv[ME]).toBe(counter + 1);
  });
});

describe('the pattern: a test-local version LATEST_VERSION + 1', () => {
  const NEXT = LATEST_VERSION + 1;
  // What a real next version might look like: a derived field filled in by upgrade() and a new index on it.
  const nextVersions: readonly SchemaVersion[] = [
    ...schemaVersions,
    {
      version: NEXT,
      stores: { units: 'id, parentId, sortKey' },
      upgrade: (tx: Transaction) =>
        tx
          .table('units')
          .toCollection()
          .modify((u: Unit & { sortKey?: string }) => {
            u.sortKey = `${String(u.order).padStart(4, '0')}:${u.name}`;
          })
          .then(() => undefined),
    },
  ];

  it('upgrade() transforms the data written at the previous version and the new index works', async () => {
    const name = `migrate-next-${newId()}`;
    const old = track(openAtVersion(name, LATEST_VERSION, nextVersions));
    await seedV1(old);
    const before = await dump(old);
    old.close();

    const db = track(openAtVersion(name, NEXT, nextVersions));
    await db.open();
    expect(db.verno).toBe(NEXT);
    const after = await dump(db);
    // every unit got its derived field, and nothing else about it changed
    expect(after.units).toEqual(
      before.units.map((u) => ({ ...u, sortKey: `${String(u.order).padStart(4, '0')}:${u.name}` })),
    );
    // other tables untouched
    expect(after.meta).toEqual(before.meta);
    expect(after.cadres).toEqual(before.cadres);
    expect(after.audit).toEqual(before.audit);
    // the new index answers queries
    expect(db.table('units').schema.indexes.map((i) => i.name).sort()).toEqual(['parentId', 'sortKey']);
    const first = await db.table('units').where('sortKey').startsWith('0000:').toArray();
    expect(first.map((u: Unit) => u.name).sort()).toEqual(['区委组织部', '干部科', '新城区委'].sort());
    expect(await db.table('units').where('sortKey').equals('0001:老干部局').count()).toBe(1);
  });
});

describe('version 2 → 3 (local roster settings)', () => {
  it('adds the saved-query and column-set tables and leaves the dossier tables as they were', async () => {
    const name = `migrate-v2-${newId()}`;
    const v2 = track(openAtVersion(name, 2));
    await seedV1(v2);
    const unitId = (await v2.units.toArray()).find((u) => u.name === '区委组织部')!.id;
    await v2.cadres.put(sampleCadre({ unitId }));
    const before = { ...(await dump(v2)), cadres: await v2.cadres.toArray() };
    v2.close();
    const v3 = track(openAtVersion(name, 3));
    await v3.open();
    expect(v3.verno).toBe(3);
    expect({ ...(await dump(v3)), cadres: await v3.cadres.toArray() }).toEqual(before);
    await v3.savedQueries.put({ id: 'q1', name: '年轻干部', query: { kind: 'group', op: 'and', children: [] }, description: '全部干部', createdAt: 1 });
    await v3.columnSets.put({ id: 'c1', name: '简表', columns: ['name', 'unit'], createdAt: 1 });
    expect(await v3.savedQueries.where('name').equals('年轻干部').count()).toBe(1);
    expect((await v3.columnSets.get('c1'))!.columns).toEqual(['name', 'unit']);
  });
});

describe('version 3 → 5 (sub-records stored per dossier)', () => {
  it('moves every sub-record, tombstones included, into its dossier set and drops the one-row tables', async () => {
    const name = `migrate-v3-${newId()}`;
    const v3 = track(openAtVersion(name, 3));
    await seedV1(v3);
    const unitId = (await v3.units.toArray()).find((u) => u.name === '区委组织部')!.id;
    const cadre = sampleCadre({ unitId });
    await v3.cadres.put(cadre);
    const sync = { vv: { [ME]: 9 }, updatedAt: 1, updatedBy: ctx.actor };
    const career = [
      { id: 's1', cadreId: cadre.id, ...sync, deleted: false, from: '1968-09', to: '1975-06', unit: '南京一中', post: '教师', kind: 'work' },
      { id: 's2', cadreId: cadre.id, ...sync, deleted: true, from: '1975-07', to: null, unit: '错填', post: '', kind: 'work' },
    ];
    const assessment = { id: 'a1', cadreId: cadre.id, ...sync, deleted: false, year: 2020, grade: '1' };
    // a sub-record whose cadre has not arrived yet (sync order is free) keeps its own set
    const orphan = { id: 'f1', cadreId: 'c-later', ...sync, deleted: false, relation: '10', name: '李四', birth: null, politicalStatus: null, employment: '', deceased: false, retired: false };
    await v3.table('career').bulkPut([...career, { id: 'no-cadre', ...sync, deleted: false, from: '1990-01', unit: '无主记录' }]);
    await v3.table('assessments').put(assessment);
    await v3.table('family').put(orphan);
    const before = { ...(await dump(v3)), cadres: await v3.cadres.toArray() };
    v3.close();

    const v5 = track(openAtVersion(name, 5));
    await v5.open();
    expect(v5.verno).toBe(5);
    expect({ ...(await dump(v5)), cadres: await v5.cadres.toArray() }).toEqual(before);
    expect(v5.tables.map((t) => t.name)).not.toContain('career');
    expect(await v5.subRecords.get(cadre.id)).toEqual({ cadreId: cadre.id, career, assessments: [assessment] });
    expect(await v5.subRecords.get('c-later')).toEqual({ cadreId: 'c-later', family: [orphan] });
    // a row without a cadre id belongs to no dossier: left behind instead of blocking the upgrade
    expect(await v5.subRecords.count()).toBe(2);
  });
});

describe('version 5 → 6 (sync: ledger, knowledge, streams, staging, conflicts, change index)', () => {
  it('adds the sync tables and builds the change index from the units, cadres and sub-records already stored', async () => {
    const name = `migrate-v5-sync-${newId()}`;
    const v5 = track(openAtVersion(name, 5));
    await seedV1(v5);
    const units = await v5.units.toArray();
    const unitId = units.find((u) => u.name === '区委组织部')!.id;
    const PEER = 'fedcba9876543210fedcba9876543210';
    const cadre = { ...sampleCadre({ unitId }), vv: { [ME]: 9, [PEER]: 4 } };
    await v5.cadres.put(cadre);
    const sync = { updatedAt: 1, updatedBy: ctx.actor };
    const career = { id: 's1', cadreId: cadre.id, vv: { [PEER]: 7 }, ...sync, deleted: true, from: '1968-09', to: '1975-06', unit: '南京一中', post: '教师', kind: 'work' as const };
    const assessment = { id: 'a1', cadreId: cadre.id, vv: { [ME]: 11 }, ...sync, deleted: false, year: 2020, grade: '1' };
    await v5.subRecords.put({ cadreId: cadre.id, career: [career], assessments: [assessment] });
    const before = { ...(await dump(v5)), cadres: await v5.cadres.toArray(), sets: await v5.subRecords.toArray() };
    v5.close();

    const v6 = track(openAtVersion(name, 6));
    await v6.open();
    expect(v6.verno).toBe(6);
    expect({ ...(await dump(v6)), cadres: await v6.cadres.toArray(), sets: await v6.subRecords.toArray() }).toEqual(before);
    for (const t of ['ledger', 'knowledge', 'streams', 'staging', 'conflicts']) expect(await v6.table(t).count()).toBe(0);
    // one index row per dossier and per unit: per origin the highest counter of its records (tombstones
    // included), and the dossier's sub-records by id
    expect(await v6.syncIndex.count()).toBe(units.length + 1);
    expect(await v6.syncIndex.get(`cadre:${cadre.id}`)).toEqual({
      key: `cadre:${cadre.id}`,
      marks: [[ME, 11], [PEER, 7]],
      ids: ['career:s1', 'assessments:a1'],
    });
    for (const u of units) expect(await v6.syncIndex.get(`units:${u.id}`)).toEqual({ key: `units:${u.id}`, marks: Object.entries(u.vv), ids: [] });
    // the multi-entry indexes answer "what did PEER write after 5" and "which dossier holds career s1"
    const after5 = await v6.syncIndex.where('marks').between([PEER, 6], [PEER, Infinity], true, true).toArray();
    expect(after5.map((r) => r.key)).toEqual([`cadre:${cadre.id}`]);
    expect(await v6.syncIndex.where('marks').between([PEER, 8], [PEER, Infinity], true, true).count()).toBe(0);
    expect((await v6.syncIndex.where('ids').equals('career:s1').first())!.key).toBe(`cadre:${cadre.id}`);
    // and a later local write keeps it current
    const renamed = await renameUnit(v6, ctx, unitId, '中共新城区委组织部');
    expect((await v6.syncIndex.get(`units:${unitId}`))!.marks).toEqual([[ME, renamed.vv[ME]]]);
  });
});

describe('version 7 → 8 (the LRMX elements kept per cadre)', () => {
  it('adds the lrmxKept table keyed by cadre and leaves every other table as it was', async () => {
    const name = `migrate-v7-${newId()}`;
    const v7 = track(openAtVersion(name, 7));
    await seedV1(v7);
    const unitId = (await v7.units.toArray()).find((u) => u.name === '区委组织部')!.id;
    const cadre = sampleCadre({ unitId });
    await v7.cadres.put(cadre);
    await v7.subRecords.put({ cadreId: cadre.id });
    const before = { ...(await dump(v7)), cadres: await v7.cadres.toArray(), sets: await v7.subRecords.toArray() };
    v7.close();

    const v8 = track(openAtVersion(name, 8));
    await v8.open();
    expect(v8.verno).toBe(8);
    expect({ ...(await dump(v8)), cadres: await v8.cadres.toArray(), sets: await v8.subRecords.toArray() }).toEqual(before);
    const kept = v8.table('lrmxKept');
    expect(kept.schema.primKey.name).toBe('cadreId');
    await kept.put({ cadreId: cadre.id, kept: { NiRenZhiWu: '区委组织部部长' }, fileName: '张三.lrmx', importedAt: 1 });
    expect(await kept.get(cadre.id)).toMatchObject({ kept: { NiRenZhiWu: '区委组织部部长' } });
  });
});

describe('version 5 → 7 (the 任免审批表 form fields)', () => {
  it('adds appointmentForms, one per cadre by a unique cadre index, written by the repository, the rest untouched', async () => {
    const name = `migrate-v5-forms-${newId()}`;
    const v5 = track(openAtVersion(name, 5));
    await seedV1(v5);
    const unitId = (await v5.units.toArray()).find((u) => u.name === '区委组织部')!.id;
    const cadre = sampleCadre({ unitId });
    await v5.cadres.put(cadre);
    const before = { ...(await dump(v5)), cadres: await v5.cadres.toArray() };
    v5.close();

    const v7 = track(openAtVersion(name, 7));
    await v7.open();
    expect(v7.verno).toBe(7);
    expect({ ...(await dump(v7)), cadres: await v7.cadres.toArray() }).toEqual(before);
    const forms = v7.table('appointmentForms');
    expect(forms.schema.idxByName.cadreId?.unique).toBe(true);
    const { createRecord } = await import('../../../renderer/db/records');
    const { appointmentFormType } = await import('../../../shared/domain/appointmentForm');
    const saved = await createRecord(v7, ctx, appointmentFormType, { cadreId: cadre.id, proposedPost: '区委组织部部长' });
    expect(await forms.where('cadreId').equals(cadre.id).first()).toMatchObject({ id: saved.id, proposedPost: '区委组织部部长' });
    // the cadre's dossier is not touched by its form
    expect(await v7.cadres.get(cadre.id)).toEqual(cadre);
    await expect(forms.add({ ...saved, id: 'another' })).rejects.toThrow();
  });
});

describe('version 8 → 9 (管理监督: restricted record tables, draws, the hash-chained log)', () => {
  it('adds the supervision tables with their indexes and leaves every other table as it was', async () => {
    const name = `migrate-v8-${newId()}`;
    const v8 = track(openAtVersion(name, 8));
    await seedV1(v8);
    const unitId = (await v8.units.toArray()).find((u) => u.name === '区委组织部')!.id;
    const cadre = sampleCadre({ unitId });
    await v8.cadres.put(cadre);
    await v8.subRecords.put({ cadreId: cadre.id });
    const before = { ...(await dump(v8)), cadres: await v8.cadres.toArray(), sets: await v8.subRecords.toArray() };
    v8.close();

    const v9 = track(openAtVersion(name, 9));
    await v9.open();
    expect(v9.verno).toBe(9);
    expect({ ...(await dump(v9)), cadres: await v9.cadres.toArray(), sets: await v9.subRecords.toArray() }).toEqual(before);
    for (const table of ['personalMatters', 'supervisionActions', 'clues', 'fourChecks', 'travelDocuments', 'documentLoans']) {
      expect(v9.table(table).schema.idxByName.cadreId, table).toBeDefined();
    }
    const { createRecord } = await import('../../../renderer/db/records');
    const { personalMattersType } = await import('../../../shared/domain/supervision');
    const report = await createRecord(v9, ctx, personalMattersType, { cadreId: cadre.id, year: 2023, submitted: '2023-01-20' });
    expect(await v9.table('personalMatters').where('year').equals(2023).primaryKeys()).toEqual([report.id]);
    await v9.table('supervisionChain').put({ seq: 1, hash: 'h' });
    expect(await v9.table('supervisionChain').get(1)).toEqual({ seq: 1, hash: 'h' });
    expect(v9.table('documentLoans').schema.idxByName.documentId).toBeDefined();
    expect(v9.table('supervisionDraws').schema.idxByName.year).toBeDefined();
  });
});

describe('version 9 → 10 (培养历练: training programmes, classes and enrolments)', () => {
  it('adds the training tables with the indexes the counts query by and leaves every other table as it was', async () => {
    const name = `migrate-v9-${newId()}`;
    const v9 = track(openAtVersion(name, 9));
    await seedV1(v9);
    const unitId = (await v9.units.toArray()).find((u) => u.name === '区委组织部')!.id;
    const cadre = sampleCadre({ unitId });
    await v9.cadres.put(cadre);
    await v9.subRecords.put({ cadreId: cadre.id });
    const before = { ...(await dump(v9)), cadres: await v9.cadres.toArray(), sets: await v9.subRecords.toArray() };
    v9.close();

    const v10 = track(openAtVersion(name, 10));
    await v10.open();
    expect(v10.verno).toBe(10);
    expect({ ...(await dump(v10)), cadres: await v10.cadres.toArray(), sets: await v10.subRecords.toArray() }).toEqual(before);
    // the catalogue's repository: the cultivation repository of today also keeps version 14's totals
    const { createRecord } = await import('../../../renderer/db/records');
    const { trainingClassType } = await import('../../../shared/domain/cultivation');
    const cls = await createRecord(v10, ctx, trainingClassType, { name: '科级干部轮训班', format: 'rotation', audience: 'section', organiser: '区委党校', from: '2023-05-08', to: '2023-05-12', hours: 40 });
    expect(await v10.table('trainingClasses').where('from').between('2023-01-01', '2023-12-31').primaryKeys()).toEqual([cls.id]);
    const trainee = { classId: cls.id, year: 2023, role: '', hours: null, completed: false };
    // enrolments as a row each, as versions 10 to 34 stored them (this program's repository stores them by class)
    const mine = await enrolAsBefore35(v10, { ...trainee, cadreId: cadre.id, name: cadre.name, unitName: '区委组织部' });
    const other = await enrolAsBefore35(v10, { ...trainee, cadreId: null, name: '王芳', unitName: '东街道某社区' });
    expect(await v10.table('enrollments').where('cadreId').equals(cadre.id).primaryKeys()).toEqual([mine.id]);
    expect((await v10.table('enrollments').where('year').equals(2023).primaryKeys()).sort()).toEqual([mine.id, other.id].sort());
    expect(await v10.table('enrollments').where('classId').equals(cls.id).count()).toBe(2);
    expect(v10.table('trainingPrograms').schema.idxByName.year).toBeDefined();
    for (const table of ['secondments', 'villagePostings', 'volunteering', 'actingPosts']) {
      expect(v10.table(table).schema.idxByName.cadreId, table).toBeDefined();
      expect(v10.table(table).schema.idxByName.from, table).toBeDefined();
    }
  });
});

describe('version 10 → 11 (实绩档案: performance records, the 正负面清单, conduct, appraisals, adjustments)', () => {
  it('adds the performance tables with the indexes the matrix, the district count and the timeline read by', async () => {
    const name = `migrate-v10-${newId()}`;
    const v10 = track(openAtVersion(name, 10));
    await seedV1(v10);
    const unitId = (await v10.units.toArray()).find((u) => u.name === '区委组织部')!.id;
    const cadre = sampleCadre({ unitId });
    await v10.cadres.put(cadre);
    await v10.subRecords.put({ cadreId: cadre.id });
    const before = { ...(await dump(v10)), cadres: await v10.cadres.toArray(), sets: await v10.subRecords.toArray() };
    v10.close();

    const v11 = track(openAtVersion(name, 11));
    await v11.open();
    expect(v11.verno).toBe(11);
    expect({ ...(await dump(v11)), cadres: await v11.cadres.toArray(), sets: await v11.subRecords.toArray() }).toEqual(before);
    const { createRecord } = await import('../../../renderer/db/records');
    const { performanceType, conductRecordType, adjustmentType } = await import('../../../shared/domain/performance');
    const report = await createRecord(v11, ctx, performanceType, { cadreId: cadre.id, kind: 'monthly', period: '2023-05', keyWork: '完成' });
    expect(await v11.table('performanceRecords').where('[cadreId+kind]').equals([cadre.id, 'monthly']).primaryKeys()).toEqual([report.id]);
    expect(await v11.table('performanceRecords').where('[kind+period]').equals(['monthly', '2023-05']).primaryKeys()).toEqual([report.id]);
    const conduct = await createRecord(v11, ctx, conductRecordType, { cadreId: cadre.id, polarity: 'positive', itemId: 'x', itemText: '主动请战', date: '2023-05-02' });
    const adjustment = await createRecord(v11, ctx, adjustmentType, { cadreId: cadre.id, mechanism: 'incentive', date: '2023-06-01', change: '晋升职级' });
    expect(await v11.table('conductRecords').where('cadreId').equals(cadre.id).primaryKeys()).toEqual([conduct.id]);
    expect(await v11.table('mechanismAdjustments').where('date').between('2023-01-01', '2023-12-31').primaryKeys()).toEqual([adjustment.id]);
    for (const table of ['conductItems', 'appraisals']) expect(v11.table(table).schema.primKey.name, table).toBe('id');
    expect(v11.table('appraisals').schema.idxByName.cadreId).toBeDefined();
  });
});

describe('version 11 → 12 (选拔任用: establishments, cases, holiday years, rank rounds, pools, trial periods)', () => {
  it('adds the selection tables with their indexes and unique keys and leaves every other table as it was', async () => {
    const name = `migrate-v11-${newId()}`;
    const v11 = track(openAtVersion(name, 11));
    await seedV1(v11);
    const unitId = (await v11.units.toArray()).find((u) => u.name === '区委组织部')!.id;
    const cadre = sampleCadre({ unitId });
    await v11.cadres.put(cadre);
    await v11.subRecords.put({ cadreId: cadre.id });
    const before = { ...(await dump(v11)), cadres: await v11.cadres.toArray(), sets: await v11.subRecords.toArray() };
    v11.close();

    const v12 = track(openAtVersion(name, 12));
    await v12.open();
    expect(v12.verno).toBe(12);
    expect({ ...(await dump(v12)), cadres: await v12.cadres.toArray(), sets: await v12.subRecords.toArray() }).toEqual(before);
    const { createRecord } = await import('../../../renderer/db/records');
    const { establishmentType, poolEntryType, holidayYearType } = await import('../../../shared/domain/selection');
    const { createCase } = await import('../../../renderer/db/selection');
    const est = await createRecord(v12, ctx, establishmentType, { unitId, administrative: 10, deputySection: 2 });
    expect(await v12.table('establishments').where('unitId').equals(unitId).primaryKeys()).toEqual([est.id]);
    const c = await createCase(v12, ctx, { unitId, postTitle: '干部科科长', postLevel: '2A', motionOn: '2023-05-04' });
    expect(await v12.table('appointmentCases').where('stage').equals('motion').primaryKeys()).toEqual([c.id]);
    const pool = await createRecord(v12, ctx, poolEntryType, { cadreId: cadre.id, pool: 'reserve', source: 'democratic', from: '2023-05' });
    expect(await v12.table('poolEntries').where('cadreId').equals(cadre.id).primaryKeys()).toEqual([pool.id]);
    await createRecord(v12, ctx, holidayYearType, { year: 2026, holidays: [{ date: '2026-01-01' }] });
    // one calendar per year: the unique index refuses a second row of the same year even written around the repository
    await expect(v12.table('holidayYears').put({ id: 'other', year: 2026 })).rejects.toThrow();
    for (const table of ['rankRounds', 'trialPeriods']) expect(v12.table(table).schema.primKey.name, table).toBe('id');
    expect(v12.table('trialPeriods').schema.idxByName.cadreId).toBeDefined();
  });
});

describe('version 12 → 14 (培养历练: each trainee’s hours and audiences per year, filled from the enrolments)', () => {
  it('adds traineeYears holding the sums of the live enrolments already stored, and leaves every other table as it was', async () => {
    const name = `migrate-v12-${newId()}`;
    const v12 = track(openAtVersion(name, 12));
    await seedV1(v12);
    const unitId = (await v12.units.toArray()).find((u) => u.name === '区委组织部')!.id;
    const cadre = sampleCadre({ unitId });
    await v12.cadres.put(cadre);
    // written by the catalogue's repository, as version 12 wrote them (no totals yet)
    const { createRecord, deleteRecord } = await import('../../../renderer/db/records');
    const { trainingClassType } = await import('../../../shared/domain/cultivation');
    const k = (name: string, audience: 'section' | 'county', from: string) => createRecord(v12, ctx, trainingClassType, { name, format: 'rotation', audience, organiser: '区委党校', from, hours: 40 });
    const section = await k('科级干部轮训班', 'section', '2024-05-08');
    const county = await k('处级干部专题班', 'county', '2024-09-01');
    const gone = await k('已删除的班', 'section', '2024-10-01');
    const later = await k('次年轮训班', 'section', '2025-03-01');
    const enrol = (classId: string, year: number, over: Record<string, unknown> = {}) =>
      enrolAsBefore35(v12, { classId, cadreId: cadre.id, year, name: cadre.name, unitName: '区委组织部', role: '', hours: 40, completed: true, ...over });
    await enrol(section.id, 2024, { hours: 32 });
    await enrol(county.id, 2024, { hours: 24 });
    await enrol(later.id, 2025);
    const dropped = await enrol(gone.id, 2024);
    await v12.table('enrollments').put({ ...dropped, deleted: true });
    await deleteRecord(v12, ctx, trainingClassType, gone.id);
    await enrol(section.id, 2024, { cadreId: null, name: '王芳', unitName: '东街道某社区', hours: null });
    const before = { ...(await dump(v12)), enrollments: await v12.table('enrollments').toArray(), classes: await v12.table('trainingClasses').toArray() };
    v12.close();

    const v14 = track(openAtVersion(name, 14));
    await v14.open();
    expect(v14.verno).toBe(14);
    expect({ ...(await dump(v14)), enrollments: await v14.table('enrollments').toArray(), classes: await v14.table('trainingClasses').toArray() }).toEqual(before);
    const rows = await v14.table('traineeYears').toArray();
    expect(rows).toHaveLength(3);
    expect(await v14.table('traineeYears').get([2024, `c:${cadre.id}`])).toEqual({ year: 2024, trainee: `c:${cadre.id}`, cadreId: cadre.id, hours: 56, audiences: { section: 1, county: 1 } });
    expect(await v14.table('traineeYears').get([2025, `c:${cadre.id}`])).toMatchObject({ hours: 40, audiences: { section: 1 } });
    expect(await v14.table('traineeYears').get([2024, 'n:王芳|东街道某社区'])).toMatchObject({ cadreId: null, hours: 0, audiences: { section: 1 } });
    // the repository goes on from the migrated rows, at the latest version (in packs since version 33)
    v14.close();
    const latest = track(openDatabase(name));
    const { updateClass } = await import('../../../renderer/db/cultivation');
    const { totalsOfYear } = await import('../../../renderer/db/cultivationTotals');
    await updateClass(latest, ctx, county.id, { audience: 'section' });
    expect((await totalsOfYear(latest, 2024)).find((r) => r.trainee === `c:${cadre.id}`)).toMatchObject({ hours: 56, audiences: { section: 2 } });
  });
});

describe('version 24 → 25 (管理监督: personal-matters reports by their 核查结果)', () => {
  it('indexes the reports already stored by result, so the findings are found without reading every report', async () => {
    const { name, old, cadre } = await seededBefore(25);
    const { writeSupervision } = await import('../../../renderer/db/supervision');
    const { personalMattersType } = await import('../../../shared/domain/supervision');
    // written through today's repository (whose log needs version 28's blocks) in a scratch database, then the
    // reports and their log entries stored as version 24 held them
    const scratch = track(openDatabase(`${name}-scratch`));
    await scratch.cadres.put(cadre);
    const report = (year: number, over: Record<string, unknown>) =>
      writeSupervision(scratch, ctx, personalMattersType, { kind: 'create', input: { cadreId: cadre.id, year, submitted: `${year}-01-20`, ...over } as never });
    const omitted = await report(2021, { checkKind: 'random', checkedOn: '2021-04-01', result: 'omitted', handling: 'admonishment', handledOn: '2021-05-01' });
    await report(2022, { checkKind: 'random', checkedOn: '2022-04-01', result: 'consistent' });
    await report(2023, {});
    await old.table('personalMatters').bulkPut(await scratch.table('personalMatters').toArray());
    await old.table('supervisionChain').bulkPut(await scratch.table('supervisionChain').toArray());
    expect(await old.table('supervisionChain').count()).toBe(3);
    const before = { ...(await dump(old)), reports: await old.table('personalMatters').toArray(), log: await old.table('supervisionChain').toArray() };
    old.close();

    const v25 = track(openAtVersion(name, 25));
    await v25.open();
    expect(v25.verno).toBe(25);
    expect({ ...(await dump(v25)), reports: await v25.table('personalMatters').toArray(), log: await v25.table('supervisionChain').toArray() }).toEqual(before);
    expect(await v25.table('personalMatters').where('result').anyOf(['omitted', 'concealed']).primaryKeys()).toEqual([omitted!.id]);
    expect(await v25.table('personalMatters').where('result').equals('pending').count()).toBe(1);
    // the other indexes stay
    expect(await v25.table('personalMatters').where('year').equals(2022).count()).toBe(1);
    expect(await v25.table('personalMatters').where('cadreId').equals(cadre.id).count()).toBe(3);
  });
});

describe('version 23 → 24 (培养历练: each dossier’s post levels and ranks in one small row; the trainees’ totals in packs)', () => {
  it('adds promotionSteps filled from the dossier sets and traineeYearPacks from the totals, kept under later writes, and leaves the rest as it was', async () => {
    const { name, old, cadre } = await seededBefore(24);
    const { addSubRecord, deleteSubRecord } = await import('../../../renderer/db/cadres');
    await addSubRecord(old, ctx, 'posts', cadre.id, { title: '组织部副部长', postLevel: '2B', unit: '区委组织部', from: '2019-03', to: '2023-05', documentNo: '' });
    const dropped = await addSubRecord(old, ctx, 'posts', cadre.id, { title: '误录的职务', postLevel: '1A', unit: '区委组织部', from: '2020-01', to: null, documentNo: '' });
    await deleteSubRecord(old, ctx, 'posts', cadre.id, dropped.id);
    await addSubRecord(old, ctx, 'ranks', cadre.id, { rank: '08', from: '2018-06', to: null, documentNo: '' });
    await addSubRecord(old, ctx, 'career', cadre.id, { from: '1968-09', to: null, unit: '区委组织部', post: '干部', kind: 'work' });
    await old.subRecords.put({ cadreId: 'set-before-its-cadre' });
    // the trainees' kept totals of version 14, as its repository wrote them
    const totals = [
      { year: 2025, trainee: `c:${cadre.id}`, cadreId: cadre.id, hours: 56, audiences: { section: 1, county: 1 } },
      { year: 2025, trainee: 'n:王芳|东街道某社区', cadreId: null, hours: 0, audiences: { community: 1 } },
      { year: 2026, trainee: `c:${cadre.id}`, cadreId: cadre.id, hours: 40, audiences: { section: 1 } },
    ];
    await old.table('traineeYears').bulkPut(totals);
    // a 请战 of version 10's table, written by its repository
    const { createRecord } = await import('../../../renderer/db/records');
    const { volunteeringType } = await import('../../../shared/domain/cultivation');
    const pledge = await createRecord(old, ctx, volunteeringType, { cadreId: cadre.id, form: 'pledge', area: 'urban', task: '老旧小区改造攻坚', pledge: '按期完成', from: '2023-04', to: null, result: '', rating: 'none' } as never);
    const before = { ...(await dump(old)), sets: await old.subRecords.toArray(), totals: await old.table('traineeYears').toArray() };
    old.close();

    const v24 = track(openAtVersion(name, 24));
    await v24.open();
    expect(v24.verno).toBe(24);
    expect({ ...(await dump(v24)), sets: await v24.subRecords.toArray(), totals: await v24.table('traineeYears').toArray() }).toEqual(before);
    // the totals also in their packs, which a year was read from (version 31's packs since; see 30 → 31)
    const { v24PacksOfRows } = await import('../../../renderer/db/cultivationPacks');
    const byKey = (rows: { year: number; bucket: number }[]) => [...rows].sort((a, b) => a.year - b.year || a.bucket - b.bucket);
    expect(byKey(await v24.table('traineeYearPacks').toArray())).toEqual(byKey(v24PacksOfRows(totals as unknown as TraineeYear[])));
    expect((await v24.table('traineeYearPacks').toArray()).flatMap((p: { trainee: string[] }) => p.trainee).sort()).toEqual(totals.map((t) => t.trainee).sort());
    // and what the statistics count of the tempering records, every year in the pack of the id's bucket (read
    // from version 27's packs since; see the test of 26 → 27)
    const { bucketOfId } = await import('../../../renderer/db/cultivationTempering');
    expect(await v24.table('temperingPacks').toArray()).toEqual([{ table: 'volunteering', bucket: bucketOfId(pledge.id), id: [pledge.id], cadreId: [cadre.id], from: ['2023-04'], fields: { form: ['pledge'], area: ['urban'] } }]);
    expect(await v24.table('promotionSteps').orderBy('cadreId').toArray()).toEqual(
      [
        { cadreId: cadre.id, posts: [{ postLevel: '2B', from: '2019-03', to: '2023-05' }], ranks: [{ rank: '08', from: '2018-06', to: null }] },
        { cadreId: 'set-before-its-cadre', posts: [], ranks: [] },
      ].sort((a, b) => a.cadreId.localeCompare(b.cadreId)),
    );
    // and kept from then on by every write of the sets: in dossierFactPacks since version 38 (see 37 → 38)
    v24.close();
    const latest = track(openDatabase(name));
    await addSubRecord(latest, ctx, 'posts', cadre.id, { title: '组织部部长', postLevel: '2A', unit: '区委组织部', from: '2023-06', to: null, documentNo: '' });
    const { readSteps } = await import('../../../renderer/db/cultivationSteps');
    expect((await readSteps(latest, [cadre.id])).get(cadre.id)!.posts).toEqual([
      { postLevel: '2B', from: '2019-03', to: '2023-05' },
      { postLevel: '2A', from: '2023-06', to: null },
    ]);
  });
});

describe('version 19 → 20 (sync: the sub-record id filter in place of the multi-entry index of every id)', () => {
  it('fills the filter from the change index’s lists, drops the index, keeps the rows, and later writes add to it', async () => {
    // the version before 20 in the list (the versions between are other areas' and may come later)
    const previous = schemaVersions.filter((v) => v.version < 20).at(-1)!.version;
    const name = `migrate-v19-${newId()}`;
    const old = track(openAtVersion(name, previous));
    await seedV1(old);
    const unitId = (await old.units.toArray()).find((u) => u.name === '区委组织部')!.id;
    const { createCadre, addSubRecord } = await import('../../../renderer/db/cadres');
    const { sampleCadreInput } = await import('../../fixtures/cadre');
    const cadre = await createCadre(old, ctx, sampleCadreInput({ unitId }));
    const post = await addSubRecord(old, ctx, 'posts', cadre.id, { title: '组织部副部长', postLevel: '1B', unit: '区委组织部', from: '2019-03', to: null, documentNo: '' });
    const grade = await addSubRecord(old, ctx, 'assessments', cadre.id, { year: 2022, grade: '1' });
    const listed = [`posts:${post.id}`, `assessments:${grade.id}`];
    expect((await old.syncIndex.get(`cadre:${cadre.id}`))!.ids).toEqual(listed);
    const before = { ...(await dump(old)), index: await old.syncIndex.orderBy('key').toArray() };
    old.close();

    const v20 = track(openAtVersion(name, 20));
    await v20.open();
    expect(v20.verno).toBe(20);
    expect({ ...(await dump(v20)), index: await v20.syncIndex.orderBy('key').toArray() }).toEqual(before);
    const { IdFilter } = await import('../../../renderer/sync/idFilter');
    const { holdersOf } = await import('../../../renderer/sync/changeIndex');
    expect(await new IdFilter(v20.syncIdFilter).mayHold([...listed, 'posts:never-stored'])).toEqual(listed);
    expect([...(await holdersOf(v20, new IdFilter(v20.syncIdFilter), listed))]).toEqual(listed.map((id) => [id, cadre.id]));
    expect(v20.syncIndex.schema.indexes.map((i) => i.name)).toEqual(['marks']);
    // a later local write adds its id
    const next = await addSubRecord(v20, ctx, 'assessments', cadre.id, { year: 2023, grade: '2' });
    expect(await new IdFilter(v20.syncIdFilter).mayHold([`assessments:${next.id}`])).toEqual([`assessments:${next.id}`]);
  });
});

describe('version 25 → 26 (选拔任用: each dossier’s post levels, assessments and blocking 奖惩 in one small row)', () => {
  it('adds selectionFacts filled from the dossier sets already stored, kept under later writes, and leaves the rest as it was', async () => {
    const { name, old, cadre } = await seededBefore(26);
    const { addSubRecord, deleteSubRecord } = await import('../../../renderer/db/cadres');
    await addSubRecord(old, ctx, 'posts', cadre.id, { title: '组织部副部长', postLevel: '1B', unit: '区委组织部', from: '2019-03', to: null, documentNo: '' });
    await addSubRecord(old, ctx, 'assessments', cadre.id, { year: 2022, grade: '1' });
    const dropped = await addSubRecord(old, ctx, 'assessments', cadre.id, { year: 2021, grade: '2' });
    await deleteSubRecord(old, ctx, 'assessments', cadre.id, dropped.id);
    await addSubRecord(old, ctx, 'rewards', cadre.id, { kind: 'discipline', date: '2023-03', title: '党内警告', issuer: '区纪委', effectiveFrom: '2023-03', effectiveTo: null, revoked: null });
    await addSubRecord(old, ctx, 'rewards', cadre.id, { kind: 'reward', date: '2022-12', title: '优秀公务员', issuer: '区委', effectiveFrom: null, effectiveTo: null, revoked: null });
    await addSubRecord(old, ctx, 'career', cadre.id, { from: '1968-09', to: null, unit: '区委组织部', post: '干部', kind: 'work' });
    await old.subRecords.put({ cadreId: 'set-before-its-cadre' });
    const before = { ...(await dump(old)), sets: await old.subRecords.toArray() };
    old.close();

    const v26 = track(openAtVersion(name, 26));
    await v26.open();
    expect(v26.verno).toBe(26);
    expect({ ...(await dump(v26)), sets: await v26.subRecords.toArray() }).toEqual(before);
    expect(await v26.table('selectionFacts').orderBy('cadreId').toArray()).toEqual(
      [
        {
          cadreId: cadre.id,
          posts: [{ postLevel: '1B', from: '2019-03', to: null }],
          assessments: [{ year: 2022, grade: '1' }],
          rewards: [expect.objectContaining({ kind: 'discipline', title: '党内警告' })],
        },
        { cadreId: 'set-before-its-cadre', posts: [], assessments: [], rewards: [] },
      ].sort((a, b) => a.cadreId.localeCompare(b.cadreId)),
    );
    // and kept from then on by every write of the sets: in dossierFactPacks since version 38 (see 37 → 38)
    v26.close();
    const latest = track(openDatabase(name));
    await addSubRecord(latest, ctx, 'assessments', cadre.id, { year: 2023, grade: '3' });
    const { readFacts } = await import('../../../renderer/db/selectionFacts');
    expect((await readFacts(latest, [cadre.id])).get(cadre.id)!.assessments).toEqual([{ year: 2022, grade: '1' }, { year: 2023, grade: '3' }]);
  });
});

/**
 * The monthly reports both 实绩档案 upgrades start from, written into `old`: May (approved), June (deleted), a weekly
 * summary, through the repository; then 5,100 submitted reports in bulk, past it (a bundle's reports arrive so),
 * more than one chunk of a fill, each placed by `place`.
 */
async function storeReports(old: CadreDb, cadreId: string, place: (i: number) => { cadreId: string; period: string }) {
  const { createRecord, updateRecord, deleteRecord } = await import('../../../renderer/db/records');
  const { performanceType } = await import('../../../shared/domain/performance');
  const may = await createRecord(old, ctx, performanceType, { cadreId, kind: 'monthly', period: '2023-05', keyWork: '完成' });
  await updateRecord(old, ctx, performanceType, may.id, { status: 'approved' } as never, { cadreId });
  const june = await createRecord(old, ctx, performanceType, { cadreId, kind: 'monthly', period: '2023-06', keyWork: '完成' });
  await deleteRecord(old, ctx, performanceType, june.id, { cadreId });
  await createRecord(old, ctx, performanceType, { cadreId, kind: 'weekly', period: '2023-W20', summary: '小结' });
  const template = await old.table('performanceRecords').get(may.id);
  const many = Array.from({ length: 5_100 }, (_, i) => ({ ...template, id: `bulk-${String(i).padStart(5, '0')}`, ...place(i), status: 'submitted' }));
  await old.table('performanceRecords').bulkPut(many);
  return { may, many, createRecord, performanceType };
}

describe('version 14 → 23 (实绩档案: each live monthly report’s cadre, month and status in one small row)', () => {
  it('adds performanceMonths filled from the reports already stored, kept under later writes, and leaves the rest as it was', async () => {
    const { name, old, cadre } = await seededBefore(23);
    const { may, createRecord, performanceType } = await storeReports(old, cadre.id, (i) => ({ cadreId: `c${i}`, period: '2024-01' }));
    const before = { ...(await dump(old)), reports: await old.table('performanceRecords').orderBy('id').toArray() };
    old.close();

    const v23 = track(openAtVersion(name, 23));
    await v23.open();
    expect(v23.verno).toBe(23);
    expect({ ...(await dump(v23)), reports: await v23.table('performanceRecords').orderBy('id').toArray() }).toEqual(before);
    expect(await v23.table('performanceMonths').count()).toBe(5_101); // may, and the bulk; not the deleted June, not the week
    expect(await v23.table('performanceMonths').get(may.id)).toEqual({ id: may.id, cadreId: cadre.id, period: '2023-05', status: 'approved' });
    expect(await v23.table('performanceMonths').where('[period+cadreId]').between(['2024-01', ''], ['2024-01', '\uffff']).count()).toBe(5_100);
    expect(await v23.table('performanceMonths').where('[cadreId+period]').between([cadre.id, '2023-01'], [cadre.id, '2023-12']).primaryKeys()).toEqual([may.id]);
    // and kept from then on by every write of the reports: as each cadre's year since version 34 (see 33 → 34)
    v23.close();
    const latest = track(openDatabase(name));
    await createRecord(latest, ctx, performanceType, { cadreId: cadre.id, kind: 'monthly', period: '2023-07', keyWork: '完成' });
    expect(await latest.table('performanceCadreYears').get([cadre.id, 2023])).toEqual({ cadreId: cadre.id, year: 2023, status: '----3-0-----' });
  });
});

describe('version 28 → 30 (实绩档案: each month’s monthly reports in packs of cadres and statuses)', () => {
  it('fills performanceMonthPacks from the reports stored, drops the indexes nothing reads, leaves the rest as it was, and keeps the packs under later writes', async () => {
    const { name, old, cadre } = await seededBefore(30);
    const { many, createRecord, performanceType } = await storeReports(old, cadre.id, (i) => ({ cadreId: `c${String(i % 600).padStart(3, '0')}`, period: `2024-0${1 + Math.floor(i / 600)}` }));
    const before = { ...(await dump(old)), reports: await old.table('performanceRecords').orderBy('id').toArray(), months: await old.table('performanceMonths').orderBy('id').toArray() };
    old.close();

    const v30 = track(openAtVersion(name, 30));
    await v30.open();
    expect(v30.verno).toBe(30);
    expect({ ...(await dump(v30)), reports: await v30.table('performanceRecords').orderBy('id').toArray(), months: await v30.table('performanceMonths').orderBy('id').toArray() }).toEqual(before);
    expect(v30.table('performanceRecords').schema.indexes.map((i) => i.name).sort()).toEqual(['[cadreId+kind]', 'cadreId']);
    expect(v30.table('performanceMonths').schema.indexes.map((i) => i.name)).toEqual(['[cadreId+period]']);
    const { entriesOf, MONTH_PACKS } = await import('../../../renderer/db/performanceMonthPacks');
    const entries = async () => [...entriesOf(await v30.table(MONTH_PACKS).toArray())].map((e) => `${e.cadreId}|${e.period}|${e.status}`).sort();
    // may and the bulk; not the deleted June, not the week
    const expected = [`${cadre.id}|2023-05|approved`, ...many.map((r) => `${r.cadreId}|${r.period}|submitted`)].sort();
    expect(await entries()).toEqual(expected);
    // and kept from then on by every write of the reports
    const july = await createRecord(v30, ctx, performanceType, { cadreId: cadre.id, kind: 'monthly', period: '2023-07', keyWork: '完成' });
    expect(await entries()).toEqual([...expected, `${cadre.id}|2023-07|draft`].sort());
    await v30.table('performanceRecords').delete(july.id);
    expect(await entries()).toEqual(expected);
  });
});

describe('version 30 → 31 (培养历练: the trainees’ totals in 32 compact packs a year; the tempering packs 2 a table and year, with each village posting’s later promotion)', () => {
  it('fills traineeTotalPacks from the totals and drops version 24’s packs, refills the tempering packs 2 a table and year with each posting’s promotion, leaves the rest as it was, and keeps both under later writes', async () => {
    const { name, old, cadre } = await seededBefore(31);
    const { addSubRecord, deleteSubRecord } = await import('../../../renderer/db/cadres');
    await addSubRecord(old, ctx, 'posts', cadre.id, { title: '某镇副镇长', postLevel: '2B', unit: '某镇', from: '2014-03', to: '2019-05', documentNo: '' });
    const mayor = await addSubRecord(old, ctx, 'posts', cadre.id, { title: '某镇镇长', postLevel: '2A', unit: '某镇', from: '2019-06', to: null, documentNo: '' });
    // the kept steps as version 30's middleware kept them (this program keeps them in dossierFacts, version 32)
    const { stepsOfSet } = await import('../../../renderer/db/cultivationSteps');
    await old.table('promotionSteps').put(stepsOfSet((await old.subRecords.get(cadre.id)) as never));
    const totals: TraineeYear[] = [
      { year: 2025, trainee: `c:${cadre.id}`, cadreId: cadre.id, hours: 56, audiences: { section: 1, county: 1 } },
      { year: 2025, trainee: 'n:王芳|东街道某社区', cadreId: null, hours: 0, audiences: { community: 1 } },
      { year: 2026, trainee: `c:${cadre.id}`, cadreId: cadre.id, hours: 40.5, audiences: { section: 2 } },
    ];
    await old.table('traineeYears').bulkPut(totals);
    expect(old.tables.map((t) => t.name)).toContain('traineeYearPacks');
    // a village posting and a 请战 written by their repository, and their packs as version 27's code wrote them: in
    // one of 32 buckets, no promotion
    const { createRecord } = await import('../../../renderer/db/records');
    const { villagePostingType, volunteeringType } = await import('../../../shared/domain/cultivation');
    const posting = await createRecord(old, ctx, villagePostingType, { cadreId: cadre.id, town: '某镇', village: '某村', role: 'firstSecretary', from: '2018-03', to: '2019-03', evaluation: '' } as never);
    const pledge = await createRecord(old, ctx, volunteeringType, { cadreId: cadre.id, form: 'pledge', area: 'urban', task: '老旧小区改造攻坚', pledge: '按期完成', from: '2018-04', to: null, result: '', rating: 'none' } as never);
    const { TEMPERING_PACKS, temperingYearPacksOf, temperingFactsOfYear } = await import('../../../renderer/db/cultivationTempering');
    await old.table(TEMPERING_PACKS).clear();
    await old.table(TEMPERING_PACKS).bulkPut([
      ...temperingYearPacksOf('villagePostings', [posting as never]).map((p) => ({ ...p, bucket: 17, fields: { role: p.fields.role } })),
      ...temperingYearPacksOf('volunteering', [pledge as never]).map((p) => ({ ...p, bucket: 23 })),
    ]);
    const records = async (db: CadreDb) => ({ ...(await dump(db)), totals: await db.table('traineeYears').toArray(), postings: await db.table('villagePostings').toArray(), sets: await db.subRecords.toArray() });
    const before = await records(old);
    old.close();

    const v31 = track(openAtVersion(name, 31));
    await v31.open();
    expect(v31.verno).toBe(31);
    expect(v31.tables.map((t) => t.name)).not.toContain('traineeYearPacks');
    expect(await records(v31)).toEqual(before);
    const { totalsOfYear } = await import('../../../renderer/db/cultivationTotals');
    const byTrainee = (rows: { trainee: string }[]) => [...rows].sort((a, b) => a.trainee.localeCompare(b.trainee));
    expect(byTrainee(await totalsOfYear(v31, 2025))).toEqual(byTrainee(totals.filter((t) => t.year === 2025)));
    expect(await totalsOfYear(v31, 2026)).toEqual([totals[2]]);
    // each column of a pack one string, not a value per entry
    expect(await v31.table('traineeTotalPacks').where('[year+bucket]').between([2026, Dexie.minKey], [2026, Dexie.maxKey]).toArray()).toEqual([
      expect.objectContaining({ year: 2026, trainees: `c:${cadre.id}`, hours: '40.5', audiences: { section: '2' } }),
    ]);
    expect(await temperingFactsOfYear(v31, 'villagePostings', 2018)).toEqual([{ id: posting.id, cadreId: cadre.id, from: '2018-03', role: 'firstSecretary', promotedIn: '2019-06' }]);
    expect(await temperingFactsOfYear(v31, 'volunteering', 2018)).toEqual([{ id: pledge.id, cadreId: cadre.id, from: '2018-04', form: 'pledge', area: 'urban' }]);
    // the packs of 32 buckets gone: 2 a table and year
    expect(((await v31.table(TEMPERING_PACKS).toArray()) as { bucket: number }[]).map((p) => p.bucket).every((b) => b < 2)).toBe(true);
    // and kept from then on (the posts in dossierFacts since version 32, see 31 → 32): the promotion taken back
    // with its post, a trainee's year rewritten
    v31.close();
    const latest = track(openDatabase(name));
    await deleteSubRecord(latest, ctx, 'posts', cadre.id, mayor.id);
    expect(await temperingFactsOfYear(latest, 'villagePostings', 2018)).toEqual([expect.objectContaining({ id: posting.id, promotedIn: '' })]);
    const { editRows, totalPacks } = await import('../../../renderer/db/cultivationPacks');
    await latest.transaction('rw', totalPacks(latest), () => editRows(latest, [[2026, totals[2]!.trainee]], (rows, keyOf) => rows.set(keyOf([2026, totals[2]!.trainee]), { ...totals[2]!, hours: 44 })));
    expect(await totalsOfYear(latest, 2026)).toEqual([{ ...totals[2], hours: 44 }]);
  });
});

describe('version 31 → 32 (issue 9: 选拔任用’s facts and 培养历练’s steps in one kept row per dossier)', () => {
  it('fills dossierFacts from selectionFacts and promotionSteps, drops both, leaves the rest as it was, and keeps the row and the postings’ promotions under later writes', async () => {
    const { name, old, cadre } = await seededBefore(32);
    const { addSubRecord, deleteSubRecord } = await import('../../../renderer/db/cadres');
    const { factsOfSet } = await import('../../../renderer/db/selectionFacts');
    const { stepsOfSet } = await import('../../../renderer/db/cultivationSteps');
    await addSubRecord(old, ctx, 'posts', cadre.id, { title: '某镇副镇长', postLevel: '2B', unit: '某镇', from: '2014-03', to: '2019-05', documentNo: '' });
    const mayor = await addSubRecord(old, ctx, 'posts', cadre.id, { title: '某镇镇长', postLevel: '2A', unit: '某镇', from: '2019-06', to: null, documentNo: '' });
    await addSubRecord(old, ctx, 'ranks', cadre.id, { rank: '08', from: '2012-06', to: null, documentNo: '' });
    await addSubRecord(old, ctx, 'assessments', cadre.id, { year: 2022, grade: '1' });
    await addSubRecord(old, ctx, 'rewards', cadre.id, { kind: 'discipline', date: '2023-03', title: '党内警告', issuer: '区纪委', effectiveFrom: '2023-03', effectiveTo: null, revoked: null });
    await old.subRecords.put({ cadreId: 'set-before-its-cadre' });
    // the two kept tables as version 31's middlewares kept them (this program no longer has those middlewares),
    // and one cadre in only one of them
    const sets = await old.subRecords.toArray();
    await old.table('selectionFacts').bulkPut(sets.map((set) => factsOfSet(set as never)));
    await old.table('promotionSteps').bulkPut([...sets.map((set) => stepsOfSet(set as never)), { cadreId: 'steps-only', posts: [], ranks: [{ rank: '06', from: '2020-01', to: null }] }]);
    // a village posting of 2018, promoted in 2019-06, as version 31 packed it
    const { createRecord } = await import('../../../renderer/db/records');
    const { villagePostingType } = await import('../../../shared/domain/cultivation');
    const posting = await createRecord(old, ctx, villagePostingType, { cadreId: cadre.id, town: '某镇', village: '某村', role: 'firstSecretary', from: '2018-03', to: '2019-03', evaluation: '' } as never);
    const { temperingFactsOfYear, postingsWithPromotions, temperingYearPacksOf } = await import('../../../renderer/db/cultivationTempering');
    await old.table('temperingYearPacks').clear();
    await old.table('temperingYearPacks').bulkPut(temperingYearPacksOf('villagePostings', postingsWithPromotions([await old.table('villagePostings').get(posting.id)], sets.map((set) => stepsOfSet(set as never)))));
    expect(await temperingFactsOfYear(old, 'villagePostings', 2018)).toEqual([expect.objectContaining({ id: posting.id, promotedIn: '2019-06' })]);
    const records = async (db: CadreDb) => ({ ...(await dump(db)), sets: await db.subRecords.orderBy('cadreId').toArray(), postings: await db.table('villagePostings').toArray(), packs: await db.table('temperingYearPacks').toArray() });
    const before = await records(old);
    old.close();

    const v32 = track(openAtVersion(name, 32));
    await v32.open();
    expect(v32.verno).toBe(32);
    expect(v32.tables.map((t) => t.name)).not.toContain('selectionFacts');
    expect(v32.tables.map((t) => t.name)).not.toContain('promotionSteps');
    expect(await records(v32)).toEqual(before);
    const { dossierFactsOfSet } = await import('../../../renderer/db/dossierFacts');
    expect(await v32.table('dossierFacts').orderBy('cadreId').toArray()).toEqual(
      [...sets.map((set) => ({ cadreId: set.cadreId, ...dossierFactsOfSet(set as never) })), { cadreId: 'steps-only', posts: [], assessments: [], rewards: [], ranks: [{ rank: '06', from: '2020-01', to: null }] }].sort((a, b) => a.cadreId.localeCompare(b.cadreId)),
    );
    expect(await v32.table('dossierFacts').get(cadre.id)).toEqual({
      cadreId: cadre.id,
      posts: [
        { postLevel: '2B', from: '2014-03', to: '2019-05' },
        { postLevel: '2A', from: '2019-06', to: null },
      ],
      assessments: [{ year: 2022, grade: '1' }],
      rewards: [expect.objectContaining({ kind: 'discipline', title: '党内警告' })],
      ranks: [{ rank: '08', from: '2012-06', to: null }],
    });
    // the readers read it (in its packs since version 32, see 37 → 38)
    v32.close();
    const latest = track(openDatabase(name));
    const { readFacts } = await import('../../../renderer/db/selectionFacts');
    const { readSteps } = await import('../../../renderer/db/cultivationSteps');
    expect((await readFacts(latest, [cadre.id])).get(cadre.id)!.assessments).toEqual([{ year: 2022, grade: '1' }]);
    expect((await readSteps(latest, [cadre.id])).get(cadre.id)).toEqual({ cadreId: cadre.id, posts: expect.any(Array), ranks: [{ rank: '08', from: '2012-06', to: null }] });
    // and kept from then on: the mayor's post taken back takes the posting's promotion with it
    await deleteSubRecord(latest, ctx, 'posts', cadre.id, mayor.id);
    expect((await readSteps(latest, [cadre.id])).get(cadre.id)!.posts).toEqual([{ postLevel: '2B', from: '2014-03', to: '2019-05' }]);
    expect(await temperingFactsOfYear(latest, 'villagePostings', 2018)).toEqual([expect.objectContaining({ id: posting.id, promotedIn: '' })]);
    await latest.subRecords.delete(cadre.id);
    expect((await readSteps(latest, [cadre.id])).get(cadre.id)).toBeUndefined();
  });
});

describe('version 32 → 33 (issue 9: 培养历练’s totals in their packs alone, the enrolments without a year index)', () => {
  it('drops traineeYears and the enrolments’ year index, and leaves the packs and every record as they were', async () => {
    const { name, old, cadre } = await seededBefore(33);
    // the rows as version 32's repository and middleware kept them (this program stores enrolments by class)
    const { traineeTotals } = await import('../../../shared/rules/cultivationTotals');
    const { packsOfRows } = await import('../../../renderer/db/cultivationPacks');
    const k = { id: 'k1', name: '科级干部轮训班', format: 'rotation', audience: 'section', organiser: '区委党校', from: '2025-05-08', to: '2025-05-12', hours: 40, deleted: false };
    const trainee = { classId: k.id, year: 2025, unitName: '区委组织部', role: '', hours: null, completed: false, deleted: false };
    const enrollments = [
      { ...trainee, id: 'e1', cadreId: cadre.id, name: cadre.name },
      { ...trainee, id: 'e2', cadreId: null, name: '王芳', unitName: '东街道某社区' },
    ];
    await old.table('trainingClasses').put(k);
    await old.table('enrollments').bulkPut(enrollments);
    const rows = traineeTotals([k] as never, enrollments as never);
    await old.table('traineeTotalPacks').bulkPut(packsOfRows(rows));
    await old.table('traineeYears').bulkPut(rows);
    expect(await old.table('traineeYears').count()).toBe(2);
    const records = async (db: CadreDb) => ({ ...(await dump(db)), classes: await db.table('trainingClasses').toArray(), enrollments: await db.table('enrollments').orderBy('id').toArray(), packs: await db.table('traineeTotalPacks').toArray() });
    const before = await records(old);
    old.close();

    const v33 = track(openAtVersion(name, 33));
    await v33.open();
    expect(v33.verno).toBe(33);
    expect(v33.tables.map((t) => t.name)).not.toContain('traineeYears');
    expect(v33.table('enrollments').schema.indexes.map((i) => i.name).sort()).toEqual(['cadreId', 'classId']);
    expect(await records(v33)).toEqual(before);
    const { totalsOfYear } = await import('../../../renderer/db/cultivationTotals');
    expect((await totalsOfYear(v33, 2025, true)).map((r) => [r.cadreId, r.audiences])).toEqual([[cadre.id, { section: 1 }]]);
    expect(await v33.table('enrollments').where('cadreId').equals(cadre.id).primaryKeys()).toEqual(['e1']);
  });
});

describe('version 33 → 34 (issue 13: each cadre’s year of monthly reports in one kept row, not a small row a report)', () => {
  it('fills performanceCadreYears from the small rows, drops them and the reports’ [cadreId+kind] index, leaves every report as it was, and keeps the years from then on', async () => {
    const { name, old, cadre } = await seededBefore(34);
    const { many, createRecord, performanceType } = await storeReports(old, cadre.id, (i) => ({ cadreId: `c${String(i % 600).padStart(3, '0')}`, period: `2024-0${1 + Math.floor(i / 600)}` }));
    // the small rows as versions 23 to 33's middleware kept them (this program no longer keeps them)
    const { monthRowOf } = await import('../../../renderer/db/performanceMonths');
    const reports = await old.table('performanceRecords').toArray();
    await old.table('performanceMonths').bulkPut(reports.flatMap((r) => monthRowOf(r) ?? []));
    expect(await old.table('performanceMonths').count()).toBe(5_101); // may, and the bulk; not the deleted June, not the week
    const before = { ...(await dump(old)), reports: await old.table('performanceRecords').orderBy('id').toArray(), packs: await old.table('performanceMonthPacks').toArray() };
    old.close();

    const v34 = track(openAtVersion(name, 34));
    await v34.open();
    expect(v34.verno).toBe(34);
    expect(v34.tables.map((t) => t.name)).not.toContain('performanceMonths');
    expect(v34.table('performanceRecords').schema.indexes.map((i) => i.name)).toEqual(['cadreId']);
    expect({ ...(await dump(v34)), reports: await v34.table('performanceRecords').orderBy('id').toArray(), packs: await v34.table('performanceMonthPacks').toArray() }).toEqual(before);
    const { monthsOf, CADRE_YEARS } = await import('../../../renderer/db/performanceCadreYears');
    const months = async () => [...monthsOf(await v34.table(CADRE_YEARS).toArray())].map((e) => `${e.cadreId}|${e.period}|${e.status}`).sort();
    const expected = [`${cadre.id}|2023-05|approved`, ...many.map((r) => `${r.cadreId}|${r.period}|submitted`)].sort();
    expect(await months()).toEqual(expected);
    expect(await v34.table(CADRE_YEARS).count()).toBe(601); // 600 cadres' 2024, and the one cadre's 2023
    // and kept from then on by every write of the reports
    const july = await createRecord(v34, ctx, performanceType, { cadreId: cadre.id, kind: 'monthly', period: '2023-07', keyWork: '完成' });
    expect(await v34.table(CADRE_YEARS).get([cadre.id, 2023])).toEqual({ cadreId: cadre.id, year: 2023, status: '----3-0-----' });
    await v34.table('performanceRecords').delete(july.id);
    expect(await months()).toEqual(expected);
  });
});

describe('version 34 → 35 (issue 9: 参训学员 a class to a row), then read at 36', () => {
  it('moves every enrolment, tombstones included, into its class’s row with the class’s cadres indexed, drops the enrolments table, and the repository writes the rows from then on', async () => {
    const { name, old, cadre } = await seededBefore(35);
    const trainee = { year: 2025, unitName: '区委组织部', role: '', hours: 8, completed: false, deleted: false };
    // 25,001 enrolments in 3 classes: more than a page of the upgrade, so a class spans pages
    const many = Array.from({ length: 25_000 }, (_, i) => ({ ...trainee, id: `e${String(i).padStart(6, '0')}`, classId: `k${i % 2}`, cadreId: `c${i}`, name: `学员${i}` }));
    const mine = { ...trainee, id: 'f1', classId: 'k2', cadreId: cadre.id, name: cadre.name };
    const gone = { ...trainee, id: 'f2', classId: 'k2', cadreId: null, name: '王芳', deleted: true };
    await old.table('enrollments').bulkPut([...many, mine, gone]);
    const before = await old.table('enrollments').toArray();
    old.close();

    const v35 = track(openAtVersion(name, 35));
    await v35.open();
    expect(v35.tables.map((t) => t.name)).not.toContain('enrollments');
    expect(v35.table('classEnrollments').schema.indexes.map((i) => [i.name, i.multi])).toEqual([['cadreIds', true]]);
    const { allEnrollments, storedEnrollments } = await import('../../../renderer/db/classEnrollments');
    const sorted = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(sorted(await allEnrollments(v35))).toEqual(sorted(before));
    expect(await v35.table('classEnrollments').count()).toBe(3);
    expect((await storedEnrollments(v35, 'k0')).map((e) => e.id)).toEqual(many.filter((e) => e.classId === 'k0').map((e) => e.id));
    v35.close();
    // the repository of today reads the rows through version 37's packs of each cadre's classes
    const v37 = track(openAtVersion(name, 37));
    await v37.open();
    const { enrollmentsOfCadre, enrollmentsOfClass, updateEnrollment } = await import('../../../renderer/db/cultivation');
    expect(await enrollmentsOfCadre(v37, 'c12345')).toEqual([many[12345]]);
    expect(await enrollmentsOfClass(v37, 'k2')).toEqual([mine]);
    // the repository reads and writes the rows: the class must exist for an edit
    await v37.table('trainingClasses').put({ id: 'k2', name: '科级干部轮训班', format: 'rotation', audience: 'section', organiser: '区委党校', from: '2025-05-08', to: '2025-05-12', hours: 40, deleted: false });
    await updateEnrollment(v37, ctx, 'k2', 'f1', { hours: 40, completed: true });
    expect(await enrollmentsOfCadre(v37, cadre.id)).toEqual([expect.objectContaining({ id: 'f1', hours: 40, completed: true })]);
  });
});

describe('version 35 → 36 (issue 9: the classes’ cadres indexed as numbers)', () => {
  it('writes every class row again with its cadres’ keys in place of their ids, and a cadre finds its own enrolments only', async () => {
    const { name, old, cadre } = await seededBefore(36);
    const { fnv1a32: cadreKeyOf } = await import('../../../shared/rules/fnv1a');
    const trainee = { year: 2025, unitName: '区委组织部', role: '', hours: 8, completed: false, deleted: false, name: '学员' };
    const rows = [
      // as version 35 stored them: the cadres' ids, each once; a tombstone's cadre and a trainee outside the registry
      { classId: 'k1', enrollments: [{ ...trainee, id: 'e1', classId: 'k1', cadreId: cadre.id }, { ...trainee, id: 'e2', classId: 'k1', cadreId: 'c2', deleted: true }, { ...trainee, id: 'e3', classId: 'k1', cadreId: null }], cadreIds: [cadre.id, 'c2'] },
      { classId: 'k2', enrollments: [{ ...trainee, id: 'e4', classId: 'k2', cadreId: 'c2' }], cadreIds: ['c2'] },
      // a row version 35's index would not have found (written by an earlier build without its cadres)
      { classId: 'k3', enrollments: [{ ...trainee, id: 'e5', classId: 'k3', cadreId: cadre.id }], cadreIds: [] },
    ];
    await old.table('classEnrollments').bulkPut(rows);
    old.close();

    const v36 = track(openAtVersion(name, 36));
    await v36.open();
    expect(v36.table('classEnrollments').schema.indexes.map((i) => [i.name, i.multi])).toEqual([['cadreKeys', true]]);
    const stored = await v36.table('classEnrollments').orderBy('classId').toArray();
    expect(stored).toEqual([
      { classId: 'k1', enrollments: rows[0]!.enrollments, cadreKeys: [cadreKeyOf(cadre.id), cadreKeyOf('c2')] },
      { classId: 'k2', enrollments: rows[1]!.enrollments, cadreKeys: [cadreKeyOf('c2')] },
      { classId: 'k3', enrollments: rows[2]!.enrollments, cadreKeys: [cadreKeyOf(cadre.id)] },
    ]);
    v36.close();
  });
});

describe('version 36 → 37 (issue 9: which classes each cadre is in, kept in packs instead of an index)', () => {
  it('fills the packs from every class row, tombstones’ cadres included, drops the index, and the packs follow every later write of the rows', async () => {
    const { name, old, cadre } = await seededBefore(37);
    const trainee = { year: 2025, unitName: '区委组织部', role: '', hours: 8, completed: false, deleted: false, name: '学员' };
    // 2,500 classes: more than a page of the upgrade
    const rows = Array.from({ length: 2_500 }, (_, i) => ({ classId: `k${String(i).padStart(4, '0')}`, enrollments: [{ ...trainee, id: `e${i}`, classId: `k${String(i).padStart(4, '0')}`, cadreId: `c${i % 700}` }], cadreKeys: [1] }));
    rows[0]!.enrollments.push({ ...trainee, id: 'x1', classId: 'k0000', cadreId: cadre.id, deleted: true }, { ...trainee, id: 'x2', classId: 'k0000', cadreId: null } as never);
    await old.table('classEnrollments').bulkPut(rows);
    old.close();

    const v37 = track(openAtVersion(name, 37));
    await v37.open();
    expect(v37.table('classEnrollments').schema.indexes).toEqual([]);
    const { classIdsOfCadre, CADRE_CLASSES_TABLE } = await import('../../../renderer/db/cadreClasses');
    expect((await classIdsOfCadre(v37, 'c5')).sort()).toEqual(['k0005', 'k0705', 'k1405', 'k2105']);
    expect(await classIdsOfCadre(v37, cadre.id)).toEqual(['k0000']);
    expect(await classIdsOfCadre(v37, 'c9999')).toEqual([]);
    const packs = await v37.table(CADRE_CLASSES_TABLE).toArray();
    expect(packs.reduce((n, p) => n + Object.keys(p.classes).length, 0)).toBe(701);
    const { enrollmentsOfCadre } = await import('../../../renderer/db/cultivation');
    // a tombstone is found, and left out of the live list; the repository's writes keep the packs
    expect(await enrollmentsOfCadre(v37, cadre.id)).toEqual([]);
    await v37.table('classEnrollments').put({ classId: 'k0001', enrollments: [rows[1]!.enrollments[0]!, { ...trainee, id: 'y1', classId: 'k0001', cadreId: cadre.id }] });
    expect((await classIdsOfCadre(v37, cadre.id)).sort()).toEqual(['k0000', 'k0001']);
    expect((await enrollmentsOfCadre(v37, cadre.id)).map((e) => e.id)).toEqual(['y1']);
    // a row that loses a cadre, and a deleted row, take their links out
    await v37.table('classEnrollments').put({ classId: 'k0001', enrollments: [rows[1]!.enrollments[0]!] });
    await v37.table('classEnrollments').delete('k0000');
    expect(await classIdsOfCadre(v37, cadre.id)).toEqual([]);
    expect((await classIdsOfCadre(v37, 'c0')).sort()).toEqual(['k0700', 'k1400', 'k2100']);
  });
});

describe('version 37 → 38 (issue 9: the dossiers’ kept facts in packs instead of a row per cadre)', () => {
  it('packs every row of dossierFacts, drops the table, leaves the rest as it was, and the packs follow every later write of the sets', async () => {
    const { name, old, cadre } = await seededBefore(38);
    const { addSubRecord } = await import('../../../renderer/db/cadres');
    await addSubRecord(old, ctx, 'posts', cadre.id, { title: '某镇镇长', postLevel: '2A', unit: '某镇', from: '2019-06', to: null, documentNo: '' });
    await addSubRecord(old, ctx, 'assessments', cadre.id, { year: 2022, grade: '1' });
    // the rows as version 37's middleware kept them (this program keeps packs): more than a page of the upgrade
    const { dossierFactsOfSet } = await import('../../../renderer/db/dossierFacts');
    const set = (await old.subRecords.get(cadre.id))!;
    const many = Array.from({ length: 6_001 }, (_, i) => ({ cadreId: `c${i}`, posts: [], assessments: [{ year: 2020 + (i % 5), grade: '2' }], rewards: [], ranks: [{ rank: '06', from: '2020-01', to: null }] }));
    await old.table('dossierFacts').bulkPut([...many, { cadreId: cadre.id, ...dossierFactsOfSet(set as never) }]);
    const records = async (db: CadreDb) => ({ ...(await dump(db)), sets: await db.subRecords.orderBy('cadreId').toArray() });
    const before = await records(old);
    old.close();

    const v38 = track(openAtVersion(name, 38));
    await v38.open();
    expect(v38.verno).toBe(38);
    expect(v38.tables.map((t) => t.name)).not.toContain('dossierFacts');
    expect(await records(v38)).toEqual(before);
    const { DOSSIER_FACT_PACKS, allFacts } = await import('../../../renderer/db/dossierFacts');
    const { cadreBucketOf } = await import('../../../renderer/db/cadrePacks');
    const packs = (await v38.table(DOSSIER_FACT_PACKS).toArray()) as { bucket: number; facts: Record<string, unknown> }[];
    // each cadre in the pack of its bucket, each pack written once with all of its cadres
    expect(packs.every((p) => Object.keys(p.facts).every((id) => cadreBucketOf(id) === p.bucket))).toBe(true);
    expect(packs.reduce((n, p) => n + Object.keys(p.facts).length, 0)).toBe(6_002);
    const facts = await allFacts(v38);
    expect(facts.get('c4321')).toEqual({ posts: [], assessments: [{ year: 2021, grade: '2' }], rewards: [], ranks: [{ rank: '06', from: '2020-01', to: null }] });
    expect(facts.get(cadre.id)).toEqual(dossierFactsOfSet(set as never));
    // and kept from then on by every write of the sets
    await addSubRecord(v38, ctx, 'assessments', cadre.id, { year: 2023, grade: '3' });
    const { readFacts } = await import('../../../renderer/db/selectionFacts');
    expect((await readFacts(v38, [cadre.id])).get(cadre.id)!.assessments).toEqual([{ year: 2022, grade: '1' }, { year: 2023, grade: '3' }]);
    await v38.subRecords.delete(cadre.id);
    expect((await readFacts(v38, [cadre.id])).get(cadre.id)).toEqual({ posts: [], assessments: [], rewards: [] });
    expect((await allFacts(v38)).size).toBe(6_001);
  });
});

describe('version 38 → 39 (issue 9: the dossier sets stored 32 to a row instead of a row each)', () => {
  it('packs every set unit by unit, empties the old rows, reads every set back as before, and later writes go to own rows', async () => {
    const { name, old, cadre } = await seededBefore(39);
    const { addSubRecord } = await import('../../../renderer/db/cadres');
    await addSubRecord(old, ctx, 'assessments', cadre.id, { year: 2022, grade: '1' });
    // more than a chunk of the upgrade (1,024 sets), in two units, their ids not in unit order; and a set without a cadre
    const cadres = Array.from({ length: 1_500 }, (_, i) => ({ ...sampleCadre({ unitId: i % 3 ? 'unit-b' : 'unit-a' }), id: `c${String((i * 7919) % 1_500).padStart(4, '0')}` }));
    await old.cadres.bulkPut(cadres);
    await old.subRecords.bulkPut([...cadres.map((c) => ({ cadreId: c.id, career: [{ id: `e-${c.id}` }] })), { cadreId: 'no-cadre-yet', family: [{ id: 'f1' }] }] as never[]);
    const records = async (db: CadreDb) => ({ ...(await dump(db)), sets: await db.subRecords.orderBy('cadreId').toArray() });
    const before = await records(old);
    old.close();

    const v39 = track(openAtVersion(name, 39));
    await v39.open();
    expect(v39.verno).toBe(39);
    expect(await records(v39)).toEqual(before);
    expect(await v39.subRecords.count()).toBe(1_502);
    // the old store holds nothing; the packs hold every set once, a unit's together, the cadre-less set last
    const raw = await new Promise<number>((resolve) => {
      const tx = v39.backendDB().transaction('subRecords');
      const r = tx.objectStore('subRecords').count();
      r.onsuccess = () => resolve(r.result);
    });
    expect(raw).toBe(0);
    const { dossierPacks, PACK_SIZE } = await import('../../../renderer/db/dossierPacks');
    const packs = await dossierPacks(v39).toArray();
    expect(packs.every((p) => p.cadreIds.length <= PACK_SIZE)).toBe(true);
    const order = packs.flatMap((p) => p.cadreIds);
    expect(new Set(order).size).toBe(1_502);
    const unitOf = new Map([...cadres, cadre].map((c) => [c.id, c.unitId]));
    const units = order.map((id) => unitOf.get(id) ?? 'none');
    expect(units.filter((u, i) => i === 0 || u !== units[i - 1])).toHaveLength(4);
    expect(units.at(-1)).toBe('none');
    // a later write goes to the cadre's own row, and reads prefer it
    await addSubRecord(v39, ctx, 'assessments', cadre.id, { year: 2023, grade: '3' });
    expect((await v39.subRecords.get(cadre.id))!.assessments!.map((a) => a.year)).toEqual([2022, 2023]);
    expect(await dossierPacks(v39).get(`s${cadre.id}`)).toBeDefined();
  });
});

describe('version 13 → the latest in one step (培养历练: every kept table of the area filled on the way)', () => {
  it('keeps the trainees’ totals and the postings’ promotions, their kept tables’ middlewares running under upgrades of versions before theirs', async () => {
    const name = `migrate-v13-${newId()}`;
    const old = track(openAtVersion(name, 13));
    const cadre = sampleCadre({ unitId: 'u1' });
    await old.cadres.put(cadre);
    await old.subRecords.bulkPut([
      { cadreId: cadre.id, posts: [{ id: 'p1', postLevel: '2B', from: '2014-01', to: '2019-05' }, { id: 'p2', postLevel: '2A', from: '2019-06', to: null }] },
      { cadreId: 'another', posts: [] },
    ] as never[]);
    await old.table('villagePostings').put({ id: 'vp1', cadreId: cadre.id, town: '某镇', village: '某村', role: 'firstSecretary', from: '2018-03', to: null, deleted: false });
    await old.table('trainingClasses').put({ id: 'k1', audience: 'section', year: 2025, deleted: false });
    await old.table('enrollments').put({ id: 'e1', classId: 'k1', cadreId: cadre.id, year: 2025, hours: 10, deleted: false, name: '张三', unitName: '区委组织部' });
    old.close();

    const latest = track(openDatabase(name));
    await latest.open();
    const { temperingFactsOfYear } = await import('../../../renderer/db/cultivationTempering');
    const { totalsOfYear } = await import('../../../renderer/db/cultivationTotals');
    expect(await temperingFactsOfYear(latest, 'villagePostings', 2018)).toEqual([{ id: 'vp1', cadreId: cadre.id, from: '2018-03', role: 'firstSecretary', promotedIn: '2019-06' }]);
    expect(await totalsOfYear(latest, 2025)).toEqual([{ year: 2025, trainee: `c:${cadre.id}`, cadreId: cadre.id, hours: 10, audiences: { section: 1 } }]);
  });
});

describe('version 26 → 27 (培养历练: the tempering records’ packs a pack per table, year and bucket)', () => {
  it('fills temperingYearPacks from the records, drops version 24’s packs, leaves the rest as it was, and keeps the packs under later writes', async () => {
    const { name, old, cadre } = await seededBefore(27);
    // 请战 of two years and a 挂职 deleted (a tombstone), written by their repository
    const { createRecord, deleteRecord } = await import('../../../renderer/db/records');
    const { volunteeringType, secondmentType } = await import('../../../shared/domain/cultivation');
    const pledge = (from: string, form: string) => createRecord(old, ctx, volunteeringType, { cadreId: cadre.id, form, area: 'urban', task: '老旧小区改造攻坚', pledge: '按期完成', from, to: null, result: '', rating: 'none' } as never);
    const a = await pledge('2021-04', 'pledge');
    const b = await pledge('2022-02', 'contest');
    const c = await pledge('2022-11', 'promise');
    const gone = await createRecord(old, ctx, secondmentType, { cadreId: cadre.id, region: '杭州', hostUnit: '杭州市发改委', post: '副主任', batch: '第三批', from: '2022-03', to: '2022-09', evaluation: '', afterwards: '' } as never);
    await deleteRecord(old, ctx, secondmentType, gone.id, { cadreId: cadre.id });
    const records = async (db: CadreDb) => ({ ...(await dump(db)), volunteering: await db.table('volunteering').orderBy('id').toArray(), secondments: await db.table('secondments').orderBy('id').toArray() });
    const before = await records(old);
    expect(old.tables.map((t) => t.name)).toContain('temperingPacks');
    old.close();

    const v27 = track(openAtVersion(name, 27));
    await v27.open();
    expect(v27.verno).toBe(27);
    expect(v27.tables.map((t) => t.name)).not.toContain('temperingPacks');
    const { temperingFactsOfYear } = await import('../../../renderer/db/cultivationTempering');
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((x, y) => x.id.localeCompare(y.id));
    expect(await temperingFactsOfYear(v27, 'volunteering', 2021)).toEqual([{ id: a.id, cadreId: cadre.id, from: '2021-04', form: 'pledge', area: 'urban' }]);
    expect(byId(await temperingFactsOfYear(v27, 'volunteering', 2022))).toEqual(
      byId([
        { id: b.id, cadreId: cadre.id, from: '2022-02', form: 'contest', area: 'urban' },
        { id: c.id, cadreId: cadre.id, from: '2022-11', form: 'promise', area: 'urban' },
      ]),
    );
    expect(await temperingFactsOfYear(v27, 'secondments', 2022)).toEqual([]);
    // each pack holds one year: 2021's pack of a's bucket holds only a
    const packs = (await v27.table('temperingYearPacks').toArray()) as { table: string; year: number; from: string[] }[];
    expect(packs.every((p) => p.from.every((f) => f.startsWith(`${p.year}-`)))).toBe(true);
    expect(await records(v27)).toEqual(before);
    // and kept from then on: b moves to 2023
    const { updateRecord } = await import('../../../renderer/db/records');
    await updateRecord(v27, ctx, volunteeringType, b.id, { from: '2023-01' } as never, { cadreId: cadre.id });
    expect(await temperingFactsOfYear(v27, 'volunteering', 2022)).toEqual([{ id: c.id, cadreId: cadre.id, from: '2022-11', form: 'promise', area: 'urban' }]);
    expect((await temperingFactsOfYear(v27, 'volunteering', 2023)).map((f) => f.id)).toEqual([b.id]);
  });
});

describe('version 26 → 28 (管理监督: the log’s entries sealed in blocks of 200, one row a block)', () => {
  it('seals the full blocks of the log stored one entry a row, up to its open end or the first damage, and leaves the rest as it was', async () => {
    const { nextEntry, unpackBlock, BLOCK_SIZE } = await import('../../../shared/rules/supervisionChain');
    const { sha256 } = await import('../../../shared/rules/sha256');
    type Entry = ReturnType<typeof nextEntry>;
    const entries: Entry[] = [];
    for (let i = 0; i < BLOCK_SIZE * 2 + 50; i++) {
      entries.push(nextEntry(entries.at(-1), { at: 1_700_000_000_000 + i, table: 'clues', recordId: `clue-${i % 37}`, action: i < 37 ? 'create' : 'update', digest: sha256(`线索${i}`), by: '干部监督科' }));
    }
    // the version before 28 in the list (the versions between are other areas' and may come later)
    const previous = schemaVersions.filter((v) => v.version < 28).at(-1)!.version;
    const upgraded = async (log: Entry[]) => {
      const name = `migrate-v26-${newId()}`;
      const old = track(openAtVersion(name, previous));
      await seedV1(old);
      await old.table('supervisionChain').bulkAdd(log);
      const before = await dump(old);
      old.close();
      const v28 = track(openAtVersion(name, 28));
      await v28.open();
      expect(v28.verno).toBe(28);
      expect(await dump(v28)).toEqual(before);
      const blocks = await v28.table('supervisionChainBlocks').toArray();
      return { starts: blocks.map((b: { start: number }) => b.start), sealed: blocks.flatMap(unpackBlock), open: await v28.table('supervisionChain').toArray() };
    };

    const whole = await upgraded(entries);
    expect(whole.starts).toEqual([1, BLOCK_SIZE + 1]);
    expect(whole.sealed).toEqual(entries.slice(0, BLOCK_SIZE * 2));
    expect(whole.open).toEqual(entries.slice(BLOCK_SIZE * 2));

    // an entry removed outside the app before the upgrade: nothing is sealed past it, so verification still names it
    const damaged = entries.filter((e) => e.seq !== BLOCK_SIZE + 50);
    const kept = await upgraded(damaged);
    expect(kept.starts).toEqual([1]);
    expect([...kept.sealed, ...kept.open]).toEqual(damaged);
  });
});

describe('version 28 → 29 (管理监督: the log’s sealed blocks joined ten to a row)', () => {
  it('joins every whole stretch of ten sealed blocks into one row of the very same entries, and leaves a damaged stretch, the rest of the blocks and the open entries as they were', async () => {
    const { nextEntry, packBlock, unpackBlock, BLOCK_SIZE, ROW_SIZE } = await import('../../../shared/rules/supervisionChain');
    const { ChainVerifier } = await import('../../../shared/rules/supervisionChainVerify');
    const { sha256 } = await import('../../../shared/rules/sha256');
    type Entry = ReturnType<typeof nextEntry>;
    const entries: Entry[] = [];
    for (let i = 0; i < ROW_SIZE * 2 + BLOCK_SIZE * 2 + 50; i++) {
      entries.push(nextEntry(entries.at(-1), { at: 1_700_000_000_000 + i, table: 'clues', recordId: `clue-${i % 37}`, action: i < 37 ? 'create' : 'update', digest: sha256(`线索${i}`), by: i % 2 ? '干部监督科' : '导入（区委组织部）' }));
    }
    // stored as version 28 seals them: blocks of 200, the last 50 open. Outside the app, entry 150's digest was
    // edited (its hash no longer fits) and entry 2,500 removed from its block.
    const sealedCount = ROW_SIZE * 2 + BLOCK_SIZE * 2;
    const edited = entries.map((e) => (e.seq === 150 ? { ...e, digest: sha256('改过') } : e));
    const blocks = [];
    for (let s = 0; s < sealedCount; s += BLOCK_SIZE) blocks.push(packBlock(edited.slice(s, s + BLOCK_SIZE).filter((e) => e.seq !== 2_500)));
    const verdict = (rows: unknown[], open: Entry[]) => {
      const v = new ChainVerifier([], undefined);
      for (const b of rows) v.addBlock(b);
      v.addEntries(open);
      v.end();
      return { broken: v.broken, count: v.count };
    };
    const name = `migrate-v28-${newId()}`;
    const old = track(openAtVersion(name, 28));
    await seedV1(old);
    await old.table('supervisionChainBlocks').bulkAdd(blocks);
    await old.table('supervisionChain').bulkAdd(entries.slice(sealedCount));
    const before = await dump(old);
    const stored = { blocks: await old.table('supervisionChainBlocks').toArray(), open: await old.table('supervisionChain').toArray() };
    old.close();

    const v29 = track(openAtVersion(name, 29));
    await v29.open();
    expect(v29.verno).toBe(29);
    expect(await dump(v29)).toEqual(before);
    const after = { blocks: await v29.table('supervisionChainBlocks').toArray(), open: await v29.table('supervisionChain').toArray() };
    // the first stretch is one row now; the damaged second and the unfinished third keep their blocks
    expect(after.blocks.map((b: { start: number }) => b.start)).toEqual([1, ...stored.blocks.map((b: { start: number }) => b.start).filter((s: number) => s > ROW_SIZE)]);
    expect(after.blocks.slice(1)).toEqual(stored.blocks.slice(10));
    expect(after.blocks.flatMap(unpackBlock)).toEqual(stored.blocks.flatMap(unpackBlock));
    expect(after.open).toEqual(stored.open);
    // verification finds the same, the edited digest first
    expect(verdict(after.blocks, after.open)).toEqual(verdict(stored.blocks, stored.open));
    expect(verdict(after.blocks, after.open).broken).toMatchObject({ seq: 150, reason: expect.stringContaining('与其哈希不符') });
  });
});
