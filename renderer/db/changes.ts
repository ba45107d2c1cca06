import { Dexie, type Transaction } from 'dexie';
import type { CadreDb } from './database';

/** Which records of one table a committed transaction wrote (sub-record tables are named by their kind). */
export interface Change {
  table: string;
  ids: readonly string[];
}
export type ChangeListener = (changes: readonly Change[]) => void;

// Views that keep derived data (the roster's row index) learn of writes here instead of re-reading whole tables
// on every change. Every write goes through the repositories (docs/architecture.md#write-path), and they report
// what they write with noteChange; listeners hear of it only once the outermost transaction has committed, so an
// aborted write is never announced.
const listeners = new WeakMap<CadreDb, Set<ChangeListener>>();
const pending = new WeakMap<Transaction, Map<string, string[][]>>();

export function onCommittedChanges(db: CadreDb, listener: ChangeListener): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

const rootOf = (tx: Transaction): Transaction => {
  let t = tx as Transaction & { parent?: Transaction };
  while (t.parent) t = t.parent as Transaction & { parent?: Transaction };
  return t;
};

/** Records that the current transaction wrote `ids` of `table`; must run inside a Dexie transaction. */
export function noteChange(db: CadreDb, table: string, ids: Iterable<string>): void {
  const tx = Dexie.currentTransaction;
  if (!tx) throw new Error('noteChange must run inside a transaction');
  const root = rootOf(tx);
  let byTable = pending.get(root);
  if (!byTable) {
    pending.set(root, (byTable = new Map()));
    root.on('complete', () => {
      const changes = [...byTable!].map(([t, lists]) => changeOf(t, lists));
      pending.delete(root);
      for (const listener of listeners.get(db) ?? []) {
        try {
          listener(changes);
        } catch (error) {
          // one broken view must not stop the others from hearing of the change
          // eslint-disable-next-line no-console -- the renderer has no log channel to main yet; never fail silently
          console.error('change listener failed', error);
        }
      }
    });
  }
  let lists = byTable.get(table);
  if (!lists) byTable.set(table, (lists = []));
  lists.push(Array.from(ids));
}

/**
 * A table's change, its ids gathered (each once) only when a listener reads them: a demo load notes 2 million
 * sub-record ids by kind, which no listener reads (they look at the table's name), and putting them in a Set as they
 * came took over a second of the page's main thread.
 */
function changeOf(table: string, lists: readonly string[][]): Change {
  let ids: readonly string[] | undefined;
  return {
    table,
    get ids() {
      return (ids ??= [...new Set(lists.length === 1 ? lists[0] : lists.flat())]);
    },
  };
}
