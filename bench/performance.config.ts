import { defineConfig } from '@playwright/test';
import base from './bench.config';

// The 实绩档案 phase alone (bench/performance.alone.ts), on the same built app and bench page as `npm run bench`:
// for measuring it at 100,000 cadres without the rest of the run. Build first (as npm run bench does), then
//   BENCH_MODE=full npx playwright test -c bench/performance.config.ts
export default defineConfig({ ...base, testMatch: 'performance.alone.ts' });
