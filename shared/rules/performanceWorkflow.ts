import type { PerformanceKind } from './performancePeriod';

// The performance archive's workflow as a pure state machine (docs/performance.md "Workflow"): draft → submitted →
// reviewed by the unit → reviewed by the department (approved, or returned with a comment) → applied, linked to its
// use. Which review steps a kind needs is a setting; a skipped step is passed through. An approved record is
// reopened only with a reason. Only a draft or a returned record may be edited.

export const PERFORMANCE_STATUSES = {
  draft: '草稿',
  submitted: '已上报',
  unitReviewed: '单位已审核',
  returned: '已退回',
  approved: '已审定',
  applied: '已运用',
} as const;
export type PerformanceStatus = keyof typeof PERFORMANCE_STATUSES;

export const PERFORMANCE_ACTIONS = {
  submit: '上报',
  unitApprove: '单位审核通过',
  unitReturn: '单位退回',
  deptApprove: '组织部审定通过',
  deptReturn: '组织部退回',
  apply: '运用',
  reopen: '重新打开',
} as const;
export type PerformanceActionType = keyof typeof PERFORMANCE_ACTIONS;

/** What an approved record is used for (运用). */
export const PERFORMANCE_USES = {
  commendation: '表彰奖励',
  incentive: '鼓励激励调整',
  upDown: '能上能下调整',
  selection: '选拔任用参考',
  evaluation: '评优评先',
} as const;
export type PerformanceUse = keyof typeof PERFORMANCE_USES;

export type PerformanceAction =
  | { type: 'submit' }
  | { type: 'unitApprove'; comment?: string }
  | { type: 'unitReturn'; comment: string }
  | { type: 'deptApprove'; comment?: string }
  | { type: 'deptReturn'; comment: string }
  | { type: 'apply'; use: PerformanceUse; comment?: string }
  | { type: 'reopen'; comment: string };

/** Which reviews a kind needs. */
export interface ReviewSteps {
  unit: boolean;
  department: boolean;
}
export type ReviewSettings = Record<PerformanceKind, ReviewSteps>;

/** Defaults: weekly summaries stay in the unit; the monthly report and annual review go through both; the quarterly check is the department's. */
export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  weekly: { unit: true, department: false },
  monthly: { unit: true, department: true },
  quarterly: { unit: false, department: true },
  annual: { unit: true, department: true },
};

export type Transition = { ok: true; status: PerformanceStatus } | { ok: false; message: string };

const refuse = (message: string): Transition => ({ ok: false, message });
const to = (status: PerformanceStatus): Transition => ({ ok: true, status });

/** Where a record waits after the unit step (or after submitting, when the unit does not review). */
const afterUnit = (steps: ReviewSteps): PerformanceStatus => (steps.department ? 'unitReviewed' : 'approved');

/** The next status of a record under an action, or why the action is not allowed now. */
export function transition(status: PerformanceStatus, action: PerformanceAction, steps: ReviewSteps): Transition {
  const now = PERFORMANCE_STATUSES[status];
  const needsComment = (a: { comment?: string }) => !a.comment?.trim();
  switch (action.type) {
    case 'submit':
      if (status !== 'draft' && status !== 'returned') return refuse(`该记录${now}，不能再次上报`);
      return to(steps.unit || steps.department ? 'submitted' : 'approved');
    case 'unitApprove':
    case 'unitReturn':
      if (!steps.unit) return refuse('此类记录不需要单位审核');
      if (status !== 'submitted') return refuse(`该记录${now}，不在等待单位审核`);
      if (action.type === 'unitReturn') return needsComment(action) ? refuse('退回时请写明退回意见') : to('returned');
      return to(afterUnit(steps));
    case 'deptApprove':
    case 'deptReturn': {
      if (!steps.department) return refuse('此类记录不需要组织部审核');
      const waiting: PerformanceStatus = steps.unit ? 'unitReviewed' : 'submitted';
      if (status !== waiting) return refuse(`该记录${now}，不在等待组织部审核`);
      if (action.type === 'deptReturn') return needsComment(action) ? refuse('退回时请写明退回意见') : to('returned');
      return to('approved');
    }
    case 'apply':
      if (status !== 'approved' && status !== 'applied') return refuse(`该记录${now}，审定后才能运用`);
      return to('applied');
    case 'reopen':
      if (status !== 'approved' && status !== 'applied') return refuse(`该记录${now}，无需重新打开`);
      return needsComment(action) ? refuse('重新打开已审定的记录，请写明原因') : to('draft');
  }
}

/** The actions that can be taken now (for the buttons a screen shows). */
export function availableActions(status: PerformanceStatus, steps: ReviewSteps): PerformanceActionType[] {
  const probe: Record<PerformanceActionType, PerformanceAction> = {
    submit: { type: 'submit' },
    unitApprove: { type: 'unitApprove' },
    unitReturn: { type: 'unitReturn', comment: 'x' },
    deptApprove: { type: 'deptApprove' },
    deptReturn: { type: 'deptReturn', comment: 'x' },
    apply: { type: 'apply', use: 'selection' },
    reopen: { type: 'reopen', comment: 'x' },
  };
  return (Object.keys(probe) as PerformanceActionType[]).filter((a) => transition(status, probe[a], steps).ok);
}

/** Null when the record's content may be edited in this status; else why not. */
export function editProblem(status: PerformanceStatus): string | null {
  if (status === 'draft' || status === 'returned') return null;
  if (status === 'approved' || status === 'applied') return `该记录${PERFORMANCE_STATUSES[status]}，不能直接修改；如需更正，请先写明原因重新打开`;
  return `该记录${PERFORMANCE_STATUSES[status]}，正在审核中，不能修改；如需修改，请审核人退回`;
}
