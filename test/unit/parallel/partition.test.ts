import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from '../../../src/engine/constants.ts';
import { planPopulation } from '../../../src/engine/layout.ts';
import { partitionBlocks, usableWorkers } from '../../../src/parallel/partition.ts';
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
