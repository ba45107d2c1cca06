import type { Dexie, Transaction } from 'dexie';
import { groupKeyOf, withWrite, type ChangeIndexRow, type IndexedWrite } from '../sync/changeIndex';
import type { Enrollment } from '../../shared/domain/cultivation';
import { mergeTotals, traineeTotals, type TraineeYear } from '../../shared/rules/cultivationTotals';
import { fillFacts } from './selectionFacts';
import { joinStoredBlocks, sealStoredLog } from './supervisionChainBlocks';
import { fillSteps } from './cultivationSteps';
import { DOSSIER_FACT_PACKS, V32_FACTS_TABLE, fillDossierFacts, fillFactPacks, type DossierFactsRow } from './dossierFacts';
import { fillMonths } from './performanceMonths';
import { fillMonthPacks, type MonthPack } from './performanceMonthPacks';
import { fillCadreYears, type CadreYear } from './performanceCadreYears';
import { packsOfRows, v24PacksOfRows } from './cultivationPacks';
import { GROUPED_BY, TEMPERING_TABLES, postingsWithPromotions, temperingPacksOf, temperingYearPacksOf } from './cultivationTempering';
import { IdFilter, type IdFilterTable } from '../sync/idFilter';
import { rowsOfEnrollments, withEnrollments, type ClassEnrollments } from './classEnrollments';
import { CADRE_CLASSES_TABLE, fillCadreClasses } from './cadreClasses';
import { fnv1a32 } from '../../shared/rules/fnv1a';
import { DOSSIER_PACKS, packStoredSets } from './dossierPacks';

/** The sub-record kinds, as stored by versions 2–3 (one table each) and named inside a SubRecordSet since 4. */
const SUB_RECORD_TABLE_NAMES = ['career', 'education', 'family', 'rewards', 'assessments', 'posts', 'ranks'] as const;

/**
 * The database's versions, oldest first. A schema change is a new entry (never an edit of an old one) with an
 * upgrade() when existing data must change, and a test in test/unit/renderer/migrations.test.ts that opens a
 * database of the previous version holding data, upgrades it and checks the result (see openAtVersion there).
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const schemaVersions: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // key/value: the installation counter and other per-database facts (local, not synced)
      meta: 'key',
      units: 'id, parentId',
      // issue 3 fills in the dossier; the unit tree already needs to know whether a unit holds cadres
      cadres: 'id, unitId',
      audit: 'id, at, [table+recordId]',
    },
  },
  {
    // The dossier (issue 3): the basic record gains its indexes, sub-records get a table each, blobs by hash.
    version: 2,
    stores: {
      cadres: 'id, unitId, idNumber',
      career: 'id, cadreId',
      education: 'id, cadreId',
      family: 'id, cadreId',
      rewards: 'id, cadreId',
      assessments: 'id, cadreId',
      posts: 'id, cadreId',
      ranks: 'id, cadreId',
      blobs: 'hash',
    },
    // Version 1 had no way to create a cadre; rows without an ID number can only be leftovers of tests or
    // hand edits and would break every reader of the dossier, so they go.
    upgrade: async (tx) => {
      await tx
        .table('cadres')
        .filter((row: { idNumber?: unknown }) => typeof row.idNumber !== 'string')
        .delete();
    },
  },
  {
    // Local roster settings (not synced): saved combined queries and saved column sets.
    version: 3,
    stores: {
      savedQueries: 'id, name',
      columnSets: 'id, name',
    },
  },
  {
    // Sub-records stored per cadre: one row holds all of a dossier's career segments, education, family …
    // (SubRecordSet). Each entry stays a whole synced record with its own id and vv, so sync and the audit log
    // see exactly what they saw before; only the storage changes. Measured in Chromium: IndexedDB costs ~50 µs
    // per row written whatever its size, so 2,000,000 one-row sub-records took 190 s to load, grouped ~15 s.
    version: 4,
    stores: { subRecords: 'cadreId' },
    // A chunk at a time (a district's 2,000,000 sub-records would not fit in memory at once); a row without a
    // cadre id cannot belong to any dossier and is left behind, as version 2 left placeholder cadres.
    upgrade: async (tx) => {
      const CHUNK = 5_000;
      for (const table of SUB_RECORD_TABLE_NAMES) {
        const keys = await tx.table(table).toCollection().primaryKeys();
        for (let i = 0; i < keys.length; i += CHUNK) {
          const rows = (await tx.table(table).bulkGet(keys.slice(i, i + CHUNK))) as ({ cadreId?: unknown } | undefined)[];
          const byCadre = new Map<string, object[]>();
          for (const row of rows) {
            if (!row || typeof row.cadreId !== 'string' || !row.cadreId) continue;
            byCadre.set(row.cadreId, [...(byCadre.get(row.cadreId) ?? []), row]);
          }
          const ids = [...byCadre.keys()];
          const sets = (await tx.table('subRecords').bulkGet(ids)) as (Record<string, unknown> | undefined)[];
          await tx.table('subRecords').bulkPut(
            ids.map((cadreId, k) => {
              const set = sets[k] ?? { cadreId };
              set[table] = [...((set[table] as object[] | undefined) ?? []), ...byCadre.get(cadreId)!];
              return set;
            }),
          );
        }
      }
    },
  },
  {
    // The one-row-per-sub-record tables, emptied into subRecords by version 4 (a table cannot be read in the
    // same version that deletes it).
    version: 5,
    stores: Object.fromEntries(SUB_RECORD_TABLE_NAMES.map((t) => [t, null])),
  },
  {
    // Sync (docs/bundle-format.md "Sync in this code"), all local: the ledger of imported bundles, knowledge
    // vectors (ours and each peer's acknowledgement), outgoing streams, staging of an import (grouped per dossier,
    // as subRecords), conflicts kept for a person, and the change index behind incremental export (grouped per
    // dossier too: per origin the highest counter of its records, and its sub-records' ids, each a multi-entry
    // index). The index is built here from the existing data, a chunk of rows at a time.
    version: 6,
    stores: {
      ledger: 'bundleId, [stream+seq]',
      knowledge: 'key',
      streams: 'stream',
      staging: 'key',
      conflicts: 'key, table, at',
      syncIndex: 'key, *marks, *ids',
    },
    upgrade: async (tx) => {
      const CHUNK = 5_000;
      const index = tx.table('syncIndex');
      type Row = { id: string; vv?: unknown; cadreId?: unknown };
      const valid = (r: Row | undefined): r is Row & { vv: Record<string, number> } =>
        !!r && typeof r.id === 'string' && !!r.vv && typeof r.vv === 'object';
      // records of one chunk, added to their rows (read once, written once)
      const add = async (writes: IndexedWrite[]) => {
        const keys = [...new Set(writes.map((w) => groupKeyOf(w.table, w.record)))];
        const stored = (await index.bulkGet(keys)) as (ChangeIndexRow | undefined)[];
        const rows = new Map(keys.map((k, i) => [k, stored[i]]));
        for (const w of writes) {
          const key = groupKeyOf(w.table, w.record);
          rows.set(key, withWrite(rows.get(key), key, w));
        }
        await index.bulkPut([...rows.values()]);
      };
      for (const table of ['units', 'cadres']) {
        const keys = await tx.table(table).toCollection().primaryKeys();
        for (let i = 0; i < keys.length; i += CHUNK) {
          const rows = (await tx.table(table).bulkGet(keys.slice(i, i + CHUNK))) as (Row | undefined)[];
          await add(rows.filter(valid).map((record) => ({ table, record, before: undefined })));
        }
      }
      const cadreIds = await tx.table('subRecords').toCollection().primaryKeys();
      for (let i = 0; i < cadreIds.length; i += CHUNK) {
        const sets = (await tx.table('subRecords').bulkGet(cadreIds.slice(i, i + CHUNK))) as (Record<string, unknown> | undefined)[];
        const writes: IndexedWrite[] = [];
        for (const set of sets) {
          for (const table of SUB_RECORD_TABLE_NAMES) {
            for (const record of ((set?.[table] as Row[] | undefined) ?? []).filter(valid)) {
              // stored in this cadre's set, whatever the entry says
              writes.push({ table, record: { ...record, cadreId: set!.cadreId }, before: undefined });
            }
          }
        }
        await add(writes);
      }
    },
  },
  {
    // The 任免审批表's form-only fields (shared/domain/appointmentForm.ts), one local record per cadre: id v5 of
    // the cadre id, and the cadre id unique, so a form is found by its cadre.
    version: 7,
    stores: { appointmentForms: 'id, &cadreId' },
  },
  {
    // What an imported 任免审批表 (LRMX/LRM) file held that the dossier cannot, per cadre (local, not synced):
    // handed back on export so that a round trip loses nothing (renderer/db/lrmxKept.ts).
    version: 8,
    stores: { lrmxKept: 'cadreId' },
  },
  {
    // 管理监督 (docs/supervision.md): the restricted record types, a table each indexed by cadre (reports also by
    // year, loans by document); the random draws kept as drawn (local); and the hash-chained log of every write
    // to a restricted type, by sequence number (local: each installation signs its own chain).
    version: 9,
    stores: {
      personalMatters: 'id, cadreId, year',
      supervisionActions: 'id, cadreId',
      clues: 'id, cadreId',
      fourChecks: 'id, cadreId',
      travelDocuments: 'id, cadreId',
      documentLoans: 'id, cadreId, documentId',
      supervisionDraws: 'id, year',
      supervisionChain: 'seq',
    },
  },
  {
    // 培养历练 (docs/cultivation.md): the training programme (one per year), its classes by start date, and the
    // enrolments by class, cadre and year (trainees outside the registry have no cadre id and are left out of
    // that index); the tempering kinds (挂职, 驻村, 请战, 顶岗) by cadre (the dossier's tab) and start month (a
    // year's statistics read that year's records only).
    version: 10,
    stores: {
      trainingPrograms: 'id, year',
      trainingClasses: 'id, from',
      enrollments: 'id, classId, cadreId, year',
      secondments: 'id, cadreId, from',
      villagePostings: 'id, cadreId, from',
      volunteering: 'id, cadreId, from',
      actingPosts: 'id, cadreId, from',
    },
  },
  {
    // 实绩档案 (docs/performance.md): performance records by cadre, by cadre and kind (a unit's collection matrix)
    // and by kind and period (the district's completion for one month); the 正负面清单 items, conduct records,
    // 综合研判 and 三项机制 adjustments by cadre (the timeline) and by date.
    version: 11,
    stores: {
      performanceRecords: 'id, cadreId, [cadreId+kind], [kind+period]',
      conductItems: 'id, polarity',
      conductRecords: 'id, cadreId, date',
      appraisals: 'id, cadreId, unitId, date',
      mechanismAdjustments: 'id, cadreId, date',
    },
  },
  {
    // 选拔任用 (docs/selection.md): establishments by unit (one each), appointment cases by stage and unit, the
    // holiday calendar by year (one each), promotion rounds by decision date, pool entries and trial periods by cadre.
    version: 12,
    stores: {
      establishments: 'id, &unitId',
      appointmentCases: 'id, stage, unitId',
      holidayYears: 'id, &year',
      rankRounds: 'id, decidedOn',
      poolEntries: 'id, cadreId, pool',
      trialPeriods: 'id, cadreId',
    },
  },
  {
    // 培养历练 (docs/cultivation.md "Hours kept per year"): each trainee's year in one row — hours earned and
    // enrolments per audience — kept by the repository in the transaction of every enrolment write, so the
    // hours-shortfall list and the statistics read about one row per cadre instead of a year's enrolments. Filled
    // here from the enrolments already stored, a chunk at a time.
    version: 14,
    stores: { traineeYears: '[year+trainee]' },
    upgrade: async (tx) => {
      const CHUNK = 5_000;
      const classes = (await tx.table('trainingClasses').toArray()) as { id: string; audience: string; deleted?: boolean }[];
      const live = classes.filter((c) => !c.deleted);
      const rows = new Map<string, TraineeYear>();
      const keys = await tx.table('enrollments').toCollection().primaryKeys();
      for (let i = 0; i < keys.length; i += CHUNK) {
        const found = (await tx.table('enrollments').bulkGet(keys.slice(i, i + CHUNK))) as (Enrollment | undefined)[];
        for (const row of traineeTotals(live, found.filter((e): e is Enrollment => !!e))) {
          const key = `${row.year}\u0000${row.trainee}`;
          rows.set(key, mergeTotals(rows.get(key), row));
        }
      }
      const all = [...rows.values()];
      for (let i = 0; i < all.length; i += CHUNK) await tx.table('traineeYears').bulkPut(all.slice(i, i + CHUNK));
    },
  },
  {
    // Sync (docs/bundle-format.md "Sync in this code"): the change index stops indexing every sub-record id (one
    // IndexedDB index entry per record, most of an import's write time); a Bloom filter of the ids, 256 small rows,
    // answers which incoming sub-records may already be held by another dossier. Filled here from the rows' lists.
    version: 20,
    stores: { syncIndex: 'key, *marks', syncIdFilter: 'shard' },
    upgrade: async (tx) => {
      const CHUNK = 5_000;
      const filter = new IdFilter(tx.table('syncIdFilter') as IdFilterTable);
      let last: string | null = null;
      for (;;) {
        const from = last === null ? tx.table('syncIndex').toCollection() : tx.table('syncIndex').where(':id').above(last);
        const rows = (await from.limit(CHUNK).toArray()) as ChangeIndexRow[];
        if (!rows.length) break;
        await filter.add(rows.flatMap((r) => r.ids ?? []));
        last = rows[rows.length - 1]!.key;
      }
      await filter.save();
    },
  },
  {
    // 实绩档案 (docs/performance.md "Collection"): each live monthly report's cadre, month and status in one small
    // row, so the collection matrix and the district's counts read a few bytes per report, not the report whole.
    // Kept under every write of performanceRecords in the same transaction (renderer/db/performanceMonths.ts);
    // filled here from the reports stored.
    version: 23,
    stores: { performanceMonths: 'id, [period+cadreId], [cadreId+period]' },
    upgrade: (tx) =>
      fillMonths({
        reports: (after, limit) => (after === null ? tx.table('performanceRecords').toCollection() : tx.table('performanceRecords').where(':id').above(after)).limit(limit).toArray(),
        put: (rows) => tx.table('performanceMonths').bulkPut(rows),
      }),
  },
  {
    // 培养历练 (docs/cultivation.md "Promotions after a posting"): each dossier's post levels and ranks in one small
    // row per cadre, so a year's statistics judge the promotions after village postings without reading whole
    // dossier sets. Kept under every write of subRecords in the same transaction (renderer/db/cultivationSteps.ts);
    // filled here from the sets stored. And the trainees' kept totals again in 256 packs of columns a year
    // (docs/cultivation.md "Hours kept per year"), so a year is read as a few hundred rows, not 100,000; kept
    // under every write of traineeYears (renderer/db/cultivationPacks.ts), filled here from its rows; and what the
    // statistics count of the tempering records, in packs per table (renderer/db/cultivationTempering.ts).
    version: 24,
    stores: { promotionSteps: 'cadreId', traineeYearPacks: '[year+bucket]', temperingPacks: '[table+bucket]' },
    upgrade: async (tx) => {
      await fillSteps({
        sets: (after, limit) => (after === null ? tx.table('subRecords').toCollection() : tx.table('subRecords').where(':id').above(after)).limit(limit).toArray(),
        put: (rows) => tx.table('promotionSteps').bulkPut(rows),
      });
      await tx.table('traineeYearPacks').bulkPut(v24PacksOfRows((await tx.table('traineeYears').toArray()) as TraineeYear[]));
      for (const table of Object.keys(GROUPED_BY) as (keyof typeof GROUPED_BY)[]) {
        await tx.table('temperingPacks').bulkPut(temperingPacksOf(table, await tx.table(table).toArray()));
      }
    },
  },
  {
    // 管理监督 (docs/supervision.md "Performance"): the personal-matters reports also by their 核查结果, so the
    // blocking periods of the whole district read only the reports with a 漏报 or 瞒报 finding, not ten years of
    // reports. Dexie builds the index from the rows stored.
    version: 25,
    stores: { personalMatters: 'id, cadreId, year, result' },
  },
  {
    // 选拔任用 (docs/selection.md "Performance"): each dossier's post levels, assessments and blocking 奖惩 in one
    // small row per cadre, so the eligibility list's first read is not every whole dossier set. Kept under every
    // write of subRecords in the same transaction (renderer/db/selectionFacts.ts); filled here from the sets stored.
    version: 26,
    stores: { selectionFacts: 'cadreId' },
    upgrade: (tx) =>
      fillFacts({
        sets: (after, limit) => (after === null ? tx.table('subRecords').toCollection() : tx.table('subRecords').where(':id').above(after)).limit(limit).toArray(),
        put: (rows) => tx.table('selectionFacts').bulkPut(rows),
      }),
  },
  {
    // 培养历练 (docs/cultivation.md "Statistics"): the tempering records' packs again a pack per table, year and
    // bucket, so a year's statistics read only that year's packs, not every year's; kept under every write of the
    // four tables (renderer/db/cultivationTempering.ts), filled here from their records. Version 24's packs go.
    version: 27,
    stores: { temperingPacks: null, temperingYearPacks: '[table+bucket+year], [table+year]' },
    upgrade: async (tx) => {
      for (const table of TEMPERING_TABLES) await tx.table('temperingYearPacks').bulkPut(temperingYearPacksOf(table, await tx.table(table).toArray()));
    },
  },
  {
    // 管理监督 (docs/supervision.md "Hash-chained log"): the log's entries sealed 200 to a row, so verifying a million
    // reads thousands of rows, not a million; the entries after the last full block stay one a row in
    // supervisionChain. The log stored so far is sealed here, up to its open end or the first damage.
    version: 28,
    stores: { supervisionChainBlocks: 'start' },
    upgrade: (tx) => sealStoredLog(tx.table('supervisionChain'), tx.table('supervisionChainBlocks')),
  },
  {
    // 管理监督 (docs/supervision.md "Performance"): the log's sealed blocks joined ten to a row, 2,000 entries, so
    // each row is over the 64 KiB above which Chromium keeps a value as a file of its own and reads it several
    // times faster; a damaged stretch stays as it is.
    version: 29,
    stores: {},
    upgrade: (tx) => joinStoredBlocks(tx.table('supervisionChainBlocks')),
  },
  {
    // 实绩档案 (docs/performance.md "Collection"): the district's month and year read each month's reports as packs
    // of cadres and statuses, at most 256 rows a month, not a small row per report; kept under every write of
    // performanceRecords in the same transaction (renderer/db/performanceMonthPacks.ts), filled here from the
    // reports stored. The indexes nothing reads any more go (every report written kept an entry in each): the
    // reports by [kind+period] and the small rows by [period+cadreId].
    version: 30,
    stores: {
      performanceRecords: 'id, cadreId, [cadreId+kind]',
      performanceMonths: 'id, [cadreId+period]',
      performanceMonthPacks: '[period+bucket]',
    },
    upgrade: (tx) =>
      fillMonthPacks({
        reports: (after, limit) => (after === null ? tx.table('performanceRecords').toCollection() : tx.table('performanceRecords').where(':id').above(after)).limit(limit).toArray(),
        get: (keys) => tx.table<MonthPack>('performanceMonthPacks').bulkGet(keys),
        put: (packs) => tx.table('performanceMonthPacks').bulkPut(packs),
      }),
  },
  {
    // 培养历练 (docs/cultivation.md "Hours kept per year"): the trainees' totals in 32 packs a year, each column one
    // string (the keys joined, the hours and audience counts joined), so a year is a few large values, each over
    // the 64 KiB above which Chromium keeps a value as a file of its own and reads it several times faster, and
    // clones a few strings instead of 600,000 tagged values; kept under every write of traineeYears
    // (renderer/db/cultivationPacks.ts), filled here from its rows. Version 24's 256 packs a year go. And the
    // tempering records' packs (renderer/db/cultivationTempering.ts) 2 a table and year instead of 32, so most are over
    // 64 KiB too, each village posting with its later promotion, so a year's statistics read no post or rank history
    // (kept under every write of the postings and of promotionSteps): refilled here from the records.
    version: 31,
    stores: { traineeYearPacks: null, traineeTotalPacks: '[year+bucket]' },
    upgrade: async (tx) => {
      await tx.table('traineeTotalPacks').bulkPut(packsOfRows((await tx.table('traineeYears').toArray()) as TraineeYear[]));
      await tx.table('temperingYearPacks').clear();
      for (const table of TEMPERING_TABLES) {
        let records = await tx.table(table).toArray();
        if (table === 'villagePostings') {
          const steps = await tx.table('promotionSteps').bulkGet([...new Set(records.map((p: { cadreId: string }) => p.cadreId))]);
          records = postingsWithPromotions(records, steps.filter((s) => s !== undefined));
        }
        await tx.table('temperingYearPacks').bulkPut(temperingYearPacksOf(table, records));
      }
    },
  },
  {
    // Issue 9 (the bulk loader): 选拔任用's facts (selectionFacts, 26) and 培养历练's steps (promotionSteps, 24) in one
    // kept row per dossier, dossierFacts (renderer/db/dossierFacts.ts): each followed every write of a dossier set,
    // and IndexedDB's cost is per row, so a load wrote four rows a cadre where three now do. Filled here from the
    // two small tables (not the whole sets), which then go; temperingYearPacks now follows dossierFacts.
    version: 32,
    stores: { dossierFacts: 'cadreId', selectionFacts: null, promotionSteps: null },
    upgrade: (tx) =>
      fillDossierFacts({
        keys: async () => [...((await tx.table('selectionFacts').toCollection().primaryKeys()) as string[]), ...((await tx.table('promotionSteps').toCollection().primaryKeys()) as string[])],
        facts: (ids) => tx.table('selectionFacts').bulkGet(ids),
        steps: (ids) => tx.table('promotionSteps').bulkGet(ids),
        put: (rows: DossierFactsRow[]) => tx.table('dossierFacts').bulkPut(rows),
      }),
  },
  {
    // Issue 9 (the demo load): 培养历练's totals are kept in their packs alone (renderer/db/cultivationPacks.ts). The
    // packs have followed every write of traineeYears since version 31, so they hold its rows already, and the rows
    // go. The enrolments' year index goes too: the yearly counts read the packs, and nothing read it since.
    version: 33,
    stores: { traineeYears: null, enrollments: 'id, classId, cadreId' },
  },
  {
    // Issue 13 (storing a district's reports): 实绩档案's collection matrix reads each cadre's year of monthly reports
    // in one kept row (renderer/db/performanceCadreYears.ts), not a small row per report (version 23), so storing a
    // report writes one row, not two; filled here from the small rows, which go. The reports' [cadreId+kind] index
    // goes too: a cadre's reports of a kind are read by cadre (a few dozen) and filtered.
    version: 34,
    stores: { performanceMonths: null, performanceCadreYears: '[cadreId+year]', performanceRecords: 'id, cadreId' },
    upgrade: (tx) =>
      fillCadreYears({
        rows: (after, limit) => (after === null ? tx.table('performanceMonths').toCollection() : tx.table('performanceMonths').where(':id').above(after)).limit(limit).toArray(),
        get: (keys) => tx.table<CadreYear>('performanceCadreYears').bulkGet(keys),
        put: (rows) => tx.table('performanceCadreYears').bulkPut(rows),
      }),
  },
  {
    // Issue 9 (the demo load): 参训学员 a class to a row (renderer/db/classEnrollments.ts), with the class's cadres in
    // a multi-entry index, instead of a row per enrolment with two indexes: writing a row costs the same whatever
    // its size, and a district holds 900,000 enrolments in 15,000 classes. Filled here from the rows, which go.
    version: 35,
    stores: { enrollments: null, classEnrollments: 'classId, *cadreIds' },
    upgrade: async (tx) => {
      // a page at a time, merged into the rows of the pages before (a class may span pages)
      const PAGE = 20_000;
      let after: string | null = null;
      for (;;) {
        const list = (await (after === null ? tx.table('enrollments').toCollection() : tx.table('enrollments').where(':id').above(after)).limit(PAGE).toArray()) as Enrollment[];
        if (!list.length) break;
        const classIds = [...new Set(list.map((e) => e.classId))];
        const found = (await tx.table('classEnrollments').bulkGet(classIds)) as (ClassEnrollments | undefined)[];
        await tx.table('classEnrollments').bulkPut(rowsOfEnrollments(list, new Map(found.flatMap((r) => (r ? [[r.classId, r] as const] : [])))));
        after = list[list.length - 1]!.id;
      }
    },
  },
  {
    // Issue 9 (the demo load): the classes' cadres indexed as numbers (cadreKeyOf) rather than as their ids: the
    // index's 900,000 entries at 100,000 cadres cost the demo load 14 s as ids and 9 s as numbers. Every row is
    // written again from its enrolments, whatever version 35 left in it.
    version: 36,
    stores: { classEnrollments: 'classId, *cadreKeys' },
    upgrade: async (tx) => {
      await tx
        .table('classEnrollments')
        .toCollection()
        .modify((row: ClassEnrollments, ref: { value: ClassEnrollments }) => {
          // the row as version 36 keeps it: the cadres' keys beside the enrolments (gone again in version 37)
          const keys = [...new Set(row.enrollments.flatMap((e) => (e.cadreId ? [fnv1a32(e.cadreId)] : [])))];
          ref.value = { ...withEnrollments(undefined, row.classId, row.enrollments), cadreKeys: keys } as ClassEnrollments;
        });
    },
  },
  {
    // Issue 9 (the demo load): which classes a cadre is in is kept in 1,024 packs (renderer/db/cadreClasses.ts) instead
    // of version 36's multi-entry index of the class rows, whose 900,000 entries at 100,000 cadres took 11 s of the
    // demo load. Filled here from the rows; the index goes, and its keys are left in the rows until each is next
    // written (nothing reads them).
    version: 37,
    stores: { classEnrollments: 'classId', [CADRE_CLASSES_TABLE]: 'bucket' },
    upgrade: (tx) =>
      fillCadreClasses({
        rows: (after, limit) => (after === null ? tx.table('classEnrollments').toCollection() : tx.table('classEnrollments').where(':id').above(after)).limit(limit).toArray(),
        put: (packs) => tx.table(CADRE_CLASSES_TABLE).bulkPut(packs),
      }),
  },
  {
    // Issue 9 (the demo load): the dossiers' kept facts in 1,024 packs (renderer/db/dossierFacts.ts) instead of a row
    // per cadre: IndexedDB's cost is per row written, and version 32's 100,000 rows were 10.5 s of the demo load.
    // Filled here from the rows, which go; temperingYearPacks now follows the dossier sets themselves.
    version: 38,
    stores: { [DOSSIER_FACT_PACKS]: 'bucket', [V32_FACTS_TABLE]: null },
    upgrade: (tx) =>
      fillFactPacks({
        rows: (after, limit) => (after === null ? tx.table(V32_FACTS_TABLE).toCollection() : tx.table(V32_FACTS_TABLE).where(':id').above(after)).limit(limit).toArray(),
        put: (packs) => tx.table(DOSSIER_FACT_PACKS).bulkPut(packs),
      }),
  },
  {
    // Issue 9 (the demo load): the dossier sets stored 32 to a row (renderer/db/dossierPacks.ts), each row's cadres in a
    // multi-entry index, instead of a row each: 100,000 rows were a third of the demo load. subRecords stays declared,
    // empty; the storage middleware shows the packs as its sets. Packed here unit by unit from the rows, which go.
    version: 39,
    stores: { [DOSSIER_PACKS]: 'packId, *cadreIds' },
    upgrade: (tx) => packStoredSets(tx.idbtrans),
  },
];

export const LATEST_VERSION = Math.max(...schemaVersions.map((v) => v.version));

/**
 * Declares the given versions on a Dexie instance (all of them by default), the last being the version opened.
 * A version without an upgrade() is folded into the next one declared: Dexie re-reads every declared version's
 * stores at each declaration, which made declaring all of them a tenth of a second of every start, and it needs
 * only the versions whose upgrade() must run (it diffs against the schema the database really has, and an
 * upgrade() still sees the tables its version deletes).
 */
export function declareSchema(db: Dexie, versions: readonly SchemaVersion[] = schemaVersions): void {
  let carried: Record<string, string | null> = {};
  versions.forEach((v, i) => {
    const stores = { ...carried, ...v.stores };
    if (!v.upgrade && i < versions.length - 1) {
      carried = stores;
      return;
    }
    carried = {};
    const declared = db.version(v.version).stores(stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  });
}
