import { defineConfig } from 'vitest/config';
import { HOOK_TIMEOUT_MS, scaled } from './test/timeouts.ts';

// Limits are generous for a busy 2-core machine and scale with TEST_TIME_SCALE (test/timeouts.ts):
// a one-off set-up such as the determinism test's reference hashes of every preset takes tens of
// seconds there, far past vitest's default 10 s hook limit.

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: scaled(120_000),
          hookTimeout: HOOK_TIMEOUT_MS,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: scaled(240_000),
          hookTimeout: HOOK_TIMEOUT_MS,
          // One Chromium at a time: the machine has two cores and the app spawns workers.
          fileParallelism: false,
        },
      },
      {
        test: {
          // A one-node Slurm cluster running the command line's job arrays (docs/research.md).
          name: 'cluster',
          include: ['test/cluster/**/*.test.ts'],
          environment: 'node',
          testTimeout: scaled(30 * 60_000),
          hookTimeout: scaled(15 * 60_000),
        },
      },
    ],
  },
});
