import { promises as fs } from 'node:fs';
import path from 'node:path';

// Where a restore writes its automatic safety backup of the data it replaces (docs/architecture.md "Backup and
// restore"): a new file in the data folder's `backups` folder, made owner-only, named for the moment.

export async function safetyBackupFile(userDataDir: string, now: Date): Promise<string> {
  const dir = path.join(userDataDir, 'backups');
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join(dir, `恢复前自动备份-${stamp}.cadre`);
}
