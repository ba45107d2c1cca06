import { newId } from '../../shared/ids';
import type { CadreDb, ColumnSet, SavedQuery } from './database';

// The roster's local settings: saved queries and column sets stay on this machine and never sync
// (docs/architecture.md#which-data-syncs-and-how-ids-are-made). They are written here, not by the components that
// show them (docs/architecture.md "Data layer").

/** Saves a combined query under a name; a query already saved under that name is replaced. */
export async function saveQuery(db: CadreDb, entry: Pick<SavedQuery, 'name' | 'query' | 'description'>, now = Date.now()): Promise<SavedQuery> {
  return db.transaction('rw', db.savedQueries, async () => {
    const existing = await db.savedQueries.where('name').equals(entry.name).first();
    const saved: SavedQuery = { id: existing?.id ?? newId(), ...entry, createdAt: now };
    await db.savedQueries.put(saved);
    return saved;
  });
}

export const deleteSavedQuery = (db: CadreDb, id: string): Promise<void> => db.savedQueries.delete(id);

/** Saves a choice and order of columns under a name; a set already saved under that name is replaced. */
export async function saveColumnSet(db: CadreDb, name: string, columns: readonly string[], now = Date.now()): Promise<ColumnSet> {
  return db.transaction('rw', db.columnSets, async () => {
    const existing = await db.columnSets.where('name').equals(name).first();
    const saved: ColumnSet = { id: existing?.id ?? newId(), name, columns: [...columns], createdAt: now };
    await db.columnSets.put(saved);
    return saved;
  });
}

export const deleteColumnSet = (db: CadreDb, id: string): Promise<void> => db.columnSets.delete(id);
