import { defineConfig } from '@playwright/test';
import { PREVIEW_PORT } from './test/e2e/env';

// e2e: the built renderer (vite preview, with the production CSP headers) in Debian's Chromium, the real IPC
// handlers behind it (test/e2e/fixture.ts). electron: smoke tests that skip where the binary is absent.
export default defineConfig({
  // the longer walks take ~50 s on CI's two cores with two workers: room for a slow run, not a wait for a fixed time
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    { name: 'e2e', testDir: 'test/e2e' },
    { name: 'electron', testDir: 'test/electron' },
  ],
  webServer: {
    command: 'npx vite preview --config test/e2e/preview.config.ts',
    url: `http://127.0.0.1:${PREVIEW_PORT}/index.html`,
    env: { VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    // This run's own build on this run's own port (test/e2e/env.ts), never a server another run left behind.
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
