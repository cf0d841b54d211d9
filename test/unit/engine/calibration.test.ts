/**
 * The status quo reproduces the calibration data after a burn-in: every node's share of mine
 * and refinery (and magnet) output per mineral within ±3 percentage points, prices within ±25%
 * of the reference, and the IEA 2024 refining concentration (episodes S1).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { concentration, goodIndexOf, worldPrice } from '../../../src/engine/metrics.ts';
import type { RunResults } from '../../../src/engine/results.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';
import { HOOK_TIMEOUT_MS } from '../../timeouts.ts';

const BURN_IN = 24;
const world = calibratedWorld();
let results: RunResults;

function statusQuo(): RunResults {
  const v = validateScenario({ version: 1, months: BURN_IN + 1 });
  if (!v.ok) throw new Error(v.errors.join('; '));
  return createSimulation(world, v.scenario).run();
}

function share(r: RunResults, month: number, good: number, node: number): number {
  const N = r.meta.nodes.length;
  const G = r.meta.goods.length;
  let total = 0;
  for (let n = 0; n < N; n++) total += r.series.production[(month * G + good) * N + n];
  return r.series.production[(month * G + good) * N + node] / total;
}

beforeAll(() => {
  results = statusQuo();
}, HOOK_TIMEOUT_MS);

describe('status quo after a 24-month burn-in', () => {
  it('keeps every node share of every mineral and stage within ±3 percentage points of the data', () => {
    const misses: string[] = [];
    world.goods.forEach((good, g) => {
      const total = good.output.reduce((a, b) => a + b, 0);
      world.nodes.forEach((node, n) => {
        const target = good.output[n] / total;
        const got = share(results, BURN_IN, g, n);
        if (Math.abs(got - target) > 0.03) {
          misses.push(
            `${good.mineral} ${good.stage} ${node.code}: ${(100 * got).toFixed(1)}% vs ${(100 * target).toFixed(1)}%`,
          );
        }
      });
    });
    expect(misses).toEqual([]);
  });

  it('keeps world prices within ±25% of the reference prices', () => {
    const misses: string[] = [];
    world.goods.forEach((good, g) => {
      const ratio = worldPrice(results, BURN_IN, g) / good.referencePrice;
      if (Math.abs(ratio - 1) > 0.25)
        misses.push(`${good.mineral} ${good.stage}: ${ratio.toFixed(2)} × reference`);
    });
    expect(misses).toEqual([]);
  });

  it("reproduces the IEA 2024 refining concentration: China's share within 3 points, mean top-3 share 84–88%", () => {
    const s1: [string, number, number][] = [
      ['copper', 0.44, 0.572],
      ['lithium', 0.702, 0.961],
      ['nickel', 0.313, 0.778],
      ['cobalt', 0.784, 0.887],
      ['graphite', 0.957, 0.982],
      ['rare_earths', 0.913, 0.97],
    ];
    const chn = results.meta.nodes.indexOf('CHN');
    let top3 = 0;
    for (const [mineral, china] of s1) {
      const g = goodIndexOf(results, mineral, 'refine');
      expect(Math.abs(share(results, BURN_IN, g, chn) - china)).toBeLessThan(0.03);
      top3 += concentration(results, BURN_IN, g).top3.share;
    }
    // Copper: USGS counts DR Congo's refineries, which IEA folds into its rest of world (README, Data).
    expect(top3 / s1.length).toBeGreaterThan(0.84);
    expect(top3 / s1.length).toBeLessThan(0.9);
  });

  it('marks the refining stage of rare earths, graphite and cobalt as highly concentrated (HHI > 1,800)', () => {
    for (const mineral of ['rare_earths', 'graphite', 'cobalt', 'lithium']) {
      expect(concentration(results, BURN_IN, goodIndexOf(results, mineral, 'refine')).hhi).toBeGreaterThan(
        1800,
      );
    }
    expect(concentration(results, BURN_IN, goodIndexOf(results, 'copper', 'mine')).hhi).toBeLessThan(1800);
  });

  it('conserves mass every month', () => {
    for (let m = 0; m <= BURN_IN; m++) expect(results.conservationError[m]).toBeLessThan(1e-9);
  });
});

/**
 * Ten years of the status quo (seeds 1 and 2, 20,000 agents): shares and prices stay near the
 * calibration every month, not only after a burn-in — issue 16's goal of 2 points and 15%.
 * Measured today: shares within 1.0 point and world prices within 14% of the reference (copper
 * ore). At the teaching default of 5,000 agents a node's output is a handful of sites, and one
 * large site moving along its cost curve shifts a small producer's share by up to 2.2 points
 * (docs/model.md, "Behaviour and calibration").
 */
describe('status quo over ten years', () => {
  const runs = [1, 2].map((seed) => {
    const v = validateScenario({ version: 1, months: 120, seed, resolution: 20_000 });
    if (!v.ok) throw new Error(v.errors.join('; '));
    return createSimulation(world, v.scenario).run();
  });

  it('keeps every node’s share within 2 percentage points and every world price within 15%, every month', () => {
    const misses: string[] = [];
    for (const r of runs) {
      world.goods.forEach((good, g) => {
        const total = good.output.reduce((a, b) => a + b, 0);
        for (let m = 0; m < 120; m++) {
          const price = worldPrice(r, m, g) / good.referencePrice;
          if (Math.abs(price - 1) > 0.15)
            misses.push(`${good.mineral}/${good.stage} month ${m}: price ×${price.toFixed(2)}`);
          world.nodes.forEach((node, n) => {
            const gap = Math.abs(share(r, m, g, n) - good.output[n] / total);
            if (gap > 0.02)
              misses.push(
                `${node.code} ${good.mineral}/${good.stage} month ${m}: ${(100 * gap).toFixed(1)} pp`,
              );
          });
        }
      });
    }
    expect(misses.slice(0, 10)).toEqual([]);
  });
});
