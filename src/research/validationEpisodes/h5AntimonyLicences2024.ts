/**
 * Held-out episode H5 (not used for calibration): China's antimony export licences, 2024 (preset
 * china-antimony-controls-2024).
 */
import {
  againstStatusQuo,
  changeBetween,
  heldOut,
  heldOutEpisode,
  outsidePriceIndex,
  presetScenario,
  readAt,
  sb,
} from '../validationEpisode.ts';

const h5Outside = outsidePriceIndex(sb, 'CHN', 'landed price of refined antimony outside China');

export const H5 = heldOutEpisode({
  id: 'H5',
  title: 'Antimony export licences, 2024',
  about:
    "China's antimony export licensing (announced August, in force from 15 September 2024) roughly doubled the price outside China within four months. The run is the preset `china-antimony-controls-2024` (month 0 read as August 2024: licences on ore and metal from month 1 with two months of processing and a third of the backlog approved a month, and a ban on exports to the United States from month 4). The preset's approval share was set from the fall of China's exports, not from the price this row checks.",
  run: {
    scenario: presetScenario('china-antimony-controls-2024'),
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
