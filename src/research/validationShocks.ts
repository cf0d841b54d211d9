/**
 * The historical calibration episodes of episodes.md: V2 Indonesia's nickel ore export ban
 * (2014), V10 the lithium boom and bust (2021–2024) and V11 the export-tax wedge on rare earths
 * (2010–2012), each replayed on the 2024-calibrated world.
 */
import { EXPORT_TAX_WEDGE, INDONESIA_ORE_BAN, LITHIUM_BOOM } from './episodes.ts';
import { demand, exportsOf, insidePrice, output, outsidePrice, sumOver, worldPriceOf } from './measures.ts';
import {
  againstStatusQuo,
  calibrationEpisode,
  changeBetween,
  li,
  modelPanel,
  ni,
  o,
  observation,
  peakOver,
  priceWedge,
  type Runs,
  ratioBetween,
  readAt,
  readMean,
  readPeak,
  ree,
  type ValidationEpisode,
  vsBaseline,
  wedgePanel,
  within,
} from './validationEpisode.ts';

// ————— V2: Indonesia's nickel ore export ban (January 2014). —————

const v2OutsideIndex = vsBaseline(
  (r, m) => outsidePrice(r, m, ni.metal, 'IDN'),
  'landed price of refined nickel outside Indonesia',
);
const v2OreIndex = vsBaseline(
  (r, m) => insidePrice(r, m, ni.ore, 'CHN'),
  'landed price of nickel ore in China',
);
const v2PhlExports = vsBaseline((r, m) => exportsOf(r, m, ni.ore, 'PHL'), 'Philippine nickel ore exports');
const v2IdnRefining = (runs: Runs, k: number) =>
  output(runs.scenario, runs.event + k, ni.metal, 'IDN') /
  output(runs.scenario, runs.event - 1, ni.metal, 'IDN');

const V2 = calibrationEpisode({
  id: 'V2',
  title: 'Indonesia nickel ore export ban, January 2014',
  about:
    'Indonesia, about a third of world nickel ore and 18–20% of contained nickel, banned ore exports on 12 January 2014. The scenario bans Indonesian nickel ore exports from month 12 of the 2024-calibrated world (preset `indonesia-nickel-ore-ban`); prices and exports are compared with the status quo over the same months. The 2024 world is not the 2013 one: Indonesia already refines about 43% of the world’s nickel, so a tenfold growth of its refining cannot happen in the model.',
  run: {
    scenario: INDONESIA_ORE_BAN,
    event: { month: 12, date: '2014-01-12', what: 'the ban' },
    window: [-8, 60],
  },
  expectations: [
    {
      id: 'V2.outside-peak',
      claim: 'the outside metal price rises 40–60% within 3–5 months',
      ...within('change', [0.4, 0.6], {
        value: o('V2.lme-2014-high') / o('V2.lme-2014-01-13') - 1,
        ids: ['V2.lme-2014-01-13', 'V2.lme-2014-05', 'V2.lme-2014-high'],
      }),
      reads: readPeak(v2OutsideIndex, 3, 5),
    },
    {
      id: 'V2.ore-price',
      claim: 'the raw-ore price at the importer rises 60–100% within about 2 months',
      ...within('change', [0.6, 1], changeBetween('V2.ore-2014-02', 'V2.ore-2014-04')),
      reads: readPeak(v2OreIndex, 1, 3),
    },
    {
      id: 'V2.substitute',
      claim: 'the substitute exporter (the Philippines) raises ore exports 20–25% within the year',
      ...within('change', [0.2, 0.25], changeBetween('V2.phl-exports-2013', 'V2.phl-exports-2014')),
      model: (runs) =>
        sumOver(runs.event, runs.event + 12, (m) => exportsOf(runs.scenario, m, ni.ore, 'PHL')) /
          sumOver(runs.event, runs.event + 12, (m) => exportsOf(runs.baseline, m, ni.ore, 'PHL')) -
        1,
      how: 'Philippine nickel ore exports in the 12 months from the ban, against the status quo',
    },
    {
      id: 'V2.give-back',
      claim: 'metal prices give back most of the gain within 12 months',
      ...within(
        'share',
        [0.5, 1],
        {
          value:
            (o('V2.lme-2014-high') - o('V2.lme-2014-12-19')) /
            (o('V2.lme-2014-high') - o('V2.lme-2014-01-13')),
          ids: ['V2.lme-2014-01-13', 'V2.lme-2014-high', 'V2.lme-2014-12-19'],
        },
        '"most" read as more than half; range set here',
      ),
      model: (runs) => {
        const peak = peakOver(0, 11, (k) => v2OutsideIndex(runs, k));
        return peak > 1 ? (peak - v2OutsideIndex(runs, 11)) / (peak - 1) : 0;
      },
      how: 'share of the first year’s peak rise in the outside price (against the status quo) gone 11 months after the ban',
    },
    {
      id: 'V2.year-end',
      claim: 'the outside metal price ends the year about +10% against the pre-ban level',
      ...within(
        'change',
        [0.05, 0.15],
        changeBetween('V2.lme-2014-01-13', 'V2.lme-2014-12-19'),
        '"about +10%" read as +5% to +15%; range set here',
      ),
      reads: readAt(v2OutsideIndex, 11),
    },
    {
      id: 'V2.refining',
      claim: "the banning country's refining output grows ≥10× within 4–5 years",
      ...within(
        'multiple',
        [10, Number.POSITIVE_INFINITY],
        ratioBetween('V2.idn-refined-2014', 'V2.idn-refined-2018'),
      ),
      model: (runs) => v2IdnRefining(runs, 54),
      how: "Indonesia's refined nickel output 54 months after the ban against the month before it",
    },
  ],
  chart: [
    againstStatusQuo('Refined nickel price outside Indonesia', v2OutsideIndex, {
      base: ['2014-01-13', 'V2.lme-2014-01-13', 'LME 3M 14,190'],
      points: [
        ['2014-05', 'V2.lme-2014-05', 'May'],
        ['2014-05', 'V2.lme-2014-high', '2014 high'],
        ['2014-12-19', 'V2.lme-2014-12-19', '19 Dec'],
      ],
      yLabel: 'index, before the ban = 1',
    }),
    againstStatusQuo('Nickel ore price paid in China', v2OreIndex, {
      base: ['2014-02-25', 'V2.ore-2014-02', 'PH ore CIF China 50 USD/wt'],
      points: [['2014-04-05', 'V2.ore-2014-04', '90 USD/wt']],
      yLabel: 'index, before the ban = 1',
    }),
    againstStatusQuo('Philippine nickel ore exports', v2PhlExports, {
      base: ['2013', 'V2.phl-exports-2013', '2013: 29.6 Mt'],
      points: [['2014', 'V2.phl-exports-2014', '2014: 36.4 Mt']],
      bands: [['V2.substitute', 0, 12]],
    }),
    modelPanel("Indonesia's refined nickel output", v2IdnRefining, {
      yLabel: 'multiple of the month before the ban',
      format: 'multiple',
      base: ['2014', 'V2.idn-refined-2014', '2014: 24 kt'],
      points: [['2018', 'V2.idn-refined-2018', '2018: 291 kt']],
      bands: [['V2.refining', 48, 60]],
    }),
  ],
});

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

/** The years of the observed lithium series. */
const V10_YEARS = ['2021', '2022', '2023', '2024'] as const;

const V10 = calibrationEpisode({
  id: 'V10',
  title: 'Lithium boom and bust, 2021–2024',
  about: `A demand shock with no trade restriction: battery-grade lithium carbonate went from 14,200 USD/t (2021) to 71,100 (2022) and back to 14,000 (2024) while mine output grew from 107 kt to 240 kt. The scenario (src/research/episodes.ts) makes lithium demand grow ${Math.round(100 * (LITHIUM_BOOM.demandGrowth?.[0]?.ratePerYear ?? 0))}% a year from month 6 to 24 (the event, January 2021, is month 6), then ${Math.round(100 * (LITHIUM_BOOM.demandGrowth?.[1]?.ratePerYear ?? 0))}% a year (the IEA STEPS pace); the schema's demand-growth lever is the only demand shock it has. Years count from the event (year 0 = 2021). The demand row checks the scenario as much as the model: after the surge the scenario's demand grows more slowly than the 25–30% observed in 2024, and the model's figure includes demand's response to the falling price.`,
  run: {
    scenario: LITHIUM_BOOM,
    event: { month: 6, date: '2021-01', what: 'the surge began' },
    window: [-6, 72],
  },
  expectations: [
    {
      id: 'V10.spike',
      claim: 'the demand shock gives a ×5 price spike (the premise of the episode)',
      ...within(
        'multiple',
        [4, 6],
        ratioBetween('V10.price-2021', 'V10.price-2022'),
        'range set here: ×5 ±1',
      ),
      model: (runs) => v10Price(runs, v10Peak(runs) - runs.event),
      how: 'highest world price of refined lithium in the run against month 0',
    },
    {
      id: 'V10.supply',
      claim: 'mine supply grows 30–40% a year for 2–3 years, after a lag of about 1–2 years',
      ...within('change', [0.3, 0.4], {
        value: Math.sqrt(o('V10.mine-2023') / o('V10.mine-2021')) - 1,
        ids: ['V10.mine-2021', 'V10.mine-2022', 'V10.mine-2023', 'V10.mine-2024'],
      }),
      model: (runs) => Math.sqrt(v10MineYear(runs, 2) / v10MineYear(runs, 0)) - 1,
      how: 'yearly growth of world mine output from year 0 to year 2 (2021 to 2023), 12-month totals',
    },
    {
      id: 'V10.bust',
      claim: 'the price then falls 60–80% from its peak within 2 years',
      ...within('change', [-0.8, -0.6], changeBetween('V10.price-2022', 'V10.price-2024')),
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
      ...within('change', [0.25, 0.3], changeBetween('V10.consumption-2023', 'V10.consumption-2024')),
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
    modelPanel('World price of refined lithium', v10Price, {
      yLabel: 'index, 2021 = 1 (model: month 0 = 1)',
      format: 'ratio',
      points: V10_YEARS.map((year) => [
        year,
        o(`V10.price-${year}`) / o('V10.price-2021'),
        `${year}: ${o(`V10.price-${year}`).toLocaleString('en')} USD/t`,
      ]),
    }),
    modelPanel('World lithium mine output', v10Mine, {
      yLabel: 'index, year 0 (2021) = 1',
      format: 'ratio',
      points: V10_YEARS.map((year) => [
        year,
        o(`V10.mine-${year}`) / o('V10.mine-2021'),
        `${year}: ${o(`V10.mine-${year}`)} kt`,
      ]),
      bands: [{ from: 24, to: 36, lo: 1.3 ** 2, hi: 1.4 ** 2, label: '+30–40%/yr' }],
    }),
  ],
});

// ————— V11: an export tax without a quota (rare earths, 2010–2012). —————

const v11Wedge = priceWedge(
  ree.refined,
  'CHN',
  'landed price of separated rare earths outside China over the price inside',
);

const V11 = calibrationEpisode({
  id: 'V11',
  title: 'Export-tax wedge on rare earths, 2010–2012',
  about:
    'A 15% (light) or 25% (heavy) export tax plus the withdrawn 16% VAT export rebate made non-Chinese processors pay "31% more" than Chinese ones. **The schema has no export tax:** the scenario represents it by what exists, a licence on China’s separated rare earths with no delay and a fee of (1.15 × 1.16 − 1) = 33.4% of the origin price, collected by the exporter (src/research/episodes.ts), from month 0.',
  run: {
    scenario: EXPORT_TAX_WEDGE,
    event: { month: 0, date: '2010-01', what: 'the taxes' },
    window: [0, 35],
  },
  expectations: [
    {
      id: 'V11.wedge',
      claim: 'with export taxes only, the outside/inside price ratio settles at 1.15–1.45',
      ...within('ratio', [1.15, 1.45], observation('V11.outside-premium')),
      reads: readMean(v11Wedge, 12, 35),
    },
  ],
  chart: [
    wedgePanel('Separated rare earths: price outside China over price inside', v11Wedge, {
      points: [['2012-05', 'V11.outside-premium', '"31% more" (OECD, 2012)']],
    }),
  ],
});

/** V2, V10, V11. */
export const SHOCK_EPISODES: readonly ValidationEpisode[] = [V2, V10, V11];
