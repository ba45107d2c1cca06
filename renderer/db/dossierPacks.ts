import { cmp, type DBCore, type DBCoreKeyRange, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type DBCoreTransaction, type Middleware, type Table } from 'dexie';
import { newId } from '../../shared/ids';
import type { CadreDb, SubRecordSet } from './database';
import { callZone, zonedTable } from './keptTable';

// Where the dossier sets are stored (schema version 39, docs/architecture.md "Dossier packs"). IndexedDB's cost is per
// row written, and the demo load's 100,000 sets were a third of it as a row each; 32 sets to a row put in a sixth
// of the time. So the sets live in rows of `dossierPacks`, each listing its cadres in a multi-entry index, and this
// middleware — the lowest of all — shows them as the table `subRecords`, a set per cadre, as before: everything
// above it (the repositories, sync, the kept tables) reads and writes sets.
//
// - A bulk write of new dossiers (the loader into a database that held none, an import's dossiers found nowhere:
//   packNewDossiers) puts them 32 to a row in the order given, without looking them up.
// - Any other write of a set goes to the cadre's own row ('s' + cadre id): one edit never rewrites a pack. The
//   pack's copy is stale from then on, and every read prefers the own row.
// - A delete takes the cadre out of every row that holds it.
// Reads of many dossiers are cheapest a pack at a time: allDossierSets walks the packs, inReadOrder orders cadres
// the way the loader packed them (by unit).

export const DOSSIER_PACKS = 'dossierPacks';
/** Sets per row of a bulk write: measured, 32 to a row put 50,000 sets in 2 s against 8 s as a row each. */
export const PACK_SIZE = 32;
const SETS = 'subRecords';
const CADRE_IDS = 'cadreIds';
const OWN = 's';
const PACKED = 'b';

/** A stored row: a pack of sets from a bulk write ('b' + time-ordered id) or one cadre's own row ('s' + its id). */
export interface DossierPack {
  packId: string;
  cadreIds: string[];
  sets: SubRecordSet[];
}

export const dossierPacks = (db: CadreDb) => db.table(DOSSIER_PACKS) as Table<DossierPack, string>;
export const ownRowId = (cadreId: string): string => OWN + cadreId;
const isOwnRow = (packId: string) => packId.startsWith(OWN);

/** Packs of PACK_SIZE sets, in the order given; their ids sort in that order, after every pack written before. */
export function packsOfSets(sets: readonly SubRecordSet[]): DossierPack[] {
  const base = PACKED + newId() + '-';
  const out: DossierPack[] = [];
  for (let i = 0; i < sets.length; i += PACK_SIZE) {
    const part = sets.slice(i, i + PACK_SIZE);
    out.push({ packId: base + String(i / PACK_SIZE).padStart(6, '0'), cadreIds: part.map((s) => s.cadreId), sets: part });
  }
  return out;
}

const request = <T,>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/**
 * Version 39's upgrade: the sets stored a row each go into packs, unit by unit as the cadres' unitId index orders
 * them (then sets without a cadre), and their old rows go. Plain IndexedDB in the upgrade's transaction: through
 * Dexie the middleware would already show the (still empty) packs as the sets.
 */
export async function packStoredSets(trans: IDBTransaction): Promise<void> {
  const old = trans.objectStore(SETS);
  const packs = trans.objectStore(DOSSIER_PACKS);
  const stored = new Set((await request(old.getAllKeys())) as string[]);
  if (!stored.size) return;
  const order = ((await request(trans.objectStore('cadres').index('unitId').getAllKeys())) as string[]).filter((id) => stored.delete(id));
  for (const id of [...stored].sort()) order.push(id); // not push(...): 100,000 arguments can overflow the stack
  const CHUNK = PACK_SIZE * 32;
  for (let i = 0; i < order.length; i += CHUNK) {
    const sets = (await Promise.all(order.slice(i, i + CHUNK).map((id) => request(old.get(id))))) as SubRecordSet[];
    await Promise.all(packsOfSets(sets).map((p) => request(packs.put(p))));
  }
  await request(old.clear());
}

/**
 * The set of a cadre among rows that hold it: its own row's when there is one (a pack's copy is then stale), else
 * the latest pack's (only a caller that broke packNewDossiers' promise packs a cadre twice).
 */
export function setIn(rows: readonly (DossierPack | undefined)[], cadreId: string): SubRecordSet | undefined {
  let found: { packId: string; set: SubRecordSet } | undefined;
  for (const row of rows) {
    if (!row) continue;
    const at = row.cadreIds.indexOf(cadreId);
    if (at < 0) continue;
    if (isOwnRow(row.packId)) return row.sets[at];
    if (!found || row.packId > found.packId) found = { packId: row.packId, set: row.sets[at]! };
  }
  return found?.set;
}

const turns = new WeakMap<object, Promise<unknown>>();

/**
 * Runs a transaction's requests on the sets one after another, in the order asked, as IndexedDB runs a store's: a
 * delete reads packs and writes them back, and two at once would each write back the other's cadre.
 */
function inTurn<T>(trans: object, f: () => Promise<T>): Promise<T> {
  const next = (turns.get(trans) ?? Promise.resolve()).then(f);
  turns.set(
    trans,
    next.catch(() => undefined),
  );
  return next;
}

/** Cadres in the order the bulk loader packs them, a unit's together: chunks read in it touch few packs. */
export function inReadOrder<C extends { unitId: string }>(cadres: readonly C[]): C[] {
  return [...cadres].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
}

/** A batch's sets in that order, by the unit of their cadre among `cadres` (sets of other cadres first). */
export function setsInReadOrder<S extends SubRecordSet>(sets: readonly S[], cadres: readonly { id: string; unitId: string }[]): S[] {
  const unitOf = new Map(cadres.map((c) => [c.id, c.unitId]));
  return inReadOrder(sets.map((set) => ({ set, unitId: unitOf.get(set.cadreId) ?? '' }))).map(({ set }) => set);
}

const bulkNew = new WeakSet<object>();

/**
 * Marks sets as new dossiers, ones no row holds yet (the caller knows: a load into a database that held none, an
 * import's dossiers found nowhere): a put of them packs them 32 to a row in the order given, unread. Each set object
 * is marked, so one put may carry new and stored dossiers alike. Returns the sets.
 */
export function packNewDossiers<S extends SubRecordSet>(sets: readonly S[]): readonly S[] {
  for (const set of sets) bulkNew.add(set);
  return sets;
}

const equal = (key: string): DBCoreKeyRange => ({ type: 1, lower: key, upper: key }) as DBCoreKeyRange;
const EVERY = { type: 3, lower: undefined, upper: undefined } as unknown as DBCoreKeyRange;

function inRange(key: string, r: DBCoreKeyRange): boolean {
  if ((r.type as number) === 3) return true;
  if ((r.type as number) === 4) return false;
  if (r.lower !== undefined) {
    const c = cmp(key, r.lower);
    if (c < 0 || (c === 0 && r.lowerOpen)) return false;
  }
  if (r.upper !== undefined) {
    const c = cmp(key, r.upper);
    if (c > 0 || (c === 0 && r.upperOpen)) return false;
  }
  return true;
}

const done = (results: unknown[]): DBCoreMutateResponse => ({ numFailures: 0, failures: {}, results, lastResult: results[results.length - 1] });

/** The storage: registered first, below every other middleware (renderer/db/database.ts). */
export function dossierPacksStorage(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: DOSSIER_PACKS,
    create(down) {
      if (!down.schema.tables.some((t) => t.name === DOSSIER_PACKS)) return {};
      return {
        transaction(stores, mode, options) {
          const widened = stores.includes(SETS) && !stores.includes(DOSSIER_PACKS) ? [...stores, DOSSIER_PACKS] : stores;
          return down.transaction(widened, mode, options);
        },
        table(name) {
          const sets = down.table(name);
          if (name !== SETS) return sets;
          const stored = down.table(DOSSIER_PACKS);
          const byCadre = stored.schema.indexes.find((i) => i.name === CADRE_IDS);
          if (!byCadre) throw new Error(`${DOSSIER_PACKS}: no index ${CADRE_IDS}`);
          // Every request runs its steps in the caller's Dexie zone (then-chains, never async functions: an await in
          // an async function here lost the zone for the caller's next step, which then wrote outside its transaction).
          const rowsOf = (packs: DBCoreTable, trans: DBCoreTransaction, cadreIds: readonly string[]) =>
            Promise.all(cadreIds.map((id) => packs.query({ trans, values: false, query: { index: byCadre, range: equal(id) } }).then((r) => r.result as string[])));
          const readRows = (packs: DBCoreTable, trans: DBCoreTransaction, packIds: readonly string[]) =>
            (packIds.length ? packs.getMany({ trans, keys: [...packIds] }) : Promise.resolve([])).then((rows: (DossierPack | undefined)[]) => new Map(packIds.map((id, i) => [id, rows[i]])));
          const getMany = (packs: DBCoreTable, trans: DBCoreTransaction, cadreIds: readonly string[]) =>
            rowsOf(packs, trans, cadreIds).then((found) => {
              // a cadre with its own row: that row alone (its pack's copy is stale, and 32 times its size)
              const lists = found.map((list, i) => (list.includes(ownRowId(cadreIds[i]!)) ? [ownRowId(cadreIds[i]!)] : list));
              return readRows(packs, trans, [...new Set(lists.flat())]).then((rows) => cadreIds.map((id, i) => setIn(lists[i]!.map((p) => rows.get(p)), id)));
            });
          /** The distinct cadre ids in a range, in key order, up to `limit`, from the index alone. */
          const idsIn = (packs: DBCoreTable, trans: DBCoreTransaction, range: DBCoreKeyRange, reverse: boolean, limit: number) => {
            const ids: string[] = [];
            if (limit <= 0) return Promise.resolve(ids);
            return packs.openCursor({ trans, values: false, unique: true, reverse, query: { index: byCadre, range } }).then((cursor) => {
              if (!cursor) return ids;
              return cursor
                .start(() => {
                  ids.push(cursor.key as string);
                  if (ids.length >= limit) cursor.stop();
                  else cursor.continue();
                })
                .then(() => ids);
            });
          };
          /** Every set in a range, each once (own rows first), in key order. */
          const allIn = (packs: DBCoreTable, trans: DBCoreTransaction, range: DBCoreKeyRange) =>
            packs.query({ trans, values: false, query: { index: byCadre, range } }).then((r) =>
              readRows(packs, trans, [...new Set(r.result as string[])]).then((rows) => {
                const found = new Map<string, { packId: string; set: SubRecordSet }>();
                for (const row of rows.values()) {
                  if (!row) continue;
                  const own = isOwnRow(row.packId);
                  row.cadreIds.forEach((id, i) => {
                    if (!inRange(id, range)) return;
                    const before = found.get(id);
                    if (own || !before || (!isOwnRow(before.packId) && row.packId > before.packId)) found.set(id, { packId: row.packId, set: row.sets[i]! });
                  });
                }
                return [...found.keys()].sort().map((id) => found.get(id)!.set);
              }),
            );
          /** Takes cadres out of every row that holds them: an emptied row goes. */
          const remove = (packs: DBCoreTable, trans: DBCoreTransaction, cadreIds: readonly string[]) =>
            rowsOf(packs, trans, cadreIds).then((lists) => {
              const gone = new Set(cadreIds);
              return readRows(packs, trans, [...new Set(lists.flat())]).then((rows) => {
                const put: DossierPack[] = [];
                const empty: string[] = [];
                for (const [packId, row] of rows) {
                  if (!row) continue;
                  const keep = row.cadreIds.map((id, i) => [id, i] as const).filter(([id]) => !gone.has(id));
                  if (!keep.length) empty.push(packId);
                  else put.push({ packId, cadreIds: keep.map(([id]) => id), sets: keep.map(([, i]) => row.sets[i]!) });
                }
                const puts = put.length ? packs.mutate({ type: 'put', trans, values: put }) : Promise.resolve(null);
                return puts.then(() => (empty.length ? packs.mutate({ type: 'delete', trans, keys: empty }) : null)).then(() => done([]));
              });
            });
          const write = (packs: DBCoreTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> => {
            const trans = req.trans;
            if (req.type === 'delete') return remove(packs, trans, req.keys as string[]);
            if (req.type === 'deleteRange') {
              if ((req.range.type as number) === 3) return packs.mutate({ type: 'deleteRange', trans, range: EVERY }).then(() => done([]));
              return idsIn(packs, trans, req.range, false, Infinity).then((ids) => remove(packs, trans, ids));
            }
            const values = req.values as SubRecordSet[];
            const ids = values.map((s) => s.cadreId);
            const own = (list: readonly SubRecordSet[]) => list.map((s) => ({ packId: ownRowId(s.cadreId), cadreIds: [s.cadreId], sets: [s] }));
            if (req.type === 'put') {
              const fresh = values.filter((s) => bulkNew.has(s));
              const rest = fresh.length ? values.filter((s) => !bulkNew.has(s)) : values;
              for (const s of fresh) bulkNew.delete(s); // once: a set put again is a stored dossier
              const packed = fresh.length ? packs.mutate({ type: 'put', trans, values: packsOfSets(fresh) }) : Promise.resolve(null);
              return packed.then(() => (rest.length ? packs.mutate({ type: 'put', trans, values: own(rest) }) : null)).then(() => done(ids));
            }
            // an add fails for a cadre whose set is stored, as IndexedDB's add does for a key that is there
            return getMany(packs, trans, ids).then((found) => {
              const failures: Record<number, Error> = {};
              found.forEach((set, i) => {
                if (set) failures[i] = Object.assign(new Error(`${SETS}: key ${ids[i]} already exists`), { name: 'ConstraintError' });
              });
              const fresh = values.filter((_, i) => !found[i]);
              const numFailures = Object.keys(failures).length;
              return (fresh.length ? packs.mutate({ type: 'put', trans, values: own(fresh) }) : Promise.resolve(null)).then(() => ({ numFailures, failures, results: ids.map((id, i) => (found[i] ? undefined : id)), lastResult: ids.at(-1) }));
            });
          };
          const zoned = () => zonedTable(stored, callZone());
          return {
            ...sets,
            get: (req) => {
              const packs = zoned();
              return inTurn(req.trans, () => getMany(packs, req.trans, [req.key as string]).then((found) => found[0]));
            },
            getMany: (req) => {
              const packs = zoned();
              return inTurn(req.trans, () => getMany(packs, req.trans, req.keys as string[]));
            },
            query: (req) => {
              if (!req.query.index.isPrimaryKey) return Promise.reject(new Error(`${SETS}: only its key can be queried`));
              const packs = zoned();
              const reverse = req.direction === 'prev' || req.direction === 'prevunique';
              const limit = req.limit ?? Infinity;
              // a whole range of sets: every row holding one is read once; a few, or keys only: the index's keys
              return inTurn(req.trans, () =>
                req.values && limit === Infinity
                  ? allIn(packs, req.trans, req.query.range).then((all) => ({ result: reverse ? all.reverse() : all }))
                  : idsIn(packs, req.trans, req.query.range, reverse, limit).then((ids) => (req.values ? getMany(packs, req.trans, ids).then((result) => ({ result })) : { result: ids })),
              );
            },
            count: (req) => {
              const packs = zoned();
              return inTurn(req.trans, () => idsIn(packs, req.trans, req.query.range, false, Infinity).then((ids) => ids.length));
            },
            openCursor: () => Promise.reject(new Error(`${SETS}: stored in packs, read with allDossierSets or bulkGet, not a cursor`)),
            mutate: (req) => {
              const packs = zoned();
              return inTurn(req.trans, () => write(packs, req));
            },
          };
        },
      };
    },
  };
}

/**
 * Every stored dossier set once, a page of rows at a time in the order they were written (a bulk load's by unit),
 * each page in a short read transaction. Own rows are read first, as their cadres' packed copies are stale.
 */
export async function* allDossierSets(db: CadreDb, pageRows = 64): AsyncGenerator<SubRecordSet[]> {
  const table = dossierPacks(db);
  const own = new Set(((await db.transaction('r', table, () => table.where(':id').startsWith(OWN).primaryKeys())) as string[]).map((id) => id.slice(OWN.length)));
  let after: string | null = null;
  for (;;) {
    const from: string = after ?? '';
    const rows = await db.transaction('r', table, () => table.where(':id').above(from).limit(pageRows).toArray());
    if (!rows.length) return;
    after = rows[rows.length - 1]!.packId;
    const page: SubRecordSet[] = [];
    for (const row of rows) {
      const ownRow = isOwnRow(row.packId);
      row.sets.forEach((set, i) => {
        if (ownRow || !own.has(row.cadreIds[i]!)) page.push(set);
      });
    }
    if (page.length) yield page;
  }
}
