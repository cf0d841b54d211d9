/**
 * Every lever of the scenario reaches the engine and moves the result it should move
 * (calibrated world, 2,000 agents, 30 months, against the status quo with the same seed).
 */
import { describe, expect, it } from 'vitest';
import { forEachFlow, goodIndexOf, total } from '../../../src/engine/metrics.ts';
import type { RunResults } from '../../../src/engine/results.ts';
import { distanceMatrix } from '../../../src/engine/world.ts';
import type { Scenario, ScenarioInput } from '../../../src/scenario/schema.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { run, sum, value, world } from './helpers.ts';

const months = 30;
const settings = { months, resolution: 2000 };
const base = run(settings);
const with_ = (input: Partial<ScenarioInput>) => run({ ...settings, ...input });
const g = (r: RunResults, mineral: string, stage: string) => goodIndexOf(r, mineral, stage);
const zone = { id: 'z', name: 'US and Japan', members: ['USA', 'JPN'] };
const validScenario = (input: Partial<ScenarioInput>): Scenario => {
  const checked = validateScenario({ version: 1, ...input });
  if (!checked.ok) throw new Error(checked.errors.join('; '));
  return checked.scenario;
};

describe('every lever changes the run', () => {
  it('zones with a common external tariff collect tariff revenue', () => {
    const r = with_({ zones: [{ ...zone, externalTariff: 0.2 }] });
    expect(total(r, 'tariffRevenue', { members: ['USA', 'JPN'] })).toBeGreaterThan(
      total(base, 'tariffRevenue', { members: ['USA', 'JPN'] }),
    );
  });

  it('an MFN tariff raises the importer’s landed price and revenue', () => {
    const r = with_({ tariffs: [{ importer: 'JPN', mineral: 'cobalt', stage: 'refine', rate: 0.25 }] });
    const c = g(r, 'cobalt', 'refine');
    expect(value(r, 'buyerPrice', 12, c, 'JPN')).toBeGreaterThan(value(base, 'buyerPrice', 12, c, 'JPN'));
    expect(value(r, 'tariffRevenue', 12, c, 'JPN')).toBeGreaterThan(0);
  });

  it('an EU tariff applies to every EU member alike', () => {
    const r = with_({
      tariffs: [{ importer: 'EU', exporter: 'CHN', mineral: 'graphite', stage: 'refine', rate: 0.3 }],
    });
    const gr = g(r, 'graphite', 'refine');
    for (const member of ['DEU', 'FRA', 'EUR', 'POL'])
      expect(value(r, 'tariffRevenue', 12, gr, member)).toBeGreaterThan(0);
    expect(value(r, 'tariffRevenue', 12, gr, 'GBR')).toBe(0);
  });

  it('a price floor levies the gap between the floor and the landed cost on imports from outside the zone', () => {
    // No tariffs, so a route's landed cost before the levy is the origin price plus transport.
    const scenario = validScenario({
      ...settings,
      tariffs: [],
      zones: [zone],
      priceFloors: [{ zone: 'z', mineral: 'cobalt', stage: 'refine', floor: 40_000 }],
    });
    const r = with_(scenario);
    const c = g(r, 'cobalt', 'refine');
    const km = distanceMatrix(world.nodes);
    const { freightUsdPerTonneKm, handlingUsdPerTonne } = scenario.market;
    const N = r.meta.nodes.length;
    const inZone = r.meta.nodes.map((code) => zone.members.includes(code));
    let expected = 0;
    for (let m = 0; m < months; m++) {
      forEachFlow(r, m, c, (i, j, tonnes) => {
        if (!inZone[j] || inZone[i]) return;
        const landed =
          value(r, 'price', m, c, r.meta.nodes[i]) +
          km[i * N + j] * freightUsdPerTonneKm +
          handlingUsdPerTonne;
        expected += tonnes * Math.max(0, 40_000 - landed);
      });
    }
    const collected = total(r, 'levyRevenue', { mineral: 'cobalt' });
    expect(expected).toBeGreaterThan(0);
    expect(Math.abs(collected - expected) / expected).toBeLessThan(1e-9);
  });

  it('a price-gap subsidy pays producers, within its budget', () => {
    const r = with_({
      priceGapSubsidies: [
        { scope: 'AUS', mineral: 'lithium', stage: 'mine', referencePrice: 60_000, budgetUsd: 1e9 },
      ],
    });
    const spent = total(r, 'subsidySpend');
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(1e9 * (1 + 1e-12));
  });

  it('export controls: a ban stops exports, a quota caps them, a licence charges a fee and delays', () => {
    const ni = g(base, 'nickel', 'mine');
    const ban = with_({
      exportControls: [{ exporter: 'PHL', mineral: 'nickel', stage: 'mine', kind: 'ban' }],
    });
    expect(value(ban, 'exports', 6, ni, 'PHL')).toBe(0);
    const quota = with_({
      exportControls: [
        { exporter: 'PHL', mineral: 'nickel', stage: 'mine', kind: 'quota', quotaTonnesPerMonth: 5000 },
      ],
    });
    expect(value(quota, 'exports', 6, ni, 'PHL')).toBeLessThanOrEqual(5000 * (1 + 1e-9));
    expect(value(base, 'exports', 6, ni, 'PHL')).toBeGreaterThan(5000);
    const licence = with_({
      exportControls: [
        {
          exporter: 'PHL',
          mineral: 'nickel',
          stage: 'mine',
          kind: 'licence',
          licenceFee: 0.1,
          licenceDelayMonths: 3,
        },
      ],
    });
    expect(value(licence, 'feeRevenue', 6, ni, 'PHL')).toBeGreaterThan(0);
    const exempt = with_({
      exportControls: [{ exporter: 'PHL', mineral: 'nickel', stage: 'mine', kind: 'ban', exempt: ['CHN'] }],
    });
    expect(value(exempt, 'exports', 6, ni, 'PHL')).toBeGreaterThan(0);
  });

  it('an offtake pays its agreed price to the seller', () => {
    const r = with_({
      offtakes: [
        {
          buyer: 'USA',
          seller: 'MYS',
          mineral: 'rare_earths',
          stage: 'refine',
          share: 0.5,
          priceUsdPerTonne: 40_000,
        },
      ],
    });
    const re = g(r, 'rare_earths', 'refine');
    expect(value(r, 'revenue', 12, re, 'MYS') / value(r, 'production', 12, re, 'MYS')).toBeGreaterThan(
      value(base, 'revenue', 12, re, 'MYS') / value(base, 'production', 12, re, 'MYS'),
    );
  });

  it('a stockpile buys within its budget and holds tonnes', () => {
    const r = with_({
      stockpiles: [
        {
          name: 's',
          holder: 'USA',
          mineral: 'cobalt',
          stage: 'refine',
          budgetUsd: 5e8,
          buyBelowUsd: 1e6,
          releaseAboveUsd: 2e6,
          maxBuyTonnesPerMonth: 1000,
          maxReleaseTonnesPerMonth: 1000,
        },
      ],
    });
    expect(r.stockpileTonnes[(months - 1) * 1]).toBeGreaterThan(0);
    expect(total(r, 'stockpilePurchases')).toBeLessThanOrEqual(5e8 * (1 + 1e-9));
  });

  it('a supply shock cuts the node’s capacity for its period', () => {
    const r = with_({
      shocks: [{ node: 'COD', mineral: 'cobalt', stage: 'mine', capacityLoss: 0.5, start: 6, end: 18 }],
    });
    const co = g(r, 'cobalt', 'mine');
    expect(value(r, 'capacity', 10, co, 'COD')).toBeLessThan(0.6 * value(base, 'capacity', 10, co, 'COD'));
    expect(value(r, 'capacity', 4, co, 'COD')).toBe(value(base, 'capacity', 4, co, 'COD'));
  });

  it('demand growth, permitting, investment support and projects change demand and capacity', () => {
    const cu = g(base, 'copper', 'refine');
    const growth = with_({ demandGrowth: [{ mineral: 'copper', ratePerYear: 0.3 }] });
    expect(sum(growth, 'demand', months - 1, cu)).toBeGreaterThan(1.3 * sum(base, 'demand', months - 1, cu));
    const mag = g(base, 'rare_earths', 'magnet');
    const pushed = with_({
      demandGrowth: [{ mineral: 'rare_earths', ratePerYear: 0.5 }],
      permitting: [{ scope: 'world', mineral: 'rare_earths', buildLagMonths: 6 }],
      investmentSupport: [{ scope: 'world', mineral: 'rare_earths', stage: 'magnet', hurdleReduction: 0.25 }],
    });
    const slow = with_({
      demandGrowth: [{ mineral: 'rare_earths', ratePerYear: 0.5 }],
      permitting: [{ scope: 'world', mineral: 'rare_earths', buildLagMonths: 120 }],
    });
    expect(sum(pushed, 'capacity', months - 1, mag)).toBeGreaterThan(sum(slow, 'capacity', months - 1, mag));
    expect(total(pushed, 'supportSpend')).toBeGreaterThan(0);
    const project = with_({
      projects: [
        {
          name: 'new plant',
          node: 'USA',
          mineral: 'rare_earths',
          stage: 'magnet',
          capacityTonnesPerYear: 10_000,
          unitCostUsdPerTonne: 50_000,
          startMonth: 12,
        },
      ],
    });
    expect(value(project, 'capacity', 11, mag, 'USA')).toBe(value(base, 'capacity', 11, mag, 'USA'));
    expect(value(project, 'capacity', 13, mag, 'USA')).toBeGreaterThan(
      value(base, 'capacity', 13, mag, 'USA') + 10_000 / 12 - 1,
    );
  });

  it('recycling adds secondary refined supply', () => {
    const r = with_({ recycling: [{ scope: 'world', mineral: 'cobalt', share: 0.2, lagMonths: 0 }] });
    const co = g(r, 'cobalt', 'refine');
    expect(sum(r, 'production', 12, co, ['USA', 'JPN', 'DEU'])).toBeGreaterThan(
      sum(base, 'production', 12, co, ['USA', 'JPN', 'DEU']),
    );
  });

  it('a standard makes the zone buy from compliant origins', () => {
    const r = with_({
      zones: [zone],
      standards: [
        {
          zone: 'z',
          mineral: 'lithium',
          stage: 'refine',
          requiredShare: 0.6,
          compliantOrigins: ['CHL', 'ARG', 'AUS'],
        },
      ],
    });
    const li = g(r, 'lithium', 'refine');
    const fromCompliant = (x: RunResults) => {
      let t = 0;
      const N = x.meta.nodes.length;
      x.flowKeys[12].forEach((k, f) => {
        if (Math.floor(k / (N * N)) !== li) return;
        const pair = k % (N * N);
        if (
          ['CHL', 'ARG', 'AUS'].includes(x.meta.nodes[Math.floor(pair / N)]) &&
          ['USA', 'JPN'].includes(x.meta.nodes[pair % N])
        )
          t += x.flowTonnes[12][f];
      });
      return t;
    };
    expect(fromCompliant(r)).toBeGreaterThan(fromCompliant(base) * 1.2);
  });

  it('elasticities and market settings change prices and trade', () => {
    const li = g(base, 'lithium', 'refine');
    // A supply shock moves the price; how far demand follows is the elasticity.
    const shock = { node: 'CHN', mineral: 'lithium', stage: 'refine', capacityLoss: 0.6, start: 3 };
    const elastic = with_({ elasticities: { demand: -1.5, demandLongRun: -1.5 }, shocks: [shock] });
    const inelastic = with_({ elasticities: { demand: -0.05, demandLongRun: -0.05 }, shocks: [shock] });
    expect(sum(elastic, 'demand', months - 1, li)).toBeLessThan(sum(inelastic, 'demand', months - 1, li));
    const freight = with_({ market: { freightUsdPerTonneKm: 0.5 } });
    expect(sum(freight, 'exports', 12, g(base, 'manganese', 'mine'))).toBeLessThan(
      sum(base, 'exports', 12, g(base, 'manganese', 'mine')),
    );
    // A tariff on one origin: the more substitutable origins are, the more Japan buys elsewhere.
    const onChina = [{ importer: 'JPN', exporter: 'CHN', rate: 0.5 }];
    const sigma = with_({ elasticities: { substitution: 0.5 }, tariffs: onChina });
    const sharp = with_({ elasticities: { substitution: 20 }, tariffs: onChina });
    const fromChina = (r: RunResults) => {
      let t = 0;
      const [chn, jpn] = [r.meta.nodes.indexOf('CHN'), r.meta.nodes.indexOf('JPN')];
      forEachFlow(r, 12, li, (i, j, tonnes) => {
        if (i === chn && j === jpn) t += tonnes;
      });
      return t;
    };
    expect(fromChina(sigma)).toBeGreaterThan(0);
    expect(fromChina(sharp)).toBeLessThan(0.5 * fromChina(sigma));
  });
});
