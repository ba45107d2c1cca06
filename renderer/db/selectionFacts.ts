import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Middleware } from 'dexie';
import type { RewardPunishment } from '../../shared/domain/cadre';
import type { CadreDb } from './database';

// The dossier facts the eligibility list and the candidate search read (docs/selection.md "Performance"), kept
// per cadre in their own small row (table selectionFacts, schema version 26): post levels with their months,
// assessments, and the 奖惩 that can block. A dossier set holds some twenty records of every kind; reading 100,000
// of them whole for these few fields took 33 s.
//
// The rows are kept by a Dexie middleware under every write of subRecords, in the write's own transaction: any
// read-write transaction over subRecords is widened to selectionFacts, and each put, add or delete of a dossier set
// puts or deletes its facts row. Every writer of dossier sets (the repositories, the importers, the demo loader,
// restore, the migrations) goes through Dexie, so none has to know the table exists, and a rolled-back write takes
// its facts with it.

export const FACTS_TABLE = 'selectionFacts';
const SETS_TABLE = 'subRecords';

/** What the district lists read of a dossier: post history, assessments, and the 奖惩 that can block. */
export interface DossierFacts {
  posts: { postLevel: string | null; from: string; to: string | null }[];
  assessments: { year: number; grade: string }[];
  rewards: RewardPunishment[];
}

export type FactsRow = DossierFacts & { cadreId: string };

type Entry = { deleted?: boolean };
type SetLike = { cadreId: string; posts?: (Entry & { postLevel: string | null; from: string; to: string | null })[]; assessments?: (Entry & { year: number; grade: string })[]; rewards?: RewardPunishment[] };

/** The facts of one dossier set: live entries only, and of 奖惩 only what can block promotion. */
export function factsOfSet(set: SetLike): FactsRow {
  return {
    cadreId: set.cadreId,
    posts: (set.posts ?? []).filter((p) => !p.deleted).map((p) => ({ postLevel: p.postLevel, from: p.from, to: p.to })),
    assessments: (set.assessments ?? []).filter((a) => !a.deleted).map((a) => ({ year: a.year, grade: a.grade })),
    rewards: (set.rewards ?? []).filter((r) => !r.deleted && r.kind !== 'reward'),
  };
}

/** Applies a write of dossier sets to their facts rows, in the same transaction. */
async function mirror(facts: DBCoreTable, req: DBCoreMutateRequest, res: DBCoreMutateResponse): Promise<void> {
  const failed = (i: number) => res.numFailures > 0 && res.failures[i] !== undefined;
  switch (req.type) {
    case 'add':
    case 'put': {
      const values = req.values.filter((_, i) => !failed(i)).map((v) => factsOfSet(v as SetLike));
      if (values.length) await facts.mutate({ type: 'put', trans: req.trans, values });
      return;
    }
    case 'delete': {
      const keys = req.keys.filter((_, i) => !failed(i));
      if (keys.length) await facts.mutate({ type: 'delete', trans: req.trans, keys });
      return;
    }
    case 'deleteRange':
      // the same key space: a set's key is its cadre id
      await facts.mutate({ type: 'deleteRange', trans: req.trans, range: req.range });
      return;
  }
}

/** The middleware that keeps selectionFacts; inert on a schema without the table (versions before 26, mid-upgrade). */
export const selectionFactsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'selectionFacts',
  // right above IndexedDB, below Dexie's own middlewares: those read the running Dexie transaction from its zone,
  // which a write mirrored after an await (a set deleted outside a transaction) no longer has; the base needs
  // only the IndexedDB transaction the request carries
  level: -1,
  create(down) {
    const has = (name: string) => down.schema.tables.some((t) => t.name === name);
    if (!has(FACTS_TABLE) || !has(SETS_TABLE)) return {};
    return {
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.includes(SETS_TABLE) && !stores.includes(FACTS_TABLE) ? [...stores, FACTS_TABLE] : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== SETS_TABLE) return table;
        const facts = down.table(FACTS_TABLE);
        return {
          ...table,
          async mutate(req) {
            const res = await table.mutate(req);
            await mirror(facts, req, res);
            return res;
          },
        };
      },
    };
  },
};

/** Fills selectionFacts from the dossier sets stored (schema version 26's upgrade), a chunk at a time. */
export async function fillFacts(read: { sets: (after: string | null, limit: number) => Promise<SetLike[]>; put: (rows: FactsRow[]) => Promise<unknown> }): Promise<void> {
  const CHUNK = 5_000;
  let after: string | null = null;
  for (;;) {
    const page = await read.sets(after, CHUNK);
    if (page.length) await read.put(page.map(factsOfSet));
    if (page.length < CHUNK) return;
    after = page[page.length - 1]!.cadreId;
  }
}

/** Every cadre's facts, read a key range at a time (one getAll per 10,000 small rows). */
export async function readAllFacts(db: CadreDb): Promise<Map<string, DossierFacts>> {
  const CHUNK = 10_000;
  const table = db.table<FactsRow, string>(FACTS_TABLE);
  const out = new Map<string, DossierFacts>();
  let after: string | null = null;
  for (;;) {
    const page: FactsRow[] = await (after === null ? table.toCollection() : table.where(':id').above(after)).limit(CHUNK).toArray();
    for (const row of page) out.set(row.cadreId, row);
    if (page.length < CHUNK) return out;
    after = page[page.length - 1]!.cadreId;
  }
}

/** The facts of some cadres, read now (a cadre with no dossier set gets empty facts). */
export async function readFacts(db: CadreDb, cadreIds: readonly string[]): Promise<Map<string, DossierFacts>> {
  const rows = (await db.table<FactsRow, string>(FACTS_TABLE).bulkGet([...cadreIds])) as (FactsRow | undefined)[];
  return new Map(cadreIds.map((id, i) => [id, rows[i] ?? { posts: [], assessments: [], rewards: [] }]));
}
