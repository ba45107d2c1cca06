import { endAfterMonths } from './blocks';

// 试用期跟踪 (docs/selection.md "The case"): the district's running trial periods, those past their end first, so
// the department records each one's result (合格 or 不合格) when the year is up. A trial still 试用中 after its
// last day is waiting for that result, not over by itself.

export type TrialState = 'ended' | 'endingSoon' | 'running';

export const TRIAL_STATES: Record<TrialState, string> = {
  ended: '已期满，待登记试用结果',
  endingSoon: '一个月内期满',
  running: '试用中',
};

/** The running trials as of `today` (YYYY-MM-DD), by their last day: ended, ending within a month, running. */
export function trialsToTrack<T extends { to: string; status: string; deleted?: boolean }>(trials: readonly T[], today: string): (T & { state: TrialState })[] {
  const withinAMonth = endAfterMonths(today, 1);
  return trials
    .filter((t) => !t.deleted && t.status === 'running')
    .map((t) => ({ ...t, state: (t.to < today ? 'ended' : t.to <= withinAMonth ? 'endingSoon' : 'running') as TrialState }))
    .sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}
