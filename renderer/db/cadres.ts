import type { z } from 'zod';
import { diffRecords, labelOf } from '../../shared/catalog/leaves';
import type { InputOfType } from '../../shared/catalog/recordType';
import {
  CadreFieldsSchema,
  SUB_RECORD_TYPES,
  cadreType,
  type Cadre,
  type CadreFields,
  type SubRecordOf,
  type SubRecordTable,
} from '../../shared/domain/cadre';
import { appointmentFormType } from '../../shared/domain/appointmentForm';
import { FieldError, UserError } from '../../shared/errors';
import type { CadreDb } from './database';
import { lrmxKeptTable } from './lrmxKept';
import { createRecord, deleteRecord, listByCadre, updateRecord, writeScope } from './records';
import { writeTransaction, type WriteContext } from './repository';

// The dossier's repository: the cadre's basic record and its sub-records, written through the catalogue's one
// repository (records.ts) with the checks only the database can make — the unit exists, an ID number is used once.

export type CadreInput = z.input<typeof CadreFieldsSchema>;

async function assertIdNumberFree(db: CadreDb, idNumber: string, exceptId?: string): Promise<void> {
  const holders = await db.cadres.where('idNumber').equals(idNumber).filter((c) => !c.deleted && c.id !== exceptId).toArray();
  if (holders.length) {
    throw new FieldError('idNumber', `身份证号码 ${idNumber} 已被干部“${holders[0]!.name}”使用，同一号码不能登记两人`);
  }
}

async function assertUnit(db: CadreDb, unitId: string): Promise<void> {
  const unit = await db.units.get(unitId);
  if (!unit || unit.deleted) throw new FieldError('unitId', '所选单位已不存在，请重新选择');
}

/** The unit must exist and the ID number be free (checked only when they change). */
const cadreChecks = (db: CadreDb) => async (data: CadreFields, before: Cadre | undefined) => {
  if (data.unitId !== before?.unitId) await assertUnit(db, data.unitId);
  if (data.idNumber !== before?.idNumber) await assertIdNumberFree(db, data.idNumber, before?.id);
};

export function createCadre(db: CadreDb, ctx: WriteContext, input: CadreInput): Promise<Cadre> {
  return createRecord(db, ctx, cadreType, input, {
    check: cadreChecks(db),
    summary: (data) => `新增干部“${data.name}”`,
  }) as Promise<Cadre>;
}

/** Edits the basic record; the id never changes, even when the ID number is corrected. */
export function updateCadre(db: CadreDb, ctx: WriteContext, id: string, patch: Partial<CadreInput>): Promise<Cadre> {
  return updateRecord(db, ctx, cadreType, id, patch, {
    check: cadreChecks(db),
    summary: (data, before) => `修改干部“${data.name}”的${changedTopLevel(before!, data).join('、')}`,
  }) as Promise<Cadre>;
}

/**
 * Edits several cadres in ONE transaction (批量修改, imports): all of them change, or — if any is refused — none
 * does; the refusal names the cadre.
 */
export async function updateCadres(db: CadreDb, ctx: WriteContext, edits: readonly { id: string; patch: Partial<CadreInput> }[]): Promise<Cadre[]> {
  return writeTransaction(db, writeScope(db, cadreType), async () => {
    const done: Cadre[] = [];
    for (const { id, patch } of edits) {
      done.push(
        await updateCadre(db, ctx, id, patch).catch(async (e: unknown) => {
          // only a refusal is about this cadre; anything else (a full disk) aborted the transaction: as it is
          if (!(e instanceof UserError)) throw e;
          const name = (await db.cadres.get(id))?.name ?? '';
          throw new UserError(`${name}：${e instanceof Error ? e.message : String(e)}（请先在其档案中改正）`);
        }),
      );
    }
    return done;
  });
}

/** The changed fields by their top-level label (全日制教育 rather than each of its parts), for one summary line. */
function changedTopLevel(before: Cadre, after: CadreFields): string[] {
  const keys = new Set(diffRecords(cadreType, before, after).map((c) => c.path.split('.')[0]!));
  return [...keys].map((k) => labelOf(cadreType, k));
}

export type SubRecord<T extends SubRecordTable> = SubRecordOf<T>;
export type SubRecordInput<T extends SubRecordTable> = Omit<InputOfType<(typeof SUB_RECORD_TYPES)[T]>, 'cadreId'>;

/** Adds a sub-record (career segment, education, …) to a dossier. */
export function addSubRecord<T extends SubRecordTable>(
  db: CadreDb,
  ctx: WriteContext,
  table: T,
  cadreId: string,
  input: SubRecordInput<T>,
): Promise<SubRecord<T>> {
  return createRecord(db, ctx, SUB_RECORD_TYPES[table], { ...input, cadreId } as never) as Promise<SubRecord<T>>;
}

export function updateSubRecord<T extends SubRecordTable>(
  db: CadreDb,
  ctx: WriteContext,
  table: T,
  cadreId: string,
  id: string,
  patch: Partial<SubRecordInput<T>>,
): Promise<SubRecord<T>> {
  return updateRecord(db, ctx, SUB_RECORD_TYPES[table], id, patch as never, { cadreId }) as Promise<SubRecord<T>>;
}

export function deleteSubRecord(db: CadreDb, ctx: WriteContext, table: SubRecordTable, cadreId: string, id: string): Promise<void> {
  return deleteRecord(db, ctx, SUB_RECORD_TYPES[table], id, { cadreId });
}

/** The live sub-records of one dossier, in the order they were added. */
export function listSubRecords<T extends SubRecordTable>(db: CadreDb, table: T, cadreId: string): Promise<SubRecord<T>[]> {
  return listByCadre(db, SUB_RECORD_TYPES[table], cadreId) as Promise<SubRecord<T>[]>;
}

/** The changes of a cadre's whole life that the dossier offers, with their status codes (cadreStatus table). */
export const LIFE_EVENTS = {
  transfer: { status: '03', label: '调出' },
  retire: { status: '02', label: '退休' },
  death: { status: '04', label: '去世' },
  reinstate: { status: '01', label: '恢复在职' },
} as const;
export type LifeEvent = keyof typeof LIFE_EVENTS;

/**
 * 调出, 退休, 去世 (or back to 在职): the status changes with its date and reason, in one audited write. The
 * record stays: the roster shows 在职 by default and the others on request.
 */
export function changeCadreStatus(db: CadreDb, ctx: WriteContext, id: string, event: LifeEvent, date: string, reason: string): Promise<Cadre> {
  const { status, label } = LIFE_EVENTS[event];
  return updateRecord(db, ctx, cadreType, id, { status, statusDate: date, statusReason: reason }, {
    summary: (data) => `干部“${data.name}”${label}（${date}${reason.trim() ? `，${reason.trim()}` : ''}）`,
  }) as Promise<Cadre>;
}

/**
 * Deletes a dossier created by mistake: a tombstone (kept for sync), audited with the cadre's name. What only this
 * installation keeps for the cadre (the 任免审批表's form-only fields, the LRMX elements kept for export) goes in the
 * same transaction: nothing would ever read it again.
 */
export function deleteCadre(db: CadreDb, ctx: WriteContext, id: string): Promise<void> {
  const forms = db.table(appointmentFormType.table);
  const kept = lrmxKeptTable(db);
  return writeTransaction(db, [...writeScope(db, cadreType), forms, kept], async () => {
    await deleteRecord(db, ctx, cadreType, id, { summary: (data) => `删除干部“${data.name}”的档案（误建）` });
    await forms.where('cadreId').equals(id).delete();
    await kept.delete(id);
  });
}

/**
 * Adds a 职务任免 or 职级变动 entry and, when asked, updates the basic record from it — 现任职务 and 职务层次, or
 * 职级 and 任现职级时间 — in the same transaction: both are written, or neither.
 */
export async function addCareerStep<T extends 'posts' | 'ranks'>(
  db: CadreDb,
  ctx: WriteContext,
  table: T,
  cadreId: string,
  input: SubRecordInput<T>,
  updateBasic: boolean,
): Promise<SubRecord<T>> {
  return writeTransaction(db, [db.subRecords, db.cadres, db.units], async () => {
    const entry = await addSubRecord(db, ctx, table, cadreId, input);
    if (updateBasic) {
      const patch =
        table === 'posts'
          ? { currentPost: (entry as SubRecord<'posts'>).title, postLevel: (entry as SubRecord<'posts'>).postLevel }
          : { rank: (entry as SubRecord<'ranks'>).rank, rankSince: (entry as SubRecord<'ranks'>).from };
      await updateCadre(db, ctx, cadreId, patch);
    }
    return entry;
  });
}
