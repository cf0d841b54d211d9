/**
 * Markets under export controls: the textbook facts a trade economist checks first, each with
 * its tolerance (calibrated world, 3,000 agents, seed 1, against the status quo with the same
 * seed). docs/model.md, "Restrictions, scarcity and recovery", states the rules these test.
 */
import { describe, expect, it } from 'vitest';
import { welfareChange } from '../../../src/analysis/welfare.ts';
import { resultsHash } from '../../../src/engine/hash.ts';
import { consumerPrice, goodIndexOf, worldPrice } from '../../../src/engine/metrics.ts';
import type { RunResults } from '../../../src/engine/results.ts';
import type { ScenarioInput } from '../../../src/scenario/schema.ts';
import { run, sum, value, world } from './helpers.ts';

const months = 48;
const settings = { months, resolution: 3000, seed: 1 };
const base = run(settings);
const with_ = (input: Partial<ScenarioInput>) => run({ ...settings, ...input });
const others = (r: RunResults, not: string) => r.meta.nodes.filter((c) => c !== not);

const ree = goodIndexOf(base, 'rare_earths', 'refine');
const reeControl = { exporter: 'CHN', mineral: 'rare_earths', stage: 'refine', start: 6, end: 30 } as const;
/** Half of China's status-quo exports of separated rare earths, t/month. */
const halfOfExports = 0.5 * value(base, 'exports', 5, ree, 'CHN');

describe('a binding export quota', () => {
  const quota = with_({
    exportControls: [{ ...reeControl, kind: 'quota', quotaTonnesPerMonth: halfOfExports }],
  });

  it('raises the price outside and lowers it inside', () => {
    const outside = (r: RunResults, m: number) => consumerPrice(r, m, ree, others(r, 'CHN'));
    expect(outside(quota, 12) / outside(base, 12)).toBeGreaterThan(1.2);
    expect(value(quota, 'price', 12, ree, 'CHN') / value(base, 'price', 12, ree, 'CHN')).toBeLessThan(0.95);
  });

  it('holds exports to the quota and puts the rent in the accounts, at its holder', () => {
    expect(value(quota, 'exports', 12, ree, 'CHN')).toBeLessThanOrEqual(halfOfExports * (1 + 1e-9));
    const rent = value(quota, 'controlRent', 12, ree, 'CHN');
    expect(rent).toBeGreaterThan(0);
    // Held by the exporting firms (the default): in their revenue, not in any government's.
    expect(sum(quota, 'rentRevenue', 12, ree)).toBe(0);
    expect(value(quota, 'exportPrice', 12, ree, 'CHN')).toBeGreaterThan(
      1.2 * value(quota, 'price', 12, ree, 'CHN'),
    );
    const state = with_({
      exportControls: [
        { ...reeControl, kind: 'quota', quotaTonnesPerMonth: halfOfExports, rentHolder: 'exporter-state' },
      ],
    });
    expect(value(state, 'rentRevenue', 12, ree, 'CHN')).toBeCloseTo(
      value(state, 'controlRent', 12, ree, 'CHN'),
      6,
    );
    const importers = with_({
      exportControls: [
        { ...reeControl, kind: 'quota', quotaTonnesPerMonth: halfOfExports, rentHolder: 'importers' },
      ],
    });
    expect(value(importers, 'rentRevenue', 12, ree, 'CHN')).toBe(0);
    expect(sum(importers, 'rentRevenue', 12, ree, others(importers, 'CHN'))).toBeCloseTo(
      value(importers, 'controlRent', 12, ree, 'CHN'),
      6,
    );
    // The rent shows in the world's welfare as revenue when a government or importers hold it.
    expect(welfareChange(base, importers, { mineral: 'rare_earths' }).revenue).toBeGreaterThan(0);
  });

  it('melts its rent away once it stops binding', () => {
    expect(value(quota, 'controlRent', 40, ree, 'CHN')).toBe(0);
  });
});

describe('a ban and a quota of 0 t', () => {
  it('are the same policy and give the same results', () => {
    const ban = with_({ exportControls: [{ ...reeControl, kind: 'ban' }] });
    const zero = with_({ exportControls: [{ ...reeControl, kind: 'quota', quotaTonnesPerMonth: 0 }] });
    expect(resultsHash(zero)).toBe(resultsHash(ban));
    expect(value(ban, 'exports', 12, ree, 'CHN')).toBe(0);
    expect(worldPrice(ban, 12, ree)).not.toBe(worldPrice(base, 12, ree));
  });
});

describe('a licence regime', () => {
  const licence = with_({
    exportControls: [{ ...reeControl, kind: 'licence', approvalShare: 0.5, licenceDelayMonths: 1 }],
  });
  const exportsRatio = (m: number) =>
    value(licence, 'exports', m, ree, 'CHN') / value(base, 'exports', m, ree, 'CHN');

  it('cuts the exported volume at once, and the cut shrinks as approvals arrive', () => {
    expect(exportsRatio(6)).toBeLessThan(0.05);
    expect(exportsRatio(7)).toBeLessThan(0.7);
    expect(exportsRatio(10)).toBeGreaterThan(exportsRatio(7) + 0.15);
  });

  it('books exports when they ship: nothing leaves while applications are processed', () => {
    expect(value(licence, 'exports', 6, ree, 'CHN')).toBe(0);
    expect(value(licence, 'exports', 5, ree, 'CHN')).toBe(value(base, 'exports', 5, ree, 'CHN'));
  });

  it('applies to the destinations it names only (a ban to the US alone)', () => {
    const usOnly = with_({ exportControls: [{ ...reeControl, kind: 'ban', destinations: ['USA'] }] });
    let toUs = 0;
    let elsewhere = 0;
    const [chn, usa] = [usOnly.meta.nodes.indexOf('CHN'), usOnly.meta.nodes.indexOf('USA')];
    const keys = usOnly.flowKeys[12];
    const N = usOnly.meta.nodes.length;
    keys.forEach((k, f) => {
      const good = Math.floor(k / (N * N));
      const pair = k % (N * N);
      if (good !== ree || Math.floor(pair / N) !== chn || pair % N === chn) return;
      if (pair % N === usa) toUs += usOnly.flowTonnes[12][f];
      else elsewhere += usOnly.flowTonnes[12][f];
    });
    expect(toUs).toBe(0);
    expect(elsewhere).toBeGreaterThan(0);
  });
});

describe('a ban that ends (the DR Congo suspends cobalt exports for a year)', () => {
  const co = goodIndexOf(base, 'cobalt', 'mine');
  const refined = goodIndexOf(base, 'cobalt', 'refine');
  const ban = with_({
    exportControls: [{ exporter: 'COD', mineral: 'cobalt', stage: 'mine', kind: 'ban', start: 6, end: 18 }],
  });
  const ratio = (m: number) => worldPrice(ban, m, refined) / worldPrice(base, m, refined);

  it('never records a negative quantity (rounding of a stock sold whole is clamped at zero)', () => {
    for (const r of [base, ban]) {
      for (const name of ['stocks', 'production', 'consumption', 'exports', 'imports', 'capacity'] as const) {
        let lowest = 0;
        for (const x of r.series[name]) if (x < lowest) lowest = x;
        expect(lowest, name).toBe(0);
      }
      for (const x of r.stockpileTonnes) expect(x).toBeGreaterThanOrEqual(0);
    }
  });

  it('spikes the refined price while it lasts', () => {
    expect(Math.max(...[12, 14, 16, 18].map(ratio))).toBeGreaterThan(1.5);
  });

  it('is followed by prices that return toward the status quo', () => {
    const peak = Math.max(...Array.from({ length: 14 }, (_, i) => ratio(6 + i)));
    expect(Math.abs(ratio(months - 1) - 1)).toBeLessThan(0.35 * (peak - 1));
    expect(ratio(months - 1)).toBeLessThan(1.35);
  });

  it('leaves the banning country its mines: capacity is idled and restarted, not destroyed', () => {
    // Eighteen months after the ban ends.
    expect(value(ban, 'capacity', 36, co, 'COD')).toBeGreaterThan(
      0.85 * value(base, 'capacity', 36, co, 'COD'),
    );
    expect(value(ban, 'production', 36, co, 'COD')).toBeGreaterThan(
      0.7 * value(base, 'production', 36, co, 'COD'),
    );
  });

  it('keeps welfare in proportion to the market: the world loses less than four years of the market’s value', () => {
    // Annual value of refined cobalt at reference prices, USD.
    const annual =
      world.goods[refined].output.reduce((a, b) => a + b, 0) * world.goods[refined].referencePrice;
    const change = welfareChange(base, ban, { mineral: 'cobalt' });
    expect(Number.isFinite(change.total)).toBe(true);
    // A year without three quarters of the world's ore, and the years of recovery after it.
    expect(Math.abs(change.consumerSurplus)).toBeLessThan(4 * annual);
    expect(Math.abs(change.total)).toBeLessThan(4 * annual);
  });
});

describe('spare capacity', () => {
  it('makes a control on a stage with ample capacity elsewhere move prices far less than one on a stage with none', () => {
    const rise = (mineral: string) => {
      const good = goodIndexOf(base, mineral, 'refine');
      const r = with_({
        exportControls: [{ exporter: 'CHN', mineral, stage: 'refine', kind: 'ban', start: 6 }],
      });
      const outside = (x: RunResults) => consumerPrice(x, 12, good, others(x, 'CHN'));
      return outside(r) / outside(base) - 1;
    };
    // Nickel: China refines about 31% and Indonesia, with idle capacity, 43%. Gallium: China 99%.
    expect(rise('nickel')).toBeLessThan(0.25 * rise('gallium'));
  });
});

describe('an announced control', () => {
  it('raises buyers’ stocks and prices between the announcement and the start, and they draw stocks down after', () => {
    const control = { ...reeControl, kind: 'ban' as const, start: 12, end: 24 };
    const announced = with_({ exportControls: [{ ...control, announced: 6 }] });
    const surprise = with_({ exportControls: [control] });
    const buyers = others(base, 'CHN');
    expect(sum(announced, 'stocks', 11, ree, buyers)).toBeGreaterThan(
      1.1 * sum(surprise, 'stocks', 11, ree, buyers),
    );
    expect(worldPrice(announced, 11, ree)).toBeGreaterThan(1.02 * worldPrice(surprise, 11, ree));
    expect(sum(announced, 'stocks', 15, ree, buyers)).toBeLessThan(sum(announced, 'stocks', 11, ree, buyers));
  });
});

describe('the starting structure and stocks', () => {
  it('a capacity override sets a node’s starting share of the world, the world total unchanged', () => {
    const r = with_({
      months: 1,
      capacityOverrides: [{ node: 'USA', mineral: 'rare_earths', stage: 'refine', worldShare: 0.2 }],
    });
    const short = run({ ...settings, months: 1 });
    expect(value(r, 'production', 0, ree, 'USA') / sum(r, 'production', 0, ree)).toBeCloseTo(0.2, 1);
    expect(sum(r, 'production', 0, ree) / sum(short, 'production', 0, ree)).toBeCloseTo(1, 1);
  });

  it('starting stocks set in months of cover are held at the start', () => {
    const r = with_({
      months: 1,
      startingStocks: [
        { scope: 'world', mineral: 'rare_earths', stage: 'refine', producerMonths: 6, buyerMonths: 6 },
      ],
    });
    const short = run({ ...settings, months: 1 });
    expect(sum(r, 'stocks', 0, ree)).toBeGreaterThan(2 * sum(short, 'stocks', 0, ree));
  });
});
