import { describe, expect, it } from 'vitest';
import { backupReminder } from '../../../renderer/features/backup/reminder';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 10, 30, 9);

describe('backupReminder', () => {
  it('says nothing for an empty database, and asks for a first backup once there is data', () => {
    expect(backupReminder({ lastBackupAt: null, days: 7, hasData: false, now })).toBeNull();
    expect(backupReminder({ lastBackupAt: null, days: 7, hasData: true, now })).toContain('还没有备份过');
  });

  it('reminds from the configured number of days on', () => {
    expect(backupReminder({ lastBackupAt: now - 6 * DAY, days: 7, hasData: true, now })).toBeNull();
    expect(backupReminder({ lastBackupAt: now - 7 * DAY, days: 7, hasData: true, now })).toBe('本机已经 7 天没有备份了（提醒设置为 7 天），请尽快备份。');
    expect(backupReminder({ lastBackupAt: now - 2 * DAY, days: 1, hasData: true, now })).toContain('2 天');
  });
});
