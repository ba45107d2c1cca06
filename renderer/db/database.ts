import { Dexie, type EntityTable } from 'dexie';
import type { Unit } from '../../shared/domain/unit';
import type { Cadre, SubRecordOf, SubRecordTable } from '../../shared/domain/cadre';
import type { Actor } from '../../shared/domain/record';
import type { FieldChange } from '../../shared/catalog/leaves';
import { declareSchema, type SchemaVersion } from './schema';
import { keptTableMiddleware } from './keptTable';
import { dossierPacksStorage } from './dossierPacks';
import { cadreYearsKept } from './performanceCadreYears';
import { monthPacksKept } from './performanceMonthPacks';
import { dossierFactsKept } from './dossierFacts';
import { cadreClassesKept } from './cadreClasses';
import { temperingPacksKept } from './cultivationTempering';
import type { ChangeIndexRow } from '../sync/changeIndex';
import type { IdFilterTable } from '../sync/idFilter';
import type { ConflictRow, KnowledgeRow, LedgerRow, StagingRow, StreamRow } from '../sync/tables';

export interface MetaEntry {
  key: string;
  value: unknown;
}

/** Local change log: never synced (docs/architecture.md#which-data-syncs-and-how-ids-are-made). */
export interface AuditEntry {
  id: string;
  at: number;
  actor: Actor;
  table: string;
  recordId: string;
  action: 'create' | 'update' | 'delete';
  /** One line of Chinese for the history view, e.g. 重命名单位“甲”为“乙”. */
  summary: string;
  /** The record's title, e.g. 2024年度考核 (record types of the catalogue). */
  title?: string;
  /** Which fields changed, from what to what, in Chinese labels and captions. */
  changes?: FieldChange[];
  before: unknown;
  after: unknown;
}

/**
 * All sub-records of one dossier as one set (schema version 4; stored 32 sets to a row since version 39,
 * renderer/db/dossierPacks.ts): IndexedDB's cost is per row, and a dossier's sub-records are read and written
 * together. Each entry is a whole synced record (own id, vv, tombstone); a kind with no entries may be absent. A
 * set may exist before its cadre does (records arriving by sync in any order).
 */
export type SubRecordSet = { cadreId: string } & { [T in SubRecordTable]?: SubRecordOf<T>[] };

/** Photos and scanned attachments, by SHA-256 of their content (docs/architecture.md#blobs). */
export interface BlobEntry {
  hash: string;
  type: string;
  data: Blob;
}

/** A saved 组合查询 (local: saved queries do not sync, docs/architecture.md#which-data-syncs-and-how-ids-are-made). */
export interface SavedQuery {
  id: string;
  name: string;
  /** The query tree (shared/rules/query.ts), checked with validateQuery when loaded. */
  query: unknown;
  description: string;
  createdAt: number;
}

/** A saved choice and order of roster columns (local). */
export interface ColumnSet {
  id: string;
  name: string;
  columns: string[];
  createdAt: number;
}

export type CadreDb = Dexie & {
  meta: EntityTable<MetaEntry, 'key'>;
  units: EntityTable<Unit, 'id'>;
  cadres: EntityTable<Cadre, 'id'>;
  subRecords: EntityTable<SubRecordSet, 'cadreId'>;
  blobs: EntityTable<BlobEntry, 'hash'>;
  audit: EntityTable<AuditEntry, 'id'>;
  savedQueries: EntityTable<SavedQuery, 'id'>;
  columnSets: EntityTable<ColumnSet, 'id'>;
  // sync (schema version 6, renderer/sync/tables.ts)
  ledger: EntityTable<LedgerRow, 'bundleId'>;
  knowledge: EntityTable<KnowledgeRow, 'key'>;
  streams: EntityTable<StreamRow, 'stream'>;
  staging: EntityTable<StagingRow, 'key'>;
  conflicts: EntityTable<ConflictRow, 'key'>;
  syncIndex: EntityTable<ChangeIndexRow, 'key'>;
  // which sub-record ids are here (schema version 20, renderer/sync/idFilter.ts)
  syncIdFilter: IdFilterTable;
};

export const DATABASE_NAME = 'cadredesk';

/**
 * `keptTables: false` opens the tables as stored, with no kept table following writes: only for filling a database
 * from a backup, which carries the kept tables' rows of its own consistent copy (renderer/features/backup/restore.ts).
 */
export function openDatabase(name = DATABASE_NAME, versions?: readonly SchemaVersion[], options: { keptTables?: boolean } = {}): CadreDb {
  const db = new Dexie(name) as CadreDb;
  declareSchema(db, versions);
  // where the dossier sets are stored (renderer/db/dossierPacks.ts): below everything, kept tables or not
  db.use(dossierPacksStorage());
  if (options.keptTables === false) return db;
  // the kept tables (renderer/db/keptTable.ts): 选拔任用's facts with 培养历练's post levels and ranks in packs under
  // every dossier write, 实绩档案's monthly reports of each cadre's year in one row, what 培养历练's statistics count of
  // the tempering records, 实绩档案's monthly reports in packs per month, and which classes each cadre is in. The
  // first registered is the lowest: the dossier facts' middleware sits below the tempering packs' one, so a set's
  // new facts are noted before a posting written with it in one transaction reads them (a posting's promotion).
  for (const kept of [dossierFactsKept, temperingPacksKept, cadreYearsKept, monthPacksKept, cadreClassesKept]) db.use(keptTableMiddleware(kept));
  return db;
}
