import type { Dexie, Transaction } from 'dexie';

/**
 * The database's versions, oldest first. A schema change is a new entry (never an edit of an old one) with an
 * upgrade() when existing data must change, and a test in test/unit/renderer/migrations.test.ts that opens a
 * database of the previous version holding data, upgrades it and checks the result (see openAtVersion there).
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const schemaVersions: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // key/value: the installation counter and other per-database facts (local, not synced)
      meta: 'key',
      units: 'id, parentId',
      // issue 3 fills in the dossier; the unit tree already needs to know whether a unit holds cadres
      cadres: 'id, unitId',
      audit: 'id, at, [table+recordId]',
    },
  },
];

export const LATEST_VERSION = schemaVersions[schemaVersions.length - 1]!.version;

/** Declares the given versions on a Dexie instance (all of them by default). */
export function declareSchema(db: Dexie, versions: readonly SchemaVersion[] = schemaVersions): void {
  for (const v of versions) {
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}
