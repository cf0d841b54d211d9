/**
 * What workers and the coordinator exchange each phase: per-block partial sums (workers →
 * coordinator, added in block order) and the market view (coordinator → workers: prices,
 * fills and policy factors per good and node). Both are flat Float64Arrays at named offsets,
 * so they can live in a SharedArrayBuffer or be transferred.
 */

import type { Aggregates } from './aggregates.ts';

/** Fields of a block's partial sums. Units: t, t/month or USD, as named. */
export const PARTIAL_OFFER = 0; // t offered
export const PARTIAL_PRODUCED = 1; // t produced (consumers: 0)
export const PARTIAL_INPUT_BID = 2; // t of input bid for by processors
export const PARTIAL_DEMAND = 3; // t consumers want to consume
export const PARTIAL_BID = 4; // t consumers bid for
export const PARTIAL_CAPACITY = 5; // t/month of operating capacity
export const PARTIAL_CASH_COST = 6; // USD of cash cost of this month's output (input excluded)
export const PARTIAL_SOLD = 7; // t sold
export const PARTIAL_STOCK_OUT = 8; // t of finished goods held by producers (after settlement)
export const PARTIAL_STOCK_IN = 9; // t of input held by processors, or safety stock held by consumers
export const PARTIAL_INPUT_RECEIVED = 10; // t of input received by processors
export const PARTIAL_INPUT_USED = 11; // t of input used by processors
export const PARTIAL_CONSUMED = 12; // t consumed
export const PARTIAL_UNMET = 13; // t of demand not met
export const PARTIAL_CAPACITY_STARTED = 14; // t/month of new capacity whose construction started
export const PARTIAL_CAPACITY_BUILDING = 15; // t/month under construction
export const PARTIAL_CAPACITY_ADDED = 16; // t/month that came online
export const PARTIAL_MOTHBALLED = 17; // t/month mothballed after sustained losses
export const PARTIAL_INIT_RAW = 18; // initialisation: sum of raw sizes
export const PARTIAL_INIT_EFFECTIVE = 19; // initialisation: sum of raw sizes × utilisation at reference
export const PARTIAL_PIPELINE = 20; // decision: t/month of capacity under construction (expansions and builds)
export const PARTIAL_FIELDS = 21;

/** Fields of the market view, each a [good * N + node] array. Prices in USD/t. */
export const VIEW_EXPECTED_PRICE = 0; // producers' short-run expected received price
export const VIEW_LONG_PRICE = 1; // producers' long-run expected received price
export const VIEW_BUYER_PRICE = 2; // buyers' short-run expected landed price
export const VIEW_BUYER_LONG_PRICE = 3; // buyers' long-run expected landed price
export const VIEW_SELL_FRACTION = 4; // share of offers sold this month
export const VIEW_FILL_FRACTION = 5; // share of bids filled this month
export const VIEW_CAPACITY_FACTOR = 6; // 1 − capacity lost to shocks
export const VIEW_DEMAND_FACTOR = 7; // consumers: growth × price response
export const VIEW_EXPANSION_RATE = 8; // share of its capacity an eligible site starts adding this month
export const VIEW_ENTRY_HURDLE = 9; // margin over unit cost a new project must expect, fraction
export const VIEW_BUILD_LAG = 10; // months to build new capacity
export const VIEW_EXPANSION_LAG = 11; // months to expand
export const VIEW_BUYER_COVER = 12; // months of cover buyers of the good aim to hold (precaution included)
export const VIEW_EXIT_PRICE = 13; // producers' expected long-run price for mothballing (the price path after a known end of a control)
export const VIEW_BUILD_RATE = 14; // monthly pressure on a dormant project whose economics clear the hurdle (pipeline-aware)
export const VIEW_FIELDS = 15;

export interface MarketView {
  /** The whole view, VIEW_FIELDS × goods × nodes. */
  data: Float64Array;
  goods: number;
  nodes: number;
}

/**
 * The coordinator's market views, double-buffered: month m's view is views[m & 1]. Month m's
 * settle reads its view (with month m's fills) while month m + 1's view is already written for
 * the decide phase fused with it (phases.ts). Both live in `data`, one after the other.
 */
export interface MarketViews {
  /** Both views, 2 × VIEW_FIELDS × goods × nodes: what shared memory holds and transfer mode copies. */
  data: Float64Array;
  views: readonly [MarketView, MarketView];
}

/** Bytes of the two market views. */
export function marketViewsByteLength(goods: number, nodes: number): number {
  return 2 * VIEW_FIELDS * goods * nodes * 8;
}

/** The two views over `buffer` (fresh memory when omitted). */
export function createMarketViews(goods: number, nodes: number, buffer?: ArrayBufferLike): MarketViews {
  const length = VIEW_FIELDS * goods * nodes;
  const data = buffer ? new Float64Array(buffer, 0, 2 * length) : new Float64Array(2 * length);
  const view = (i: number): MarketView => ({
    data: data.subarray(i * length, (i + 1) * length),
    goods,
    nodes,
  });
  return { data, views: [view(0), view(1)] };
}

/** Which blocks a field is summed over, and at which good it is counted. */
export const CONSUMERS = 0; // consumer blocks, at their good
export const PRODUCERS = 1; // every producing block (mines, processors, secondary), at its good
export const PROCESSORS_AT_INPUT = 2; // processor blocks, at their input good
const PROCESSORS = 3; // processor blocks, at their own good

export type Field = readonly [partial: number, target: keyof Aggregates, who: number];

/** The decision phase's sums: what was offered, bid and produced. */
export const DECISION_FIELDS: readonly Field[] = [
  [PARTIAL_DEMAND, 'consumerDemand', CONSUMERS],
  [PARTIAL_BID, 'consumerBid', CONSUMERS],
  [PARTIAL_OFFER, 'offer', PRODUCERS],
  [PARTIAL_PRODUCED, 'produced', PRODUCERS],
  [PARTIAL_CAPACITY, 'capacity', PRODUCERS],
  [PARTIAL_CASH_COST, 'cashCost', PRODUCERS],
  [PARTIAL_PIPELINE, 'pipeline', PRODUCERS],
  [PARTIAL_INPUT_BID, 'processorBid', PROCESSORS_AT_INPUT],
];

/** The settlement phase's sums: what was sold, consumed, used and left in stock. */
export const SETTLEMENT_FIELDS: readonly Field[] = [
  [PARTIAL_CONSUMED, 'consumed', CONSUMERS],
  [PARTIAL_UNMET, 'unmet', CONSUMERS],
  [PARTIAL_STOCK_IN, 'consumerStock', CONSUMERS],
  [PARTIAL_SOLD, 'sold', PRODUCERS],
  [PARTIAL_STOCK_OUT, 'producerStock', PRODUCERS],
  [PARTIAL_CAPACITY_STARTED, 'capacityStarted', PRODUCERS],
  [PARTIAL_STOCK_IN, 'processorStock', PROCESSORS_AT_INPUT],
  [PARTIAL_INPUT_RECEIVED, 'inputReceived', PROCESSORS_AT_INPUT],
  [PARTIAL_INPUT_USED, 'inputUsed', PROCESSORS_AT_INPUT],
  [PARTIAL_INPUT_RECEIVED, 'inputReceivedByOutput', PROCESSORS],
];
