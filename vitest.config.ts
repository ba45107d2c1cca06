import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Node for shared/ and electron/; jsdom + fake-indexeddb for renderer logic (docs/architecture.md#tests).
export default defineConfig({
  test: {
    // Vitest leaves one core free by default, which on CI's two cores ran every file on one worker; the run has the
    // machine to itself. Threads start faster than forked processes, and nothing here needs a process of its own.
    pool: 'threads',
    maxWorkers: availableParallelism(),
    // a guard against a hang, not a speed target (those are bench/'s): two workers on two cores take twice as long
    testTimeout: 30_000,
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/shared/**/*.test.ts', 'test/unit/electron/**/*.test.ts', 'test/unit/bench/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/unit/renderer/setup.ts'],
        },
      },
    ],
  },
});
