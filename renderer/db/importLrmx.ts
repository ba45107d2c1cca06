import { diffRecords, type FieldChange } from '../../shared/catalog/leaves';
import { noteChange } from './changes';
import { checkRecord, validRecord } from '../../shared/catalog/validate';
import { caption } from '../../shared/code';
import { appointmentFormType, type AppointmentForm, type AppointmentFormFields } from '../../shared/domain/appointmentForm';
import {
  assessmentsType,
  cadreType,
  careerType,
  familyType,
  SUB_RECORD_TYPES,
  type Cadre,
  type CadreFields,
  type SubRecordTable,
} from '../../shared/domain/cadre';
import { withoutSyncFields, type SyncFields } from '../../shared/domain/record';
import { naturalId, newId } from '../../shared/ids';
import { UserError } from '../../shared/errors';
import { decodeBase64, type AssessmentDraft, type CareerDraft, type FamilyDraft, type LrmxImport, type LrmxIssue, type LrmxPerson } from '../../shared/lrmx';
import { dayOf, printMonth } from '../../shared/rules/months';
import { hashBlob } from './blobs';
import { createCadre, listSubRecords, updateCadre, updateSubRecord, type CadreInput } from './cadres';
import type { CadreDb, SubRecordSet } from './database';
import { lrmxKeptTable, putKept } from './lrmxKept';
import { appointmentFormIdOf, appointmentFormTable, formFromKept, readLiveForm } from './lrmxForm';
import { writeStoredMany, writeTransaction, type StoredWrite, type WriteContext } from './repository';

// Importing 任免审批表 files (docs/domain.md "Interchange formats"): each read file is matched against the roster
// (by ID number, else by name and birth month), compared field by field, checked as the repository would check
// it, and then — when the person importing has seen all that — committed in ONE transaction: every chosen file,
// or none. The reading (zip, encodings, progress) is renderer/features/lrmx/readBatch.ts.

/** A file of the batch that was read: its name as shown, and lrmxToDossier's result. */
export interface ReadLrmx {
  fileName: string;
  result: LrmxImport;
}

/** A file that could not be read at all, with the reason in Chinese. */
export interface FailedLrmx {
  fileName: string;
  reason: string;
}

/** A family member the repository can hold: one with a 称谓. */
export type FamilyEntry = Omit<FamilyDraft, 'relation'> & { relation: string };

export type LrmxMatch = 'new' | 'idNumber' | 'nameBirth';
export type LrmxAction = 'create' | 'update' | 'skip';

/**
 * A photo in a 任免审批表 file is a small JPEG (the dossier's own photos are 400 × 500, 30–80 KB); a file carrying
 * megabytes is a scan that was never cropped, which would bloat every bundle: refused and reported.
 */
export const MAX_IMPORTED_PHOTO_BYTES = 2 * 1024 * 1024;

export interface PlannedPhoto {
  hash: string;
  type: string;
  data: Blob;
}

export interface LrmxPlanEntry {
  /** Unique in the batch (two picked files may share a name). */
  key: string;
  fileName: string;
  name: string;
  match: LrmxMatch;
  /** The matched cadre, for a match. */
  existing: Cadre | null;
  /** The actions that make sense for this match, and the one proposed. */
  actions: LrmxAction[];
  proposed: LrmxAction;
  /** For a match: the basic record's fields the file would change, old → new, as people read them. */
  conflicts: FieldChange[];
  /** For a match: what happens to 简历, 家庭成员, 年度考核 and the photo, one line each. */
  subChanges: string[];
  /** Why the file cannot be written, by action (the repository's own checks, run now). */
  problems: { create: string[]; update: string[] };
  /** lrmxToDossier's issues and the ones found here (a photo too large, an entry dropped). */
  issues: LrmxIssue[];
  /** What a create writes (without unit, which the person importing chooses) and what an update patches. */
  createInput: Omit<CadreInput, 'unitId'>;
  updatePatch: Partial<CadreInput>;
  career: CareerDraft[];
  family: FamilyEntry[];
  assessments: AssessmentDraft[];
  /** For an update: whether the file's 简历 / family replace the dossier's (they differ and the file's read whole). */
  replaceCareer: boolean;
  replaceFamily: boolean;
  photo: PlannedPhoto | null;
  /** The form-only fields for the cadre's 任免审批表 record (拟任, 拟免, 任免理由 …), when the file has any. */
  form: Partial<Omit<AppointmentFormFields, 'cadreId'>> | null;
  /** What the dossier and the form cannot hold, for the kept table. */
  kept: LrmxPerson;
}

export interface LrmxPlan {
  entries: LrmxPlanEntry[];
  failed: FailedLrmx[];
}

/** What a create needs that a file never says: 人员类别 and 人员状态 take the record type's defaults. */
const CREATE_DEFAULTS = { personnelCategory: '1', status: '01', photo: null } as const;
/** Unit placeholder for checking a create before the person importing has chosen the unit. */
const SOME_UNIT = 'unit-to-be-chosen';

type Draft = LrmxImport['cadre'];
const isBlank = (v: unknown) => v === null || v === undefined || v === '';
const educationBlank = (e: CadreFields['fullTimeEducation']) => isBlank(e.education) && isBlank(e.degree) && !e.school && !e.major;

/** The fields a file says something about: a blank value in the file never erases what the dossier holds. */
function patchOf(draft: Draft): Partial<CadreInput> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft)) {
    if (key === 'fullTimeEducation' || key === 'inServiceEducation') {
      if (!educationBlank(value as CadreFields['fullTimeEducation'])) patch[key] = value;
    } else if (!isBlank(value)) patch[key] = value;
  }
  return patch as Partial<CadreInput>;
}

const problemText = (problems: readonly { message: string }[]) => [...new Set(problems.map((p) => p.message))];

const careerKey = (c: CareerDraft) => [c.from, c.to ?? '', c.unit, c.post, c.kind].join('|');
const familyKey = (f: FamilyEntry) =>
  [f.relation, f.name, f.birth ?? '', f.politicalStatus ?? '', f.employment, f.deceased, f.retired].join('|');
const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/** The sub-record drafts that the repository would accept; the others are reported and left out. */
function validSubRecords(result: LrmxImport, today: string, issues: LrmxIssue[]) {
  const career = result.career.filter((c) => {
    const check = checkRecord(careerType, { ...c, cadreId: 'c' }, { today });
    if (!check.ok) issues.push({ element: 'JianLi', severity: 'error', message: `简历“${printMonth(c.from)} ${c.unit}”${problemText(check.problems).join('；')}，这一条未导入` });
    return check.ok;
  });
  // family members without 称谓 or 姓名 are already named in the mapping's issues
  const family = result.family.filter((m): m is FamilyEntry => {
    if (m.relation === null || !m.name) return false;
    const check = checkRecord(familyType, { ...m, cadreId: 'c' }, { today });
    if (!check.ok) issues.push({ element: 'JiaTingChengYuan', severity: 'error', message: `家庭成员“${m.name}”${problemText(check.problems).join('；')}，未导入` });
    return check.ok;
  });
  const assessments = result.assessments.filter((a) => {
    const check = checkRecord(assessmentsType, { ...a, cadreId: 'c' }, { today });
    if (!check.ok) issues.push({ element: 'NianDuKaoHeJieGuo', severity: 'error', message: `${a.year}年度考核${problemText(check.problems).join('；')}，未导入` });
    return check.ok;
  });
  return { career, family, assessments };
}

function photoBytesType(bytes: Uint8Array): string {
  return bytes[0] === 0x89 ? 'image/png' : 'image/jpeg';
}

async function plannedPhoto(result: LrmxImport, issues: LrmxIssue[]): Promise<PlannedPhoto | null> {
  if (!result.photoBase64) return null;
  const bytes = decodeBase64(result.photoBase64);
  if (!bytes) return null;
  if (bytes.length > MAX_IMPORTED_PHOTO_BYTES) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    issues.push({
      element: 'ZhaoPian',
      severity: 'error',
      message: `照片有 ${mb(bytes.length)} MB，超过导入上限 ${mb(MAX_IMPORTED_PHOTO_BYTES)} MB，未导入照片；请导入后在档案中重新上传照片（会自动裁剪压缩）`,
    });
    return null;
  }
  const type = photoBytesType(bytes);
  const data = new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  return { hash: await hashBlob(data), type, data };
}

/** The live cadres a batch may match: one pass over the roster for every ID number and name in the batch. */
async function candidates(db: CadreDb, read: readonly ReadLrmx[]): Promise<{ byId: Map<string, Cadre>; byNameBirth: Map<string, Cadre[]> }> {
  const ids = new Set(read.map((r) => r.result.cadre.idNumber).filter((id): id is string => !!id));
  const names = new Set(read.map((r) => r.result.cadre.name).filter((n): n is string => !!n));
  const found = await db.cadres.filter((c) => !c.deleted && (ids.has(c.idNumber) || names.has(c.name))).toArray();
  const byId = new Map<string, Cadre>();
  const byNameBirth = new Map<string, Cadre[]>();
  for (const c of found) {
    if (ids.has(c.idNumber)) byId.set(c.idNumber, c);
    const key = `${c.name}|${c.birth}`;
    byNameBirth.set(key, [...(byNameBirth.get(key) ?? []), c]);
  }
  return { byId, byNameBirth };
}

/**
 * Classifies and checks every read file against the roster: new, matched by ID number, or matched by name and
 * birth month; for a match, the fields that differ (old → new) and what happens to its records. Nothing is
 * written. Two files of one person in the batch: the second cannot be imported (the report says which).
 */
export async function planLrmxImport(db: CadreDb, read: readonly ReadLrmx[], failed: readonly FailedLrmx[], options: { today: string }): Promise<LrmxPlan> {
  const { today } = options;
  const { byId, byNameBirth } = await candidates(db, read);
  const seenIds = new Map<string, string>();
  const entries: LrmxPlanEntry[] = [];
  for (const [index, { fileName, result }] of read.entries()) {
    const { form, kept, issues: formIssues } = formFromKept(result.kept, today);
    const issues = [...result.issues, ...formIssues];
    const draft = result.cadre;
    const { career, family, assessments } = validSubRecords(result, today, issues);
    const photo = await plannedPhoto(result, issues);
    const createInput = { ...draft, ...CREATE_DEFAULTS, photo: photo?.hash ?? null } as Omit<CadreInput, 'unitId'>;
    const createCheck = checkRecord(cadreType, { ...createInput, unitId: SOME_UNIT }, { today });
    const problems = { create: createCheck.ok ? [] : problemText(createCheck.problems), update: [] as string[] };

    let match: LrmxMatch = 'new';
    let existing: Cadre | null = null;
    if (draft.idNumber && byId.has(draft.idNumber)) {
      match = 'idNumber';
      existing = byId.get(draft.idNumber)!;
    } else if (draft.name && draft.birth) {
      const same = byNameBirth.get(`${draft.name}|${draft.birth}`) ?? [];
      if (same.length === 1) {
        match = 'nameBirth';
        existing = same[0]!;
      } else if (same.length > 1) {
        issues.push({
          element: 'XingMing',
          severity: 'note',
          message: `名册中有 ${same.length} 人与其同名且出生年月相同（身份证号码都不同），无法确定是谁，按新增人员处理；如是其中一人，请先核对身份证号码`,
        });
      }
    }
    if (draft.idNumber) {
      const other = seenIds.get(draft.idNumber);
      if (other !== undefined) {
        const twice = `与本批文件“${other}”是同一身份证号码，同一人只能导入一个文件，请去掉其中一个`;
        problems.create.push(twice);
        problems.update.push(twice);
      } else seenIds.set(draft.idNumber, fileName);
    }

    let updatePatch: Partial<CadreInput> = {};
    let conflicts: FieldChange[] = [];
    const subChanges: string[] = [];
    let replaceCareer = false;
    let replaceFamily = false;
    if (existing) {
      updatePatch = patchOf(draft);
      if (photo && photo.hash !== existing.photo) updatePatch.photo = photo.hash;
      const merged = { ...withoutSyncFields(existing), ...updatePatch };
      const check = checkRecord(cadreType, merged, { today });
      if (!check.ok) problems.update.push(...problemText(check.problems));
      conflicts = diffRecords(cadreType, existing, check.ok ? check.data : merged).map((c) =>
        c.path === 'photo' ? { ...c, from: existing!.photo ? '原照片' : '（无）', to: '文件中的照片' } : c,
      );
      const sets = await db.subRecords.get(existing.id);
      const live = <T extends { deleted: boolean }>(list: T[] | undefined) => (list ?? []).filter((r) => !r.deleted);
      const oldCareer = live(sets?.career);
      const resumeWhole = !result.issues.some((i) => i.element === 'JianLi') && career.length === result.career.length;
      if (career.length && resumeWhole && !sameSet(oldCareer.map(careerKey), career.map(careerKey))) {
        replaceCareer = true;
        subChanges.push(`简历：以文件为准（档案中 ${oldCareer.length} 段 → 文件中 ${career.length} 段）`);
      } else if (career.length && !resumeWhole) subChanges.push('简历：文件中有无法识别的行，档案中的简历不变');
      const oldFamily = live(sets?.family);
      const familyWhole = family.length === result.family.length;
      if (family.length && familyWhole && !sameSet(oldFamily.map((f) => familyKey(f)), family.map(familyKey))) {
        replaceFamily = true;
        subChanges.push(`家庭成员：以文件为准（档案中 ${oldFamily.length} 人 → 文件中 ${family.length} 人）`);
      } else if (family.length && !familyWhole) subChanges.push('家庭成员：文件中有未能识别的成员，档案中的家庭成员不变');
      const oldForm = await readLiveForm(db, existing.id);
      const formChanged = Object.entries(form ?? {}).filter(([key, value]) => (oldForm as Record<string, unknown> | undefined)?.[key] !== value);
      if (formChanged.length) {
        const labels = formChanged.map(([key]) => appointmentFormType.fields[key as keyof typeof appointmentFormType.fields].label);
        subChanges.push(`任免审批表：${labels.join('、')}按文件填写`);
      }
      const oldYears = new Map(live(sets?.assessments).map((a) => [a.year, a.grade]));
      for (const a of assessments) {
        const old = oldYears.get(a.year);
        if (old === undefined) subChanges.push(`年度考核：新增 ${a.year} 年度“${caption('assessmentGrade', a.grade)}”`);
        else if (old !== a.grade) subChanges.push(`年度考核：${a.year} 年度 ${caption('assessmentGrade', old)} → ${caption('assessmentGrade', a.grade)}`);
      }
    }
    const actions: LrmxAction[] = match === 'new' ? ['create', 'skip'] : match === 'idNumber' ? ['update', 'skip'] : ['update', 'create', 'skip'];
    // a name-and-birth match with a different ID number may be another person: a human decides
    const proposed: LrmxAction = match === 'new' ? 'create' : match === 'idNumber' || !draft.idNumber ? 'update' : 'skip';
    entries.push({
      key: `${index}:${fileName}`,
      fileName,
      name: draft.name ?? '',
      match,
      existing,
      actions,
      proposed,
      conflicts,
      subChanges,
      problems,
      issues,
      createInput,
      updatePatch,
      career,
      family,
      assessments,
      replaceCareer,
      replaceFamily,
      photo,
      form,
      kept,
    });
  }
  return { entries, failed: [...failed] };
}

/** The problems that stop an entry from being written with this action (none for 跳过). */
export const problemsFor = (entry: LrmxPlanEntry, action: LrmxAction): string[] =>
  action === 'skip' ? [] : action === 'create' ? entry.problems.create : entry.problems.update;

export interface LrmxCommitOptions {
  /** The unit new cadres are put in. */
  unitId: string | null;
  /** The action per entry key; an entry not named takes its proposed action. */
  actions?: ReadonlyMap<string, LrmxAction>;
  /** Leave out the files that failed (unreadable, or refused by the checks) instead of refusing the batch. */
  skipFailed: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Aborting rolls the transaction back: nothing is written. */
  signal?: AbortSignal;
}

export interface LrmxCommitResult {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

export class LrmxImportCancelled extends UserError {
  constructor() {
    super('已取消导入，没有导入任何数据。');
    this.name = 'LrmxImportCancelled';
  }
}

/**
 * Writes the chosen entries in ONE transaction: cadres created (with their 简历, family, 年度考核 and photo) or
 * updated as chosen, each write audited by the repository, and the kept elements stored. If any write is
 * refused — or the batch still holds failed files the person did not choose to skip — nothing is written.
 */
export async function commitLrmxImport(db: CadreDb, ctx: WriteContext, plan: LrmxPlan, options: LrmxCommitOptions): Promise<LrmxCommitResult> {
  const actionOf = (e: LrmxPlanEntry) => options.actions?.get(e.key) ?? e.proposed;
  const refused = plan.entries.filter((e) => problemsFor(e, actionOf(e)).length > 0);
  const failedCount = plan.failed.length + refused.length;
  if (failedCount && !options.skipFailed) {
    const names = [...plan.failed.map((f) => f.fileName), ...refused.map((e) => e.fileName)];
    throw new UserError(`有 ${failedCount} 个文件无法导入（${names.slice(0, 5).join('、')}${names.length > 5 ? ' 等' : ''}），没有导入任何数据。请改正这些文件，或选择跳过它们后再导入。`);
  }
  const todo = plan.entries.filter((e) => actionOf(e) !== 'skip' && !refused.includes(e));
  if (todo.some((e) => actionOf(e) === 'create') && !options.unitId) throw new UserError('请选择新增人员归入的单位。');
  const keptTable = lrmxKeptTable(db);
  let done = 0;
  const result = { created: 0, updated: 0, skipped: plan.entries.length - todo.length - refused.length, failed: failedCount };
  await writeTransaction(db, [db.cadres, db.units, db.subRecords, db.blobs, keptTable, appointmentFormTable(db)], async () => {
    for (const entry of todo) {
      if (options.signal?.aborted) throw new LrmxImportCancelled();
      try {
        const cadreId = actionOf(entry) === 'create' ? await createOne(db, ctx, entry, options.unitId!) : await updateOne(db, ctx, entry);
        await putKept(db, { cadreId, kept: entry.kept, fileName: entry.fileName, importedAt: ctx.now() });
        if (actionOf(entry) === 'create') result.created++;
        else result.updated++;
      } catch (e) {
        throw new UserError(`“${entry.fileName}”（${entry.name}）：${e instanceof Error ? e.message : String(e)}。全部文件均未导入。`);
      }
      options.onProgress?.(++done, todo.length);
    }
  });
  return result;
}

/** The write that gives the cadre's 任免审批表 record the file's form-only values (created when it has none). */
async function formWrite(db: CadreDb, cadre: Cadre, values: NonNullable<LrmxPlanEntry['form']>, today: string): Promise<StoredWrite<AppointmentForm> | null> {
  const type = appointmentFormType;
  const id = appointmentFormIdOf(cadre.id);
  const stored = await appointmentFormTable(db).get(id);
  const live = stored && !stored.deleted ? stored : undefined;
  const data = validRecord(type, { ...(live ? withoutSyncFields(live) : {}), ...values, cadreId: cadre.id }, { today });
  const changes = diffRecords(type, live, data);
  if (live && !changes.length) return null;
  const title = type.title(data);
  return {
    tableName: type.table,
    store: async (record) => void (await appointmentFormTable(db).put(record)),
    before: stored,
    data: { ...data, id },
    summary: `${live ? '修改' : '新增'}${type.name}“${title}”`,
    title,
    changes,
  };
}

type SubRecordOp =
  | { table: 'career'; input: CareerDraft; remove?: never }
  | { table: 'family'; input: FamilyEntry; remove?: never }
  | { table: 'assessments'; input: AssessmentDraft; remove?: never }
  | { table: 'career' | 'family'; remove: { id: string } & SyncFields; input?: never };

/**
 * A dossier's new and removed sub-records and its 任免审批表 values, each record versioned, stamped and audited
 * like any local write, all in ONE writeStoredMany, the sub-records with one read and one write of the dossier's
 * set: the one-record path (addSubRecord, createRecord) rereads and rewrites the set for every entry and makes
 * each write its own round trips for the counter, the change index and the audit log.
 */
async function writeOwnRecords(db: CadreDb, ctx: WriteContext, cadre: Cadre, ops: readonly SubRecordOp[], form: LrmxPlanEntry['form']): Promise<void> {
  const set: SubRecordSet = (await db.subRecords.get(cadre.id)) ?? { cadreId: cadre.id };
  const today = dayOf(new Date(ctx.now()));
  const lists = set as unknown as Record<string, ({ id: string } & SyncFields)[] | undefined>;
  const storeIn = (table: SubRecordTable) => async (record: { id: string } & SyncFields) => {
    const list = lists[table] ?? (lists[table] = []);
    const at = list.findIndex((r) => r.id === record.id);
    if (at >= 0) list[at] = record;
    else list.push(record);
  };
  const writes: StoredWrite<{ id: string } & SyncFields>[] = [];
  const formOne = form ? await formWrite(db, cadre, form, today) : null;
  if (formOne) writes.push(formOne as unknown as StoredWrite<{ id: string } & SyncFields>);
  for (const op of ops) {
    const type = SUB_RECORD_TYPES[op.table];
    if (op.remove) {
      const data = withoutSyncFields(op.remove);
      writes.push({
        tableName: op.table,
        store: storeIn(op.table),
        before: op.remove,
        data: { ...data, id: op.remove.id },
        deleted: true,
        summary: `删除干部“${cadre.name}”的${type.name}记录`,
        title: type.title(data as never),
        changes: [],
      });
      continue;
    }
    const data = validRecord(type, { ...op.input, cadreId: cadre.id }, { today }) as Record<string, unknown>;
    const rule = type.id;
    const id = rule.kind === 'natural' ? naturalId(rule.prefix, ...rule.key(data as never)) : newId();
    const before = lists[op.table]?.find((r) => r.id === id);
    if (before && !before.deleted) throw new UserError(`${type.name}“${type.title(data as never)}”已登记`);
    writes.push({
      tableName: op.table,
      store: storeIn(op.table),
      before,
      data: { ...data, id },
      summary: `为干部“${cadre.name}”新增${type.name}记录`,
      title: type.title(data as never),
      changes: diffRecords(type, undefined, data),
    });
  }
  await writeStoredMany(db, ctx, writes);
  if (ops.length) {
    await db.subRecords.put(set);
    noteChange(db, 'subRecords', [set.cadreId]);
  }
}

async function storePhoto(db: CadreDb, photo: PlannedPhoto | null): Promise<void> {
  if (photo && (await db.blobs.where('hash').equals(photo.hash).count()) === 0) await db.blobs.add(photo);
}

async function createOne(db: CadreDb, ctx: WriteContext, entry: LrmxPlanEntry, unitId: string): Promise<string> {
  await storePhoto(db, entry.photo);
  const cadre = await createCadre(db, ctx, { ...entry.createInput, unitId } as CadreInput);
  const ops: SubRecordOp[] = [
    ...entry.career.map((input) => ({ table: 'career' as const, input })),
    ...entry.family.map((input) => ({ table: 'family' as const, input })),
    ...entry.assessments.map((input) => ({ table: 'assessments' as const, input })),
  ];
  await writeOwnRecords(db, ctx, cadre, ops, entry.form);
  return cadre.id;
}

async function updateOne(db: CadreDb, ctx: WriteContext, entry: LrmxPlanEntry): Promise<string> {
  const id = entry.existing!.id;
  if (entry.updatePatch.photo) await storePhoto(db, entry.photo);
  const cadre = await updateCadre(db, ctx, id, entry.updatePatch);
  const ops: SubRecordOp[] = [];
  if (entry.replaceCareer) {
    for (const old of await listSubRecords(db, 'career', id)) ops.push({ table: 'career', remove: old });
    ops.push(...entry.career.map((input) => ({ table: 'career' as const, input })));
  }
  if (entry.replaceFamily) {
    for (const old of await listSubRecords(db, 'family', id)) ops.push({ table: 'family', remove: old });
    ops.push(...entry.family.map((input) => ({ table: 'family' as const, input })));
  }
  const years = new Map((await listSubRecords(db, 'assessments', id)).map((a) => [a.year, a]));
  for (const a of entry.assessments) if (!years.has(a.year)) ops.push({ table: 'assessments', input: a });
  if (ops.length || entry.form) await writeOwnRecords(db, ctx, cadre, ops, entry.form);
  // a changed grade is an edit of the year's record (its id is the year's): through the repository
  for (const a of entry.assessments) {
    const old = years.get(a.year);
    if (old && old.grade !== a.grade) await updateSubRecord(db, ctx, 'assessments', id, old.id, { grade: a.grade });
  }
  return id;
}
