import { defineConfig } from '@playwright/test';
import { PREVIEW_PORT } from '../test/e2e/env';

// `npm run bench`: the built renderer (plus the bench loader page, served beside it from bench/.build) in
// Chromium, measured. Not part of npm test except as the --smoke run that proves the harness works; numbers are
// never asserted.
export default defineConfig({
  testDir: '.',
  testMatch: 'roster.bench.ts',
  timeout: 45 * 60_000,
  workers: 1,
  reporter: [['list']],
  outputDir: '../test-results/bench',
  webServer: {
    command: 'npx vite preview --config bench/preview.bench.config.ts',
    cwd: '..',
    url: `http://127.0.0.1:${PREVIEW_PORT}/index.html`,
    env: { VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    // this run's own build on this run's own port (test/e2e/env.ts), never a server another run left behind
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
