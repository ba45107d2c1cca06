import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Whether the try launcher builds before it starts. It builds when out/renderer is missing or older than what the
 * renderer is built from, instead of always: out/ is shared with the e2e and bench runs of the same checkout, which
 * a needless rebuild would pull out from under, and an unchanged checkout then starts without the build's wait
 * (8 s on the two-core machine here, more on an office PC). The main-process handlers need no build: the launcher
 * runs them from source (tsx). --build forces one, for changes the file times do not show.
 */

/** What the renderer bundle is built from, relative to the checkout. */
export const RENDERER_SOURCES = ['renderer', 'shared', 'electron.vite.config.ts', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.renderer.json'];

/** The file every renderer build writes last-ish and the preview server needs. */
export const BUILT_MARKER = path.join('out', 'renderer', 'index.html');

export type BuildMode = 'auto' | 'always' | 'never';

/** The decision itself: pure, so it is tested without touching files. */
export function needsBuild(mode: BuildMode, builtAt: number | null, newestSource: number): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return builtAt === null || newestSource > builtAt;
}

/** The latest modification time (ms) of any file under the given paths; missing paths count as nothing. */
export async function newestMtime(root: string, paths: readonly string[]): Promise<number> {
  let newest = 0;
  const visit = async (p: string): Promise<void> => {
    const s = await stat(p).catch(() => null);
    if (!s) return;
    if (!s.isDirectory()) {
      newest = Math.max(newest, s.mtimeMs);
      return;
    }
    for (const e of await readdir(p, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      await visit(path.join(p, e.name));
    }
  };
  for (const p of paths) await visit(path.join(root, p));
  return newest;
}

/** When out/ was last built (ms), or null when it was not. */
export async function builtAt(root: string): Promise<number | null> {
  const s = await stat(path.join(root, BUILT_MARKER)).catch(() => null);
  return s ? s.mtimeMs : null;
}
