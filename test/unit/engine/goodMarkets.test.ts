/**
 * The market phase split by good (as the block workers run it) equals the market phase over
 * every good in one thread, bit for bit: two engines step the same scenario in lockstep, one
 * clearing all goods on its coordinator, the other clearing each worker's share on a GoodMarkets
 * of its own attached to the coordinator's market state (as a block worker attaches to it), the
 * shares in reverse order. After every market phase the market state and both views must hold
 * the same bits. The scenario has licences and a quota, price-gap subsidies (one whose budget
 * runs out), price floors and a stockpile agency, so every path between the coordinator and the
 * goods' threads (sums, stockpile orders, input prices, route state, budgets) is exercised.
 */
import { describe, expect, it } from 'vitest';
import { Arena } from '../../../src/engine/arena.ts';
import { createColumns } from '../../../src/engine/columns.ts';
import { Coordinator } from '../../../src/engine/coordinator.ts';
import { PARTIAL_FIELDS } from '../../../src/engine/exchange.ts';
import {
  GoodMarkets,
  type MarketState,
  marketGroups,
  marketStateByteLength,
} from '../../../src/engine/goodMarkets.ts';
import { planPopulation } from '../../../src/engine/layout.ts';
import {
  type AgentPhase,
  initialisationPhases,
  localAgentContext,
  monthPhases,
  PHASE_MARKETS,
  runAgentPhase,
  runMarketPhase,
} from '../../../src/engine/phases.ts';
import { partitionGoods } from '../../../src/parallel/partition.ts';
import { presetById } from '../../../src/scenario/presets.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';

const world = calibratedWorld();
const MONTHS = 18;

/** China's rare-earth licences, plus a quota, a subsidy with a budget, floors and a reserve. */
function busyScenario(): Scenario {
  const controls = structuredClone(presetById('china-ree-controls-2025')!.scenario);
  const reserve = structuredClone(presetById('us-mexico-plan')!.scenario);
  const floors = structuredClone(presetById('us-eu-japan-floors')!.scenario);
  const checked = validateScenario({
    ...controls,
    resolution: 4000,
    months: MONTHS,
    zones: [...(reserve.zones ?? []), ...(floors.zones ?? [])],
    stockpiles: reserve.stockpiles,
    priceFloors: floors.priceFloors,
    exportControls: [
      ...(controls.exportControls ?? []),
      {
        exporter: 'IDN',
        mineral: 'nickel',
        stage: 'mine',
        kind: 'quota',
        quotaTonnesPerMonth: 20000,
        start: 2,
      },
    ],
    priceGapSubsidies: [
      // A budget small enough to run out within the run, and one without a budget.
      {
        scope: 'USA',
        mineral: 'rare_earths',
        stage: 'refine',
        referencePrice: 1e6,
        budgetUsd: 5e7,
        start: 0,
      },
      { scope: 'AUS', mineral: 'lithium', stage: 'refine', referencePrice: 1e5, budgetUsd: null, start: 0 },
    ],
  });
  if (!checked.ok) throw new Error(checked.errors.join('; '));
  return checked.scenario;
}

/** The routes' scratch for the good being cleared: each thread's own, not state. */
const SCRATCH = new Set(['routes.factor', 'routes.allowed']);

/** Every array of the market state, by name. */
function stateArrays(state: MarketState): [string, ArrayLike<number>][] {
  const arrays: [string, ArrayLike<number>][] = [];
  const add = (prefix: string, o: object) => {
    for (const [name, value] of Object.entries(o))
      if (ArrayBuffer.isView(value) && !SCRATCH.has(`${prefix}${name}`))
        arrays.push([`${prefix}${name}`, value as unknown as ArrayLike<number>]);
  };
  add('agg.', state.agg);
  add('recycling.', state.recycling);
  add('prices.', state.prices);
  add('routes.', state.routes);
  add('', state);
  state.outcomes.forEach((out, g) => {
    add(`outcome ${g}.`, out);
  });
  return arrays;
}

/** The first name and index where `a` and `b` differ in bits (NaN payloads and −0 included), or null. */
function firstDifference(a: [string, ArrayLike<number>][], b: [string, ArrayLike<number>][]): string | null {
  const bits = new Float64Array(1);
  const word = new BigUint64Array(bits.buffer);
  const of = (x: number) => {
    bits[0] = x;
    return word[0];
  };
  for (let i = 0; i < a.length; i++) {
    const [name, x] = a[i];
    const y = b[i][1];
    if (x.length !== y.length) return `${name}: length ${x.length} vs ${y.length}`;
    for (let k = 0; k < x.length; k++) if (of(x[k]) !== of(y[k])) return `${name}[${k}]: ${x[k]} vs ${y[k]}`;
  }
  return null;
}

/** A single-thread engine stepped phase by phase, with its market phase run by `markets`. */
function engine(scenario: Scenario, marketBuffer?: ArrayBuffer) {
  const plan = planPopulation(world, scenario);
  const coordinator = new Coordinator(world, scenario, plan, undefined, false, marketBuffer);
  const ctx = localAgentContext(world, plan, scenario, coordinator);
  const cols = createColumns(0, plan.agentCount, plan.blockCount);
  const partials = new Float64Array(plan.blockCount * PARTIAL_FIELDS);
  const agents = (phase: AgentPhase) =>
    runAgentPhase(ctx, cols, coordinator.views.views, partials, phase, 0, plan.blockCount);
  for (const phase of initialisationPhases(coordinator, partials)) agents(phase);
  return { plan, coordinator, partials, agents };
}

describe('the market phase split by good', () => {
  it('equals the market phase over every good, bit for bit, month after month', () => {
    const scenario = busyScenario();
    const whole = engine(scenario);
    const split = engine(scenario, new ArrayBuffer(marketStateByteLength(world, scenario)));
    const shares = partitionGoods(marketGroups(world, scenario, split.plan), 3);
    expect(shares.every((goods) => goods.length > 0)).toBe(true);
    // As block workers: markets of their own over the coordinator's state, attached.
    const buffer = split.coordinator.markets.state.agg.offer.buffer;
    const workers = shares.map(
      () =>
        new GoodMarkets(
          world,
          scenario,
          split.plan,
          split.coordinator.markets.constants,
          split.coordinator.views,
          new Arena(buffer, true),
        ),
    );
    let spent = 0;
    for (let month = 0; month < MONTHS; month++) {
      const a = monthPhases(whole.coordinator, month, MONTHS, whole.partials);
      const b = monthPhases(split.coordinator, month, MONTHS, split.partials);
      for (;;) {
        const x = a.next();
        const y = b.next();
        expect(y.done).toBe(x.done);
        if (x.done || y.done) break;
        expect(y.value).toEqual(x.value);
        if (x.value.code !== PHASE_MARKETS) {
          whole.agents(x.value);
          split.agents(y.value);
          continue;
        }
        runMarketPhase(whole.coordinator.markets, x.value, whole.coordinator.markets.allGoods);
        // The workers' shares in reverse order, each group by group (as blockWorker.ts runs them).
        for (let w = shares.length - 1; w >= 0; w--)
          for (const group of shares[w]) runMarketPhase(workers[w], y.value, group);
        const where = firstDifference(
          stateArrays(whole.coordinator.markets.state),
          stateArrays(split.coordinator.markets.state),
        );
        expect(where, `month ${month}`).toBeNull();
        expect(
          firstDifference(
            [['views', whole.coordinator.views.data]],
            [['views', split.coordinator.views.data]],
          ),
          `month ${month}`,
        ).toBeNull();
      }
      spent = split.coordinator.markets.state.subsidySpent[0];
    }
    // The budget ran out, and trade flowed.
    expect(spent).toBeCloseTo(5e7, 0);
    expect(whole.coordinator.results.flowKeys[MONTHS - 1].length).toBeGreaterThan(0);
  });

  it('keeps a mineral’s stages and a budget’s goods on one thread', () => {
    const scenario = busyScenario();
    const plan = planPopulation(world, scenario);
    const groups = marketGroups(world, scenario, plan);
    const groupOf = new Int32Array(world.goods.length).fill(-1);
    groups.forEach((group, i) => {
      for (const g of group.goods) {
        expect(groupOf[g]).toBe(-1);
        groupOf[g] = i;
      }
    });
    expect(groupOf.every((i) => i >= 0)).toBe(true);
    world.goods.forEach((good, g) => {
      if (good.inputGood >= 0) expect(groupOf[good.inputGood]).toBe(groupOf[g]);
    });
    const shares = partitionGoods(groups, 2);
    const owner = new Int32Array(world.goods.length).fill(-1);
    const weights = shares.map(() => 0);
    shares.forEach((share, w) => {
      for (const goods of share) {
        expect([...goods]).toEqual([...goods].sort((x, y) => x - y));
        // Each share is whole groups.
        const group = groups[groupOf[goods[0]]];
        expect([...goods]).toEqual([...group.goods].sort((x, y) => x - y));
        weights[w] += group.weight;
        for (const g of goods) {
          expect(owner[g]).toBe(-1);
          owner[g] = w;
        }
      }
    });
    expect(owner.every((w) => w >= 0)).toBe(true);
    // Balanced: no worker has more than half the weight plus the heaviest group.
    const total = groups.reduce((sum, group) => sum + group.weight, 0);
    const heaviest = Math.max(...groups.map((group) => group.weight));
    for (const weight of weights) expect(weight).toBeLessThanOrEqual(total / 2 + heaviest);
  });
});
