import { Dexie, type DBCoreMutateRequest, type DBCoreTable, type DBCoreTransaction } from 'dexie';
import type { TraineeYear } from '../../shared/rules/cultivationTotals';
import type { CadreDb } from './database';
import type { KeptTable } from './keptTable';

// A year's kept totals read as a few hundred rows instead of one per trainee (docs/cultivation.md "Hours kept per
// year"): IndexedDB's cost is per row, and the shortfall list and the statistics read a whole year — about
// 100,000 rows of traineeYears at 100,000 cadres. traineeYearPacks (schema version 24) holds the same rows in
// columns, 256 packs a year, each trainee in the pack its key hashes to.
//
// A kept table (renderer/db/keptTable.ts), never written by hand: every write of traineeYears puts each written
// row into its pack, or takes it out, in the write's own transaction. Putting a row replaces the trainee's entry, so writing a row twice, or writing the packs and then the
// rows (a restore), leaves the same packs.

export const PACKS_TABLE = 'traineeYearPacks';
const ROWS_TABLE = 'traineeYears';
const BUCKETS = 256;

/** One pack: the trainees of a year whose key hashes to `bucket`, a column per field. */
export interface TraineePack {
  year: number;
  bucket: number;
  trainee: string[];
  cadreId: (string | null)[];
  hours: number[];
  /** Per audience, each trainee's live enrolments for it (0 when none). */
  audiences: Record<string, number[]>;
}

export function bucketOf(trainee: string): number {
  let h = 0;
  for (let i = 0; i < trainee.length; i++) h = (h * 31 + trainee.charCodeAt(i)) | 0;
  return (h >>> 0) % BUCKETS;
}

const emptyPack = (year: number, bucket: number): TraineePack => ({ year, bucket, trainee: [], cadreId: [], hours: [], audiences: {} });

/** A pack being changed: its columns copied once, with each trainee's place. */
class PackEdit {
  readonly pack: TraineePack;
  private readonly at = new Map<string, number>();

  constructor(from: TraineePack) {
    this.pack = {
      year: from.year,
      bucket: from.bucket,
      trainee: [...from.trainee],
      cadreId: [...from.cadreId],
      hours: [...from.hours],
      audiences: Object.fromEntries(Object.entries(from.audiences).map(([k, v]) => [k, [...v]])),
    };
    this.pack.trainee.forEach((t, i) => this.at.set(t, i));
  }

  /** Puts a row in, replacing the trainee's entry. */
  put(row: TraineeYear): void {
    const p = this.pack;
    let i = this.at.get(row.trainee);
    if (i === undefined) {
      i = p.trainee.length;
      this.at.set(row.trainee, i);
      p.trainee.push(row.trainee);
      for (const list of Object.values(p.audiences)) list.push(0);
    }
    p.cadreId[i] = row.cadreId;
    p.hours[i] = row.hours;
    for (const list of Object.values(p.audiences)) list[i] = 0;
    for (const [k, n] of Object.entries(row.audiences)) (p.audiences[k] ??= new Array<number>(p.trainee.length).fill(0))[i] = n;
  }

  /** Takes the trainee's entry out (the last entry moves into its place). */
  remove(trainee: string): void {
    const p = this.pack;
    const i = this.at.get(trainee);
    if (i === undefined) return;
    const last = p.trainee.length - 1;
    const move = <T,>(list: T[]) => {
      list[i] = list[last]!;
      list.pop();
    };
    this.at.delete(trainee);
    if (i !== last) this.at.set(p.trainee[last]!, i);
    move(p.trainee);
    move(p.cadreId);
    move(p.hours);
    for (const list of Object.values(p.audiences)) move(list);
    for (const [k, list] of Object.entries(p.audiences)) if (!list.some((n) => n > 0)) delete p.audiences[k];
  }
}

/** The rows of a pack, as traineeYears holds them. */
export function rowsOfPack(pack: TraineePack): TraineeYear[] {
  const keys = Object.keys(pack.audiences);
  return pack.trainee.map((trainee, i) => {
    const audiences: Record<string, number> = {};
    for (const k of keys) {
      const n = pack.audiences[k]![i] ?? 0;
      if (n > 0) audiences[k] = n;
    }
    return { year: pack.year, trainee, cadreId: pack.cadreId[i] ?? null, hours: pack.hours[i]!, audiences };
  });
}

/** The packs with the changes applied — keys ([year, trainee]) taken out, then rows put — each pack touched copied once. */
export function applyToPacks(stored: ReadonlyMap<string, TraineePack>, puts: readonly TraineeYear[], removals: readonly (readonly [number, string])[]): Map<string, TraineePack> {
  const edits = new Map<string, PackEdit>();
  const editOf = (year: number, trainee: string) => {
    const bucket = bucketOf(trainee);
    const id = `${year}\u0000${bucket}`;
    let edit = edits.get(id);
    if (!edit) edits.set(id, (edit = new PackEdit(stored.get(id) ?? emptyPack(year, bucket))));
    return edit;
  };
  for (const [year, trainee] of removals) editOf(year, trainee).remove(trainee);
  for (const row of puts) editOf(row.year, row.trainee).put(row);
  return new Map([...edits].map(([id, e]) => [id, e.pack]));
}

/** Reads the packs a write touches, applies it, and writes them back — all through the DBCore, in `trans`. */
async function mirror(packs: DBCoreTable, rows: DBCoreTable, trans: DBCoreTransaction, req: DBCoreMutateRequest): Promise<void> {
  let puts: TraineeYear[] = [];
  let removals: (readonly [number, string])[] = [];
  if (req.type === 'add' || req.type === 'put') puts = req.values as TraineeYear[];
  else if (req.type === 'delete') removals = req.keys as [number, string][];
  else {
    // a range of rows (a clear): the keys it holds, read before it is deleted
    removals = (await rows.query({ trans, values: false, query: { index: rows.schema.primaryKey, range: req.range } })).result as [number, string][];
  }
  const keys = [...new Set([...puts.map((r) => `${r.year}\u0000${bucketOf(r.trainee)}`), ...removals.map(([y, t]) => `${y}\u0000${bucketOf(t)}`)])].map((k) => {
    const [year, bucket] = k.split('\u0000');
    return [Number(year), Number(bucket)];
  });
  if (!keys.length) return;
  const found = (await packs.getMany({ trans, keys })) as (TraineePack | undefined)[];
  const stored = new Map(found.flatMap((p) => (p ? [[`${p.year}\u0000${p.bucket}`, p] as const] : [])));
  const values = [...applyToPacks(stored, puts, removals).values()];
  const empty = values.filter((p) => !p.trainee.length).map((p) => [p.year, p.bucket]);
  const kept = values.filter((p) => p.trainee.length);
  if (kept.length) await packs.mutate({ type: 'put', trans, values: kept });
  if (empty.length) await packs.mutate({ type: 'delete', trans, keys: empty });
}

/** Keeps traineeYearPacks under every write of traineeYears (renderer/db/keptTable.ts): a clear's keys are read before it runs. */
export const traineePacksKept: KeptTable = {
  table: PACKS_TABLE,
  sources: [ROWS_TABLE],
  follow: ({ rows, kept, req, res }) => {
    if (res?.numFailures) throw new Error('traineeYears: a failed row would leave its pack out of step');
    return mirror(kept, rows, req.trans, req);
  },
};

/** Fills traineeYearPacks from the rows of traineeYears (schema version 24's upgrade). */
export function packsOfRows(rows: readonly TraineeYear[]): TraineePack[] {
  return [...applyToPacks(new Map(), rows, []).values()];
}

/** A year's rows, read from its packs; `cadresOnly` leaves out trainees outside the registry. */
export async function rowsOfYear(db: CadreDb, year: number, cadresOnly: boolean): Promise<TraineeYear[]> {
  const packs = (await db.table(PACKS_TABLE).where('[year+bucket]').between([year, Dexie.minKey], [year, Dexie.maxKey], true, true).toArray()) as TraineePack[];
  const out: TraineeYear[] = [];
  for (const p of packs) for (const r of rowsOfPack(p)) if (!cadresOnly || r.cadreId) out.push(r);
  return out;
}
