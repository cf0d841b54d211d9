/**
 * What a validation episode is (src/research/validation.ts lists them): its run, its checkable
 * expectations (observed figure, range, and the model's figure as a small function over the
 * run's results, src/research/measures.ts) and its chart panels; with the goods the episodes
 * read and the helpers their measures share.
 */
import type { RunResults } from '../engine/results.ts';
import { presetById } from '../scenario/presets.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { type GoodRef, insidePrice, meanOver, outsidePrice } from './measures.ts';
import { observed } from './observations.ts';

/** The runs an episode's measures read: the scenario and, when the episode has one, the status quo with the same months. */
export interface Runs {
  scenario: RunResults;
  /** The status quo over the same months (the scenario itself for the structural targets). */
  baseline: RunResults;
  /** Model month of the episode's event (the ban, the surge, the quota…). */
  event: number;
}

/** How a figure is shown: a change (+52%), a share (42.9%), a ratio (1.31) or a multiple (×12.1). */
export type Format = 'change' | 'share' | 'ratio' | 'multiple';

export interface Expectation {
  id: string;
  /** The expectation in words, as a researcher would check it. */
  claim: string;
  /** Rows of one group appear as one row in the summary table (structural targets). */
  group?: string;
  format: Format;
  /** Inclusive range the model's figure must fall in, in the format's units (a change as a fraction). */
  range: [number, number];
  /** Where the range comes from when episodes.md does not state it. */
  rangeNote?: string;
  /** The observed figure (from src/research/observations.ts) and the observations it comes from. */
  observed: { value: number; ids: string[]; text?: string };
  /** The model's figure; null when the model has nothing to measure it with. */
  model: ((runs: Runs) => number) | null;
  /** How the model's figure is measured. */
  how: string;
}

/** One chart panel: the model's path over months since the event beside the observed points. */
export interface Panel {
  title: string;
  /** Axis label of the values (e.g. "index, status quo = 1"). */
  yLabel: string;
  format: Format;
  lines: { label: string; value: (runs: Runs, k: number) => number }[];
  /** Observed points at months since the event (from an observation's date, or given). */
  points: { date: string; value: number; label: string }[];
  /**
   * Shaded expectation ranges over months since the event [from, to]: an expectation's range by
   * its id (a change is drawn as an index, 1 + change), or values [lo, hi] with a label.
   */
  bands: (
    | { expectation: string; from: number; to: number }
    | { from: number; to: number; lo: number; hi: number; label: string }
  )[];
}

export interface ValidationEpisode {
  id: string;
  title: string;
  status: 'calibration' | 'held-out';
  /** What happened and how the scenario represents it (markdown). */
  about: string;
  /** The run: a scenario (or one built from the status quo run), its months and the event month. */
  scenario: Partial<ScenarioInput> | ((baseline: RunResults) => Partial<ScenarioInput>);
  months: number;
  /** The event: its model month, its date and what it was in words ("the ban"). */
  event: { month: number; date: string; what?: string };
  expectations: Expectation[];
  /** Time-path panels, or 'dots': observed beside model per expectation (structural targets). */
  chart: Panel[] | 'dots';
  /** Months since the event the time panels show. */
  window?: [number, number];
}

/**
 * An episode's distinct facts, as the episode files write them: the run in one record (its
 * months are the scenario's own unless given), the status and its wording left to the builders.
 */
export interface EpisodeFacts {
  id: string;
  title: string;
  about: string;
  run: {
    scenario: ValidationEpisode['scenario'];
    months?: number;
    event: Required<ValidationEpisode['event']>;
    window?: [number, number];
  };
  expectations: ExpectationFacts[];
  chart: ValidationEpisode['chart'];
}

type Path = Panel['lines'][number]['value'];

/**
 * A path with what it measures in words, for the expectations that read it: `what` names the
 * quantity ("landed price of gallium outside China"), `against` what it is indexed to.
 */
export type Measure = Path & { readonly what: string; readonly against?: string };

/**
 * How an expectation reads a chart's path, in months since the event: at one month, or the mean
 * or the highest value over months `from`–`to` (both counted). The one place those months are
 * written: the expectation's figure reads them, and its shaded band on every panel that draws the
 * path spans them (a reading at one month: that month ±1, so the band shows).
 */
export interface Reading {
  path: Measure;
  kind: 'at' | 'mean' | 'peak';
  from: number;
  to: number;
}

/** The path's value at month k since the event. */
export const readAt = (path: Measure, k: number): Reading => ({ path, kind: 'at', from: k, to: k });
/** The path's mean over months from–to since the event (both counted). */
export const readMean = (path: Measure, from: number, to: number): Reading => ({
  path,
  kind: 'mean',
  from,
  to,
});
/** The path's highest value over months from–to since the event (both counted). */
export const readPeak = (path: Measure, from: number, to: number): Reading => ({
  path,
  kind: 'peak',
  from,
  to,
});

/**
 * An expectation as the episode files write it: its figure a function of the runs and how it is
 * measured in words, or a reading of a path (both said by the reading).
 */
export type ExpectationFacts = Omit<Expectation, 'model' | 'how'> &
  ({ model: Expectation['model']; how: string } | { reads: Reading });

/** The figure a reading gives, in the expectation's format (a change: the index minus 1). */
function figureOf({ path, kind, from, to }: Reading, format: Format): (runs: Runs) => number {
  const index =
    kind === 'at'
      ? (runs: Runs) => path(runs, from)
      : kind === 'mean'
        ? (runs: Runs) => meanOver(from, to + 1, (k) => path(runs, k))
        : (runs: Runs) => peakOver(from, to, (k) => path(runs, k));
  return format === 'change' ? (runs) => index(runs) - 1 : index;
}

/** How a reading is measured, in words: the measure, the months after the event and what it is indexed to. */
function howOf({ path, kind, from, to }: Reading, event: string): string {
  const months = (k: number) => (k === 1 ? '1 month' : `${k} months`);
  const against = path.against ? `, ${path.against}` : '';
  if (kind === 'at') return `${path.what} ${months(from)} after ${event}${against}`;
  if (kind === 'mean') return `${path.what}, mean of months ${from}–${to} after ${event}${against}`;
  return `highest ${path.what} in months ${from}–${to} after ${event}${against}`;
}

/** The months a reading's band spans. */
const bandMonths = ({ kind, from, to }: Reading) =>
  kind === 'at' ? { from: from - 1, to: to + 1 } : { from, to };

/**
 * The episode's expectations with their figures, and its panels with a band for each reading of
 * a path they draw (before the bands the panel names itself).
 */
function resolveReadings(facts: EpisodeFacts): Pick<ValidationEpisode, 'expectations' | 'chart'> {
  const expectations = facts.expectations.map((e): Expectation => {
    if (!('reads' in e)) return e;
    const { reads, ...rest } = e;
    return { ...rest, model: figureOf(reads, e.format), how: howOf(reads, facts.run.event.what) };
  });
  if (facts.chart === 'dots') return { expectations, chart: 'dots' };
  const readings = facts.expectations.flatMap((e) => ('reads' in e ? [{ id: e.id, reads: e.reads }] : []));
  const chart = facts.chart.map((panel) => {
    const drawn = new Set(panel.lines.map((l) => l.value));
    const read = readings
      .filter((r) => drawn.has(r.reads.path))
      .map((r) => ({ expectation: r.id, ...bandMonths(r.reads) }));
    return read.length === 0 ? panel : { ...panel, bands: [...read, ...panel.bands] };
  });
  return { expectations, chart };
}

function episode(status: ValidationEpisode['status'], facts: EpisodeFacts): ValidationEpisode {
  const { scenario, event, window } = facts.run;
  const months = facts.run.months ?? (typeof scenario === 'function' ? undefined : scenario.months);
  if (months === undefined) throw new Error(`episode ${facts.id}: its run needs a number of months`);
  return {
    id: facts.id,
    title: facts.title,
    status,
    about: facts.about,
    scenario,
    months,
    event,
    ...(window ? { window } : {}),
    ...resolveReadings(facts),
  };
}

/** A calibration episode (episodes.md). */
export const calibrationEpisode = (facts: EpisodeFacts) => episode('calibration', facts);

/** A held-out episode: its title and its about say it is held out. */
export const heldOutEpisode = (facts: EpisodeFacts) =>
  episode('held-out', {
    ...facts,
    title: `${facts.title} (held out)`,
    about: `**Held out: not used for calibration.** ${facts.about}`,
  });

/** A preset's scenario as an episode's run (without its schema version); throws naming a missing preset. */
export function presetScenario(id: string): Partial<ScenarioInput> {
  const preset = presetById(id);
  if (!preset) throw new Error(`the preset ${id} that a validation episode runs is missing`);
  const { version: _version, ...scenario } = preset.scenario;
  return scenario;
}

/** The goods the episodes read. */
export const ni = {
  ore: { mineral: 'nickel', stage: 'mine' },
  metal: { mineral: 'nickel', stage: 'refine' },
};
export const li = {
  mine: { mineral: 'lithium', stage: 'mine' },
  refined: { mineral: 'lithium', stage: 'refine' },
};
export const ree = {
  refined: { mineral: 'rare_earths', stage: 'refine' },
  magnet: { mineral: 'rare_earths', stage: 'magnet' },
};
export const ga = { mineral: 'gallium', stage: 'refine' };
export const ge = { mineral: 'germanium', stage: 'refine' };
export const sb = { mineral: 'antimony', stage: 'refine' };
export const co = {
  mine: { mineral: 'cobalt', stage: 'mine' },
  refined: { mineral: 'cobalt', stage: 'refine' },
};

/**
 * Ratio of a quantity in the scenario to the same quantity in the status quo, at month event + k;
 * `what` names the quantity in words.
 */
export function vsBaseline(q: (r: RunResults, month: number) => number, what: string): Measure {
  return Object.assign(
    (runs: Runs, k: number) => q(runs.scenario, runs.event + k) / q(runs.baseline, runs.event + k),
    { what, against: 'against the status quo' },
  );
}

/** Largest value of f(k) for k in [from, to]. */
export function peakOver(from: number, to: number, f: (k: number) => number): number {
  let best = Number.NEGATIVE_INFINITY;
  for (let k = from; k <= to; k++) best = Math.max(best, f(k));
  return best;
}

/**
 * Range of a held-out expectation, set here because the sources give single points: the
 * observed change (a ratio minus 1) ±50%.
 */
export function heldOutRange(value: number, format: Format): [number, number] {
  const change = format === 'change' ? value : value - 1;
  const a = change * 0.5;
  const b = change * 1.5;
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return format === 'change' ? [Math.max(lo, -1), hi] : [1 + lo, 1 + hi];
}
export const HELD_OUT_RANGE =
  'held out: range set here as the observed change ±50%, since the sources give single points';

export const o = observed;

/**
 * An observed point of a panel as a row: its date, its value (a number, or the id of the
 * observation that gives it) and its label.
 */
export type PointRow = readonly [date: string, value: number | string, label: string];
/** An expectation's shaded range as a row: its id and the months since the event it spans. */
export type BandRow = readonly [expectation: string, from: number, to: number];

/**
 * The points of a panel: the `base` point first, if any, and the rows; when there is a base,
 * each observation's value is divided by the base's, so the base stands at 1.
 */
function pointsOf({ base, points }: Observed): Panel['points'] {
  const by = base ? o(base[1]) : 1;
  return (base ? [base, ...points] : points).map(([date, value, label]) => ({
    date,
    value: typeof value === 'number' ? value : base ? o(value) / by : o(value),
    label,
  }));
}
const isBandRow = (b: BandRow | Panel['bands'][number]): b is BandRow => Array.isArray(b);
const bandsOf = (rows: readonly (BandRow | Panel['bands'][number])[] = []): Panel['bands'] =>
  rows.map((b) => (isBandRow(b) ? { expectation: b[0], from: b[1], to: b[2] } : b));

/** A panel's observed points and shaded ranges, as rows. */
export interface Observed {
  /** The observed point the others are indexed to, with the id of its observation (drawn at 1). */
  base?: readonly [date: string, observation: string, label: string];
  points: readonly PointRow[];
  /** Bands beside those of the expectations that read the panel's path (readAt, readMean, readPeak). */
  bands?: readonly (BandRow | Panel['bands'][number])[];
}

/** A chart panel of one model path, labelled "model", beside the observed points. */
export function modelPanel(
  title: string,
  value: Path,
  { yLabel, format, ...observed }: Observed & { yLabel: string; format: Format },
): Panel {
  return {
    title,
    yLabel,
    format,
    lines: [{ label: 'model', value }],
    points: pointsOf(observed),
    bands: bandsOf(observed.bands),
  };
}

/**
 * A chart panel of one model path as an index against the status quo (1 = as in the status
 * quo), beside the observed points; `yLabel` says what the observed points are indexed to when
 * that is not the status quo (the price before the ban, say).
 */
export function againstStatusQuo(
  title: string,
  value: Path,
  { yLabel = 'index, status quo = 1', ...observed }: Observed & { yLabel?: string },
): Panel {
  return {
    title,
    yLabel,
    format: 'ratio',
    lines: [{ label: 'model: against the status quo', value }],
    points: pointsOf(observed),
    bands: bandsOf(observed.bands),
  };
}

/** A good's landed price outside `exporter` (vsBaseline), the index most export-control episodes read. */
export const outsidePriceIndex = (good: GoodRef, exporter: string, what: string): Measure =>
  vsBaseline((r, m) => outsidePrice(r, m, good, exporter), what);

/** A good's landed price at `node` (vsBaseline). */
export const insidePriceIndex = (good: GoodRef, node: string, what: string): Measure =>
  vsBaseline((r, m) => insidePrice(r, m, good, node), what);

/** The ratio of a good's landed price outside an exporter to its price inside, at month event + k; `what` says so in words. */
export const priceWedge = (good: GoodRef, exporter: string, what: string): Measure =>
  Object.assign(
    (runs: Runs, k: number) =>
      outsidePrice(runs.scenario, runs.event + k, good, exporter) /
      insidePrice(runs.scenario, runs.event + k, good, exporter),
    { what },
  );

/** A chart panel of a price wedge (priceWedge) beside the observed ratios. */
export const wedgePanel = (title: string, value: Path, observed: Observed) =>
  modelPanel(title, value, { yLabel: 'ratio', format: 'ratio', ...observed });

/** The ratio of one observation to another (after / before) as an observed figure. */
export const ratioBetween = (before: string, after: string): Expectation['observed'] => ({
  value: o(after) / o(before),
  ids: [before, after],
});

/** The change from one observation to another (after / before − 1) as an observed figure. */
export const changeBetween = (before: string, after: string): Expectation['observed'] => ({
  value: o(after) / o(before) - 1,
  ids: [before, after],
});

/**
 * A calibration expectation's format, range (episodes.md's, unless `rangeNote` says it is set
 * here) and observed figure.
 */
export function within(
  format: Format,
  range: [number, number],
  observed: Expectation['observed'],
  rangeNote?: string,
): Pick<Expectation, 'format' | 'range' | 'rangeNote' | 'observed'> {
  return rangeNote === undefined ? { format, range, observed } : { format, range, rangeNote, observed };
}

/** One observation as an expectation's observed figure. */
export const observation = (id: string): Expectation['observed'] => ({ value: o(id), ids: [id] });

/** A share expectation's format, observed figure (one observation) and range: it ± tolerance, within 0–1. */
export function shareWithin(
  id: string,
  tolerance: number,
): Pick<Expectation, 'format' | 'range' | 'observed'> {
  const value = o(id);
  return {
    format: 'share',
    range: [Math.max(0, value - tolerance), Math.min(1, value + tolerance)],
    observed: observation(id),
  };
}

/**
 * A held-out expectation's format, observed figure and range, set here around the observed
 * figure (heldOutRange); `note` adds to the range note.
 */
export function heldOut(
  format: Format,
  observed: Expectation['observed'],
  note?: string,
): Pick<Expectation, 'format' | 'range' | 'rangeNote' | 'observed'> {
  return {
    format,
    range: heldOutRange(observed.value, format),
    rangeNote: note ? `${HELD_OUT_RANGE}; ${note}` : HELD_OUT_RANGE,
    observed,
  };
}

/** A mineral id as words ('rare_earths' → 'rare earths'). */
export const words = (mineral: string) => mineral.replace(/_/g, ' ');
