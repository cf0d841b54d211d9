/**
 * How the blocks are shared among workers: contiguous block ranges, balanced by agent count.
 * A worker owns its blocks and the agents in them for the whole run. Blocks, not agents, are
 * the unit, so random streams and partial sums never depend on the split.
 */
import type { PopulationPlan } from '../engine/layout.ts';

/** The blocks [lo, hi) of one worker and the agents [firstAgent, firstAgent + agentCount) in them. */
export interface BlockRange {
  worker: number;
  lo: number;
  hi: number;
  firstAgent: number;
  agentCount: number;
}

/** Workers that can get at least one block: between 1 and the number of blocks. */
export function usableWorkers(plan: Pick<PopulationPlan, 'blockCount'>, requested: number): number {
  return Math.max(1, Math.min(Math.floor(requested), plan.blockCount));
}

/**
 * Splits the plan's blocks into `workers` contiguous ranges (workers = usableWorkers). Range w
 * ends at the block boundary nearest to w+1 shares of the agents, and every range keeps at
 * least one block.
 */
export function partitionBlocks(
  plan: Pick<PopulationPlan, 'blockCount' | 'agentCount' | 'blockStart' | 'blockLength'>,
  workers: number,
): BlockRange[] {
  const count = usableWorkers(plan, workers);
  const ranges: BlockRange[] = [];
  let lo = 0;
  for (let w = 0; w < count; w++) {
    let hi: number;
    if (w === count - 1) hi = plan.blockCount;
    else {
      const target = (plan.agentCount * (w + 1)) / count;
      hi = lo + 1;
      // Move the boundary forward while that brings the range's end closer to its target,
      // leaving one block for each later worker.
      const maxHi = plan.blockCount - (count - 1 - w);
      while (hi < maxHi) {
        const endNow = plan.blockStart[hi - 1] + plan.blockLength[hi - 1];
        const endNext = endNow + plan.blockLength[hi];
        if (Math.abs(endNext - target) < Math.abs(endNow - target)) hi++;
        else break;
      }
    }
    const firstAgent = plan.blockStart[lo];
    const end = plan.blockStart[hi - 1] + plan.blockLength[hi - 1];
    ranges.push({ worker: w, lo, hi, firstAgent, agentCount: end - firstAgent });
    lo = hi;
  }
  return ranges;
}

/**
 * Splits market groups (goodMarkets.ts marketGroups: goods one thread must handle together)
 * among `workers`: the heaviest group first, each to the worker with the least weight so far
 * (the lower index on a tie). Per worker its groups in the order of their first good, each
 * group's goods ascending: the order it handles them. Fixed by the world, scenario and plan
 * alone, so every run splits the same way.
 */
export function partitionGoods(
  groups: readonly { goods: readonly number[]; weight: number }[],
  workers: number,
): Int32Array[][] {
  const load = new Float64Array(workers);
  const shares: Int32Array[][] = Array.from({ length: workers }, () => []);
  const order = groups
    .map((group, i) => ({ group, i }))
    .sort((a, b) => b.group.weight - a.group.weight || a.i - b.i);
  for (const { group } of order) {
    let w = 0;
    for (let v = 1; v < workers; v++) if (load[v] < load[w]) w = v;
    load[w] += group.weight;
    shares[w].push(Int32Array.from(group.goods).sort());
  }
  for (const share of shares) share.sort((a, b) => a[0] - b[0]);
  return shares;
}
