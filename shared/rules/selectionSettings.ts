import { caption } from '../code';
import { CASE_STAGES, STAGE_ORDER, type CaseStage } from '../domain/selection';
import { UserError } from '../errors';
import { rankPromotionSettingsSchema, type RankPromotionSettings } from './rankPromotion';

// 选拔任用's local settings (docs/selection.md "Settings"), checked before they are kept: the rank-promotion
// conditions the eligibility list applies, and which of the case's steps this installation may record.

/** The problems of rank-promotion settings, each naming its place in words ("晋升为一级主任科员的最低年限：…"). */
export function rankSettingsProblems(settings: unknown): string[] {
  const parsed = rankPromotionSettingsSchema.safeParse(settings);
  const out = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const [key, sub] = issue.path;
        const where =
          key === 'minYears' && sub !== undefined
            ? `晋升为${caption('rank', String(sub)) || String(sub)}的最低年限`
            : key === 'passingGrades'
              ? '符合条件的考核等次'
              : key === 'missingYearBars'
                ? '缺少年度考核'
                : '职级晋升设置';
        return `${where}：${issue.message}`;
      });
  if (parsed.success) {
    const s = parsed.data;
    const both = s.resetGrades?.find((g) => (s.passingGrades ?? ['1', '2']).includes(g));
    if (both !== undefined) out.push(`“${caption('assessmentGrade', both)}”不能既符合条件又重新计算任职年限`);
  }
  return out;
}

/** The settings as kept: checked, or a UserError listing every problem. */
export function checkedRankSettings(settings: RankPromotionSettings): RankPromotionSettings {
  const problems = rankSettingsProblems(settings);
  if (problems.length) throw new UserError(`不能保存职级晋升设置：${problems.join('；')}`);
  return rankPromotionSettingsSchema.parse(settings);
}

// ---- Which installation records which step ----------------------------------------------------------------

/**
 * The steps this installation may complete: the step being completed is the one named (completing 民主推荐 records
 * it and moves the case on). 终止 counts as the step the case is at. Default: every step.
 */
export type StepPermissions = readonly CaseStage[];
export const ALL_STEPS: StepPermissions = STAGE_ORDER.filter((s) => s !== 'appointed');

/** The steps as kept: known, in order, no repeats; an empty list is allowed (an installation that only reads). */
export function checkedStepPermissions(steps: readonly string[]): CaseStage[] {
  const unknown = steps.filter((s) => !ALL_STEPS.includes(s as CaseStage));
  if (unknown.length) throw new UserError(`不能保存可办理的步骤：“${unknown.join('、')}”不是选任纪实的步骤`);
  return ALL_STEPS.filter((s) => steps.includes(s));
}

/** Refuses, in plain words, a step this installation may not record. */
export function assertStepAllowed(stage: CaseStage, allowed: StepPermissions, action: 'complete' | 'close' | 'edit' = 'complete'): void {
  if (stage === 'appointed' || stage === 'closed' || allowed.includes(stage)) return;
  const mine = allowed.length ? `本机可办理的步骤为${allowed.map((s) => `“${CASE_STAGES[s]}”`).join('、')}` : '本机未设置可办理的步骤';
  const verb = action === 'close' ? '终止处于该步骤的选任纪实' : action === 'edit' ? '修改该步骤的内容' : '办理该步骤';
  throw new UserError(`本机不能${verb}：“${CASE_STAGES[stage]}”由其他单位（如组织部）办理，${mine}。请将选任纪实通过数据包交换给办理该步骤的单位，或在“选拔任用 → 设置”中调整本机可办理的步骤。`);
}
