import { Dexie, type DBCoreTable, type DBCoreTransaction, type Table } from 'dexie';
import type { CadreDb } from './database';
import { EVERY_KEY, oneAtATime, type KeptTable, type SourceWrite } from './keptTable';
import { CADRE_BUCKETS, bucketsOfCadres, cadreBucketOf, editedPacks, writePacks } from './cadrePacks';
import { factsOfSet, type DossierFacts } from './selectionFacts';
import { stepsOfSet, type RankStep } from './cultivationSteps';

// What the district-wide reads need of each dossier (docs/architecture.md "Kept tables"): 选拔任用's post levels,
// assessments and blocking 奖惩 (renderer/db/selectionFacts.ts) and 培养历练's post levels and ranks
// (renderer/db/cultivationSteps.ts), some 320 bytes a cadre. Since schema version 38 they are kept in 1,024 packs,
// each cadre in the pack its id hashes to (about 100 cadres and 35 KiB a pack at 100,000 cadres). Versions 32–37 kept
// a small row per cadre (dossierFacts); IndexedDB's cost is per row written whatever its size, and those 100,000
// rows were 10.5 s of the demo load. A bulk write now defers its facts and writes each pack once
// (deferDossierFacts): the demo load after its last dossier, the sync import at the end of its transaction.
//
// A kept table (renderer/db/keptTable.ts) following subRecords: each put, add or delete of dossier sets edits the
// packs of their cadres, in the write's own transaction, whoever writes it.

export const DOSSIER_FACT_PACKS = 'dossierFactPacks';
/** The table of a row per cadre that versions 32–37 kept the facts in (dropped by version 38). */
export const V32_FACTS_TABLE = 'dossierFacts';
const SETS_TABLE = 'subRecords';

/** The kept facts of one dossier: the selection facts and the ranks with their months. */
export type DossierFactsOf = DossierFacts & { ranks: RankStep[] };
/** Version 32's row: the facts with their cadre. */
export type DossierFactsRow = DossierFactsOf & { cadreId: string };

/** One stored pack: the facts of the cadres whose id hashes to `bucket`. */
export interface DossierFactPack {
  bucket: number;
  facts: Record<string, DossierFactsOf>;
}

export const dossierFactPacks = (db: CadreDb) => db.table(DOSSIER_FACT_PACKS) as Table<DossierFactPack, number>;

type SetLike = Parameters<typeof factsOfSet>[0] & Parameters<typeof stepsOfSet>[0];

/** The facts of one dossier set: live entries only. */
export function dossierFactsOfSet(set: SetLike): DossierFactsOf {
  const { cadreId: _cadreId, ...facts } = factsOfSet(set);
  return { ...facts, ranks: stepsOfSet(set).ranks };
}

/** Per cadre, its new facts, or null when its dossier set is gone. */
export type FactChanges = ReadonlyMap<string, DossierFactsOf | null>;

/**
 * The packs the changes touch with them applied, given those packs as stored (undefined for none yet), keyed by
 * bucket. A pack left without cadres comes back with empty `facts`, to delete.
 */
export function withFacts(stored: ReadonlyMap<number, DossierFactPack | undefined>, changes: FactChanges): DossierFactPack[] {
  const edits = new Map<number, Record<string, DossierFactsOf>>();
  for (const [cadreId, facts] of changes) {
    const bucket = cadreBucketOf(cadreId);
    let edit = edits.get(bucket);
    if (!edit) edits.set(bucket, (edit = { ...stored.get(bucket)?.facts }));
    if (facts) edit[cadreId] = facts;
    else delete edit[cadreId];
  }
  return [...edits].map(([bucket, facts]) => ({ bucket, facts }));
}

/** Applies the changes to their packs, read through `get`: the packs to put, and the buckets emptied, to delete. */
const editedFacts = (get: (buckets: number[]) => PromiseLike<readonly (DossierFactPack | undefined)[]>, changes: FactChanges) =>
  editedPacks(bucketsOfCadres(changes.keys()), get, (stored) => withFacts(stored, changes), (p) => p.facts);

/** What a put, add or delete of dossier sets changes, known as soon as it has run (a clear's keys must be read). */
function changesOfStored({ req, res }: SourceWrite): FactChanges | null {
  const stored = (i: number) => !res || res.numFailures === 0 || res.failures[i] === undefined;
  if (req.type === 'deleteRange') return null;
  if (req.type === 'delete') return new Map((req.keys as string[]).filter((_, i) => stored(i)).map((k) => [k, null]));
  const changes = new Map<string, DossierFactsOf>();
  (req.values as SetLike[]).forEach((set, i) => {
    if (stored(i)) changes.set(set.cadreId, dossierFactsOfSet(set));
  });
  return changes;
}

/** What a clear of dossier sets changes, read before it runs: 'clear' for every set. */
async function changesOfClear({ rows, req }: SourceWrite): Promise<FactChanges | 'clear'> {
  if (req.type !== 'deleteRange' || req.range.type === 3) return 'clear';
  const keys = (await rows.query({ trans: req.trans, values: false, query: { index: rows.schema.primaryKey, range: req.range } })).result as string[];
  return new Map(keys.map((k) => [k, null]));
}

/**
 * Per transaction, the facts its writes of sets have changed so far, noted the moment each write has run: the
 * packs are edited a read later, one write after another, and a posting written in the same transaction meanwhile
 * must see its cadre's new facts (keptFactsIn).
 */
const written = new WeakMap<object, Map<string, DossierFactsOf | null>>();
/** The transactions that cleared every set: what a deferral still holds is gone for them. */
const clearedIn = new WeakSet<object>();
/** Each followed write's changes, worked out once. */
const changesOf = new WeakMap<object, FactChanges>();

function noteWritten(trans: object, changes: FactChanges): void {
  let seen = written.get(trans);
  if (!seen) written.set(trans, (seen = new Map()));
  for (const [cadreId, facts] of changes) seen.set(cadreId, facts);
}

/** What a deferral holds for its flush: per cadre, its facts, or null for a set gone. */
interface Deferral {
  pending: Map<string, DossierFactsOf | null>;
}

/** The deferral of a whole database, for a bulk load of many transactions, by database name. */
const loadDeferrals = new Map<string, Deferral>();
/** The deferral of one transaction, the sync import's, by its IndexedDB transaction. */
const transDeferrals = new WeakMap<object, Deferral>();
/** Per transaction under a database's deferral: what it changed, handed to the deferral once it has committed. */
const staged = new WeakMap<object, { cleared: boolean; changes: Map<string, DossierFactsOf | null> }>();

/** The changes of `trans` held for `deferral` until the transaction commits: a write rolled back leaves none. */
function stagedFor(trans: object, deferral: Deferral) {
  let stage = staged.get(trans);
  if (!stage) {
    const fresh = { cleared: false, changes: new Map<string, DossierFactsOf | null>() };
    staged.set(trans, (stage = fresh));
    (trans as IDBTransaction).addEventListener('complete', () => {
      if (fresh.cleared) deferral.pending.clear();
      for (const [cadreId, facts] of fresh.changes) deferral.pending.set(cadreId, facts);
    });
  }
  return stage;
}

const editPacks = oneAtATime(async (write) => {
  const { kept, req } = write;
  const trans = req.trans;
  let changes: FactChanges | 'clear' | undefined = changesOf.get(req);
  if (!changes) {
    changes = await changesOfClear(write);
    if (changes !== 'clear') noteWritten(trans, changes);
  }
  // the transaction's own deferral (the import's) first; a load's takes the other transactions of its database
  const own = transDeferrals.get(trans);
  const load = own ? undefined : loadDeferrals.get(write.database);
  const stage = load && stagedFor(trans, load);
  if (changes === 'clear') {
    written.set(trans, new Map());
    clearedIn.add(trans);
    own?.pending.clear();
    if (stage) {
      stage.cleared = true;
      stage.changes.clear();
    }
    return kept.mutate({ type: 'deleteRange', trans, range: EVERY_KEY });
  }
  if (!changes.size) return;
  const held = own?.pending ?? stage?.changes;
  if (held) {
    for (const [cadreId, facts] of changes) held.set(cadreId, facts);
    return;
  }
  // with no pack at all (a clear of the demo data takes the packs first) a delete has nothing to take out
  if ([...changes.values()].every((f) => f === null) && (await kept.count({ trans, query: { index: kept.schema.primaryKey, range: EVERY_KEY } })) === 0) return;
  await writePacks(kept, trans, await editedFacts((keys) => kept.getMany({ trans, keys }) as Promise<(DossierFactPack | undefined)[]>, changes));
});

/**
 * Keeps dossierFactPacks under every write of dossier sets (renderer/db/keptTable.ts). Its middleware is registered
 * below temperingYearPacks' (renderer/db/database.ts), so a write's facts are noted before that one follows it.
 */
export const dossierFactsKept: KeptTable = {
  table: DOSSIER_FACT_PACKS,
  sources: [SETS_TABLE],
  follow: (write) => {
    const changes = changesOfStored(write);
    if (changes) {
      changesOf.set(write.req, changes);
      noteWritten(write.req.trans, changes);
    }
    return editPacks(write);
  },
};

/** Facts held back by deferDossierFacts, written by its flush. */
export interface DeferredFacts {
  /** Writes the facts held so far into their packs (in the deferring transaction, for one made in one); deferring goes on. */
  flush(): Promise<void>;
  /** Stops deferring; facts not flushed are dropped, so a writer flushes before it ends, whatever happened. */
  end(): void;
}

/**
 * While a bulk write stores many dossier sets, their facts are held instead of edited into their packs, where each
 * batch or entry would read and rewrite up to all 1,024 packs; the writer flushes them once, when its last dossier
 * is stored. Made inside a transaction (the sync import's, an entry at a time), it holds that transaction's writes
 * only, and is flushed inside it. Made outside one (the demo load, a transaction per batch, with local writes held),
 * it holds the writes of every transaction of the database that commits while it lasts, each handed over when its
 * transaction has committed, so a batch rolled back leaves nothing to flush; the writer's transactions must all
 * have ended before it ends. Until the flush a read of the packs does not see them, except keptFactsIn's, which the
 * write path uses (a posting's promotion).
 */
export function deferDossierFacts(db: CadreDb): DeferredFacts {
  const deferral: Deferral = { pending: new Map() };
  const trans: object | undefined = Dexie.currentTransaction?.idbtrans;
  if (trans) transDeferrals.set(trans, deferral);
  else loadDeferrals.set(db.name, deferral);
  return {
    async flush() {
      const { pending } = deferral;
      if (!pending.size) return;
      const changes = new Map(pending);
      await db.transaction('rw', dossierFactPacks(db), async () => {
        const { full, empty } = await editedFacts((buckets) => dossierFactPacks(db).bulkGet(buckets), changes);
        if (full.length) await dossierFactPacks(db).bulkPut(full);
        if (empty.length) await dossierFactPacks(db).bulkDelete(empty);
      });
      // only once written: a flush that failed leaves them waiting for the next; a cadre written again meanwhile stays
      for (const [cadreId, facts] of changes) if (pending.get(cadreId) === facts) pending.delete(cadreId);
    },
    end() {
      // its own deferral only: ending twice never ends a later one
      if (trans) {
        if (transDeferrals.get(trans) === deferral) transDeferrals.delete(trans);
      } else if (loadDeferrals.get(db.name) === deferral) loadDeferrals.delete(db.name);
    },
  };
}

/** The facts of some cadres by cadre id (none for a cadre without a dossier set), read now. */
export async function factsOfCadres(db: CadreDb, cadreIds: readonly string[]): Promise<Map<string, DossierFactsOf>> {
  const buckets = bucketsOfCadres(cadreIds);
  const found = await dossierFactPacks(db).bulkGet(buckets);
  const packs = new Map(buckets.map((b, i) => [b, found[i]]));
  const out = new Map<string, DossierFactsOf>();
  for (const id of cadreIds) {
    const facts = packs.get(cadreBucketOf(id))?.facts[id];
    if (facts) out.set(id, facts);
  }
  return out;
}

/** Every cadre's facts, read a few hundred packs at a time. */
export async function allFacts(db: CadreDb): Promise<Map<string, DossierFactsOf>> {
  const PAGE = 256;
  const out = new Map<string, DossierFactsOf>();
  for (let lo = 0; lo < CADRE_BUCKETS; lo += PAGE) {
    const packs = await dossierFactPacks(db).where(':id').between(lo, lo + PAGE).toArray();
    for (const pack of packs) for (const id in pack.facts) out.set(id, pack.facts[id]!);
  }
  return out;
}

/**
 * The facts of some cadres read in a write's transaction through its tables (keptTable.ts's SourceWrite), those
 * written earlier in it and those a bulk write still defers included: a null for a cadre without a dossier set.
 */
export async function keptFactsIn(packs: DBCoreTable, trans: DBCoreTransaction, database: string, cadreIds: readonly string[]): Promise<Map<string, DossierFactsOf | null>> {
  const buckets = bucketsOfCadres(cadreIds);
  const found = (await packs.getMany({ trans, keys: buckets })) as (DossierFactPack | undefined)[];
  const byBucket = new Map(buckets.map((b, i) => [b, found[i]]));
  const recent = written.get(trans);
  const pending = clearedIn.has(trans) ? undefined : loadDeferrals.get(database)?.pending;
  const factsOf = (id: string): DossierFactsOf | null => {
    if (recent?.has(id)) return recent.get(id)!;
    if (pending?.has(id)) return pending.get(id)!;
    return byBucket.get(cadreBucketOf(id))?.facts[id] ?? null;
  };
  return new Map(cadreIds.map((id) => [id, factsOf(id)]));
}

/** Packs the rows of version 32's table, read a page at a time (schema version 38's upgrade), each pack written once. */
export async function fillFactPacks(read: { rows: (after: string | null, limit: number) => Promise<DossierFactsRow[]>; put: (packs: DossierFactPack[]) => Promise<unknown> }): Promise<void> {
  const PAGE = 5_000;
  const changes = new Map<string, DossierFactsOf>();
  let after: string | null = null;
  for (;;) {
    const page = await read.rows(after, PAGE);
    for (const { cadreId, ...facts } of page) changes.set(cadreId, facts);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.cadreId;
  }
  if (changes.size) await read.put(withFacts(new Map(), changes));
}

type Keyed = { cadreId: string };

/**
 * Fills version 32's table from the two tables it replaced (that version's upgrade), a chunk of cadres at a time:
 * reading their small rows rather than the whole dossier sets. A cadre in only one of them (which their middlewares
 * never left) gets what that one holds.
 */
export async function fillDossierFacts(read: {
  keys: () => Promise<string[]>;
  facts: (ids: string[]) => Promise<(DossierFactsRow | undefined)[]>;
  steps: (ids: string[]) => Promise<(Keyed & { posts: DossierFactsRow['posts']; ranks: RankStep[] } | undefined)[]>;
  put: (rows: DossierFactsRow[]) => Promise<unknown>;
}): Promise<void> {
  const CHUNK = 5_000;
  const ids = [...new Set(await read.keys())].sort();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const [facts, steps] = await Promise.all([read.facts(chunk), read.steps(chunk)]);
    await read.put(
      chunk.map((cadreId, j) => {
        const f = facts[j];
        const s = steps[j];
        return { cadreId, posts: f?.posts ?? s?.posts ?? [], assessments: f?.assessments ?? [], rewards: f?.rewards ?? [], ranks: s?.ranks ?? [] };
      }),
    );
  }
}
