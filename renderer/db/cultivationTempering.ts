import { Dexie, type DBCoreMutateRequest, type DBCoreTable, type DBCoreTransaction } from 'dexie';
import type { TemperingTable } from '../../shared/domain/cultivation';
import { promotionAfter } from '../../shared/rules/cultivation';
import type { CadreDb } from './database';
import { EVERY_KEY, oneAtATime, type KeptTable, type SourceWrite } from './keptTable';
import { stepsOfSet, type StepsRow } from './cultivationSteps';
import { DOSSIER_FACT_PACKS, keptFactsIn } from './dossierFacts';

// What a year's statistics count of the tempering records (docs/cultivation.md "Statistics"), read as a few dozen
// rows instead of a row per record: at 100,000 cadres a year starts about 16,000 secondments, postings, 请战 and
// 顶岗, each a whole record of Chinese text. temperingYearPacks (schema version 27) holds, per table and year, the
// live records' id, cadre, start and the one or two fields the statistics group by, in columns, 2 packs a table
// and year (32 before schema version 31), each record in the pack of its start's year and of the bucket its id
// hashes to. A year reads only its own packs (version 24's temperingPacks held every year in the same 32 packs a
// table, so a year read them all). Two, not 32: at 100,000 cadres a year's 14,535 records in 128 packs were values
// under the 64 KiB above which Chromium keeps a value as a file of its own and reads it several times faster
// (219 ms for the year); in 8 packs most are over it, and a write rewrites at most a few hundred KiB.
//
// A kept table nobody writes by hand (renderer/db/keptTable.ts), like the trainees' packs: every write of the four
// tables puts each written record into its pack — replacing its entry, or taking it out when it is deleted (a
// tombstone) — in the write's own transaction. A record whose start moved to another year is found in its
// bucket's packs of every year (one key range: the key is [table, bucket, year]).
//
// A village posting's entry also holds the month of the promotion that followed it ('' when none; schema version
// 31), so a year's statistics read no post or rank history: at 100,000 cadres the 4,775 posted cadres' kept steps
// were one IndexedDB request each, over a second. It is computed from the cadre's kept post levels and ranks (the
// packs of renderer/db/dossierFacts.ts since schema version 38; a row of dossierFacts in 32–37, of promotionSteps
// before) when the posting is written, and again for each of a cadre's postings whenever the cadre's dossier set is
// written, from the set itself. The follow-ups of one transaction run one after another (keptTable.ts's
// oneAtATime), so two of them never edit the same pack at once.

export const TEMPERING_PACKS = 'temperingYearPacks';
const SETS_TABLE = 'subRecords';
/** Schema version 24's packs, every year together (filled by its upgrade; dropped by version 27's). */
export const V24_TEMPERING_PACKS = 'temperingPacks';
const BUCKETS = 2;

/** The fields each table's statistics group by, besides its cadre and start. */
export const GROUPED_BY = {
  secondments: ['region'],
  villagePostings: ['role', 'promotedIn'],
  volunteering: ['form', 'area'],
  actingPosts: ['actingLevel', 'outcome'],
} as const satisfies Record<TemperingTable, readonly string[]>;
const TABLES = Object.keys(GROUPED_BY) as TemperingTable[];
/** The four tables, in the order of GROUPED_BY. */
export const TEMPERING_TABLES: readonly TemperingTable[] = TABLES;

export interface TemperingPack {
  table: TemperingTable;
  /** The year its records start in (0 for a start that is no month). */
  year: number;
  bucket: number;
  id: string[];
  cadreId: string[];
  from: string[];
  /** One column per field of GROUPED_BY[table]. */
  fields: Record<string, string[]>;
}

/** Version 24's pack: the same columns, every year together. */
export type V24TemperingPack = Omit<TemperingPack, 'year'>;

/** What the statistics read of one record: its cadre, its start and the fields it is grouped by. */
export type TemperingFacts<T extends TemperingTable = TemperingTable> = { id: string; cadreId: string; from: string } & Record<(typeof GROUPED_BY)[T][number], string>;

export function bucketOfId(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return (h >>> 0) % BUCKETS;
}

/** The year of a start month ("2025-04" → 2025); 0 when it is not one, so it is still a valid key. */
export function yearOfStart(from: string): number {
  return /^\d{4}/.test(from) ? Number(from.slice(0, 4)) : 0;
}

type Written = { id: string; cadreId: string; from: string; deleted?: boolean } & Record<string, unknown>;

/**
 * The packs with the records applied (live ones put into the pack of their year, tombstones and deleted ids taken
 * out of whichever pack holds them), each changed pack copied once. `stored` must hold every pack of the buckets
 * the records' ids hash to (any year), so that a record moved to another year leaves its old pack.
 */
export function applyRecords(
  table: TemperingTable,
  stored: readonly TemperingPack[],
  records: readonly Written[],
  deletedIds: readonly string[],
  yearOf: (from: string) => number = yearOfStart,
): TemperingPack[] {
  const names = GROUPED_BY[table];
  const keyOf = (year: number, bucket: number) => `${year}\u0000${bucket}`;
  const touched = new Set([...records.map((r) => r.id), ...deletedIds].map(bucketOfId));
  const storedAt = new Map<string, TemperingPack>();
  /** Where each id of the touched buckets is now: its pack's key. */
  const holder = new Map<string, string>();
  for (const p of stored) {
    if (p.table !== table || !touched.has(p.bucket)) continue;
    const key = keyOf(p.year, p.bucket);
    storedAt.set(key, p);
    for (const id of p.id) holder.set(id, key);
  }
  const edits = new Map<string, { pack: TemperingPack; at: Map<string, number> }>();
  const editOf = (year: number, bucket: number) => {
    const key = keyOf(year, bucket);
    let edit = edits.get(key);
    if (!edit) {
      const from = storedAt.get(key);
      const pack: TemperingPack = {
        table,
        year,
        bucket,
        id: [...(from?.id ?? [])],
        cadreId: [...(from?.cadreId ?? [])],
        from: [...(from?.from ?? [])],
        fields: Object.fromEntries(names.map((n) => [n, [...(from?.fields[n] ?? [])]])),
      };
      edits.set(key, (edit = { pack, at: new Map(pack.id.map((x, i) => [x, i])) }));
    }
    return edit;
  };
  const columns = (p: TemperingPack) => [p.id, p.cadreId, p.from, ...names.map((n) => p.fields[n]!)];
  const remove = (id: string) => {
    const key = holder.get(id);
    if (key === undefined) return;
    holder.delete(id);
    const held = storedAt.get(key) ?? edits.get(key)!.pack;
    const { pack, at } = editOf(held.year, held.bucket);
    const i = at.get(id)!;
    const last = pack.id.length - 1;
    at.delete(id);
    if (i !== last) at.set(pack.id[last]!, i);
    for (const list of columns(pack)) {
      list[i] = list[last]!;
      list.pop();
    }
  };
  for (const id of deletedIds) remove(id);
  for (const r of records) {
    const year = yearOf(r.from);
    const bucket = bucketOfId(r.id);
    if (r.deleted || holder.get(r.id) !== keyOf(year, bucket)) remove(r.id);
    if (r.deleted) continue;
    const { pack, at } = editOf(year, bucket);
    let i = at.get(r.id);
    if (i === undefined) at.set(r.id, (i = pack.id.length));
    holder.set(r.id, keyOf(year, bucket));
    pack.id[i] = r.id;
    pack.cadreId[i] = r.cadreId;
    pack.from[i] = r.from;
    for (const n of names) pack.fields[n]![i] = String(r[n] ?? '');
  }
  return [...edits.values()].map((e) => e.pack);
}

/** The key range of every year's pack of one bucket of a table. */
const bucketRange = (table: TemperingTable, bucket: number) => ({ type: 2 as const, lower: [table, bucket, Dexie.minKey], upper: [table, bucket, Dexie.maxKey], lowerOpen: false, upperOpen: false });

/** The month of the promotion after a posting starting in `from` ('' when none, or when the cadre has no dossier set). */
export function promotedIn(from: string, steps: Pick<StepsRow, 'posts' | 'ranks'> | null | undefined): string {
  return steps ? (promotionAfter(from, steps.posts, steps.ranks)?.month ?? '') : '';
}

/** Live postings with their promotion from the steps given (by cadre); other records as they are. */
const withPromotions = (records: readonly Written[], steps: ReadonlyMap<string, StepsRow | null>): Written[] =>
  records.map((r) => (r.deleted ? r : { ...r, promotedIn: promotedIn(r.from, steps.get(r.cadreId)) }));

/**
 * The kept facts' packs, or null in a database older than schema version 38: only while it is being upgraded, or in
 * a test of an older version, where a posting then packs no promotion.
 */
function keptSteps(tables: (name: string) => DBCoreTable): DBCoreTable | null {
  try {
    return tables(DOSSIER_FACT_PACKS);
  } catch {
    return null;
  }
}

/** The kept steps of some cadres, read in `trans` (facts a bulk write still defers included). */
async function stepsOf(packs: DBCoreTable, trans: DBCoreTransaction, database: string, cadreIds: readonly string[]): Promise<Map<string, StepsRow | null>> {
  const found = await keptFactsIn(packs, trans, database, cadreIds);
  return new Map([...found].map(([cadreId, f]) => [cadreId, f && { cadreId, posts: f.posts, ranks: f.ranks }]));
}

async function mirror(packs: DBCoreTable, rows: DBCoreTable, table: TemperingTable, trans: DBCoreTransaction, req: DBCoreMutateRequest, stepsTable: () => DBCoreTable | null, database: string): Promise<void> {
  let records: Written[] = [];
  let deletedIds: string[] = [];
  if (req.type === 'add' || req.type === 'put') records = req.values as Written[];
  else if (req.type === 'delete') deletedIds = req.keys as string[];
  // a range of records (a clear): the ids it holds, read before it is deleted
  else deletedIds = (await rows.query({ trans, values: false, query: { index: rows.schema.primaryKey, range: req.range } })).result as string[];
  if (table === 'villagePostings' && records.length) {
    const cadres = [...new Set(records.filter((r) => !r.deleted).map((r) => r.cadreId))];
    const steps = cadres.length ? stepsTable() : null;
    records = withPromotions(records, steps ? await stepsOf(steps, trans, database, cadres) : new Map());
  }
  return putRecords(packs, table, trans, records, deletedIds);
}

/** Puts records into their packs and takes deleted ids out of theirs. */
async function putRecords(packs: DBCoreTable, table: TemperingTable, trans: DBCoreTransaction, records: readonly Written[], deletedIds: readonly string[]): Promise<void> {
  const buckets = [...new Set([...records.map((r) => r.id), ...deletedIds].map(bucketOfId))].sort((a, b) => a - b);
  if (!buckets.length) return;
  // every year's pack of the buckets touched, in one key range from the lowest bucket to the highest
  const range = { ...bucketRange(table, buckets[0]!), upper: bucketRange(table, buckets.at(-1)!).upper };
  const stored = (await packs.query({ trans, values: true, query: { index: packs.schema.primaryKey, range } })).result as TemperingPack[];
  const values = applyRecords(table, stored, records, deletedIds);
  const kept = values.filter((p) => p.id.length);
  const empty = values.filter((p) => !p.id.length).map((p) => [table, p.bucket, p.year]);
  if (kept.length) await packs.mutate({ type: 'put', trans, values: kept });
  if (empty.length) await packs.mutate({ type: 'delete', trans, keys: empty });
}

/**
 * After a write of dossier sets: each live village posting of their cadres put again into its pack, with its
 * promotion from the cadre's new set (none when the set is deleted). A clear's cadres are read before it runs.
 */
async function followSteps({ rows, kept, req, res, tables }: SourceWrite): Promise<void> {
  const trans = req.trans;
  let steps: Map<string, StepsRow | null>;
  if (req.type === 'add' || req.type === 'put') {
    const stored = (i: number) => !res || res.numFailures === 0 || res.failures[i] === undefined;
    steps = new Map((req.values as Parameters<typeof stepsOfSet>[0][]).flatMap((set, i) => (stored(i) ? [[set.cadreId, stepsOfSet(set)]] : [])));
  } else {
    const keys = req.type === 'delete' ? req.keys : (await rows.query({ trans, values: false, query: { index: rows.schema.primaryKey, range: req.range } })).result;
    steps = new Map((keys as string[]).map((id) => [id, null]));
  }
  if (!steps.size) return;
  const postings = tables('villagePostings');
  // a load of many dossiers into a district without postings (the demo data, the benchmark) asks once, not per cadre
  if (steps.size > 1 && (await postings.count({ trans, query: { index: postings.schema.primaryKey, range: EVERY_KEY } })) === 0) return;
  const byCadre = postings.schema.getIndexByKeyPath('cadreId');
  if (!byCadre) throw new Error('villagePostings: no index by cadre');
  const found = await Promise.all([...steps.keys()].map((id) => postings.query({ trans, values: true, query: { index: byCadre, range: { type: 1, lower: id, upper: id } } })));
  const records = found.flatMap((f) => f.result as Written[]).filter((r) => !r.deleted);
  if (records.length) await putRecords(kept, 'villagePostings', trans, withPromotions(records, steps), []);
}

/**
 * Keeps temperingYearPacks under every write of the four tables and of the dossier sets (renderer/db/keptTable.ts):
 * a clear's ids are read before it runs; a posting's promotion reads the kept facts (renderer/db/dossierFacts.ts),
 * a dossier set written reads the cadre's postings. One follow-up at a time in a transaction, as each reads and
 * writes packs.
 */
export const temperingPacksKept: KeptTable = {
  table: TEMPERING_PACKS,
  sources: [...TABLES, SETS_TABLE],
  reads: ['villagePostings', DOSSIER_FACT_PACKS],
  follow: oneAtATime((write) => {
    const { source, rows, kept, req, res, tables, database } = write;
    if (res?.numFailures) throw new Error(`${source}: a failed record would leave its pack out of step`);
    return source === SETS_TABLE ? followSteps(write) : mirror(kept, rows, source as TemperingTable, req.trans, req, () => keptSteps(tables), database);
  }),
};

/** The village postings with their promotions, from every cadre's kept steps (schema version 31's upgrade). */
export function postingsWithPromotions(postings: readonly Written[], steps: readonly StepsRow[]): Written[] {
  return withPromotions(postings, new Map(steps.map((s) => [s.cadreId, s])));
}

/** The packs of a table from its records, a pack per year and bucket (schema version 27's upgrade). */
export function temperingYearPacksOf(table: TemperingTable, records: readonly Written[]): TemperingPack[] {
  return applyRecords(table, [], records, []).filter((p) => p.id.length);
}

/** Version 24's packs of a table from its records (its upgrade): every year in the same pack of a bucket. */
export function temperingPacksOf(table: TemperingTable, records: readonly Written[]): V24TemperingPack[] {
  return applyRecords(table, [], records, [], () => 0)
    .filter((p) => p.id.length)
    .map(({ year: _year, ...pack }) => pack);
}

/** The live records of a table that start in the year, as the statistics read them: from the year's packs. */
export async function temperingFactsOfYear<T extends TemperingTable>(db: CadreDb, table: T, year: number): Promise<TemperingFacts<T>[]> {
  const packs = (await db.table(TEMPERING_PACKS).where('[table+year]').equals([table, year]).toArray()) as TemperingPack[];
  const names: readonly string[] = GROUPED_BY[table];
  const lo = `${year}-01`;
  const hi = `${year}-12`;
  const out: TemperingFacts<T>[] = [];
  for (const p of packs) {
    for (let i = 0; i < p.id.length; i++) {
      const from = p.from[i]!;
      if (from < lo || from > hi) continue;
      const facts: Record<string, string> = { id: p.id[i]!, cadreId: p.cadreId[i]!, from };
      for (const n of names) facts[n] = p.fields[n]![i]!;
      out.push(facts as TemperingFacts<T>);
    }
  }
  return out;
}
