/**
 * Per good × node aggregates of one month, summed from the blocks' partial sums in block order
 * (the same order on any number of workers, so the same sums). One loop adds any list of
 * fields; the decision phase and the settlement phase each name theirs.
 */
import {
  PARTIAL_BID,
  PARTIAL_CAPACITY,
  PARTIAL_CAPACITY_STARTED,
  PARTIAL_CASH_COST,
  PARTIAL_CONSUMED,
  PARTIAL_DEMAND,
  PARTIAL_FIELDS,
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
} from './exchange.ts';
import { type PopulationPlan, ROLE_CONSUMER, ROLE_PROCESSOR } from './layout.ts';
import type { World } from './world.ts';

/** Per good × node sums, [good * N + node], in t, t/month or USD as the partial field. */
export interface Aggregates {
  offer: Float64Array;
  produced: Float64Array;
  capacity: Float64Array;
  cashCost: Float64Array;
  consumerDemand: Float64Array;
  consumerBid: Float64Array;
  /** Processor bids, attributed to the input good at the processor's node. */
  processorBid: Float64Array;
  /** Capacity under construction (expansions and builds), t/month. */
  pipeline: Float64Array;
  sold: Float64Array;
  producerStock: Float64Array;
  /** Processors' input stock, attributed to the input good. */
  processorStock: Float64Array;
  consumerStock: Float64Array;
  inputReceived: Float64Array;
  /** Input used by processors, attributed to the input good. */
  inputUsed: Float64Array;
  /** Input received by processors, attributed to the output good (for input costs). */
  inputReceivedByOutput: Float64Array;
  consumed: Float64Array;
  unmet: Float64Array;
  capacityStarted: Float64Array;
}

export function createAggregates(size: number): Aggregates {
  const a = () => new Float64Array(size);
  return {
    offer: a(),
    produced: a(),
    capacity: a(),
    cashCost: a(),
    consumerDemand: a(),
    consumerBid: a(),
    processorBid: a(),
    pipeline: a(),
    sold: a(),
    producerStock: a(),
    processorStock: a(),
    consumerStock: a(),
    inputReceived: a(),
    inputUsed: a(),
    inputReceivedByOutput: a(),
    consumed: a(),
    unmet: a(),
    capacityStarted: a(),
  };
}

/** Which blocks a field is summed over, and at which good it is counted. */
const CONSUMERS = 0; // consumer blocks, at their good
const PRODUCERS = 1; // every producing block (mines, processors, secondary), at its good
const PROCESSORS_AT_INPUT = 2; // processor blocks, at their input good
const PROCESSORS = 3; // processor blocks, at their own good

type Field = readonly [partial: number, target: keyof Aggregates, who: number];

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

/** Zeroes the named fields' targets and adds the blocks' partials to them in block order. */
export function sumPartials(
  agg: Aggregates,
  fields: readonly Field[],
  world: World,
  plan: PopulationPlan,
  partials: Float64Array,
): void {
  const N = world.nodes.length;
  for (let f = 0; f < fields.length; f++) agg[fields[f][1]].fill(0);
  for (let b = 0; b < plan.blockCount; b++) {
    const group = plan.groups[plan.blockGroup[b]];
    const consumer = group.role === ROLE_CONSUMER;
    const processor = group.role === ROLE_PROCESSOR;
    const own = group.good * N + group.node;
    const input = processor ? world.goods[group.good].inputGood * N + group.node : -1;
    const p = b * PARTIAL_FIELDS;
    for (let f = 0; f < fields.length; f++) {
      const who = fields[f][2];
      let k: number;
      if (who === CONSUMERS) k = consumer ? own : -1;
      else if (who === PRODUCERS) k = consumer ? -1 : own;
      else if (who === PROCESSORS_AT_INPUT) k = input;
      else k = processor ? own : -1;
      if (k >= 0) agg[fields[f][1]][k] += partials[p + fields[f][0]];
    }
  }
}
