/**
 * A scenario run beside a baseline run of the same world (issue #7, item 1): the status quo with
 * the same months, seed and agents, or any run the user pinned. Pure functions over RunResults:
 *
 * - prices, concentration and self-sufficiency of one good, averaged over the last months both
 *   runs have (single months are noisy);
 * - trade created and trade diverted per zone member (Viner): more imports from other members,
 *   fewer imports from non-members, in tonnes a month;
 *
 * Welfare (consumer and producer surplus, revenue, fiscal cost) is src/analysis/welfare.ts; the
 * prices, concentration and self-sufficiency are the outcome rows of src/analysis/outcomes.ts.
 */
import { meanOf, type OutcomeAt, outcomeRow, outcomeSeries } from '../analysis/outcomes.ts';
import { concentration, forEachFlow } from '../engine/metrics.ts';
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

  // The mean of an outcome row over the window, in each run.
  const at: OutcomeAt = { mineral: scenario.meta.goods[good].mineral, good, members };
  const mean = (id: string) =>
    pair(baseline, scenario, (r) => meanOf(outcomeSeries(r, outcomeRow(id), at, to), from, to));
  const prices = { zone: mean('price.zone'), outside: mean('price.outside'), world: mean('price.world') };
  const hhi = mean('hhi');
  const top3 = mean('top3');
  const top3Nodes = {
    baseline: concentration(baseline, to - 1, good).top3.nodes,
    scenario: concentration(scenario, to - 1, good).top3.nodes,
  };
  const self = mean('selfSufficiency');

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
