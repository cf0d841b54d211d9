/**
 * Recycling: a share of past consumption returns as secondary refined supply, offered by
 * price-taking recyclers who keep what does not sell. Per good × node, t.
 */
import { Arena } from './arena.ts';
import type { MonthPolicy } from './policy.ts';
import { type RunResults, seriesIndex } from './results.ts';
import type { World } from './world.ts';

export interface RecyclingState {
  /** Recyclers' stock, t. */
  stock: Float64Array;
  /** This month's offer (the whole stock), t. */
  offer: Float64Array;
  /** Recycled this month, t. */
  recycledNow: Float64Array;
}

/** Empty recyclers over `size` keys, from `memory` (shared with the threads that clear goods). */
export function createRecycling(size: number, memory: Arena = new Arena()): RecyclingState {
  return {
    stock: memory.f64(size),
    offer: memory.f64(size),
    recycledNow: memory.f64(size),
  };
}

/** This month's recycled tonnes (from consumption `lagMonths` ago, or calibrated demand before the run). */
export function generateRecycling(
  r: RecyclingState,
  world: World,
  policy: MonthPolicy,
  results: RunResults,
  month: number,
): void {
  const N = world.nodes.length;
  r.recycledNow.fill(0);
  for (const rule of policy.recycling) {
    const mineral = world.minerals[rule.mineral];
    const target = mineral.goods.find((g) => world.goods[g].stageIndex === 1) ?? mineral.goods[0];
    const past = month - rule.lagMonths;
    for (let n = 0; n < N; n++) {
      if (!rule.scopeMask[n]) continue;
      let consumed = 0;
      for (const g of mineral.goods) {
        consumed +=
          past >= 0 && past < results.monthsDone
            ? results.series.consumption[seriesIndex(results.meta, past, g, n)]
            : world.goods[g].finalDemand[n] / 12;
      }
      const amount = rule.share * consumed;
      r.recycledNow[target * N + n] += amount;
      r.stock[target * N + n] += amount;
    }
  }
  r.offer.set(r.stock);
}

/** Recyclers' stock loses what sold (`sellFraction` per key, from the market view at `offset`). */
export function settleRecycling(r: RecyclingState, view: Float64Array, offset: number): void {
  const { stock, offer } = r;
  for (let k = 0; k < stock.length; k++) {
    stock[k] -= offer[k] * view[offset + k];
    if (stock[k] < 0) stock[k] = 0;
  }
}
