import { readSupervisionSettings } from './supervisionSettings';
import { blockingRecords } from './supervisionLists';
import type { Table } from 'dexie';
import type { InputOfType } from '../../shared/catalog/recordType';
import { caption } from '../../shared/code';
import type { HolidayCalendar } from '../../shared/code/holidays';
import type { Cadre } from '../../shared/domain/cadre';
import { withoutSyncFields } from '../../shared/domain/record';
import {
  CASE_STAGES,
  STAGE_ORDER,
  appointmentCaseType,
  establishmentType,
  holidayYearType,
  poolEntryType,
  rankRoundType,
  trialPeriodType,
  type AppointmentCase,
  type AppointmentCaseFields,
  type EstablishmentFields,
  type HolidayYear,
  type PoolEntry,
  type RankRound,
  type TrialPeriod,
} from '../../shared/domain/selection';
import { UserError } from '../../shared/errors';
import { cadreBlocks } from '../../shared/rules/blocks';
import { dayOf } from '../../shared/rules/months';
import { calendarFromYears } from '../../shared/rules/selectionCalendar';
import { appointee, completeStep, closeCase, isOpen, type Block, type CaseEnv } from '../../shared/rules/selectionCase';
import { eligibilityList, roundProblems, type EligibilityRow } from '../../shared/rules/selectionEligibility';
import { leadershipChecks, type CandidateHistory } from '../../shared/rules/selectionPosts';
import { vacancyOf, vacancyTable, type VacancyRow } from '../../shared/rules/selectionVacancy';
import { missingChecks } from '../../shared/rules/supervisionChecks';
import { hashBlob } from './blobs';
import { assertMayRecord, readRankSettings } from './selectionSettings';
import { addSubRecord, updateCadre, updateSubRecord } from './cadres';
import type { CadreDb } from './database';
import { createRecord, updateRecord } from './records';
import { writeTransaction, type WriteContext } from './repository';
import type { DossierFacts } from './selectionFacts';
import { inReadOrder } from './dossierPacks';

// 选拔任用's repository (docs/selection.md): the case's steps, the 任职 step that updates the cadre's career, post,
// post level and rank history in the same transaction as the case, and the promotion round that updates every
// cadre in it in one transaction. The rules are pure (shared/rules/selection*.ts); this module reads what they
// need — four checks, blocks, other open cases, the vacancy, the post history — inside the write's transaction,
// so what is checked is what is written.

type Row = Record<string, unknown> & { deleted?: boolean };

/** Reads the periods that bar promotion, per cadre. Injected so a test or another rule set can stand in. */
export type BlocksLoader = (db: CadreDb, cadreIds: readonly string[]) => Promise<Map<string, Block[]>>;
/** Reads the 凡提四必 checks still missing per cadre for a post. */
export type FourChecksLoader = (db: CadreDb, cadreIds: readonly string[], postTitle: string) => Promise<Map<string, string[]>>;

export interface SelectionDeps {
  blocks?: BlocksLoader;
  fourChecks?: FourChecksLoader;
}

const hasTable = (db: CadreDb, name: string) => db.tables.some((t) => t.name === name);
const tableIf = (db: CadreDb, name: string): Table[] => (hasTable(db, name) ? [db.table(name)] : []);
const live = <T extends { deleted?: boolean }>(rows: readonly (T | undefined)[]): T[] => rows.filter((r): r is T => !!r && !r.deleted);

async function rowsByCadre(db: CadreDb, table: string, cadreIds: readonly string[]): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  if (!hasTable(db, table) || !cadreIds.length) return out;
  const rows = live((await db.table(table).where('cadreId').anyOf([...cadreIds]).toArray()) as Row[]);
  for (const r of rows) {
    const id = String(r.cadreId);
    out.set(id, [...(out.get(id) ?? []), r]);
  }
  return out;
}

/** The supervision rules' blocking periods (shared/rules/blocks.ts): 奖惩, 诫勉 and personal-matters handlings. */
export const defaultBlocks: BlocksLoader = async (db, cadreIds) => {
  const settings = (await readSupervisionSettings(db)).blocks;
  const [sets, actions, reports] = await Promise.all([
    db.subRecords.bulkGet([...cadreIds]),
    rowsByCadre(db, 'supervisionActions', cadreIds),
    rowsByCadre(db, 'personalMatters', cadreIds),
  ]);
  const out = new Map<string, Block[]>();
  cadreIds.forEach((id, i) => {
    out.set(
      id,
      cadreBlocks({
        rewards: sets[i]?.rewards ?? [],
        actions: (actions.get(id) ?? []) as never,
        reports: (reports.get(id) ?? []) as never,
      }, settings),
    );
  });
  return out;
};

/**
 * The supervision area's FourChecks records (table fourChecks): a cadre's record for this post (事由 = the post
 * title) or else its latest one for 选拔任用; every check is missing when there is none.
 */
export const defaultFourChecks: FourChecksLoader = async (db, cadreIds, postTitle) => {
  const byCadre = await rowsByCadre(db, 'fourChecks', cadreIds);
  const out = new Map<string, string[]>();
  for (const id of cadreIds) {
    const rows = (byCadre.get(id) ?? []).filter((r) => r.kind === undefined || r.kind === 'appointment');
    const exact = rows.find((r) => String(r.ref ?? '').trim() === postTitle.trim());
    const latest = [...rows].sort((a, b) => Number(b.updatedAt ?? 0) - Number(a.updatedAt ?? 0))[0];
    const record = exact ?? latest;
    out.set(id, record ? missingChecks(record) : missingChecks({}));
  }
  return out;
};

/** The calendar the working days are counted on: the shipped years and the years entered (holidayYears). */
export async function loadCalendar(db: CadreDb): Promise<HolidayCalendar> {
  const years = hasTable(db, holidayYearType.table) ? ((await db.table(holidayYearType.table).toArray()) as HolidayYear[]) : [];
  return calendarFromYears(years);
}

async function liveEstablishments(db: CadreDb): Promise<EstablishmentFields[]> {
  return live((await db.table(establishmentType.table).toArray()) as (EstablishmentFields & { deleted: boolean })[]);
}

/** The district's vacancy table: one row per unit with an establishment. */
export async function loadVacancyTable(db: CadreDb): Promise<VacancyRow[]> {
  const [establishments, cadres] = await Promise.all([liveEstablishments(db), db.cadres.toArray()]);
  return vacancyTable(establishments, live(cadres));
}

/** The post level's quota and holders in one unit, read through the indexes. */
async function unitVacancy(db: CadreDb, unitId: string, level: string): Promise<{ quota: number; filled: number } | null> {
  const est = (await db.table(establishmentType.table).where('unitId').equals(unitId).first()) as (EstablishmentFields & { deleted: boolean }) | undefined;
  if (!est || est.deleted) return null;
  const cadres = live(await db.cadres.where('unitId').equals(unitId).toArray());
  const [row] = vacancyTable([est], cadres);
  return vacancyOf(row, level);
}

/** A candidate's post history and trial periods, for the leadership-post checks. */
export async function candidateHistories(db: CadreDb, cadreIds: readonly string[]): Promise<Map<string, CandidateHistory>> {
  const [cadres, sets, trials] = await Promise.all([
    db.cadres.bulkGet([...cadreIds]),
    db.subRecords.bulkGet([...cadreIds]),
    rowsByCadre(db, trialPeriodType.table, cadreIds),
  ]);
  const out = new Map<string, CandidateHistory>();
  cadreIds.forEach((id, i) => {
    out.set(id, {
      workStarted: cadres[i]?.workStarted ?? null,
      posts: live(sets[i]?.posts ?? []),
      trials: (trials.get(id) ?? []) as unknown as TrialPeriod[],
    });
  });
  return out;
}

/** Everything the step rules need for one case, read now. */
export async function loadCaseEnv(db: CadreDb, c: AppointmentCaseFields, id: string | null, deps: SelectionDeps = {}, asOf?: string): Promise<CaseEnv> {
  const ids = [...new Set(c.candidates.map((k) => k.cadreId))];
  const month = (asOf ?? c.decisionOn ?? c.motionOn).slice(0, 7);
  const [cadres, blocks, checks, histories, open, vacancy, calendar] = await Promise.all([
    db.cadres.bulkGet(ids),
    (deps.blocks ?? defaultBlocks)(db, ids),
    (deps.fourChecks ?? defaultFourChecks)(db, ids, c.postTitle),
    candidateHistories(db, ids),
    db.table(appointmentCaseType.table).toArray() as Promise<AppointmentCase[]>,
    unitVacancy(db, c.unitId, c.postLevel),
    loadCalendar(db),
  ]);
  const names = new Map(ids.map((cid, i) => [cid, cadres[i]?.name ?? '（已删除的干部）']));
  return {
    calendar,
    fourChecksMissing: (cid) => checks.get(cid) ?? [],
    blocks: (cid) => blocks.get(cid) ?? [],
    cadreName: (cid) => names.get(cid) ?? cid,
    postChecks: (cid) => {
      const h = histories.get(cid);
      return h ? leadershipChecks(h, c.postLevel, month) : [];
    },
    otherOpenCases: open.filter((o) => !o.deleted && o.id !== id && isOpen(o.stage)),
    vacancy,
  };
}

const caseTables = (db: CadreDb): Table[] => [
  db.table(appointmentCaseType.table),
  db.table(establishmentType.table),
  db.table(holidayYearType.table),
  db.table(trialPeriodType.table),
  db.cadres,
  db.units,
  db.subRecords,
  ...tableIf(db, 'fourChecks'),
  ...tableIf(db, 'supervisionActions'),
  ...tableIf(db, 'personalMatters'),
];

export type CaseInput = InputOfType<typeof appointmentCaseType>;

/** 动议: a new case at its first step, logged with who and when. */
export function createCase(db: CadreDb, ctx: WriteContext, input: CaseInput): Promise<AppointmentCase> {
  const on = dayOf(new Date(ctx.now()));
  return writeTransaction(db, caseTables(db), async () => {
    await assertMayRecord(db, 'motion');
    return createRecord(db, ctx, appointmentCaseType, {
      ...input,
      stage: 'motion',
      steps: [{ stage: 'motion', on, by: ctx.actor.operator, note: '动议' }],
    }, { summary: (d) => `动议“${d.postTitle}”选任` }) as Promise<AppointmentCase>;
  });
}

async function liveCase(db: CadreDb, id: string): Promise<AppointmentCase> {
  const c = (await db.table(appointmentCaseType.table).get(id)) as AppointmentCase | undefined;
  if (!c || c.deleted) throw new UserError(appointmentCaseType.goneMessage!);
  return c;
}

/** Edits what the current step records; a case that is 任职 or 终止 is closed to edits, and the stage moves only by completing a step. */
export async function saveCase(db: CadreDb, ctx: WriteContext, id: string, patch: Partial<CaseInput>): Promise<AppointmentCase> {
  return writeTransaction(db, caseTables(db), async () => {
    const before = await liveCase(db, id);
    if (!isOpen(before.stage)) throw new UserError(`该选任纪实已${CASE_STAGES[before.stage]}，不能再修改`);
    await assertMayRecord(db, before.stage, 'edit');
    const { stage: _stage, steps: _steps, trialUntil: _trial, ...rest } = patch;
    return updateRecord(db, ctx, appointmentCaseType, id, rest as Partial<CaseInput>) as Promise<AppointmentCase>;
  });
}

/**
 * Attaches (or, with null, removes) the 考察 step's report: the file kept as a blob by its hash (like a photo,
 * renderer/db/blobs.ts) and named by the case's 考察材料 field, so it travels with the case in a bundle. The blob and
 * the case are written in one transaction; removing keeps the blob, which another record or installation may hold.
 */
export async function setInspectionReport(db: CadreDb, ctx: WriteContext, id: string, file: Blob | null): Promise<AppointmentCase> {
  // hashed before the transaction: it would commit while waiting on Web Crypto
  const entry = file ? { hash: await hashBlob(file), type: file.type || 'application/octet-stream', data: file } : null;
  return writeTransaction(db, [...caseTables(db), db.blobs], async () => {
    const before = await liveCase(db, id);
    if (!isOpen(before.stage)) throw new UserError(`该选任纪实已${CASE_STAGES[before.stage]}，不能再修改考察材料`);
    if (STAGE_ORDER.indexOf(before.stage) < STAGE_ORDER.indexOf('inspection')) throw new UserError('考察材料在“考察”步骤上传，请先完成前面的步骤');
    await assertMayRecord(db, before.stage, 'edit');
    if (entry && (await db.blobs.where('hash').equals(entry.hash).count()) === 0) await db.blobs.add(entry);
    return updateRecord(db, ctx, appointmentCaseType, id, { inspectionReport: entry?.hash ?? null }, {
      summary: (d) => `选任纪实“${d.postTitle}”：${entry ? '上传' : '移除'}考察材料`,
    }) as Promise<AppointmentCase>;
  });
}

/**
 * Completes the case's current step (checked by shared/rules/selectionCase.ts with what the database holds now). The
 * last step, 任职, updates the appointee's post history, career, basic record (现任职务, 职务层次, 单位), rank history
 * when the case gives a rank, and starts the trial period — all in this one transaction, or nothing.
 */
export async function completeCaseStep(db: CadreDb, ctx: WriteContext, id: string, deps: SelectionDeps = {}): Promise<AppointmentCase> {
  const on = dayOf(new Date(ctx.now()));
  return writeTransaction(db, caseTables(db), async () => {
    const before = await liveCase(db, id);
    await assertMayRecord(db, before.stage);
    const data = withoutSyncFields(before) as AppointmentCaseFields;
    const env = await loadCaseEnv(db, data, id, deps);
    const next = completeStep(data, env, ctx.actor.operator, on);
    const saved = (await updateRecord(db, ctx, appointmentCaseType, id, next, {
      summary: (d) => `选任纪实“${d.postTitle}”：完成${CASE_STAGES[before.stage]}，进入${CASE_STAGES[d.stage]}`,
    })) as AppointmentCase;
    if (saved.stage === 'appointed') await appoint(db, ctx, saved);
    return saved;
  });
}

/** 任职's effects on the dossier (inside completeCaseStep's transaction). */
async function appoint(db: CadreDb, ctx: WriteContext, c: AppointmentCase): Promise<void> {
  const k = appointee(c)!;
  const cadre = await db.cadres.get(k.cadreId);
  if (!cadre || cadre.deleted) throw new UserError('拟任人选的档案已不存在，不能任职。请核对后重试。');
  const unit = await db.units.get(c.unitId);
  const unitName = unit && !unit.deleted ? unit.name : '';
  const day = c.appointedOn!;
  const month = day.slice(0, 7);
  const set = await db.subRecords.get(k.cadreId);
  const closeOpen = async (table: 'posts' | 'career' | 'ranks') => {
    for (const r of live((set?.[table] ?? []) as { id: string; to: string | null; from: string; deleted: boolean }[])) {
      if (r.to === null) await updateSubRecord(db, ctx, table, k.cadreId, r.id, { to: r.from > month ? r.from : month });
    }
  };
  await closeOpen('posts');
  await addSubRecord(db, ctx, 'posts', k.cadreId, { title: c.postTitle, postLevel: c.postLevel, unit: unitName, from: month, to: null, documentNo: c.documentNo });
  await closeOpen('career');
  await addSubRecord(db, ctx, 'career', k.cadreId, { from: month, to: null, unit: unitName || c.postTitle, post: c.postTitle, kind: 'work' });
  const patch: Partial<Cadre> = { currentPost: c.postTitle, postLevel: c.postLevel, unitId: c.unitId };
  if (c.rank && c.rank !== cadre.rank) {
    await closeOpen('ranks');
    await addSubRecord(db, ctx, 'ranks', k.cadreId, { rank: c.rank, from: month, to: null, documentNo: c.documentNo });
    Object.assign(patch, { rank: c.rank, rankSince: month });
  }
  await updateCadre(db, ctx, k.cadreId, patch);
  if (c.trialUntil) {
    await createRecord(db, ctx, trialPeriodType, {
      cadreId: k.cadreId,
      post: c.postTitle,
      postLevel: c.postLevel,
      from: day,
      to: c.trialUntil,
      status: 'running',
      caseId: c.id,
    });
  }
}

/** 终止 with its reason. */
export async function closeAppointmentCase(db: CadreDb, ctx: WriteContext, id: string, reason: string): Promise<AppointmentCase> {
  const on = dayOf(new Date(ctx.now()));
  return writeTransaction(db, caseTables(db), async () => {
    const before = await liveCase(db, id);
    await assertMayRecord(db, before.stage, 'close');
    const next = closeCase(withoutSyncFields(before) as AppointmentCaseFields, reason, ctx.actor.operator, on);
    return updateRecord(db, ctx, appointmentCaseType, id, next, { summary: (d) => `终止“${d.postTitle}”选任：${d.closedReason}` }) as Promise<AppointmentCase>;
  });
}

// ---- 职级晋升批次 ----------------------------------------------------------------------------------------------

export type RoundInput = Omit<InputOfType<typeof rankRoundType>, 'entries'> & {
  entries: { cadreId: string; fromRank: string; toRank: string; reasons?: string }[];
};

/**
 * Records a promotion round and promotes every cadre in it — rank, 任现职级时间 and a 职级变动 entry (the open one
 * closed) — in one transaction. Refused whole, with every problem named, when a cadre is in it twice, is no longer at
 * the rank the list showed, or has a block in force on the decision date.
 */
export async function applyRankRound(db: CadreDb, ctx: WriteContext, input: RoundInput, deps: SelectionDeps = {}): Promise<RankRound> {
  const tables = [db.table(rankRoundType.table), db.cadres, db.units, db.subRecords, ...tableIf(db, 'supervisionActions'), ...tableIf(db, 'personalMatters')];
  return writeTransaction(db, tables, async () => {
    const ids = [...new Set(input.entries.map((e) => e.cadreId))];
    const [cadres, blocks] = await Promise.all([db.cadres.bulkGet(ids), (deps.blocks ?? defaultBlocks)(db, ids)]);
    const byId = new Map(live(cadres).map((c) => [c.id, c]));
    const problems = roundProblems(input.entries, input.decidedOn, {
      cadreName: (cid) => byId.get(cid)?.name ?? '（已删除的干部）',
      currentRank: (cid) => byId.get(cid)?.rank ?? null,
      blocks: (cid) => blocks.get(cid) ?? [],
    });
    if (problems.length) throw new UserError(`不能保存晋升批次：${problems.join('；')}`);
    const round = (await createRecord(db, ctx, rankRoundType, {
      ...input,
      entries: input.entries.map((e) => ({ ...e, reasons: (e.reasons ?? '').slice(0, 500) })),
    }, { summary: (d) => `职级晋升批次“${d.batch}”（${d.documentNo}）晋升${d.entries.length}人` })) as RankRound;
    const month = input.decidedOn.slice(0, 7);
    for (const e of input.entries) {
      const set = await db.subRecords.get(e.cadreId);
      for (const r of live(set?.ranks ?? [])) {
        if (r.to === null) await updateSubRecord(db, ctx, 'ranks', e.cadreId, r.id, { to: r.from > month ? r.from : month });
      }
      await addSubRecord(db, ctx, 'ranks', e.cadreId, { rank: e.toRank, from: month, to: null, documentNo: input.documentNo });
      await updateCadre(db, ctx, e.cadreId, { rank: e.toRank, rankSince: month });
    }
    return round;
  });
}

/** A stage's caption with the rank, for lists. */
export const rankCaption = (code: string | null | undefined): string => caption('rank', code);

// ---- Lists read for the screens ---------------------------------------------------------------------------------

export type { DossierFacts } from './selectionFacts';

/** What the district lists read per cadre in service: the cadre, its dossier facts and its blocking periods. */
export interface CadreFacts {
  cadre: Cadre;
  posts: DossierFacts['posts'];
  assessments: DossierFacts['assessments'];
  blocks: Block[];
}

/**
 * The cadres in service (in `unitIds` when given) with their post history, assessments and blocks. Blocks come
 * from the dossier's 奖惩 and the supervision tables, each read once. The caller may hold the cadres and the
 * dossiers' facts already (the screens keep both in memory); otherwise they are read, a chunk at a time.
 */
export async function loadCadreFacts(
  db: CadreDb,
  unitIds?: ReadonlySet<string> | null,
  deps: SelectionDeps = {},
  /** The live cadres when the caller holds them already (the roster's in-memory index): not read again. */
  known?: readonly Cadre[],
  /** Every dossier's facts when the caller keeps them (renderer/features/selection/factsCache.ts). */
  dossiers?: ReadonlyMap<string, DossierFacts>,
): Promise<CadreFacts[]> {
  // by unit, as the dossier sets are packed: a chunk then reads few packs (inReadOrder)
  const cadres = inReadOrder(live(known ?? (await db.cadres.toArray())).filter((c) => c.status === '01' && (!unitIds || unitIds.has(c.unitId))));
  const injected = deps.blocks ? await deps.blocks(db, cadres.map((c) => c.id)) : null;
  // the blocking months are 监督管理's settings (docs/supervision.md "Settings"), not only the defaults
  const blockSettings = (await readSupervisionSettings(db)).blocks;
  // of the supervision records only those that can block: admonishments and reports with a finding (by index)
  const { actions, reports } = injected ? { actions: new Map<string, Row[]>(), reports: new Map<string, Row[]>() } : await blockingRecords(db);
  const factsOf = async (slice: readonly Cadre[]): Promise<(DossierFacts | undefined)[]> => {
    if (dossiers) return slice.map((c) => dossiers.get(c.id));
    const sets = await db.subRecords.bulkGet(slice.map((c) => c.id));
    return sets.map((set) => ({ posts: live(set?.posts ?? []), assessments: live(set?.assessments ?? []), rewards: live(set?.rewards ?? []) }));
  };
  const out: CadreFacts[] = [];
  const CHUNK = 5_000;
  for (let i = 0; i < cadres.length; i += CHUNK) {
    const slice = cadres.slice(i, i + CHUNK);
    const facts = await factsOf(slice);
    slice.forEach((cadre, k) => {
      const f = facts[k];
      const rewards = f?.rewards ?? [];
      const actionRows = actions.get(cadre.id);
      const reportRows = reports.get(cadre.id);
      const blocks =
        injected?.get(cadre.id) ??
        (rewards.length || actionRows || reportRows
          ? cadreBlocks({ rewards, actions: (actionRows ?? []) as never, reports: (reportRows ?? []) as never }, blockSettings)
          : []);
      out.push({
        cadre,
        posts: f?.posts ?? [],
        assessments: (f?.assessments ?? []).map((a) => ({ year: a.year, grade: a.grade })),
        blocks,
      });
    });
  }
  return out;
}

/**
 * The eligibility list of a unit subtree (or the district) as of a month, on the rank-promotion settings kept on
 * this installation (renderer/db/selectionSettings.ts). `known` and `dossiers` as for loadCadreFacts.
 */
export async function loadEligibilityList(
  db: CadreDb,
  unitIds: ReadonlySet<string> | null,
  asOf: string,
  known?: readonly Cadre[],
  dossiers?: ReadonlyMap<string, DossierFacts>,
): Promise<EligibilityRow[]> {
  const [facts, settings] = await Promise.all([loadCadreFacts(db, unitIds, {}, known, dossiers), readRankSettings(db)]);
  const blocks = new Map(facts.map((f) => [f.cadre.id, f.blocks]));
  return eligibilityList(
    facts.map((f) => ({ id: f.cadre.id, name: f.cadre.name, unitId: f.cadre.unitId, rank: f.cadre.rank, rankSince: f.cadre.rankSince, posts: f.posts, assessments: f.assessments })),
    asOf,
    (id) => blocks.get(id) ?? [],
    settings,
  );
}

/** The live pool entries, by cadre. */
export async function loadPools(db: CadreDb): Promise<Map<string, PoolEntry[]>> {
  const out = new Map<string, PoolEntry[]>();
  for (const p of live((await db.table(poolEntryType.table).toArray()) as PoolEntry[])) {
    const list = out.get(p.cadreId);
    if (list) list.push(p);
    else out.set(p.cadreId, [p]);
  }
  return out;
}
