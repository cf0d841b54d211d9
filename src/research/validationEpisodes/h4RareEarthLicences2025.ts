/**
 * Held-out episode H4 (not used for calibration): China's rare-earth and magnet licences, 2025
 * (preset china-ree-controls-2025).
 */
import {
  heldOut,
  heldOutEpisode,
  observation,
  presetScenario,
  priceWedge,
  readAt,
  ree,
  wedgePanel,
} from '../validationEpisode.ts';

const h4Wedge = priceWedge(ree.magnet, 'CHN', 'landed price of magnets outside China over the price inside');

export const H4 = heldOutEpisode({
  id: 'H4',
  title: "China's rare-earth and magnet licences, 2025",
  about:
    'From April 2025 China required licences for seven rare earths and magnets; by October the IEA put European magnet prices at 6× Chinese domestic ones. The run is the preset `china-ree-controls-2025` (licences on separated rare earths and magnets from month 0, read as April 2025).',
  run: {
    scenario: presetScenario('china-ree-controls-2025'),
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
