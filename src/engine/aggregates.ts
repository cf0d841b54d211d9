/**
 * Per good × node aggregates of one month, summed from the blocks' partial sums in block order
 * (the same order on any number of workers, so the same sums). One loop adds any list of
 * fields; the decision phase and the settlement phase each name theirs.
 */
import { Arena } from './arena.ts';
import { CONSUMERS, type Field, PARTIAL_FIELDS, PROCESSORS_AT_INPUT, PRODUCERS } from './exchange.ts';
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

/** Zeroed aggregates of `size` keys, from `memory` (shared with the threads that clear goods). */
export function createAggregates(size: number, memory: Arena = new Arena()): Aggregates {
  const a = () => memory.f64(size);
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

/**
 * A list of fields compiled against a population plan: per field its target array and the
 * blocks that add to it, in block order, each with its key and the index of its value in the
 * partials. Resolved once, so the monthly sum is a plain loop over typed arrays (no per-block
 * role tests or keyed lookups, and no blocks that add nothing to the field).
 */
export interface PartialSums {
  targets: Float64Array[];
  /** Per field: the keys any block adds to (zeroed before the sum). */
  zeroKeys: Int32Array[];
  /** Per field, in block order: the key each adding block adds to. */
  termKeys: Int32Array[];
  /** Per field, beside termKeys: the block's value, at block * PARTIAL_FIELDS + the field's partial. */
  termPartials: Int32Array[];
}

export function compileSums(
  agg: Aggregates,
  fields: readonly Field[],
  world: World,
  plan: PopulationPlan,
): PartialSums {
  const N = world.nodes.length;
  const B = plan.blockCount;
  const termKeys = fields.map(() => [] as number[]);
  const termPartials = fields.map(() => [] as number[]);
  for (let b = 0; b < B; b++) {
    const group = plan.groups[plan.blockGroup[b]];
    const consumer = group.role === ROLE_CONSUMER;
    const processor = group.role === ROLE_PROCESSOR;
    const own = group.good * N + group.node;
    const input = processor ? world.goods[group.good].inputGood * N + group.node : -1;
    for (let f = 0; f < fields.length; f++) {
      const who = fields[f][2];
      let key: number;
      if (who === CONSUMERS) key = consumer ? own : -1;
      else if (who === PRODUCERS) key = consumer ? -1 : own;
      else if (who === PROCESSORS_AT_INPUT) key = input;
      else key = processor ? own : -1;
      if (key < 0) continue;
      termKeys[f].push(key);
      termPartials[f].push(b * PARTIAL_FIELDS + fields[f][0]);
    }
  }
  // Field by field is block order per element only while no two fields share a target.
  if (new Set(fields.map((f) => f[1])).size !== fields.length)
    throw new Error('two partial fields add to the same aggregate');
  return {
    targets: fields.map((f) => agg[f[1]]),
    zeroKeys: termKeys.map((keys) => Int32Array.from(new Set(keys))),
    termKeys: termKeys.map((keys) => Int32Array.from(keys)),
    termPartials: termPartials.map((at) => Int32Array.from(at)),
  };
}

/**
 * Zeroes the fields' targets and adds the blocks' partials to them in block order (each target
 * element receives its blocks' values in increasing block order, so the sums are the same on any
 * number of workers). Only the keys some block adds to are zeroed: nothing else writes the
 * targets, so the others hold the +0 they were made with.
 */
export function sumPartials(sums: PartialSums, partials: Float64Array): void {
  const { targets, zeroKeys, termKeys, termPartials } = sums;
  for (let f = 0; f < targets.length; f++) {
    const target = targets[f];
    const zero = zeroKeys[f];
    for (let i = 0; i < zero.length; i++) target[zero[i]] = 0;
    const keys = termKeys[f];
    const at = termPartials[f];
    for (let i = 0; i < keys.length; i++) target[keys[i]] += partials[at[i]];
  }
}
