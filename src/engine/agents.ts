/**
 * Agent rules, as plain functions over a range of blocks: initialisation (drawing sizes and
 * costs), the monthly decision (produce, offer, bid) and settlement (sell, buy, consume, stock,
 * exit, invest). Every block writes its own partial sums; nothing here depends on which worker
 * runs which block. The monthly loops themselves are WebAssembly (wasm/agentMonth.ts, run through
 * agentLoops.ts): this module reads each block's market signals and stores the block's sums.
 */
import { agentLoops } from './agentLoops.ts';
import { type AgentColumns, BLOCK_ROW_FIELDS, BLOCK_SIGNALS } from './columns.ts';
import {
  CHOKE_PRICE_MEDIAN,
  CHOKE_PRICE_SPREAD,
  COST_CURVE_EXPONENT,
  DORMANT_COST_RANGE,
  IDLE_COST_RANGE,
  OPERATING_COST_RANGE,
  SIZE_SPREAD,
  STORAGE_LIMIT_MONTHS,
  STORAGE_RESPONSE,
  UTILISATION_RAMP,
} from './constants.ts';
import {
  type MarketView,
  PARTIAL_BID,
  PARTIAL_CAPACITY,
  PARTIAL_CAPACITY_ADDED,
  PARTIAL_CAPACITY_BUILDING,
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
  PARTIAL_MOTHBALLED,
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
import {
  type PopulationPlan,
  ROLE_CONSUMER,
  ROLE_PROCESSOR,
  STATUS_ACTIVE,
  STATUS_DORMANT,
  STATUS_SCHEDULED,
} from './layout.ts';
import { exp, pow } from './math.ts';
import { blockStream, normal } from './rng.ts';
import type { World } from './world.ts';

/**
 * Per population group, the status-quo costs its cost curve is calibrated against, USD per
 * tonne of output (the coordinator computes them; workers receive the numbers). Against the
 * costs each site will actually pay, so a refiner that imports its ore runs at its data share
 * from the first month and its marginal site just breaks even at reference prices.
 */
export interface GroupCalibration {
  /**
   * What the cost curve is scaled by: a mine's reference price; a processor's value added at its
   * input's landed cost (its reference margin, investment.ts); a consumer's reference price.
   */
  unitCost: Float64Array;
  /** A processor's input at its landed cost in the status quo over the yield; 0 for others. */
  inputCost: Float64Array;
}

/** What block functions need besides the columns: the plan and per-good constants. */
export interface AgentContext {
  plan: PopulationPlan;
  goods: number;
  nodes: number;
  seed: number;
  /** Output per tonne of input, per good. */
  goodYield: Float64Array;
  /** Input good per good (-1 for mines). */
  goodInput: Int32Array;
  referencePrice: Float64Array;
  /** Reference unit cost each group's cost curve is scaled by, USD/t (GroupCalibration). */
  groupUnitCost: Float64Array;
  /** Per group: a processor's input cost per tonne of output in the status quo, USD/t. */
  groupInputCost: Float64Array;
  /** Per block: its good, node and role (flat copies of the plan, for the hot loops). */
  blockGood: Int32Array;
  blockNode: Int32Array;
  blockRole: Uint8Array;
  /**
   * Per group: capacity under expansion at the start, as a share of a running site's capacity,
   * so the pipeline already delivers the capacity growth that demand growth needs.
   */
  groupPipeline: Float64Array;
  /** Months an expansion takes at the start of the run. */
  expansionLag: number;
  /** Per good: output over ready capacity at reference prices (the rest is idle capacity), 0–1. */
  goodUtilisation: Float64Array;
  /** Per good: finished goods its producers aim to hold, months of output. */
  goodProducerCover: Float64Array;
}

export function createAgentContext(
  world: World,
  plan: PopulationPlan,
  seed: number,
  expansionLag: number,
  growthPerYear: (mineral: number) => number,
  calibration: GroupCalibration,
): AgentContext {
  return {
    plan,
    goods: world.goods.length,
    nodes: world.nodes.length,
    seed,
    goodYield: Float64Array.from(world.goods, (g) => g.yield),
    goodInput: Int32Array.from(world.goods, (g) => g.inputGood),
    referencePrice: Float64Array.from(world.goods, (g) => g.referencePrice),
    blockGood: Int32Array.from(plan.blockGroup, (gi) => plan.groups[gi].good),
    blockNode: Int32Array.from(plan.blockGroup, (gi) => plan.groups[gi].node),
    blockRole: Uint8Array.from(plan.blockGroup, (gi) => plan.groups[gi].role),
    groupUnitCost: calibration.unitCost,
    groupInputCost: calibration.inputCost,
    groupPipeline: Float64Array.from(plan.groups, (g) =>
      g.kind === 'operating'
        ? steadyExpansion(growthPerYear(world.goods[g.good].mineralIndex), expansionLag).pipeline
        : 0,
    ),
    expansionLag,
    goodUtilisation: Float64Array.from(world.goods, (g) => g.utilisation),
    goodProducerCover: Float64Array.from(world.goods, (g) => g.producerCover),
  };
}

/**
 * Expansions are a pipeline per site: each month a site starts adding a share `rate` of its
 * capacity, and a 1/lag share of what is under way comes online (a first-order delay with a mean
 * of `lagMonths`), so capacity grows smoothly at any resolution. In steady growth at
 * `growthPerYear` (monthly γ), the pipeline holds γ·lag of capacity and starts run at
 * γ·(1 + γ·lag) a month.
 */
export function steadyExpansion(
  growthPerYear: number,
  lagMonths: number,
): { rate: number; pipeline: number } {
  const gamma = pow(1 + Math.max(0, growthPerYear), 1 / 12) - 1;
  return { rate: gamma * (1 + gamma * lagMonths), pipeline: gamma * lagMonths };
}

/**
 * Share of capacity run at expected price `price` by a site with total unit cost `unitCost`
 * (input included). The monthly loop computes the same (wasm/agentMonth.ts, producersLoop).
 */
export function utilisation(price: number, unitCost: number, ramp = UTILISATION_RAMP): number {
  const u = 0.5 + (price - unitCost) / (ramp * unitCost);
  return u < 0 ? 0 : u > 1 ? 1 : u;
}

/**
 * Initialisation, first pass: draw raw sizes and costs, and add up per block the raw sizes and
 * the output they would give at reference prices, so the coordinator can scale each group to
 * its calibrated total.
 */
export function drawBlocks(
  ctx: AgentContext,
  cols: AgentColumns,
  partials: Float64Array,
  lo: number,
  hi: number,
): void {
  const { plan, referencePrice, groupUnitCost, groupInputCost } = ctx;
  for (let b = lo; b < hi; b++) {
    const group = plan.groups[plan.blockGroup[b]];
    const random = blockStream(ctx.seed, b, 'init');
    const start = plan.blockStart[b] - cols.first;
    const end = start + plan.blockLength[b];
    const rank0 = plan.blockStart[b] - plan.groupFirst[plan.blockGroup[b]];
    const refCost = groupUnitCost[plan.blockGroup[b]];
    const pipeline = ctx.groupPipeline[plan.blockGroup[b]];
    const price = referencePrice[group.good];
    const inputCost = groupInputCost[plan.blockGroup[b]];
    const utilisationShare = ctx.goodUtilisation[group.good];
    let raw = 0;
    let effective = 0;
    for (let a = start; a < end; a++) {
      // Stratified ranks keep each node's cost curve the same shape at any resolution.
      const z = (rank0 + (a - start) + random()) / group.count;
      // Operating groups: ranks below the stage's utilisation run at reference prices; the rest
      // is idle ready capacity whose total cost sits above the reference price.
      const idle = group.kind === 'operating' && z >= utilisationShare;
      const size = exp(SIZE_SPREAD * normal(random));
      cols.capacity[a] = size;
      cols.stockOut[a] = 0;
      cols.produced[a] = 0;
      cols.offered[a] = 0;
      cols.inputBid[a] = 0;
      cols.pendingCapacity[a] = 0;
      cols.pendingMonths[a] = 0;
      cols.lossMonths[a] = 0;
      cols.investment[a] = random();
      if (group.kind === 'consumer') {
        const choke = price * CHOKE_PRICE_MEDIAN * exp(CHOKE_PRICE_SPREAD * normal(random));
        cols.unitCost[a] = choke;
        cols.status[a] = STATUS_ACTIVE;
        raw += size;
        if (choke >= price) effective += size;
        continue;
      }
      let cost: number;
      if (group.kind === 'project') cost = group.projectCost!;
      else if (idle) {
        const [low, high] = IDLE_COST_RANGE;
        const m = low + ((high - low) * (z - utilisationShare)) / (1 - utilisationShare);
        cost = m * (refCost + inputCost) - inputCost;
      } else if (group.kind === 'operating') {
        const [low, high] = OPERATING_COST_RANGE;
        cost = refCost * (low + (high - low) * pow(z / utilisationShare, COST_CURVE_EXPONENT));
      } else {
        const [low, high] = DORMANT_COST_RANGE;
        cost = refCost * (low + (high - low) * pow(z, COST_CURVE_EXPONENT));
      }
      cols.unitCost[a] = cost;
      if (group.kind === 'operating') {
        cols.status[a] = STATUS_ACTIVE;
        if (!idle) cols.pendingCapacity[a] = size * pipeline;
      } else if (group.kind === 'dormant') cols.status[a] = STATUS_DORMANT;
      else {
        cols.status[a] = group.projectStart! > 0 ? STATUS_SCHEDULED : STATUS_ACTIVE;
        cols.pendingMonths[a] = group.projectStart!;
      }
      raw += size;
      effective += size * utilisation(price, Math.fround(cost) + inputCost);
    }
    partials[b * PARTIAL_FIELDS + PARTIAL_INIT_RAW] = raw;
    partials[b * PARTIAL_FIELDS + PARTIAL_INIT_EFFECTIVE] = effective;
  }
}

/**
 * Initialisation, second pass: scale sizes by the group's factor (from the coordinator) and
 * give operating agents their starting stocks.
 */
export function scaleBlocks(
  ctx: AgentContext,
  cols: AgentColumns,
  groupScale: Float64Array,
  partials: Float64Array,
  lo: number,
  hi: number,
): void {
  const { plan, goodYield, referencePrice, groupInputCost } = ctx;
  for (let b = lo; b < hi; b++) {
    const gi = plan.blockGroup[b];
    const group = plan.groups[gi];
    const scale = groupScale[gi];
    const start = plan.blockStart[b] - cols.first;
    const end = start + plan.blockLength[b];
    const price = referencePrice[group.good];
    const inputCost = groupInputCost[gi];
    const yieldRate = goodYield[group.good];
    const { startOutputCover, startInputCover } = group;
    let stockIn = 0;
    let stockOut = 0;
    for (let a = start; a < end; a++) {
      const size = cols.capacity[a] * scale;
      cols.capacity[a] = size;
      cols.pendingCapacity[a] *= scale;
      cols.produced[a] = 0;
      cols.stockOut[a] = 0;
      if (group.kind === 'consumer') cols.stockIn[a] = startInputCover * size;
      else if (cols.status[a] === STATUS_ACTIVE) {
        // Operating sites start at their reference run rate, with their stocks of input and output.
        const u = utilisation(price, cols.unitCost[a] + inputCost);
        cols.produced[a] = size * u;
        cols.stockIn[a] = group.role === ROLE_PROCESSOR ? (startInputCover * size * u) / yieldRate : 0;
        cols.stockOut[a] = startOutputCover * size * u;
      } else cols.stockIn[a] = 0;
      stockIn += cols.stockIn[a];
      stockOut += cols.stockOut[a];
    }
    // Starting stocks, for the conservation check.
    partials[b * PARTIAL_FIELDS + PARTIAL_STOCK_IN] = stockIn;
    partials[b * PARTIAL_FIELDS + PARTIAL_STOCK_OUT] = stockOut;
  }
}

/**
 * The partial fields each part fills, in the order it stores its sums (store), and so the
 * fields blocks of the other role write 0 to (the stock-in field is both roles').
 */
const CONSUMER_DECISION = [PARTIAL_DEMAND, PARTIAL_BID];
const PRODUCER_DECISION = [
  PARTIAL_OFFER,
  PARTIAL_PRODUCED,
  PARTIAL_INPUT_BID,
  PARTIAL_CAPACITY,
  PARTIAL_CASH_COST,
  PARTIAL_PIPELINE,
];
const CONSUMER_SETTLEMENT = [PARTIAL_CONSUMED, PARTIAL_UNMET, PARTIAL_STOCK_IN];
const OUTPUT_STOCK = [PARTIAL_SOLD, PARTIAL_STOCK_OUT];
const SITE_FLOWS = [
  PARTIAL_CAPACITY_STARTED,
  PARTIAL_CAPACITY_BUILDING,
  PARTIAL_CAPACITY_ADDED,
  PARTIAL_MOTHBALLED,
];
const INPUT_STOCK = [PARTIAL_STOCK_IN, PARTIAL_INPUT_RECEIVED, PARTIAL_INPUT_USED];
const PRODUCER_SETTLEMENT = [...OUTPUT_STOCK, ...SITE_FLOWS, ...INPUT_STOCK];

/**
 * A block's sums into its partials, the k-th sum to field `fields[k]` (the list says how many
 * are given). Arguments, not a rest array: a block stores its sums four times a month, and on a
 * cold page (code not yet optimised) each rest array was one more object for the collector.
 */
function store(
  partials: Float64Array,
  p: number,
  fields: readonly number[],
  s0: number,
  s1: number,
  s2 = 0,
  s3 = 0,
  s4 = 0,
  s5 = 0,
): void {
  const n = fields.length;
  partials[p + fields[0]] = s0;
  partials[p + fields[1]] = s1;
  if (n > 2) partials[p + fields[2]] = s2;
  if (n > 3) partials[p + fields[3]] = s3;
  if (n > 4) partials[p + fields[4]] = s4;
  if (n > 5) partials[p + fields[5]] = s5;
}

/** Zeroes the fields the other role fills (every field but the stock-in both roles fill). */
function zeroOther(partials: Float64Array, p: number, fields: readonly number[]): void {
  for (let i = 0; i < fields.length; i++) if (fields[i] !== PARTIAL_STOCK_IN) partials[p + fields[i]] = 0;
}

/** A view's numbers, or none (a part that does not run reads nothing). */
const NO_VIEW = new Float64Array(0);

/**
 * Where field `field` of a view starts in its data: each field is a goods × nodes plane, so key
 * `key` (good × nodes + node) of the field is at this plus `key`. The role functions below index
 * the views' arrays with it themselves: a call that returns a number not small enough to be an
 * integer tag returns it boxed where the optimiser does not inline the call: through a helper,
 * the views' reads boxed some 2 MB a month at 1,000,000 agents (V8's sampling heap profiler),
 * and single-thread months were a few per cent slower.
 */
function plane(ctx: AgentContext, field: number): number {
  return field * ctx.goods * ctx.nodes;
}

/**
 * Block `b`'s agents for a month, agent by agent: settle month m on `settleView` (apply the
 * market's fills; update stocks; producers exit after sustained losses, expand and build new
 * capacity; consumers consume and record unmet demand), then decide month m + 1 on `decideView`
 * (producers choose output and offers, processors bid for input, consumers bid). Either view may
 * be null: month 0's decide runs alone, and so does the last month's settle. One loop per role
 * (consumers, and producers: mines and processors, whose input is one switch the block never
 * changes), so each column is read and written once a month, not once per part; the loops are
 * WebAssembly compiled for each combination of the block's switches (wasm/agentMonth.ts).
 */
export function monthBlock(
  ctx: AgentContext,
  cols: AgentColumns,
  settleView: MarketView | null,
  decideView: MarketView | null,
  partials: Float64Array,
  b: number,
): void {
  // Where the block is: its agents [start, end) in the columns, its partials from p.
  const start = ctx.plan.blockStart[b] - cols.first;
  const end = start + ctx.plan.blockLength[b];
  const p = b * PARTIAL_FIELDS;
  const consumer = ctx.blockRole[b] === ROLE_CONSUMER;
  if (consumer) consumersMonth(ctx, cols, settleView, decideView, partials, b, start, end, p);
  else producersMonth(ctx, cols, settleView, decideView, partials, b, start, end, p);
  if (settleView) zeroOther(partials, p, consumer ? PRODUCER_SETTLEMENT : CONSUMER_SETTLEMENT);
  if (decideView) zeroOther(partials, p, consumer ? PRODUCER_DECISION : CONSUMER_DECISION);
}

/**
 * A role's month for block `b`: its agents [start, end) of `cols`, its sums into `partials` from
 * p, settling on `settleView` and deciding on `decideView` (either may be null).
 */
type RoleMonth = (...args: [...Parameters<typeof monthBlock>, start: number, end: number, p: number]) => void;

/** Block `b`'s consumers. */
const consumersMonth: RoleMonth = (ctx, cols, settleView, decideView, partials, b, start, end, p) => {
  // The block's view key (good × nodes + node).
  const key = ctx.blockGood[b] * ctx.nodes + ctx.blockNode[b];
  // Which parts run: constant over the block (the loops are compiled for each combination).
  const settle = settleView !== null;
  const decide = decideView !== null;
  const s = settleView?.data ?? NO_VIEW;
  const d = decideView?.data ?? NO_VIEW;
  // Settle: the share of each bid filled, 0–1.
  const fill = settle ? s[plane(ctx, VIEW_FILL_FRACTION) + key] : 0;
  // Decide: the price buyers expect (USD/t), demand over base demand, and the safety stock aimed
  // at (months of demand).
  const price = decide ? d[plane(ctx, VIEW_BUYER_PRICE) + key] : 0;
  const factor = decide ? d[plane(ctx, VIEW_DEMAND_FACTOR) + key] : 0;
  const cover = decide ? d[plane(ctx, VIEW_BUYER_COVER) + key] : 0;
  // The block's row: its signals for the loops, then the sums they leave (columns.ts).
  const rows = cols.blockRows;
  const r = b * BLOCK_ROW_FIELDS;
  rows[r] = fill;
  rows[r + 1] = price;
  rows[r + 2] = factor;
  rows[r + 3] = cover;
  agentLoops(cols).consumers(start, end, settle, decide, rows.byteOffset + r * 8);
  const sums = r + BLOCK_SIGNALS;
  if (settle) store(partials, p, CONSUMER_SETTLEMENT, rows[sums], rows[sums + 1], rows[sums + 2]);
  if (decide) store(partials, p, CONSUMER_DECISION, rows[sums + 3], rows[sums + 4]);
};

/**
 * Producers' month, per agent in this order: sales out of output stock and the stock left; the
 * site's exit, expansion, building and restart (capacity flows, t/month); processors' input
 * received and used and the input stock left; then the next month's output, offer and input bid.
 */
const producersMonth: RoleMonth = (ctx, cols, settleView, decideView, partials, b, start, end, p) => {
  const good = ctx.blockGood[b];
  const node = ctx.blockNode[b];
  const role = ctx.blockRole[b];
  const key = good * ctx.nodes + node;
  // Which parts run: constant over the block (the loops are compiled for each combination).
  const settle = settleView !== null;
  const decide = decideView !== null;
  const processor = role === ROLE_PROCESSOR;
  const yieldRate = ctx.goodYield[good];
  const inputKey = processor ? ctx.goodInput[good] * ctx.nodes + node : 0;

  const s = settleView?.data ?? NO_VIEW;
  const d = decideView?.data ?? NO_VIEW;
  // Settle, on month m's view: the share of offers sold, 0–1; prices (USD/t) and rates of the
  // site rules; processors' input cost at the long-run price per tonne of output and the share
  // of their input bids filled (0 for other producers).
  const sellFraction = settle ? s[plane(ctx, VIEW_SELL_FRACTION) + key] : 0;
  const longPrice = settle ? s[plane(ctx, VIEW_LONG_PRICE) + key] : 0;
  const exitPrice = settle ? s[plane(ctx, VIEW_EXIT_PRICE) + key] : 0;
  const buildRate = settle ? s[plane(ctx, VIEW_BUILD_RATE) + key] : 0;
  const expansionRate = settle ? s[plane(ctx, VIEW_EXPANSION_RATE) + key] : 0;
  const hurdle = settle ? s[plane(ctx, VIEW_ENTRY_HURDLE) + key] : 0;
  const buildLag = settle ? s[plane(ctx, VIEW_BUILD_LAG) + key] : 0;
  const expansionLag = settle ? s[plane(ctx, VIEW_EXPANSION_LAG) + key] : 0;
  const longInputCost = settle && processor ? s[plane(ctx, VIEW_BUYER_LONG_PRICE) + inputKey] / yieldRate : 0;
  const inputFill = settle && processor ? s[plane(ctx, VIEW_FILL_FRACTION) + inputKey] : 0;

  // Decide, on month m + 1's view: the expected price (USD/t), the capacity shock, processors'
  // input cost per tonne of output and the input cover they aim at (months).
  const price = decide ? d[plane(ctx, VIEW_EXPECTED_PRICE) + key] : 0;
  const shock = decide ? d[plane(ctx, VIEW_CAPACITY_FACTOR) + key] : 0;
  const inputCost = decide && processor ? d[plane(ctx, VIEW_BUYER_PRICE) + inputKey] / yieldRate : 0;
  const inputCover = decide && processor ? d[plane(ctx, VIEW_BUYER_COVER) + inputKey] : 0;
  // Producers aim to hold more stock when prices are below what they expect in the long run,
  // and sell stock off when they are above (speculative storage damps crashes and spikes).
  const ratio = decide ? price / d[plane(ctx, VIEW_LONG_PRICE) + key] : 0;
  const cover = ctx.goodProducerCover[good];
  const hold = ratio > 0 ? pow(1 / ratio, STORAGE_RESPONSE) : STORAGE_LIMIT_MONTHS / Math.max(cover, 0.01);
  // Months of output a site has room to store.
  const roomMonths = cover + STORAGE_LIMIT_MONTHS;

  // The block's row: its signals for the loops, in agentMonth.ts's order, then the sums they leave.
  const rows = cols.blockRows;
  const r = b * BLOCK_ROW_FIELDS;
  rows[r] = yieldRate;
  rows[r + 1] = sellFraction;
  rows[r + 2] = longPrice;
  rows[r + 3] = exitPrice;
  rows[r + 4] = buildRate;
  rows[r + 5] = expansionRate;
  rows[r + 6] = hurdle;
  rows[r + 7] = buildLag;
  rows[r + 8] = expansionLag;
  rows[r + 9] = longInputCost;
  rows[r + 10] = inputFill;
  rows[r + 11] = price;
  rows[r + 12] = shock;
  rows[r + 13] = inputCost;
  rows[r + 14] = inputCover;
  rows[r + 15] = cover;
  rows[r + 16] = hold;
  rows[r + 17] = roomMonths;
  agentLoops(cols).producers(start, end, settle, decide, processor, rows.byteOffset + r * 8);
  const sums = r + BLOCK_SIGNALS;
  if (settle) {
    store(partials, p, OUTPUT_STOCK, rows[sums], rows[sums + 1]);
    store(partials, p, SITE_FLOWS, rows[sums + 2], rows[sums + 3], rows[sums + 4], rows[sums + 5]);
    store(partials, p, INPUT_STOCK, rows[sums + 6], rows[sums + 7], rows[sums + 8]);
  }
  if (decide)
    store(
      partials,
      p,
      PRODUCER_DECISION,
      rows[sums + 9],
      rows[sums + 10],
      rows[sums + 11],
      rows[sums + 12],
      rows[sums + 13],
      rows[sums + 14],
    );
};
