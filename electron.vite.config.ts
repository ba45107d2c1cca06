import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-vite builds all three targets into out/ (main, preload, renderer) without the Electron binary.
export default defineConfig({
  main: {
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
      // A sandboxed preload must be a single CommonJS file (DESIGN.md "Environment facts").
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
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
