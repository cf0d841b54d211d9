/**
 * Test time limits, scaled for the machine. Every hook, test and wait limit of the suites is a
 * base (generous for a busy 2-core machine: the CI machine runs the suite beside other work)
 * times TEST_TIME_SCALE (default 1; e.g. TEST_TIME_SCALE=3 on a slower or more loaded machine).
 * Limits only stop a hung test: no test asserts how fast anything runs (speed belongs in
 * `npm run bench`).
 */
export const TIME_SCALE = Math.max(1, Number(process.env.TEST_TIME_SCALE) || 1);

/** `ms` times TEST_TIME_SCALE. */
export function scaled(ms: number): number {
  return Math.round(ms * TIME_SCALE);
}

/**
 * The limit of every set-up and tear-down hook (vitest.config.ts sets it for the suites, and each
 * hook passes it too, so a file run under another config keeps it): one-off set-ups such as
 * the determinism test's reference hashes of every preset, or a served app and a Chromium, take
 * tens of seconds on a loaded 2-core machine, far past vitest's default 10 s.
 */
export const HOOK_TIMEOUT_MS = scaled(300_000);
