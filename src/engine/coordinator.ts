/**
 * The coordinator: everything that happens on node aggregates, as a phase script over explicit
 * state. Each month it
 *   1. writes the market view (expected prices, demand and investment factors, policy) that agents
 *      decide on (beginMonth);
 *   2. adds the blocks' decision partials in block order (aggregates.ts), generates recycling,
 *      plans stockpiles, updates pipeline factors (investment.ts), clears every good's market
 *      (market.ts) with its controls' route state (routes.ts), pays subsidies (subsidies.ts),
 *      moves prices (prices.ts) and writes fills back into the view (clear);
 *   3. after agents settle, adds their settlement partials, settles stockpiles (stockpiles.ts)
 *      and recyclers (recycling.ts), checks conservation and records results (recording.ts)
 *      (endMonth).
 * It runs on the main engine thread (or the Node/browser coordinator of the parallel engine);
 * the per-agent work happens in src/engine/agents.ts, on any number of workers.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { GroupCalibration } from './agents.ts';
import {
  type Aggregates,
  compileSums,
  createAggregates,
  type PartialSums,
  sumPartials,
} from './aggregates.ts';
import {
  CHOKE_PRICE_MEDIAN,
  STATUS_QUO_FREIGHT_USD_PER_TONNE_KM,
  STATUS_QUO_HANDLING_USD_PER_TONNE,
} from './constants.ts';
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
  VIEW_BUYER_COVER,
  VIEW_BUYER_LONG_PRICE,
  VIEW_BUYER_PRICE,
  VIEW_CAPACITY_FACTOR,
  VIEW_DEMAND_FACTOR,
  VIEW_EXIT_PRICE,
  VIEW_EXPECTED_PRICE,
  VIEW_FILL_FRACTION,
  VIEW_LONG_PRICE,
  VIEW_SELL_FRACTION,
} from './exchange.ts';
import {
  groupCalibration,
  referenceMargins,
  updatePipelineFactors,
  worldGrowth,
  writeInvestmentView,
} from './investment.ts';
import { type PopulationPlan, ROLE_CONSUMER, ROLE_PROCESSOR } from './layout.ts';
import {
  clearGood,
  createOutcome,
  createWorkspace,
  type GoodMarketInput,
  type GoodMarketOutcome,
  type MarketWorkspace,
} from './market.ts';
import { pow } from './math.ts';
import { type CompiledPolicy, compilePolicy, type MonthPolicy } from './policy.ts';
import { baseTariffMatrices, originPreferences, referenceLandedCosts } from './preference.ts';
import { createPriceState, type PriceState, updatePrices } from './prices.ts';
import { conservationError, type RecordSources, recordMonth } from './recording.ts';
import { createRecycling, generateRecycling, type RecyclingState, settleRecycling } from './recycling.ts';
import { createResults, type ResultsStorage, type RunResults, sharedResultsStorage } from './results.ts';
import {
  anchorExitPrices,
  createRouteState,
  prepareControls,
  type RouteState,
  settleControls,
} from './routes.ts';
import { createStockpiles, planStockpiles, type StockpileState, settleStockpiles } from './stockpiles.ts';
import { payPriceGapSubsidies } from './subsidies.ts';
import { distanceMatrix, transportCosts, type World } from './world.ts';

/** Placeholder for a market input's per-month arrays until the first clear sets them. */
const EMPTY = new Float64Array(0);

export class Coordinator {
  readonly world: World;
  readonly scenario: Scenario;
  readonly plan: PopulationPlan;
  /** The market views agents read, one per month parity (exchange.ts): see viewFor. */
  readonly views: MarketViews;
  readonly results: RunResults;
  readonly policy: CompiledPolicy;
  private readonly N: number;
  private readonly G: number;
  /** Transport cost per pair, USD/t, [origin * N + destination]. */
  private readonly transport: Float64Array;
  private readonly referencePrice: Float64Array;
  /** Each site's margin at reference prices, [g * N + n], USD/t (its expansion signal's yardstick). */
  private readonly referenceMargin: Float64Array;
  /**
   * What buyers pay in the status quo, [g * N + n], USD/t: reference prices plus transport and
   * base tariffs, averaged over origins by the calibrated shares (preference.ts). Buyers' prices
   * start there and demand responds to prices relative to it.
   */
  private readonly referenceLanded: Float64Array;
  /** [g * N + n]: 1 where consumer agents read the demand factor (the only cells that need it). */
  private readonly hasConsumers: Uint8Array;
  /** Per population group: the status-quo costs its cost curve is calibrated against (agents.ts). */
  readonly groupCalibration: GroupCalibration;
  /** Elasticity of substitution between origins, per good. */
  private readonly sigma: Float64Array;
  /** Armington preference per good and origin, [g * N + n] (preference.ts). */
  private readonly preference: Float64Array;
  /** Short-run and long-run (substitution, thrifting; ≤ the short-run) demand elasticities per good. */
  private readonly elasticity: Float64Array;
  private readonly elasticityLong: Float64Array;
  /** Demand growth index per mineral and node since month 0. */
  private readonly growthLevel: Float64Array;
  /** Monthly growth factor per mineral and node under growthPolicy, (1 + annual rate)^(1/12). */
  private readonly growthStep: Float64Array;
  private growthPolicy: MonthPolicy | null = null;
  private readonly prices: PriceState;
  private readonly routes: RouteState;
  /**
   * Per good: capacity the world's pipeline should hold for steady growth over what it holds
   * (clamped), from the last cleared month (investment.ts).
   */
  private readonly pipelineFactor: Float64Array;
  private readonly recycling: RecyclingState;
  private readonly stockpiles: StockpileState[];
  /** Price-gap subsidies spent per rule over the run, and paid this month per key, USD. */
  private readonly subsidySpent: Float64Array;
  private readonly subsidyPaid: Float64Array;
  private readonly agg: Aggregates;
  /** The decision and settlement phases' fields, compiled against the plan. */
  private readonly decisionSums: PartialSums;
  private readonly settlementSums: PartialSums;
  private readonly outcomes: GoodMarketOutcome[];
  /**
   * Per good: its market's input, made once with the good's own views of the month's offers,
   * bids, prices and preferences; clear sets the month's policy fields (no garbage a month).
   */
  private readonly marketInputs: GoodMarketInput[];
  private readonly workspace: MarketWorkspace;
  /** This month's market inputs per key, t: offers and bids. */
  private readonly monthOffer: Float64Array;
  private readonly monthBid: Float64Array;
  private readonly record: RecordSources;
  /** Stocks per good at the end of last month, and scratch for this month's (swapped). */
  private stocksBefore: Float64Array;
  private stocksAfter: Float64Array;
  private monthPolicy: MonthPolicy | null = null;
  /**
   * The policy of the month being settled (set by clear). endMonth uses it rather than
   * monthPolicy, which the next month's beginMonth may already have replaced.
   */
  private settlingPolicy: MonthPolicy | null = null;

  /**
   * `viewBuffer`: the market views' memory (the workers' shared buffer, else the coordinator's
   * own). `sharedResults`: record on SharedArrayBuffers, which block workers prefault a month
   * ahead (results.ts: prefaultMonth); a ResultsStorage (zeroed, of this run's shape): record
   * there.
   */
  constructor(
    world: World,
    scenario: Scenario,
    plan: PopulationPlan,
    viewBuffer?: ArrayBufferLike,
    sharedResults: boolean | ResultsStorage = false,
  ) {
    this.world = world;
    this.scenario = scenario;
    this.plan = plan;
    const N = world.nodes.length;
    const G = world.goods.length;
    this.N = N;
    this.G = G;
    this.views = createMarketViews(G, N, viewBuffer);
    this.policy = compilePolicy(world, scenario);
    const km = distanceMatrix(world.nodes);
    this.transport = transportCosts(
      km,
      scenario.market.freightUsdPerTonneKm,
      scenario.market.handlingUsdPerTonne,
    );
    this.referencePrice = Float64Array.from(world.goods, (g) => g.referencePrice);
    const el = scenario.elasticities;
    this.sigma = Float64Array.from(
      world.goods,
      (g) => el.substitutionByMineral[g.mineral] ?? el.substitution,
    );
    this.elasticity = Float64Array.from(world.goods, (g) => el.demandByMineral[g.mineral] ?? el.demand);
    this.elasticityLong = Float64Array.from(world.goods, (g, i) =>
      Math.min(el.demandLongRunByMineral[g.mineral] ?? el.demandLongRun, this.elasticity[i]),
    );
    // Preferences and reference margins at the status quo's transport costs, so a scenario that
    // changes freight moves trade from the calibrated pattern.
    const statusQuoTransport = transportCosts(
      km,
      STATUS_QUO_FREIGHT_USD_PER_TONNE_KM,
      STATUS_QUO_HANDLING_USD_PER_TONNE,
    );
    const baseTariff = baseTariffMatrices(world, scenario);
    this.preference = originPreferences(world, statusQuoTransport, baseTariff, this.sigma);
    this.referenceLanded = referenceLandedCosts(
      world,
      statusQuoTransport,
      baseTariff,
      this.sigma,
      this.preference,
    );
    this.referenceMargin = referenceMargins(world, this.referenceLanded);
    this.hasConsumers = new Uint8Array(G * N);
    for (const group of plan.groups)
      if (group.role === ROLE_CONSUMER && group.count > 0) this.hasConsumers[group.good * N + group.node] = 1;
    this.groupCalibration = groupCalibration(world, plan, this.referenceLanded, this.referenceMargin);
    this.growthLevel = new Float64Array(world.minerals.length * N).fill(1);
    this.growthStep = new Float64Array(world.minerals.length * N);
    this.prices = createPriceState(this.referencePrice, this.referenceLanded, N);
    this.routes = createRouteState(world, scenario);
    this.pipelineFactor = new Float64Array(G).fill(1);
    this.recycling = createRecycling(G * N);
    this.stockpiles = createStockpiles(world, scenario, this.policy);
    this.subsidySpent = new Float64Array(scenario.priceGapSubsidies.length);
    this.subsidyPaid = new Float64Array(G * N);
    this.agg = createAggregates(G * N);
    this.decisionSums = compileSums(this.agg, DECISION_FIELDS, world, plan);
    this.settlementSums = compileSums(this.agg, SETTLEMENT_FIELDS, world, plan);
    this.outcomes = world.goods.map(() => createOutcome(N));
    this.monthOffer = new Float64Array(G * N);
    this.monthBid = new Float64Array(G * N);
    this.marketInputs = world.goods.map((good, g) => ({
      nodes: N,
      offer: this.monthOffer.subarray(g * N, (g + 1) * N),
      bid: this.monthBid.subarray(g * N, (g + 1) * N),
      price: this.prices.price.subarray(g * N, (g + 1) * N),
      tariff: EMPTY,
      transport: this.transport,
      traded: good.traded,
      sigma: this.sigma[g],
      preference: this.preference.subarray(g * N, (g + 1) * N),
      floors: [],
      controls: [],
      routeFactor: this.routes.factor,
      allowed: this.routes.allowed,
      offtakes: [],
      standards: [],
    }));
    this.workspace = createWorkspace(N);
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
      demandElasticity: Array.from(this.elasticityLong),
      chokePrice: world.goods.map((g) => CHOKE_PRICE_MEDIAN * g.referencePrice),
    };
    this.results = createResults(
      meta,
      sharedResults === true ? sharedResultsStorage(meta) : sharedResults || null,
    );
    this.record = {
      world,
      agg: this.agg,
      outcomes: this.outcomes,
      prices: this.prices,
      recycling: this.recycling,
      stockpiles: this.stockpiles,
      referencePrice: this.referencePrice,
      monthBid: this.monthBid,
      subsidyPaid: this.subsidyPaid,
      stockpilePurchases: new Float64Array(G * N),
      stockpileSales: new Float64Array(G * N),
      hurdle: scenario.market.hurdle,
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
   * Month `month`'s market view: written by its beginMonth and clear, read by its decide and
   * settle and its endMonth, while the other month parity's view serves the month beside it.
   */
  viewFor(month: number): MarketView {
    return this.views.views[month & 1];
  }

  /** World demand growth of a mineral in a month, per year (nodes weighted by calibrated final demand). */
  worldGrowth(mineral: number, month: number): number {
    return worldGrowth(this.world, this.policy.at(month), mineral);
  }

  /** Phase 1: policy for the month and the view agents decide on. */
  beginMonth(month: number): void {
    const { N, G, world, prices } = this;
    const policy = this.policy.at(month);
    this.monthPolicy = policy;
    const v = this.viewFor(month).data;
    const stride = G * N;
    if (month > 0) {
      // The monthly step changes only with the policy (compiled policies are shared between changes).
      if (policy !== this.growthPolicy) {
        this.growthPolicy = policy;
        for (let k = 0; k < this.growthStep.length; k++)
          this.growthStep[k] = pow(1 + policy.growthRate[k], 1 / 12);
      }
      for (let k = 0; k < this.growthStep.length; k++) this.growthLevel[k] *= this.growthStep[k];
    }
    const hurdle = this.scenario.market.hurdle;
    for (let g = 0; g < G; g++) {
      const good = world.goods[g];
      const m = good.mineralIndex;
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        const ref = this.referenceLanded[k];
        v[VIEW_EXPECTED_PRICE * stride + k] = prices.expectedPrice[k];
        v[VIEW_LONG_PRICE * stride + k] = prices.longPrice[k];
        v[VIEW_EXIT_PRICE * stride + k] = prices.longPrice[k];
        v[VIEW_BUYER_PRICE * stride + k] = prices.buyerPrice[k];
        v[VIEW_BUYER_LONG_PRICE * stride + k] = prices.buyerLongPrice[k];
        v[VIEW_CAPACITY_FACTOR * stride + k] = policy.capacityFactor[k];
        // Short-run response to the expected price, and a long-run one (substitution, thrifting)
        // that builds up with a sustained price.
        // Computed where consumers read it (two pow a cell: most of this loop's time).
        const priceResponse = this.hasConsumers[k]
          ? pow(prices.buyerPrice[k] / ref, this.elasticity[g]) *
            pow(prices.adaptPrice[k] / ref, this.elasticityLong[g] - this.elasticity[g])
          : 1;
        v[VIEW_DEMAND_FACTOR * stride + k] = this.growthLevel[m * N + n] * priceResponse;
        v[VIEW_BUYER_COVER * stride + k] = good.buyerCover + policy.precautionaryCover[k];
      }
      // Expansion pace at reference prices matches the mineral's world demand growth.
      writeInvestmentView(
        v,
        world,
        g,
        policy,
        prices,
        this.referenceMargin,
        this.pipelineFactor[g],
        worldGrowth(world, policy, m),
        hurdle,
      );
      anchorExitPrices(this.routes, month, g, N, prices.longPrice, v);
    }
  }

  /** Phase 2: add the decision partials, clear every market, write fills into the view. */
  clear(month: number, partials: Float64Array): void {
    const { N, G, world, agg, prices } = this;
    const policy = this.monthPolicy!;
    this.settlingPolicy = policy;
    sumPartials(this.decisionSums, partials);
    generateRecycling(this.recycling, world, policy, this.results, month);
    planStockpiles(this.stockpiles, this.scenario, policy, prices.buyerIndex, this.results, N);
    updatePipelineFactors(this.pipelineFactor, world, policy, agg);

    const v = this.viewFor(month).data;
    const stride = G * N;
    const kappa = this.scenario.elasticities.priceAdjustment;
    for (let g = 0; g < G; g++) {
      const input = this.marketInputs[g];
      const { offer, bid } = input;
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        offer[n] = agg.offer[k] + this.recycling.offer[k];
        bid[n] = agg.consumerBid[k] + agg.processorBid[k];
      }
      for (const s of this.stockpiles) {
        if (s.good !== g) continue;
        offer[s.node] += s.release;
        bid[s.node] += s.bid;
      }
      const out = this.outcomes[g];
      const controls = policy.controls[g];
      prepareControls(this.routes, month, g, controls);
      input.tariff = policy.tariff[g];
      input.floors = policy.floors[g];
      input.controls = controls;
      input.offtakes = policy.offtakes[g];
      input.standards = policy.standards[g];
      clearGood(input, this.workspace, out);
      settleControls(this.routes, g, controls, out, kappa);
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        v[VIEW_FILL_FRACTION * stride + k] = bid[n] > 0 ? out.delivered[n] / bid[n] : 0;
        v[VIEW_SELL_FRACTION * stride + k] = offer[n] > 0 ? Math.min(1, out.sold[n] / offer[n]) : 0;
      }
      payPriceGapSubsidies(g, N, policy, prices.price, out, this.subsidyPaid, this.subsidySpent);
      updatePrices(prices, g, N, this.referencePrice[g], out, offer, bid, this.subsidyPaid, kappa);
    }
    for (let k = 0; k < G * N; k++) {
      v[VIEW_EXPECTED_PRICE * stride + k] = prices.expectedPrice[k];
      v[VIEW_LONG_PRICE * stride + k] = prices.longPrice[k];
      v[VIEW_BUYER_PRICE * stride + k] = prices.buyerPrice[k];
      v[VIEW_BUYER_LONG_PRICE * stride + k] = prices.buyerLongPrice[k];
    }
  }

  /**
   * Phase 3: add the settlement partials, settle stockpiles and recyclers, check conservation,
   * record the month. It reads nothing that the next month's beginMonth (which writes the other
   * view) or the agents' decide phase write, so both run before it (phases.ts).
   */
  endMonth(month: number, partials: Float64Array): void {
    const { N, G, world, agg, prices } = this;
    sumPartials(this.settlementSums, partials);
    const v = this.viewFor(month).data;
    settleStockpiles(
      this.stockpiles,
      N,
      v,
      prices.buyerIndex,
      this.outcomes,
      this.record.stockpilePurchases,
      this.record.stockpileSales,
    );
    settleRecycling(this.recycling, v, VIEW_SELL_FRACTION * G * N);
    const stocksNow = this.stocksAfter;
    const worst = conservationError(
      world,
      agg,
      this.recycling,
      this.stockpiles,
      this.stocksBefore,
      stocksNow,
    );
    this.stocksAfter = this.stocksBefore;
    this.stocksBefore = stocksNow;
    recordMonth(this.results, this.record, month, this.settlingPolicy!, worst);
  }
}
