import type { DBCoreTable, DBCoreTransaction, Table } from 'dexie';
import type { CadreDb } from './database';
import { EVERY_KEY, oneAtATime, type KeptTable, type SourceWrite } from './keptTable';
import { bucketsOfCadres, cadreBucketOf, editedPacks, writePacks } from './cadrePacks';

// Which classes each registry cadre is in (docs/cultivation.md "A cadre's classes"; schema version 37): the
// dossier's 培养历练 tab reads a cadre's classes here, then keeps the cadre's own enrolments of their rows. Until version
// 37 a multi-entry index of classEnrollments did this; at 100,000 cadres it held 900,000 entries, and writing them
// was 11 of the demo load's 24 s of 培养历练. Here the links are kept in 1,024 packs, each cadre in the pack its id
// hashes to (about 100 cadres and 40 KiB a pack at 100,000 cadres): one small read for a dossier, and a bulk load
// writes each pack once at its end (deferCadreClasses) instead of an index entry per enrolment.
//
// A kept table (renderer/db/keptTable.ts) following classEnrollments: a write of class rows is followed before it runs
// (putsFirst, deletesFirst), so the rows it replaces or deletes are read, and only the cadres that join or leave a
// class's row touch their packs — an edit of one enrolment touches none. Like the index it replaces it counts a
// tombstoned enrolment's cadre too; readers keep only the cadre's own enrolments.

export const CADRE_CLASSES_TABLE = 'cadreClassPacks';
const CLASS_ROWS = 'classEnrollments';

/** One stored pack: the cadres whose id hashes to `bucket`, each with the classes that list it. */
export interface CadreClassPack {
  bucket: number;
  /** Per cadre, the ids of the classes whose rows hold an enrolment of the cadre, each once. */
  classes: Record<string, string[]>;
}

export const cadreClassPacks = (db: CadreDb) => db.table(CADRE_CLASSES_TABLE) as Table<CadreClassPack, number>;

/** A class's row as far as the links go. */
interface ClassRowLike {
  classId: string;
  enrollments: readonly { cadreId?: string | null }[];
}

/** A cadre in a class: [cadreId, classId]. */
export type Link = readonly [string, string];

const cadresOf = (row: ClassRowLike | undefined): Set<string> => new Set(row ? row.enrollments.flatMap((e) => (e.cadreId ? [e.cadreId] : [])) : []);

/** Every link the rows hold: one per enrolment of a registry cadre (withLinks keeps a cadre's class once). */
export function linksOfRows(rows: readonly ClassRowLike[]): Link[] {
  const links: Link[] = [];
  for (const row of rows) for (const e of row.enrollments) if (e.cadreId) links.push([e.cadreId, row.classId]);
  return links;
}

/**
 * The packs the links touch with them added and taken out (removals first), given those packs as stored (undefined
 * for none yet), keyed by bucket. A pack left without cadres comes back with an empty `classes`, to delete.
 */
export function withLinks(stored: ReadonlyMap<number, CadreClassPack | undefined>, add: readonly Link[], remove: readonly Link[] = []): CadreClassPack[] {
  const edits = new Map<number, Map<string, Set<string>>>();
  const editOf = (cadreId: string) => {
    const bucket = cadreBucketOf(cadreId);
    let edit = edits.get(bucket);
    if (!edit) {
      const pack = stored.get(bucket);
      edits.set(bucket, (edit = new Map(Object.entries(pack?.classes ?? {}).map(([c, list]) => [c, new Set(list)]))));
    }
    return edit;
  };
  for (const [cadreId, classId] of remove) {
    const edit = editOf(cadreId);
    const list = edit.get(cadreId);
    list?.delete(classId);
    if (list && !list.size) edit.delete(cadreId);
  }
  for (const [cadreId, classId] of add) {
    const edit = editOf(cadreId);
    const list = edit.get(cadreId);
    if (list) list.add(classId);
    else edit.set(cadreId, new Set([classId]));
  }
  return [...edits].map(([bucket, edit]) => ({ bucket, classes: Object.fromEntries([...edit].map(([c, list]) => [c, [...list]])) }));
}

/** Edits the packs the links touch, read through `get`: those to put, and the buckets emptied, to delete. */
const editedLinks = (get: (buckets: number[]) => PromiseLike<readonly (CadreClassPack | undefined)[]>, add: readonly Link[], remove: readonly Link[] = []) =>
  editedPacks(
    bucketsOfCadres([...add, ...remove].map(([cadreId]) => cadreId)),
    get,
    (stored) => withLinks(stored, add, remove),
    (p) => p.classes,
  );

/** Reads the packs the links touch, edits them and writes them back (an emptied pack is deleted), in `trans`. */
async function editPacks(kept: DBCoreTable, trans: DBCoreTransaction, add: readonly Link[], remove: readonly Link[]): Promise<void> {
  if (!add.length && !remove.length) return;
  await writePacks(kept, trans, await editedLinks((keys) => kept.getMany({ trans, keys }) as Promise<(CadreClassPack | undefined)[]>, add, remove));
}

/** Links collected while a bulk load defers them, by database name (see deferCadreClasses). */
const deferred = new Map<string, Link[]>();

/** The links one write of class rows adds and takes out, read before it runs; 'clear' for a clear of every row. */
async function linksOfWrite({ rows, kept, req, database }: SourceWrite): Promise<{ add: Link[]; remove: Link[] } | 'clear'> {
  const trans = req.trans;
  // with no pack at all and none waiting (a clear of the demo data takes the packs first) there is nothing to take out
  if ((req.type === 'delete' || req.type === 'deleteRange') && !deferred.get(database)?.length) {
    if ((await kept.count({ trans, query: { index: kept.schema.primaryKey, range: EVERY_KEY } })) === 0) return { add: [], remove: [] };
  }
  if (req.type === 'deleteRange') {
    if (req.range.type === 3) return 'clear';
    const gone = (await rows.query({ trans, values: true, query: { index: rows.schema.primaryKey, range: req.range } })).result as ClassRowLike[];
    return { add: [], remove: linksOfRows(gone) };
  }
  if (req.type === 'delete') {
    const gone = (await rows.getMany({ trans, keys: req.keys })) as (ClassRowLike | undefined)[];
    return { add: [], remove: linksOfRows(gone.filter((r) => r !== undefined)) };
  }
  const values = req.values as ClassRowLike[];
  const before = (await rows.getMany({ trans, keys: values.map((v) => v.classId) })) as (ClassRowLike | undefined)[];
  const add: Link[] = [];
  const remove: Link[] = [];
  values.forEach((row, i) => {
    const was = cadresOf(before[i]);
    const now = cadresOf(row);
    for (const c of now) if (!was.has(c)) add.push([c, row.classId]);
    for (const c of was) if (!now.has(c)) remove.push([c, row.classId]);
  });
  return { add, remove };
}

/** Keeps cadreClassPacks under every write of classEnrollments (renderer/db/keptTable.ts). */
export const cadreClassesKept: KeptTable = {
  table: CADRE_CLASSES_TABLE,
  sources: [CLASS_ROWS],
  deletesFirst: true,
  putsFirst: true,
  follow: oneAtATime(async (write) => {
    const pending = deferred.get(write.database);
    if (pending && (write.req.type === 'put' || write.req.type === 'add')) {
      // a bulk load writes each class's row once, new: all its cadres join it, nothing need be read
      for (const link of linksOfRows(write.req.values as ClassRowLike[])) pending.push(link);
      return;
    }
    const links = await linksOfWrite(write);
    const trans = write.req.trans;
    if (links === 'clear') {
      await write.kept.mutate({ type: 'deleteRange', trans, range: EVERY_KEY });
      if (pending) pending.length = 0;
      return;
    }
    if (pending && links.remove.length) {
      // what goes may still be waiting to be written
      const gone = new Set(links.remove.map(([c, k]) => `${c}\u0000${k}`));
      const left = pending.filter(([c, k]) => !gone.has(`${c}\u0000${k}`));
      pending.length = 0;
      for (const link of left) pending.push(link);
    }
    await editPacks(write.kept, trans, links.add, links.remove);
  }),
};

/** Links held back by deferCadreClasses, written by its flush. */
export interface DeferredLinks {
  /** Writes the links collected so far, in a transaction of its own; the load goes on deferring. */
  flush(): Promise<void>;
  /** Stops deferring; links not flushed are dropped (their class rows must then be gone too). */
  end(): void;
}

/**
 * While a bulk load writes new class rows (the demo load, whose batches each write a class's row once), the links of
 * the rows put are collected instead of edited into their packs: every batch of 20,000 enrolments would otherwise
 * read and write nearly all 1,024 packs. The load flushes them once, when its last batch is stored or it stops.
 * Local writes are held meanwhile; a window closed before the flush leaves an unfinished load, which the next start
 * removes whole (renderer/features/demoData/unfinishedLoad.ts).
 */
export function deferCadreClasses(db: CadreDb): DeferredLinks {
  const pending: Link[] = [];
  deferred.set(db.name, pending);
  return {
    async flush() {
      const links = pending;
      if (!links.length) return;
      const add = links.slice();
      await db.transaction('rw', [cadreClassPacks(db), db.table(CLASS_ROWS)], async () => {
        // links are collected as rows are put, before their transaction commits: those of a batch that failed are
        // dropped here, as the class rows it would have written are not there
        const present = new Set((await db.table(CLASS_ROWS).toCollection().primaryKeys()) as string[]);
        const kept = add.filter(([, classId]) => present.has(classId));
        const { full } = await editedLinks((buckets) => cadreClassPacks(db).bulkGet(buckets), kept);
        await cadreClassPacks(db).bulkPut(full);
      });
      // only once written: a flush that failed leaves them waiting for the next
      links.splice(0, add.length);
    },
    end() {
      // its own deferral only: ending twice never ends a later one
      if (deferred.get(db.name) === pending) deferred.delete(db.name);
    },
  };
}

/** The classes whose rows hold an enrolment of the cadre (tombstones included); read in the caller's transaction. */
export function classIdsOfCadre(db: CadreDb, cadreId: string): Promise<string[]> {
  // a then-chain, as in classEnrollments.ts: Dexie's own promise keeps the caller's transaction
  return cadreClassPacks(db)
    .get(cadreBucketOf(cadreId))
    .then((pack) => pack?.classes[cadreId] ?? []);
}

/** Fills cadreClassPacks from class rows read a page at a time (schema version 37's upgrade), each pack written once. */
export async function fillCadreClasses(read: { rows: (after: string | null, limit: number) => Promise<ClassRowLike[]>; put: (packs: CadreClassPack[]) => Promise<unknown> }): Promise<void> {
  const PAGE = 1_000;
  const links: Link[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await read.rows(after, PAGE);
    for (const link of linksOfRows(page)) links.push(link);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.classId;
  }
  if (links.length) await read.put(withLinks(new Map(), links));
}
