import { openDatabase, type CadreDb } from './database';
import { currentDatabaseName } from './databaseName';

/**
 * The app's single database connection. features/startup/databaseStatus.ts opens it before any page renders,
 * refusing a database from a newer program and letting go when another window upgrades it; read it only from
 * inside the app (DatabaseGate), never at module load.
 */
export const db: CadreDb = openDatabase(currentDatabaseName());
