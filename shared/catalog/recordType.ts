import { z } from 'zod';
import { SyncFieldsSchema } from '../domain/record';
import { cadreField, shapeOf, type DataOf, type Fields, type ShapeOf } from './field';

// A record type, declared once (docs/record-types.md): its table, Chinese name, fields, id rule, whether it syncs,
// whether it belongs to a cadre, whether it is restricted, its list columns, form sections and display title.
// defineRecordType derives the schemas; the rest (forms, columns, xlsx cells, audit labels, query fields, the
// registry of synced tables) is derived by the modules beside this one.

/** How a record's id is made (docs/architecture.md "Which data syncs, and how ids are made"). */
export type IdRule<D> =
  | { readonly kind: 'v7' }
  | {
      readonly kind: 'natural';
      /** First part of the UUID v5 name, e.g. 'assessment'. */
      readonly prefix: string;
      /** The natural key's parts, from the record's data (owner id included for owned types). */
      key(data: D): string[];
      /** The fields the key is made of: they cannot change after creation. */
      readonly keyFields: readonly string[];
      /**
       * When a live record already holds the id: 'refuse' (one per key: a second 2024 assessment is an error with
       * this message, at the first key field) or 'newId' (the key has changed since, e.g. a corrected ID number:
       * the new record takes a v7 id).
       */
      readonly taken: { readonly action: 'refuse'; message(data: D): string } | { readonly action: 'newId' };
      /** Said when an edit tries to change a key field. */
      readonly fixedMessage?: string;
    };

/** Where records of a type are stored in IndexedDB (only renderer/db knows more). */
export type Storage =
  /** A table of its own, one row per record. */
  | 'table'
  /** Inside the owning cadre's SubRecordSet row (renderer/db/subRecords.ts): read and written with the dossier. */
  | 'grouped'
  /** Inside its class's row (renderer/db/classEnrollments.ts), found through its `classId`: 参训学员. */
  | 'inClass';

type Key<F extends Fields> = keyof F & string;

export interface RecordTypeDeclaration<T extends string, F extends Fields, O extends boolean> {
  /** The table name, as storage, sync and the audit log name it. Never renamed: bundles carry it. */
  readonly table: T;
  /** 中文名称, e.g. 年度考核. */
  readonly name: string;
  readonly fields: F;
  /** Belongs to one cadre (a `cadreId` field is added and the type shows as a dossier tab). */
  readonly ownedByCadre: O;
  readonly storage: Storage;
  readonly syncs: boolean;
  /** Supervision records and the like: kept out of the roster, its query and its exports (a role check hooks here). */
  readonly restricted?: boolean;
  readonly id: IdRule<DataOf<F> & (O extends true ? { cadreId: string } : object)>;
  /** Columns of its list and dossier tab, in order. */
  readonly list: readonly Key<F>[];
  /** Form sections in order; by default one section with every field. */
  readonly sections?: readonly { readonly title: string; readonly fields: readonly Key<F>[] }[];
  /** The field that places a record in time (period filters, chronological order). */
  readonly period?: Key<F>;
  /** A short title for one record, e.g. "2024年度考核" (history, conflicts, messages). */
  title(record: DataOf<F>): string;
  /** Said when an edit finds the record gone (deleted meanwhile); a plain default otherwise. */
  readonly goneMessage?: string;
  /**
   * Rules beyond each field's own limits, over the whole record (pure: shared/rules/ holds them). Each problem
   * names its field; they are reported together with the schema's (shared/catalog/validate.ts).
   */
  rules?(data: DataOf<F>, ctx: { today: string }): FieldProblem[];
  /**
   * What a save only warns about (shown with 仍然保存), given the cadre's other records of this type: a career gap,
   * 参加工作 before 16. Pure, like `rules`.
   */
  warnings?(data: DataOf<F>, ctx: { today: string; siblings: readonly DataOf<F>[] }): FieldProblem[];
}

/** A problem at one field of a record (path as in FieldError). */
export interface FieldProblem {
  path: string;
  message: string;
}

type Owned<F extends Fields, O extends boolean> = O extends true ? F & { cadreId: ReturnType<typeof cadreField> } : F;

export interface RecordType<T extends string = string, F extends Fields = Fields, O extends boolean = boolean>
  extends Omit<RecordTypeDeclaration<T, F, O>, 'fields'> {
  /** The declared fields, with `cadreId` first for types owned by a cadre. */
  readonly fields: Owned<F, O>;
  /** The fields without sync fields (what a form or an import produces). */
  readonly dataSchema: z.ZodObject<ShapeOf<Owned<F, O>>>;
  /** A whole stored record: sync fields and data. */
  readonly schema: z.ZodObject<ShapeOf<Owned<F, O>> & typeof SyncFieldsSchema.shape>;
  /** Form sections, with defaults filled in. */
  readonly sections: readonly { readonly title: string; readonly fields: readonly Key<F>[] }[];
}

export type AnyRecordType = RecordType<string, Fields, boolean>;
export type DataOfType<R extends AnyRecordType> = z.output<R['dataSchema']>;
export type InputOfType<R extends AnyRecordType> = z.input<R['dataSchema']>;
export type RecordOfType<R extends AnyRecordType> = z.output<R['schema']>;

export function defineRecordType<const T extends string, const F extends Fields, const O extends boolean>(
  declaration: RecordTypeDeclaration<T, F, O>,
): RecordType<T, F, O> {
  const fields = (declaration.ownedByCadre ? { cadreId: cadreField('干部'), ...declaration.fields } : declaration.fields) as Owned<F, O>;
  const shape = shapeOf(fields);
  const dataSchema = z.object(shape);
  const schema = SyncFieldsSchema.extend(shape);
  const sections = declaration.sections ?? [{ title: declaration.name, fields: Object.keys(declaration.fields) as Key<F>[] }];
  return { ...declaration, fields, dataSchema, schema, sections } as RecordType<T, F, O>;
}
