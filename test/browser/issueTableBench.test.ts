/**
 * The speed table's bench (test/bench/issueTable.ts, `npm run bench -- table`) runs at its
 * smallest on the built app: every row of issue 14's table is there with a figure, the cold
 * load's marks come in the order the page sets them, the paced run keeps its pace, and each
 * measure timed something. A bench that throws, or a mark the app stopped setting, would
 * otherwise go unseen until someone runs `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { bench } from '../bench/issueTable.ts';
import { HOOK_TIMEOUT_MS } from '../timeouts.ts';

describe('speed table bench', () => {
  it(
    'measures every row of the table, each beside its goal',
    async () => {
      const { rows, raw } = await bench({ quick: true, smoke: true });
      expect(rows).toHaveLength(8);
      for (const row of rows) {
        expect(row.today).not.toBe('–');
        expect(row.today).not.toMatch(/NaN|Infinity|–/);
        expect(row.goal).toMatch(/[≤≥±]/);
      }
      const cold = raw.cold!;
      const m = cold.marks;
      // The page's marks, in the order the boot sets them (from navigation start, ms).
      expect(m.modules).toBeGreaterThan(0);
      expect(m.appBuilt).toBeGreaterThanOrEqual(m.modules);
      expect(m.firstMonthFrame).toBeGreaterThanOrEqual(m.clicked);
      expect(m.firstMonthDrawn).toBeGreaterThanOrEqual(m.firstMonthFrame);
      expect(m.firstMonthOnScreen).toBeGreaterThanOrEqual(m.firstMonthDrawn);
      expect(m.firstMonthRead).toBeGreaterThanOrEqual(m.firstMonthOnScreen);
      expect(cold.totalMs).toBe(m.firstMonthOnScreen);
      expect(raw.coldLoads).toEqual([cold.totalMs]);
      // The visitor's load: Run pressed a while later, its first month drawn after the click.
      expect(raw.visitorClicks).toHaveLength(1);
      expect(raw.visitorClicks[0]).toBeGreaterThan(0);
      expect(cold.coordinatorFetches).toBe(1);
      // 120 months at 12 a second: month k is due k / 12 s after the start.
      expect(raw.paced).toBeGreaterThanOrEqual((119 / 12) * 1000);
      for (const ms of [...raw.atMax, raw.nodeMs, raw.simBundled, raw.simTsx, raw.probe1, raw.probe2])
        expect(ms).toBeGreaterThan(0);
      for (const run of [raw.coordinator, raw.otherMarkets, raw.one, raw.two]) {
        expect(run.runMs).toBeGreaterThan(0);
        expect(run.coordinatorMsPerMonth).toBeGreaterThan(0);
      }
      expect(raw.streamRatio).toBeGreaterThan(0);
      expect(raw.firstLoad.files.length).toBeGreaterThan(0);
      expect(raw.firstLoad.gzip).toBeGreaterThan(0);
    },
    HOOK_TIMEOUT_MS,
  );
});
