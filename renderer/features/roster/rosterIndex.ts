import type { Unit } from '../../../shared/domain/unit';
import type { CadreDb } from '../../db/database';
import { onCommittedChanges } from '../../db/changes';
import { messageOf } from '../../api';
import { loadStrokeOrder } from '../../../shared/rules/strokeOrder';
import { loadPinyin } from '../../../shared/rules/pinyinData';
import { RosterRow, SortRanks, sortRows, unitPlaces, type SortKey } from './rows';
import { readFirstScreen, type FirstScreen } from './firstScreen';

/**
 * The roster's rows, kept for the life of the window: read from IndexedDB once, then patched from the committed
 * changes the repositories announce (renderer/db/changes.ts), so opening the roster, typing in quick search or
 * re-sorting never re-reads or rebuilds 100,000 rows. Each sort order is computed once and kept until a change.
 */
export class RosterIndex {
  private readonly rows = new Map<string, RosterRow>();
  private units: Unit[] = [];
  private asOf = '';
  private ranks = this.freshRanks();
  private readonly sorted = new Map<SortKey, RosterRow[]>();
  private readonly listeners = new Set<() => void>();
  private loading: Promise<void> | null = null;
  /** Cadres written since the rows were last brought up to date, and whether the units changed. */
  private readonly pending = new Set<string>();
  private unitsDirty = false;
  private catchUpTimer: ReturnType<typeof setTimeout> | null = null;
  /** Why the rows could not be brought up to date, until they are. */
  error: string | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Bumped on every change; React reads it through useSyncExternalStore. */
  version = 0;
  loaded = false;
  /**
   * The default view's first rows, read before everything on a first load (a cold start shows them while the
   * 100,000 rows are read and ranked); null once the rows are loaded, and dropped on any write meanwhile.
   */
  firstScreen: FirstScreen | null = null;
  /** Counts committed writes to cadres and units: a first screen read across one is stale and never shown. */
  private writes = 0;
  /** `writes` as of the last time the rows were brought up to date: less than it while some are still to apply. */
  private applied = -1;

  /** `readFirst` reads the first screen (the tests hold it to place a write inside it). */
  constructor(
    private readonly db: CadreDb,
    private readonly readFirst: (db: CadreDb, asOf: string) => Promise<FirstScreen | null> = readFirstScreen,
  ) {
    onCommittedChanges(db, (changes) => {
      for (const c of changes) {
        if (c.table === 'units') this.unitsDirty = true;
        else if (c.table === 'cadres') for (const id of c.ids) this.pending.add(id);
        if (c.table === 'units' || c.table === 'cadres') this.writes++;
      }
      if (this.firstScreen && this.writes) {
        this.firstScreen = null; // it may no longer be what the database holds: the spinner until the rows are read
        this.changed();
      }
      // nobody is looking (a bulk load from 本机设置, an import): catch up when the roster is opened instead;
      // while it is open, writes arriving in quick succession (batches) are applied together
      if (this.listeners.size && !this.catchUpTimer) {
        this.catchUpTimer = setTimeout(() => {
          this.catchUpTimer = null;
          this.enqueue(() => this.catchUp()).catch(() => undefined); // reported through `error`
        }, 100);
      }
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** The rows are loaded and hold every write announced so far (none is waiting to be applied). */
  get current(): boolean {
    return this.loaded && this.applied === this.writes;
  }

  /**
   * Reads everything the first time; later calls only apply the writes made meanwhile. `asOf` (the current
   * month) ages the rows.
   */
  load(asOf: string): Promise<void> {
    if (!this.loading) {
      this.pending.clear();
      this.unitsDirty = false;
      // the first screen's few index reads go first: queued behind the read of every cadre in IndexedDB, they
      // arrived only after it (docs/architecture.md "Roster index")
      const first = this.loaded ? Promise.resolve() : this.showFirstScreen(asOf);
      // then the writes committed while it read (it may have read before them), also when nobody is subscribed
      this.loading = this.enqueue(async () => {
        await first;
        await this.readAll(asOf);
        await this.catchUp();
      }).catch((error: unknown) => {
        this.loading = null; // let the next visit try again
        throw error;
      });
      return this.loading;
    }
    if (this.loaded && asOf !== this.asOf) this.reage(asOf);
    return this.loading.then(() => this.enqueue(() => this.catchUp()));
  }

  private async readAll(asOf: string): Promise<void> {
    const writes = this.writes; // the reads below start after these, so they hold them
    // the stroke data and pinyin-pro (chunks of their own) load while IndexedDB reads: every sort order needs the
    // first, ties included; quick search and the 拼音 order the second
    const [units, cadres] = await Promise.all([this.db.units.toArray(), this.db.cadres.toArray(), loadStrokeOrder(), loadPinyin()]);
    this.rows.clear();
    this.ranks = this.freshRanks();
    this.units = units;
    this.asOf = asOf;
    const places = unitPlaces(units);
    for (const c of cadres) if (!c.deleted) this.rows.set(c.id, new RosterRow(c, places, asOf));
    this.loaded = true;
    this.applied = writes;
    this.firstScreen = null;
    this.error = null;
    this.changed();
    void this.warmSearch(); // not awaited: the rows are usable now, the keys follow in idle slices
  }

  /**
   * Reads the default view's first rows on their own (a few index reads), for the roster to show while
   * everything is read; a failure is left to the full read, which reports it.
   */
  private async showFirstScreen(asOf: string): Promise<void> {
    const writesBefore = this.writes;
    const screen = await this.readFirst(this.db, asOf).catch(() => null);
    // only if it is still what the database holds and the whole roster has not arrived first
    if (!screen || this.loaded || this.writes !== writesBefore) return;
    this.firstScreen = screen;
    this.changed();
  }

  private freshRanks(): SortRanks {
    return new SortRanks(() => [...this.rows.values()].map((r) => r.name));
  }

  /** Works out the pinyin keys of every name a slice at a time, so the first search keystroke finds them ready. */
  private async warmSearch(shouldYield: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0))): Promise<void> {
    const all = [...this.rows.values()];
    for (let i = 0; i < all.length; i += 2000) {
      for (const row of all.slice(i, i + 2000)) void row.keys;
      await shouldYield();
    }
  }

  get unitList(): readonly Unit[] {
    return this.units;
  }

  get size(): number {
    return this.rows.size;
  }

  /** Every live cadre's row in no set order: for a pass that needs none, without sorting 100,000 rows. */
  unordered(): IterableIterator<RosterRow> {
    return this.rows.values();
  }

  /** Every live cadre in the given order (the same array until something changes). */
  sortedBy(key: SortKey): readonly RosterRow[] {
    let list = this.sorted.get(key);
    if (!list) {
      const rows = [...this.rows.values()];
      list = sortRows(rows, key, this.ranks);
      this.sorted.set(key, list);
    }
    return list;
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step, step);
    // eslint-disable-next-line no-console -- the renderer has no log channel to main yet; never fail silently
    this.queue = next.catch((error: unknown) => console.error('roster index update failed', error));
    return next;
  }

  /** Brings the rows up to date with the writes announced since: patched one by one, or re-read after a bulk load. */
  private async catchUp(): Promise<void> {
    const writes = this.writes;
    if (!this.loaded) return;
    if (!this.unitsDirty && !this.pending.size) {
      this.applied = writes; // every write announced is applied (catching up runs one at a time)
      return;
    }
    const cadreIds = [...this.pending];
    const unitsChanged = this.unitsDirty;
    this.pending.clear();
    this.unitsDirty = false;
    try {
      await this.patch(cadreIds, unitsChanged);
      this.applied = writes;
      this.error = null;
    } catch (error) {
      // keep what is still to do, and let the next visit read everything afresh
      for (const id of cadreIds) this.pending.add(id);
      this.unitsDirty ||= unitsChanged;
      this.loading = null;
      this.loaded = false;
      this.error = messageOf(error);
      this.changed();
      throw error;
    }
  }

  private async patch(cadreIds: string[], unitsChanged: boolean): Promise<void> {
    // re-reading everything is cheaper than fetching and ranking a large share of it one by one
    if (cadreIds.length > 5_000 && cadreIds.length > this.rows.size / 4) {
      this.loaded = false;
      this.changed(); // the roster shows its spinner meanwhile
      return this.readAll(this.asOf);
    }
    if (unitsChanged) this.units = await this.db.units.toArray();
    const places = unitPlaces(this.units);
    if (unitsChanged) for (const row of this.rows.values()) row.place(places);
    const cadres = await this.db.cadres.bulkGet(cadreIds);
    const names: string[] = [];
    cadreIds.forEach((id, i) => {
      const cadre = cadres[i];
      if (!cadre || cadre.deleted) this.rows.delete(id);
      else {
        this.rows.set(id, new RosterRow(cadre, places, this.asOf));
        names.push(cadre.name);
      }
    });
    this.ranks.add(names);
    this.changed();
  }

  private reage(asOf: string): void {
    this.asOf = asOf;
    const places = unitPlaces(this.units);
    for (const [id, row] of this.rows) this.rows.set(id, new RosterRow(row.cadre, places, asOf));
    this.changed();
  }

  private changed(): void {
    this.sorted.clear();
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

/**
 * Reads the roster in the background shortly after the window opens, so the first visit to 干部名册 finds its
 * rows ready; failures are left for the roster page to report when it is opened.
 */
export function prewarmRoster(db: CadreDb, asOf: string): void {
  void loadStrokeOrder().catch(() => undefined); // its chunk loads beside the reads; the read reports a failure
  rosterIndexOf(db)
    .load(asOf)
    .catch(() => undefined);
}

/**
 * A start on the roster: reads it as soon as the start-up's own work is done (`settled`), while the shell is still
 * being drawn. Not earlier: IndexedDB serves a page's requests one after another, and at 100,000 cadres the read of
 * every cadre (about 6 s) issued as the database opened went ahead of the start-up's few small transactions, so
 * the window showed nothing of its own — not even the first screen, read long before — until it was done.
 */
export async function prewarmAfter(db: CadreDb, settled: Promise<unknown>, asOf: () => string): Promise<void> {
  await settled.catch(() => undefined);
  prewarmRoster(db, asOf());
}

const indexes = new WeakMap<CadreDb, RosterIndex>();

/** The one index of a database connection. */
export function rosterIndexOf(db: CadreDb): RosterIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = new RosterIndex(db)));
  return index;
}
