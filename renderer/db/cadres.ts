import { z } from 'zod';
import {
  CADRE_FIELD_LABELS,
  CadreFieldsSchema,
  SUB_RECORD_TABLES,
  type Cadre,
  type CadreFields,
  type SubRecordTable,
} from '../../shared/domain/cadre';
import { withoutSyncFields, type SyncFields } from '../../shared/domain/record';
import { FieldError, UserError } from '../../shared/errors';
import { cadreId, naturalId, newId } from '../../shared/ids';
import { parseIdNumber } from '../../shared/rules/idNumber';
import { dayOf } from '../../shared/rules/months';
import type { CadreDb } from './database';
import { writeRecord, writeStored, writeTransaction, type WriteContext } from './repository';
import { storedSubRecords, storeSubRecord } from './subRecords';

// The dossier's repository. Every write validates with the shared schemas, refuses with a message at the field,
// and changes nothing unless all of it is valid (one transaction).

export type CadreInput = z.input<typeof CadreFieldsSchema>;

const todayOf = (ctx: WriteContext) => dayOf(new Date(ctx.now()));

/** No month in a record may lie after the current month (a typo like 2052 for 2025 is caught at the field). */
function assertNoFutureMonths(record: object, ctx: WriteContext, prefix = ''): void {
  const thisMonth = todayOf(ctx).slice(0, 7);
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string' && /^\d{4}-\d{2}$/.test(value) && value > thisMonth) {
      throw new FieldError(`${prefix}${key}`, `${value.replace('-', '.')} 晚于当前年月，不能填写未来的时间，请核对`);
    }
  }
}

function firstIssue(error: z.ZodError): FieldError {
  const issue = error.issues[0]!;
  return new FieldError(issue.path.join('.'), issue.message);
}

/** Schema, ID number, and agreement of birth month and sex with the ID number (never silently fixed). */
function validCadre(input: CadreInput, ctx: WriteContext): CadreFields {
  const id = parseIdNumber(String(input.idNumber ?? ''), todayOf(ctx));
  if (!id.ok) throw new FieldError('idNumber', id.reason);
  const parsed = CadreFieldsSchema.safeParse({ ...input, idNumber: id.value.normalized });
  if (!parsed.success) throw firstIssue(parsed.error);
  const fields = parsed.data;
  assertNoFutureMonths(fields, ctx);
  if (id.value.birthMonth !== fields.birth) {
    throw new FieldError(
      'birth',
      `出生年月 ${fields.birth.replace('-', '.')} 与身份证号码中的 ${id.value.birthMonth.replace('-', '.')} 不一致，请核对`,
    );
  }
  if (id.value.sex !== fields.sex) {
    throw new FieldError('sex', `性别与身份证号码不一致：号码第17位表示${id.value.sex === '1' ? '男' : '女'}，请核对`);
  }
  return fields;
}

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

async function liveCadre(db: CadreDb, id: string): Promise<Cadre> {
  const cadre = await db.cadres.get(id);
  if (!cadre || cadre.deleted) throw new UserError('该干部的档案已不存在，可能已被删除。请刷新后重试。');
  return cadre;
}

export async function createCadre(db: CadreDb, ctx: WriteContext, input: CadreInput): Promise<Cadre> {
  const fields = validCadre(input, ctx);
  return writeTransaction(db, [db.cadres, db.units], async () => {
    await assertUnit(db, fields.unitId);
    await assertIdNumberFree(db, fields.idNumber);
    // v5 of the ID number at creation; a tombstone with it is revived, and if a live cadre still holds the id
    // (its number was corrected since), the new one gets a fresh id.
    let id = cadreId(fields.idNumber);
    const existing = await db.cadres.get(id);
    if (existing && !existing.deleted) id = newId();
    return writeRecord<Cadre>(db, ctx, {
      table: db.cadres,
      before: existing?.deleted ? existing : undefined,
      data: { id, ...fields },
      summary: `新增干部“${fields.name}”`,
    });
  });
}

const changedLabels = (before: CadreFields, after: CadreFields): string[] =>
  (Object.keys(CADRE_FIELD_LABELS) as (keyof CadreFields)[])
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => CADRE_FIELD_LABELS[k]);

/** Edits the basic record; the id never changes, even when the ID number is corrected. */
export async function updateCadre(db: CadreDb, ctx: WriteContext, id: string, patch: Partial<CadreInput>): Promise<Cadre> {
  return writeTransaction(db, [db.cadres, db.units], async () => {
    const before = await liveCadre(db, id);
    const fields = validCadre({ ...pickFields(before), ...patch }, ctx);
    const changed = changedLabels(pickFields(before), fields);
    if (!changed.length) return before;
    if (fields.unitId !== before.unitId) await assertUnit(db, fields.unitId);
    if (fields.idNumber !== before.idNumber) await assertIdNumberFree(db, fields.idNumber, id);
    return writeRecord<Cadre>(db, ctx, {
      table: db.cadres,
      before,
      data: { id, ...fields },
      summary: `修改干部“${fields.name}”的${changed.join('、')}`,
    });
  });
}

const pickFields = (cadre: Cadre): CadreFields => withoutSyncFields(cadre);

type SubSchema<T extends SubRecordTable> = (typeof SUB_RECORD_TABLES)[T]['schema'];
export type SubRecord<T extends SubRecordTable> = z.output<SubSchema<T>>;
export type SubRecordInput<T extends SubRecordTable> = Omit<z.input<SubSchema<T>>, keyof SyncFields | 'cadreId'>;

const subFieldsSchema = <T extends SubRecordTable>(table: T) =>
  (SUB_RECORD_TABLES[table].schema as z.ZodObject).omit({ id: true, vv: true, updatedAt: true, updatedBy: true, deleted: true });

function validSub<T extends SubRecordTable>(table: T, data: unknown, ctx: WriteContext): Omit<SubRecord<T>, keyof SyncFields> {
  const parsed = subFieldsSchema(table).safeParse(data);
  if (!parsed.success) throw firstIssue(parsed.error);
  assertNoFutureMonths(parsed.data, ctx);
  const value = parsed.data as { from?: string | null; to?: string | null };
  if (value.from && value.to && value.to < value.from) throw new FieldError('to', '截止时间不能早于起始时间');
  return parsed.data as Omit<SubRecord<T>, keyof SyncFields>;
}

/** Adds a sub-record (career segment, education, …) to a dossier. */
export async function addSubRecord<T extends SubRecordTable>(
  db: CadreDb,
  ctx: WriteContext,
  table: T,
  cadreIdValue: string,
  input: SubRecordInput<T>,
): Promise<SubRecord<T>> {
  const data = validSub(table, { ...input, cadreId: cadreIdValue }, ctx);
  return writeTransaction(db, [db.cadres, db.subRecords], async () => {
    const cadre = await liveCadre(db, cadreIdValue);
    let id = newId();
    let before: SubRecord<T> | undefined;
    if (table === 'assessments') {
      const year = (data as unknown as { year: number }).year;
      id = naturalId('assessment', cadreIdValue, String(year));
      const existing = (await storedSubRecords(db, table, cadreIdValue)).find((r) => r.id === id) as SubRecord<T> | undefined;
      if (existing && !existing.deleted) throw new FieldError('year', `${year}年度的考核结果已登记，请修改原记录`);
      before = existing;
    }
    return writeStored(db, ctx, {
      tableName: table,
      store: storeSubRecord(db, table, cadreIdValue),
      before: before as never,
      data: { id, ...data } as never,
      summary: `为干部“${cadre.name}”新增${SUB_RECORD_TABLES[table].label}记录`,
    }) as Promise<SubRecord<T>>;
  });
}

async function liveSubRecord<T extends SubRecordTable>(db: CadreDb, table: T, cadreIdValue: string, id: string): Promise<SubRecord<T>> {
  const before = (await storedSubRecords(db, table, cadreIdValue)).find((r) => r.id === id) as SubRecord<T> | undefined;
  if (!before || before.deleted) throw new UserError('该记录已不存在，可能已被删除。请刷新后重试。');
  return before;
}

export async function updateSubRecord<T extends SubRecordTable>(
  db: CadreDb,
  ctx: WriteContext,
  table: T,
  cadreIdValue: string,
  id: string,
  patch: Partial<SubRecordInput<T>>,
): Promise<SubRecord<T>> {
  return writeTransaction(db, [db.cadres, db.subRecords], async () => {
    const before = await liveSubRecord(db, table, cadreIdValue, id);
    const current = withoutSyncFields(before as SubRecord<T> & SyncFields);
    const data = validSub(table, { ...current, ...patch, cadreId: cadreIdValue }, ctx);
    if (table === 'assessments' && (data as unknown as { year: number }).year !== (before as { year?: number }).year) {
      throw new FieldError('year', '考核年度不能修改；如登记错了年度，请删除后重新登记');
    }
    const cadre = await liveCadre(db, cadreIdValue);
    return writeStored(db, ctx, {
      tableName: table,
      store: storeSubRecord(db, table, cadreIdValue),
      before: before as never,
      data: { id, ...data } as never,
      summary: `修改干部“${cadre.name}”的${SUB_RECORD_TABLES[table].label}记录`,
    }) as Promise<SubRecord<T>>;
  });
}

export async function deleteSubRecord(db: CadreDb, ctx: WriteContext, table: SubRecordTable, cadreIdValue: string, id: string): Promise<void> {
  await writeTransaction(db, [db.cadres, db.subRecords], async () => {
    const before = (await storedSubRecords(db, table, cadreIdValue)).find((r) => r.id === id);
    if (!before || before.deleted) return;
    const cadre = await db.cadres.get(cadreIdValue);
    await writeStored(db, ctx, {
      tableName: table,
      store: storeSubRecord(db, table, cadreIdValue),
      before: before as never,
      data: before as never,
      deleted: true,
      summary: `删除干部“${cadre?.name ?? ''}”的${SUB_RECORD_TABLES[table].label}记录`,
    });
  });
}

/** The live sub-records of one dossier, in the order they were added. */
export async function listSubRecords<T extends SubRecordTable>(db: CadreDb, table: T, cadreIdValue: string): Promise<SubRecord<T>[]> {
  return (await storedSubRecords(db, table, cadreIdValue)).filter((r) => !r.deleted) as SubRecord<T>[];
}
