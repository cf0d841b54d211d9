/**
 * Calibration episode V2 of episodes.md: Indonesia's nickel ore export ban (January 2014), replayed on the
 * 2024-calibrated world.
 */
import { INDONESIA_ORE_BAN } from '../episodes.ts';
import { exportsOf, output, sumOver } from '../measures.ts';
import {
  againstStatusQuo,
  calibrationEpisode,
  changeBetween,
  insidePriceIndex,
  modelPanel,
  ni,
  o,
  outsidePriceIndex,
  peakOver,
  type Runs,
  ratioBetween,
  readAt,
  readPeak,
  vsBaseline,
  within,
} from '../validationEpisode.ts';

const v2OutsideIndex = outsidePriceIndex(ni.metal, 'IDN', 'landed price of refined nickel outside Indonesia');
const v2OreIndex = insidePriceIndex(ni.ore, 'CHN', 'landed price of nickel ore in China');
const v2PhlExports = vsBaseline((r, m) => exportsOf(r, m, ni.ore, 'PHL'), 'Philippine nickel ore exports');
const v2IdnRefining = (runs: Runs, k: number) =>
  output(runs.scenario, runs.event + k, ni.metal, 'IDN') /
  output(runs.scenario, runs.event - 1, ni.metal, 'IDN');

export const V2 = calibrationEpisode({
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
