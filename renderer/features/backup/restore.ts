import { UserError } from '../../../shared/errors';
import { BACKUP_CARD_TABLE } from '../../../shared/contract/exchange';
import { ndjsonLines } from '../../sync/ndjsonBytes';
import type { MethodResult } from '../../../shared/ipc';
import { openDatabase, type BlobEntry, type CadreDb } from '../../db/database';
import { freshDatabaseName, RESTORE_LOCK, restoreEnded, restoreStarted, switchDatabase } from '../../db/databaseName';
import { browserLocks, holding, type Locks } from '../../db/windowLocks';
import { currentCounter } from '../../db/repository';
import { LATEST_VERSION, schemaVersions } from '../../db/schema';
import { backupHistory, rememberBackups, writeBackup, type BackupProgress, type BackupRecord, type ExchangeApi } from './backupFile';

// Restore (docs/architecture.md "Backup and restore"): verify the whole file, write a safety backup of the data
// as it is now, fill a fresh database from the backup (at the backup's schema version, then upgraded by the same
// migrations as any database), check it against the manifest's counts, and only then switch to it in one step.
// Until that switch the data in use is untouched; a failure deletes the half-filled database.

export type OpenedBackup = MethodResult<'exchange.open'>;

/**
 * Pass 1: everything verified; refused unless it is a backup this program can read. A backup made by another
 * installation (a replaced PC) opens only when it carries its signer's contact card and the signature holds
 * against it (the main process checks both); the person must then confirm its name and fingerprint
 * (`madeElsewhere`) before restoring it.
 */
export async function openBackup(api: ExchangeApi, options: { path: string; passphrase: string; installationId: string; taskId?: string }): Promise<OpenedBackup> {
  const opened = await api.open({ path: options.path, passphrase: options.passphrase, taskId: options.taskId });
  const refuse = async (message: string): Promise<never> => {
    await api.close({ openId: opened.openId }).catch(() => undefined);
    throw new UserError(message);
  };
  if (opened.meta.kind !== 'backup') return refuse('这个文件是数据交换包，不是备份。请在“数据交换”中导入它，或选择备份文件。');
  if (opened.meta.schemaVersion > LATEST_VERSION) return refuse(`这个备份由更新版本的程序（${opened.meta.appVersion}）制作，请先将本机软件升级到 ${opened.meta.appVersion} 版本，再恢复。`);
  return opened;
}

/** True for a backup another installation made: restoring it needs the person's confirmation of its fingerprint. */
export const madeElsewhere = (opened: OpenedBackup, installationId: string): boolean => opened.signer.installationId !== installationId;

interface Parsed {
  table: string;
  record: Record<string, unknown>;
}

/** Fills `target` from the opened bundle; returns the rows written per table. */
async function fill(target: CadreDb, api: ExchangeApi, opened: OpenedBackup, onProgress: (p: BackupProgress) => void): Promise<Map<string, number>> {
  const written = new Map<string, number>();
  const blobTypes = new Map<string, string>();
  const total = Object.values(opened.counts).reduce((a, b) => a + b, 0);
  const known = new Set(target.tables.map((t) => t.name));
  let done = 0;
  onProgress({ done, total });
  // the next batch is asked for while this one is parsed and written: the main process decrypts meanwhile
  const ask = () => api.read({ openId: opened.openId });
  let next = ask();
  // and one entry's rows are committed while the next entry is parsed: the browser writes, this page parses
  let writing: Promise<unknown> = Promise.resolve();
  for (;;) {
    const { entries, done: finished } = await next;
    if (!finished) {
      next = ask();
      next.catch(() => undefined); // awaited (and thrown) on the next turn
    }
    // a batch's photos go in one transaction, after its records (which name their types: records come first)
    const blobs: BlobEntry[] = [];
    for (const entry of entries) {
      if (entry.kind === 'blob') {
        const type = blobTypes.get(entry.sha256) ?? 'application/octet-stream';
        blobs.push({ hash: entry.sha256, type, data: new Blob([entry.bytes as Uint8Array<ArrayBuffer>], { type }) });
        continue;
      }
      const byTable = new Map<string, Record<string, unknown>[]>();
      for (const line of ndjsonLines(entry.ndjson)) {
        const { table, record } = JSON.parse(line) as Parsed;
        if (table === BACKUP_CARD_TABLE) continue; // who made it: checked by the main process, no table
        if (table === 'blobs') {
          blobTypes.set(String(record.hash), String(record.type));
          continue;
        }
        if (!known.has(table)) throw new UserError(`备份中有本程序不认识的数据表“${table}”，无法恢复。`);
        const rows = byTable.get(table);
        if (rows) rows.push(record);
        else byTable.set(table, [record]);
      }
      // (the first entry may hold nothing but the card)
      await writing;
      if (byTable.size) {
        writing = target.transaction('rw', [...byTable.keys()], async () => {
          for (const [table, rows] of byTable) await target.table(table).bulkPut(rows);
        });
        writing.catch(() => undefined); // awaited (and thrown) before the next write
      }
      for (const [table, rows] of byTable) {
        written.set(table, (written.get(table) ?? 0) + rows.length);
        done += rows.length;
      }
    }
    if (blobs.length) {
      await writing;
      await target.blobs.bulkPut(blobs);
      written.set('blobs', (written.get('blobs') ?? 0) + blobs.length);
      done += blobs.length;
    }
    onProgress({ done, total });
    if (finished) {
      await writing;
      return written;
    }
  }
}

/** What a restore refuses to replace: an import staged and waiting for its confirmation (in any window). */
export const MID_IMPORT_MESSAGE =
  '本机有一个数据交换包已暂存、尚未确认导入。请先在“数据交换”中完成或取消这次导入，再从备份恢复。本机数据没有改变。';
export const CHANGED_MEANWHILE_MESSAGE =
  '恢复期间本机数据又有改动（例如另一个窗口导入了数据交换包或保存了记录），为免丢失这些改动，已放弃恢复，本机数据没有改变。请关闭其他窗口后重新恢复。';

/**
 * What would show that the data in use changed after its safety backup was written: any local write moves the
 * counter, any applied bundle adds a ledger row, any staged import fills staging.
 */
async function changeMark(db: CadreDb): Promise<string> {
  return db.transaction('r', [db.meta, db.ledger, db.staging], async () =>
    JSON.stringify([await currentCounter(db), await db.ledger.count(), await db.staging.count()]),
  );
}

/**
 * Replaces this installation's data with the backup; the caller reloads the window, which then opens the restored
 * database. With `safetyPath`, the current data is first written there as a safety backup (returned), and the
 * replaced database is deleted after the next start. Without it — the database in use cannot be opened — nothing
 * is read from it and it is left where it is, never deleted.
 */
export async function restoreBackup(
  db: CadreDb,
  api: ExchangeApi,
  opened: OpenedBackup,
  options: {
    safetyPath: string | null;
    passphrase: string;
    operator: string;
    /** The backup is another installation's, confirmed by the person: this installation's knowledge starts over. */
    madeElsewhere?: boolean;
    onProgress?: (phase: '安全备份' | '恢复', p: BackupProgress) => void;
    /** The windows' locks (the browser's when not given). */
    locks?: Locks;
  },
): Promise<BackupRecord | null> {
  // a staged import is not in any backup: replacing the data now would silently drop it (or, if another window
  // applies it meanwhile, drop what it wrote)
  if (options.safetyPath && (await db.staging.count()) > 0) {
    await api.close({ openId: opened.openId }).catch(() => undefined);
    throw new UserError(MID_IMPORT_MESSAGE);
  }
  const mark = options.safetyPath ? await changeMark(db) : null;
  // recorded only in the restored database: a failed restore leaves the data in use exactly as it was
  const safety = options.safetyPath
    ? await writeBackup(db, api, {
        path: options.safetyPath,
        passphrase: options.passphrase,
        operator: options.operator,
        onProgress: (p) => options.onProgress?.('安全备份', p),
        record: false,
      })
    : null;
  const history = safety ? [...(await backupHistory(db)), safety] : [];
  const name = freshDatabaseName();
  // filled as stored, kept tables included: the backup holds their rows as they were, so deriving them again from
  // every dossier written would only double the work (and read back what was just written)
  const target = openDatabase(
    name,
    schemaVersions.filter((v) => v.version <= opened.meta.schemaVersion),
    { keptTables: false },
  );
  // held while the new database is half filled: another window's start-up leaves it alone (databaseName.ts)
  await holding(
    RESTORE_LOCK,
    async () => {
      let upgraded: CadreDb | null = null;
      restoreStarted(name);
      try {
        await target.open();
        const written = await fill(target, api, opened, (p) => options.onProgress?.('恢复', p));
        for (const [table, count] of Object.entries(opened.counts)) {
          if (table === BACKUP_CARD_TABLE) continue;
          if ((written.get(table) ?? 0) !== count && !(table === 'blobs' && (written.get(table) ?? 0) <= count)) {
            throw new UserError(`恢复后“${table}”的记录数与备份不符，已放弃恢复，本机数据没有改变。`);
          }
        }
        target.close();
        // the same migrations as any database: open at the current version
        upgraded = openDatabase(name);
        await upgraded.open();
        await rememberBackups(upgraded, history);
        // what peers acknowledged and what was integrated belonged to the other installation's identity: peers will
        // send this one everything again (the ledger stays, so no bundle is applied twice)
        if (options.madeElsewhere) await upgraded.knowledge.clear();
        upgraded.close();
        if (mark !== null && (await changeMark(db)) !== mark) throw new UserError(CHANGED_MEANWHILE_MESSAGE);
      } catch (error) {
        target.close();
        upgraded?.close();
        await openDatabase(name).delete().catch(() => undefined);
        restoreEnded();
        await api.close({ openId: opened.openId }).catch(() => undefined);
        throw error;
      }
      switchDatabase(name, { deletePrevious: safety !== null });
    },
    'locks' in options ? options.locks : browserLocks(),
  );
  return safety;
}
