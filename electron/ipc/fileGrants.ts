import path from 'node:path';

/**
 * Paths the user picked in a file dialog. Later file methods (import, export, print to file) accept only these,
 * so a compromised page cannot name arbitrary files: a file picked in an open dialog may be read, not written;
 * a file picked in a save dialog may be written (and only that file), not read; a folder picked in a folder dialog
 * may receive new files directly inside it (not in its subfolders), and nothing in it may be read.
 */
export function createFileGrants() {
  const readable = new Set<string>();
  const writable = new Set<string>();
  const folders = new Set<string>();
  return {
    grantRead(paths: readonly string[]): void {
      for (const p of paths) readable.add(path.resolve(p));
    },
    grantWrite(paths: readonly string[]): void {
      for (const p of paths) writable.add(path.resolve(p));
    },
    grantFolder(paths: readonly string[]): void {
      for (const p of paths) folders.add(path.resolve(p));
    },
    mayRead: (p: string): boolean => readable.has(path.resolve(p)),
    mayWrite: (p: string): boolean => writable.has(path.resolve(p)),
    /** The folder may receive new files (its own entries only: the caller makes the names). */
    mayWriteInto: (dir: string): boolean => folders.has(path.resolve(dir)),
  };
}
export type FileGrants = ReturnType<typeof createFileGrants>;
