import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Node for shared/ and electron/; jsdom + fake-indexeddb for renderer logic (docs/architecture.md#tests).
// a guard against a hang, not a speed target (those are bench/'s): two workers on two cores take twice as long,
// and a loaded machine longer still. Vitest 4's inline projects do not inherit the root's test options, so each
// project names it too (with the root's alone, every test ran under the 5 s default).
const TEST_TIMEOUT = 30_000;

export default defineConfig({
  test: {
    // Vitest leaves one core free by default, which on CI's two cores ran every file on one worker; the run has the
    // machine to itself. Threads start faster than forked processes, and nothing here needs a process of its own.
    pool: 'threads',
    maxWorkers: availableParallelism(),
    testTimeout: TEST_TIMEOUT,
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          testTimeout: TEST_TIMEOUT,
          include: ['test/unit/shared/**/*.test.ts', 'test/unit/electron/**/*.test.ts', 'test/unit/bench/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          testTimeout: TEST_TIMEOUT,
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/unit/renderer/setup.ts'],
        },
      },
    ],
  },
});
