import { UserError } from '../../shared/errors';

// What the person hears when writing a bundle or a backup fails in the file system (docs/architecture.md
// "Backup and restore"): the writer has already removed its unfinished `.partial` files, so every message says
// that nothing was left behind, and what to do. Anything else passes through unchanged (the dispatcher logs it).

const FULL = new Set(['ENOSPC', 'EDQUOT']);
const DENIED = new Set(['EACCES', 'EPERM', 'EROFS']);
const GONE = new Set(['EIO', 'ENODEV', 'ENXIO', 'ENOENT']);

const codeOf = (error: unknown): string | undefined =>
  error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/** The Chinese message for a failed write, or the error itself when it is not a file-system failure. */
export function writeFailure(error: unknown): unknown {
  const code = codeOf(error);
  if (code === undefined || error instanceof UserError) return error;
  const told = (message: string) => Object.assign(new UserError(message), { cause: error });
  const left = '未写完的文件已删除，没有留下不完整的文件。';
  if (FULL.has(code)) return told(`磁盘空间已满，文件没有写完。${left}请清理磁盘或换一个有足够空间的位置后重试。`);
  if (DENIED.has(code)) return told(`没有写入这个位置的权限（或它是只读的），文件没有写完。${left}请换一个文件夹后重试。`);
  if (GONE.has(code)) return told(`写入时磁盘或U盘出错（可能已被拔出），文件没有写完。${left}请检查后重试。`);
  return error;
}
