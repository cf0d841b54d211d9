import { describe, expect, it } from 'vitest';
import { resultsHash } from '../../../src/engine/hash.ts';
import { STATUS_ACTIVE } from '../../../src/engine/layout.ts';
import { SERIES } from '../../../src/engine/results.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import { fixtureScenario, fixtureWorld } from '../fixtures/world.ts';

const world = fixtureWorld();

function worldSum(series: Float64Array, month: number, good: number, nodes: number, goods: number): number {
  let s = 0;
  for (let n = 0; n < nodes; n++) s += series[(month * goods + good) * nodes + n];
  return s;
}

describe('the single-thread engine on a small world', () => {
  it('conserves every good every month (relative error < 1e-9)', () => {
    const results = createSimulation(world, fixtureScenario({ months: 48 })).run();
    expect(results.monthsDone).toBe(48);
    for (let m = 0; m < 48; m++) expect(results.conservationError[m]).toBeLessThan(1e-9);
  });

  it('starts at the calibration: output and consumption at month 0 match the data', () => {
    const results = createSimulation(world, fixtureScenario({ months: 1 })).run();
    const G = world.goods.length;
    const N = world.nodes.length;
    world.goods.forEach((good, g) => {
      // A stage without final buyers also fills its buyers' stocks, which grow with demand.
      const monthly = (1 + world.minerals[good.mineralIndex].demandGrowth) ** (1 / 12) - 1;
      const fillsStocks = good.finalDemand.some((d) => d > 0)
        ? 1
        : 1 + monthly * (good.producerCover + good.buyerCover);
      const target = (fillsStocks * good.output.reduce((a, b) => a + b, 0)) / 12;
      expect(worldSum(results.series.production, 0, g, N, G) / target).toBeCloseTo(1, 2);
      const demand = good.finalDemand.reduce((a, b) => a + b, 0) / 12;
      if (demand > 0) expect(worldSum(results.series.demand, 0, g, N, G) / demand).toBeCloseTo(1, 1);
    });
  });

  it('gives bit-identical results for the same seed, and different ones for another seed', () => {
    const a = createSimulation(world, fixtureScenario({ months: 24, seed: 7 })).run();
    const b = createSimulation(world, fixtureScenario({ months: 24, seed: 7 })).run();
    const c = createSimulation(world, fixtureScenario({ months: 24, seed: 8 })).run();
    expect(resultsHash(a)).toBe(resultsHash(b));
    for (const name of SERIES) expect(Array.from(a.series[name])).toEqual(Array.from(b.series[name]));
    expect(resultsHash(c)).not.toBe(resultsHash(a));
  });

  it('agrees in aggregate across resolutions (2,000 vs 40,000 agents, within 3%)', () => {
    const small = createSimulation(world, fixtureScenario({ months: 36, resolution: 2000 })).run();
    const large = createSimulation(world, fixtureScenario({ months: 36, resolution: 40_000 })).run();
    const G = world.goods.length;
    const N = world.nodes.length;
    for (let g = 0; g < G; g++) {
      for (const m of [12, 35]) {
        const qs = worldSum(small.series.production, m, g, N, G);
        const ql = worldSum(large.series.production, m, g, N, G);
        expect(Math.abs(qs / ql - 1)).toBeLessThan(0.03);
      }
    }
  });

  it('keeps every agent quantity finite and non-negative', () => {
    const sim = createSimulation(
      world,
      fixtureScenario({
        months: 36,
        exportControls: [{ exporter: 'CHN', mineral: 'alpha', stage: 'refine', kind: 'ban', start: 6 }],
      }),
    );
    sim.run();
    const c = sim.columns;
    for (const column of [
      c.capacity,
      c.stockOut,
      c.stockIn,
      c.produced,
      c.offered,
      c.inputBid,
      c.pendingCapacity,
    ]) {
      for (let a = 0; a < c.count; a++) {
        expect(Number.isFinite(column[a])).toBe(true);
        expect(column[a]).toBeGreaterThanOrEqual(0);
      }
    }
    expect(c.status.some((s) => s === STATUS_ACTIVE)).toBe(true);
  });

  it('refuses to run past the scenario length', () => {
    const sim = createSimulation(world, fixtureScenario({ months: 2 }));
    sim.run();
    expect(() => sim.step()).toThrow(/complete/);
  });
});
