/**
 * Held-out episode H3 (not used for calibration): the DR Congo's cobalt export suspension, 2025
 * (preset drc-cobalt-suspension).
 */
import {
  againstStatusQuo,
  changeBetween,
  co,
  heldOut,
  heldOutEpisode,
  insidePriceIndex,
  o,
  observation,
  outsidePriceIndex,
  presetScenario,
  readAt,
} from '../validationEpisode.ts';

const h3Refined = outsidePriceIndex(co.refined, 'COD', 'landed price of refined cobalt outside the DR Congo');
const h3ChinaRefined = insidePriceIndex(co.refined, 'CHN', 'landed price of refined cobalt in China');
const h3Hydroxide = insidePriceIndex(
  co.mine,
  'CHN',
  'landed price of cobalt mine output (concentrate and hydroxide) in China',
);

export const H3 = heldOutEpisode({
  id: 'H3',
  title: 'DR Congo cobalt export suspension, 2025',
  about:
    'The DR Congo suspended cobalt exports from 22 February 2025, extended the suspension in June and replaced it with quotas in October. The run is the preset `drc-cobalt-suspension` (an eight-month ban on cobalt concentrate and hydroxide from month 1, then a quota of about half the 2024 exports), with month 0 read as January 2025.',
  run: {
    scenario: presetScenario('drc-cobalt-suspension'),
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
