import { Dexie, type Table } from 'dexie';
import { cadreOfTrainee, type TotalsColumns, type TraineeYear } from '../../shared/rules/cultivationTotals';
import type { CadreDb } from './database';

// The kept totals of hours and audiences per (year, trainee) (docs/cultivation.md "Hours kept per year"), held
// as a few large rows instead of one per trainee: the shortfall list and the statistics read a whole year — about
// 90,000 trainees at 100,000 cadres. traineeTotalPacks (schema version 31) holds them in columns, 32 packs a year,
// each trainee in the pack its key hashes to, each column one string: the trainee keys joined (a cadre's key ends
// in its id), the hours and each audience's counts as decimal numbers joined by commas. In this Chromium a stored
// value under 64 KiB is read at about 14 MB/s whatever it holds, one over 64 KiB (kept as a file of its own) about
// six times faster, and a few strings clone faster than 600,000 tagged values: at 100,000 cadres a pack holds about
// 2,800 trainees, over 100 KiB. Strings, not typed arrays, because a backup writes every table as JSON (a typed
// array would come back from it as an object of indexes). Version 24's traineeYearPacks (256 packs a year of plain
// arrays) went in version 31.
//
// Until version 33 a row table, traineeYears, held the same totals a row per trainee, and these packs followed its
// writes; the demo load then wrote ~300,000 rows at 100,000 cadres only to pack them again. Now the packs are the
// only copy: a write of enrolments reads the packs its trainees are in, edits them, and writes them back (editRows).

export const PACKS_TABLE = 'traineeTotalPacks';
/** Version 24's packs (filled by its upgrade, dropped by version 31's). */
export const V24_PACKS_TABLE = 'traineeYearPacks';
const BUCKETS = 32;
const V24_BUCKETS = 256;
/** Between the trainee keys of a pack's joined string: never in a key (names and units are typed, one line each). */
const SEP = '\u0000';

/** One stored pack: the trainees of a year whose key hashes to `bucket`, a column per field. */
export interface TraineePack {
  year: number;
  bucket: number;
  /** The trainee keys joined by U+0000 ('' when none). */
  trainees: string;
  /** Each trainee's hours, joined by commas. */
  hours: string;
  /** Per audience, each trainee's live enrolments for it (0 when none), joined by commas; an audience nobody has is left out. */
  audiences: Record<string, string>;
}

/** Version 24's pack: plain arrays, the cadre id beside each key. */
export interface V24TraineePack {
  year: number;
  bucket: number;
  trainee: string[];
  cadreId: (string | null)[];
  hours: number[];
  audiences: Record<string, number[]>;
}

const hash = (trainee: string) => {
  let h = 0;
  for (let i = 0; i < trainee.length; i++) h = (h * 31 + trainee.charCodeAt(i)) | 0;
  return h >>> 0;
};
export const bucketOf = (trainee: string): number => hash(trainee) % BUCKETS;

const numbers = (column: string): number[] => (column ? column.split(',').map(Number) : []);

/** A stored pack's columns, split into new arrays (a PackEdit changes them in place). */
export function columnsOfPack(pack: TraineePack): TotalsColumns & { trainee: string[]; hours: number[]; audiences: Record<string, number[]> } {
  const audiences: Record<string, number[]> = {};
  for (const [k, column] of Object.entries(pack.audiences)) audiences[k] = numbers(column);
  return { year: pack.year, trainee: pack.trainees ? pack.trainees.split(SEP) : [], hours: numbers(pack.hours), audiences };
}

/** A pack being changed: its columns copied once into plain arrays, with each trainee's place. */
class PackEdit {
  readonly trainee: string[];
  readonly hours: number[];
  readonly audiences: Record<string, number[]>;
  private readonly at = new Map<string, number>();

  constructor(
    readonly year: number,
    readonly bucket: number,
    from: TraineePack | undefined,
  ) {
    const cols = from ? columnsOfPack(from) : { trainee: [], hours: [], audiences: {} };
    this.trainee = cols.trainee;
    this.hours = cols.hours;
    this.audiences = cols.audiences;
    this.trainee.forEach((t, i) => this.at.set(t, i));
  }

  /** Puts a row in, replacing the trainee's entry. */
  put(row: TraineeYear): void {
    let i = this.at.get(row.trainee);
    if (i === undefined) {
      i = this.trainee.length;
      this.at.set(row.trainee, i);
      this.trainee.push(row.trainee);
      for (const list of Object.values(this.audiences)) list.push(0);
    }
    this.hours[i] = row.hours;
    for (const list of Object.values(this.audiences)) list[i] = 0;
    for (const [k, n] of Object.entries(row.audiences)) (this.audiences[k] ??= new Array<number>(this.trainee.length).fill(0))[i] = n;
  }

  /** The trainee's row, or null when the pack holds none. */
  row(trainee: string): TraineeYear | null {
    const i = this.at.get(trainee);
    if (i === undefined) return null;
    const audiences: Record<string, number> = {};
    for (const [k, list] of Object.entries(this.audiences)) if ((list[i] ?? 0) > 0) audiences[k] = list[i]!;
    return { year: this.year, trainee, cadreId: cadreOfTrainee(trainee), hours: this.hours[i]!, audiences };
  }

  /** Takes the trainee's entry out (the last entry moves into its place). */
  remove(trainee: string): void {
    const i = this.at.get(trainee);
    if (i === undefined) return;
    const last = this.trainee.length - 1;
    const move = <T,>(list: T[]) => {
      list[i] = list[last]!;
      list.pop();
    };
    this.at.delete(trainee);
    if (i !== last) this.at.set(this.trainee[last]!, i);
    move(this.trainee);
    move(this.hours);
    for (const list of Object.values(this.audiences)) move(list);
  }

  /** The pack to store: an audience nobody has any more is left out. */
  packed(): TraineePack {
    const audiences: Record<string, string> = {};
    for (const [k, list] of Object.entries(this.audiences)) if (list.some((n) => n > 0)) audiences[k] = list.join(',');
    return { year: this.year, bucket: this.bucket, trainees: this.trainee.join(SEP), hours: this.hours.join(','), audiences };
  }
}

/** The rows of some columns, as traineeYears holds them. */
export function rowsOfColumns(cols: TotalsColumns): TraineeYear[] {
  const keys = Object.keys(cols.audiences);
  return cols.trainee.map((trainee, i) => {
    const audiences: Record<string, number> = {};
    for (const k of keys) {
      const n = cols.audiences[k]![i] ?? 0;
      if (n > 0) audiences[k] = n;
    }
    return { year: cols.year, trainee, cadreId: cadreOfTrainee(trainee), hours: cols.hours[i]!, audiences };
  });
}

/** The rows of a stored pack. */
export const rowsOfPack = (pack: TraineePack): TraineeYear[] => rowsOfColumns(columnsOfPack(pack));

const packId = (year: number, bucket: number) => `${year}\u0000${bucket}`;

/** The packs with the changes applied — keys ([year, trainee]) taken out, then rows put — each pack touched copied once. */
export function applyToPacks(stored: ReadonlyMap<string, TraineePack>, puts: readonly TraineeYear[], removals: readonly (readonly [number, string])[]): Map<string, TraineePack> {
  const edits = new Map<string, PackEdit>();
  const editOf = (year: number, trainee: string) => {
    const bucket = bucketOf(trainee);
    const id = packId(year, bucket);
    let edit = edits.get(id);
    if (!edit) edits.set(id, (edit = new PackEdit(year, bucket, stored.get(id))));
    return edit;
  };
  for (const [year, trainee] of removals) editOf(year, trainee).remove(trainee);
  for (const row of puts) editOf(row.year, row.trainee).put(row);
  return new Map([...edits].map(([id, e]) => [id, e.packed()]));
}

/** The kept totals' table: the packs are where they are kept (schema version 33 dropped the rows). */
export const totalPacks = (db: CadreDb) => db.table(PACKS_TABLE) as Table<TraineePack, [number, number]>;

/** A row's place: year and trainee key. */
export type RowKey = readonly [number, string];
const rowId = ([year, trainee]: RowKey) => `${year}${SEP}${trainee}`;

/**
 * Reads the packs that hold the rows of `keys`, lets `edit` change those rows (a row set to null goes), and writes
 * each touched pack back once (an emptied pack is deleted), in the caller's transaction over the packs.
 */
export async function editRows(db: CadreDb, keys: readonly RowKey[], edit: (rows: Map<string, TraineeYear | null>, keyOf: (row: RowKey) => string) => void): Promise<void> {
  if (!keys.length) return;
  const packKeys = [...new Map(keys.map(([year, trainee]) => [packId(year, bucketOf(trainee)), [year, bucketOf(trainee)] as [number, number]])).values()];
  const found = await totalPacks(db).bulkGet(packKeys);
  const edits = new Map(packKeys.map(([year, bucket], i) => [packId(year, bucket), new PackEdit(year, bucket, found[i])]));
  const editOf = ([year, trainee]: RowKey) => edits.get(packId(year, bucketOf(trainee)))!;
  const rows = new Map(keys.map((k) => [rowId(k), editOf(k).row(k[1])]));
  edit(rows, rowId);
  for (const k of keys) {
    const row = rows.get(rowId(k));
    if (row) editOf(k).put(row);
    else editOf(k).remove(k[1]);
  }
  const values = [...edits.values()].map((e) => e.packed());
  const kept = values.filter((p) => p.trainees);
  const empty = values.filter((p) => !p.trainees).map((p) => [p.year, p.bucket] as [number, number]);
  if (kept.length) await totalPacks(db).bulkPut(kept);
  if (empty.length) await totalPacks(db).bulkDelete(empty);
}

/** Fills traineeTotalPacks from the rows of traineeYears (schema version 31's upgrade). */
export function packsOfRows(rows: readonly TraineeYear[]): TraineePack[] {
  return [...applyToPacks(new Map(), rows, []).values()];
}

/** Version 24's packs of the rows (its upgrade): 256 a year, plain arrays. */
export function v24PacksOfRows(rows: readonly TraineeYear[]): V24TraineePack[] {
  const packs = new Map<string, V24TraineePack>();
  for (const r of rows) {
    const bucket = hash(r.trainee) % V24_BUCKETS;
    const id = packId(r.year, bucket);
    let p = packs.get(id);
    if (!p) packs.set(id, (p = { year: r.year, bucket, trainee: [], cadreId: [], hours: [], audiences: {} }));
    const i = p.trainee.length;
    p.trainee.push(r.trainee);
    p.cadreId.push(r.cadreId);
    p.hours.push(r.hours);
    for (const list of Object.values(p.audiences)) list.push(0);
    for (const [k, n] of Object.entries(r.audiences)) (p.audiences[k] ??= new Array<number>(i + 1).fill(0))[i] = n;
  }
  return [...packs.values()];
}

/** A year's totals in columns, a set per pack, read in one request: the shortfall list and the statistics use them as they are. */
export async function columnsOfYear(db: CadreDb, year: number): Promise<TotalsColumns[]> {
  const packs = (await db.table(PACKS_TABLE).where('[year+bucket]').between([year, Dexie.minKey], [year, Dexie.maxKey], true, true).toArray()) as TraineePack[];
  return packs.map(columnsOfPack);
}

/** A year's rows, read from its packs; `cadresOnly` leaves out trainees outside the registry. */
export async function rowsOfYear(db: CadreDb, year: number, cadresOnly: boolean): Promise<TraineeYear[]> {
  const out: TraineeYear[] = [];
  for (const cols of await columnsOfYear(db, year)) for (const r of rowsOfColumns(cols)) if (!cadresOnly || r.cadreId) out.push(r);
  return out;
}
