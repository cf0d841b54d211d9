/**
 * The Chromium scaling bench (test/bench/parallelBrowser.ts) runs at its smallest on the built
 * bench page: every row it prints is there, each run used the memory its page allows, its
 * engines ran every month, and the page reported no error. A bench that throws or times no
 * months would otherwise go unseen until someone runs `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { bench } from '../bench/parallelBrowser.ts';
import { HOOK_TIMEOUT_MS } from '../timeouts.ts';

describe('parallel browser bench', () => {
  it(
    'runs 1, 2 and 4 workers on an isolated page and 1 and 2 without the headers',
    async () => {
      const report = await bench({ quick: true, smoke: true });
      expect(report.pageProblems).toEqual([]);
      expect(report.rows.map((r) => `${r.isolated} ${r.sharedMemory} ${r.workers}`)).toEqual([
        'true true 1',
        'true true 2',
        'true true 4',
        'false false 1',
        'false false 2',
      ]);
      for (const row of report.rows) {
        expect(row.monthsTimed).toBe(report.months);
        expect(row.runMs).toBeGreaterThan(0);
        expect(row.loadMs).toBeGreaterThan(0);
        expect(row.coordinatorMsPerMonth).toBeGreaterThan(0);
        expect(row.efficiency).toBeCloseTo(row.speedup / row.workers, 12);
        expect(row.longTasks).toBeGreaterThanOrEqual(0);
      }
      expect(report.rows.filter((r) => r.workers === 1).map((r) => r.speedup)).toEqual([1, 1]);
    },
    HOOK_TIMEOUT_MS,
  );
});
