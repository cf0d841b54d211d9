/**
 * The coordinator's per-good work of a month: clearing each good's market (market.ts) with its
 * controls' route state (routes.ts), subsidies (subsidies.ts) and price updates (prices.ts),
 * the fills written into the month's view, then the next month's view for the good (expected
 * prices, demand factors, investment signals). Goods are independent within a month once the
 * coordinator has summed the decisions and planned recyclers and stockpiles, except where one
 * good reads another: a processing stage's investment signal reads its input good's prices, and
 * a price-gap subsidy's budget is spent across the goods it covers in good order. Goods so
 * linked form one market group (marketGroups), always handled by one thread in good order.
 *
 * The single-thread engine runs every good in the coordinator's thread; with shared memory the
 * block workers each run their goods (the parallel engine's market phase, phases.ts) on
 * GoodMarkets of their own whose state lives in one SharedArrayBuffer (`Arena`, the same
 * arrays in every thread). Every cell's arithmetic is the same either way, so are the numbers.
 */
import type { Scenario } from '../scenario/schema.ts';
import { type Aggregates, createAggregates } from './aggregates.ts';
import { Arena } from './arena.ts';
import { STATUS_QUO_FREIGHT_USD_PER_TONNE_KM, STATUS_QUO_HANDLING_USD_PER_TONNE } from './constants.ts';
import {
  type MarketViews,
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
import { referenceMargins, worldGrowth, writeInvestmentView } from './investment.ts';
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
import { recordGoodMarket } from './recording.ts';
import { createRecycling, type RecyclingState } from './recycling.ts';
import type { SeriesName } from './results.ts';
import {
  anchorExitPrices,
  createRouteState,
  prepareControls,
  type RouteState,
  settleControls,
} from './routes.ts';
import { createStockpiles } from './stockpiles.ts';
import { payPriceGapSubsidies } from './subsidies.ts';
import { distanceMatrix, transportCosts, type World } from './world.ts';

/** Placeholder for a market input's per-month arrays until the first clear sets them. */
const EMPTY = new Float64Array(0);

/**
 * What the markets are calibrated on, computed once by the coordinator and handed to the threads
 * that clear goods (so every thread has the same bits without refitting the preferences).
 */
export interface MarketConstants {
  /** Transport cost per pair at the scenario's freight rates, USD/t, [origin * N + destination]. */
  transport: Float64Array;
  /** Armington preference per good and origin, [g * N + n] (preference.ts). */
  preference: Float64Array;
  /**
   * What buyers pay in the status quo, [g * N + n], USD/t: reference prices plus transport and
   * base tariffs, averaged over origins by the calibrated shares (preference.ts). Buyers' prices
   * start there and demand responds to prices relative to it.
   */
  referenceLanded: Float64Array;
  /** Each site's margin at reference prices, [g * N + n], USD/t (its expansion signal's yardstick). */
  referenceMargin: Float64Array;
}

/** Elasticity of substitution between origins, per good. */
function substitution(world: World, scenario: Scenario): Float64Array {
  const el = scenario.elasticities;
  return Float64Array.from(world.goods, (g) => el.substitutionByMineral[g.mineral] ?? el.substitution);
}

export function marketConstants(world: World, scenario: Scenario): MarketConstants {
  const km = distanceMatrix(world.nodes);
  const sigma = substitution(world, scenario);
  // Preferences and reference margins at the status quo's transport costs, so a scenario that
  // changes freight moves trade from the calibrated pattern.
  const statusQuoTransport = transportCosts(
    km,
    STATUS_QUO_FREIGHT_USD_PER_TONNE_KM,
    STATUS_QUO_HANDLING_USD_PER_TONNE,
  );
  const baseTariff = baseTariffMatrices(world, scenario);
  const preference = originPreferences(world, statusQuoTransport, baseTariff, sigma);
  const referenceLanded = referenceLandedCosts(world, statusQuoTransport, baseTariff, sigma, preference);
  return {
    transport: transportCosts(km, scenario.market.freightUsdPerTonneKm, scenario.market.handlingUsdPerTonne),
    preference,
    referenceLanded,
    referenceMargin: referenceMargins(world, referenceLanded),
  };
}

/**
 * The state the coordinator and the threads that clear goods share, in the order it is carved
 * from an arena (the same in every thread). The coordinator writes the month's sums, recyclers,
 * stockpile orders and pipeline factors before the goods clear; the goods' threads write the
 * rest, each only for its own goods.
 */
export interface MarketState {
  agg: Aggregates;
  recycling: RecyclingState;
  /** Per stockpile agency: this month's bid and release, t (stockpiles.ts plans them). */
  stockpileBid: Float64Array;
  stockpileRelease: Float64Array;
  /**
   * Per good: capacity the world's pipeline should hold for steady growth over what it holds
   * (clamped), from the last cleared month (investment.ts).
   */
  pipelineFactor: Float64Array;
  prices: PriceState;
  routes: RouteState;
  /** Price-gap subsidies paid this month per key, and spent per rule over the run, USD. */
  subsidyPaid: Float64Array;
  subsidySpent: Float64Array;
  /** This month's market inputs per key, t: offers and bids. */
  monthOffer: Float64Array;
  monthBid: Float64Array;
  outcomes: GoodMarketOutcome[];
  /** Per good: its outcome's pairCount after its last clearing (what other threads read it by). */
  pairCounts: Int32Array;
  /**
   * Per good: the release (control generation) of the parallel engine's phase whose market part
   * last cleared it and wrote its next view (block workers wait on it: blockWorker.ts).
   */
  ready: Int32Array;
}

function createMarketState(
  world: World,
  scenario: Scenario,
  referenceLanded: Float64Array,
  memory: Arena,
): MarketState {
  const N = world.nodes.length;
  const G = world.goods.length;
  const pipelineFactor = memory.f64(G);
  if (!memory.attached) pipelineFactor.fill(1);
  return {
    agg: createAggregates(G * N, memory),
    recycling: createRecycling(G * N, memory),
    stockpileBid: memory.f64(scenario.stockpiles.length),
    stockpileRelease: memory.f64(scenario.stockpiles.length),
    pipelineFactor,
    prices: createPriceState(
      Float64Array.from(world.goods, (g) => g.referencePrice),
      referenceLanded,
      N,
      memory,
    ),
    routes: createRouteState(world, scenario, memory),
    subsidyPaid: memory.f64(G * N),
    subsidySpent: memory.f64(scenario.priceGapSubsidies.length),
    monthOffer: memory.f64(G * N),
    monthBid: memory.f64(G * N),
    outcomes: world.goods.map(() => createOutcome(N, memory)),
    pairCounts: memory.i32(G),
    ready: memory.i32(G),
  };
}

/** Bytes of the shared buffer a scenario's market state needs. */
export function marketStateByteLength(world: World, scenario: Scenario): number {
  const counter = new Arena();
  createMarketState(world, scenario, new Float64Array(world.goods.length * world.nodes.length), counter);
  return counter.byteLength;
}

export class GoodMarkets {
  readonly world: World;
  readonly scenario: Scenario;
  readonly constants: MarketConstants;
  readonly state: MarketState;
  /** Every good, in order (the single-thread engine's share). */
  readonly allGoods: Int32Array;
  private readonly N: number;
  private readonly G: number;
  private readonly views: MarketViews;
  /** This thread's compilation of the scenario's policy (the coordinator's, when it clears goods). */
  private readonly policy: CompiledPolicy;
  /**
   * The last two months' policies (policyAt): a worker clears month m and begins m + 1 group by
   * group, asking for both months' tables in turn.
   */
  private readonly policyMonths = [-1, -1];
  private readonly policies: (MonthPolicy | null)[] = [null, null];
  private readonly referencePrice: Float64Array;
  /** [g * N + n]: 1 where consumer agents read the demand factor (the only cells that need it). */
  private readonly hasConsumers: Uint8Array;
  private readonly sigma: Float64Array;
  /** Short-run and long-run (substitution, thrifting; ≤ the short-run) demand elasticities per good. */
  private readonly elasticity: Float64Array;
  readonly elasticityLong: Float64Array;
  /** Demand growth index per mineral and node since month 0 (this thread's copy, grown in beginGoods). */
  private readonly growthLevel: Float64Array;
  /** Monthly growth factor per mineral and node under growthPolicy, (1 + annual rate)^(1/12). */
  private readonly growthStep: Float64Array;
  private growthPolicy: MonthPolicy | null = null;
  /** The last month whose growth growthLevel holds. */
  private grownMonth = 0;
  /** Per stockpile agency: its good and node. */
  private readonly stockpileGood: Int32Array;
  private readonly stockpileNode: Int32Array;
  /**
   * Per good: its market's input, made once with the good's own views of the month's offers,
   * bids, prices and preferences; clearing sets the month's policy fields (no garbage a month).
   */
  private readonly marketInputs: GoodMarketInput[];
  /** The run's results series each cleared good's MARKET_SERIES are recorded into (recordInto). */
  private recordSeries: Record<SeriesName, Float64Array> | null = null;
  private readonly workspace: MarketWorkspace;

  /**
   * `views`: the market views (shared with the agents' threads); `memory`: where the shared
   * state lives (attached in a thread that clears goods for the coordinator).
   */
  constructor(
    world: World,
    scenario: Scenario,
    plan: PopulationPlan,
    constants: MarketConstants,
    views: MarketViews,
    memory: Arena,
    policy: CompiledPolicy = compilePolicy(world, scenario),
  ) {
    this.world = world;
    this.scenario = scenario;
    this.constants = constants;
    const N = world.nodes.length;
    const G = world.goods.length;
    this.N = N;
    this.G = G;
    this.views = views;
    this.allGoods = Int32Array.from(world.goods, (_, g) => g);
    this.policy = policy;
    this.referencePrice = Float64Array.from(world.goods, (g) => g.referencePrice);
    const el = scenario.elasticities;
    this.sigma = substitution(world, scenario);
    this.elasticity = Float64Array.from(world.goods, (g) => el.demandByMineral[g.mineral] ?? el.demand);
    this.elasticityLong = Float64Array.from(world.goods, (g, i) =>
      Math.min(el.demandLongRunByMineral[g.mineral] ?? el.demandLongRun, this.elasticity[i]),
    );
    this.hasConsumers = new Uint8Array(G * N);
    for (const group of plan.groups)
      if (group.role === ROLE_CONSUMER && group.count > 0) this.hasConsumers[group.good * N + group.node] = 1;
    this.growthLevel = new Float64Array(world.minerals.length * N).fill(1);
    this.growthStep = new Float64Array(world.minerals.length * N);
    const stockpiles = createStockpiles(world, scenario, this.policy);
    this.stockpileGood = Int32Array.from(stockpiles, (s) => s.good);
    this.stockpileNode = Int32Array.from(stockpiles, (s) => s.node);
    this.state = createMarketState(world, scenario, constants.referenceLanded, memory);
    const { monthOffer, monthBid, prices, routes } = this.state;
    this.marketInputs = world.goods.map((good, g) => ({
      nodes: N,
      offer: monthOffer.subarray(g * N, (g + 1) * N),
      bid: monthBid.subarray(g * N, (g + 1) * N),
      price: prices.price.subarray(g * N, (g + 1) * N),
      tariff: EMPTY,
      transport: constants.transport,
      traded: good.traded,
      sigma: this.sigma[g],
      preference: constants.preference.subarray(g * N, (g + 1) * N),
      floors: [],
      controls: [],
      routeFactor: routes.factor,
      allowed: routes.allowed,
      offtakes: [],
      standards: [],
    }));
    this.workspace = createWorkspace(N);
    // Month 0's policy tables now, with the rest of the set-up: a block worker that clears goods
    // would otherwise build them in its first market phase, with code its thread has barely run,
    // while its blocks and the other workers' wait for its goods.
    this.policyAt(0);
  }

  /**
   * Records each good's MARKET_SERIES into `series` (the run's results, recording.ts:
   * recordGoodMarket) as soon as it is cleared: the coordinator's own markets record into its
   * results, a block worker's into the shared results. Markets that record nowhere (a test's)
   * leave those series to no one.
   */
  recordInto(series: Record<SeriesName, Float64Array>): void {
    this.recordSeries = series;
  }

  /**
   * The market phase of month `month` for `goods` (ascending, whole market groups): clear them,
   * then write their part of the next month's view (none after the run's last month).
   */
  runMonth(month: number, goods: ArrayLike<number>): void {
    this.clearGoods(month, goods);
    if (month + 1 < this.scenario.months) this.beginGoods(month + 1, goods);
  }

  /**
   * Clears `goods` for month `month` on the coordinator's sums and plans (MarketState), writes
   * their fills and the moved prices into the month's view.
   */
  clearGoods(month: number, goods: ArrayLike<number>): void {
    const { N, G, state } = this;
    const { agg, recycling, prices, routes, outcomes, pairCounts } = state;
    const policy = this.policyAt(month);
    const v = this.views.views[month & 1].data;
    const stride = G * N;
    const kappa = this.scenario.elasticities.priceAdjustment;
    for (let i = 0; i < goods.length; i++) {
      const g = goods[i];
      const input = this.marketInputs[g];
      const { offer, bid } = input;
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        offer[n] = agg.offer[k] + recycling.offer[k];
        bid[n] = agg.consumerBid[k] + agg.processorBid[k];
      }
      for (let s = 0; s < this.stockpileGood.length; s++) {
        if (this.stockpileGood[s] !== g) continue;
        offer[this.stockpileNode[s]] += state.stockpileRelease[s];
        bid[this.stockpileNode[s]] += state.stockpileBid[s];
      }
      const out = outcomes[g];
      // The outcome's pair list as the good's last clearing left it, whichever thread cleared it.
      out.pairCount = pairCounts[g];
      const controls = policy.controls[g];
      prepareControls(routes, month, g, controls);
      input.tariff = policy.tariff[g];
      input.floors = policy.floors[g];
      input.controls = controls;
      input.offtakes = policy.offtakes[g];
      input.standards = policy.standards[g];
      clearGood(input, this.workspace, out);
      pairCounts[g] = out.pairCount;
      settleControls(routes, g, controls, out, kappa);
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        v[VIEW_FILL_FRACTION * stride + k] = bid[n] > 0 ? out.delivered[n] / bid[n] : 0;
        v[VIEW_SELL_FRACTION * stride + k] = offer[n] > 0 ? Math.min(1, out.sold[n] / offer[n]) : 0;
      }
      payPriceGapSubsidies(g, N, policy, prices.price, out, state.subsidyPaid, state.subsidySpent);
      updatePrices(prices, g, N, this.referencePrice[g], out, offer, bid, state.subsidyPaid, kappa);
      for (let k = g * N; k < (g + 1) * N; k++) {
        v[VIEW_EXPECTED_PRICE * stride + k] = prices.expectedPrice[k];
        v[VIEW_LONG_PRICE * stride + k] = prices.longPrice[k];
        v[VIEW_BUYER_PRICE * stride + k] = prices.buyerPrice[k];
        v[VIEW_BUYER_LONG_PRICE * stride + k] = prices.buyerLongPrice[k];
      }
      if (this.recordSeries)
        recordGoodMarket(
          this.recordSeries,
          month,
          g,
          N,
          G,
          out,
          prices,
          agg,
          recycling,
          state.monthBid,
          state.subsidyPaid,
        );
    }
  }

  /**
   * Month `month`'s view for `goods`, what agents decide on: expected prices, capacity and
   * demand factors, cover, investment signals. Months come in order (the demand growth index
   * grows by one month each).
   */
  beginGoods(month: number, goods: ArrayLike<number>): void {
    const { N, G, world, state } = this;
    const { prices } = state;
    const policy = this.policyAt(month);
    this.growTo(month, policy);
    const v = this.views.views[month & 1].data;
    const stride = G * N;
    const hurdle = this.scenario.market.hurdle;
    const { referenceLanded, referenceMargin } = this.constants;
    for (let i = 0; i < goods.length; i++) {
      const g = goods[i];
      const good = world.goods[g];
      const m = good.mineralIndex;
      for (let n = 0; n < N; n++) {
        const k = g * N + n;
        const ref = referenceLanded[k];
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
        referenceMargin,
        state.pipelineFactor[g],
        worldGrowth(world, policy, m),
        hurdle,
      );
      anchorExitPrices(state.routes, month, g, N, prices.longPrice, v);
    }
  }

  /** Month `month`'s policy, asked of the compiled policy once however many groups ask. */
  private policyAt(month: number): MonthPolicy {
    const slot = month & 1;
    if (this.policyMonths[slot] !== month) {
      this.policies[slot] = this.policy.at(month);
      this.policyMonths[slot] = month;
    }
    return this.policies[slot]!;
  }

  /**
   * Advances the demand growth index to `month` (one month at a time: a thread that clears goods
   * begins every month from 1; the coordinator's own copy begins month 0 and, run alone, every month).
   */
  private growTo(month: number, policy: MonthPolicy): void {
    if (month === this.grownMonth) return;
    if (month !== this.grownMonth + 1)
      throw new Error(`demand growth asked for month ${month} after month ${this.grownMonth}`);
    this.grownMonth = month;
    // The monthly step changes only with the policy (compiled policies are shared between changes).
    if (policy !== this.growthPolicy) {
      this.growthPolicy = policy;
      for (let k = 0; k < this.growthStep.length; k++)
        this.growthStep[k] = pow(1 + policy.growthRate[k], 1 / 12);
    }
    for (let k = 0; k < this.growthStep.length; k++) this.growthLevel[k] *= this.growthStep[k];
  }
}

/**
 * Goods that must be handled by one thread, in good order, with a weight for balancing: a
 * mineral's stages (a processing stage's investment signal reads its input good's prices) joined
 * with the goods of any price-gap subsidy with a budget (spent across its goods in good order).
 * Weight: the population groups that sell or buy the group's goods (the cells its markets clear).
 */
export function marketGroups(
  world: World,
  scenario: Scenario,
  plan: PopulationPlan,
): { goods: number[]; weight: number }[] {
  const G = world.goods.length;
  const root = Int32Array.from({ length: G }, (_, g) => g);
  const find = (g: number): number => {
    while (root[g] !== g) g = root[g] = root[root[g]];
    return g;
  };
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) root[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  world.goods.forEach((good, g) => {
    if (good.inputGood >= 0) join(g, good.inputGood);
  });
  // A budget's goods, as compiled month by month (a policy is rebuilt only when a lever changes).
  const policy = compilePolicy(world, scenario);
  const firstGood = new Map<number, number>();
  let seen: MonthPolicy | null = null;
  for (let month = 0; month < scenario.months; month++) {
    const p = policy.at(month);
    if (p === seen) continue;
    seen = p;
    p.subsidies.forEach((rules, g) => {
      for (const rule of rules) {
        if (rule.budget === null) continue;
        const first = firstGood.get(rule.index);
        if (first === undefined) firstGood.set(rule.index, g);
        else join(first, g);
      }
    });
  }
  const weight = new Float64Array(G);
  for (const group of plan.groups) {
    if (group.count === 0) continue;
    weight[group.good]++;
    if (group.role === ROLE_PROCESSOR) weight[world.goods[group.good].inputGood]++;
  }
  const groups = new Map<number, { goods: number[]; weight: number }>();
  for (let g = 0; g < G; g++) {
    const r = find(g);
    const group = groups.get(r) ?? { goods: [], weight: 0 };
    group.goods.push(g);
    group.weight += weight[g] + 1;
    groups.set(r, group);
  }
  return [...groups.values()];
}
