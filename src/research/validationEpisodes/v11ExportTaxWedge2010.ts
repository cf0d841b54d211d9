/**
 * Calibration episode V11 of episodes.md: an export tax without a quota (rare earths, 2010–2012): the wedge
 * between the price outside China and inside.
 */
import { EXPORT_TAX_WEDGE } from '../episodes.ts';
import {
  calibrationEpisode,
  observation,
  priceWedge,
  readMean,
  ree,
  wedgePanel,
  within,
} from '../validationEpisode.ts';

const v11Wedge = priceWedge(
  ree.refined,
  'CHN',
  'landed price of separated rare earths outside China over the price inside',
);

export const V11 = calibrationEpisode({
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
