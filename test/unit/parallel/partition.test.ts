import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from '../../../src/engine/constants.ts';
import { marketGroups } from '../../../src/engine/goodMarkets.ts';
import { planPopulation } from '../../../src/engine/layout.ts';
import {
  agentsByWorkerAndGood,
  partitionBlocks,
  partitionGoods,
  usableWorkers,
} from '../../../src/parallel/partition.ts';
import { presetScenario, world } from './helpers.ts';

/** A plan-like set of blocks with the given lengths. */
function blocksOf(lengths: number[]) {
  const blockStart = new Int32Array(lengths.length);
  let at = 0;
  lengths.forEach((length, b) => {
    blockStart[b] = at;
    at += length;
  });
  return { blockCount: lengths.length, agentCount: at, blockStart, blockLength: Int32Array.from(lengths) };
}

describe('partitionBlocks', () => {
  it('covers every block once, in contiguous ranges that own their agents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: BLOCK_SIZE }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 12 }),
        (lengths, workers) => {
          const plan = blocksOf(lengths);
          const ranges = partitionBlocks(plan, workers);
          expect(ranges.length).toBe(Math.min(workers, lengths.length));
          let lo = 0;
          let agents = 0;
          ranges.forEach((range, w) => {
            expect(range.worker).toBe(w);
            expect(range.lo).toBe(lo);
            expect(range.hi).toBeGreaterThan(range.lo);
            expect(range.firstAgent).toBe(plan.blockStart[range.lo]);
            let count = 0;
            for (let b = range.lo; b < range.hi; b++) count += lengths[b];
            expect(range.agentCount).toBe(count);
            agents += count;
            lo = range.hi;
          });
          expect(lo).toBe(lengths.length);
          expect(agents).toBe(plan.agentCount);
        },
      ),
    );
  });

  it('balances agents within one block of the even share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: BLOCK_SIZE }), { minLength: 40, maxLength: 400 }),
        fc.integer({ min: 1, max: 8 }),
        (lengths, workers) => {
          const plan = blocksOf(lengths);
          const ranges = partitionBlocks(plan, workers);
          // Each boundary is the block boundary nearest its target, so its error is at most
          // half a block plus the previous boundary's; cumulative ends stay within a block.
          ranges.forEach((range, w) => {
            const end = range.firstAgent + range.agentCount;
            const target = (plan.agentCount * (w + 1)) / ranges.length;
            expect(Math.abs(end - target)).toBeLessThanOrEqual(BLOCK_SIZE);
          });
        },
      ),
    );
  });

  it('splits the calibrated world at a million agents into even shares', () => {
    const plan = planPopulation(world, presetScenario('status-quo', 1_000_000, 1));
    for (const workers of [2, 4, 8]) {
      const ranges = partitionBlocks(plan, workers);
      const even = plan.agentCount / workers;
      for (const range of ranges) expect(Math.abs(range.agentCount - even) / even).toBeLessThan(0.01);
    }
  });

  it('uses between one worker and one worker per block', () => {
    const plan = blocksOf([5, 5, 5]);
    expect(usableWorkers(plan, 0)).toBe(1);
    expect(usableWorkers(plan, 2)).toBe(2);
    expect(usableWorkers(plan, 8)).toBe(3);
    expect(partitionBlocks(plan, 8).map((r) => [r.lo, r.hi])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });
});

describe('partitionGoods', () => {
  /** Groups of goods [0, 1], [2, 3], … with `weights`, and per worker the agents per good. */
  const groupsOf = (weights: number[]) => weights.map((weight, i) => ({ goods: [2 * i + 1, 2 * i], weight }));
  const agentsOf = (perWorker: number[][]) => perWorker.map((goods) => Float64Array.from(goods));

  it('gives each group to the worker with most of its agents, waited-for groups first', () => {
    // Worker 0's blocks trade goods 0–3 and a few of good 4; worker 1's the rest.
    const groups = groupsOf([10, 10, 10, 10]);
    const agents = agentsOf([
      [5, 5, 5, 5, 1, 0, 0, 0],
      [0, 0, 0, 0, 8, 8, 9, 9],
    ]);
    expect(partitionGoods(groups, 2, agents).map((share) => share.map((goods) => [...goods]))).toEqual([
      [
        [0, 1],
        [2, 3],
      ],
      // Worker 0's agents wait for goods 4 and 5: cleared first.
      [
        [4, 5],
        [6, 7],
      ],
    ]);
  });

  it('moves the groups with the fewest agents on them off a worker that has too much weight', () => {
    const groups = groupsOf([10, 10, 10, 10]);
    const agents = agentsOf([
      [9, 9, 7, 7, 3, 3, 8, 8],
      [0, 0, 1, 1, 1, 1, 1, 1],
    ]);
    const shares = partitionGoods(groups, 2, agents);
    // Every group's agents are mostly on worker 0: goods 4–5 (6 agents there), then 2–3 (14) move.
    // Worker 1's agents wait for goods 6–7 on worker 0, cleared there first; worker 0's for both
    // of worker 1's groups.
    expect(shares.map((share) => share.map((goods) => goods[0]))).toEqual([
      [6, 0],
      [2, 4],
    ]);
  });

  it('covers every group once, whole, and leaves no worker more than the heaviest group above another', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (weights, workers, seed) => {
          const groups = groupsOf(weights);
          let state = seed;
          const next = () => {
            state = (Math.imul(state, 1103515245) + 12345) | 0;
            return (state >>> 16) % 4 === 0 ? 0 : (state >>> 16) % 100;
          };
          const agents = Array.from({ length: workers }, () =>
            Float64Array.from({ length: 2 * weights.length }, next),
          );
          const shares = partitionGoods(groups, workers, agents);
          expect(shares.length).toBe(workers);
          const seen = new Set<number>();
          const load = shares.map((share) =>
            share.reduce((sum, goods) => {
              expect([...goods]).toEqual([goods[0], goods[0] + 1]);
              expect(goods[0] % 2).toBe(0);
              expect(seen.has(goods[0])).toBe(false);
              seen.add(goods[0]);
              return sum + weights[goods[0] / 2];
            }, 0),
          );
          expect(seen.size).toBe(weights.length);
          expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(Math.max(...weights));
        },
      ),
    );
  });

  it('keeps the calibrated world’s goods with their agents at 5,000 agents on 2 workers', () => {
    const scenario = presetScenario('status-quo', 5000, 12);
    const plan = planPopulation(world, scenario);
    const ranges = partitionBlocks(plan, 2);
    const agents = agentsByWorkerAndGood(plan, ranges, world.goods.length);
    const shares = partitionGoods(marketGroups(world, scenario, plan), 2, agents);
    // Agents that wait for a good another worker clears: few (at most the goods a range boundary splits).
    let across = 0;
    let total = 0;
    shares.forEach((share, w) => {
      for (const goods of share)
        for (const g of goods)
          agents.forEach((perGood, v) => {
            total += perGood[g];
            if (v !== w) across += perGood[g];
          });
    });
    expect(total).toBe(plan.agentCount);
    expect(across / total).toBeLessThan(0.15);
  });
});
