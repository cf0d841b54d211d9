/**
 * The model's track record: every calibration episode of the shared data (episodes.md: the
 * structural targets S1–S4, V2 Indonesia 2014, V10 lithium 2021–24, V11 export-tax wedges) and
 * the held-out episodes (not used for calibration), each as a scenario, its checkable
 * expectations (observed figure, range, and the model's figure as a small function over the
 * run's results, src/research/measures.ts) and the chart panels of docs/validation.md.
 * `npm run episodes` runs them and writes the page (src/research/validationPage.ts).
 */
import type { RunResults } from '../engine/results.ts';
import { presetById } from '../scenario/presets.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { EXPORT_TAX_WEDGE, INDONESIA_ORE_BAN, LITHIUM_BOOM } from './episodes.ts';
import {
  demand,
  exportsOf,
  insidePrice,
  meanOver,
  output,
  outputShare,
  outsidePrice,
  producersRanked,
  sumOver,
  tradeShare,
  worldPriceOf,
} from './measures.ts';
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
  event: { month: number; date: string };
  expectations: Expectation[];
  /** Time-path panels, or 'dots': observed beside model per expectation (structural targets). */
  chart: Panel[] | 'dots';
  /** Months since the event the time panels show. */
  window?: [number, number];
}

const ni = { ore: { mineral: 'nickel', stage: 'mine' }, metal: { mineral: 'nickel', stage: 'refine' } };
const li = { mine: { mineral: 'lithium', stage: 'mine' }, refined: { mineral: 'lithium', stage: 'refine' } };
const ree = {
  refined: { mineral: 'rare_earths', stage: 'refine' },
  magnet: { mineral: 'rare_earths', stage: 'magnet' },
};
const ga = { mineral: 'gallium', stage: 'refine' };
const ge = { mineral: 'germanium', stage: 'refine' };
const co = { mine: { mineral: 'cobalt', stage: 'mine' }, refined: { mineral: 'cobalt', stage: 'refine' } };

/** Months over which the structural targets are measured: the status quo's second year. */
export const STRUCTURE_MONTHS: [number, number] = [12, 24];
const [S_FROM, S_TO] = STRUCTURE_MONTHS;

/** Ratio of a quantity in the scenario to the same quantity in the status quo, at month event + k. */
function vsBaseline(q: (r: RunResults, month: number) => number) {
  return (runs: Runs, k: number) => q(runs.scenario, runs.event + k) / q(runs.baseline, runs.event + k);
}

/** Largest value of f(k) for k in [from, to]. */
function peakOver(from: number, to: number, f: (k: number) => number): number {
  let best = Number.NEGATIVE_INFINITY;
  for (let k = from; k <= to; k++) best = Math.max(best, f(k));
  return best;
}

/**
 * Range of a held-out expectation, set here because the sources give single points: the
 * observed change (a ratio minus 1) ±50%.
 */
function heldOutRange(value: number, format: Format): [number, number] {
  const change = format === 'change' ? value : value - 1;
  const a = change * 0.5;
  const b = change * 1.5;
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return format === 'change' ? [Math.max(lo, -1), hi] : [1 + lo, 1 + hi];
}
const HELD_OUT_RANGE =
  'held out: range set here as the observed change ±50%, since the sources give single points';

const o = observed;

/** A mineral id as words ('rare_earths' → 'rare earths'). */
const words = (mineral: string) => mineral.replace(/_/g, ' ');

// ————— Structural targets (S1–S4): the status quo itself, measured over its second year. —————

const meanShare = (r: RunResults, good: { mineral: string; stage: string }, node: string) =>
  meanOver(S_FROM, S_TO, (m) => outputShare(r, m, good, node));

const meanTop3 = (r: RunResults, good: { mineral: string; stage: string }) =>
  meanOver(S_FROM, S_TO, (m) =>
    producersRanked(r, m, good)
      .filter((p) => p.node !== 'ROW')
      .slice(0, 3)
      .reduce((a, p) => a + p.share, 0),
  );

function shareRow(
  id: string,
  group: string,
  claim: string,
  good: { mineral: string; stage: string },
  node: string,
  tolerance: number,
): Expectation {
  const value = o(id);
  return {
    id,
    claim,
    group,
    format: 'share',
    range: [Math.max(0, value - tolerance), Math.min(1, value + tolerance)],
    observed: { value, ids: [id] },
    model: (runs) => meanShare(runs.scenario, good, node),
    how: `${node}'s share of world ${words(good.mineral)} ${good.stage} output, mean of months ${S_FROM}–${S_TO - 1}`,
  };
}

const S1_COUNTRIES: [string, string][] = [
  ['copper', 'CHN'],
  ['lithium', 'CHN'],
  ['lithium', 'CHL'],
  ['lithium', 'ARG'],
  ['nickel', 'IDN'],
  ['nickel', 'CHN'],
  ['cobalt', 'CHN'],
  ['cobalt', 'FIN'],
  ['graphite', 'CHN'],
  ['rare_earths', 'CHN'],
  ['rare_earths', 'MYS'],
];
const S1_MINERALS = ['copper', 'lithium', 'nickel', 'cobalt', 'graphite', 'rare_earths'];

const STATUS_QUO_ABOUT =
  'Measured on the status quo run itself (the 2024 calibration, no lever), as the mean of its second year (months 12–23).';

const S1: ValidationEpisode = {
  id: 'S1',
  title: 'Refining concentration (IEA, 2024)',
  status: 'calibration',
  about: `The top refiners' shares of refined output in the IEA Critical Minerals Dataset (2025 edition, base year 2024); the IEA's rare-earth series covers the magnet elements and is compared with the model's separated rare earths. Expectation (episodes.md): every share within ±3 percentage points and the mean top-3 share 84–88%. ${STATUS_QUO_ABOUT} The rest of the world (ROW) is not counted as a refiner in the top-3.`,
  scenario: {},
  months: S_TO,
  event: { month: 0, date: '2024-01' },
  chart: 'dots',
  expectations: [
    ...S1_COUNTRIES.map(([mineral, node]) =>
      shareRow(
        `S1.${mineral}.${node}`,
        'S1 country shares of refined output within ±3 pp',
        `${node}'s share of refined ${words(mineral)} within ±3 pp`,
        { mineral, stage: 'refine' },
        node,
        0.03,
      ),
    ),
    ...S1_MINERALS.map((mineral): Expectation => {
      const id = `S1.${mineral}.top3`;
      const value = o(id);
      return {
        id,
        claim: `top-3 refiners' share of refined ${words(mineral)} within ±3 pp`,
        group: 'S1 top-3 refining shares within ±3 pp',
        format: 'share',
        range: [Math.max(0, value - 0.03), Math.min(1, value + 0.03)],
        observed: { value, ids: [id] },
        model: (runs) => meanTop3(runs.scenario, { mineral, stage: 'refine' }),
        how: `the three largest refiners' share (ROW excluded), mean of months ${S_FROM}–${S_TO - 1}`,
      };
    }),
    {
      id: 'S1.mean-top3',
      claim: 'mean of the six top-3 refining shares 84–88%',
      format: 'share',
      range: [0.84, 0.88],
      observed: { value: o('S1.mean-top3'), ids: ['S1.mean-top3'] },
      model: (runs) =>
        S1_MINERALS.reduce((a, mineral) => a + meanTop3(runs.scenario, { mineral, stage: 'refine' }), 0) /
        S1_MINERALS.length,
      how: 'mean over the six minerals of the top-3 share above',
    },
  ],
};

const MODEL_MINERALS = [
  'lithium',
  'nickel',
  'cobalt',
  'graphite',
  'rare_earths',
  'copper',
  'manganese',
  'silicon',
  'gallium',
  'germanium',
];

const S2: ValidationEpisode = {
  id: 'S2',
  title: 'China as refiner',
  status: 'calibration',
  about: `China leads the refining of 19 of 20 energy-related strategic minerals with an average share of about 70% (IEA), holds 91% of rare-earth separation and 94% of magnet making. episodes.md states these facts without a range: the ranges here are set on this page (±3 pp for single shares; the model's ten minerals are not the IEA's twenty, so the averages get wider ranges). ${STATUS_QUO_ABOUT}`,
  scenario: {},
  months: S_TO,
  event: { month: 0, date: '2024-01' },
  chart: 'dots',
  expectations: [
    {
      id: 'S2.china-leads',
      claim: "China is the leading refiner of nearly every mineral (85–100% of the model's ten)",
      format: 'share',
      range: [0.85, 1],
      rangeNote: 'range set here: 19 of 20 is 95%; one mineral of ten is 10 pp',
      observed: { value: o('S2.china-leads'), ids: ['S2.china-leads'] },
      model: (runs) =>
        MODEL_MINERALS.filter(
          (mineral) =>
            producersRanked(runs.scenario, S_TO - 1, { mineral, stage: 'refine' })[0].node === 'CHN',
        ).length / MODEL_MINERALS.length,
      how: `share of the model's ten minerals whose largest refiner (month ${S_TO - 1}) is China`,
    },
    {
      id: 'S2.china-mean',
      claim: "China's average share of refining 65–80%",
      format: 'share',
      range: [0.65, 0.8],
      rangeNote: 're-reports give about 70% and about 75%; range set here',
      observed: { value: o('S2.china-mean'), ids: ['S2.china-mean'] },
      model: (runs) =>
        MODEL_MINERALS.reduce(
          (a, mineral) => a + meanShare(runs.scenario, { mineral, stage: 'refine' }, 'CHN'),
          0,
        ) / MODEL_MINERALS.length,
      how: "mean over the model's ten minerals of China's share of refined output",
    },
    {
      ...shareRow('S2.ree-separation', 'S2', '', ree.refined, 'CHN', 0.03),
      group: undefined,
      claim: "China's share of rare-earth separation 91% ±3 pp",
      rangeNote: 'range set here: ±3 pp, as in S1',
    },
    {
      ...shareRow('S2.magnets', 'S2', '', ree.magnet, 'CHN', 0.03),
      group: undefined,
      claim: "China's share of magnet making 94% ±3 pp",
      rangeNote: 'range set here: ±3 pp, as in S1',
    },
  ],
};

const S3_ROWS: [string, string, string][] = [
  ['cobalt', 'mine', 'COD'],
  ['cobalt', 'mine', 'IDN'],
  ['nickel', 'mine', 'IDN'],
  ['graphite', 'mine', 'CHN'],
  ['rare_earths', 'mine', 'CHN'],
  ['gallium', 'refine', 'CHN'],
  ['silicon', 'refine', 'CHN'],
  ['lithium', 'mine', 'AUS'],
  ['copper', 'mine', 'CHL'],
];

const S3: ValidationEpisode = {
  id: 'S3',
  title: 'Mining concentration (USGS MCS 2025, 2024 estimates)',
  status: 'calibration',
  about: `The leading miners' shares of world mine output (USGS). Expectation (episodes.md): within ±2 percentage points. Primary gallium and silicon are smelter or by-product-recovery output, the model's refine stage. Tungsten and antimony are not minerals of the model. ${STATUS_QUO_ABOUT}`,
  scenario: {},
  months: S_TO,
  event: { month: 0, date: '2024-01' },
  chart: 'dots',
  expectations: [
    ...S3_ROWS.map(([mineral, stage, node]) =>
      shareRow(
        `S3.${mineral}.${node}`,
        'S3 mine-output shares within ±2 pp',
        `${node}'s share of ${words(mineral)} ${stage === 'mine' ? 'mining' : 'primary output'} within ±2 pp`,
        { mineral, stage },
        node,
        0.02,
      ),
    ),
    ...['tungsten', 'antimony'].map((mineral): Expectation => {
      const id = `S3.${mineral}.CHN`;
      const value = o(id);
      return {
        id,
        claim: `CHN's share of ${mineral} mining within ±2 pp`,
        format: 'share',
        range: [Math.max(0, value - 0.02), Math.min(1, value + 0.02)],
        observed: { value, ids: [id] },
        model: null,
        how: `${mineral} is not a mineral of the model`,
      };
    }),
  ],
};

function s4Row(
  id: string,
  group: string,
  claim: string,
  good: { mineral: string; stage: string },
  partner: string,
  direction: 'into' | 'outOf',
): Expectation {
  const value = o(id);
  return {
    id,
    claim,
    group,
    format: 'share',
    range: [Math.max(0, value - 0.1), Math.min(1, value + 0.1)],
    rangeNote: id === 'S4.cobalt.COD' ? '"almost entirely" read as 95%, ±10 pp' : undefined,
    observed: { value, ids: [id], ...(id === 'S4.cobalt.COD' ? { text: 'almost all' } : {}) },
    model: (runs) => tradeShare(runs.scenario, good, 'CHN', partner, direction, S_FROM, S_TO),
    how: `${partner}'s share of China's cross-border ${direction === 'into' ? 'imports' : 'exports'} of ${words(good.mineral)} ${good.stage}, months ${S_FROM}–${S_TO - 1}`,
  };
}

const S4: ValidationEpisode = {
  id: 'S4',
  title: 'Trade-dependency structure',
  status: 'calibration',
  about: `Where China's refiners buy their feed (IEA Critical Minerals Market Review 2023) and where China's graphite and germanium go (USGS). Expectation (episodes.md): the simulated bilateral flows reproduce these shares within about ±10 percentage points. The model's graphite mine stage stands for natural flake, its refine stage for processed (spherical and synthetic) graphite. ${STATUS_QUO_ABOUT}`,
  scenario: {},
  months: S_TO,
  event: { month: 0, date: '2024-01' },
  chart: 'dots',
  expectations: [
    s4Row(
      'S4.cobalt.COD',
      'S4 China’s feed imports by origin within ±10 pp',
      "DR Congo's share of China's cobalt feed imports",
      co.mine,
      'COD',
      'into',
    ),
    s4Row(
      'S4.nickel.PHL',
      'S4 China’s feed imports by origin within ±10 pp',
      "the Philippines' share of China's nickel ore imports",
      ni.ore,
      'PHL',
      'into',
    ),
    s4Row(
      'S4.lithium.AUS',
      'S4 China’s feed imports by origin within ±10 pp',
      "Australia's share of China's lithium feed imports",
      li.mine,
      'AUS',
      'into',
    ),
    ...(['KOR', 'JPN', 'DEU', 'USA'] as const).map((node) =>
      s4Row(
        `S4.graphite-flake.${node}`,
        'S4 China’s graphite and germanium exports by destination within ±10 pp',
        `${node}'s share of China's natural flake graphite exports`,
        { mineral: 'graphite', stage: 'mine' },
        node,
        'outOf',
      ),
    ),
    ...(['KOR', 'JPN', 'USA'] as const).map((node) =>
      s4Row(
        `S4.graphite-spherical.${node}`,
        'S4 China’s graphite and germanium exports by destination within ±10 pp',
        `${node}'s share of China's spherical graphite exports`,
        { mineral: 'graphite', stage: 'refine' },
        node,
        'outOf',
      ),
    ),
    ...(['BEL', 'DEU', 'RUS', 'JPN'] as const).map((node) =>
      s4Row(
        `S4.germanium.${node}`,
        'S4 China’s graphite and germanium exports by destination within ±10 pp',
        `${node}'s share of China's germanium-metal exports`,
        ge,
        node,
        'outOf',
      ),
    ),
  ],
};

// ————— V2: Indonesia's nickel ore export ban (January 2014). —————

const v2OutsideIndex = vsBaseline((r, m) => outsidePrice(r, m, ni.metal, 'IDN'));
const v2OreIndex = vsBaseline((r, m) => insidePrice(r, m, ni.ore, 'CHN'));
const v2PhlExports = vsBaseline((r, m) => exportsOf(r, m, ni.ore, 'PHL'));
const v2IdnRefining = (runs: Runs, k: number) =>
  output(runs.scenario, runs.event + k, ni.metal, 'IDN') /
  output(runs.scenario, runs.event - 1, ni.metal, 'IDN');

const V2: ValidationEpisode = {
  id: 'V2',
  title: 'Indonesia nickel ore export ban, January 2014',
  status: 'calibration',
  about:
    'Indonesia, about a third of world nickel ore and 18–20% of contained nickel, banned ore exports on 12 January 2014. The scenario bans Indonesian nickel ore exports from month 12 of the 2024-calibrated world (preset `indonesia-nickel-ore-ban`); prices and exports are compared with the status quo over the same months. The 2024 world is not the 2013 one: Indonesia already refines about 43% of the world’s nickel, so a tenfold growth of its refining cannot happen in the model.',
  scenario: INDONESIA_ORE_BAN,
  months: INDONESIA_ORE_BAN.months,
  event: { month: 12, date: '2014-01-12' },
  window: [-8, 60],
  expectations: [
    {
      id: 'V2.outside-peak',
      claim: 'the outside metal price rises 40–60% within 3–5 months',
      format: 'change',
      range: [0.4, 0.6],
      observed: {
        value: o('V2.lme-2014-high') / o('V2.lme-2014-01-13') - 1,
        ids: ['V2.lme-2014-01-13', 'V2.lme-2014-05', 'V2.lme-2014-high'],
      },
      model: (runs) => peakOver(3, 5, (k) => v2OutsideIndex(runs, k)) - 1,
      how: 'highest landed price of refined nickel outside Indonesia in months 3–5 after the ban, against the status quo',
    },
    {
      id: 'V2.ore-price',
      claim: 'the raw-ore price at the importer rises 60–100% within about 2 months',
      format: 'change',
      range: [0.6, 1],
      observed: {
        value: o('V2.ore-2014-04') / o('V2.ore-2014-02') - 1,
        ids: ['V2.ore-2014-02', 'V2.ore-2014-04'],
      },
      model: (runs) => peakOver(1, 3, (k) => v2OreIndex(runs, k)) - 1,
      how: 'highest landed price of nickel ore in China in months 1–3 after the ban, against the status quo',
    },
    {
      id: 'V2.substitute',
      claim: 'the substitute exporter (the Philippines) raises ore exports 20–25% within the year',
      format: 'change',
      range: [0.2, 0.25],
      observed: {
        value: o('V2.phl-exports-2014') / o('V2.phl-exports-2013') - 1,
        ids: ['V2.phl-exports-2013', 'V2.phl-exports-2014'],
      },
      model: (runs) =>
        sumOver(runs.event, runs.event + 12, (m) => exportsOf(runs.scenario, m, ni.ore, 'PHL')) /
          sumOver(runs.event, runs.event + 12, (m) => exportsOf(runs.baseline, m, ni.ore, 'PHL')) -
        1,
      how: 'Philippine nickel ore exports in the 12 months from the ban, against the status quo',
    },
    {
      id: 'V2.give-back',
      claim: 'metal prices give back most of the gain within 12 months',
      format: 'share',
      range: [0.5, 1],
      rangeNote: '"most" read as more than half; range set here',
      observed: {
        value:
          (o('V2.lme-2014-high') - o('V2.lme-2014-12-19')) / (o('V2.lme-2014-high') - o('V2.lme-2014-01-13')),
        ids: ['V2.lme-2014-01-13', 'V2.lme-2014-high', 'V2.lme-2014-12-19'],
      },
      model: (runs) => {
        const peak = peakOver(0, 11, (k) => v2OutsideIndex(runs, k));
        return peak > 1 ? (peak - v2OutsideIndex(runs, 11)) / (peak - 1) : 0;
      },
      how: 'share of the first year’s peak rise in the outside price (against the status quo) gone 11 months after the ban',
    },
    {
      id: 'V2.year-end',
      claim: 'the outside metal price ends the year about +10% against the pre-ban level',
      format: 'change',
      range: [0.05, 0.15],
      rangeNote: '"about +10%" read as +5% to +15%; range set here',
      observed: {
        value: o('V2.lme-2014-12-19') / o('V2.lme-2014-01-13') - 1,
        ids: ['V2.lme-2014-01-13', 'V2.lme-2014-12-19'],
      },
      model: (runs) => v2OutsideIndex(runs, 11) - 1,
      how: 'landed price of refined nickel outside Indonesia 11 months after the ban, against the status quo',
    },
    {
      id: 'V2.refining',
      claim: "the banning country's refining output grows ≥10× within 4–5 years",
      format: 'multiple',
      range: [10, Number.POSITIVE_INFINITY],
      observed: {
        value: o('V2.idn-refined-2018') / o('V2.idn-refined-2014'),
        ids: ['V2.idn-refined-2014', 'V2.idn-refined-2018'],
      },
      model: (runs) => v2IdnRefining(runs, 54),
      how: "Indonesia's refined nickel output 54 months after the ban against the month before it",
    },
  ],
  chart: [
    {
      title: 'Refined nickel price outside Indonesia',
      yLabel: 'index, before the ban = 1',
      format: 'ratio',
      lines: [{ label: 'model: against the status quo', value: v2OutsideIndex }],
      points: [
        { date: '2014-01-13', value: 1, label: 'LME 3M 14,190' },
        { date: '2014-05', value: o('V2.lme-2014-05') / o('V2.lme-2014-01-13'), label: 'May' },
        { date: '2014-05', value: o('V2.lme-2014-high') / o('V2.lme-2014-01-13'), label: '2014 high' },
        { date: '2014-12-19', value: o('V2.lme-2014-12-19') / o('V2.lme-2014-01-13'), label: '19 Dec' },
      ],
      bands: [
        { expectation: 'V2.outside-peak', from: 3, to: 5 },
        { expectation: 'V2.year-end', from: 10, to: 12 },
      ],
    },
    {
      title: 'Nickel ore price paid in China',
      yLabel: 'index, before the ban = 1',
      format: 'ratio',
      lines: [{ label: 'model: against the status quo', value: v2OreIndex }],
      points: [
        { date: '2014-02-25', value: 1, label: 'PH ore CIF China 50 USD/wt' },
        { date: '2014-04-05', value: o('V2.ore-2014-04') / o('V2.ore-2014-02'), label: '90 USD/wt' },
      ],
      bands: [{ expectation: 'V2.ore-price', from: 1, to: 3 }],
    },
    {
      title: 'Philippine nickel ore exports',
      yLabel: 'index, status quo = 1',
      format: 'ratio',
      lines: [{ label: 'model: against the status quo', value: v2PhlExports }],
      points: [
        { date: '2013', value: 1, label: '2013: 29.6 Mt' },
        { date: '2014', value: o('V2.phl-exports-2014') / o('V2.phl-exports-2013'), label: '2014: 36.4 Mt' },
      ],
      bands: [{ expectation: 'V2.substitute', from: 0, to: 12 }],
    },
    {
      title: "Indonesia's refined nickel output",
      yLabel: 'multiple of the month before the ban',
      format: 'multiple',
      lines: [{ label: 'model', value: v2IdnRefining }],
      points: [
        { date: '2014', value: 1, label: '2014: 24 kt' },
        { date: '2018', value: o('V2.idn-refined-2018') / o('V2.idn-refined-2014'), label: '2018: 291 kt' },
      ],
      bands: [{ expectation: 'V2.refining', from: 48, to: 60 }],
    },
  ],
};

// ————— V10: lithium boom and bust (2021–2024). —————

const v10Price = (runs: Runs, k: number) =>
  worldPriceOf(runs.scenario, runs.event + k, li.refined) / worldPriceOf(runs.scenario, 0, li.refined);
const v10Peak = (runs: Runs) => {
  let best = 0;
  for (let m = 1; m < runs.scenario.monthsDone; m++)
    if (worldPriceOf(runs.scenario, m, li.refined) > worldPriceOf(runs.scenario, best, li.refined)) best = m;
  return best;
};
const v10MineYear = (runs: Runs, year: number) =>
  sumOver(runs.event + 12 * year, runs.event + 12 * (year + 1), (m) => output(runs.scenario, m, li.mine));
const v10Mine = (runs: Runs, k: number) =>
  output(runs.scenario, runs.event + k, li.mine) / (v10MineYear(runs, 0) / 12);

const V10: ValidationEpisode = {
  id: 'V10',
  title: 'Lithium boom and bust, 2021–2024',
  status: 'calibration',
  about: `A demand shock with no trade restriction: battery-grade lithium carbonate went from 14,200 USD/t (2021) to 71,100 (2022) and back to 14,000 (2024) while mine output grew from 107 kt to 240 kt. The scenario (src/research/episodes.ts) makes lithium demand grow ${Math.round(100 * (LITHIUM_BOOM.demandGrowth?.[0]?.ratePerYear ?? 0))}% a year from month 6 to 24 (the event, January 2021, is month 6), then ${Math.round(100 * (LITHIUM_BOOM.demandGrowth?.[1]?.ratePerYear ?? 0))}% a year (the IEA STEPS pace); the schema's demand-growth lever is the only demand shock it has. Years count from the event (year 0 = 2021). The demand row checks the scenario as much as the model: after the surge the scenario's demand grows more slowly than the 25–30% observed in 2024, and the model's figure includes demand's response to the falling price.`,
  scenario: LITHIUM_BOOM,
  months: LITHIUM_BOOM.months,
  event: { month: 6, date: '2021-01' },
  window: [-6, 72],
  expectations: [
    {
      id: 'V10.spike',
      claim: 'the demand shock gives a ×5 price spike (the premise of the episode)',
      format: 'multiple',
      range: [4, 6],
      rangeNote: 'range set here: ×5 ±1',
      observed: {
        value: o('V10.price-2022') / o('V10.price-2021'),
        ids: ['V10.price-2021', 'V10.price-2022'],
      },
      model: (runs) => v10Price(runs, v10Peak(runs) - runs.event),
      how: 'highest world price of refined lithium in the run against month 0',
    },
    {
      id: 'V10.supply',
      claim: 'mine supply grows 30–40% a year for 2–3 years, after a lag of about 1–2 years',
      format: 'change',
      range: [0.3, 0.4],
      observed: {
        value: Math.sqrt(o('V10.mine-2023') / o('V10.mine-2021')) - 1,
        ids: ['V10.mine-2021', 'V10.mine-2022', 'V10.mine-2023', 'V10.mine-2024'],
      },
      model: (runs) => Math.sqrt(v10MineYear(runs, 2) / v10MineYear(runs, 0)) - 1,
      how: 'yearly growth of world mine output from year 0 to year 2 (2021 to 2023), 12-month totals',
    },
    {
      id: 'V10.bust',
      claim: 'the price then falls 60–80% from its peak within 2 years',
      format: 'change',
      range: [-0.8, -0.6],
      observed: {
        value: o('V10.price-2024') / o('V10.price-2022') - 1,
        ids: ['V10.price-2022', 'V10.price-2024'],
      },
      model: (runs) => {
        const peak = v10Peak(runs);
        const after = Math.min(runs.scenario.monthsDone - 1, peak + 24);
        return (
          worldPriceOf(runs.scenario, after, li.refined) / worldPriceOf(runs.scenario, peak, li.refined) - 1
        );
      },
      how: 'world price of refined lithium 24 months after its peak (or at the end of the run) against the peak',
    },
    {
      id: 'V10.demand',
      claim: 'even though demand grows about 25–30% a year',
      format: 'change',
      range: [0.25, 0.3],
      observed: {
        value: o('V10.consumption-2024') / o('V10.consumption-2023') - 1,
        ids: ['V10.consumption-2023', 'V10.consumption-2024'],
      },
      model: (runs) => {
        const peak = v10Peak(runs);
        const after = Math.min(runs.scenario.monthsDone - 1, peak + 24);
        return (
          (demand(runs.scenario, after, li.refined) / demand(runs.scenario, peak, li.refined)) **
            (12 / (after - peak)) -
          1
        );
      },
      how: 'yearly growth of world final demand for refined lithium from the price peak to 24 months later',
    },
  ],
  chart: [
    {
      title: 'World price of refined lithium',
      yLabel: 'index, 2021 = 1 (model: month 0 = 1)',
      format: 'ratio',
      lines: [{ label: 'model', value: v10Price }],
      points: (['2021', '2022', '2023', '2024'] as const).map((year) => ({
        date: year,
        value: o(`V10.price-${year}`) / o('V10.price-2021'),
        label: `${year}: ${o(`V10.price-${year}`).toLocaleString('en')} USD/t`,
      })),
      bands: [],
    },
    {
      title: 'World lithium mine output',
      yLabel: 'index, year 0 (2021) = 1',
      format: 'ratio',
      lines: [{ label: 'model', value: v10Mine }],
      points: (['2021', '2022', '2023', '2024'] as const).map((year) => ({
        date: year,
        value: o(`V10.mine-${year}`) / o('V10.mine-2021'),
        label: `${year}: ${o(`V10.mine-${year}`)} kt`,
      })),
      bands: [{ from: 24, to: 36, lo: 1.3 ** 2, hi: 1.4 ** 2, label: '+30–40%/yr' }],
    },
  ],
};

// ————— V11: an export tax without a quota (rare earths, 2010–2012). —————

const v11Wedge = (runs: Runs, k: number) =>
  outsidePrice(runs.scenario, runs.event + k, ree.refined, 'CHN') /
  insidePrice(runs.scenario, runs.event + k, ree.refined, 'CHN');

const V11: ValidationEpisode = {
  id: 'V11',
  title: 'Export-tax wedge on rare earths, 2010–2012',
  status: 'calibration',
  about:
    'A 15% (light) or 25% (heavy) export tax plus the withdrawn 16% VAT export rebate made non-Chinese processors pay "31% more" than Chinese ones. **The schema has no export tax:** the scenario represents it by what exists, a licence on China’s separated rare earths with no delay and a fee of (1.15 × 1.16 − 1) = 33.4% of the origin price, collected by the exporter (src/research/episodes.ts), from month 0.',
  scenario: EXPORT_TAX_WEDGE,
  months: EXPORT_TAX_WEDGE.months,
  event: { month: 0, date: '2010-01' },
  window: [0, 35],
  expectations: [
    {
      id: 'V11.wedge',
      claim: 'with export taxes only, the outside/inside price ratio settles at 1.15–1.45',
      format: 'ratio',
      range: [1.15, 1.45],
      observed: { value: o('V11.outside-premium'), ids: ['V11.outside-premium'] },
      model: (runs) => meanOver(12, 36, (m) => v11Wedge(runs, m - runs.event)),
      how: 'landed price of separated rare earths outside China over the price inside China, mean of months 12–35',
    },
  ],
  chart: [
    {
      title: 'Separated rare earths: price outside China over price inside',
      yLabel: 'ratio',
      format: 'ratio',
      lines: [{ label: 'model', value: v11Wedge }],
      points: [{ date: '2012-05', value: o('V11.outside-premium'), label: '"31% more" (OECD, 2012)' }],
      bands: [{ expectation: 'V11.wedge', from: 12, to: 35 }],
    },
  ],
};

// ————— Held out: not used for calibration. —————

/** H1: China's export quota on separated rare earths cut by 40% from January 2010. */
function reeQuota(baseline: RunResults): Partial<ScenarioInput> {
  const before = meanOver(0, 12, (m) => exportsOf(baseline, m, ree.refined, 'CHN'));
  const cut = o('H1.quota-2010') / o('H1.quota-2009');
  return {
    exportControls: [
      {
        exporter: 'CHN',
        mineral: 'rare_earths',
        stage: 'refine',
        kind: 'quota',
        quotaTonnesPerMonth: Math.round(before * cut),
        start: 12,
        note: "2010: China's export quota cut to 30,000 t from 50,000 t (JMB_2010_REE), as 60% of the status quo's exports.",
      },
    ],
  };
}

const h1Outside = vsBaseline((r, m) => outsidePrice(r, m, ree.refined, 'CHN'));
const h1Wedge = (runs: Runs, k: number) =>
  outsidePrice(runs.scenario, runs.event + k, ree.refined, 'CHN') /
  insidePrice(runs.scenario, runs.event + k, ree.refined, 'CHN');

const H1: ValidationEpisode = {
  id: 'H1',
  title: 'Rare-earth export quota, 2010–2011 (held out)',
  status: 'held-out',
  about:
    "**Held out: not used for calibration.** China cut its rare-earth export quota from about 50,000 t (2009) to about 30,000 t (2010); oxide prices outside China multiplied within months and stood several times China's domestic prices in 2011. The scenario puts a quota on China's separated rare earths from month 12 (January 2010) at 60% of China's exports in the status quo's first year. The outside/inside range 1.5–5 is the one episodes.md (V11) gives for binding quotas.",
  scenario: reeQuota,
  months: 36,
  event: { month: 12, date: '2010-01' },
  window: [-6, 24],
  expectations: [
    {
      id: 'H1.outside',
      claim: 'the outside price of separated rare earths multiplies (La ×3.7, Ce ×4.6) within about 6 months',
      format: 'multiple',
      range: heldOutRange((o('H1.la-2010-mid') + o('H1.ce-2010-mid')) / 2, 'multiple'),
      rangeNote: HELD_OUT_RANGE,
      observed: {
        value: (o('H1.la-2010-mid') + o('H1.ce-2010-mid')) / 2,
        ids: ['H1.quota-2009', 'H1.quota-2010', 'H1.la-2010-mid', 'H1.ce-2010-mid'],
        text: '×3.7 (La) – ×4.6 (Ce)',
      },
      model: (runs) => h1Outside(runs, 6),
      how: 'landed price of separated rare earths outside China 6 months after the quota, against the status quo',
    },
    {
      id: 'H1.wedge',
      claim: 'under the binding quota the outside/inside price ratio is 1.5–5',
      format: 'ratio',
      range: [1.5, 5],
      observed: {
        value: o('H1.la-outside-2011q3') / o('H1.la-inside-2011-09'),
        ids: [
          'H1.la-outside-2011q3',
          'H1.la-inside-2011-09',
          'H1.ce-outside-2011-12',
          'H1.ce-inside-2011-09',
        ],
        text: `${(o('H1.ce-outside-2011-12') / o('H1.ce-inside-2011-09')).toFixed(1)} (Ce) – ${(o('H1.la-outside-2011q3') / o('H1.la-inside-2011-09')).toFixed(1)} (La)`,
      },
      model: (runs) => meanOver(12, 24, (k) => h1Wedge(runs, k)),
      how: 'outside over inside price of separated rare earths, mean of the quota’s second year (2011)',
    },
  ],
  chart: [
    {
      title: 'Separated rare earths: price outside China',
      yLabel: 'index, status quo = 1',
      format: 'ratio',
      lines: [{ label: 'model: against the status quo', value: h1Outside }],
      points: [
        { date: '2010-01', value: 1, label: 'start of 2010' },
        { date: '2010-07', value: o('H1.la-2010-mid'), label: 'La oxide' },
        { date: '2010-07', value: o('H1.ce-2010-mid'), label: 'Ce oxide' },
      ],
      bands: [{ expectation: 'H1.outside', from: 5, to: 7 }],
    },
    {
      title: 'Separated rare earths: price outside China over price inside',
      yLabel: 'ratio',
      format: 'ratio',
      lines: [{ label: 'model', value: h1Wedge }],
      points: [
        {
          date: '2011-09',
          value: o('H1.la-outside-2011q3') / o('H1.la-inside-2011-09'),
          label: 'La, Q3 2011',
        },
        {
          date: '2011-10',
          value: o('H1.ce-outside-2011-12') / o('H1.ce-inside-2011-09'),
          label: 'Ce, late 2011',
        },
      ],
      bands: [{ expectation: 'H1.wedge', from: 12, to: 23 }],
    },
  ],
};

const h2Outside = vsBaseline((r, m) => outsidePrice(r, m, ga, 'CHN'));
const h2Wedge = (runs: Runs, k: number) =>
  outsidePrice(runs.scenario, runs.event + k, ga, 'CHN') /
  insidePrice(runs.scenario, runs.event + k, ga, 'CHN');
const h2Exports = (good: { mineral: string; stage: string }) =>
  vsBaseline((r, m) => exportsOf(r, m, good, 'CHN'));

const H2: ValidationEpisode = {
  id: 'H2',
  title: 'Gallium and germanium export licences, 2023 (held out)',
  status: 'held-out',
  about:
    "**Held out: not used for calibration.** From 1 August 2023 China required licences to export gallium and germanium. The scenario requires licences for China's gallium and germanium exports from month 12 (August 2023), represented as the `china-ree-controls-2025` preset represents licences: a 2-month delay and no fee.",
  scenario: {
    exportControls: (['gallium', 'germanium'] as const).map((mineral) => ({
      exporter: 'CHN',
      mineral,
      stage: 'refine',
      kind: 'licence' as const,
      licenceDelayMonths: 2,
      licenceFee: 0,
      start: 12,
      note: 'From 1 August 2023: export licences for gallium and germanium (a 2-month delay, no fee).',
    })),
  },
  months: 36,
  event: { month: 12, date: '2023-08-01' },
  window: [-6, 24],
  expectations: [
    {
      id: 'H2.ga-outside',
      claim: 'the gallium price outside China about doubles within 5 months (+114%)',
      format: 'change',
      range: heldOutRange(o('H2.ga-outside-2023-12-15') / o('H2.ga-outside-2023-06-30') - 1, 'change'),
      rangeNote: HELD_OUT_RANGE,
      observed: {
        value: o('H2.ga-outside-2023-12-15') / o('H2.ga-outside-2023-06-30') - 1,
        ids: ['H2.ga-outside-2023-06-30', 'H2.ga-outside-2023-12-15'],
      },
      model: (runs) => h2Outside(runs, 5) - 1,
      how: 'landed price of gallium outside China 5 months after the licences, against the status quo',
    },
    {
      id: 'H2.ga-wedge',
      claim: 'the gallium price outside China stands well above the price inside (1.8×)',
      format: 'ratio',
      range: heldOutRange(o('H2.ga-outside-2024-03') / o('H2.ga-inside-2024-01'), 'ratio'),
      rangeNote: HELD_OUT_RANGE,
      observed: {
        value: o('H2.ga-outside-2024-03') / o('H2.ga-inside-2024-01'),
        ids: ['H2.ga-outside-2024-03', 'H2.ga-inside-2024-01', 'H2.ga-inside-2023-06'],
      },
      model: (runs) => meanOver(5, 8, (k) => h2Wedge(runs, k)),
      how: 'outside over inside price of gallium, mean of months 5–7 after the licences',
    },
    {
      id: 'H2.ga-exports',
      claim: "China's gallium exports fall by about two thirds within 7 months",
      format: 'change',
      range: heldOutRange(o('H2.ga-exports-2024-01'), 'change'),
      rangeNote: HELD_OUT_RANGE,
      observed: { value: o('H2.ga-exports-2024-01'), ids: ['H2.ga-exports-2024-01'] },
      model: (runs) => meanOver(5, 7, (k) => h2Exports(ga)(runs, k)) - 1,
      how: "China's gallium exports in months 5–6 after the licences, against the status quo",
    },
    {
      id: 'H2.ge-exports',
      claim: "China's germanium exports fall by about half within 10 months",
      format: 'change',
      range: heldOutRange(o('H2.ge-exports-2024'), 'change'),
      rangeNote: HELD_OUT_RANGE,
      observed: { value: o('H2.ge-exports-2024'), ids: ['H2.ge-exports-2024'] },
      model: (runs) => meanOver(5, 10, (k) => h2Exports(ge)(runs, k)) - 1,
      how: "China's germanium exports in months 5–9 after the licences, against the status quo",
    },
  ],
  chart: [
    {
      title: 'Gallium price outside China',
      yLabel: 'index, before the licences = 1',
      format: 'ratio',
      lines: [{ label: 'model: against the status quo', value: h2Outside }],
      points: [
        { date: '2023-06-30', value: 1, label: 'Rotterdam 257.5 USD/kg' },
        {
          date: '2023-12-15',
          value: o('H2.ga-outside-2023-12-15') / o('H2.ga-outside-2023-06-30'),
          label: '550 USD/kg',
        },
        {
          date: '2024-03',
          value: o('H2.ga-outside-2024-03') / o('H2.ga-outside-2023-06-30'),
          label: '575 USD/kg',
        },
      ],
      bands: [],
    },
    {
      title: "China's gallium and germanium exports",
      yLabel: 'index, status quo = 1',
      format: 'ratio',
      lines: [
        { label: 'model: gallium', value: h2Exports(ga) },
        { label: 'model: germanium', value: h2Exports(ge) },
      ],
      points: [
        { date: '2024-01', value: 1 + o('H2.ga-exports-2024-01'), label: 'Ga, Jan–Feb 2024' },
        { date: '2024-03', value: 1 + o('H2.ge-exports-2024'), label: 'Ge, Jan–May 2024' },
      ],
      bands: [
        { expectation: 'H2.ga-exports', from: 5, to: 7 },
        { expectation: 'H2.ge-exports', from: 5, to: 10 },
      ],
    },
  ],
};

const drc = presetById('drc-cobalt-suspension');
const chinaRee = presetById('china-ree-controls-2025');
if (!drc || !chinaRee)
  throw new Error('the presets drc-cobalt-suspension and china-ree-controls-2025 are missing');
const { version: _drcVersion, ...drcScenario } = drc.scenario;
const { version: _reeVersion, ...chinaReeScenario } = chinaRee.scenario;

const h3Refined = vsBaseline((r, m) => outsidePrice(r, m, co.refined, 'COD'));
const h3ChinaRefined = vsBaseline((r, m) => insidePrice(r, m, co.refined, 'CHN'));
const h3Hydroxide = vsBaseline((r, m) => insidePrice(r, m, co.mine, 'CHN'));

const H3: ValidationEpisode = {
  id: 'H3',
  title: 'DR Congo cobalt export suspension, 2025 (held out)',
  status: 'held-out',
  about:
    '**Held out: not used for calibration.** The DR Congo suspended cobalt exports from 22 February 2025, extended the suspension in June and replaced it with quotas in October. The run is the preset `drc-cobalt-suspension` (an eight-month ban on cobalt concentrate and hydroxide from month 1, then a quota of about half the 2024 exports), with month 0 read as January 2025.',
  scenario: drcScenario,
  months: 36,
  event: { month: 1, date: '2025-02-22' },
  window: [-1, 24],
  expectations: [
    {
      id: 'H3.refined',
      claim: 'the refined cobalt price outside the DR Congo rises about 60% within 7 months',
      format: 'change',
      range: heldOutRange(o('H3.co-comex-2025-09') / o('H3.co-before') - 1, 'change'),
      rangeNote: `${HELD_OUT_RANGE}; the pre-ban price was below 10 USD/lb, so the observed rise is a lower bound`,
      observed: {
        value: o('H3.co-comex-2025-09') / o('H3.co-before') - 1,
        ids: ['H3.co-before', 'H3.co-comex-2025-09'],
      },
      model: (runs) => h3Refined(runs, 7) - 1,
      how: 'landed price of refined cobalt outside the DR Congo 7 months after the ban, against the status quo',
    },
    {
      id: 'H3.china-refined',
      claim: 'refined cobalt (sulphate) in China rises about 90% within 6 months',
      format: 'change',
      range: heldOutRange(o('H3.sulphate-china-2025-08'), 'change'),
      rangeNote: HELD_OUT_RANGE,
      observed: { value: o('H3.sulphate-china-2025-08'), ids: ['H3.sulphate-china-2025-08'] },
      model: (runs) => h3ChinaRefined(runs, 6) - 1,
      how: 'landed price of refined cobalt in China 6 months after the ban, against the status quo',
    },
    {
      id: 'H3.hydroxide',
      claim: 'the hydroxide (feed) price paid in China reaches 2.5× within 7 months',
      format: 'multiple',
      range: heldOutRange(o('H3.hydroxide-2025-09'), 'multiple'),
      rangeNote: HELD_OUT_RANGE,
      observed: { value: o('H3.hydroxide-2025-09'), ids: ['H3.hydroxide-2025-09'] },
      model: (runs) => h3Hydroxide(runs, 7),
      how: 'landed price of cobalt mine output (concentrate and hydroxide) in China 7 months after the ban, against the status quo',
    },
  ],
  chart: [
    {
      title: 'Refined cobalt: price outside the DR Congo',
      yLabel: 'index, status quo = 1',
      format: 'ratio',
      lines: [{ label: 'model: against the status quo', value: h3Refined }],
      points: [
        { date: '2025-02', value: 1, label: 'below 10 USD/lb' },
        { date: '2025-09', value: o('H3.co-comex-2025-09') / o('H3.co-before'), label: 'COMEX 16 USD/lb' },
      ],
      bands: [{ expectation: 'H3.refined', from: 6, to: 8 }],
    },
    {
      title: 'Refined cobalt: price in China',
      yLabel: 'index, status quo = 1',
      format: 'ratio',
      lines: [{ label: 'model: against the status quo', value: h3ChinaRefined }],
      points: [
        { date: '2025-08', value: 1 + o('H3.sulphate-china-2025-08'), label: 'sulphate, +90% since January' },
      ],
      bands: [{ expectation: 'H3.china-refined', from: 5, to: 7 }],
    },
    {
      title: 'Cobalt hydroxide (mine output): price paid in China',
      yLabel: 'index, status quo = 1',
      format: 'ratio',
      lines: [{ label: 'model: against the status quo', value: h3Hydroxide }],
      points: [{ date: '2025-09', value: o('H3.hydroxide-2025-09'), label: '2.5× its lows' }],
      bands: [{ expectation: 'H3.hydroxide', from: 6, to: 8 }],
    },
  ],
};

const h4Wedge = (runs: Runs, k: number) =>
  outsidePrice(runs.scenario, runs.event + k, ree.magnet, 'CHN') /
  insidePrice(runs.scenario, runs.event + k, ree.magnet, 'CHN');

const H4: ValidationEpisode = {
  id: 'H4',
  title: "China's rare-earth and magnet licences, 2025 (held out)",
  status: 'held-out',
  about:
    '**Held out: not used for calibration.** From April 2025 China required licences for seven rare earths and magnets; by October the IEA put European magnet prices at 6× Chinese domestic ones. The run is the preset `china-ree-controls-2025` (licences on separated rare earths and magnets from month 0, read as April 2025).',
  scenario: chinaReeScenario,
  months: 24,
  event: { month: 0, date: '2025-04' },
  window: [0, 23],
  expectations: [
    {
      id: 'H4.magnet-wedge',
      claim: 'magnet prices outside China reach about 6× the price inside within 6 months',
      format: 'multiple',
      range: heldOutRange(o('H4.magnet-wedge'), 'multiple'),
      rangeNote: HELD_OUT_RANGE,
      observed: { value: o('H4.magnet-wedge'), ids: ['H4.magnet-wedge'] },
      model: (runs) => h4Wedge(runs, 6),
      how: 'landed price of magnets outside China over the price inside, 6 months after the licences',
    },
  ],
  chart: [
    {
      title: 'Magnets: price outside China over price inside',
      yLabel: 'ratio',
      format: 'ratio',
      lines: [{ label: 'model', value: h4Wedge }],
      points: [{ date: '2025-10', value: o('H4.magnet-wedge'), label: 'Europe vs China (IEA)' }],
      bands: [{ expectation: 'H4.magnet-wedge', from: 5, to: 7 }],
    },
  ],
};

const H5: ValidationEpisode = {
  id: 'H5',
  title: 'Antimony export licences, 2024 (held out)',
  status: 'held-out',
  about:
    "**Held out: not used for calibration.** China's antimony export licensing (announced August, in force from September 2024) roughly doubled the price outside China within four months. Antimony is not a mineral of the model, so there is nothing to run; the row stays so the record shows the gap.",
  scenario: {},
  months: 1,
  event: { month: 0, date: '2024-09' },
  chart: [],
  expectations: [
    {
      id: 'H5.outside',
      claim: 'the antimony price outside China about doubles within 4 months',
      format: 'change',
      range: heldOutRange(o('H5.sb-2024-11') / o('H5.sb-2024-07') - 1, 'change'),
      rangeNote: HELD_OUT_RANGE,
      observed: {
        value: o('H5.sb-2024-11') / o('H5.sb-2024-07') - 1,
        ids: ['H5.sb-2024-07', 'H5.sb-2024-11'],
      },
      model: null,
      how: 'antimony is not a mineral of the model',
    },
  ],
};

/** Every episode of the page, calibration first, then held out. */
export const VALIDATION_EPISODES: readonly ValidationEpisode[] = [
  S1,
  S2,
  S3,
  S4,
  V2,
  V10,
  V11,
  H1,
  H2,
  H3,
  H4,
  H5,
];
