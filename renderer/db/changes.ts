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
const pending = new WeakMap<Transaction, Map<string, Set<string>>>();

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
      const changes = [...byTable!].map(([t, set]) => ({ table: t, ids: [...set] }));
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
  let set = byTable.get(table);
  if (!set) byTable.set(table, (set = new Set()));
  for (const id of ids) set.add(id);
}
