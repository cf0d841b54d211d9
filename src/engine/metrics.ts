/**
 * Metrics of MODEL.md §6, computed from run results (pure functions, no engine state):
 * concentration (HHI, top-1 and top-3 shares), zone self-sufficiency and import dependence,
 * prices inside and outside a zone, resilience (unmet demand, its duration, months of cover)
 * and money, and welfare against a baseline run. docs/results.md defines each one.
 */
import { log, pow } from './math.ts';
import type { RunResults, SeriesName } from './results.ts';

/** The IEA/US DoJ threshold above which a market is "highly concentrated" (HHI, 0–10,000). */
export const HIGHLY_CONCENTRATED = 1800;

/** Node code of the rest-of-world aggregate: many small producers, so it adds nothing to HHI. */
export const REST_OF_WORLD = 'ROW';

/** Each good's demand curve for welfare (files without one: ε = −0.6, choke 15 × the month-0 world price). */
export function demandCurve(results: RunResults): { elasticity: number[]; choke: number[] } {
  const { goods } = results.meta;
  return {
    elasticity: results.meta.demandElasticity ?? goods.map(() => -0.6),
    choke: results.meta.chokePrice ?? goods.map((_, g) => 15 * worldPrice(results, 0, g)),
  };
}

function at(results: RunResults, name: SeriesName, month: number, good: number, node: number): number {
  const { goods, nodes } = results.meta;
  return results.series[name][(month * goods.length + good) * nodes.length + node];
}

export function goodIndexOf(results: RunResults, mineral: string, stage: string): number {
  return results.meta.goods.findIndex((g) => g.mineral === mineral && g.stage === stage);
}

export interface Concentration {
  /** Herfindahl–Hirschman index of production shares by node, 0–10,000 (rest of world counted as atomistic). */
  hhi: number;
  top1: { node: string; share: number };
  /** Three largest producers and their combined share, 0–1. */
  top3: { nodes: string[]; share: number };
  /** Production, t/month. */
  total: number;
}

/** Concentration of one good's production in one month. */
export function concentration(results: RunResults, month: number, good: number): Concentration {
  const codes = results.meta.nodes;
  const output = codes.map((_, n) => at(results, 'production', month, good, n));
  const total = output.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return { hhi: 0, top1: { node: '', share: 0 }, top3: { nodes: [], share: 0 }, total: 0 };
  let hhi = 0;
  const ranked: { node: string; share: number }[] = [];
  output.forEach((q, n) => {
    const share = q / total;
    if (codes[n] !== REST_OF_WORLD) {
      hhi += 100 * share * (100 * share);
      if (share > 0) ranked.push({ node: codes[n], share });
    }
  });
  ranked.sort((a, b) => b.share - a.share || a.node.localeCompare(b.node));
  const top3 = ranked.slice(0, 3);
  return {
    hhi,
    top1: ranked[0] ?? { node: '', share: 0 },
    top3: { nodes: top3.map((r) => r.node), share: top3.reduce((a, r) => a + r.share, 0) },
    total,
  };
}

function memberMask(results: RunResults, members: readonly string[]): boolean[] {
  const set = new Set(members);
  return results.meta.nodes.map((c) => set.has(c));
}

/** Tonnes shipped in a month for one good: calls `visit(origin, destination, tonnes)`. */
export function forEachFlow(
  results: RunResults,
  month: number,
  good: number,
  visit: (origin: number, destination: number, tonnes: number) => void,
): void {
  const N = results.meta.nodes.length;
  const keys = results.flowKeys[month];
  const tonnes = results.flowTonnes[month];
  if (!keys) return;
  const lo = good * N * N;
  const hi = lo + N * N;
  for (let f = 0; f < keys.length; f++) {
    const k = keys[f];
    if (k < lo || k >= hi) continue;
    const pair = k - lo;
    visit(Math.floor(pair / N), pair % N, tonnes[f]);
  }
}

/**
 * Self-sufficiency of a zone in one good: the share of the zone's purchases of the good that
 * come from producers inside the zone, 0–1 (NaN when the zone buys none).
 */
export function selfSufficiency(
  results: RunResults,
  month: number,
  good: number,
  members: readonly string[],
): number {
  const inside = memberMask(results, members);
  let fromInside = 0;
  let all = 0;
  forEachFlow(results, month, good, (i, j, t) => {
    if (!inside[j]) return;
    all += t;
    if (inside[i]) fromInside += t;
  });
  return all > 0 ? fromInside / all : Number.NaN;
}

/** Import dependence of a node in one good: imports / everything it received, 0–1. */
export function importDependence(results: RunResults, month: number, good: number, node: number): number {
  const imports = at(results, 'imports', month, good, node);
  let received = 0;
  forEachFlow(results, month, good, (_, j, t) => {
    if (j === node) received += t;
  });
  return received > 0 ? imports / received : Number.NaN;
}

/**
 * Average landed price paid by final consumers in a set of nodes (weighted by consumption),
 * USD/t; `inside: false` averages over the nodes outside the set.
 */
export function consumerPrice(
  results: RunResults,
  month: number,
  good: number,
  members: readonly string[],
  inside = true,
): number {
  const mask = memberMask(results, members);
  let paid = 0;
  let weight = 0;
  results.meta.nodes.forEach((_, n) => {
    if (mask[n] !== inside) return;
    const q = at(results, 'consumption', month, good, n) + at(results, 'imports', month, good, n);
    paid += q * at(results, 'buyerPrice', month, good, n);
    weight += q;
  });
  return weight > 0 ? paid / weight : Number.NaN;
}

/** World price of a good: production-weighted origin price, USD/t. */
export function worldPrice(results: RunResults, month: number, good: number): number {
  let value = 0;
  let q = 0;
  results.meta.nodes.forEach((_, n) => {
    const p = at(results, 'production', month, good, n);
    value += p * at(results, 'price', month, good, n);
    q += p;
  });
  return q > 0 ? value / q : Number.NaN;
}

/** Goods of a mineral that final consumers buy. */
export function finalGoods(results: RunResults, mineral: string): number[] {
  return results.meta.goods.flatMap((g, i) => {
    if (g.mineral !== mineral) return [];
    let demand = 0;
    for (let n = 0; n < results.meta.nodes.length; n++) demand += at(results, 'demand', 0, i, n);
    return demand > 0 ? [i] : [];
  });
}

/** Share of final demand for a mineral not met in a month, 0–1 (optionally only in some nodes). */
export function unmetShare(
  results: RunResults,
  month: number,
  mineral: string,
  members?: readonly string[],
): number {
  const mask = members ? memberMask(results, members) : null;
  let unmet = 0;
  let demand = 0;
  for (const g of finalGoods(results, mineral)) {
    results.meta.nodes.forEach((_, n) => {
      if (mask && !mask[n]) return;
      unmet += at(results, 'unmet', month, g, n);
      demand += at(results, 'demand', month, g, n);
    });
  }
  return demand > 0 ? unmet / demand : 0;
}

/** Months from `fromMonth` until unmet demand for the mineral falls back below `threshold` (share) for good. */
export function shortageDuration(
  results: RunResults,
  mineral: string,
  fromMonth: number,
  threshold = 0.01,
): number {
  let last = -1;
  for (let m = fromMonth; m < results.monthsDone; m++)
    if (unmetShare(results, m, mineral) > threshold) last = m;
  return last < 0 ? 0 : last - fromMonth + 1;
}

/** Stockpile holdings in months of the holder's consumption of the good. */
export function monthsOfCover(
  results: RunResults,
  month: number,
  stockpile: number,
  good: number,
  node: number,
): number {
  const held = results.stockpileTonnes[month * results.meta.stockpiles.length + stockpile];
  const use = at(results, 'consumption', month, good, node);
  return use > 0 ? held / use : Number.POSITIVE_INFINITY;
}

/** Sum of a series over nodes (optionally a node set), goods (optionally one mineral) and months [from, to). */
export function total(
  results: RunResults,
  name: SeriesName,
  options: { from?: number; to?: number; mineral?: string; members?: readonly string[] } = {},
): number {
  const { goods, nodes } = results.meta;
  const from = options.from ?? 0;
  const to = Math.min(options.to ?? results.monthsDone, results.monthsDone);
  const mask = options.members ? memberMask(results, options.members) : null;
  const series = results.series[name];
  let sum = 0;
  for (let m = from; m < to; m++) {
    for (let g = 0; g < goods.length; g++) {
      if (options.mineral && goods[g].mineral !== options.mineral) continue;
      for (let n = 0; n < nodes.length; n++) {
        if (mask && !mask[n]) continue;
        sum += series[(m * goods.length + g) * nodes.length + n];
      }
    }
  }
  return sum;
}

export interface WelfareChange {
  /** Change in consumer surplus, USD (trapezoid rule on final consumers' landed prices and quantities). */
  consumerSurplus: number;
  /** Change in producer surplus, USD (producers' profits). */
  producerSurplus: number;
  /** Change in government revenue: tariffs, levies and licence fees, USD. */
  revenue: number;
  /** Change in fiscal cost: price-gap subsidies, investment support and net stockpile purchases, USD. */
  fiscalCost: number;
  /** consumerSurplus + producerSurplus + revenue − fiscalCost, USD. */
  total: number;
}

/**
 * Welfare of `scenario` against `baseline` (same world and horizon), per node set, over months
 * [from, to): the partial-equilibrium accounting a trade model reports. Consumer surplus uses
 * ΔCS ≈ −Σ (P₁ − P₀)·(Q₀ + Q₁)/2 over goods, nodes and months.
 */
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

export function welfareChange(
  baseline: RunResults,
  scenario: RunResults,
  options: { from?: number; to?: number; members?: readonly string[]; mineral?: string } = {},
): WelfareChange {
  const { goods, nodes } = scenario.meta;
  const to = Math.min(options.to ?? scenario.monthsDone, baseline.monthsDone, scenario.monthsDone);
  const from = options.from ?? 0;
  const mask = options.members ? memberMask(scenario, options.members) : null;
  let cs = 0;
  const curve = demandCurve(scenario);
  for (let m = from; m < to; m++) {
    for (let g = 0; g < goods.length; g++) {
      if (options.mineral && goods[g].mineral !== options.mineral) continue;
      for (let n = 0; n < nodes.length; n++) {
        if (mask && !mask[n]) continue;
        const q0 = at(baseline, 'consumption', m, g, n);
        const q1 = at(scenario, 'consumption', m, g, n);
        if (q0 === 0 && q1 === 0) continue;
        cs += consumerSurplusChange(
          q0,
          q1,
          at(baseline, 'buyerPrice', m, g, n),
          at(baseline, 'consumerSpend', m, g, n),
          at(scenario, 'consumerSpend', m, g, n),
          curve.elasticity[g],
          curve.choke[g],
        );
      }
    }
  }
  const range = { from, to, members: options.members, mineral: options.mineral };
  const diff = (name: SeriesName) => total(scenario, name, range) - total(baseline, name, range);
  const producerSurplus = diff('profit');
  // Control rent held by exporting states or importers (firms' rent is in their profit).
  const revenue = diff('tariffRevenue') + diff('levyRevenue') + diff('feeRevenue') + diff('rentRevenue');
  const fiscalCost =
    diff('subsidySpend') + diff('supportSpend') + diff('stockpilePurchases') - diff('stockpileSales');
  return {
    consumerSurplus: cs,
    producerSurplus,
    revenue,
    fiscalCost,
    total: cs + producerSurplus + revenue - fiscalCost,
  };
}
