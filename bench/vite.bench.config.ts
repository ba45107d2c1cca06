import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { BENCH_BASE, BENCH_BUILD_DIR } from './benchPage';

// The bench loader page (bench/bench.html → bench/benchEntry.ts), built only by `npm run bench`.
export default defineConfig({
  root: resolve('bench'),
  base: BENCH_BASE,
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: BENCH_BUILD_DIR,
    emptyOutDir: true,
    rolldownOptions: { input: { bench: resolve('bench/bench.html') } },
  },
});
