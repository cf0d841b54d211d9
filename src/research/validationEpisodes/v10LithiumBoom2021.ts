/**
 * Calibration episode V10 of episodes.md: the lithium boom and bust (2021–2024), replayed on the 2024-calibrated
 * world.
 */
import { LITHIUM_BOOM } from '../episodes.ts';
import { demand, output, sumOver, worldPriceOf } from '../measures.ts';
import {
  calibrationEpisode,
  changeBetween,
  li,
  modelPanel,
  o,
  type Runs,
  ratioBetween,
  within,
} from '../validationEpisode.ts';

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

export const V10 = calibrationEpisode({
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
