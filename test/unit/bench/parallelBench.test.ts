/**
 * The parallel bench (test/bench/parallel.ts) runs at its smallest: every row it prints is there,
 * its engines ran every month, and its ratios are the ones its table says. A bench that throws
 * or times no months would otherwise go unseen until someone runs `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { bench } from '../../bench/parallel.ts';
import { HOOK_TIMEOUT_MS } from '../../timeouts.ts';

describe('parallel bench', () => {
  it(
    'runs the single-thread engine and 1, 2 and 4 workers in both memory modes',
    async () => {
      const report = await bench({ quick: true, smoke: true });
      const rows = report.rows;
      expect(rows.map((r) => `${r.mode} ${r.workers}`)).toEqual([
        'single-thread 0',
        'shared 1',
        'shared 2',
        'shared 4',
        'transfer 1',
        'transfer 2',
        'transfer 4',
      ]);
      for (const row of rows) {
        expect(row.monthsTimed).toBe(report.months);
        expect(row.runMs).toBeGreaterThan(0);
        expect(row.bestMs).toBeLessThanOrEqual(row.runMs);
        expect(row.speedupVsSingleThread).toBeGreaterThan(0);
      }
      for (const mode of ['shared', 'transfer'] as const) {
        const [one, ...more] = rows.filter((r) => r.mode === mode);
        // Speedups are against one worker of the same memory mode.
        expect(one.speedup).toBe(1);
        expect(one.efficiency).toBe(1);
        for (const row of [one, ...more]) {
          expect(row.efficiency).toBeCloseTo(row.speedup / row.workers, 12);
          expect(row.coordinatorMsPerMonth).toBeGreaterThan(0);
          expect(row.imbalance).toBeGreaterThanOrEqual(1);
          expect(row.loadMs).toBeGreaterThan(0);
        }
      }
    },
    HOOK_TIMEOUT_MS,
  );
});
