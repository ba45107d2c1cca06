import { openDatabase, type CadreDb } from './database';

/** The app's single database connection. */
export const db: CadreDb = openDatabase();
