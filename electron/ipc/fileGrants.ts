import path from 'node:path';

/**
 * Paths the user picked in a file dialog. Later file methods (import, export, print to file) accept only these,
 * so a compromised page cannot name arbitrary files.
 */
export function createFileGrants() {
  const granted = new Set<string>();
  return {
    grant(paths: readonly string[]): void {
      for (const p of paths) granted.add(path.resolve(p));
    },
    has(p: string): boolean {
      return granted.has(path.resolve(p));
    },
  };
}
export type FileGrants = ReturnType<typeof createFileGrants>;
