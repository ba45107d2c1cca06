import type { Table } from 'dexie';
import { FieldErrors } from '../../shared/catalog/validate';
import { assessmentsType, type Cadre } from '../../shared/domain/cadre';
import { performanceType, type PerformanceRecord } from '../../shared/domain/performance';
import { FieldError, UserError } from '../../shared/errors';
import { naturalId } from '../../shared/ids';
import { monthOf, type Month } from '../../shared/rules/months';
import { submitProblems } from '../../shared/rules/performanceContent';
import { servicePeriodProblem, type PerformanceKind, type ServiceSpan } from '../../shared/rules/performancePeriod';
import { PERFORMANCE_ACTIONS, editProblem, transition, type PerformanceAction } from '../../shared/rules/performanceWorkflow';
import type { CadreDb } from './database';
import { noteChange } from './changes';
import { readPerformanceSettings } from './performanceSettings';
import { createRecord, listByCadre, storedRecord, updateRecord, writeScope } from './records';
import { writeTransaction, type WriteContext } from './repository';

// The performance record's own writes (docs/performance.md "Workflow"): a report is created and edited through the
// catalogue's repository with the checks that need the database (the cadre's service, the record's status), and
// moves through the workflow only by transition() of shared/rules/performanceWorkflow.ts, each step kept with who,
// when and the comment. An annual review approved becomes the cadre's 年度考核 in the same transaction.

type Stored = PerformanceRecord;

export const performanceTable = (db: CadreDb): Table<Stored, string> => db.table('performanceRecords');

/** When a cadre served: 参加工作时间, and the month of 调出/退休/去世 when the status says they left. */
export function serviceSpanOf(cadre: Pick<Cadre, 'workStarted' | 'status' | 'statusDate'>): ServiceSpan {
  return { joined: cadre.workStarted ?? null, left: cadre.status !== '01' && cadre.statusDate ? cadre.statusDate.slice(0, 7) : null };
}

const currentMonthOf = (ctx: WriteContext): Month => monthOf(new Date(ctx.now()));

/** What a person fills in: the period and the sections (status, history and uses are the workflow's). */
export type ReportInput = {
  cadreId: string;
  kind: PerformanceKind;
  period: string;
  summary?: string;
  keyWork?: string;
  highlights?: string;
  shortcomings?: string;
  nextPlan?: string;
  checkedBy?: string;
  findings?: string;
  rating?: Stored['rating'];
  grade?: string | null;
  attachments?: Stored['attachments'];
};
type Content = Omit<ReportInput, 'cadreId' | 'kind' | 'period'>;

/** The natural id of a cadre's record for a kind and period (docs/performance.md "Records"). */
export const performanceId = (cadreId: string, kind: PerformanceKind, period: string): string => naturalId('performance', cadreId, kind, period);

/** Creates a draft. Refused: a period written wrongly, before joining, after leaving or not begun; a second record. */
export async function createReport(db: CadreDb, ctx: WriteContext, input: ReportInput): Promise<Stored> {
  return createRecord(db, ctx, performanceType, { ...input, status: 'draft', history: [], uses: [] } as never, {
    check: async (data) => {
      const cadre = await db.cadres.get(data.cadreId);
      const problem = servicePeriodProblem(data.kind, data.period, serviceSpanOf(cadre!), currentMonthOf(ctx));
      if (problem) throw new FieldError('period', problem);
    },
  }) as Promise<Stored>;
}

/** Edits a draft or a returned record's content; an approved or submitted one is refused (reopen it first). */
export async function editReport(db: CadreDb, ctx: WriteContext, id: string, cadreId: string, content: Content): Promise<Stored> {
  return updateRecord(db, ctx, performanceType, id, content as never, {
    cadreId,
    check: async (_data, before) => {
      const problem = editProblem(before!.status);
      if (problem) throw new UserError(problem);
    },
  }) as Promise<Stored>;
}

/** Who took a workflow step, as kept in its history. */
export interface StepBy {
  /** The installation's name (本单位 or 组织部), as people know it. */
  installation: string;
}

/**
 * Takes one workflow step: checks it with the state machine (and, for a submission, that the record is not empty),
 * keeps it in the history with who, when and the comment, and — when an annual review becomes approved — writes
 * its grade as the cadre's 年度考核 of that year, all in one transaction. Refused steps change nothing.
 */
export async function actOnReport(db: CadreDb, ctx: WriteContext, id: string, cadreId: string, action: PerformanceAction, by: StepBy): Promise<Stored> {
  const settings = await readPerformanceSettings(db);
  const tables = [...new Set([...writeScope(db, performanceType), ...writeScope(db, assessmentsType)])];
  return writeTransaction(db, tables, async () => {
    const before = await storedRecord(db, performanceType, id, { cadreId });
    if (!before || before.deleted) throw new UserError('该实绩记录已不存在，可能已被删除。请刷新后重试。');
    if (action.type === 'submit') {
      const problems = submitProblems(before);
      if (problems.length) throw new FieldErrors(problems);
    }
    const next = transition(before.status, action, settings.steps[before.kind]);
    if (!next.ok) throw new UserError(next.message);
    const at = new Date(ctx.now()).toISOString();
    const comment = 'comment' in action ? (action.comment ?? '').trim() : '';
    const step = { action: action.type, status: next.status, at, by: ctx.actor.operator, byInstallation: by.installation, comment };
    const uses = action.type === 'apply' ? [...before.uses, { use: action.use, at, by: ctx.actor.operator, comment }] : before.uses;
    const saved = (await updateRecord(db, ctx, performanceType, id, { status: next.status, history: [...before.history, step], uses } as never, {
      cadreId,
      summary: () => `实绩档案“${performanceType.title(before)}”：${PERFORMANCE_ACTIONS[action.type]}${comment ? `（${comment}）` : ''}`,
    })) as Stored;
    if (before.kind === 'annual' && next.status === 'approved' && before.status !== 'approved' && before.grade) {
      await recordAssessment(db, ctx, cadreId, Number(before.period), before.grade);
    }
    return saved;
  });
}

/** The cadre's 年度考核 of the year becomes the review's grade: created, or corrected if it differs. */
async function recordAssessment(db: CadreDb, ctx: WriteContext, cadreId: string, year: number, grade: string): Promise<void> {
  const existing = (await listByCadre(db, assessmentsType, cadreId)).find((a) => a.year === year);
  if (!existing) await createRecord(db, ctx, assessmentsType, { cadreId, year, grade });
  else if (existing.grade !== grade) await updateRecord(db, ctx, assessmentsType, existing.id, { grade }, { cadreId });
}

/** The cadre's live performance records of a kind, oldest period first. */
export async function reportsOf(db: CadreDb, cadreId: string, kind?: PerformanceKind): Promise<Stored[]> {
  const rows = await performanceTable(db).where('cadreId').equals(cadreId).toArray();
  return rows.filter((r) => !r.deleted && (!kind || r.kind === kind)).sort((a, b) => a.period.localeCompare(b.period));
}

/**
 * Stores performance records that came from elsewhere (a data set) as they are — vectors kept, nothing bumped or
 * audited, one transaction — as bulkLoadBatch (renderer/db/bulkLoad.ts) stores a data set's dossiers.
 */
export async function bulkPutReports(db: CadreDb, records: readonly Stored[]): Promise<void> {
  if (!records.length) return;
  await db.transaction('rw', performanceTable(db), async () => {
    await performanceTable(db).bulkPut([...records]);
    noteChange(
      db,
      performanceType.table,
      records.map((r) => r.id),
    );
  });
}
