import { statSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileGrants } from '../../../electron/ipc/fileGrants';
import { fileHandlers } from '../../../electron/ipc/file';
import { UserError } from '../../../shared/errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cadredesk-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ctx = { emit: () => undefined };

describe('file.read / file.write', () => {
  it('refuse paths the user did not pick in a dialog, with a Chinese message', async () => {
    const file = path.join(dir, 'secret.txt');
    writeFileSync(file, 'x');
    const h = fileHandlers(createFileGrants());
    await expect(h['file.read']({ path: file }, ctx)).rejects.toThrow(UserError);
    await expect(h['file.read']({ path: file }, ctx)).rejects.toThrow(/对话框中选择的文件/);
    await expect(h['file.write']({ path: file, bytes: new Uint8Array([1]) }, ctx)).rejects.toThrow(/对话框中选择的文件/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('read and write granted paths byte for byte (also through a path spelled differently)', async () => {
    const grants = createFileGrants();
    const file = path.join(dir, '名册.xlsx');
    grants.grantWrite([file]);
    const h = fileHandlers(grants);
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    expect(await h['file.write']({ path: file, bytes }, ctx)).toEqual({ bytesWritten: 5 });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600); // exports hold personal data
    // written through a save dialog's grant, it is not readable until picked in an open dialog
    await expect(h['file.read']({ path: file }, ctx)).rejects.toThrow(/对话框中选择的文件/);
    grants.grantRead([file]);
    await expect(h['file.write']({ path: path.join(dir, 'other.xlsx'), bytes }, ctx)).rejects.toThrow(/对话框中选择的文件/);
    const read = await h['file.read']({ path: path.join(dir, '.', '名册.xlsx') }, ctx);
    expect([...read.bytes]).toEqual([...bytes]);
  });

  it('a granted file that has gone is reported plainly', async () => {
    const grants = createFileGrants();
    const file = path.join(dir, 'gone.xlsx');
    grants.grantRead([file]);
    await expect(fileHandlers(grants)['file.read']({ path: file }, ctx)).rejects.toThrow(/找不到所选文件/);
  });
});
