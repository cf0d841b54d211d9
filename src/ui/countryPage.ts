/**
 * The country page, in the details panel of a selected node: its own monthly series for the
 * mineral the views show — output per stage, imports and exports and the price its buyers paid
 * at the stage shown, its unmet final demand, its self-sufficiency per stage — each beside the
 * status quo (thin grey), with the numbers as a table and a data download. The series come from
 * src/analysis/viewData.ts (the engine's series and metrics); nothing is computed here.
 */
import { NODE_SERIES, type NodeSeriesId, nodeSeries } from '../analysis/viewData.ts';
import type { RunResults } from '../engine/results.ts';
import { el, setText } from '../present/dom.ts';
import { compact, percent, shortName, stageName, whole } from '../present/format.ts';
import { COMPARISON_GREY, OKABE_ITO, STAGE_COLOUR } from '../viz/palette.ts';
import { type ChartLine, chartRows, createTimeSeries, type TimeSeriesChart } from '../viz/timeSeries.ts';
import { createSortableTable } from './dataTable.ts';
import { type AppState, chartMonthHandlers, runName, type Store, shownMonth } from './store.ts';
import { stagesOf } from './viewControls.ts';
import { createViewActions, figureSubtitle, type ViewTable } from './viewExports.ts';

export interface CountryPage {
  readonly element: HTMLElement;
  /** Shows `code`'s series (or nothing without a node); redraws only when something changed. */
  update(state: AppState, code: string | null): void;
}

interface Spec {
  id: string;
  title: string;
  unit: string;
  format: (v: number) => string;
  yMin?: number;
  yMaxAtLeast?: number;
  /** The lines: series and stage, label, colour, dash. */
  lines(
    stage: string,
    stages: string[],
  ): { series: NodeSeriesId; stage: string; label: string; colour: string; dash?: string }[];
}

const tonnesFormat = (v: number) => (Number.isFinite(v) ? `${whole(v)} t` : '–');
const shareFormat = (v: number) => percent(v);

const SPECS: Spec[] = [
  {
    id: 'output',
    title: 'Output per stage',
    unit: 't/month',
    format: tonnesFormat,
    yMin: 0,
    lines: (_, stages) =>
      stages.map((s) => ({
        series: 'production',
        stage: s,
        label: stageName(s),
        colour: STAGE_COLOUR[s] ?? OKABE_ITO.black,
        dash: s === 'mine' ? '6 3' : s === 'magnet' ? '2 2' : undefined,
      })),
  },
  {
    id: 'trade',
    title: 'Imports and exports',
    unit: 't/month, stage shown',
    format: tonnesFormat,
    yMin: 0,
    lines: (stage) => [
      { series: 'imports', stage, label: 'imports', colour: OKABE_ITO.vermillion },
      { series: 'exports', stage, label: 'exports', colour: OKABE_ITO.blue, dash: '6 3' },
    ],
  },
  {
    id: 'price',
    title: 'Price paid',
    unit: 'USD/t landed, stage shown',
    format: (v) => (Number.isFinite(v) ? `${whole(v)} USD/t` : '–'),
    lines: (stage) => [{ series: 'buyerPrice', stage, label: 'price paid', colour: OKABE_ITO.black }],
  },
  {
    id: 'unmet',
    title: 'Unmet demand',
    unit: '% of its final demand',
    format: shareFormat,
    yMin: 0,
    yMaxAtLeast: 0.02,
    lines: (stage) => [{ series: 'unmetShare', stage, label: 'unmet', colour: OKABE_ITO.vermillion }],
  },
  {
    id: 'self',
    title: 'Self-sufficiency',
    unit: NODE_SERIES.selfSufficiency.unit,
    format: shareFormat,
    yMin: 0,
    yMaxAtLeast: 1,
    lines: (_, stages) =>
      stages.map((s) => ({
        series: 'selfSufficiency',
        stage: s,
        label: stageName(s),
        colour: STAGE_COLOUR[s] ?? OKABE_ITO.black,
        dash: s === 'mine' ? '6 3' : s === 'magnet' ? '2 2' : undefined,
      })),
  },
];

export function createCountryPage(store: Store, mineralName: (id: string) => string): CountryPage {
  const heading = el('h3', { text: 'Over time', attrs: { id: 'country-page-title' } });
  const caption = el('p', { className: 'panel-caption', attrs: { id: 'country-page-caption' } });
  const grid = el('div', { className: 'chart-grid' });
  const element = el(
    'section',
    { className: 'country-page', attrs: { 'aria-labelledby': heading.id, id: 'country-page' } },
    [heading, caption, grid],
  );
  const charts: { spec: Spec; chart: TimeSeriesChart }[] = SPECS.map((spec) => {
    const chart = createTimeSeries(grid, {
      title: spec.title,
      unit: spec.unit,
      format: spec.format,
      axisFormat: spec.format === shareFormat ? (v) => `${Number((v * 100).toFixed(1))}%` : compact,
      yMin: spec.yMin,
      yMaxAtLeast: spec.yMaxAtLeast,
      ...chartMonthHandlers(store),
    });
    chart.element.dataset.countryChart = spec.id;
    return { spec, chart };
  });

  let shownCode: string | null = null;
  const table = (): ViewTable | null => {
    const state = store.state;
    if (!shownCode || !state.results) return null;
    const columns: { name: string; unit: string }[] = [];
    let rows: (string | number)[][] = [];
    charts.forEach(({ spec, chart }, k) => {
      const data = chart.snapshot().data;
      if (!data) return;
      const { header, rows: r } = chartRows(data);
      const skip = k === 0 ? 0 : 2;
      for (const [i, h] of header.slice(skip).entries()) {
        const at = i + skip;
        columns.push({
          name: at < 2 ? h : `${spec.title}: ${h}`,
          unit: at === 0 ? 'month from January 2026 (0)' : at === 1 ? '' : spec.unit,
        });
      }
      rows = k === 0 ? r : rows.map((row, m) => [...row, ...(r[m] ?? []).slice(2)]);
    });
    return {
      title: `${shortName(shownCode)}: ${mineralName(state.view.mineral)} over time`,
      description: `${figureSubtitle(state)}. The node's own series beside the status quo's.`,
      columns,
      rows,
    };
  };
  const actions = createViewActions(store, { name: 'Country page', data: table }, 'country');
  const tableBox = el('details', { className: 'data-table-box', attrs: { id: 'country-table-box' } }, [
    el('summary', { text: 'Numbers as a table' }),
    el('div', { className: 'table-scroll' }),
  ]);
  const drawTable = () => {
    if (!tableBox.open) return;
    const t = table();
    const holder = tableBox.querySelector('.table-scroll') as HTMLElement;
    if (!t) {
      holder.replaceChildren(el('p', { className: 'hint', text: 'Run the scenario to see the numbers.' }));
      return;
    }
    const sortable = createSortableTable(
      t.columns.map((c, i) => ({ label: c.name, numeric: i !== 1 })),
      { caption: t.title, id: 'country-table', sortBy: 0, descending: false },
    );
    sortable.update(
      t.rows.map((r) =>
        r.map((c, i) =>
          i === 1
            ? String(c)
            : {
                text: typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toPrecision(4)) : c,
                value: typeof c === 'number' ? c : Number.NaN,
              },
        ),
      ),
    );
    holder.replaceChildren(sortable.element);
  };
  tableBox.addEventListener('toggle', drawTable);
  element.append(actions, tableBox);

  let key = '';
  return {
    element,
    update(state, code) {
      const results = state.results;
      const baseline = state.baseline;
      const next = `${code}|${state.dataRevision}|${state.view.mineral}|${state.view.stage}|${state.view.hoverMonth}|${state.view.month}`;
      if (next === key) return;
      key = next;
      shownCode = code;
      if (!code) return;
      const stage = state.view.stage;
      const stages = stagesOf(state.view.mineral).map((s) => s.id);
      const months = results?.meta.months ?? state.scenario.months;
      setText(
        caption,
        results && results.monthsDone > 0
          ? `Model results for “${runName(state)}”: ${shortName(code)}, ${mineralName(state.view.mineral)} (${stageName(stage)} where one stage is shown); the status quo in grey.`
          : `Run the scenario to see ${shortName(code)}'s ${mineralName(state.view.mineral).toLowerCase()} over time.`,
      );
      for (const { spec, chart } of charts) {
        const lines: ChartLine[] = [];
        const add = (run: RunResults, comparison: boolean) => {
          for (const l of spec.lines(stage, stages)) {
            lines.push({
              id: `${comparison ? 'sq-' : ''}${l.series}-${l.stage}`,
              label: l.label,
              colour: comparison ? COMPARISON_GREY : l.colour,
              dash: l.dash,
              values: nodeSeries(run, code, state.view.mineral, l.stage, l.series),
              comparison,
            });
          }
        };
        if (baseline && baseline.monthsDone > 0) add(baseline, true);
        if (results && results.monthsDone > 0) add(results, false);
        chart.update({
          months,
          lines,
          hoverMonth: state.view.hoverMonth,
          shownMonth: results && results.monthsDone > 0 ? shownMonth(state) : null,
        });
      }
      drawTable();
    },
  };
}
