/**
 * A scenario run beside a baseline run of the same world (issue #7, item 1): the status quo with
 * the same months, seed and agents, or any run the user pinned. Pure functions over RunResults:
 *
 * - prices, concentration and self-sufficiency of one good, averaged over the last months both
 *   runs have (single months are noisy);
 * - trade created and trade diverted per zone member (Viner): more imports from other members,
 *   fewer imports from non-members, in tonnes a month;
 * - welfare (consumer and producer surplus, tariff/levy/fee revenue, fiscal cost) from one pass
 *   over both runs into a table per mineral and node, so every zone and mineral selection after
 *   that is a cheap sum. It adds up exactly what `welfareChange` (engine/metrics.ts) adds up.
 */
import {
  concentration,
  consumerPrice,
  consumerSurplusChange,
  demandCurve,
  forEachFlow,
  selfSufficiency,
  type WelfareChange,
  worldPrice,
} from '../engine/metrics.ts';
import type { RunResults } from '../engine/results.ts';

/** Months averaged for prices, trade and concentration: the last year of the common horizon. */
export const COMPARE_WINDOW_MONTHS = 12;

export interface Pair {
  baseline: number;
  scenario: number;
}

export interface TradeRow {
  /** Node code of the importing zone member, or 'zone' for the zone's total. */
  node: string;
  /** Imports from other zone members, t/month (window average). */
  fromMembers: Pair;
  /** Imports from non-members, t/month. */
  fromOutside: Pair;
  /** Trade created: fromMembers.scenario − fromMembers.baseline, t/month. */
  created: number;
  /** Trade diverted: fromOutside.baseline − fromOutside.scenario (positive = imports from non-members fell), t/month. */
  diverted: number;
}

export interface Comparison {
  /** Months both runs have simulated: [0, months). */
  months: number;
  /** The months the averages cover: [from, to). */
  window: { from: number; to: number };
  /** Consumption-weighted landed price inside and outside the zone; production-weighted world price; USD/t. */
  prices: { zone: Pair; outside: Pair; world: Pair };
  /** HHI of the good's output, 0–10,000. */
  hhi: Pair;
  /** Top-3 producers' share, 0–1. */
  top3: Pair;
  /** The three largest producers in the last common month. */
  top3Nodes: { baseline: string[]; scenario: string[] };
  /** The zone's self-sufficiency in the good, 0–1. */
  selfSufficiency: Pair;
  /** One row per zone member with any change, largest first. */
  trade: TradeRow[];
  tradeTotal: TradeRow;
}

/** Months both runs have. */
export function commonMonths(baseline: RunResults, scenario: RunResults): number {
  return Math.min(baseline.monthsDone, scenario.monthsDone);
}

function meanOver(from: number, to: number, value: (month: number) => number): number {
  let sum = 0;
  let count = 0;
  for (let m = from; m < to; m++) {
    const v = value(m);
    if (Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  return count > 0 ? sum / count : Number.NaN;
}

const pair = (baseline: RunResults, scenario: RunResults, f: (r: RunResults) => number): Pair => ({
  baseline: f(baseline),
  scenario: f(scenario),
});

/**
 * Imports of each node from zone members and from non-members, t/month averaged over
 * [from, to); a node's own supply (origin = destination) is not trade.
 */
function importsBySource(
  results: RunResults,
  good: number,
  inside: readonly boolean[],
  from: number,
  to: number,
): { fromMembers: Float64Array; fromOutside: Float64Array } {
  const N = results.meta.nodes.length;
  const fromMembers = new Float64Array(N);
  const fromOutside = new Float64Array(N);
  for (let m = from; m < to; m++) {
    forEachFlow(results, m, good, (i, j, t) => {
      if (i === j) return;
      if (inside[i]) fromMembers[j] += t;
      else fromOutside[j] += t;
    });
  }
  const span = Math.max(1, to - from);
  for (let n = 0; n < N; n++) {
    fromMembers[n] /= span;
    fromOutside[n] /= span;
  }
  return { fromMembers, fromOutside };
}

/**
 * Compares one good of `scenario` with `baseline` for a zone (`members`, node codes). Both runs
 * must come from the same world (same nodes and goods); their lengths may differ (the common
 * months count). Throws when they have no month in common.
 */
export function compareRuns(
  baseline: RunResults,
  scenario: RunResults,
  selection: { good: number; members: readonly string[]; windowMonths?: number },
): Comparison {
  const months = commonMonths(baseline, scenario);
  if (months < 1) throw new Error('the two runs have no month in common');
  const { good, members } = selection;
  const to = months;
  const from = Math.max(0, to - (selection.windowMonths ?? COMPARE_WINDOW_MONTHS));
  const codes = scenario.meta.nodes;
  const memberSet = new Set(members);
  const inside = codes.map((c) => memberSet.has(c));

  const prices = {
    zone: pair(baseline, scenario, (r) =>
      meanOver(from, to, (m) => consumerPrice(r, m, good, members, true)),
    ),
    outside: pair(baseline, scenario, (r) =>
      meanOver(from, to, (m) => consumerPrice(r, m, good, members, false)),
    ),
    world: pair(baseline, scenario, (r) => meanOver(from, to, (m) => worldPrice(r, m, good))),
  };
  const hhi = pair(baseline, scenario, (r) => meanOver(from, to, (m) => concentration(r, m, good).hhi));
  const top3 = pair(baseline, scenario, (r) =>
    meanOver(from, to, (m) => concentration(r, m, good).top3.share),
  );
  const top3Nodes = {
    baseline: concentration(baseline, to - 1, good).top3.nodes,
    scenario: concentration(scenario, to - 1, good).top3.nodes,
  };
  const self = pair(baseline, scenario, (r) =>
    meanOver(from, to, (m) => selfSufficiency(r, m, good, members)),
  );

  const before = importsBySource(baseline, good, inside, from, to);
  const after = importsBySource(scenario, good, inside, from, to);
  const trade: TradeRow[] = [];
  const total: TradeRow = {
    node: 'zone',
    fromMembers: { baseline: 0, scenario: 0 },
    fromOutside: { baseline: 0, scenario: 0 },
    created: 0,
    diverted: 0,
  };
  codes.forEach((code, n) => {
    if (!inside[n]) return;
    const row: TradeRow = {
      node: code,
      fromMembers: { baseline: before.fromMembers[n], scenario: after.fromMembers[n] },
      fromOutside: { baseline: before.fromOutside[n], scenario: after.fromOutside[n] },
      created: after.fromMembers[n] - before.fromMembers[n],
      diverted: before.fromOutside[n] - after.fromOutside[n],
    };
    total.fromMembers.baseline += row.fromMembers.baseline;
    total.fromMembers.scenario += row.fromMembers.scenario;
    total.fromOutside.baseline += row.fromOutside.baseline;
    total.fromOutside.scenario += row.fromOutside.scenario;
    total.created += row.created;
    total.diverted += row.diverted;
    const any =
      row.fromMembers.baseline +
      row.fromMembers.scenario +
      row.fromOutside.baseline +
      row.fromOutside.scenario;
    if (any > 0) trade.push(row);
  });
  trade.sort(
    (a, b) =>
      Math.abs(b.created) + Math.abs(b.diverted) - (Math.abs(a.created) + Math.abs(a.diverted)) ||
      a.node.localeCompare(b.node),
  );

  return {
    months,
    window: { from, to },
    prices,
    hhi,
    top3,
    top3Nodes,
    selfSufficiency: self,
    trade,
    tradeTotal: total,
  };
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
 * One pass over both runs: the welfare components of `welfareChange` for every good and node
 * over months [from, to) (default: every common month). Selections are then sums
 * (`welfareFor`), so a new zone, mineral or stage costs no pass over the runs.
 */
export function welfareTable(
  baseline: RunResults,
  scenario: RunResults,
  range: { from?: number; to?: number } = {},
): WelfareTable {
  const { goods, nodes } = scenario.meta;
  const N = nodes.length;
  const G = goods.length;
  const to = Math.min(range.to ?? Number.POSITIVE_INFINITY, commonMonths(baseline, scenario));
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
      const base = (m * G + g) * N;
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

/** What the reader should know about a comparison of two runs that differ in more than levers. */
export function comparisonNotes(
  baseline: { months: number; seed: number; resolution: number; monthsDone: number },
  scenario: { months: number; seed: number; resolution: number; monthsDone: number },
): string[] {
  const notes: string[] = [];
  if (baseline.monthsDone !== scenario.monthsDone) {
    notes.push(
      `The runs have ${baseline.monthsDone} and ${scenario.monthsDone} months: they are compared over the first ${Math.min(baseline.monthsDone, scenario.monthsDone)}.`,
    );
  }
  if (baseline.seed !== scenario.seed || baseline.resolution !== scenario.resolution) {
    notes.push(
      'The runs differ in seed or number of agents: part of every difference is random variation between draws of the population, not the levers.',
    );
  }
  return notes;
}
