import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { BUILD_DIR, ICON_SET_DIR, WINDOW_ICON_SIZE, pngName, renderIcons } from './build/render-icons.mjs';

/** The window's icon beside main.js in out/main/ (electron/main.ts), so it is inside what gets packaged. */
const WINDOW_ICON_FILE = 'icon.png';

/**
 * Renders build/icon.svg into the installer icons (build/, which electron-builder reads) at the start of every
 * main-process build, and ships the window's PNG with the main bundle: the rendered files are never committed.
 */
function appIcons(): Plugin {
  let rendered: Promise<unknown> | null = null;
  return {
    name: 'cadredesk-app-icons',
    async buildStart() {
      // once per process: `electron-vite dev` rebuilds main on every change, the SVG does not change meanwhile
      await (rendered ??= renderIcons());
    },
    async generateBundle() {
      const source = await readFile(join(BUILD_DIR, ICON_SET_DIR, pngName(WINDOW_ICON_SIZE)));
      this.emitFile({ type: 'asset', fileName: WINDOW_ICON_FILE, source });
    },
  };
}

// electron-vite builds all three targets into out/ (main, preload, renderer) without the Electron binary.
export default defineConfig({
  main: {
    plugins: [appIcons()],
    build: {
      outDir: 'out/main',
      // Everything is bundled: the packaged app ships out/** only, no node_modules.
      externalizeDeps: false,
      rolldownOptions: { input: { main: resolve('electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      // A sandboxed preload must be a single CommonJS file (docs/architecture.md#build-and-packaging).
      rolldownOptions: {
        input: { preload: resolve('electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: '/',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified; minified, the start-up scripts parse in about half the time
      minify: true,
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
