import { DEFAULT_REVIEW_SETTINGS, type ReviewSettings } from '../../shared/rules/performanceWorkflow';
import type { PerformanceKind } from '../../shared/rules/performancePeriod';
import type { CadreDb } from './database';

// The performance archive's local settings (docs/performance.md "Settings"), kept in the meta table of this
// installation: which review steps each kind needs, and the templates an administrator writes for the text sections
// (prefilled in a new report). Defaults until changed.

export type SectionKey = 'summary' | 'keyWork' | 'highlights' | 'shortcomings' | 'nextPlan' | 'findings';

export interface PerformanceSettings {
  steps: ReviewSettings;
  templates: Partial<Record<SectionKey, string>>;
}

const KEY = 'performance.settings';

export const DEFAULT_TEMPLATES: PerformanceSettings['templates'] = {
  keyWork: '一、\n二、\n三、',
  nextPlan: '1. \n2. ',
};

export async function readPerformanceSettings(db: CadreDb): Promise<PerformanceSettings> {
  const stored = (await db.meta.get(KEY))?.value as Partial<PerformanceSettings> | undefined;
  const steps = { ...DEFAULT_REVIEW_SETTINGS };
  for (const kind of Object.keys(steps) as PerformanceKind[]) {
    const s = stored?.steps?.[kind];
    if (s && typeof s.unit === 'boolean' && typeof s.department === 'boolean') steps[kind] = { unit: s.unit, department: s.department };
  }
  return { steps, templates: { ...DEFAULT_TEMPLATES, ...(stored?.templates ?? {}) } };
}

export async function writePerformanceSettings(db: CadreDb, settings: PerformanceSettings): Promise<void> {
  await db.meta.put({ key: KEY, value: settings });
}
