/**
 * The map panel: the world map with its colouring (zone, role or share of output), the month's
 * largest trade flows of the selected mineral and stage as arcs, a threshold control for how
 * many to draw, what a click does (show details, or add/remove the node in the zone), the
 * legend and a tooltip with the node's figures for the month shown.
 */
import { flowTable as flowTableOf } from '../analysis/viewData.ts';
import { CALIBRATION_YEAR } from '../data/calibration';
import { NODES, nodeByCode } from '../data/nodes';
import { forEachFlow, goodIndexOf } from '../engine/metrics.ts';
import { seriesIndex } from '../engine/results.ts';
import { afterFirstPaint, el, selectBox } from '../present/dom.ts';
import { monthLabel, percent, shortName, stageName, tonnes, usd } from '../present/format.ts';
import type { FigureLegendItem, FigureText } from '../share/exports.ts';
import { arcWidth, selectArcs } from '../viz/flowArcs.ts';
import {
  type Colouring,
  type LegendItem,
  productionShares,
  roleColouring,
  shareColouring,
  zoneColouring,
} from '../viz/mapColouring.ts';
import { createMapLegend } from '../viz/mapLegend.ts';
import { FLOW_STYLE } from '../viz/palette.ts';
import { createWorldMap, type MapArc, type WorldMap } from '../viz/worldMap.ts';
import { createSortableTable, type TableColumn } from './dataTable.ts';
import { formatShare, monthFacts, monthLines, outputFacts } from './nodeFacts.ts';
import type { DrawOutcome } from './resultPanels.ts';
import { type ActiveZone, type AppState, activeZone, runName, type Store, shownMonth } from './store.ts';
import { viewChoice } from './viewChoice.ts';
import { stagesOf } from './viewControls.ts';
import { createViewActions, FIGURE_FOOTER, figureSubtitle, type ViewSource } from './viewExports.ts';
import { isEuNode } from './zoneMembers.ts';

export interface MapPanel {
  readonly map: WorldMap;
  /** The whole map (countries, arcs, markers) with its title, legend and sources, for export. */
  figure(): { layers: SVGSVGElement[]; text: FigureText };
  /**
   * Redraws what changed; new months redraw the arcs only when `dataDue` (the app lets its
   * costly views take turns). Says whether the arcs were redrawn, wait, or were current.
   */
  update(state: AppState, options: { dataDue: boolean }): DrawOutcome;
}

function flowColumns(by: 'exporter' | 'importer'): TableColumn[] {
  return [
    { label: by === 'exporter' ? 'Exporter' : 'Importer' },
    { label: 't/month', numeric: true },
    { label: 'Value, USD/month', numeric: true },
    { label: 'Share of tonnes', numeric: true },
    { label: by === 'exporter' ? 'Buyers' : 'Suppliers', numeric: true },
  ];
}

export const FLOW_COUNTS = [5, 10, 20, 30, 50, 100, 200] as const;

export function createMapPanel(
  container: HTMLElement,
  store: Store,
  handlers: {
    onNode(code: string): void;
    mineralName(id: string): string;
    /** When to load the borders (default: after the first paint). */
    deferred?: (work: () => void) => void;
  },
): MapPanel {
  const controls = el('div', { className: 'map-controls' });
  const colour = viewChoice(store, 'colourMode', 'map-colour');
  const click = viewChoice(store, 'clickMode', 'map-click');
  const flows = el('input', {
    attrs: { type: 'range', id: 'map-flows', min: '0', max: String(FLOW_COUNTS.length - 1), step: '1' },
  });
  flows.value = String(
    Math.max(0, FLOW_COUNTS.indexOf(store.state.view.flowCount as (typeof FLOW_COUNTS)[number])),
  );
  const flowsText = el('output', { attrs: { id: 'map-flows-text', for: 'map-flows' } });
  flows.addEventListener('input', () =>
    store.update((s) => {
      s.view.flowCount = FLOW_COUNTS[Number(flows.value)] ?? 30;
    }),
  );
  const field = (label: string, forId: string, ...inputs: HTMLElement[]) =>
    el('span', { className: 'view-field' }, [el('label', { text: label, attrs: { for: forId } }), ...inputs]);
  controls.append(
    field('Colour by', 'map-colour', colour),
    field('Click on a country', 'map-click', click),
    field('Flows shown', 'map-flows', flows, flowsText),
  );
  const zoneHint = el('p', { className: 'hint map-zone-hint', attrs: { id: 'map-zone-hint' } });
  const host = el('div', { className: 'map-host' });
  const arcSummary = el('p', {
    className: 'map-arc-summary',
    attrs: { id: 'map-arc-summary', 'aria-live': 'polite' },
  });
  container.append(controls, zoneHint, host);

  const map = createWorldMap(host, {
    nodes: NODES,
    describe,
    onSelect: (code) => handlers.onNode(code),
  });
  // The 1:50m borders (~750 kB of JSON, a chunk of their own) are asked for after the first
  // paint, so the page and its controls do not wait for them; drawn (half a second of this
  // thread) when they have arrived and the same holds again: a run pressed meanwhile shows its
  // first month first.
  const later = handlers.deferred ?? afterFirstPaint;
  later(() => {
    import('world-atlas/countries-50m.json')
      .then((atlas) => later(() => map.setBorders(atlas.default)))
      .catch((error: unknown) => {
        const note = el('p', {
          className: 'hint map-borders-failed',
          attrs: { role: 'status' },
          text: `The country borders did not load (${(error as Error).message}); the markers and everything else still work. Reload the page to try again.`,
        });
        host.before(note);
      });
  });
  const legend = createMapLegend(container);
  container.append(arcSummary);

  // The table behind the map: the month's flows per exporter or importer, sortable.
  const flowBy = selectBox(
    [
      { value: 'exporter', label: 'exporter' },
      { value: 'importer', label: 'importer' },
    ],
    'exporter',
    { id: 'flow-table-by' },
  );
  const flowCaption = el('p', { className: 'hint', attrs: { id: 'flow-table-caption' } });
  const flowTableBox = el('details', { className: 'data-table-box', attrs: { id: 'flow-table-box' } }, [
    el('summary', { text: 'Flows of the month as a table' }),
    el('span', { className: 'view-field' }, [
      el('label', { text: 'Per', attrs: { for: flowBy.id } }),
      flowBy,
    ]),
    flowCaption,
    el('div', { className: 'table-scroll' }),
  ]);
  let flowTable = createSortableTable(flowColumns('exporter'), {
    caption: 'Cross-border flows of the month',
    id: 'flow-table',
    sortBy: 1,
  });
  (flowTableBox.querySelector('.table-scroll') as HTMLElement).append(flowTable.element);
  const drawFlowTable = () => {
    if (!flowTableBox.open) return;
    const state = store.state;
    const by = flowBy.value === 'importer' ? 'importer' : 'exporter';
    const results = state.results;
    const what = `${handlers.mineralName(state.view.mineral).toLowerCase()} ${stageName(state.view.stage)}`;
    if (!results || results.monthsDone === 0) {
      flowCaption.textContent = 'Run the scenario to see the flows.';
      flowTable.update([]);
      return;
    }
    const month = shownMonth(state);
    const good = goodIndexOf(results, state.view.mineral, state.view.stage);
    const t = flowTableOf(results, month, good, by);
    flowCaption.textContent = `Model results for “${runName(state)}”: cross-border ${what}, ${monthLabel(month)}, per ${by}: ${tonnes(t.totalTonnes)} worth ${usd(t.totalUsd)} (at the exporters' prices) in ${t.rows.length} rows.`;
    flowTable.update(
      t.rows.map((r) => [
        shortName(r.node),
        { text: tonnes(r.tonnes), value: r.tonnes },
        { text: usd(r.valueUsd), value: r.valueUsd },
        { text: percent(r.share), value: r.share },
        { text: String(r.partners), value: r.partners },
      ]),
    );
  };
  flowBy.addEventListener('change', () => {
    const by = flowBy.value === 'importer' ? 'importer' : 'exporter';
    const fresh = createSortableTable(flowColumns(by), {
      caption: `Cross-border flows of the month per ${by}`,
      id: 'flow-table',
      sortBy: 1,
    });
    flowTable.element.replaceWith(fresh.element);
    flowTable = fresh;
    drawFlowTable();
  });
  flowTableBox.addEventListener('toggle', drawFlowTable);

  const mapSource: ViewSource = {
    name: 'Map',
    data: () => {
      const state = store.state;
      const results = state.results;
      if (!results || results.monthsDone === 0) return null;
      const month = shownMonth(state);
      const good = goodIndexOf(results, state.view.mineral, state.view.stage);
      const zone = activeZone(state);
      const inZone = new Set(zone.members);
      const rows: (string | number)[][] = [];
      forEachFlow(results, month, good, (i, j, t) => {
        if (i === j || !(t > 0)) return;
        const from = results.meta.nodes[i];
        const to = results.meta.nodes[j];
        const price = results.series.price[seriesIndex(results.meta, month, good, i)];
        rows.push([
          month,
          monthLabel(month),
          from,
          to,
          t,
          t * price,
          inZone.has(from) ? 1 : 0,
          inZone.has(to) ? 1 : 0,
        ]);
      });
      rows.sort((a, b) => Number(b[4]) - Number(a[4]));
      const what = `${handlers.mineralName(state.view.mineral).toLowerCase()} ${stageName(state.view.stage)}`;
      return {
        title: `Cross-border flows of ${what}, ${monthLabel(month)}`,
        description: `${figureSubtitle(state, month)}. Every cross-border flow of the month (the map draws the ${state.view.flowCount} largest); zone: ${zone.name}.`,
        columns: [
          { name: 'month', unit: 'month from January 2026 (0)' },
          { name: 'date', unit: '' },
          { name: 'exporter', unit: 'node code' },
          { name: 'importer', unit: 'node code' },
          { name: 'tonnes', unit: 't/month' },
          { name: 'value_usd', unit: "USD/month at the exporter's origin price" },
          { name: 'exporter_in_zone', unit: '1 = member' },
          { name: 'importer_in_zone', unit: '1 = member' },
        ],
        rows,
      };
    },
    figure: () => figure(),
  };
  container.append(createViewActions(store, mapSource, 'map'), flowTableBox);

  function figure(): { layers: SVGSVGElement[]; text: FigureText } {
    const state = store.state;
    const month = shownMonth(state);
    const what = `${handlers.mineralName(state.view.mineral)}, ${stageName(state.view.stage)}`;
    const ran = state.results && state.results.monthsDone > 0;
    const items: FigureLegendItem[] = [
      ...lastColouringLegend.flatMap((item): FigureLegendItem[] =>
        item.kind === 'swatch'
          ? [{ label: item.label, colour: item.fill, kind: 'swatch' as const }]
          : item.kind === 'gradient'
            ? [
                {
                  label: `${item.label}: ${item.min} to ${item.max}`,
                  colour: item.colours[item.colours.length - 1],
                  kind: 'swatch' as const,
                },
              ]
            : item.kind === 'note'
              ? [{ label: item.label, colour: '', kind: 'note' as const }]
              : [],
      ),
      ...(arcsDrawn
        ? Object.values(FLOW_STYLE).map((f) => ({
            label: `flow: ${f.label}`,
            colour: f.colour,
            kind: 'arc' as const,
          }))
        : []),
    ];
    return {
      layers: [...map.layers],
      text: {
        title: ran ? `Trade flows of ${what}, ${monthLabel(month)}` : 'The trading nodes',
        subtitle: ran
          ? `${figureSubtitle(state, month)}; the ${state.view.flowCount} largest cross-border flows; zone: ${activeZone(state).name}`
          : `Zone: ${activeZone(state).name} (no run yet)`,
        unit: ran ? 'arc width ∝ tonnes a month' : '',
        legend: items,
        footer: FIGURE_FOOTER,
      },
    };
  }

  /**
   * The tooltip, kept short (it must not cover the map): zone membership, the node's figures
   * for the mineral, stage and month shown (or, before a run, its 2024 share of that stage),
   * and where the rest is. The 2024 data with every source is in the details a click opens.
   */
  function describe(code: string) {
    const state = store.state;
    const zone = activeZone(state);
    const member = zone.members.includes(code) ? `In ${zone.name}.` : `Not in ${zone.name}.`;
    const what = `${handlers.mineralName(state.view.mineral).toLowerCase()} ${stageName(state.view.stage)}`;
    const more = 'Click (or Enter) for its details, time series and sources.';
    const results = state.results;
    const month = shownMonth(state);
    const good =
      results && results.monthsDone > 0 ? goodIndexOf(results, state.view.mineral, state.view.stage) : -1;
    const facts = results && good >= 0 ? monthFacts(results, month, good, code) : null;
    if (!facts) {
      const share = outputFacts(code).find(
        (f) => f.mineral === state.view.mineral && f.stage === state.view.stage,
      );
      const data = share
        ? `${CALIBRATION_YEAR}: ${formatShare(share.share)} of world ${what} (${share.source}).`
        : `${CALIBRATION_YEAR}: no ${what} in the data.`;
      return { title: nodeByCode(code).name, lines: [member, data, more] };
    }
    const lines = monthLines(facts, `${monthLabel(month)}, ${what}, per month:`);
    return { title: nodeByCode(code).name, lines: [member, ...lines, more] };
  }

  let lastColouringKey = '';
  let lastColouringLegend: LegendItem[] = [];
  let lastArcsKey = '';
  let lastArcsViewKey = '';
  let arcsDrawn = false;
  let lastMode = '';
  let lastTooltipKey = '';

  function colouring(state: AppState, zone: ActiveZone): Colouring {
    const mode = state.view.colourMode;
    if (mode === 'role') return roleColouring();
    if (mode === 'share' && state.results && state.results.monthsDone > 0) {
      const good = goodIndexOf(state.results, state.view.mineral, state.view.stage);
      const shares = productionShares(state.results, shownMonth(state), good);
      return shareColouring(
        NODES,
        shares,
        `${handlers.mineralName(state.view.mineral).toLowerCase()} ${stageName(state.view.stage)}`,
      );
    }
    if (mode === 'share')
      return {
        ...roleColouring(),
        legend: [{ kind: 'note', label: 'Run the scenario to colour by share of output.' }],
      };
    return zoneColouring(NODES, zone.members, zone.name);
  }

  return {
    map,
    figure,
    update(state, options) {
      const zone = activeZone(state);
      const month = shownMonth(state);
      const results = state.results;
      const view = state.view;
      const dataKey = results && results.monthsDone > 0 ? `${state.dataRevision}|${month}` : 'none';

      const colouringKey = `${view.colourMode}|${zone.members.join()}|${zone.name}|${view.colourMode === 'share' ? `${dataKey}|${view.mineral}|${view.stage}` : ''}`;
      const arcsViewKey = `${view.mineral}|${view.stage}|${view.flowCount}|${zone.members.join()}|${view.month}`;
      const arcsKey = `${dataKey}|${arcsViewKey}`;
      let legendItems: LegendItem[] | null = null;
      if (colouringKey !== lastColouringKey) {
        lastColouringKey = colouringKey;
        const c = colouring(state, zone);
        map.update({ fill: c.fill, markers: c.markers, hatch: c.hatch, members: new Set(zone.members) });
        lastColouringLegend = c.legend;
        legendItems = c.legend;
      }
      // Arcs are the map's costly part: new months redraw them when the app says it is their
      // turn; another mineral, stage, zone or count redraws them at once.
      let outcome: DrawOutcome = arcsKey === lastArcsKey ? 'current' : 'waiting';
      if (arcsKey !== lastArcsKey && (options.dataDue || arcsViewKey !== lastArcsViewKey || !arcsDrawn)) {
        lastArcsKey = arcsKey;
        lastArcsViewKey = arcsViewKey;
        outcome = 'drew';
        let arcs: MapArc[] = [];
        let summary = 'Run the scenario to see trade flows.';
        if (results && results.monthsDone > 0) {
          const good = goodIndexOf(results, view.mineral, view.stage);
          const selection = selectArcs(results, month, good, zone.members, view.flowCount);
          const largest = selection.arcs[0]?.tonnes ?? 0;
          const what = `${handlers.mineralName(view.mineral).toLowerCase()} ${stageName(view.stage)}`;
          arcs = selection.arcs.map((a) => ({
            from: a.from,
            to: a.to,
            width: arcWidth(a.tonnes, largest),
            colour: FLOW_STYLE[a.kind].colour,
            title: `${shortName(a.from)} → ${shortName(a.to)}: ${tonnes(a.tonnes)} of ${what} in ${monthLabel(month)} (${FLOW_STYLE[a.kind].label.toLowerCase()})`,
          }));
          summary =
            selection.flowCount === 0
              ? `No cross-border trade in ${what} in ${monthLabel(month)}${stagesOf(view.mineral).find((s) => s.id === view.stage)?.traded === false ? ': this stage is used where it is produced' : ''}.`
              : `${selection.arcs.length} largest of ${selection.flowCount} cross-border flows of ${what}, ${monthLabel(month)}: ${tonnes(selection.shownTonnes)} of ${tonnes(selection.totalTonnes)} (${percent(selection.shownTonnes / selection.totalTonnes, 0)}); the smallest drawn carries ${tonnes(selection.arcs[selection.arcs.length - 1]?.tonnes ?? 0)}. Width ∝ tonnes (largest ${tonnes(largest)}).`;
        }
        map.update({ arcs });
        arcsDrawn = arcs.length > 0;
        drawFlowTable();
        arcSummary.textContent = summary;
        flowsText.textContent = `${view.flowCount} largest`;
        legendItems = lastColouringLegend;
      }
      if (legendItems) {
        legend.update([
          ...legendItems,
          ...(arcsDrawn
            ? Object.values(FLOW_STYLE).map((f) => ({
                kind: 'arc' as const,
                label: f.label,
                colour: f.colour,
              }))
            : []),
        ]);
      }

      const mode = `${view.clickMode}|${zone.id}|${zone.members.join()}|${view.selectedNode}`;
      if (mode !== lastMode) {
        lastMode = mode;
        const inZone = new Set(zone.members);
        map.update({
          selected: view.selectedNode,
          action:
            view.clickMode === 'zone'
              ? (code) =>
                  `${inZone.has(code) ? 'remove from' : 'add to'} ${zone.fallback ? 'a new zone' : zone.name}${isEuNode(code) ? ' (with all EU members)' : ''}`
              : () => 'show details',
        });
        click.value = view.clickMode;
        zoneHint.textContent =
          view.clickMode === 'zone'
            ? zone.fallback
              ? 'A click (or Enter) on a country makes a new zone with it.'
              : `A click (or Enter) on a country adds it to ${zone.name} or removes it. The EU is a customs union: any EU member adds or removes all 27.`
            : `Zone shown: ${zone.name}${zone.fallback ? ' (the scenario has no zone; charts use the Ministerial participants)' : ''}.`;
      }
      colour.value = view.colourMode;
      // A tooltip on screen follows a zone edit, a new month or another mineral at once.
      const tooltipKey = `${zone.id}|${zone.name}|${zone.members.join()}|${dataKey}|${view.mineral}|${view.stage}`;
      if (tooltipKey !== lastTooltipKey) {
        lastTooltipKey = tooltipKey;
        map.refreshTooltip();
      }
      return outcome;
    },
  };
}
