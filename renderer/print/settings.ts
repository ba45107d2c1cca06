import type { CadreDb } from '../db/database';
import { DEFAULT_ASSESSMENT_YEARS } from '../../shared/print/appointment';

// Printing's local settings (this machine only, like the roster's column sets): kept in the database's meta
// table, which holds per-database facts.

const ASSESSMENT_YEARS_KEY = 'print.assessmentYears';

/** How many years of 年度考核 the 任免审批表 lists (default 2). */
export async function assessmentYears(db: CadreDb): Promise<number> {
  const entry = await db.meta.get(ASSESSMENT_YEARS_KEY);
  const n = entry?.value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 10 ? n : DEFAULT_ASSESSMENT_YEARS;
}

export async function setAssessmentYears(db: CadreDb, years: number): Promise<void> {
  if (!Number.isInteger(years) || years < 1 || years > 10) throw new Error('年度考核年数应为 1 到 10 的整数');
  await db.meta.put({ key: ASSESSMENT_YEARS_KEY, value: years });
}
