/**
 * Held-out episode H1 (not used for calibration): China's rare-earth export quota, 2010–2011. Its sources give
 * single points, so its ranges are set here (heldOutRange).
 */
import type { RunResults } from '../../engine/results.ts';
import type { ScenarioInput } from '../../scenario/schema.ts';
import { exportsOf, meanOver } from '../measures.ts';
import {
  againstStatusQuo,
  heldOut,
  heldOutEpisode,
  o,
  outsidePriceIndex,
  priceWedge,
  readAt,
  readMean,
  ree,
  wedgePanel,
  within,
} from '../validationEpisode.ts';

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

const h1Outside = outsidePriceIndex(
  ree.refined,
  'CHN',
  'landed price of separated rare earths outside China',
);
const h1Wedge = priceWedge(
  ree.refined,
  'CHN',
  'landed price of separated rare earths outside China over the price inside',
);

export const H1 = heldOutEpisode({
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
