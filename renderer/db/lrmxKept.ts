import type { Table } from 'dexie';
import { LrmxPersonSchema, type LrmxPerson } from '../../shared/lrmx';
import type { CadreDb } from './database';

// What an imported 任免审批表 file held that the dossier cannot (docs/domain.md "Interchange formats"): form-only
// elements, unknown elements, text that did not map. Kept per cadre in a local table (schema version 8, not
// synced: it is this installation's copy of a file it was given) and handed back to dossierToLrmx on export, so
// that importing a file and exporting the cadre again loses nothing.

export interface LrmxKeptEntry {
  cadreId: string;
  kept: LrmxPerson;
  /** The file it came from, for people looking at the data. */
  fileName: string;
  importedAt: number;
}

export const LRMX_KEPT_TABLE = 'lrmxKept';

/** The table through Dexie's untyped accessor: CadreDb's type lists the synced tables and the roster settings. */
export const lrmxKeptTable = (db: CadreDb): Table<LrmxKeptEntry, string> => db.table<LrmxKeptEntry, string>(LRMX_KEPT_TABLE);

/** Replaces what is kept for a cadre (a later import of the same person supersedes the earlier file). */
export async function putKept(db: CadreDb, entry: LrmxKeptEntry): Promise<void> {
  await lrmxKeptTable(db).put(entry);
}

/** The kept elements of a cadre; a row that no longer parses (hand edits) counts as nothing kept. */
export async function getKept(db: CadreDb, cadreId: string): Promise<LrmxPerson | undefined> {
  const row = await lrmxKeptTable(db).get(cadreId);
  if (!row) return undefined;
  const parsed = LrmxPersonSchema.safeParse(row.kept);
  return parsed.success ? parsed.data : undefined;
}

/** Kept elements of many cadres at once (an export of a selection), by cadre id. */
export async function getKeptMany(db: CadreDb, cadreIds: readonly string[]): Promise<Map<string, LrmxPerson>> {
  const rows = await lrmxKeptTable(db).bulkGet([...cadreIds]);
  const out = new Map<string, LrmxPerson>();
  for (const row of rows) {
    const parsed = row && LrmxPersonSchema.safeParse(row.kept);
    if (row && parsed?.success) out.set(row.cadreId, parsed.data);
  }
  return out;
}
