/**
 * Stockpile agencies: each buys below its trigger price while its budget lasts, and releases
 * above its trigger or in a declared disruption. Their bids and releases join the market as a
 * buyer and a seller at the agency's node (the scope's largest consumer).
 */
import type { Scenario } from '../scenario/schema.ts';
import { DISRUPTION_RELEASE_MARGIN } from './constants.ts';
import { VIEW_FILL_FRACTION, VIEW_SELL_FRACTION } from './exchange.ts';
import type { GoodMarketOutcome } from './market.ts';
import type { CompiledPolicy, MonthPolicy } from './policy.ts';
import { type RunResults, seriesIndex } from './results.ts';
import type { World } from './world.ts';

export interface StockpileState {
  good: number;
  node: number;
  /** Nodes the agency serves (its holder node or zone). */
  scope: Uint8Array;
  stock: number;
  budget: number;
  /** This month's bid and release, t. */
  bid: number;
  release: number;
  /** Tonnes the agency sold last month. */
  soldLast: number;
}

export function createStockpiles(world: World, scenario: Scenario, policy: CompiledPolicy): StockpileState[] {
  const N = world.nodes.length;
  return scenario.stockpiles.map((s) => {
    const good = world.goods.findIndex((g) => g.mineral === s.mineral && g.stage === s.stage);
    const mask = policy.scopeMask(s.holder);
    let node = mask.indexOf(1);
    for (let n = 0; n < N; n++) {
      if (mask[n] && world.goods[good].finalDemand[n] > world.goods[good].finalDemand[node]) node = n;
    }
    return {
      good,
      node,
      scope: mask,
      stock: s.initialTonnes,
      budget: s.budgetUsd,
      bid: 0,
      release: 0,
      soldLast: 0,
    };
  });
}

/** Final demand not met last month in the nodes of `scope`, t. */
function lastUnmet(results: RunResults, good: number, scope: Uint8Array): number {
  const month = results.monthsDone - 1;
  if (month < 0) return 0;
  let unmet = 0;
  for (let n = 0; n < scope.length; n++) {
    if (scope[n]) unmet += results.series.unmet[seriesIndex(results.meta, month, good, n)];
  }
  return unmet;
}

/** Each agency decides to buy (price below trigger, budget left) or release (price above trigger, or a declared disruption). */
export function planStockpiles(
  stockpiles: StockpileState[],
  scenario: Scenario,
  policy: MonthPolicy,
  buyerIndex: Float64Array,
  results: RunResults,
  N: number,
): void {
  scenario.stockpiles.forEach((rule, i) => {
    const s = stockpiles[i];
    s.bid = 0;
    s.release = 0;
    if (!policy.stockpileActive[i]) return;
    // Agencies watch last month's landed price (not a smoothed expectation): they act fast.
    const price = buyerIndex[s.good * N + s.node];
    if (price > rule.releaseAboveUsd) s.release = Math.min(rule.maxReleaseTonnesPerMonth, s.stock);
    else if (rule.releaseOnDisruption && policy.disruption[s.good] === 1) {
      // In a declared disruption the agency covers the shortage its scope would have seen
      // last month without it (unmet demand plus what it sold), with a margin: it does not
      // flood the market.
      const shortage = lastUnmet(results, s.good, s.scope) + s.soldLast;
      s.release = Math.min(rule.maxReleaseTonnesPerMonth, s.stock, DISRUPTION_RELEASE_MARGIN * shortage);
    } else if (price < rule.buyBelowUsd && s.budget > 0) {
      s.bid = Math.min(rule.maxBuyTonnesPerMonth, s.budget / price);
    }
  });
}

/**
 * After the market: each agency takes the share of its bid that was filled and of its release
 * that sold (from the market view), pays (never past its budget) and is paid; purchases and
 * sales in USD per key.
 */
export function settleStockpiles(
  stockpiles: StockpileState[],
  N: number,
  view: Float64Array,
  buyerIndex: Float64Array,
  outcomes: readonly GoodMarketOutcome[],
  purchases: Float64Array,
  sales: Float64Array,
): void {
  purchases.fill(0);
  sales.fill(0);
  const stride = purchases.length;
  for (const s of stockpiles) {
    const k = s.good * N + s.node;
    const bought = s.bid * view[VIEW_FILL_FRACTION * stride + k];
    const sold = s.release * view[VIEW_SELL_FRACTION * stride + k];
    // The agency never spends past its budget (its last order is sized at last month's price).
    const cost = Math.min(bought * buyerIndex[k], s.budget);
    s.stock += bought - sold;
    if (s.stock < 0) s.stock = 0; // rounding of a release of the whole stock
    s.soldLast = sold;
    s.budget = Math.max(0, s.budget - cost);
    purchases[k] += cost;
    sales[k] += (sold * outcomes[s.good].receipts[s.node]) / Math.max(outcomes[s.good].sold[s.node], 1e-300);
  }
}
