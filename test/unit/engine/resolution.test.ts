/**
 * Results at different resolutions agree in aggregate: the teaching resolution (5,000 agents)
 * against 100,000 agents, world output per good within 8% and world prices within 15% at months
 * 12, 24 and 35 (the stratified cost curves and the renewal-process investment keep node totals
 * smooth; the remaining gap comes from the lumpiness of a few large sites in small groups).
 */
import { describe, expect, it } from 'vitest';
import { worldPrice } from '../../../src/engine/metrics.ts';
import { run, sum } from './helpers.ts';

describe('aggregates across resolutions (calibrated world)', () => {
  it('agree between 5,000 and 100,000 agents', () => {
    const small = run({ months: 36, resolution: 5000 });
    const large = run({ months: 36, resolution: 100_000 });
    expect(large.meta.agentCount).toBe(100_000);
    const misses: string[] = [];
    small.meta.goods.forEach((g, i) => {
      for (const m of [12, 24, 35]) {
        const q = sum(small, 'production', m, i) / sum(large, 'production', m, i) - 1;
        const p = worldPrice(small, m, i) / worldPrice(large, m, i) - 1;
        if (Math.abs(q) > 0.08)
          misses.push(`${g.mineral} ${g.stage} month ${m}: output ${(100 * q).toFixed(1)}%`);
        if (Math.abs(p) > 0.15)
          misses.push(`${g.mineral} ${g.stage} month ${m}: price ${(100 * p).toFixed(1)}%`);
      }
    });
    expect(misses).toEqual([]);
  });
});
