/**
 * The month's record: the conservation check per good, and the results series (prices,
 * quantities, money) and sparse flows written from the aggregates, the market outcomes and the
 * coordinator's state. Each good's market series are written as soon as it clears, by the
 * thread that clears it (recordGoodMarket); the coordinator's record of the month writes the rest.
 */
import type { Aggregates } from './aggregates.ts';
import { CAPEX_MONTHS_OF_REVENUE } from './constants.ts';
import type { GoodMarketOutcome } from './market.ts';
import type { MonthPolicy } from './policy.ts';
import type { PriceState } from './prices.ts';
import type { RecyclingState } from './recycling.ts';
import type { FlowStore, RunResults, SeriesName } from './results.ts';
import type { StockpileState } from './stockpiles.ts';
import type { World } from './world.ts';

/**
 * Largest relative imbalance over goods of: stocks now − stocks before − inflows (output,
 * recycling) + outflows (consumption, input used). Writes each good's stocks into `stocksNow`.
 */
export function conservationError(
  world: World,
  agg: Aggregates,
  recycling: RecyclingState,
  stockpiles: readonly StockpileState[],
  stocksBefore: Float64Array,
  stocksNow: Float64Array,
): number {
  const N = world.nodes.length;
  // Arrays read into locals, as in recordMonth (the coordinator's serial work).
  const { producerStock, processorStock, consumerStock, produced, consumed, inputUsed } = agg;
  const { stock: recycledStock, recycledNow } = recycling;
  let worst = 0;
  for (let g = 0; g < world.goods.length; g++) {
    let stocks = 0;
    let inflow = 0;
    let outflow = 0;
    for (let n = 0; n < N; n++) {
      const k = g * N + n;
      stocks += producerStock[k] + processorStock[k] + consumerStock[k] + recycledStock[k];
      inflow += produced[k] + recycledNow[k];
      outflow += consumed[k] + inputUsed[k];
    }
    for (const s of stockpiles) if (s.good === g) stocks += s.stock;
    stocksNow[g] = stocks;
    const imbalance = Math.abs(stocks - stocksBefore[g] - inflow + outflow);
    const scale = Math.max(inflow + outflow, stocks, 1e-9);
    worst = Math.max(worst, imbalance / scale);
  }
  return worst;
}

/** What a month's record reads; the arrays are the coordinator's own, set up once. */
export interface RecordSources {
  world: World;
  agg: Aggregates;
  outcomes: readonly GoodMarketOutcome[];
  prices: PriceState;
  recycling: RecyclingState;
  stockpiles: readonly StockpileState[];
  referencePrice: Float64Array;
  /** What buyers bid this month, t, [g * N + n]. */
  monthBid: Float64Array;
  /** Price-gap subsidies paid this month, USD, [g * N + n]. */
  subsidyPaid: Float64Array;
  stockpilePurchases: Float64Array;
  stockpileSales: Float64Array;
  /** The scenario's entry hurdle (investment support is costed as a share of it). */
  hurdle: number;
  /** Where months' flows are written (results.ts: FlowStore), or null: new arrays each month. */
  flows: FlowStore | null;
}

/** Series copied whole from an aggregate of the same good × node order. */
const AGGREGATE_SERIES: readonly (readonly [SeriesName, keyof Aggregates])[] = [
  ['consumption', 'consumed'],
  ['unmet', 'unmet'],
];

/** Series copied whole from the coordinator's own month arrays. */
const SOURCE_SERIES: readonly (readonly [SeriesName, 'stockpilePurchases' | 'stockpileSales'])[] = [
  ['stockpilePurchases', 'stockpilePurchases'],
  ['stockpileSales', 'stockpileSales'],
];

/** Series copied per good from the market outcome's per-node array of the same name. */
const OUTCOME_SERIES = [
  'exports',
  'imports',
  'tariffRevenue',
  'levyRevenue',
  'feeRevenue',
  'controlRent',
  'rentRevenue',
] as const satisfies readonly (SeriesName & keyof GoodMarketOutcome)[];

/**
 * Copies `from` into `to` at `at`, skipping +0: `to` holds +0 there already (results are made
 * zeroed and each month is recorded once), and a page never written stays unmapped. Most series
 * are zero for most goods and nodes (no tariff, quota or stockpile there): writing their zeros
 * made the coordinator fault in about a hundred fresh 4 KiB pages a month. −0 is written (its
 * bits differ from the +0 in place).
 */
function copyNonzero(to: Float64Array, at: number, from: Float64Array): void {
  for (let i = 0; i < from.length; i++) {
    const value = from[i];
    if (value !== 0 || 1 / value < 0) to[at + i] = value;
  }
}

/** Sets `to[at]` unless `value` is +0 (see copyNonzero). */
function setNonzero(to: Float64Array, at: number, value: number): void {
  if (value !== 0 || 1 / value < 0) to[at] = value;
}

/**
 * The series known once a good's market has cleared: its prices, its outcome's per-node arrays,
 * its sellers' revenue, its consumers' spending and its price-gap subsidies, and what the
 * decisions and recyclers set before the market phase (capacity, demand, production). Nothing
 * writes what they read (the good's outcome, prices, bids and subsidies, the decision sums,
 * recycled output) between its clearing and the month's record, so the thread that clears the
 * good records them right after (recordGoodMarket): a block worker, when the goods are cleared
 * on the workers.
 */
export const MARKET_SERIES: readonly SeriesName[] = [
  'capacity',
  'demand',
  'production',
  'buyerPrice',
  'price',
  'exportPrice',
  'revenue',
  'consumerSpend',
  'subsidySpend',
  ...OUTCOME_SERIES,
];

/**
 * Records good `g`'s MARKET_SERIES for month `month` into `series` (results' storage, zeroed
 * there: +0 is skipped as in recordMonth), once the good's market has cleared.
 */
export function recordGoodMarket(
  series: Record<SeriesName, Float64Array>,
  month: number,
  g: number,
  N: number,
  G: number,
  out: GoodMarketOutcome,
  prices: PriceState,
  agg: Aggregates,
  recycling: RecyclingState,
  monthBid: Float64Array,
  subsidyPaid: Float64Array,
): void {
  const row = (month * G + g) * N;
  const { capacity, demand, production } = series;
  const { buyerPrice, price, exportPrice, revenue, consumerSpend, subsidySpend } = series;
  for (const name of OUTCOME_SERIES) copyNonzero(series[name], row, out[name]);
  for (let n = 0; n < N; n++) {
    const k = g * N + n;
    const at = row + n;
    setNonzero(capacity, at, agg.capacity[k]);
    setNonzero(demand, at, agg.consumerDemand[k]);
    setNonzero(production, at, agg.produced[k] + recycling.recycledNow[k]);
    setNonzero(buyerPrice, at, prices.buyerIndex[k]);
    // The quote at which this month's market cleared (domestic price), and what exports fetched.
    const quote = prices.quoted[k];
    setNonzero(price, at, quote);
    const exported = out.exports[n];
    setNonzero(exportPrice, at, exported > 0 ? quote + out.controlRent[n] / exported : quote);
    setNonzero(revenue, at, out.receipts[n] + subsidyPaid[k]);
    const bid = monthBid[k];
    if (bid > 0) setNonzero(consumerSpend, at, out.payments[n] * (agg.consumerBid[k] / bid));
    setNonzero(subsidySpend, at, subsidyPaid[k]);
  }
}

/** Whether `values` never decrease. */
function ascending(values: Int32Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) return false;
  return true;
}

export function recordMonth(
  results: RunResults,
  src: RecordSources,
  month: number,
  policy: MonthPolicy,
  conservation: number,
): void {
  // Months are recorded once each, in order, into zeroed storage (copyNonzero relies on it).
  if (month !== results.monthsDone)
    throw new Error(`month ${month} recorded out of order: ${results.monthsDone} months are recorded`);
  const { world, agg, outcomes, prices, recycling, stockpiles } = src;
  const N = world.nodes.length;
  const G = world.goods.length;
  const s = results.series;
  const base = month * G * N;
  // Whole columns first (the aggregates share the series' good × node order).
  // MARKET_SERIES are recorded already, by the thread that cleared each good (recordGoodMarket).
  for (const [name, field] of AGGREGATE_SERIES) copyNonzero(s[name], base, agg[field]);
  for (const [name, field] of SOURCE_SERIES) copyNonzero(s[name], base, src[field]);
  const { profit, supportSpend, stocks } = s;
  const supportShare = 1 / Math.max(src.hurdle, 1e-9);
  // Every array read into a local before the loops: a property read in the inner loop cost
  // about 20 ns an element here (the objects' shapes differ between threads and runs), and this
  // runs on the coordinator while the workers wait.
  const { subsidyPaid } = src;
  const { inputReceivedByOutput, cashCost, capacityStarted, producerStock, processorStock, consumerStock } =
    agg;
  const recycledStock = recycling.stock;
  const { buyerIndex } = prices;
  const { hurdleReduction } = policy;
  let flowCount = 0;
  for (let g = 0; g < G; g++) {
    const out = outcomes[g];
    const receipts = out.receipts;
    const inputGood = world.goods[g].inputGood;
    const capex = CAPEX_MONTHS_OF_REVENUE * src.referencePrice[g];
    const row = base + g * N;
    for (let n = 0; n < N; n++) {
      const k = g * N + n;
      const at = row + n;
      const received = receipts[n] + subsidyPaid[k];
      const inputCost = inputGood >= 0 ? inputReceivedByOutput[k] * buyerIndex[inputGood * N + n] : 0;
      setNonzero(profit, at, received - cashCost[k] - inputCost);
      const support = hurdleReduction[k];
      if (support > 0)
        setNonzero(supportSpend, at, Math.min(1, support * supportShare) * capacityStarted[k] * capex);
      setNonzero(stocks, at, producerStock[k] + processorStock[k] + consumerStock[k] + recycledStock[k]);
    }
    flowCount += out.pairCount;
  }
  for (const sp of stockpiles) stocks[base + sp.good * N + sp.node] += sp.stock;
  // Sparse flows, ordered by good then pair index (a stable order for hashing).
  const store = src.flows;
  const start = store ? store.monthStart[month] : 0;
  const stored = store !== null && start + flowCount <= store.keys.length;
  const keys = stored ? store.keys.subarray(start, start + flowCount) : new Uint32Array(flowCount);
  const tonnes = stored ? store.tonnes.subarray(start, start + flowCount) : new Float64Array(flowCount);
  let f = 0;
  for (let g = 0; g < G; g++) {
    const out = outcomes[g];
    // clearGood leaves the pair list ascending; sorted in place otherwise (it is rebuilt next month).
    const pairs = out.pairs.subarray(0, out.pairCount);
    if (!ascending(pairs)) pairs.sort();
    const flow = out.flow;
    const offset = g * N * N;
    for (let p = 0; p < pairs.length; p++) {
      keys[f] = offset + pairs[p];
      tonnes[f++] = flow[pairs[p]];
    }
  }
  stockpiles.forEach((sp, i) => {
    results.stockpileTonnes[month * stockpiles.length + i] = sp.stock;
  });
  results.conservationError[month] = conservation;
  // Where the next month's flows go (a month that did not fit leaves the store as it was).
  if (store) store.monthStart[month + 1] = stored ? start + flowCount : start;
  results.flowKeys[month] = keys;
  results.flowTonnes[month] = tonnes;
  results.monthsDone = month + 1;
}
