import type { CadreDb } from '../../db/database';
import { backupHistory } from './backupFile';

export const BACKUP_REMINDER_KEY = 'backupReminderDays';
export const DEFAULT_REMINDER_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;

export async function reminderDays(db: CadreDb): Promise<number> {
  const value = (await db.meta.get(BACKUP_REMINDER_KEY))?.value;
  return typeof value === 'number' && value >= 1 ? value : DEFAULT_REMINDER_DAYS;
}

/**
 * What the home screen says about backups, or null when nothing: never backed up (once there is something to
 * lose), or the last backup older than the configured number of days.
 */
export function backupReminder(input: { lastBackupAt: number | null; days: number; hasData: boolean; now: number }): string | null {
  if (!input.hasData) return null;
  if (input.lastBackupAt === null) return '本机数据还没有备份过。电脑损坏或误删时，没有备份就无法找回，请尽快备份。';
  const age = Math.floor((input.now - input.lastBackupAt) / DAY);
  return age >= input.days ? `本机已经 ${age} 天没有备份了（提醒设置为 ${input.days} 天），请尽快备份。` : null;
}

export async function currentReminder(db: CadreDb, now = Date.now()): Promise<string | null> {
  // whether any cadre is stored, by one key: counting them took a second at 100,000 cadres, at every start, in
  // front of the roster's first screen in IndexedDB's queue
  const [history, days, oneCadre] = await Promise.all([backupHistory(db), reminderDays(db), db.cadres.limit(1).primaryKeys()]);
  return backupReminder({ lastBackupAt: history[0]?.at ?? null, days, hasData: oneCadre.length > 0, now });
}
