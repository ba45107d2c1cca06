import { Dexie, type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type Middleware } from 'dexie';
import type { CadreDb } from './database';

// What a village posting's later promotion is computed from (docs/cultivation.md "Promotions after a posting"):
// each dossier's post levels and ranks with their months, in one small row per cadre (table promotionSteps, schema
// version 24). A year's statistics read these rows for the cadres posted that year instead of their whole dossier
// sets (about 5,000 sets at 100,000 cadres).
//
// Kept like 选拔任用's facts (renderer/db/selectionFacts.ts): a Dexie middleware under every write of subRecords,
// in the write's own transaction — a read-write transaction over subRecords is widened to promotionSteps, and each
// put, add or delete of a set puts or deletes its row. Every writer of dossier sets goes through Dexie, so none
// has to know the table exists, and a rolled-back write takes its row with it.

export const STEPS_TABLE = 'promotionSteps';
const SETS_TABLE = 'subRecords';

export interface PostStep {
  postLevel: string | null;
  from: string;
  to: string | null;
}
export interface RankStep {
  rank: string;
  from: string;
  to: string | null;
}

/** One cadre's live post levels and ranks, as promotionAfter (shared/rules/cultivation.ts) reads them. */
export interface StepsRow {
  cadreId: string;
  posts: PostStep[];
  ranks: RankStep[];
}

type Entry = { deleted?: boolean };
type SetLike = { cadreId: string; posts?: (Entry & PostStep)[]; ranks?: (Entry & RankStep)[] };

/** The row of one dossier set: its live posts and ranks, only the fields a promotion is judged by. */
export function stepsOfSet(set: SetLike): StepsRow {
  return {
    cadreId: set.cadreId,
    posts: (set.posts ?? []).filter((p) => !p.deleted).map((p) => ({ postLevel: p.postLevel, from: p.from, to: p.to })),
    ranks: (set.ranks ?? []).filter((r) => !r.deleted).map((r) => ({ rank: r.rank, from: r.from, to: r.to })),
  };
}

/** Applies a write of dossier sets to their rows, in the same transaction. */
function mirror(steps: DBCoreTable, req: DBCoreMutateRequest, res: DBCoreMutateResponse): Promise<unknown> | undefined {
  const failed = (i: number) => res.numFailures > 0 && res.failures[i] !== undefined;
  switch (req.type) {
    case 'add':
    case 'put': {
      const values = req.values.filter((_, i) => !failed(i)).map((v) => stepsOfSet(v as SetLike));
      return values.length ? steps.mutate({ type: 'put', trans: req.trans, values }) : undefined;
    }
    case 'delete': {
      const keys = req.keys.filter((_, i) => !failed(i));
      return keys.length ? steps.mutate({ type: 'delete', trans: req.trans, keys }) : undefined;
    }
    case 'deleteRange':
      // the same key space: a set's key is its cadre id
      return steps.mutate({ type: 'deleteRange', trans: req.trans, range: req.range });
  }
}

/** Dexie's zones (Dexie.Promise's PSD and usePSD, there at run time though not in its types). */
const Zones = Dexie.Promise as unknown as { PSD: unknown; usePSD: <T>(zone: unknown, f: () => T) => T };

/** The middleware that keeps promotionSteps; inert on a schema without the table (versions before 24, mid-upgrade). */
export const promotionStepsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'promotionSteps',
  create(down) {
    const has = (name: string) => down.schema.tables.some((t) => t.name === name);
    if (!has(STEPS_TABLE) || !has(SETS_TABLE)) return {};
    return {
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.includes(SETS_TABLE) && !stores.includes(STEPS_TABLE) ? [...stores, STEPS_TABLE] : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== SETS_TABLE) return table;
        const steps = down.table(STEPS_TABLE);
        return {
          ...table,
          mutate(req) {
            // Dexie's hooks layer below finds the transaction in Dexie's zone, which is lost once the write below
            // has been awaited under another middleware (selectionFacts): the mirror runs in the write's own zone
            const zone = Zones.PSD;
            return table.mutate(req).then((res) => Zones.usePSD(zone, () => mirror(steps, req, res))?.then(() => res) ?? res);
          },
        };
      },
    };
  },
};

/** Fills promotionSteps from the dossier sets stored (schema version 24's upgrade), a chunk at a time. */
export async function fillSteps(read: { sets: (after: string | null, limit: number) => Promise<SetLike[]>; put: (rows: StepsRow[]) => Promise<unknown> }): Promise<void> {
  const CHUNK = 5_000;
  let after: string | null = null;
  for (;;) {
    const page = await read.sets(after, CHUNK);
    if (page.length) await read.put(page.map(stepsOfSet));
    if (page.length < CHUNK) return;
    after = page[page.length - 1]!.cadreId;
  }
}

/** The rows of some cadres, read now; a cadre with no dossier set has none. */
export async function readSteps(db: CadreDb, cadreIds: readonly string[]): Promise<Map<string, StepsRow>> {
  const rows = (await db.table<StepsRow, string>(STEPS_TABLE).bulkGet([...cadreIds])) as (StepsRow | undefined)[];
  return new Map(rows.flatMap((r) => (r ? [[r.cadreId, r]] : [])));
}
