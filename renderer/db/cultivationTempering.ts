import { Dexie, type DBCore, type DBCoreMutateRequest, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';
import type { TemperingTable } from '../../shared/domain/cultivation';
import type { CadreDb } from './database';

// What a year's statistics count of the tempering records (docs/cultivation.md "Statistics"), read as a few dozen
// rows instead of a row per record: at 100,000 cadres a year starts about 16,000 secondments, postings, 请战 and
// 顶岗, each a whole record of Chinese text. temperingPacks (schema version 24) holds, per table, the live records'
// id, cadre, start and the one or two fields the statistics group by, in columns, 32 packs a table, each record in
// the pack its id hashes to (so a record moved to another year stays in its pack).
//
// A copy nobody writes by hand, kept like the trainees' packs (renderer/db/cultivationPacks.ts): a Dexie
// middleware under every write of the four tables puts each written record into its pack — replacing its entry,
// or taking it out when it is deleted (a tombstone) — in the write's own transaction.

export const TEMPERING_PACKS = 'temperingPacks';
const BUCKETS = 32;

/** The fields each table's statistics group by, besides its cadre and start. */
export const GROUPED_BY = {
  secondments: ['region'],
  villagePostings: ['role'],
  volunteering: ['form', 'area'],
  actingPosts: ['actingLevel', 'outcome'],
} as const satisfies Record<TemperingTable, readonly string[]>;
const TABLES = Object.keys(GROUPED_BY) as TemperingTable[];

export interface TemperingPack {
  table: TemperingTable;
  bucket: number;
  id: string[];
  cadreId: string[];
  from: string[];
  /** One column per field of GROUPED_BY[table]. */
  fields: Record<string, string[]>;
}

/** What the statistics read of one record: its cadre, its start and the fields it is grouped by. */
export type TemperingFacts<T extends TemperingTable = TemperingTable> = { id: string; cadreId: string; from: string } & Record<(typeof GROUPED_BY)[T][number], string>;

export function bucketOfId(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return (h >>> 0) % BUCKETS;
}

type Written = { id: string; cadreId: string; from: string; deleted?: boolean } & Record<string, unknown>;

/** The packs with the records applied (live ones put, tombstones and deleted ids taken out), each pack copied once. */
export function applyRecords(
  table: TemperingTable,
  stored: ReadonlyMap<number, TemperingPack>,
  records: readonly Written[],
  deletedIds: readonly string[],
): Map<number, TemperingPack> {
  const names = GROUPED_BY[table];
  const edits = new Map<number, { pack: TemperingPack; at: Map<string, number> }>();
  const editOf = (id: string) => {
    const bucket = bucketOfId(id);
    let edit = edits.get(bucket);
    if (!edit) {
      const from = stored.get(bucket);
      const pack: TemperingPack = {
        table,
        bucket,
        id: [...(from?.id ?? [])],
        cadreId: [...(from?.cadreId ?? [])],
        from: [...(from?.from ?? [])],
        fields: Object.fromEntries(names.map((n) => [n, [...(from?.fields[n] ?? [])]])),
      };
      edits.set(bucket, (edit = { pack, at: new Map(pack.id.map((x, i) => [x, i])) }));
    }
    return edit;
  };
  const columns = (p: TemperingPack) => [p.id, p.cadreId, p.from, ...names.map((n) => p.fields[n]!)];
  const remove = (id: string) => {
    const { pack, at } = editOf(id);
    const i = at.get(id);
    if (i === undefined) return;
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
    if (r.deleted) {
      remove(r.id);
      continue;
    }
    const { pack, at } = editOf(r.id);
    let i = at.get(r.id);
    if (i === undefined) at.set(r.id, (i = pack.id.length));
    pack.id[i] = r.id;
    pack.cadreId[i] = r.cadreId;
    pack.from[i] = r.from;
    for (const n of names) pack.fields[n]![i] = String(r[n] ?? '');
  }
  return new Map([...edits].map(([b, e]) => [b, e.pack]));
}

async function mirror(packs: DBCoreTable, rows: DBCoreTable, table: TemperingTable, trans: DBCoreTransaction, req: DBCoreMutateRequest): Promise<void> {
  let records: Written[] = [];
  let deletedIds: string[] = [];
  if (req.type === 'add' || req.type === 'put') records = req.values as Written[];
  else if (req.type === 'delete') deletedIds = req.keys as string[];
  // a range of records (a clear): the ids it holds, read before it is deleted
  else deletedIds = (await rows.query({ trans, values: false, query: { index: rows.schema.primaryKey, range: req.range } })).result as string[];
  const buckets = [...new Set([...records.map((r) => r.id), ...deletedIds].map(bucketOfId))];
  if (!buckets.length) return;
  const found = (await packs.getMany({ trans, keys: buckets.map((b) => [table, b]) })) as (TemperingPack | undefined)[];
  const stored = new Map(found.flatMap((p) => (p ? [[p.bucket, p] as const] : [])));
  const values = [...applyRecords(table, stored, records, deletedIds).values()];
  const kept = values.filter((p) => p.id.length);
  const empty = values.filter((p) => !p.id.length).map((p) => [table, p.bucket]);
  if (kept.length) await packs.mutate({ type: 'put', trans, values: kept });
  if (empty.length) await packs.mutate({ type: 'delete', trans, keys: empty });
}

/** Dexie's zones (Dexie.Promise's PSD and usePSD, there at run time though not in its types). */
const Zones = Dexie.Promise as unknown as { PSD: unknown; usePSD: <T>(zone: unknown, f: () => T) => T };

/** The middleware that keeps temperingPacks; inert on a schema without the table (versions before 24, mid-upgrade). */
export const temperingPacksMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'temperingPacks',
  create(down) {
    if (!down.schema.tables.some((t) => t.name === TEMPERING_PACKS)) return {};
    const ours = (name: string): name is TemperingTable => (TABLES as string[]).includes(name);
    return {
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.some(ours) && !stores.includes(TEMPERING_PACKS) ? [...stores, TEMPERING_PACKS] : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const rows = down.table(name);
        if (!ours(name)) return rows;
        const packs = down.table(TEMPERING_PACKS);
        return {
          ...rows,
          mutate(req) {
            // in the zone of the write they follow (see renderer/db/cultivationSteps.ts)
            const zone = Zones.PSD;
            const inZone = <T,>(f: () => T) => Zones.usePSD(zone, f);
            const before = req.type === 'deleteRange' ? inZone(() => mirror(packs, rows, name, req.trans, req)) : Promise.resolve();
            return before.then(() =>
              inZone(() => rows.mutate(req)).then((res) => {
                if (req.type === 'deleteRange') return res;
                if (res.numFailures) throw new Error(`${name}: a failed record would leave its pack out of step`);
                return inZone(() => mirror(packs, rows, name, req.trans, req)).then(() => res);
              }),
            );
          },
        };
      },
    };
  },
};

/** The packs of every table from its records (schema version 24's upgrade). */
export function temperingPacksOf(table: TemperingTable, records: readonly Written[]): TemperingPack[] {
  return [...applyRecords(table, new Map(), records, []).values()].filter((p) => p.id.length);
}

/** The live records of a table that start in the year, as the statistics read them: from the table's packs. */
export async function temperingFactsOfYear<T extends TemperingTable>(db: CadreDb, table: T, year: number): Promise<TemperingFacts<T>[]> {
  const packs = (await db.table(TEMPERING_PACKS).where('[table+bucket]').between([table, Dexie.minKey], [table, Dexie.maxKey], true, true).toArray()) as TemperingPack[];
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
