import type { RankPromotionSettings } from '../../shared/rules/rankPromotion';
import { ALL_STEPS, assertStepAllowed, checkedRankSettings, checkedStepPermissions, rankSettingsProblems, type StepPermissions } from '../../shared/rules/selectionSettings';
import type { CaseStage } from '../../shared/domain/selection';
import type { CadreDb } from './database';

// 选拔任用's local settings (docs/selection.md "Settings"), kept in this installation's meta table: the
// rank-promotion conditions the eligibility list applies, and the case steps this installation may record. Each
// is checked before it is kept; what was kept is read back as it was, and the defaults hold until then.

const RANK_KEY = 'selection.rankPromotion';
const STEPS_KEY = 'selection.steps';

/** The rank-promotion settings kept here ({} — the defaults of docs/domain.md — until an administrator edits them). */
export async function readRankSettings(db: CadreDb): Promise<RankPromotionSettings> {
  const stored = (await db.meta.get(RANK_KEY))?.value;
  // something kept by a later version that this one cannot read is not applied half-way: the defaults hold
  return stored && typeof stored === 'object' && rankSettingsProblems(stored).length === 0 ? (stored as RankPromotionSettings) : {};
}

/** Checks and keeps the settings; refused with every problem named, nothing kept. */
export async function writeRankSettings(db: CadreDb, settings: RankPromotionSettings): Promise<RankPromotionSettings> {
  const checked = checkedRankSettings(settings);
  await db.meta.put({ key: RANK_KEY, value: checked });
  return checked;
}

/** The case steps this installation may record (every step until set). */
export async function readStepPermissions(db: CadreDb): Promise<StepPermissions> {
  const stored = (await db.meta.get(STEPS_KEY))?.value;
  if (!Array.isArray(stored)) return ALL_STEPS;
  try {
    return checkedStepPermissions(stored.map(String));
  } catch {
    return ALL_STEPS;
  }
}

export async function writeStepPermissions(db: CadreDb, steps: readonly string[]): Promise<StepPermissions> {
  const checked = checkedStepPermissions(steps);
  await db.meta.put({ key: STEPS_KEY, value: checked });
  return checked;
}

/** Refuses a step this installation may not record (read inside the caller's transaction: meta is in every write's). */
export async function assertMayRecord(db: CadreDb, stage: CaseStage, action: 'complete' | 'close' | 'edit' = 'complete'): Promise<void> {
  assertStepAllowed(stage, await readStepPermissions(db), action);
}
