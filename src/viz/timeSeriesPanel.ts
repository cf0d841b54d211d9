/**
 * The six time-series charts of the selected mineral: prices (inside the zone, outside, world),
 * concentration (HHI per stage with the 1,800 line), top-1 and top-3 shares per stage, the
 * zone's self-sufficiency per stage, unmet demand, and money (tariff and levy revenue, subsidy
 * and stockpile spending). The status quo's lines are drawn thin and grey behind each chart.
 */
import { format } from 'd3';
import { HIGHLY_CONCENTRATED } from '../engine/metrics.ts';
import type { RunResults } from '../engine/results.ts';
import { compact, stageName, whole } from '../present/format.ts';
import { type MetricCache, type MetricId, metricSeries } from './metricSeries.ts';
import { COMPARISON_GREY, OKABE_ITO, STAGE_COLOUR } from './palette.ts';
import { type ChartLine, createTimeSeries, type TimeSeriesChart } from './timeSeries.ts';

export interface TimeSeriesInput {
  results: RunResults | null;
  baseline: RunResults | null;
  mineral: string;
  mineralName: string;
  stage: string;
  /** Stages of the mineral, mine first. */
  stages: readonly string[];
  zone: { name: string; members: readonly string[] };
  months: number;
  hoverMonth: number | null;
  shownMonth: number | null;
}

export interface TimeSeriesPanel {
  update(input: TimeSeriesInput): void;
  /** The six charts by id (price, hhi, top, self, unmet, money). */
  readonly charts: Readonly<Record<string, TimeSeriesChart>>;
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');
// One decimal only where the axis needs it (0.5%, 1.5%, …).
const pctAxis = (v: number) => `${Number((v * 100).toFixed(1))}%`;
const usdPerT = whole;
const hhiFormat = whole;
const millions = (v: number) => (Number.isFinite(v) ? `${(v / 1e6).toFixed(1)}` : '–');
const smallAxis = format('~s');

interface LineSpec {
  id: string;
  label: string;
  colour: string;
  dash?: string;
  metric: MetricId;
  stage?: string;
  zone?: boolean;
}

export function createTimeSeriesPanel(
  container: HTMLElement,
  cache: MetricCache,
  handlers: { onHover(month: number | null): void; onPick(month: number): void },
): TimeSeriesPanel {
  const grid = document.createElement('div');
  grid.className = 'chart-grid';
  container.append(grid);
  const chart = (id: string, options: Omit<Parameters<typeof createTimeSeries>[1], 'onHover' | 'onPick'>) => {
    const c = createTimeSeries(grid, { ...options, ...handlers });
    c.element.dataset.chart = id;
    return c;
  };
  const charts: Record<string, TimeSeriesChart> = {
    price: chart('price', { title: 'Prices paid', unit: 'USD/t', format: usdPerT, axisFormat: compact }),
    hhi: chart('hhi', {
      title: 'Concentration (HHI)',
      unit: '0–10,000',
      format: hhiFormat,
      yMin: 0,
      axisFormat: smallAxis,
    }),
    top: chart('top', {
      title: 'Top-1 and top-3 producer shares',
      unit: '% of output',
      format: pct,
      axisFormat: pctAxis,
      yMin: 0,
      yMaxAtLeast: 1,
    }),
    self: chart('self', {
      title: 'Zone self-sufficiency',
      unit: '% of zone purchases from zone producers',
      format: pct,
      axisFormat: pctAxis,
      yMin: 0,
      yMaxAtLeast: 0.1,
    }),
    unmet: chart('unmet', {
      title: 'Unmet demand',
      unit: '% of final demand',
      format: pct,
      axisFormat: pctAxis,
      yMin: 0,
      yMaxAtLeast: 0.02,
    }),
    money: chart('money', {
      title: 'Money',
      unit: 'USD million/month, all nodes',
      format: millions,
      axisFormat: (v) => smallAxis(v / 1e6),
      yMin: 0,
    }),
  };

  function lines(input: TimeSeriesInput, specs: LineSpec[]): ChartLine[] {
    const out: ChartLine[] = [];
    const members = input.zone.members;
    const run = (results: RunResults, comparison: boolean) => {
      for (const s of specs) {
        const values = metricSeries(cache, results, {
          metric: s.metric,
          mineral: input.mineral,
          stage: s.stage,
          members: s.zone ? members : undefined,
        });
        out.push({
          id: comparison ? `sq-${s.id}` : s.id,
          label: s.label,
          colour: comparison ? COMPARISON_GREY : s.colour,
          dash: s.dash,
          values,
          comparison,
        });
      }
    };
    if (input.baseline) run(input.baseline, true);
    if (input.results) run(input.results, false);
    return out;
  }

  return {
    charts,
    update(input) {
      const common = { months: input.months, hoverMonth: input.hoverMonth, shownMonth: input.shownMonth };
      const stage = input.stage;
      const zoneName = input.zone.name;
      charts.price.update({
        ...common,
        lines: lines(input, [
          {
            id: 'inside',
            label: `inside ${zoneName}`,
            colour: OKABE_ITO.bluishGreen,
            metric: 'priceInside',
            stage,
            zone: true,
          },
          {
            id: 'outside',
            label: 'outside',
            colour: OKABE_ITO.vermillion,
            dash: '6 3',
            metric: 'priceOutside',
            stage,
            zone: true,
          },
          {
            id: 'world',
            label: 'world (producers)',
            colour: OKABE_ITO.black,
            dash: '2 2',
            metric: 'priceWorld',
            stage,
          },
        ]),
      });
      const stageLines = (metric: MetricId, dash?: string, suffix = '') =>
        input.stages.map((s) => ({
          id: `${metric}-${s}`,
          label: `${stageName(s)}${suffix}`,
          colour: STAGE_COLOUR[s] ?? OKABE_ITO.black,
          dash: dash ?? (s === 'mine' ? '6 3' : s === 'magnet' ? '2 2' : undefined),
          metric,
          stage: s,
        }));
      charts.hhi.update({
        ...common,
        lines: lines(input, stageLines('hhi')),
        thresholds: [{ value: HIGHLY_CONCENTRATED, label: '1,800: highly concentrated' }],
      });
      charts.top.update({
        ...common,
        lines: lines(input, [
          ...stageLines('top3', undefined, ' top 3'),
          ...stageLines('top1', '1 3', ' top 1'),
        ]),
      });
      charts.self.update({
        ...common,
        lines: lines(
          input,
          stageLines('selfSufficiency').map((l) => ({ ...l, zone: true })),
        ),
      });
      charts.unmet.update({
        ...common,
        lines: lines(input, [
          { id: 'unmet-world', label: 'world', colour: OKABE_ITO.black, metric: 'unmetWorld' },
          {
            id: 'unmet-zone',
            label: `in ${zoneName}`,
            colour: OKABE_ITO.bluishGreen,
            dash: '6 3',
            metric: 'unmetZone',
            zone: true,
          },
        ]),
      });
      charts.money.update({
        ...common,
        lines: lines(input, [
          { id: 'tariff', label: 'tariff revenue', colour: OKABE_ITO.blue, metric: 'tariffRevenue' },
          {
            id: 'levy',
            label: 'levy revenue',
            colour: OKABE_ITO.bluishGreen,
            dash: '6 3',
            metric: 'levyRevenue',
          },
          {
            id: 'subsidy',
            label: 'subsidy spending',
            colour: OKABE_ITO.vermillion,
            dash: '2 2',
            metric: 'subsidySpend',
          },
          {
            id: 'stockpile',
            label: 'stockpile spending',
            colour: OKABE_ITO.reddishPurple,
            dash: '8 2 2 2',
            metric: 'stockpileSpend',
          },
        ]),
      });
      const title = `${input.mineralName}, ${stageName(stage)}`;
      charts.price.element.querySelector('strong')!.textContent = `Prices paid: ${title}`;
      // Money adds up every stage of the mineral shown: the title says which mineral.
      charts.money.element.querySelector('strong')!.textContent = `Money: ${input.mineralName}`;
    },
  };
}
