/**
 * Held-out episode H2 (not used for calibration): China's gallium and germanium export licences,
 * 2023.
 */
import type { ScenarioInput } from '../../scenario/schema.ts';
import { exportsOf } from '../measures.ts';
import {
  againstStatusQuo,
  changeBetween,
  ga,
  ge,
  heldOut,
  heldOutEpisode,
  o,
  observation,
  outsidePriceIndex,
  priceWedge,
  readAt,
  readMean,
  vsBaseline,
} from '../validationEpisode.ts';

const h2Outside = outsidePriceIndex(ga, 'CHN', 'landed price of gallium outside China');
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

export const H2 = heldOutEpisode({
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
