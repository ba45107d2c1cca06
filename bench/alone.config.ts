import { defineConfig } from '@playwright/test';
import base from './bench.config';

// One phase of `npm run bench` alone (bench/alone.ts), on the same built app and bench page: for measuring it at
// 100,000 cadres without the rest of the run. Build first (as npm run bench does:
// `npx electron-vite build && npx vite build --config bench/vite.bench.config.ts`), then
//   BENCH_PHASE=roster|demo|cultivation|performance|exchange|backup|selection|supervision BENCH_MODE=full npx playwright test -c bench/alone.config.ts
export default defineConfig({ ...base, testMatch: 'alone.ts' });
