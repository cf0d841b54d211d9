/**
 * The coordinator: everything that happens on node aggregates. Each month it
 *   1. writes the market view (expected prices, policy factors) that agents decide on;
 *   2. adds the blocks' partial sums in block order, clears every good's market, applies
 *      subsidies, stockpiles, recycling and delayed shipments, moves prices with excess
 *      demand and writes fills back into the view;
 *   3. after agents settle, adds their partials again, checks conservation and records results.
 * It runs on the main engine thread (or the Node/browser coordinator of the parallel engine);
 * the per-agent work happens in src/engine/agents.ts, on any number of workers.
 */
import type { Scenario } from '../scenario/schema.ts';
import { steadyExpansion } from './agents.ts';
import {
  ADAPTATION_EXPECTATION,
  CAPEX_MONTHS_OF_REVENUE,
  CHOKE_PRICE_MEDIAN,
  DISRUPTION_RELEASE_MARGIN,
  EXPANSION_ELASTICITY,
  EXPANSION_KICK,
  GREENFIELD_START_RATE,
  INVESTMENT_EXPECTATION,
  LONG_EXPECTATION,
  MAX_APPLICATION_AGE,
  MAX_EXPANSION_RATE,
  MAX_PRICE_STEP,
  MOTHBALL_AFTER_MONTHS,
  PRICE_CEILING_MULTIPLE,
  PRICE_FLOOR_FRACTION,
  PRICE_STEP_KNEE,
  RENT_EROSION,
  SHORT_EXPECTATION,
  STATUS_QUO_FREIGHT_USD_PER_TONNE_KM,
  STATUS_QUO_HANDLING_USD_PER_TONNE,
} from './constants.ts';
import {
  createMarketView,
  type MarketView,
  PARTIAL_BID,
  PARTIAL_CAPACITY,
  PARTIAL_CAPACITY_STARTED,
  PARTIAL_CASH_COST,
  PARTIAL_CONSUMED,
  PARTIAL_DEMAND,
  PARTIAL_FIELDS,
  PARTIAL_INIT_EFFECTIVE,
  PARTIAL_INIT_RAW,
  PARTIAL_INPUT_BID,
  PARTIAL_INPUT_RECEIVED,
  PARTIAL_INPUT_USED,
  PARTIAL_OFFER,
  PARTIAL_PIPELINE,
  PARTIAL_PRODUCED,
  PARTIAL_SOLD,
  PARTIAL_STOCK_IN,
  PARTIAL_STOCK_OUT,
  PARTIAL_UNMET,
  VIEW_BUILD_LAG,
  VIEW_BUILD_RATE,
  VIEW_BUYER_COVER,
  VIEW_BUYER_LONG_PRICE,
  VIEW_BUYER_PRICE,
  VIEW_CAPACITY_FACTOR,
  VIEW_DEMAND_FACTOR,
  VIEW_ENTRY_HURDLE,
  VIEW_EXIT_PRICE,
  VIEW_EXPANSION_LAG,
  VIEW_EXPANSION_RATE,
  VIEW_EXPECTED_PRICE,
  VIEW_FILL_FRACTION,
  VIEW_LONG_PRICE,
  VIEW_SELL_FRACTION,
} from './exchange.ts';
import { type PopulationPlan, ROLE_CONSUMER, ROLE_PROCESSOR, referenceUnitCost } from './layout.ts';
import {
  clearGood,
  createOutcome,
  createWorkspace,
  type GoodMarketOutcome,
  type MarketWorkspace,
} from './market.ts';
import { exp, log, pow } from './math.ts';
import { type CompiledPolicy, type ControlRule, compilePolicy, type MonthPolicy } from './policy.ts';
import { originPreferences, referenceLandedCosts } from './preference.ts';
import { createResults, type RunResults, seriesIndex } from './results.ts';
import { distanceMatrix, transportCosts, type World } from './world.ts';

interface StockpileState {
  good: number;
  node: number;
  /** Nodes the agency serves (its holder node or zone). */
  scope: Uint8Array;
  stock: number;
  budget: number;
  /** This month's bid and release, t. */
  bid: number;
  release: number;
  /** Tonnes the agency sold last month. */
  soldLast: number;
}

/** Per good × node aggregates of one month, summed from block partials. */
class Aggregates {
  readonly offer: Float64Array;
  readonly produced: Float64Array;
  readonly capacity: Float64Array;
  readonly cashCost: Float64Array;
  readonly consumerDemand: Float64Array;
  readonly consumerBid: Float64Array;
  /** Processor bids, attributed to the input good at the processor's node. */
  readonly processorBid: Float64Array;
  readonly sold: Float64Array;
  readonly producerStock: Float64Array;
  /** Processors' input stock, attributed to the input good. */
  readonly processorStock: Float64Array;
  readonly consumerStock: Float64Array;
  readonly inputReceived: Float64Array;
  /** Input used by processors, attributed to the input good. */
  readonly inputUsed: Float64Array;
  /** Input received by processors, attributed to the output good (for input costs). */
  readonly inputReceivedByOutput: Float64Array;
  readonly consumed: Float64Array;
  readonly unmet: Float64Array;
  readonly capacityStarted: Float64Array;
  /** Capacity under construction (expansions and builds), t/month. */
  readonly pipeline: Float64Array;

  constructor(size: number) {
    const a = () => new Float64Array(size);
    this.offer = a();
    this.produced = a();
    this.capacity = a();
    this.cashCost = a();
    this.consumerDemand = a();
    this.consumerBid = a();
    this.processorBid = a();
    this.sold = a();
    this.producerStock = a();
    this.processorStock = a();
    this.consumerStock = a();
    this.inputReceived = a();
    this.inputUsed = a();
    this.inputReceivedByOutput = a();
    this.consumed = a();
    this.unmet = a();
    this.capacityStarted = a();
    this.pipeline = a();
  }
}

/**
 * The proportional move (log units, before the monthly cap) of a price with log excess demand
 * `gap`: κ·x·(1 + (x/knee)²), gentle for small imbalances and fast for large ones. Origin prices,
 * route factors and buyers' bid prices all move by it.
 */
function excessDemandStep(gap: number, kappa: number): number {
  const relative = gap / PRICE_STEP_KNEE;
  return kappa * gap * (1 + relative * relative);
}

export class Coordinator {
  readonly world: World;
  readonly scenario: Scenario;
  readonly plan: PopulationPlan;
  readonly view: MarketView;
  readonly results: RunResults;
  readonly policy: CompiledPolicy;
  private readonly N: number;
  private readonly G: number;
  private readonly transport: Float64Array;
  private readonly referencePrice: Float64Array;
  /** Value added per tonne at reference prices (processors) or the reference price, USD/t. */
  /** Each site's margin at reference prices, [g * N + n], USD/t (its expansion signal's yardstick). */
  private readonly referenceMargin: Float64Array;
  private readonly sigma: Float64Array;
  /** Armington preference per good and origin, [g * N + n] (preference.ts). */
  private readonly preference: Float64Array;
  private readonly elasticity: Float64Array;
  private readonly price: Float64Array;
  /** The origin prices this month's markets cleared at (before they moved for next month). */
  private readonly quoted: Float64Array;
  private readonly expectedPrice: Float64Array;
  private readonly longPrice: Float64Array;
  private readonly buyerPrice: Float64Array;
  private readonly buyerLongPrice: Float64Array;
  /** Sellers' and buyers' investment price (a year's memory): what paces expansions. */
  private readonly investPrice: Float64Array;
  private readonly buyerInvestPrice: Float64Array;
  private readonly buyerIndex: Float64Array;
  private readonly growthLevel: Float64Array;
  /** Long-run (about two years) average of the buyer price index: demand adapts to it. */
  private readonly adaptPrice: Float64Array;
  /** What buyers bid for the demand they could not get, USD/t (rises while they go short). */
  private readonly bidPrice: Float64Array;
  /** Long-run demand elasticity per good (substitution and thrifting), ≤ the short-run one. */
  private readonly elasticityLong: Float64Array;
  /** Export price over domestic price on each control's routes, [control * G + good], ≥ 1. */
  private readonly routeFactor: Float64Array;
  /** Month each control's route state was last used, [control * G + good] (−2: never). */
  private readonly routeMonth: Int32Array;
  /** Exporter's long-run price when a control with a known end began, [control * G + good]. */
  private readonly exitAnchor: Float64Array;
  /** Export controls with a known end: their exporter, goods and window. */
  private readonly temporaryControls: {
    index: number;
    exporter: number;
    goods: number[];
    start: number;
    end: number;
  }[];
  /** Licence applications waiting, t, [(control * G + good) * MAX_APPLICATION_AGE + age in months]. */
  private readonly applications: Float64Array;
  /**
   * Per good: capacity the world's pipeline should hold for steady growth over what it holds
   * (clamped), from the last cleared month. Investors see the projects already under way, so
   * new starts slow when the pipeline is full and speed up when it is thin (no investment cobweb).
   */
  private readonly pipelineFactor: Float64Array;
  /** Per control of the good being cleared: route factor and tonnes allowed (market inputs). */
  private readonly controlFactor = new Float64Array(128);
  private readonly controlAllowed = new Float64Array(128);
  private readonly recyclerStock: Float64Array;
  private readonly recyclerOffer: Float64Array;
  private readonly recycledNow: Float64Array;
  private readonly stockpiles: StockpileState[];
  private readonly subsidySpent: Float64Array;
  private readonly agg: Aggregates;
  private readonly outcomes: GoodMarketOutcome[];
  private readonly workspace: MarketWorkspace;
  private readonly monthOffer: Float64Array;
  private readonly monthBid: Float64Array;
  private readonly received: Float64Array;
  private readonly subsidyPaid: Float64Array;
  private stocksBefore: Float64Array;
  /** Scratch for this month's stocks (swapped with stocksBefore). */
  private stocksAfter: Float64Array;
  private readonly stockpilePurchases: Float64Array;
  private readonly stockpileSales: Float64Array;
  private monthPolicy: MonthPolicy | null = null;
  /**
   * The policy of the month being settled (set by clear). endMonth uses it rather than
   * monthPolicy because the parallel engine may begin the next month before ending this one.
   */
  private settlingPolicy: MonthPolicy | null = null;

  constructor(world: World, scenario: Scenario, plan: PopulationPlan, viewBuffer?: ArrayBufferLike) {
    this.world = world;
    this.scenario = scenario;
    this.plan = plan;
    const N = world.nodes.length;
    const G = world.goods.length;
    this.N = N;
    this.G = G;
    this.view = createMarketView(G, N, viewBuffer);
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
    const statusQuoTransport = transportCosts(
      km,
      STATUS_QUO_FREIGHT_USD_PER_TONNE_KM,
      STATUS_QUO_HANDLING_USD_PER_TONNE,
    );
    this.preference = originPreferences(world, statusQuoTransport, this.sigma);
    // Each site's margin at reference prices, the yardstick of its expansion signal: the price
    // for a mine; for a processor, the price less its input at the landed cost it pays in the
    // status quo (an importer's input carries freight), at least a quarter of the world's value added.
    const landed = referenceLandedCosts(world, statusQuoTransport, this.sigma, this.preference);
    this.referenceMargin = new Float64Array(G * N);
    world.goods.forEach((good, g) => {
      for (let n = 0; n < N; n++) {
        let margin = good.referencePrice;
        if (good.inputGood >= 0) {
          const valueAdded = referenceUnitCost(world, g, ROLE_PROCESSOR);
          margin = good.referencePrice - landed[good.inputGood * N + n] / good.yield;
          if (margin < 0.25 * valueAdded) margin = 0.25 * valueAdded;
        }
        this.referenceMargin[g * N + n] = margin;
      }
    });
    const perKey = () => new Float64Array(G * N);
    this.price = perKey();
    this.quoted = perKey();
    this.expectedPrice = perKey();
    this.longPrice = perKey();
    this.buyerPrice = perKey();
    this.buyerLongPrice = perKey();
    this.investPrice = perKey();
    this.buyerInvestPrice = perKey();
    this.buyerIndex = perKey();
    for (let g = 0; g < G; g++) {
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        this.price[k] = this.referencePrice[g];
        this.expectedPrice[k] = this.referencePrice[g];
        this.longPrice[k] = this.referencePrice[g];
        this.buyerPrice[k] = this.referencePrice[g];
        this.buyerLongPrice[k] = this.referencePrice[g];
        this.investPrice[k] = this.referencePrice[g];
        this.buyerInvestPrice[k] = this.referencePrice[g];
        this.buyerIndex[k] = this.referencePrice[g];
      }
    }
    this.growthLevel = new Float64Array(world.minerals.length * N).fill(1);
    this.adaptPrice = Float64Array.from(this.buyerIndex);
    this.bidPrice = Float64Array.from(this.buyerIndex);
    this.elasticityLong = Float64Array.from(world.goods, (g, i) =>
      Math.min(el.demandLongRunByMineral[g.mineral] ?? el.demandLongRun, this.elasticity[i]),
    );
    const C = scenario.exportControls.length;
    this.pipelineFactor = new Float64Array(G).fill(1);
    this.routeFactor = new Float64Array(C * G).fill(1);
    this.routeMonth = new Int32Array(C * G).fill(-2);
    this.exitAnchor = new Float64Array(C * G);
    this.temporaryControls = scenario.exportControls.flatMap((c, index) =>
      c.end === null
        ? []
        : [
            {
              index,
              exporter: world.nodes.findIndex((n) => n.code === c.exporter),
              goods: world.goods.flatMap((g, i) =>
                g.mineral === c.mineral && (c.stage === 'all' || g.stage === c.stage) ? [i] : [],
              ),
              start: c.start,
              end: c.end,
            },
          ],
    );
    this.applications = new Float64Array(C * G * MAX_APPLICATION_AGE);
    this.recyclerStock = perKey();
    this.recyclerOffer = perKey();
    this.recycledNow = perKey();
    this.subsidySpent = new Float64Array(scenario.priceGapSubsidies.length);
    this.stockpiles = scenario.stockpiles.map((s) => {
      const good = world.goods.findIndex((g) => g.mineral === s.mineral && g.stage === s.stage);
      const mask = this.policy.scopeMask(s.holder);
      let node = mask.indexOf(1);
      for (let n = 0; n < N; n++) {
        if (mask[n] && world.goods[good].finalDemand[n] > world.goods[good].finalDemand[node]) node = n;
      }
      return {
        good,
        node,
        scope: mask,
        stock: s.initialTonnes,
        budget: s.budgetUsd,
        bid: 0,
        release: 0,
        soldLast: 0,
      };
    });
    this.agg = new Aggregates(G * N);
    this.outcomes = world.goods.map(() => createOutcome(N));
    this.workspace = createWorkspace(N);
    this.monthOffer = perKey();
    this.monthBid = perKey();
    this.received = perKey();
    this.subsidyPaid = perKey();
    this.stocksBefore = new Float64Array(G);
    this.stocksAfter = new Float64Array(G);
    this.stockpilePurchases = perKey();
    this.stockpileSales = perKey();
    this.results = createResults({
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
    });
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

  /** World demand growth of a mineral in a month, per year (nodes weighted by calibrated final demand). */
  worldGrowth(mineral: number, month: number): number {
    const { N, world } = this;
    const policy = this.policy.at(month);
    let weighted = 0;
    let weight = 0;
    for (const gi of world.minerals[mineral].goods) {
      const fd = world.goods[gi].finalDemand;
      for (let n = 0; n < N; n++) {
        weighted += fd[n] * policy.growthRate[mineral * N + n];
        weight += fd[n];
      }
    }
    return weight > 0 ? weighted / weight : world.minerals[mineral].demandGrowth;
  }

  /** Phase 1: policy for the month and the view agents decide on. */
  beginMonth(month: number): void {
    const { N, G, world } = this;
    const policy = this.policy.at(month);
    this.monthPolicy = policy;
    const v = this.view.data;
    const stride = G * N;
    if (month > 0) {
      for (let m = 0; m < world.minerals.length; m++) {
        for (let n = 0; n < N; n++)
          this.growthLevel[m * N + n] *= pow(1 + policy.growthRate[m * N + n], 1 / 12);
      }
    }
    const hurdle = this.scenario.market.hurdle;
    const growthByMineral = world.minerals.map((_, m) => this.worldGrowth(m, month));
    for (let g = 0; g < G; g++) {
      const good = world.goods[g];
      const m = good.mineralIndex;
      // Expansion pace at reference prices matches the mineral's world demand growth.
      const growth = growthByMineral[m];
      let steadyLag = -1;
      let steady = { rate: 0, pipeline: 0 };
      const ref = this.referencePrice[g];
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        v[VIEW_EXPECTED_PRICE * stride + k] = this.expectedPrice[k];
        v[VIEW_LONG_PRICE * stride + k] = this.longPrice[k];
        v[VIEW_EXIT_PRICE * stride + k] = this.longPrice[k];
        v[VIEW_BUYER_PRICE * stride + k] = this.buyerPrice[k];
        v[VIEW_BUYER_LONG_PRICE * stride + k] = this.buyerLongPrice[k];
        v[VIEW_CAPACITY_FACTOR * stride + k] = policy.capacityFactor[k];
        // Short-run response to the expected price, and a long-run one (substitution, thrifting)
        // that builds up with a sustained price.
        const priceResponse =
          pow(this.buyerPrice[k] / ref, this.elasticity[g]) *
          pow(this.adaptPrice[k] / ref, this.elasticityLong[g] - this.elasticity[g]);
        v[VIEW_DEMAND_FACTOR * stride + k] = this.growthLevel[m * N + n] * priceResponse;
        v[VIEW_BUYER_COVER * stride + k] = good.buyerCover + policy.precautionaryCover[k];
        const support = policy.hurdleReduction[k];
        const earned =
          good.inputGood >= 0
            ? this.investPrice[k] - this.buyerInvestPrice[good.inputGood * N + n] / good.yield
            : this.investPrice[k];
        const signal = Math.max(0, earned / this.referenceMargin[k]) / (1 - Math.min(0.9, support));
        if (policy.expansionLag[k] !== steadyLag) {
          steadyLag = policy.expansionLag[k];
          steady = steadyExpansion(growth, steadyLag);
        }
        // The steady pace, scaled by the price signal and by how full the world's pipeline is
        // (no herd of projects that all come online at once), plus a kick where margins are
        // exceptional here (a node with cheap input builds even when the world pipeline is full).
        const pace = steady.rate * pow(signal, EXPANSION_ELASTICITY) * this.pipelineFactor[g];
        const rate = pace + EXPANSION_KICK * Math.max(0, signal - 1);
        v[VIEW_EXPANSION_RATE * stride + k] = Math.min(MAX_EXPANSION_RATE, rate);
        v[VIEW_BUILD_RATE * stride + k] = GREENFIELD_START_RATE * Math.min(1, this.pipelineFactor[g]);
        v[VIEW_ENTRY_HURDLE * stride + k] = Math.max(0, hurdle - support);
        v[VIEW_BUILD_LAG * stride + k] = policy.buildLag[k];
        v[VIEW_EXPANSION_LAG * stride + k] = policy.expansionLag[k];
      }
      // Producers under an export control with a known end expect prices to return after it:
      // they idle and store through it, and through the year after while the stocks it left
      // clear, rather than mothball (their long-run price when it began).
      for (const t of this.temporaryControls) {
        if (!t.goods.includes(g) || month < t.start || month >= t.end + MOTHBALL_AFTER_MONTHS) continue;
        const key = t.index * G + g;
        if (month === t.start) this.exitAnchor[key] = this.longPrice[g * N + t.exporter];
        const at = VIEW_EXIT_PRICE * stride + g * N + t.exporter;
        if (this.exitAnchor[key] > v[at]) v[at] = this.exitAnchor[key];
      }
    }
  }

  /** Phase 2: add the decision partials, clear every market, write fills into the view. */
  clear(month: number, partials: Float64Array): void {
    const { N, G, world, plan, agg } = this;
    const policy = this.monthPolicy!;
    this.settlingPolicy = policy;
    agg.offer.fill(0);
    agg.produced.fill(0);
    agg.capacity.fill(0);
    agg.cashCost.fill(0);
    agg.consumerDemand.fill(0);
    agg.consumerBid.fill(0);
    agg.processorBid.fill(0);
    agg.pipeline.fill(0);
    for (let b = 0; b < plan.blockCount; b++) {
      const group = plan.groups[plan.blockGroup[b]];
      const k = group.good * N + group.node;
      const p = b * PARTIAL_FIELDS;
      if (group.role === ROLE_CONSUMER) {
        agg.consumerDemand[k] += partials[p + PARTIAL_DEMAND];
        agg.consumerBid[k] += partials[p + PARTIAL_BID];
      } else {
        agg.offer[k] += partials[p + PARTIAL_OFFER];
        agg.produced[k] += partials[p + PARTIAL_PRODUCED];
        agg.capacity[k] += partials[p + PARTIAL_CAPACITY];
        agg.cashCost[k] += partials[p + PARTIAL_CASH_COST];
        agg.pipeline[k] += partials[p + PARTIAL_PIPELINE];
        if (group.role === ROLE_PROCESSOR) {
          agg.processorBid[world.goods[group.good].inputGood * N + group.node] +=
            partials[p + PARTIAL_INPUT_BID];
        }
      }
    }

    this.generateRecycling(month, policy);
    this.planStockpiles(policy);
    this.updatePipelineFactors(month, policy);

    const v = this.view.data;
    const stride = G * N;
    const kappa = this.scenario.elasticities.priceAdjustment;
    for (let g = 0; g < G; g++) {
      const offer = this.monthOffer.subarray(g * N, (g + 1) * N);
      const bid = this.monthBid.subarray(g * N, (g + 1) * N);
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        offer[n] = agg.offer[k] + this.recyclerOffer[k];
        bid[n] = agg.consumerBid[k] + agg.processorBid[k];
      }
      for (const s of this.stockpiles) {
        if (s.good !== g) continue;
        offer[s.node] += s.release;
        bid[s.node] += s.bid;
      }
      const out = this.outcomes[g];
      const good = world.goods[g];
      const controls = policy.controls[g];
      this.prepareControls(month, g, controls);
      clearGood(
        {
          nodes: N,
          offer,
          bid,
          price: this.price.subarray(g * N, (g + 1) * N),
          tariff: policy.tariff[g],
          transport: this.transport,
          traded: good.traded,
          sigma: this.sigma[g],
          preference: this.preference.subarray(g * N, (g + 1) * N),
          floors: policy.floors[g],
          controls,
          routeFactor: this.controlFactor,
          allowed: this.controlAllowed,
          offtakes: policy.offtakes[g],
          standards: policy.standards[g],
        },
        this.workspace,
        out,
      );
      this.settleControls(g, controls, out, kappa);
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        const delivered = out.delivered[n];
        this.received[k] = delivered;
        v[VIEW_FILL_FRACTION * stride + k] = bid[n] > 0 ? delivered / bid[n] : 0;
        const sold = out.sold[n];
        v[VIEW_SELL_FRACTION * stride + k] = offer[n] > 0 ? Math.min(1, sold / offer[n]) : 0;
      }
      this.payPriceGapSubsidies(g, policy, out);
      this.updatePrices(g, out, offer, kappa);
    }
    for (let g = 0; g < G; g++) {
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        v[VIEW_EXPECTED_PRICE * stride + k] = this.expectedPrice[k];
        v[VIEW_LONG_PRICE * stride + k] = this.longPrice[k];
        v[VIEW_BUYER_PRICE * stride + k] = this.buyerPrice[k];
        v[VIEW_BUYER_LONG_PRICE * stride + k] = this.buyerLongPrice[k];
      }
    }
  }

  /** Pipeline factors for next month's expansion rates (see pipelineFactor). */
  private updatePipelineFactors(month: number, policy: MonthPolicy): void {
    const { N, G, world, agg } = this;
    for (let g = 0; g < G; g++) {
      const growth = Math.max(0, this.worldGrowth(world.goods[g].mineralIndex, month));
      let output = 0;
      let pipeline = 0;
      let lag = 0;
      for (let n = 0; n < N; n++) {
        output += agg.produced[g * N + n];
        pipeline += agg.pipeline[g * N + n];
        lag += policy.expansionLag[g * N + n] * agg.produced[g * N + n];
      }
      if (!(output > 0)) {
        this.pipelineFactor[g] = 1;
        continue;
      }
      // Steady growth keeps (monthly growth) × lag of the output under construction.
      const needed = output * steadyExpansion(growth, lag / output).pipeline;
      const floor = 0.01 * output;
      const factor = (needed + floor) / (pipeline + floor);
      this.pipelineFactor[g] = factor < 0.05 ? 0.05 : factor > 3 ? 3 : factor;
    }
  }

  /**
   * Route state of the good's controls for this month: each quota's or licence's route factor
   * (export price over domestic price) and the tonnes it lets through before this month's
   * applications: the quota, or the approved share of the licence applications that have
   * waited out the processing delay. A control that was not in force last month starts afresh.
   */
  private prepareControls(month: number, g: number, controls: readonly ControlRule[]): void {
    const G = this.G;
    for (let c = 0; c < controls.length; c++) {
      const rule = controls[c];
      const key = rule.index * G + g;
      if (this.routeMonth[key] !== month - 1) {
        this.routeFactor[key] = 1;
        this.applications.fill(0, key * MAX_APPLICATION_AGE, (key + 1) * MAX_APPLICATION_AGE);
      }
      this.routeMonth[key] = month;
      this.controlFactor[c] = this.routeFactor[key];
      if (rule.kind === 'quota') this.controlAllowed[c] = rule.quotaPerMonth;
      else if (rule.kind === 'licence') {
        let processed = 0;
        const base = key * MAX_APPLICATION_AGE;
        for (let age = Math.max(1, rule.delayMonths); age < MAX_APPLICATION_AGE; age++)
          processed += this.applications[base + age];
        this.controlAllowed[c] = rule.approvalShare * processed;
      } else this.controlAllowed[c] = 0;
    }
  }

  /**
   * After clearing: licence backlogs lose what was approved (oldest first), take this month's
   * applications and age a month; each route factor moves with log excess demand on the route
   * (what buyers asked of it against what it could carry), as origin prices do, and never below 1:
   * the rent of a cap that no longer binds melts away.
   */
  private settleControls(
    g: number,
    controls: readonly ControlRule[],
    out: GoodMarketOutcome,
    kappa: number,
  ): void {
    const G = this.G;
    for (let c = 0; c < controls.length; c++) {
      const rule = controls[c];
      if (rule.kind === 'ban') continue;
      const key = rule.index * G + g;
      const asked = out.controlAsked[c];
      let carried = this.controlAllowed[c];
      if (rule.kind === 'licence') {
        const base = key * MAX_APPLICATION_AGE;
        let approved = carried;
        for (let age = MAX_APPLICATION_AGE - 1; age >= Math.max(1, rule.delayMonths) && approved > 0; age--) {
          const take = Math.min(approved, this.applications[base + age]);
          this.applications[base + age] -= take;
          approved -= take;
        }
        const approvedNow = rule.delayMonths === 0 ? rule.approvalShare * asked : 0;
        carried += approvedNow;
        // Applications age a month; the oldest lapse.
        for (let age = MAX_APPLICATION_AGE - 1; age > 0; age--)
          this.applications[base + age] = this.applications[base + age - 1];
        this.applications[base] = 0;
        this.applications[base + 1] = asked - approvedNow;
      }
      if (rule.kind === 'licence' && rule.approvalShare >= 1 && rule.delayMonths === 0) continue;
      const tiny = 1e-9 * (asked + carried) + 1e-12;
      const gap = log((asked + tiny) / (carried + tiny));
      // Rent erodes unless the cap keeps turning buyers away (a licence backlog in balance does not).
      let step = excessDemandStep(gap, kappa) - RENT_EROSION;
      if (step > MAX_PRICE_STEP) step = MAX_PRICE_STEP;
      else if (step < -MAX_PRICE_STEP) step = -MAX_PRICE_STEP;
      const factor = this.routeFactor[key] * exp(step);
      this.routeFactor[key] =
        factor < 1 ? 1 : factor > PRICE_CEILING_MULTIPLE ? PRICE_CEILING_MULTIPLE : factor;
    }
  }

  /** Recycling: a share of past consumption returns as secondary refined supply, offered by price-taking recyclers. */
  private generateRecycling(month: number, policy: MonthPolicy): void {
    const { N, world } = this;
    this.recycledNow.fill(0);
    for (const rule of policy.recycling) {
      const mineral = world.minerals[rule.mineral];
      const target = mineral.goods.find((g) => world.goods[g].stageIndex === 1) ?? mineral.goods[0];
      const past = month - rule.lagMonths;
      for (let n = 0; n < N; n++) {
        if (!rule.scopeMask[n]) continue;
        let consumed = 0;
        for (const g of mineral.goods) {
          consumed +=
            past >= 0 && past < this.results.monthsDone
              ? this.results.series.consumption[seriesIndex(this.results.meta, past, g, n)]
              : world.goods[g].finalDemand[n] / 12;
        }
        const amount = rule.share * consumed;
        this.recycledNow[target * N + n] += amount;
        this.recyclerStock[target * N + n] += amount;
      }
    }
    this.recyclerOffer.set(this.recyclerStock);
  }

  /** Stockpile agencies decide to buy (price below trigger, budget left) or release (price above trigger, or a declared disruption). */
  private planStockpiles(policy: MonthPolicy): void {
    const { N } = this;
    this.scenario.stockpiles.forEach((rule, i) => {
      const s = this.stockpiles[i];
      s.bid = 0;
      s.release = 0;
      if (!policy.stockpileActive[i]) return;
      // Agencies watch last month's landed price (not a smoothed expectation): they act fast.
      const price = this.buyerIndex[s.good * N + s.node];
      if (price > rule.releaseAboveUsd) s.release = Math.min(rule.maxReleaseTonnesPerMonth, s.stock);
      else if (rule.releaseOnDisruption && policy.disruption[s.good] === 1) {
        // In a declared disruption the agency covers the shortage its scope would have seen
        // last month without it (unmet demand plus what it sold), with a margin: it does not
        // flood the market.
        const shortage = this.lastUnmet(s.good, s.scope) + s.soldLast;
        s.release = Math.min(rule.maxReleaseTonnesPerMonth, s.stock, DISRUPTION_RELEASE_MARGIN * shortage);
      } else if (price < rule.buyBelowUsd && s.budget > 0) {
        s.bid = Math.min(rule.maxBuyTonnesPerMonth, s.budget / price);
      }
    });
  }

  /** Final demand not met last month in the nodes of `scope`, t. */
  private lastUnmet(good: number, scope: Uint8Array): number {
    const month = this.results.monthsDone - 1;
    if (month < 0) return 0;
    let unmet = 0;
    for (let n = 0; n < this.N; n++) {
      if (scope[n]) unmet += this.results.series.unmet[seriesIndex(this.results.meta, month, good, n)];
    }
    return unmet;
  }

  private payPriceGapSubsidies(g: number, policy: MonthPolicy, out: GoodMarketOutcome): void {
    const { N } = this;
    for (let n = 0; n < N; n++) this.subsidyPaid[g * N + n] = 0;
    for (const rule of policy.subsidies[g]) {
      let due = 0;
      for (let n = 0; n < N; n++) {
        if (rule.scopeMask[n]) due += Math.max(0, rule.reference - this.price[g * N + n]) * out.sold[n];
      }
      if (!(due > 0)) continue;
      const left = rule.budget === null ? due : Math.max(0, rule.budget - this.subsidySpent[rule.index]);
      const scale = Math.min(1, left / due);
      for (let n = 0; n < N; n++) {
        if (!rule.scopeMask[n]) continue;
        this.subsidyPaid[g * N + n] +=
          Math.max(0, rule.reference - this.price[g * N + n]) * out.sold[n] * scale;
      }
      this.subsidySpent[rule.index] += due * scale;
    }
  }

  /** Received prices feed expectations; origin prices move with log excess demand. */
  private updatePrices(g: number, out: GoodMarketOutcome, offer: Float64Array, kappa: number): void {
    const { N } = this;
    const ref = this.referencePrice[g];
    const low = ref * PRICE_FLOOR_FRACTION;
    const high = ref * PRICE_CEILING_MULTIPLE;
    let shipped = 0;
    for (let n = 0; n < N; n++) shipped += out.sold[n];
    for (let n = 0; n < N; n++) {
      const k = g * N + n;
      const sold = out.sold[n];
      // Firms plan on the price of their marginal tonne: a quota's rent comes on a fixed volume.
      const received =
        sold > 0 ? (out.receipts[n] - out.firmRent[n] + this.subsidyPaid[k]) / sold : this.price[k];
      this.expectedPrice[k] += SHORT_EXPECTATION * (received - this.expectedPrice[k]);
      this.longPrice[k] += LONG_EXPECTATION * (received - this.longPrice[k]);
      this.investPrice[k] += INVESTMENT_EXPECTATION * (received - this.investPrice[k]);

      // The price buyers face: what they paid for what arrived, and a bid price for what they
      // wanted and could not get, so unmet demand raises the price instead of hiding.
      const inflow = out.inflow[n];
      const wanted = this.monthBid[k];
      const short = wanted > inflow ? wanted - inflow : 0;
      const paid = inflow > 0 ? out.payments[n] / inflow : out.bestLanded[n];
      if (short > 1e-9 * wanted) {
        // Going short: bid above the dearest tonne on offer, more the larger the shortfall; with
        // nothing on offer at all, keep raising last month's bid.
        let base = out.highestLanded[n];
        if (out.bestLanded[n] < Number.POSITIVE_INFINITY && out.bestLanded[n] > base)
          base = out.bestLanded[n];
        if (!(base > 0)) base = this.bidPrice[k];
        const gap = log(wanted / (inflow + 1e-9 * wanted));
        let step = excessDemandStep(gap, kappa);
        if (step > MAX_PRICE_STEP) step = MAX_PRICE_STEP;
        const bidNow = base * exp(step);
        this.bidPrice[k] = bidNow < high ? bidNow : high;
      } else if (paid < Number.POSITIVE_INFINITY) this.bidPrice[k] = paid;
      let index: number;
      if (wanted > 0 && (inflow > 0 || short > 0))
        index = (out.payments[n] + short * this.bidPrice[k]) / (inflow + short);
      else if (paid < Number.POSITIVE_INFINITY) index = paid;
      else index = this.buyerIndex[k];
      this.buyerIndex[k] = index;
      this.buyerPrice[k] += SHORT_EXPECTATION * (index - this.buyerPrice[k]);
      this.buyerLongPrice[k] += LONG_EXPECTATION * (index - this.buyerLongPrice[k]);
      this.buyerInvestPrice[k] += INVESTMENT_EXPECTATION * (index - this.buyerInvestPrice[k]);
      this.adaptPrice[k] += ADAPTATION_EXPECTATION * (index - this.adaptPrice[k]);

      const asked = out.notionalDemand[n];
      const offered = offer[n];
      this.quoted[k] = this.price[k];
      let next = this.price[k];
      if (offered > 0 && !out.reachable[n]) {
        // No buyer can reach these sellers (every route closed): there is no market to discover a
        // price in, so the quote stays where it was and sellers store what they make.
      } else if (offered > 0 || asked > 0) {
        const tiny = 1e-9 * (shipped + 1e-9);
        const gap = log((asked + tiny) / (offered + tiny));
        // Small imbalances move prices gently (the status quo stays stable), large ones fast.
        let step = excessDemandStep(gap, kappa);
        if (step > MAX_PRICE_STEP) step = MAX_PRICE_STEP;
        else if (step < -MAX_PRICE_STEP) step = -MAX_PRICE_STEP;
        next *= exp(step);
      } else {
        // No seller here: the node's quote follows what its buyers pay (prices stockpile sales).
        next = index;
      }
      this.price[k] = next < low ? low : next > high ? high : next;
    }
  }

  /**
   * Phase 3: add the settlement partials, settle stockpiles and recyclers, check conservation,
   * record the month. It reads nothing that the next month's beginMonth or the agents' decide
   * phase write, so the parallel engine runs it while the workers decide the next month.
   */
  endMonth(month: number, partials: Float64Array): void {
    const { N, G, world, plan, agg, results } = this;
    agg.sold.fill(0);
    agg.producerStock.fill(0);
    agg.processorStock.fill(0);
    agg.consumerStock.fill(0);
    agg.inputReceived.fill(0);
    agg.inputUsed.fill(0);
    agg.inputReceivedByOutput.fill(0);
    agg.consumed.fill(0);
    agg.unmet.fill(0);
    agg.capacityStarted.fill(0);
    for (let b = 0; b < plan.blockCount; b++) {
      const group = plan.groups[plan.blockGroup[b]];
      const k = group.good * N + group.node;
      const p = b * PARTIAL_FIELDS;
      if (group.role === ROLE_CONSUMER) {
        agg.consumed[k] += partials[p + PARTIAL_CONSUMED];
        agg.unmet[k] += partials[p + PARTIAL_UNMET];
        agg.consumerStock[k] += partials[p + PARTIAL_STOCK_IN];
        continue;
      }
      agg.sold[k] += partials[p + PARTIAL_SOLD];
      agg.producerStock[k] += partials[p + PARTIAL_STOCK_OUT];
      agg.capacityStarted[k] += partials[p + PARTIAL_CAPACITY_STARTED];
      if (group.role === ROLE_PROCESSOR) {
        const ik = world.goods[group.good].inputGood * N + group.node;
        agg.processorStock[ik] += partials[p + PARTIAL_STOCK_IN];
        agg.inputReceived[ik] += partials[p + PARTIAL_INPUT_RECEIVED];
        agg.inputUsed[ik] += partials[p + PARTIAL_INPUT_USED];
        agg.inputReceivedByOutput[k] += partials[p + PARTIAL_INPUT_RECEIVED];
      }
    }

    const v = this.view.data;
    const stride = G * N;
    const { stockpilePurchases, stockpileSales } = this;
    stockpilePurchases.fill(0);
    stockpileSales.fill(0);
    for (const s of this.stockpiles) {
      const k = s.good * N + s.node;
      const bought = s.bid * v[VIEW_FILL_FRACTION * stride + k];
      const sold = s.release * v[VIEW_SELL_FRACTION * stride + k];
      // The agency never spends past its budget (its last order is sized at last month's price).
      const cost = Math.min(bought * this.buyerIndex[k], s.budget);
      s.stock += bought - sold;
      if (s.stock < 0) s.stock = 0; // rounding of a release of the whole stock
      s.soldLast = sold;
      s.budget = Math.max(0, s.budget - cost);
      stockpilePurchases[k] += cost;
      stockpileSales[k] +=
        (sold * this.outcomes[s.good].receipts[s.node]) /
        Math.max(this.outcomes[s.good].sold[s.node], 1e-300);
    }
    for (let k = 0; k < G * N; k++) {
      this.recyclerStock[k] -= this.recyclerOffer[k] * v[VIEW_SELL_FRACTION * stride + k];
      if (this.recyclerStock[k] < 0) this.recyclerStock[k] = 0;
    }

    // Conservation per good: stocks change by inflows (output, recycling) minus outflows (consumption, input used).
    let worst = 0;
    const stocksNow = this.stocksAfter;
    for (let g = 0; g < G; g++) {
      let stocks = 0;
      let inflow = 0;
      let outflow = 0;
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        stocks += agg.producerStock[k] + agg.processorStock[k] + agg.consumerStock[k] + this.recyclerStock[k];
        inflow += agg.produced[k] + this.recycledNow[k];
        outflow += agg.consumed[k] + agg.inputUsed[k];
      }
      for (const s of this.stockpiles) if (s.good === g) stocks += s.stock;
      stocksNow[g] = stocks;
      const imbalance = Math.abs(stocks - this.stocksBefore[g] - inflow + outflow);
      const scale = Math.max(inflow + outflow, stocks, 1e-9);
      worst = Math.max(worst, imbalance / scale);
    }
    this.stocksAfter = this.stocksBefore;
    this.stocksBefore = stocksNow;

    this.record(month, this.settlingPolicy!, stockpilePurchases, stockpileSales, worst);
    results.monthsDone = month + 1;
  }

  private record(
    month: number,
    policy: MonthPolicy,
    stockpilePurchases: Float64Array,
    stockpileSales: Float64Array,
    conservationError: number,
  ): void {
    const { N, G, world, agg, results } = this;
    const s = results.series;
    const base = month * G * N;
    // Whole columns first (the aggregates share the series' good × node order).
    s.buyerPrice.set(this.buyerIndex, base);
    s.capacity.set(agg.capacity, base);
    s.consumption.set(agg.consumed, base);
    s.demand.set(agg.consumerDemand, base);
    s.unmet.set(agg.unmet, base);
    s.subsidySpend.set(this.subsidyPaid, base);
    s.stockpilePurchases.set(stockpilePurchases, base);
    s.stockpileSales.set(stockpileSales, base);
    const { price, exportPrice, production, revenue, profit, consumerSpend, supportSpend, stocks } = s;
    const supportShare = 1 / Math.max(this.scenario.market.hurdle, 1e-9);
    let flowCount = 0;
    for (let g = 0; g < G; g++) {
      const out = this.outcomes[g];
      const inputGood = world.goods[g].inputGood;
      const capex = CAPEX_MONTHS_OF_REVENUE * this.referencePrice[g];
      const row = base + g * N;
      s.exports.set(out.exports, row);
      s.imports.set(out.imports, row);
      s.tariffRevenue.set(out.tariffRevenue, row);
      s.levyRevenue.set(out.levyRevenue, row);
      s.feeRevenue.set(out.feeRevenue, row);
      s.controlRent.set(out.controlRent, row);
      s.rentRevenue.set(out.rentRevenue, row);
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        const at = row + n;
        // The quote at which this month's market cleared (domestic price), and what exports fetched.
        const quote = this.quoted[k];
        price[at] = quote;
        const exported = out.exports[n];
        exportPrice[at] = exported > 0 ? quote + out.controlRent[n] / exported : quote;
        production[at] = agg.produced[k] + this.recycledNow[k];
        const received = out.receipts[n] + this.subsidyPaid[k];
        revenue[at] = received;
        const inputCost =
          inputGood >= 0 ? agg.inputReceivedByOutput[k] * this.buyerIndex[inputGood * N + n] : 0;
        profit[at] = received - agg.cashCost[k] - inputCost;
        const bid = this.monthBid[k];
        consumerSpend[at] = bid > 0 ? out.payments[n] * (agg.consumerBid[k] / bid) : 0;
        const support = policy.hurdleReduction[k];
        supportSpend[at] =
          support > 0 ? Math.min(1, support * supportShare) * agg.capacityStarted[k] * capex : 0;
        stocks[at] =
          agg.producerStock[k] + agg.processorStock[k] + agg.consumerStock[k] + this.recyclerStock[k];
      }
      flowCount += out.pairCount;
    }
    for (const sp of this.stockpiles) stocks[base + sp.good * N + sp.node] += sp.stock;
    // Sparse flows, ordered by good then pair index (a stable order for hashing).
    const keys = new Uint32Array(flowCount);
    const tonnes = new Float64Array(flowCount);
    let f = 0;
    for (let g = 0; g < G; g++) {
      const out = this.outcomes[g];
      // Sorted in place: the pair list is rebuilt from scratch next month.
      const pairs = out.pairs.subarray(0, out.pairCount).sort();
      for (let p = 0; p < pairs.length; p++) {
        keys[f] = g * N * N + pairs[p];
        tonnes[f++] = out.flow[pairs[p]];
      }
    }
    this.stockpiles.forEach((sp, i) => {
      results.stockpileTonnes[month * this.stockpiles.length + i] = sp.stock;
    });
    results.conservationError[month] = conservationError;
    results.flowKeys[month] = keys;
    results.flowTonnes[month] = tonnes;
  }
}
