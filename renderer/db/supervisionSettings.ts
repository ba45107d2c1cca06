import { FieldErrors } from '../../shared/catalog/validate';
import { settingsOf, settingsProblems, type SupervisionSettings } from '../../shared/rules/supervisionSettings';
import type { CadreDb } from './database';

// 管理监督's settings (docs/supervision.md "Settings") in this installation's settings store (the meta table,
// local like the other areas' settings): read with the defaults filling anything missing, written only when valid.

export const SUPERVISION_SETTINGS_KEY = 'supervision.settings';

export async function readSupervisionSettings(db: CadreDb): Promise<SupervisionSettings> {
  return settingsOf((await db.meta.get(SUPERVISION_SETTINGS_KEY))?.value);
}

/** Keeps the settings; refuses them (every problem at its field) when one is out of range. */
export async function writeSupervisionSettings(db: CadreDb, settings: SupervisionSettings): Promise<void> {
  const problems = settingsProblems(settings);
  if (problems.length) throw new FieldErrors(problems);
  await db.meta.put({ key: SUPERVISION_SETTINGS_KEY, value: settings });
}
