import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The bench loader page, built beside the app's renderer (same origin, same IndexedDB) only for benchmarks.
export default defineConfig({
  root: resolve('renderer'),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: resolve('out/renderer'),
    emptyOutDir: false,
    rolldownOptions: { input: { bench: resolve('renderer/bench.html') } },
  },
});
