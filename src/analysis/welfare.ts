/**
 * Welfare of a scenario run against a baseline run of the same world (docs/results.md): the
 * partial-equilibrium accounting a trade model reports. One pass over both runs fills a table per
 * good and node (`welfareTable`); every selection of zone, mineral or stage is then a sum over it
 * (`welfareFor`), and `welfareChange` is that sum for one selection. The compare tab, the
 * benchmark tab and the command line's summary all read welfare through this module.
 */
import { log, pow } from '../engine/math.ts';
import { worldPrice } from '../engine/metrics.ts';
import { type RunResults, seriesIndex } from '../engine/results.ts';

export interface WelfareChange {
  /** Change in consumer surplus, USD (on the demand curve of `consumerSurplusChange`). */
  consumerSurplus: number;
  /** Change in producer surplus, USD (producers' profits). */
  producerSurplus: number;
  /** Change in government revenue: tariffs, levies, licence fees and control rent held by states or importers, USD. */
  revenue: number;
  /** Change in fiscal cost: price-gap subsidies, investment support and net stockpile purchases, USD. */
  fiscalCost: number;
  /** consumerSurplus + producerSurplus + revenue − fiscalCost, USD. */
  total: number;
}

/** Each good's demand curve for welfare (files without one: ε = −0.6, choke 15 × the month-0 world price). */
export function demandCurve(results: RunResults): { elasticity: number[]; choke: number[] } {
  const { goods } = results.meta;
  return {
    elasticity: results.meta.demandElasticity ?? goods.map(() => -0.6),
    choke: results.meta.chokePrice ?? goods.map((_, g) => 15 * worldPrice(results, 0, g)),
  };
}

/**
 * Change in final consumers' surplus in one node, good and month, USD, on the demand curve the
 * consumers are on: the long-run constant-elasticity curve through the baseline's price and
 * consumption, P(x) = p0·(x/q0)^(1/ε), capped at the choke price. Consumers lose what they paid
 * more (spend1 − spend0) and the value of what they no longer consume, ∫ from q1 to q0 of
 * min(P, choke) dx (a gain when they consume more). Rationed buyers lose at most the choke price a
 * tonne, so the loss stays in proportion to the market's value.
 */
export function consumerSurplusChange(
  q0: number,
  q1: number,
  p0: number,
  spend0: number,
  spend1: number,
  elasticity: number,
  choke: number,
): number {
  const paidMore = spend1 - spend0;
  if (!(q0 > 0) || q0 === q1) return -paidMore;
  const lo = Math.min(q0, q1);
  const hi = Math.max(q0, q1);
  let value: number;
  if (!(elasticity < -1e-9)) value = choke * (hi - lo);
  else {
    const a = 1 / elasticity;
    // P(x) reaches the choke price at xc; below it the curve is capped.
    const xc = p0 >= choke ? q0 : q0 * pow(choke / p0, elasticity);
    const capped = xc > lo ? choke * (Math.min(xc, hi) - lo) : 0;
    const from = Math.max(lo, xc);
    let curve = 0;
    if (hi > from) {
      const F = (x: number) =>
        Math.abs(a + 1) < 1e-9 ? p0 * q0 * log(x / q0) : ((p0 * q0) / (a + 1)) * pow(x / q0, a + 1);
      curve = F(hi) - F(from);
    }
    value = capped + curve;
  }
  return (q1 < q0 ? -value : value) - paidMore;
}

/** Welfare components per good and node (`[good * nodes + node]`), USD over the months covered. */
export interface WelfareTable {
  goods: readonly { mineral: string; stage: string }[];
  nodes: readonly string[];
  /** [from, to): the months added up. */
  from: number;
  to: number;
  consumerSurplus: Float64Array;
  producerSurplus: Float64Array;
  revenue: Float64Array;
  fiscalCost: Float64Array;
}

/**
 * One pass over both runs: the welfare components for every good and node over months
 * [from, to) (default: every month both runs have). Selections are then sums (`welfareFor`), so
 * a new zone, mineral or stage costs no pass over the runs.
 */
export function welfareTable(
  baseline: RunResults,
  scenario: RunResults,
  range: { from?: number; to?: number } = {},
): WelfareTable {
  const { goods, nodes } = scenario.meta;
  const N = nodes.length;
  const G = goods.length;
  const common = Math.min(baseline.monthsDone, scenario.monthsDone);
  const to = Math.min(range.to ?? Number.POSITIVE_INFINITY, common);
  const from = Math.max(0, range.from ?? 0);
  const size = G * N;
  const table: WelfareTable = {
    goods,
    nodes,
    from,
    to,
    consumerSurplus: new Float64Array(size),
    producerSurplus: new Float64Array(size),
    revenue: new Float64Array(size),
    fiscalCost: new Float64Array(size),
  };
  // Every series in a local: the loop below reads 22 of them for each month, good and node.
  const s0 = baseline.series;
  const s1 = scenario.series;
  const [q0s, q1s, p0s, spend0, spend1, pr0, pr1] = [
    s0.consumption,
    s1.consumption,
    s0.buyerPrice,
    s0.consumerSpend,
    s1.consumerSpend,
    s0.profit,
    s1.profit,
  ];
  const curve = demandCurve(scenario);
  // Control rent held by exporting states or importers counts as revenue (firms' rent is in their profit).
  const [t0, t1, l0, l1, f0, f1, r0, r1] = [
    s0.tariffRevenue,
    s1.tariffRevenue,
    s0.levyRevenue,
    s1.levyRevenue,
    s0.feeRevenue,
    s1.feeRevenue,
    s0.rentRevenue,
    s1.rentRevenue,
  ];
  const [sub0, sub1, sup0, sup1, buy0, buy1, sell0, sell1] = [
    s0.subsidySpend,
    s1.subsidySpend,
    s0.supportSpend,
    s1.supportSpend,
    s0.stockpilePurchases,
    s1.stockpilePurchases,
    s0.stockpileSales,
    s1.stockpileSales,
  ];
  const { consumerSurplus, producerSurplus, revenue, fiscalCost } = table;
  for (let m = from; m < to; m++) {
    for (let g = 0; g < G; g++) {
      const row = g * N;
      const base = seriesIndex(scenario.meta, m, g, 0);
      for (let n = 0; n < N; n++) {
        const i = base + n;
        const q0 = q0s[i];
        const q1 = q1s[i];
        if (q0 !== 0 || q1 !== 0)
          consumerSurplus[row + n] += consumerSurplusChange(
            q0,
            q1,
            p0s[i],
            spend0[i],
            spend1[i],
            curve.elasticity[g],
            curve.choke[g],
          );
        producerSurplus[row + n] += pr1[i] - pr0[i];
        revenue[row + n] += t1[i] - t0[i] + (l1[i] - l0[i]) + (f1[i] - f0[i]) + (r1[i] - r0[i]);
        fiscalCost[row + n] +=
          sub1[i] - sub0[i] + (sup1[i] - sup0[i]) + (buy1[i] - buy0[i]) - (sell1[i] - sell0[i]);
      }
    }
  }
  return table;
}

/**
 * Welfare change of a set of nodes (default: the world) for one mineral (default: all) or one
 * of its stages, USD.
 */
export function welfareFor(
  table: WelfareTable,
  options: { members?: readonly string[]; mineral?: string; stage?: string } = {},
): WelfareChange {
  const N = table.nodes.length;
  const set = options.members ? new Set(options.members) : null;
  const out = { consumerSurplus: 0, producerSurplus: 0, revenue: 0, fiscalCost: 0, total: 0 };
  table.goods.forEach((good, k) => {
    if (options.mineral && good.mineral !== options.mineral) return;
    if (options.stage && good.stage !== options.stage) return;
    for (let n = 0; n < N; n++) {
      if (set && !set.has(table.nodes[n])) continue;
      const i = k * N + n;
      out.consumerSurplus += table.consumerSurplus[i];
      out.producerSurplus += table.producerSurplus[i];
      out.revenue += table.revenue[i];
      out.fiscalCost += table.fiscalCost[i];
    }
  });
  out.total = out.consumerSurplus + out.producerSurplus + out.revenue - out.fiscalCost;
  return out;
}

/** Welfare of `scenario` against `baseline` over months [from, to) for one selection, USD. */
export function welfareChange(
  baseline: RunResults,
  scenario: RunResults,
  options: { from?: number; to?: number; members?: readonly string[]; mineral?: string } = {},
): WelfareChange {
  const { from, to, ...selection } = options;
  return welfareFor(welfareTable(baseline, scenario, { from, to }), selection);
}
