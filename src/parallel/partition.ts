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
 * Per worker, per good: the agents of its blocks (`ranges`) that trade the good, i.e. the
 * agents that wait for the good's market to be cleared before they settle (blockWorker.ts).
 */
export function agentsByWorkerAndGood(
  plan: Pick<PopulationPlan, 'groups' | 'blockGroup' | 'blockLength'>,
  ranges: readonly BlockRange[],
  goods: number,
): Float64Array[] {
  return ranges.map(({ lo, hi }) => {
    const agents = new Float64Array(goods);
    for (let b = lo; b < hi; b++) agents[plan.groups[plan.blockGroup[b]].good] += plan.blockLength[b];
    return agents;
  });
}

/**
 * Splits market groups (goodMarkets.ts marketGroups: goods one thread must handle together)
 * among `workers`, balanced by weight, each group where its agents are where the balance
 * allows: a worker's blocks then find their goods cleared by their own thread and do not wait
 * for another that woke late (`agents`: agentsByWorkerAndGood; without it, by weight alone).
 *
 * Each group goes to the worker with most of its agents (groups without agents: heaviest first,
 * to the least loaded worker); then, while the most loaded worker has a group lighter than its
 * lead over the least loaded, the one of those with the fewest agents on it moves there (so no
 * worker ends more than the heaviest group above the least loaded). Per worker, the groups other
 * workers' agents wait for come first, then its own, each part in the order of its first good,
 * each group's goods ascending: the order it clears them. Fixed by the world, scenario, plan and
 * block ranges alone, so every run splits the same way (and any split gives the same numbers).
 */
export function partitionGoods(
  groups: readonly { goods: readonly number[]; weight: number }[],
  workers: number,
  agents?: readonly Float64Array[],
): Int32Array[][] {
  const count = groups.length;
  // Agents per group and worker.
  const near = groups.map((group) =>
    Float64Array.from({ length: workers }, (_, w) =>
      group.goods.reduce((sum, g) => sum + (agents?.[w]?.[g] ?? 0), 0),
    ),
  );
  const owner = new Int32Array(count).fill(-1);
  const load = new Float64Array(workers);
  for (let i = 0; i < count; i++) {
    let best = -1;
    for (let w = 0; w < workers; w++)
      if (near[i][w] > 0 && (best < 0 || near[i][w] > near[i][best])) best = w;
    if (best < 0) continue;
    owner[i] = best;
    load[best] += groups[i].weight;
  }
  const order = groups
    .map((group, i) => ({ group, i }))
    .sort((a, b) => b.group.weight - a.group.weight || a.i - b.i);
  for (const { group, i } of order) {
    if (owner[i] >= 0) continue;
    let w = 0;
    for (let v = 1; v < workers; v++) if (load[v] < load[w]) w = v;
    owner[i] = w;
    load[w] += group.weight;
  }
  // Each move lowers the sum of squared loads, so this ends.
  for (;;) {
    let hi = 0;
    let lo = 0;
    for (let w = 1; w < workers; w++) {
      if (load[w] > load[hi]) hi = w;
      if (load[w] < load[lo]) lo = w;
    }
    const lead = load[hi] - load[lo];
    let move = -1;
    for (let i = 0; i < count; i++) {
      if (owner[i] !== hi || groups[i].weight >= lead) continue;
      if (move < 0 || near[i][hi] < near[move][hi]) move = i;
    }
    if (move < 0) break;
    owner[move] = lo;
    load[hi] -= groups[move].weight;
    load[lo] += groups[move].weight;
  }
  const shares: Int32Array[][] = Array.from({ length: workers }, () => []);
  const waitedFor = (i: number) => near[i].some((n, w) => w !== owner[i] && n > 0);
  const ranked = groups
    .map((group, i) => ({ goods: Int32Array.from(group.goods).sort(), first: waitedFor(i) ? 0 : 1, i }))
    .sort((a, b) => a.first - b.first || a.goods[0] - b.goods[0]);
  for (const { goods, i } of ranked) shares[owner[i]].push(goods);
  return shares;
}

/**
 * The order the blocks are claimed in (shared memory, blockWorker.ts): per range, its own
 * positions [lo, hi) of the result, so whichever worker claims a range's next position runs the
 * same block. With the goods split (`goods`: partitionGoods, per worker its market groups),
 * each range's blocks whose good its worker clears come first, then the rest (a processor's input
 * good is in its good's market group, so the same worker clears it), each part ascending: the
 * worker reaches another worker's goods as late as it can. Without: ascending. Any order gives
 * the same numbers: each block reads the views and writes its own agents and partial sums.
 */
export function claimOrder(
  plan: Pick<PopulationPlan, 'groups' | 'blockGroup' | 'blockCount'>,
  ranges: readonly BlockRange[],
  goods: readonly (readonly Int32Array[])[] | null,
): Int32Array {
  const order = new Int32Array(plan.blockCount);
  for (const { worker, lo, hi } of ranges) {
    const mine = new Set<number>();
    for (const group of goods?.[worker] ?? []) for (const g of group) mine.add(g);
    const own = (b: number) => mine.has(plan.groups[plan.blockGroup[b]].good);
    let at = lo;
    for (let b = lo; b < hi; b++) if (own(b)) order[at++] = b;
    for (let b = lo; b < hi; b++) if (!own(b)) order[at++] = b;
  }
  return order;
}
