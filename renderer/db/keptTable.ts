import { Dexie, type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type Middleware } from 'dexie';

// A kept table is a small copy of what a district-wide read needs from a large table, written by nobody by hand
// (docs/architecture.md "Kept tables"): a Dexie middleware follows every write of its source tables in the write's
// own transaction. Any read-write transaction over a source is widened to the kept table, so the repositories,
// the importers, the demo loader, restore and the migrations keep it without knowing it exists, and a rolled-back
// write takes its copy with it. What each table keeps is its own module's `follow`; how it is kept is here, once.

/** One write to a source table, as a kept table's `follow` sees it (all tables are the ones below this middleware). */
export interface SourceWrite {
  /** The source table's name. */
  source: string;
  /** The source table: a clear's rows can be read through it before they go. */
  rows: DBCoreTable;
  /** The kept table. */
  kept: DBCoreTable;
  /** The write; its `trans` is the transaction every follow-up write must use. */
  req: DBCoreMutateRequest;
  /** Its result, or null for a clear (a deleteRange), which is followed before it runs. */
  res: DBCoreMutateResponse | null;
  /** Any table of the transaction, as this middleware sees it (the kept table's `reads` are in it). */
  tables: (name: string) => DBCoreTable;
  /** The database's name. */
  database: string;
}

export interface KeptTable {
  /** The kept table; before the schema version that declares it the middleware does nothing. */
  table: string;
  /** The tables whose writes it follows. */
  sources: readonly string[];
  /** Brings the kept table in step with one write of a source, through `kept.mutate` and `req.trans`. */
  follow(write: SourceWrite): PromiseLike<unknown> | undefined;
  /** Follow a delete by keys before it runs (its `res` is then null), so that `follow` can read the rows that go. */
  deletesFirst?: boolean;
  /**
   * Follow a put or add before it runs too (its `res` is then null), so that `follow` can read the rows it replaces.
   * The kept table is then written as if every value were stored: a bulk write whose failed values the caller
   * catches inside the transaction (no caller does) would leave it ahead of its source.
   */
  putsFirst?: boolean;
  /** Other tables `follow` reads, added with the kept table to every read-write transaction over a source. */
  reads?: readonly string[];
}

/** The DBCore key range of every key of a table (a count or a clear of all of it). */
export const EVERY_KEY = { type: 3, lower: undefined, upper: undefined } as const;

/** Dexie's zones (Dexie.Promise's PSD and usePSD, there at run time though not in its types). */
const Zones = Dexie.Promise as unknown as { PSD: unknown; usePSD: <T>(zone: unknown, f: () => T) => T };

/** Runs a function in Dexie's zone of the moment this is called: where a DBCore request came in. */
export function callZone(): <T>(f: () => T) => T {
  const zone = Zones.PSD;
  return (f) => Zones.usePSD(zone, f);
}

/** A table whose every call runs in the zone `inZone` holds, wherever in a then-chain it is made. */
export function zonedTable(t: DBCoreTable, inZone: <T>(f: () => T) => T): DBCoreTable {
  return {
    ...t,
    get: (r) => inZone(() => t.get(r)),
    getMany: (r) => inZone(() => t.getMany(r)),
    query: (r) => inZone(() => t.query(r)),
    openCursor: (r) => inZone(() => t.openCursor(r)),
    count: (r) => inZone(() => t.count(r)),
    mutate: (r) => inZone(() => t.mutate(r)),
  };
}

/** The middleware that keeps one table. */
export function keptTableMiddleware(kept: KeptTable): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: kept.table,
    create(down) {
      const has = (name: string) => down.schema.tables.some((t) => t.name === name);
      if (!has(kept.table)) return {};
      const followed = (name: string) => kept.sources.includes(name);
      return {
        transaction(stores, mode, options) {
          const extra = [kept.table, ...(kept.reads ?? [])].filter((t) => has(t) && !stores.includes(t));
          const widened = mode === 'readwrite' && stores.some(followed) && extra.length ? [...stores, ...extra] : stores;
          return down.transaction(widened, mode, options);
        },
        table(name) {
          const rows = down.table(name);
          if (!followed(name)) return rows;
          const target = down.table(kept.table);
          return {
            ...rows,
            mutate(req) {
              // Dexie's own layers below find the running transaction in Dexie's zone, which is gone once a write
              // has been awaited under another middleware on the same table: the follow-up runs in the write's zone.
              // Then-chains, not async functions, so the zone is not lost between the steps either.
              // The tables a follow-up is given make every call in that zone, so a follow-up may await anything
              // (or wait its turn: oneAtATime) before it reads.
              const inZone = callZone();
              const zoned = (t: DBCoreTable) => zonedTable(t, inZone);
              const follow = (res: DBCoreMutateResponse | null) =>
                Promise.resolve(inZone(() => kept.follow({ source: name, rows: zoned(rows), kept: zoned(target), req, res, tables: (t) => zoned(down.table(t)), database: down.schema.name })));
              if (req.type === 'deleteRange' || (req.type === 'delete' && kept.deletesFirst) || (req.type !== 'delete' && kept.putsFirst)) return follow(null).then(() => inZone(() => rows.mutate(req)));
              return inZone(() => rows.mutate(req)).then((res) => follow(res).then(() => res));
            },
          };
        },
      };
    },
  };
}

/**
 * A `follow` whose calls within one transaction run one after another: a kept table of packs reads a pack and
 * writes it back, and two writes followed at once (a Promise.all of puts in one transaction) would otherwise both
 * read the pack before either wrote it, and the second would drop the first's entries.
 */
export function oneAtATime(follow: KeptTable['follow']): KeptTable['follow'] {
  const running = new WeakMap<object, Promise<unknown>>();
  return (write) => {
    const trans = write.req.trans;
    const next = (running.get(trans) ?? Promise.resolve()).then(() => follow(write));
    running.set(
      trans,
      next.catch(() => undefined),
    );
    return next;
  };
}

/**
 * The `follow` of a kept table keyed like its source, one row per source row: each written value's row put — or
 * its key deleted when `rowOf` gives null — deleted keys and clears deleted alike. Values the write failed to
 * store are skipped, as the write itself left them out.
 */
export function rowForRow(rowOf: (value: unknown) => object | null): KeptTable['follow'] {
  return ({ rows, kept, req, res }) => {
    const trans = req.trans;
    const stored = (i: number) => !res || res.numFailures === 0 || res.failures[i] === undefined;
    if (req.type === 'deleteRange') return kept.mutate({ type: 'deleteRange', trans, range: req.range });
    if (req.type === 'delete') {
      const keys = req.keys.filter((_, i) => stored(i));
      return keys.length ? kept.mutate({ type: 'delete', trans, keys }) : undefined;
    }
    const keyOf = rows.schema.primaryKey.extractKey;
    const put: object[] = [];
    const gone: unknown[] = [];
    req.values.forEach((value, i) => {
      if (!stored(i)) return;
      const row = rowOf(value);
      if (row) put.push(row);
      else if (keyOf) gone.push(keyOf(value));
    });
    const remove = () => (gone.length ? kept.mutate({ type: 'delete', trans, keys: gone }) : undefined);
    return put.length ? kept.mutate({ type: 'put', trans, values: put }).then(remove) : remove();
  };
}

/**
 * Fills a kept table with one row per dossier set from the sets stored, a page of sets at a time in key order (the
 * upgrade that adds such a table, or a page that wrote the sets around Dexie).
 */
export async function fillFromSets<S extends { cadreId: string }, R>(
  read: { sets: (after: string | null, limit: number) => Promise<S[]>; put: (rows: R[]) => Promise<unknown> },
  rowOf: (set: S) => R,
): Promise<void> {
  const CHUNK = 5_000;
  let after: string | null = null;
  for (;;) {
    const page = await read.sets(after, CHUNK);
    if (page.length) await read.put(page.map(rowOf));
    if (page.length < CHUNK) return;
    after = page[page.length - 1]!.cadreId;
  }
}
