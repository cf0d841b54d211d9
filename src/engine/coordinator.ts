/**
 * The coordinator: everything that happens on node aggregates, as a phase script over explicit
 * state. Each month it
 *   1. before month 0, writes the market view (expected prices, demand and investment factors,
 *      policy) that agents decide on (beginMonth);
 *   2. adds the blocks' decision partials in block order (aggregates.ts), generates recycling,
 *      plans stockpiles and updates pipeline factors (investment.ts) (prepareMarkets); then the
 *      market phase clears every good's market and writes the next month's view for it
 *      (goodMarkets.ts: in this thread, or split by good across the block workers);
 *   3. after agents settle, adds their settlement partials, settles stockpiles (stockpiles.ts)
 *      and recyclers (recycling.ts), checks conservation and records results (recording.ts)
 *      (endMonth).
 * It runs on the main engine thread (or the Node/browser coordinator of the parallel engine);
 * the per-agent work happens in src/engine/agents.ts, on any number of workers.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { GroupCalibration } from './agents.ts';
import { type Aggregates, compileSums, type PartialSums, sumPartials } from './aggregates.ts';
import { Arena } from './arena.ts';
import { CHOKE_PRICE_MEDIAN } from './constants.ts';
import {
  createMarketViews,
  DECISION_FIELDS,
  type MarketView,
  type MarketViews,
  PARTIAL_FIELDS,
  PARTIAL_INIT_EFFECTIVE,
  PARTIAL_INIT_RAW,
  PARTIAL_STOCK_IN,
  PARTIAL_STOCK_OUT,
  SETTLEMENT_FIELDS,
  VIEW_SELL_FRACTION,
} from './exchange.ts';
import { GoodMarkets, marketConstants } from './goodMarkets.ts';
import { groupCalibration, updatePipelineFactors, worldGrowth } from './investment.ts';
import { type PopulationPlan, ROLE_PROCESSOR } from './layout.ts';
import { type CompiledPolicy, compilePolicy, type MonthPolicy } from './policy.ts';
import { conservationError, type RecordSources, recordMonth } from './recording.ts';
import { generateRecycling, settleRecycling } from './recycling.ts';
import {
  createResults,
  type FlowStore,
  type ResultsStorage,
  type RunResults,
  sharedResultsStorage,
} from './results.ts';
import { createStockpiles, planStockpiles, type StockpileState, settleStockpiles } from './stockpiles.ts';
import type { World } from './world.ts';

export class Coordinator {
  readonly world: World;
  readonly scenario: Scenario;
  readonly plan: PopulationPlan;
  /** The market views agents read, one per month parity (exchange.ts): see viewFor. */
  readonly views: MarketViews;
  readonly results: RunResults;
  readonly policy: CompiledPolicy;
  /** The per-good part of the month (its state shared with block workers that clear goods). */
  readonly markets: GoodMarkets;
  private readonly N: number;
  private readonly G: number;
  /** Per population group: the status-quo costs its cost curve is calibrated against (agents.ts). */
  readonly groupCalibration: GroupCalibration;
  private readonly stockpiles: StockpileState[];
  private readonly agg: Aggregates;
  /** The decision and settlement phases' fields, compiled against the plan. */
  private readonly decisionSums: PartialSums;
  private readonly settlementSums: PartialSums;
  private readonly record: RecordSources;
  /** Stocks per good at the end of last month, and scratch for this month's (swapped). */
  private stocksBefore: Float64Array;
  private stocksAfter: Float64Array;
  /**
   * The policy of the month being settled (set by prepareMarkets). endMonth uses it: the next
   * month's policy may be in force by then.
   */
  private settlingPolicy: MonthPolicy | null = null;

  /**
   * `viewBuffer`: the market views' memory (the workers' shared buffer, else the coordinator's
   * own). `sharedResults`: record on SharedArrayBuffers, which block workers prefault a month
   * ahead (results.ts: prefaultMonth); a ResultsStorage (zeroed, of this run's shape): record
   * there. `marketBuffer`: the market state's memory (goodMarkets.ts: marketStateByteLength
   * bytes) when block workers clear goods, else its own. `flows`: where to record the months'
   * flows (results.ts: FlowStore, which block workers prefault), else new arrays each month.
   * `policy`: the run's compiled policy, when the population's plan was drawn from it (one
   * compilation a run).
   */
  constructor(
    world: World,
    scenario: Scenario,
    plan: PopulationPlan,
    viewBuffer?: ArrayBufferLike,
    sharedResults: boolean | ResultsStorage = false,
    marketBuffer?: ArrayBufferLike,
    flows: FlowStore | null = null,
    policy: CompiledPolicy = compilePolicy(world, scenario),
  ) {
    this.world = world;
    this.scenario = scenario;
    this.plan = plan;
    const N = world.nodes.length;
    const G = world.goods.length;
    this.N = N;
    this.G = G;
    this.views = createMarketViews(G, N, viewBuffer);
    this.policy = policy;
    this.markets = new GoodMarkets(
      world,
      scenario,
      plan,
      marketConstants(world, scenario),
      this.views,
      new Arena(marketBuffer),
      policy,
    );
    const { referenceLanded, referenceMargin } = this.markets.constants;
    const state = this.markets.state;
    this.groupCalibration = groupCalibration(world, plan, referenceLanded, referenceMargin);
    this.stockpiles = createStockpiles(world, scenario, this.policy);
    this.agg = state.agg;
    this.decisionSums = compileSums(this.agg, DECISION_FIELDS, world, plan);
    this.settlementSums = compileSums(this.agg, SETTLEMENT_FIELDS, world, plan);
    this.stocksBefore = new Float64Array(G);
    this.stocksAfter = new Float64Array(G);
    const meta = {
      scenarioName: scenario.name,
      seed: scenario.seed,
      months: scenario.months,
      agentCount: plan.agentCount,
      blockCount: plan.blockCount,
      nodes: world.nodes.map((n) => n.code),
      goods: world.goods.map((g) => ({ mineral: g.mineral, stage: g.stage })),
      minerals: world.minerals.map((m) => m.id),
      stockpiles: scenario.stockpiles.map((s) => s.name),
      zones: scenario.zones.map((z) => ({ id: z.id, name: z.name, members: [...z.members] })),
      demandElasticity: Array.from(this.markets.elasticityLong),
      chokePrice: world.goods.map((g) => CHOKE_PRICE_MEDIAN * g.referencePrice),
    };
    this.results = createResults(
      meta,
      sharedResults === true ? sharedResultsStorage(meta) : sharedResults || null,
    );
    // When goods are cleared here; a block worker that clears them records into the same storage.
    this.markets.recordInto(this.results.series);
    this.record = {
      world,
      agg: this.agg,
      outcomes: state.outcomes,
      prices: state.prices,
      recycling: state.recycling,
      stockpiles: this.stockpiles,
      referencePrice: Float64Array.from(world.goods, (g) => g.referencePrice),
      monthBid: state.monthBid,
      subsidyPaid: state.subsidyPaid,
      stockpilePurchases: new Float64Array(G * N),
      stockpileSales: new Float64Array(G * N),
      hurdle: scenario.market.hurdle,
      flows,
    };
  }

  /** Initialisation: each group's scale factor from the blocks' raw sums (block order). */
  groupScales(partials: Float64Array): Float64Array {
    const { plan } = this;
    const raw = new Float64Array(plan.groups.length);
    const effective = new Float64Array(plan.groups.length);
    for (let b = 0; b < plan.blockCount; b++) {
      const gi = plan.blockGroup[b];
      raw[gi] += partials[b * PARTIAL_FIELDS + PARTIAL_INIT_RAW];
      effective[gi] += partials[b * PARTIAL_FIELDS + PARTIAL_INIT_EFFECTIVE];
    }
    return Float64Array.from(plan.groups, (group, gi) => {
      if (group.kind === 'operating') {
        // Operating capacity is scaled so output at reference prices equals the calibrated output.
        const target = group.total * this.world.goods[group.good].utilisation;
        return effective[gi] > 0 ? target / effective[gi] : raw[gi] > 0 ? target / raw[gi] : 0;
      }
      if (group.kind === 'consumer') return effective[gi] > 0 ? group.total / effective[gi] : 0;
      return raw[gi] > 0 ? group.total / raw[gi] : 0;
    });
  }

  /** Initialisation: record starting stocks (from the scale pass's partials) for the conservation check. */
  recordInitialStocks(partials: Float64Array): void {
    const { plan } = this;
    const stocks = new Float64Array(this.G);
    for (let b = 0; b < plan.blockCount; b++) {
      const group = plan.groups[plan.blockGroup[b]];
      // Input stock belongs to the input good (processors); finished goods to the group's good.
      const held = group.role === ROLE_PROCESSOR ? this.world.goods[group.good].inputGood : group.good;
      stocks[held] += partials[b * PARTIAL_FIELDS + PARTIAL_STOCK_IN];
      stocks[group.good] += partials[b * PARTIAL_FIELDS + PARTIAL_STOCK_OUT];
    }
    for (const s of this.stockpiles) stocks[s.good] += s.stock;
    this.stocksBefore = stocks;
  }

  /**
   * Month `month`'s market view: written by the previous month's market phase (month 0: by
   * beginMonth) and its own, read by its decide and settle and its endMonth, while the other
   * month parity's view serves the month beside it.
   */
  viewFor(month: number): MarketView {
    return this.views.views[month & 1];
  }

  /** World demand growth of a mineral in a month, per year (nodes weighted by calibrated final demand). */
  worldGrowth(mineral: number, month: number): number {
    return worldGrowth(this.world, this.policy.at(month), mineral);
  }

  /** Before month 0: the view agents decide on (later months' views are the market phase's). */
  beginMonth(month: number): void {
    this.markets.beginGoods(month, this.markets.allGoods);
  }

  /**
   * Phase 2, before the market phase: add the decision partials, generate recycling, plan
   * stockpiles and pipeline factors (what every good's market reads).
   */
  prepareMarkets(month: number, partials: Float64Array): void {
    const { N, world, agg, stockpiles } = this;
    const { state } = this.markets;
    const policy = this.policy.at(month);
    this.settlingPolicy = policy;
    sumPartials(this.decisionSums, partials);
    generateRecycling(state.recycling, world, policy, this.results, month);
    planStockpiles(stockpiles, this.scenario, policy, state.prices.buyerIndex, this.results, N);
    for (let s = 0; s < stockpiles.length; s++) {
      state.stockpileBid[s] = stockpiles[s].bid;
      state.stockpileRelease[s] = stockpiles[s].release;
    }
    updatePipelineFactors(state.pipelineFactor, world, policy, agg);
  }

  /**
   * Phase 3: add the settlement partials, settle stockpiles and recyclers, check conservation,
   * record the month. It reads nothing that the next month's view (the other view, written in
   * the market phase) or the agents' decide phase write, so both run before it (phases.ts).
   */
  endMonth(month: number, partials: Float64Array): void {
    const { N, G, world, agg } = this;
    const { prices, recycling, outcomes, pairCounts } = this.markets.state;
    // The outcomes' pair lists as the market phase left them, whichever threads ran it.
    for (let g = 0; g < G; g++) outcomes[g].pairCount = pairCounts[g];
    sumPartials(this.settlementSums, partials);
    const v = this.viewFor(month).data;
    settleStockpiles(
      this.stockpiles,
      N,
      v,
      prices.buyerIndex,
      outcomes,
      this.record.stockpilePurchases,
      this.record.stockpileSales,
    );
    settleRecycling(recycling, v, VIEW_SELL_FRACTION * G * N);
    const stocksNow = this.stocksAfter;
    const worst = conservationError(world, agg, recycling, this.stockpiles, this.stocksBefore, stocksNow);
    this.stocksAfter = this.stocksBefore;
    this.stocksBefore = stocksNow;
    recordMonth(this.results, this.record, month, this.settlingPolicy!, worst);
  }
}
