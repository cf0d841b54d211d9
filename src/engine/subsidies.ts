/**
 * Price-gap subsidies: producers in scope are paid the gap between the rule's reference price
 * and their origin price on what they sold, within the rule's budget over the run.
 */
import type { GoodMarketOutcome } from './market.ts';
import type { MonthPolicy } from './policy.ts';

/**
 * Pays good `g`'s subsidies for this month into `paid` (USD per node, [g * N + n]); `spent`
 * (USD per rule, over the run) grows by what was paid.
 */
export function payPriceGapSubsidies(
  g: number,
  N: number,
  policy: MonthPolicy,
  price: Float64Array,
  out: GoodMarketOutcome,
  paid: Float64Array,
  spent: Float64Array,
): void {
  for (let n = 0; n < N; n++) paid[g * N + n] = 0;
  for (const rule of policy.subsidies[g]) {
    let due = 0;
    for (let n = 0; n < N; n++) {
      if (rule.scopeMask[n]) due += Math.max(0, rule.reference - price[g * N + n]) * out.sold[n];
    }
    if (!(due > 0)) continue;
    const left = rule.budget === null ? due : Math.max(0, rule.budget - spent[rule.index]);
    const scale = Math.min(1, left / due);
    for (let n = 0; n < N; n++) {
      if (!rule.scopeMask[n]) continue;
      paid[g * N + n] += Math.max(0, rule.reference - price[g * N + n]) * out.sold[n] * scale;
    }
    spent[rule.index] += due * scale;
  }
}
