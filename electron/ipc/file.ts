import { promises as fs } from 'node:fs';
import { UserError } from '../../shared/errors';
import { MAX_FILE_BYTES } from '../../shared/ipc';
import { writeFileAtomic } from '../fsAtomic';
import type { FileGrants } from './fileGrants';
import type { Handlers } from './dispatch';

const notGranted = () => new UserError('只能读写在对话框中选择的文件，请重新选择文件。');

/** Reading and writing whole files the user chose in a dialog (spreadsheets, exports). */
export function fileHandlers(grants: FileGrants): Pick<Handlers, 'file.read' | 'file.write'> {
  return {
    'file.read': async ({ path }) => {
      if (!grants.mayRead(path)) throw notGranted();
      let size: number;
      try {
        size = (await fs.stat(path)).size;
      } catch {
        throw new UserError('找不到所选文件，可能已被移动或删除，请重新选择。');
      }
      if (size > MAX_FILE_BYTES) throw new UserError(`文件过大（${Math.round(size / 1048576)} MB），不能超过 256 MB。`);
      const data = await fs.readFile(path);
      return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    },
    'file.write': async ({ path, bytes }) => {
      if (!grants.mayWrite(path)) throw notGranted();
      try {
        await writeFileAtomic(path, bytes); // owner-only (0600): exports hold personal data
      } catch (error) {
        throw new UserError(`无法写入文件：${(error as NodeJS.ErrnoException).code === 'EACCES' ? '没有写入权限' : '请检查磁盘是否已满或文件是否被其他程序打开'}。`);
      }
      return { bytesWritten: bytes.byteLength };
    },
  };
}
