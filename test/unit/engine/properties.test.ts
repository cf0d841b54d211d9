/**
 * Property tests: random valid scenarios (every lever, random windows and values) on the small
 * world never produce a negative or non-finite quantity, stock or price, and always conserve mass.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SERIES, type SeriesName } from '../../../src/engine/results.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import type { ScenarioInput } from '../../../src/scenario/schema.ts';
import { fixtureCatalog, fixtureScenario, fixtureWorld } from '../fixtures/world.ts';

const world = fixtureWorld();
const nodes = fixtureCatalog.nodes.map((n) => n.code);
const goods = world.goods.map((g) => ({ mineral: g.mineral, stage: g.stage }));
const MONTHS = 24;

const node = fc.constantFrom(...nodes);
const good = fc.constantFrom(...goods);
const window = fc
  .tuple(
    fc.integer({ min: 0, max: MONTHS }),
    fc.option(fc.integer({ min: 1, max: MONTHS + 6 }), { nil: null }),
  )
  .map(([start, length]) => ({ start, end: length === null ? null : start + length }));
const members = fc.subarray(nodes, { minLength: 1 });

const scenarioArbitrary: fc.Arbitrary<ScenarioInput> = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    zone: fc.option(fc.record({ members, internalTariff: fc.double({ min: 0, max: 0.5, noNaN: true }) }), {
      nil: undefined,
    }),
    tariffs: fc.array(
      fc.record({
        importer: node,
        exporter: fc.oneof(node, fc.constant('all')),
        rate: fc.double({ min: 0, max: 2, noNaN: true }),
        window,
      }),
      { maxLength: 3 },
    ),
    floors: fc.array(fc.record({ good, multiple: fc.double({ min: 0.5, max: 3, noNaN: true }), window }), {
      maxLength: 2,
    }),
    subsidies: fc.array(
      fc.record({
        good,
        scope: node,
        multiple: fc.double({ min: 0.5, max: 3, noNaN: true }),
        budget: fc.option(fc.double({ min: 0, max: 1e10, noNaN: true }), { nil: null }),
        window,
      }),
      { maxLength: 2 },
    ),
    controls: fc.array(
      fc.record({
        exporter: node,
        good,
        kind: fc.constantFrom('ban' as const, 'quota' as const, 'licence' as const),
        quota: fc.double({ min: 0, max: 1e5, noNaN: true }),
        delay: fc.integer({ min: 0, max: 24 }),
        fee: fc.double({ min: 0, max: 2, noNaN: true }),
        exempt: fc.subarray(nodes),
        window,
      }),
      { maxLength: 3 },
    ),
    offtakes: fc.array(
      fc.record({
        buyer: node,
        seller: node,
        good,
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        multiple: fc.double({ min: 0.2, max: 4, noNaN: true }),
        window,
      }),
      { maxLength: 2 },
    ),
    stockpiles: fc.array(
      fc.record({
        holder: node,
        good,
        budget: fc.double({ min: 0, max: 1e10, noNaN: true }),
        initial: fc.double({ min: 0, max: 1e5, noNaN: true }),
        buy: fc.double({ min: 0.3, max: 1.5, noNaN: true }),
        gap: fc.double({ min: 0.01, max: 2, noNaN: true }),
        maxBuy: fc.double({ min: 0, max: 1e4, noNaN: true }),
        maxRelease: fc.double({ min: 0, max: 1e4, noNaN: true }),
        window,
      }),
      { maxLength: 2 },
    ),
    shocks: fc.array(fc.record({ node, good, loss: fc.double({ min: 0, max: 1, noNaN: true }), window }), {
      maxLength: 2,
    }),
    growth: fc.array(
      fc.record({
        scope: fc.oneof(node, fc.constant('world')),
        rate: fc.double({ min: -0.5, max: 2, noNaN: true }),
        window,
      }),
      { maxLength: 2 },
    ),
    permitting: fc.array(
      fc.record({
        scope: fc.oneof(node, fc.constant('world')),
        lag: fc.integer({ min: 1, max: 120 }),
        window,
      }),
      { maxLength: 2 },
    ),
    support: fc.array(
      fc.record({
        scope: fc.oneof(node, fc.constant('world')),
        cut: fc.double({ min: 0, max: 1, noNaN: true }),
        window,
      }),
      { maxLength: 2 },
    ),
    projects: fc.array(
      fc.record({
        node,
        good,
        capacity: fc.double({ min: 1, max: 1e5, noNaN: true }),
        cost: fc.double({ min: 0.1, max: 3, noNaN: true }),
        start: fc.integer({ min: 0, max: MONTHS }),
      }),
      { maxLength: 2 },
    ),
    recycling: fc.array(
      fc.record({
        scope: fc.oneof(node, fc.constant('world')),
        mineral: fc.constantFrom('alpha', 'beta'),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        lag: fc.integer({ min: 0, max: 24 }),
        window,
      }),
      { maxLength: 2 },
    ),
    standards: fc.array(
      fc.record({
        good,
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        compliant: fc.subarray(nodes),
        window,
      }),
      { maxLength: 1 },
    ),
    demand: fc.double({ min: -3, max: 0, noNaN: true }),
    substitution: fc.double({ min: 0.1, max: 30, noNaN: true }),
    priceAdjustment: fc.double({ min: 0.005, max: 1, noNaN: true }),
  })
  .map((r) => {
    const price = (g: { mineral: string; stage: string }) =>
      world.goods.find((x) => x.mineral === g.mineral && x.stage === g.stage)!.referencePrice;
    const zones = r.zone
      ? [{ id: 'z', name: 'zone', members: [...r.zone.members], internalTariff: r.zone.internalTariff }]
      : [];
    return {
      version: 1,
      seed: r.seed,
      months: MONTHS,
      resolution: 2000,
      zones,
      tariffs: r.tariffs.map((t) => ({
        importer: t.importer === 'DEU' ? 'EU' : t.importer,
        exporter: t.exporter,
        rate: t.rate,
        ...t.window,
      })),
      priceFloors: zones.length
        ? r.floors.map((f) => ({ zone: 'z', ...f.good, floor: price(f.good) * f.multiple, ...f.window }))
        : [],
      priceGapSubsidies: r.subsidies.map((s) => ({
        scope: s.scope,
        ...s.good,
        referencePrice: price(s.good) * s.multiple,
        budgetUsd: s.budget,
        ...s.window,
      })),
      exportControls: r.controls.map((c) => ({
        exporter: c.exporter,
        ...c.good,
        kind: c.kind,
        quotaTonnesPerMonth: c.quota,
        licenceDelayMonths: c.delay,
        licenceFee: c.fee,
        exempt: c.exempt,
        ...c.window,
      })),
      offtakes: r.offtakes.map((o) => ({
        buyer: o.buyer,
        seller: o.seller,
        ...o.good,
        share: o.share,
        priceUsdPerTonne: price(o.good) * o.multiple,
        ...o.window,
      })),
      stockpiles: r.stockpiles.map((s, i) => ({
        name: `s${i}`,
        holder: s.holder,
        ...s.good,
        budgetUsd: s.budget,
        initialTonnes: s.initial,
        buyBelowUsd: price(s.good) * s.buy,
        releaseAboveUsd: price(s.good) * (s.buy + s.gap),
        maxBuyTonnesPerMonth: s.maxBuy,
        maxReleaseTonnesPerMonth: s.maxRelease,
        ...s.window,
      })),
      disruptions: r.shocks.map((s) => ({ ...s.good, ...s.window })),
      shocks: r.shocks.map((s) => ({ node: s.node, ...s.good, capacityLoss: s.loss, ...s.window })),
      demandGrowth: r.growth.map((d) => ({ scope: d.scope, ratePerYear: d.rate, ...d.window })),
      permitting: r.permitting.map((p) => ({ scope: p.scope, buildLagMonths: p.lag, ...p.window })),
      investmentSupport: r.support.map((s) => ({ scope: s.scope, hurdleReduction: s.cut, ...s.window })),
      projects: r.projects.map((p, i) => ({
        name: `p${i}`,
        node: p.node,
        ...p.good,
        capacityTonnesPerYear: p.capacity,
        unitCostUsdPerTonne: price(p.good) * p.cost,
        startMonth: p.start,
      })),
      recycling: r.recycling.map((x) => ({
        scope: x.scope,
        mineral: x.mineral,
        share: x.share,
        lagMonths: x.lag,
        ...x.window,
      })),
      standards: zones.length
        ? r.standards.map((s) => ({
            zone: 'z',
            ...s.good,
            requiredShare: s.share,
            compliantOrigins: s.compliant,
            ...s.window,
          }))
        : [],
      elasticities: { demand: r.demand, substitution: r.substitution, priceAdjustment: r.priceAdjustment },
    } as ScenarioInput;
  });

/** Series that are money flows with a sign (profit can be negative); all others are ≥ 0. */
const SIGNED: readonly SeriesName[] = ['profit'];
const POSITIVE_PRICES: readonly SeriesName[] = ['price', 'buyerPrice'];

describe('random valid scenarios', () => {
  it('never give a negative or non-finite quantity, stock or price, and conserve mass', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const sim = createSimulation(world, fixtureScenario(input));
        const results = sim.run();
        for (const name of SERIES) {
          const values = results.series[name];
          for (let i = 0; i < values.length; i++) {
            const v = values[i];
            if (!Number.isFinite(v)) throw new Error(`${name}[${i}] = ${v}`);
            if (!SIGNED.includes(name) && v < 0) throw new Error(`${name}[${i}] = ${v} < 0`);
            if (POSITIVE_PRICES.includes(name) && !(v > 0))
              throw new Error(`${name}[${i}] = ${v} is not a positive price`);
          }
        }
        for (let m = 0; m < MONTHS; m++) {
          if (!(results.conservationError[m] < 1e-9))
            throw new Error(`month ${m}: conservation error ${results.conservationError[m]}`);
        }
        for (const t of results.stockpileTonnes) if (!(t >= 0)) throw new Error(`stockpile holding ${t}`);
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
          for (let a = 0; a < c.count; a++)
            if (!(column[a] >= 0 && Number.isFinite(column[a]))) throw new Error(`agent ${a}: ${column[a]}`);
        }
      }),
      { numRuns: 40, seed: 20260204 },
    );
  });
});

describe('the scenario arbitrary', () => {
  it('only makes scenarios the schema accepts', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        expect(() => fixtureScenario(input)).not.toThrow();
      }),
      { numRuns: 200, seed: 1 },
    );
  });
});
