/**
 * The result panels beside the map: the concentration table, the six time-series charts and
 * the Sankey, each with its caption and controls. Each is a CostlyView: the app's frame loop
 * asks it to draw, and it redraws only when its selection changed or, with `dataDue`, when new
 * months arrived (fast runs let the costly views take turns).
 */
import { getOrMake, objectId } from '../analysis/memo.ts';
import type { RunResults } from '../engine/results.ts';
import { el, setText } from '../present/dom.ts';
import { monthLabel, shortName, tonnes } from '../present/format.ts';
import { createConcentrationPanel } from '../viz/concentrationPanel.ts';
import { createMetricCache } from '../viz/metricSeries.ts';
import { createSankeyView } from '../viz/sankey.ts';
import { sankeyData } from '../viz/sankeyData.ts';
import { chartRows } from '../viz/timeSeries.ts';
import { createTimeSeriesPanel } from '../viz/timeSeriesPanel.ts';
import { createSortableTable } from './dataTable.ts';
import { type AppState, activeZone, chartMonthHandlers, runName, type Store, shownMonth } from './store.ts';
import { viewChoice } from './viewChoice.ts';
import { stagesOf } from './viewControls.ts';
import {
  chartFigure,
  createViewActions,
  figureSubtitle,
  type ViewSource,
  type ViewTable,
} from './viewExports.ts';

/**
 * What a costly view did in a frame: drew; has new months to draw but waits for its turn; or
 * had nothing new.
 */
export type DrawOutcome = 'drew' | 'waiting' | 'current';

/**
 * A costly view: `draw(state, dataDue)` redraws when its selection changed, or when new
 * months arrived and `dataDue` allows. `last` is when it last drew.
 */
export interface CostlyView {
  last: number;
  draw(state: AppState, dataDue: boolean): DrawOutcome;
}

/**
 * When a costly view draws: 'current' when neither its selection (`viewKey`) nor its data
 * (`dataKey`) changed since it last drew; 'waiting' when only its data did and it is not its
 * turn (`dataDue`); else 'draw', remembered as drawn.
 */
export function createRedrawCheck(): (
  viewKey: string,
  dataKey: string,
  dataDue: boolean,
) => DrawOutcome | 'draw' {
  let lastKey = '';
  let lastViewKey: string | null = null;
  return (viewKey, dataKey, dataDue) => {
    const key = `${viewKey}|${dataKey}`;
    if (key === lastKey) return 'current';
    if (!dataDue && viewKey === lastViewKey) return 'waiting';
    lastKey = key;
    lastViewKey = viewKey;
    return 'draw';
  };
}

/** The export source of each chart's figure element (the share bar's chart list reads it). */
export const VIEW_SOURCES = new WeakMap<Element, ViewSource>();

export function panel(tag: 'aside' | 'section', className: string, title: string, id: string): HTMLElement {
  const element = el(tag, { className: `panel ${className}`, attrs: { 'aria-labelledby': id } });
  element.append(el('h2', { text: title, attrs: { id } }));
  return element;
}

/** The run's name (the editor's scenario until a run starts), "edited" when it is a changed preset. */
const caption = (state: AppState) => runName(state);

export function createConcentrationSection(
  store: Store,
  mineralNames: ReadonlyMap<string, string>,
): { element: HTMLElement; view: CostlyView } {
  const concentrationEl = panel('section', 'panel-concentration', 'Concentration', 'concentration-title');
  const concentrationCaption = el('p', {
    className: 'panel-caption',
    attrs: { id: 'concentration-caption' },
  });
  concentrationEl.append(
    concentrationCaption,
    el('p', {
      className: 'hint',
      text: 'HHI: the sum of squared percentage shares of output, 0–10,000 (the rest of world counts as many small producers); 1,800 or more is "highly concentrated". Click a row to show that mineral and stage everywhere.',
    }),
  );

  const concentration = createConcentrationPanel(concentrationEl, (mineral, stage) =>
    store.update((s) => {
      s.view.mineral = mineral;
      s.view.stage = stage;
    }),
  );

  const redraw = createRedrawCheck();
  const concentrationView: CostlyView = {
    last: 0,
    draw(state, dataDue) {
      const results = state.results;
      const month = shownMonth(state);
      const viewKey = `${state.view.mineral}|${state.view.stage}|${state.view.month}`;
      const due = redraw(viewKey, `${objectId(results)}|${results?.monthsDone ?? 0}`, dataDue);
      if (due !== 'draw') return due;
      concentration.update({
        results,
        month,
        mineral: state.view.mineral,
        stage: state.view.stage,
        mineralNames,
      });
      // The name the engine ran with (the editor's name until a run starts).
      const name = caption(state);
      setText(
        concentrationCaption,
        results && results.monthsDone > 0
          ? `Model results for “${name}”, ${monthLabel(month)} (month ${month}); change since January 2026 (month 0).`
          : `Model results for “${name}” appear here when it runs.`,
      );
      return 'drew';
    },
  };

  return { element: concentrationEl, view: concentrationView };
}

export function createChartsSection(
  store: Store,
  mineralName: (id: string) => string,
): { element: HTMLElement; view: CostlyView } {
  const chartsEl = panel('section', 'panel-charts', 'Over time', 'charts-title');
  const chartsCaption = el('p', { className: 'panel-caption', attrs: { id: 'charts-caption' } });
  chartsEl.append(chartsCaption);
  const cache = createMetricCache();
  const charts = createTimeSeriesPanel(chartsEl, cache, chartMonthHandlers(store));

  // Under each chart: Download data, SVG and PNG that stand alone, and its numbers as a table.
  const tables: { box: HTMLDetailsElement; refresh(): void }[] = [];
  for (const [id, chart] of Object.entries(charts.charts)) {
    const name = () => chart.snapshot().title;
    const data = (): ViewTable | null => {
      const snap = chart.snapshot();
      if (!snap.data || !store.state.results) return null;
      const { header, rows } = chartRows(snap.data);
      return {
        title: snap.title,
        description: `${figureSubtitle(store.state)}; zone: ${activeZone(store.state).name}. One row per month; status quo columns are the status quo run with the same months, seed and agents.`,
        columns: header.map((h, i) => ({
          name: h,
          unit: i === 0 ? 'month from January 2026 (0)' : i === 1 ? '' : snap.unit,
        })),
        rows,
      };
    };
    const source: ViewSource = {
      get name() {
        return name();
      },
      data,
      figure: () => {
        return chartFigure(chart, `${figureSubtitle(store.state)}; zone: ${activeZone(store.state).name}`);
      },
    };
    const box = el('details', { className: 'data-table-box', attrs: { 'data-table-for': id } }, [
      el('summary', { text: 'Numbers as a table' }),
      el('div', { className: 'table-scroll' }),
    ]);
    const refresh = () => {
      if (!box.open) return;
      const snap = chart.snapshot();
      const holder = box.querySelector('.table-scroll') as HTMLElement;
      if (!snap.data) {
        holder.replaceChildren(el('p', { className: 'hint', text: 'No months yet.' }));
        return;
      }
      const { header, rows } = chartRows(snap.data, snap.format);
      const t = createSortableTable(
        header.map((h, i) => ({ label: h, numeric: i !== 1 })),
        { caption: `${snap.title} (${snap.unit}), by month`, sortBy: 0, descending: false },
      );
      t.update(
        rows.map((r) =>
          r.map((c, i) =>
            i === 1
              ? String(c)
              : {
                  text: String(c),
                  value: i === 0 ? Number(c) : Number.parseFloat(String(c).replace(/,/g, '')),
                },
          ),
        ),
      );
      holder.replaceChildren(t.element);
    };
    box.addEventListener('toggle', refresh);
    tables.push({ box, refresh });
    chart.element.append(createViewActions(store, source, `chart-${id}`), box);
    VIEW_SOURCES.set(chart.element, source);
  }

  const redraw = createRedrawCheck();
  const chartsView: CostlyView = {
    last: 0,
    draw(state, dataDue) {
      const results = state.results;
      const month = shownMonth(state);
      const zone = activeZone(state);
      const viewKey = `${state.view.mineral}|${state.view.stage}|${zone.members.join()}|${zone.name}|${state.view.hoverMonth}|${state.view.month}`;
      const due = redraw(viewKey, `${state.dataRevision}|${month}`, dataDue);
      if (due !== 'draw') return due;
      charts.update({
        results,
        baseline: state.baseline,
        mineral: state.view.mineral,
        mineralName: mineralName(state.view.mineral),
        stage: state.view.stage,
        stages: stagesOf(state.view.mineral).map((s) => s.id),
        zone,
        months: results?.meta.months ?? state.scenario.months,
        hoverMonth: state.view.hoverMonth,
        shownMonth: results && results.monthsDone > 0 ? month : null,
      });
      for (const t of tables) t.refresh();
      const baseline = state.baseline
        ? `status quo in grey (${state.baseline.monthsDone} of ${state.baseline.meta.months} months)`
        : state.run.status === 'idle'
          ? 'the status quo is drawn in grey once a run starts'
          : 'status quo loading';
      setText(
        chartsCaption,
        `Model results for “${caption(state)}”: ${mineralName(state.view.mineral)}; zone: ${zone.name}${zone.fallback ? ' (no zone in the scenario: the Ministerial participants)' : ''}; ${baseline}. Point at a chart (or focus it and use ←/→) to read values; click or Enter shows that month in the other views.`,
      );
      return 'drew';
    },
  };

  return { element: chartsEl, view: chartsView };
}

export function createSankeySection(
  store: Store,
  mineralName: (id: string) => string,
): { element: HTMLElement; view: CostlyView } {
  const sankeyEl = panel('section', 'panel-sankey', 'Supply chain', 'sankey-title');
  const period = viewChoice(store, 'sankeyPeriod', 'sankey-period');
  const users = viewChoice(store, 'sankeyUsers', 'sankey-users');

  sankeyEl.append(
    el('div', { className: 'sankey-controls' }, [
      el('span', { className: 'view-field' }, [
        el('label', { text: 'Tonnes over', attrs: { for: 'sankey-period' } }),
        period,
      ]),
      el('span', { className: 'view-field' }, [
        el('label', { text: 'Users', attrs: { for: 'sankey-users' } }),
        users,
      ]),
    ]),
  );
  const sankey = createSankeyView(sankeyEl);
  const sankeyMonths = new WeakMap<RunResults, Map<string, Map<number, Map<string, number>>>>();

  const redraw = createRedrawCheck();
  const sankeyView: CostlyView = {
    last: 0,
    draw(state, dataDue) {
      const results = state.results;
      const month = shownMonth(state);
      const period = state.view.sankeyPeriod;
      const zone = activeZone(state);
      const byZone = state.view.sankeyUsers === 'zone';
      const viewKey = `${state.view.mineral}|${period}|${state.view.month}|${byZone ? zone.members.join() : ''}|${zone.name}`;
      const due = redraw(viewKey, `${state.dataRevision}|${month}`, dataDue);
      if (due !== 'draw') return due;
      if (!results || results.monthsDone === 0) {
        sankey.update(null, `${mineralName(state.view.mineral)}: no months yet.`);
        return 'drew';
      }
      const from = period === 'month' ? month : period === 'year' ? Math.max(0, month - 11) : 0;
      const byMineral = getOrMake(
        sankeyMonths,
        results,
        () => new Map<string, Map<number, Map<string, number>>>(),
      );
      const cacheKey = `${state.view.mineral}|${byZone ? zone.members.join() : ''}`;
      const monthCache = getOrMake(byMineral, cacheKey, () => new Map<number, Map<string, number>>());
      const data = sankeyData(results, state.view.mineral, from, month + 1, {
        nameOf: shortName,
        monthCache,
        perColumn: 7,
        users: byZone
          ? { inside: zone.name, outside: `Outside ${zone.name}`, members: zone.members }
          : undefined,
      });
      const span = from === month ? monthLabel(month) : `${monthLabel(from)}–${monthLabel(month)}`;
      sankey.update(
        data,
        `Model results for “${caption(state)}”: ${mineralName(state.view.mineral)} from mine to use, ${span}: ${tonnes(data.totalTonnes)} mined. Small countries in each column are grouped as “Other”.`,
      );
      return 'drew';
    },
  };

  return { element: sankeyEl, view: sankeyView };
}
