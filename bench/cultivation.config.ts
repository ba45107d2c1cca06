import { defineConfig } from '@playwright/test';
import base from './bench.config';

// The 培养历练 phase alone (bench/cultivation.alone.ts), on the same built app and bench page as `npm run bench`:
// for measuring it at 100,000 cadres without the rest of the run. Build first (as npm run bench does:
// `npx electron-vite build && npx vite build --config bench/vite.bench.config.ts`), then
//   BENCH_MODE=full npx playwright test -c bench/cultivation.config.ts
export default defineConfig({ ...base, testMatch: 'cultivation.alone.ts' });
