/**
 * Held-out episodes, not used for calibration: China's rare-earth export quotas (2010–2011),
 * gallium and germanium licences (2023), the DR Congo's cobalt suspension (2025, preset
 * drc-cobalt-suspension), China's rare-earth and magnet licences (2025, preset
 * china-ree-controls-2025) and antimony licences (2024, preset china-antimony-controls-2024). Their
 * sources give single points, so their ranges are set here (heldOutRange).
 */
import type { RunResults } from '../engine/results.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { exportsOf, insidePrice, meanOver, outsidePrice } from './measures.ts';
import {
  againstStatusQuo,
  changeBetween,
  co,
  ga,
  ge,
  heldOut,
  heldOutEpisode,
  o,
  observation,
  presetScenario,
  priceWedge,
  readAt,
  readMean,
  ree,
  sb,
  type ValidationEpisode,
  vsBaseline,
  wedgePanel,
  within,
} from './validationEpisode.ts';

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

const h1Outside = vsBaseline(
  (r, m) => outsidePrice(r, m, ree.refined, 'CHN'),
  'landed price of separated rare earths outside China',
);
const h1Wedge = priceWedge(
  ree.refined,
  'CHN',
  'landed price of separated rare earths outside China over the price inside',
);

const H1 = heldOutEpisode({
  id: 'H1',
  title: 'Rare-earth export quota, 2010–2011',
  about:
    "China cut its rare-earth export quota from about 50,000 t (2009) to about 30,000 t (2010); oxide prices outside China multiplied within months and stood several times China's domestic prices in 2011. The scenario puts a quota on China's separated rare earths from month 12 (January 2010) at 60% of China's exports in the status quo's first year. The outside/inside range 1.5–5 is the one episodes.md (V11) gives for binding quotas.",
  run: {
    scenario: reeQuota,
    months: 36,
    event: { month: 12, date: '2010-01', what: 'the quota' },
    window: [-6, 24],
  },
  expectations: [
    {
      id: 'H1.outside',
      claim: 'the outside price of separated rare earths multiplies (La ×3.7, Ce ×4.6) within about 6 months',
      ...heldOut('multiple', {
        value: (o('H1.la-2010-mid') + o('H1.ce-2010-mid')) / 2,
        ids: ['H1.quota-2009', 'H1.quota-2010', 'H1.la-2010-mid', 'H1.ce-2010-mid'],
        text: '×3.7 (La) – ×4.6 (Ce)',
      }),
      reads: readAt(h1Outside, 6),
    },
    {
      id: 'H1.wedge',
      claim: 'under the binding quota the outside/inside price ratio is 1.5–5',
      ...within('ratio', [1.5, 5], {
        value: o('H1.la-outside-2011q3') / o('H1.la-inside-2011-09'),
        ids: [
          'H1.la-outside-2011q3',
          'H1.la-inside-2011-09',
          'H1.ce-outside-2011-12',
          'H1.ce-inside-2011-09',
        ],
        text: `${(o('H1.ce-outside-2011-12') / o('H1.ce-inside-2011-09')).toFixed(1)} (Ce) – ${(o('H1.la-outside-2011q3') / o('H1.la-inside-2011-09')).toFixed(1)} (La)`,
      }),
      reads: readMean(h1Wedge, 12, 23),
    },
  ],
  chart: [
    againstStatusQuo('Separated rare earths: price outside China', h1Outside, {
      points: [
        ['2010-01', 1, 'start of 2010'],
        ['2010-07', 'H1.la-2010-mid', 'La oxide'],
        ['2010-07', 'H1.ce-2010-mid', 'Ce oxide'],
      ],
    }),
    wedgePanel('Separated rare earths: price outside China over price inside', h1Wedge, {
      points: [
        ['2011-09', o('H1.la-outside-2011q3') / o('H1.la-inside-2011-09'), 'La, Q3 2011'],
        ['2011-10', o('H1.ce-outside-2011-12') / o('H1.ce-inside-2011-09'), 'Ce, late 2011'],
      ],
    }),
  ],
});

const h2Outside = vsBaseline(
  (r, m) => outsidePrice(r, m, ga, 'CHN'),
  'landed price of gallium outside China',
);
const h2Wedge = priceWedge(ga, 'CHN', 'landed price of gallium outside China over the price inside');
const h2GaExports = vsBaseline((r, m) => exportsOf(r, m, ga, 'CHN'), "China's gallium exports");
const h2GeExports = vsBaseline((r, m) => exportsOf(r, m, ge, 'CHN'), "China's germanium exports");

/** H2: licences on China's gallium and germanium exports from August 2023. */
const gaGeLicences: Partial<ScenarioInput> = {
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
};

const H2 = heldOutEpisode({
  id: 'H2',
  title: 'Gallium and germanium export licences, 2023',
  about:
    "From 1 August 2023 China required licences to export gallium and germanium. The scenario requires licences for China's gallium and germanium exports from month 12 (August 2023), represented as the `china-ree-controls-2025` preset represents licences: a 2-month delay and no fee.",
  run: {
    scenario: gaGeLicences,
    months: 36,
    event: { month: 12, date: '2023-08-01', what: 'the licences' },
    window: [-6, 24],
  },
  expectations: [
    {
      id: 'H2.ga-outside',
      claim: 'the gallium price outside China about doubles within 5 months (+114%)',
      ...heldOut('change', changeBetween('H2.ga-outside-2023-06-30', 'H2.ga-outside-2023-12-15')),
      reads: readAt(h2Outside, 5),
    },
    {
      id: 'H2.ga-wedge',
      claim: 'the gallium price outside China stands well above the price inside (1.8×)',
      ...heldOut('ratio', {
        value: o('H2.ga-outside-2024-03') / o('H2.ga-inside-2024-01'),
        ids: ['H2.ga-outside-2024-03', 'H2.ga-inside-2024-01', 'H2.ga-inside-2023-06'],
      }),
      reads: readMean(h2Wedge, 5, 7),
    },
    {
      id: 'H2.ga-exports',
      claim: "China's gallium exports fall by about two thirds within 7 months",
      ...heldOut('change', observation('H2.ga-exports-2024-01')),
      reads: readMean(h2GaExports, 5, 6),
    },
    {
      id: 'H2.ge-exports',
      claim: "China's germanium exports fall by about half within 10 months",
      ...heldOut('change', observation('H2.ge-exports-2024')),
      reads: readMean(h2GeExports, 5, 9),
    },
  ],
  chart: [
    againstStatusQuo('Gallium price outside China', h2Outside, {
      base: ['2023-06-30', 'H2.ga-outside-2023-06-30', 'Rotterdam 257.5 USD/kg'],
      points: [
        ['2023-12-15', 'H2.ga-outside-2023-12-15', '550 USD/kg'],
        ['2024-03', 'H2.ga-outside-2024-03', '575 USD/kg'],
      ],
      yLabel: 'index, before the licences = 1',
    }),
    {
      title: "China's gallium and germanium exports",
      yLabel: 'index, status quo = 1',
      format: 'ratio',
      lines: [
        { label: 'model: gallium', value: h2GaExports },
        { label: 'model: germanium', value: h2GeExports },
      ],
      points: [
        { date: '2024-01', value: 1 + o('H2.ga-exports-2024-01'), label: 'Ga, Jan–Feb 2024' },
        { date: '2024-03', value: 1 + o('H2.ge-exports-2024'), label: 'Ge, Jan–May 2024' },
      ],
      bands: [],
    },
  ],
});

const drcScenario = presetScenario('drc-cobalt-suspension');
const chinaReeScenario = presetScenario('china-ree-controls-2025');

const h3Refined = vsBaseline(
  (r, m) => outsidePrice(r, m, co.refined, 'COD'),
  'landed price of refined cobalt outside the DR Congo',
);
const h3ChinaRefined = vsBaseline(
  (r, m) => insidePrice(r, m, co.refined, 'CHN'),
  'landed price of refined cobalt in China',
);
const h3Hydroxide = vsBaseline(
  (r, m) => insidePrice(r, m, co.mine, 'CHN'),
  'landed price of cobalt mine output (concentrate and hydroxide) in China',
);

const H3 = heldOutEpisode({
  id: 'H3',
  title: 'DR Congo cobalt export suspension, 2025',
  about:
    'The DR Congo suspended cobalt exports from 22 February 2025, extended the suspension in June and replaced it with quotas in October. The run is the preset `drc-cobalt-suspension` (an eight-month ban on cobalt concentrate and hydroxide from month 1, then a quota of about half the 2024 exports), with month 0 read as January 2025.',
  run: {
    scenario: drcScenario,
    months: 36,
    event: { month: 1, date: '2025-02-22', what: 'the ban' },
    window: [-1, 24],
  },
  expectations: [
    {
      id: 'H3.refined',
      claim: 'the refined cobalt price outside the DR Congo rises about 60% within 7 months',
      ...heldOut(
        'change',
        changeBetween('H3.co-before', 'H3.co-comex-2025-09'),
        'the pre-ban price was below 10 USD/lb, so the observed rise is a lower bound',
      ),
      reads: readAt(h3Refined, 7),
    },
    {
      id: 'H3.china-refined',
      claim: 'refined cobalt (sulphate) in China rises about 90% within 6 months',
      ...heldOut('change', observation('H3.sulphate-china-2025-08')),
      reads: readAt(h3ChinaRefined, 6),
    },
    {
      id: 'H3.hydroxide',
      claim: 'the hydroxide (feed) price paid in China reaches 2.5× within 7 months',
      ...heldOut('multiple', observation('H3.hydroxide-2025-09')),
      reads: readAt(h3Hydroxide, 7),
    },
  ],
  chart: [
    againstStatusQuo('Refined cobalt: price outside the DR Congo', h3Refined, {
      base: ['2025-02', 'H3.co-before', 'below 10 USD/lb'],
      points: [['2025-09', 'H3.co-comex-2025-09', 'COMEX 16 USD/lb']],
    }),
    againstStatusQuo('Refined cobalt: price in China', h3ChinaRefined, {
      points: [['2025-08', 1 + o('H3.sulphate-china-2025-08'), 'sulphate, +90% since January']],
    }),
    againstStatusQuo('Cobalt hydroxide (mine output): price paid in China', h3Hydroxide, {
      points: [['2025-09', 'H3.hydroxide-2025-09', '2.5× its lows']],
    }),
  ],
});

const h4Wedge = priceWedge(ree.magnet, 'CHN', 'landed price of magnets outside China over the price inside');

const H4 = heldOutEpisode({
  id: 'H4',
  title: "China's rare-earth and magnet licences, 2025",
  about:
    'From April 2025 China required licences for seven rare earths and magnets; by October the IEA put European magnet prices at 6× Chinese domestic ones. The run is the preset `china-ree-controls-2025` (licences on separated rare earths and magnets from month 0, read as April 2025).',
  run: {
    scenario: chinaReeScenario,
    months: 24,
    event: { month: 0, date: '2025-04', what: 'the licences' },
    window: [0, 23],
  },
  expectations: [
    {
      id: 'H4.magnet-wedge',
      claim: 'magnet prices outside China reach about 6× the price inside within 6 months',
      ...heldOut('multiple', observation('H4.magnet-wedge')),
      reads: readAt(h4Wedge, 6),
    },
  ],
  chart: [
    wedgePanel('Magnets: price outside China over price inside', h4Wedge, {
      points: [['2025-10', 'H4.magnet-wedge', 'Europe vs China (IEA)']],
    }),
  ],
});

const antimonyScenario = presetScenario('china-antimony-controls-2024');
const h5Outside = vsBaseline(
  (r, m) => outsidePrice(r, m, sb, 'CHN'),
  'landed price of refined antimony outside China',
);

const H5 = heldOutEpisode({
  id: 'H5',
  title: 'Antimony export licences, 2024',
  about:
    "China's antimony export licensing (announced August, in force from 15 September 2024) roughly doubled the price outside China within four months. The run is the preset `china-antimony-controls-2024` (month 0 read as August 2024: licences on ore and metal from month 1 with two months of processing and a third of the backlog approved a month, and a ban on exports to the United States from month 4). The preset's approval share was set from the fall of China's exports, not from the price this row checks.",
  run: {
    scenario: antimonyScenario,
    months: 24,
    event: { month: 1, date: '2024-09', what: 'the licences' },
    window: [-2, 18],
  },
  expectations: [
    {
      id: 'H5.outside',
      claim: 'the antimony price outside China about doubles within 4 months',
      ...heldOut('change', changeBetween('H5.sb-2024-07', 'H5.sb-2024-11')),
      reads: readAt(h5Outside, 2),
    },
  ],
  chart: [
    againstStatusQuo('Refined antimony: price outside China', h5Outside, {
      base: ['2024-07', 'H5.sb-2024-07', 'Argus 8.91 USD/lb'],
      points: [['2024-11', 'H5.sb-2024-11', '17.50 USD/lb']],
      yLabel: 'index, before the licences = 1',
    }),
  ],
});
/** H1–H5. */
export const HELD_OUT_EPISODES: readonly ValidationEpisode[] = [H1, H2, H3, H4, H5];
