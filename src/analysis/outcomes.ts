/**
 * The outcomes of a run: one row per outcome, with its label, unit and how one month of it is
 * computed from the engine's series (src/engine/metrics.ts). Every place that shows or writes an
 * outcome reads this table: the charts, ensembles (median and band per month), sweeps (one
 * number per run: the last month or the mean), the compare tab, the command line's research
 * files and the summary.
 *
 * An outcome's name is `<mineral>.<row id>[.<stage>]`: `lithium.price.world`, `cobalt.hhi.refine`,
 * `nickel.selfSufficiency.mine`. Rows without stages measure the mineral's refined good (or the
 * mineral as a whole); rows with stages are reported once per stage.
 */
import { MINERALS } from '../data/minerals';
import {
  concentration,
  consumerPrice,
  goodIndexOf,
  importDependence,
  monthsOfCover,
  nodeSum,
  SHORTAGE_THRESHOLD,
  selfSufficiency,
  unmetShare,
  worldPrice,
} from '../engine/metrics.ts';
import type { RunResults, SeriesName } from '../engine/results.ts';
import { percent, stageName, usd, whole } from '../present/format.ts';

/** What one month of an outcome is measured on. */
export interface OutcomeAt {
  mineral: string;
  /** Index of the good in the run's goods (the refined good for rows without stages). */
  good: number;
  /** The zone's members (node codes). */
  members: readonly string[];
}

export type OutcomeKind = 'price' | 'hhi' | 'share' | 'months' | 'usd';

export interface OutcomeRow {
  /** The name after the mineral: `price.world`, `hhi`, `selfSufficiency`. */
  id: string;
  /** The stages a row is reported for, each its own outcome `<mineral>.<id>.<stage>`; absent: the refined good. */
  stages?: 'all' | readonly string[];
  /** In words: "world price", "HHI" (`outcomeLabel` adds the stage: "HHI, refining"). */
  name: string;
  unit: string;
  /** Prices in USD/t, HHI 0–10,000, shares 0–1 (shown in %), durations and cover in months, money in USD/month. */
  kind: OutcomeKind;
  /** What `at.good` must name: one good of the mineral ('good'), or nothing (the mineral as a whole). */
  of: 'good' | 'mineral';
  /** Smallest top of a chart's y axis (unmet demand: 2%, so a flat zero does not fill the chart). */
  yMaxAtLeast?: number;
  /** True when `value` reads `earlier` (a duration counting on from the month before). */
  cumulative?: true;
  /**
   * The outcome in one month. `earlier` holds the months before it when the row is
   * `cumulative` (a duration counts on from the month before); NaN where it is undefined (a zone
   * that buys nothing).
   */
  value(results: RunResults, month: number, at: OutcomeAt, earlier: Float64Array): number;
}

const share = (name: string) => ({
  name,
  unit: '%',
  kind: 'share' as const,
  of: 'mineral' as const,
});

/** A money series summed over the mineral's goods and every node, USD/month. */
function money(id: SeriesName, name: string): OutcomeRow {
  return {
    id,
    name,
    unit: 'USD/month',
    kind: 'usd',
    of: 'mineral',
    value: (r, m, at) => {
      let sum = 0;
      r.meta.goods.forEach((g, i) => {
        if (g.mineral === at.mineral) sum += nodeSum(r, id, m, i);
      });
      return sum;
    },
  };
}

/** Every outcome, in the order forms list them. */
export const OUTCOME_ROWS: readonly OutcomeRow[] = [
  {
    id: 'price.world',
    of: 'good',
    name: 'world price',
    unit: 'USD/t',
    kind: 'price',
    value: (r, m, at) => worldPrice(r, m, at.good),
  },
  {
    id: 'price.zone',
    of: 'good',
    name: 'price in the zone',
    unit: 'USD/t',
    kind: 'price',
    value: (r, m, at) => consumerPrice(r, m, at.good, at.members, true),
  },
  {
    id: 'price.outside',
    of: 'good',
    name: 'price outside the zone',
    unit: 'USD/t',
    kind: 'price',
    value: (r, m, at) => consumerPrice(r, m, at.good, at.members, false),
  },
  {
    id: 'hhi',
    of: 'good',
    stages: 'all',
    name: 'HHI',
    unit: '0–10,000',
    kind: 'hhi',
    value: (r, m, at) => concentration(r, m, at.good).hhi,
  },
  {
    id: 'top1',
    of: 'good',
    stages: 'all',
    name: 'largest producer’s share',
    unit: '%',
    kind: 'share',
    value: (r, m, at) => concentration(r, m, at.good).top1.share,
  },
  {
    id: 'top3',
    of: 'good',
    stages: 'all',
    name: 'top-3 share',
    unit: '%',
    kind: 'share',
    value: (r, m, at) => concentration(r, m, at.good).top3.share,
  },
  {
    id: 'selfSufficiency',
    of: 'good',
    stages: ['refine', 'mine'],
    name: 'zone self-sufficiency',
    unit: '%',
    kind: 'share',
    value: (r, m, at) => selfSufficiency(r, m, at.good, at.members),
  },
  {
    id: 'importDependence',
    of: 'good',
    stages: ['refine'],
    name: 'zone import dependence',
    unit: '%',
    kind: 'share',
    value: (r, m, at) => importDependence(r, m, at.good, at.members),
  },
  {
    id: 'unmet',
    ...share('unmet demand, world'),
    yMaxAtLeast: 0.02,
    value: (r, m, at) => unmetShare(r, m, at.mineral),
  },
  {
    id: 'unmet.zone',
    ...share('unmet demand in the zone'),
    yMaxAtLeast: 0.02,
    value: (r, m, at) => unmetShare(r, m, at.mineral, at.members),
  },
  {
    // shortageDuration from month 0 up to this month, one month at a time.
    id: 'shortage',
    of: 'mineral',
    name: 'shortage duration, world',
    unit: 'months',
    kind: 'months',
    cumulative: true,
    value: (r, m, at, earlier) =>
      unmetShare(r, m, at.mineral) > SHORTAGE_THRESHOLD ? m + 1 : m > 0 ? earlier[m - 1] : 0,
  },
  {
    id: 'cover.zone',
    of: 'mineral',
    name: 'months of cover in the zone',
    unit: 'months',
    kind: 'months',
    value: (r, m, at) => monthsOfCover(r, m, at.mineral, at.members),
  },
  money('tariffRevenue', 'tariff revenue, all nodes'),
  money('levyRevenue', 'price-floor levy revenue, all nodes'),
  money('subsidySpend', 'price-gap subsidies, all nodes'),
  money('stockpilePurchases', 'stockpile purchases, all nodes'),
];

const formats: Record<OutcomeKind, (value: number) => string> = {
  price: whole,
  hhi: whole,
  share: (v) => percent(v),
  months: (v) => (Number.isFinite(v) ? v.toFixed(1) : '–'),
  usd,
};

/** A row in words for a stage: "HHI, refining"; rows of one good without stages measure the refined good. */
export function labelOf(row: OutcomeRow, stage: string): string {
  if (row.stages) return `${row.name}, ${stageName(stage)}`;
  return row.of === 'good' ? `${row.name}, refined` : row.name;
}

/** An outcome's row and stage, found from its name. */
function parseName(name: string): { mineral: string; row: OutcomeRow; stage: string } | null {
  const dot = name.indexOf('.');
  if (dot < 0) return null;
  const mineral = name.slice(0, dot);
  const rest = name.slice(dot + 1);
  for (const row of OUTCOME_ROWS) {
    if (!row.stages && rest === row.id) return { mineral, row, stage: '' };
    if (row.stages && rest.startsWith(`${row.id}.`))
      return { mineral, row, stage: rest.slice(row.id.length + 1) };
  }
  return null;
}

export interface OutcomeLabel {
  mineral: string;
  label: string;
  unit: string;
  format: (value: number) => string;
  kind: OutcomeKind;
  yMaxAtLeast?: number;
}

/** The words, unit and number format of an outcome name; unknown names are shown as they are. */
export function outcomeLabel(name: string): OutcomeLabel {
  const found = parseName(name);
  if (!found) return { mineral: name.split('.')[0], label: name, unit: '', format: String, kind: 'share' };
  const { mineral, row, stage } = found;
  return {
    mineral,
    label: labelOf(row, stage),
    unit: row.unit,
    format: formats[row.kind],
    kind: row.kind,
    yMaxAtLeast: row.yMaxAtLeast,
  };
}

/** A row's outcome names for a mineral whose stages are `stages`, in chain order. */
function namesOf(row: OutcomeRow, mineral: string, stages: readonly string[]): string[] {
  if (!row.stages) return [`${mineral}.${row.id}`];
  const reported = row.stages === 'all' ? stages : row.stages.filter((s) => stages.includes(s));
  return reported.map((s) => `${mineral}.${row.id}.${s}`);
}

/** Outcome names of one mineral, in the order a form lists them. */
export function outcomeNamesOf(mineral: string): string[] {
  const stages = MINERALS.find((m) => m.id === mineral)?.stages.map((s) => s.id) ?? [];
  return OUTCOME_ROWS.flatMap((row) => namesOf(row, mineral, stages));
}

/** Every outcome name of every mineral (a sweep's metric list). */
export function allOutcomeNames(): string[] {
  return MINERALS.flatMap((m) => outcomeNamesOf(m.id));
}

/** Outcome name → value per month. */
export type Outcomes = Record<string, Float64Array>;

/** The good a row measures for a stage ('' = the refined good). */
function goodOf(results: RunResults, mineral: string, stage: string): number {
  return goodIndexOf(results, mineral, stage || 'refine');
}

/** Values of one row for months [0, months), each month computed once. */
export function outcomeSeries(
  results: RunResults,
  row: OutcomeRow,
  at: OutcomeAt,
  months = results.monthsDone,
): Float64Array {
  const values = new Float64Array(months);
  for (let m = 0; m < months; m++) values[m] = row.value(results, m, at, values);
  return values;
}

/** No earlier months: what a row that is not cumulative is given (it does not read them). */
const NO_EARLIER = new Float64Array(0);

/**
 * An outcome in one month: that month's value alone, or for a cumulative row its series up to
 * that month (the command line's summary reads the last month of each of seven rows; computing
 * every month for it took most of the summary's time).
 */
export function outcomeAt(results: RunResults, row: OutcomeRow, at: OutcomeAt, month: number): number {
  if (row.cumulative) return outcomeSeries(results, row, at, month + 1)[month];
  return row.value(results, month, at, NO_EARLIER);
}

/** Every outcome of a run, per month, for a zone (src/data/groups.ts `zoneOf`). */
export function outcomes(results: RunResults, zone: { members: readonly string[] }): Outcomes {
  const out: Outcomes = {};
  for (const mineral of results.meta.minerals) {
    const stages = results.meta.goods.filter((g) => g.mineral === mineral).map((g) => g.stage);
    for (const row of OUTCOME_ROWS) {
      for (const name of namesOf(row, mineral, stages)) {
        const stage = row.stages ? name.slice(mineral.length + row.id.length + 2) : '';
        const at = { mineral, good: goodOf(results, mineral, stage), members: zone.members };
        out[name] = outcomeSeries(results, row, at);
      }
    }
  }
  return out;
}

/** The row of an outcome id (`price.world`, `hhi`); throws on an unknown id. */
export function outcomeRow(id: string): OutcomeRow {
  const row = OUTCOME_ROWS.find((r) => r.id === id);
  if (!row) throw new Error(`no outcome "${id}"`);
  return row;
}

/** One number per outcome: the last month's value, or the mean over the run (NaN months skipped). */
export function reduceOutcomes(o: Outcomes, how: 'last' | 'mean'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, values] of Object.entries(o))
    out[name] = how === 'last' ? values[values.length - 1] : meanOf(values);
  return out;
}

/** Mean of the finite values in [from, to) (NaN when none is). */
export function meanOf(values: ArrayLike<number>, from = 0, to = values.length): number {
  let sum = 0;
  let count = 0;
  for (let m = from; m < to; m++) {
    const v = values[m];
    if (Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  return count > 0 ? sum / count : Number.NaN;
}
