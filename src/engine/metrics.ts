/**
 * Metrics of MODEL.md §6, computed from run results (pure functions, no engine state):
 * concentration (HHI, top-1 and top-3 shares), zone self-sufficiency and import dependence,
 * prices inside and outside a zone, resilience (unmet demand, its duration, months of cover)
 * and money. Welfare against a baseline run is src/analysis/welfare.ts; the outcomes research
 * tools, charts and summaries track are src/analysis/outcomes.ts. docs/results.md defines each one.
 */
import type { RunResults, SeriesName } from './results.ts';

/** The IEA/US DoJ threshold above which a market is "highly concentrated" (HHI, 0–10,000). */
export const HIGHLY_CONCENTRATED = 1800;

/** Node code of the rest-of-world aggregate: many small producers, so it adds nothing to HHI. */
export const REST_OF_WORLD = 'ROW';

function at(results: RunResults, name: SeriesName, month: number, good: number, node: number): number {
  const { goods, nodes } = results.meta;
  return results.series[name][(month * goods.length + good) * nodes.length + node];
}

/** Sum over nodes of a series for one good in one month. */
export function nodeSum(results: RunResults, name: SeriesName, month: number, good: number): number {
  const { nodes, goods } = results.meta;
  const base = (month * goods.length + good) * nodes.length;
  const values = results.series[name];
  let sum = 0;
  for (let n = 0; n < nodes.length; n++) sum += values[base + n];
  return sum;
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

/** Tonnes a set of nodes received of one good in a month: in all, from inside the set, from any other node. */
function receivedBy(
  results: RunResults,
  month: number,
  good: number,
  members: readonly string[],
): { all: number; fromInside: number; fromOthers: number } {
  const inside = memberMask(results, members);
  let all = 0;
  let fromInside = 0;
  let fromOthers = 0;
  forEachFlow(results, month, good, (i, j, t) => {
    if (!inside[j]) return;
    all += t;
    if (inside[i]) fromInside += t;
    if (i !== j) fromOthers += t;
  });
  return { all, fromInside, fromOthers };
}

/** A share of what a set of nodes received of one good in a month, 0–1 (NaN when they received none). */
function receivedShare(part: 'fromInside' | 'fromOthers') {
  return (results: RunResults, month: number, good: number, members: readonly string[]): number => {
    const received = receivedBy(results, month, good, members);
    return received.all > 0 ? received[part] / received.all : Number.NaN;
  };
}

/**
 * Self-sufficiency of a zone in one good: the share of the zone's purchases of the good that
 * come from producers inside the zone, 0–1 (NaN when the zone buys none).
 */
export const selfSufficiency = receivedShare('fromInside');

/**
 * Import dependence of a set of nodes in one good: what they received from any other node (their
 * imports) / everything they received, 0–1 (NaN when they received none).
 */
export const importDependence = receivedShare('fromOthers');

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

/** Unmet share above which a month counts as a shortage (docs/results.md). */
export const SHORTAGE_THRESHOLD = 0.01;

/**
 * Shortage duration: months from `fromMonth` until the last month before `toMonth` (default:
 * every month done) in which unmet demand for the mineral exceeded `threshold` (share); 0 when
 * none did.
 */
export function shortageDuration(
  results: RunResults,
  mineral: string,
  fromMonth: number,
  options: { threshold?: number; toMonth?: number } = {},
): number {
  const threshold = options.threshold ?? SHORTAGE_THRESHOLD;
  const to = Math.min(options.toMonth ?? results.monthsDone, results.monthsDone);
  let last = -1;
  for (let m = fromMonth; m < to; m++) if (unmetShare(results, m, mineral) > threshold) last = m;
  return last < 0 ? 0 : last - fromMonth + 1;
}

/**
 * Months of cover of a set of nodes in a mineral: stocks of its final goods held in their nodes
 * at month end (firms, consumers, stockpiles) / their final consumption of those goods that
 * month, months (NaN when they consumed none).
 */
export function monthsOfCover(
  results: RunResults,
  month: number,
  mineral: string,
  members: readonly string[],
): number {
  const inside = memberMask(results, members);
  let held = 0;
  let use = 0;
  for (const g of finalGoods(results, mineral)) {
    inside.forEach((member, n) => {
      if (!member) return;
      held += at(results, 'stocks', month, g, n);
      use += at(results, 'consumption', month, g, n);
    });
  }
  return use > 0 ? held / use : Number.NaN;
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
