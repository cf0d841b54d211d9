/**
 * The quantities the validation page (docs/validation.md) compares with observed figures, read
 * from a run's generic result fields only: the price outside a restricting node, the price
 * inside it, the world price, exports, output and capacity by node and stage, final demand and
 * bilateral flows. The episodes (src/research/validation.ts) are small functions over these, so
 * an engine that changes how prices form (e.g. separate domestic and export prices of a
 * restricting node) regenerates the page without changes here as long as the series keep their
 * meaning (docs/results.md).
 */
import { consumerPrice, forEachFlow, goodIndexOf, worldPrice } from '../engine/metrics.ts';
import type { RunResults, SeriesName } from '../engine/results.ts';

/** A good of the model: a mineral at one stage of its chain. */
export interface GoodRef {
  mineral: string;
  stage: string;
}

function goodOf(r: RunResults, good: GoodRef): number {
  const g = goodIndexOf(r, good.mineral, good.stage);
  if (g < 0) throw new Error(`the run has no good ${good.mineral} ${good.stage}`);
  return g;
}

function nodeOf(r: RunResults, code: string): number {
  const n = r.meta.nodes.indexOf(code);
  if (n < 0) throw new Error(`the run has no node ${code}`);
  return n;
}

function inRange(r: RunResults, month: number): number {
  if (!(month >= 0 && month < r.monthsDone))
    throw new Error(`month ${month} is outside the run (0–${r.monthsDone - 1})`);
  return month;
}

/** A series at one month, summed over the given nodes (all nodes when omitted). */
export function seriesSum(
  r: RunResults,
  name: SeriesName,
  month: number,
  good: GoodRef,
  nodes?: readonly string[],
): number {
  const g = goodOf(r, good);
  const N = r.meta.nodes.length;
  const base = (inRange(r, month) * r.meta.goods.length + g) * N;
  const series = r.series[name];
  if (!nodes) {
    let s = 0;
    for (let n = 0; n < N; n++) s += series[base + n];
    return s;
  }
  let s = 0;
  for (const code of nodes) s += series[base + nodeOf(r, code)];
  return s;
}

/** Landed price paid by buyers outside `restrictor` (weighted by what they take), USD/t. */
export function outsidePrice(r: RunResults, month: number, good: GoodRef, restrictor: string): number {
  return consumerPrice(r, inRange(r, month), goodOf(r, good), [restrictor], false);
}

/** Landed price paid by buyers inside `node`, USD/t: the restricting node's domestic price. */
export function insidePrice(r: RunResults, month: number, good: GoodRef, node: string): number {
  return seriesSum(r, 'buyerPrice', month, good, [node]);
}

/** Production-weighted origin price of the good over all producers, USD/t. */
export function worldPriceOf(r: RunResults, month: number, good: GoodRef): number {
  return worldPrice(r, inRange(r, month), goodOf(r, good));
}

/** Output of a node (or of the world), t/month. */
export function output(r: RunResults, month: number, good: GoodRef, node?: string): number {
  return seriesSum(r, 'production', month, good, node ? [node] : undefined);
}

/** Operating capacity of a node, t/month. */
export function capacity(r: RunResults, month: number, good: GoodRef, node: string): number {
  return seriesSum(r, 'capacity', month, good, [node]);
}

/** Shipments of a node to other nodes, t/month. */
export function exportsOf(r: RunResults, month: number, good: GoodRef, node: string): number {
  return seriesSum(r, 'exports', month, good, [node]);
}

/** World final demand (what consumers wanted), t/month. */
export function demand(r: RunResults, month: number, good: GoodRef): number {
  return seriesSum(r, 'demand', month, good);
}

/** A node's share of world output, 0–1. */
export function outputShare(r: RunResults, month: number, good: GoodRef, node: string): number {
  return output(r, month, good, node) / output(r, month, good);
}

/** The nodes ranked by output in a month (largest first), with their shares, 0–1. */
export function producersRanked(
  r: RunResults,
  month: number,
  good: GoodRef,
): { node: string; share: number }[] {
  const world = output(r, month, good);
  return r.meta.nodes
    .map((node) => ({ node, share: output(r, month, good, node) / world }))
    .sort((a, b) => b.share - a.share || a.node.localeCompare(b.node));
}

/**
 * Share of `partner` in the cross-border shipments of a good into (`direction: 'into'`) or out
 * of (`'outOf'`) `node` over months [from, to), 0–1; shipments within a node do not count.
 */
export function tradeShare(
  r: RunResults,
  good: GoodRef,
  node: string,
  partner: string,
  direction: 'into' | 'outOf',
  from: number,
  to: number,
): number {
  const g = goodOf(r, good);
  const self = nodeOf(r, node);
  const other = nodeOf(r, partner);
  let withPartner = 0;
  let all = 0;
  for (let m = inRange(r, from); m < to; m++) {
    inRange(r, m);
    forEachFlow(r, m, g, (i, j, t) => {
      if (i === j) return;
      const counterpart = direction === 'into' ? (j === self ? i : -1) : i === self ? j : -1;
      if (counterpart < 0) return;
      all += t;
      if (counterpart === other) withPartner += t;
    });
  }
  return all > 0 ? withPartner / all : Number.NaN;
}

/** Mean of f(m) over months [from, to). */
export function meanOver(from: number, to: number, f: (month: number) => number): number {
  let s = 0;
  for (let m = from; m < to; m++) s += f(m);
  return s / (to - from);
}

/** Sum of f(m) over months [from, to). */
export function sumOver(from: number, to: number, f: (month: number) => number): number {
  let s = 0;
  for (let m = from; m < to; m++) s += f(m);
  return s;
}
