import type { ErrorKind } from './cadres';

/**
 * The 三龄两历 problems the training district carries (docs/domain.md "Training data"), so that 数据校验 has
 * something to find: about 4 in 100 cadres get exactly one — a career gap or overlap, a birth month that
 * disagrees with the ID number, 入党 before 18, or a wrong check digit — at the share a records office meets in
 * files kept by hand. Each is one the checks (shared/rules/checks.ts) report. A module of its own, without the
 * generator, so the screen that loads the district can name it without loading the generator's name tables.
 */
export const TRAINING_PROBLEMS: { readonly rate: number; readonly kinds: readonly ErrorKind[] } = {
  rate: 0.04,
  kinds: ['careerGap', 'careerOverlap', 'birthMismatch', 'partyBefore18', 'idCheckChar'],
};
