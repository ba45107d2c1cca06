import { SUB_RECORD_TYPES, cadreType } from '../domain/cadre';
import { unitType } from '../domain/unit';
import { appointmentFormType } from '../domain/appointmentForm';
import { PERFORMANCE_TYPES } from '../domain/performance';
import { SUPERVISION_TYPES } from '../domain/supervision';
import { SELECTION_TYPES } from '../domain/selection';
import { CULTIVATION_TYPES } from '../domain/cultivation';
import type { AnyRecordType } from './recordType';

// The record-type catalogue (docs/record-types.md): every record type the product stores, in one list. The
// exchange reads the synced ones from here (which tables travel, how each is stored and how its ids are made);
// adding a record type is adding its declaration to this list.

export const CATALOG: readonly AnyRecordType[] = [unitType, cadreType, ...Object.values(SUB_RECORD_TYPES), appointmentFormType, ...SUPERVISION_TYPES, ...PERFORMANCE_TYPES, ...CULTIVATION_TYPES, ...SELECTION_TYPES];

/** The types whose records travel in bundles, in the order an import applies them (parents first). */
export const SYNCED_TYPES: readonly AnyRecordType[] = CATALOG.filter((t) => t.syncs);

const BY_TABLE = new Map(CATALOG.map((t) => [t.table, t]));

/** The type of a table name (as bundles and the audit log carry it), or undefined. */
export const recordTypeOf = (table: string): AnyRecordType | undefined => BY_TABLE.get(table);

/** The types that belong to a cadre, in dossier tab order. */
export const CADRE_OWNED_TYPES: readonly AnyRecordType[] = CATALOG.filter((t) => t.ownedByCadre);

export { defineRecordType } from './recordType';
export type { AnyRecordType, RecordType, DataOfType, InputOfType, RecordOfType } from './recordType';
export { f } from './field';
