/**
 * App shell: the header with the run controls and what the views look at (mineral, stage,
 * month), then a grid with the scenario editor, the map, the concentration panel, node
 * details, the time series and the Sankey. Every view reads the store's results; every control
 * edits the store's scenario. The engine runs behind an EngineClient (never on this thread).
 */
import { MINERALS } from '../data/minerals';
import type { RunResults } from '../engine/results.ts';
import type { EngineClient } from '../parallel/client.ts';
import type { Scenario } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import { createConcentrationPanel } from '../viz/concentrationPanel.ts';
import { createMetricCache } from '../viz/metricSeries.ts';
import { createSankeyView } from '../viz/sankey.ts';
import { sankeyData } from '../viz/sankeyData.ts';
import { createTimeSeriesPanel } from '../viz/timeSeriesPanel.ts';
import type { WorldMap } from '../viz/worldMap.ts';
import { createDetailsPanel } from './detailsPanel.ts';
import { button, el, selectBox, setText } from './dom.ts';
import type { Draft } from './editor/draft.ts';
import { LEVERS } from './editor/levers.ts';
import { createScenarioEditor, presetDraft } from './editor/scenarioEditor.ts';
import { monthLabel, shortName, tonnes } from './format.ts';
import { createMapPanel } from './mapPanel.ts';
import { createRunControls, WORKER_CHOICES } from './runControls.ts';
import { createRunSession, type RunSession } from './runSession.ts';
import {
  type AppState,
  activeZone,
  createStore,
  FAST_RUN_MONTHS_PER_SECOND,
  type SankeyPeriod,
  type Store,
  shownMonth,
} from './store.ts';
import { createViewControls, stagesOf } from './viewControls.ts';
import { isEuNode, toggleMember } from './zoneMembers.ts';

export interface AppOptions {
  /** Makes an engine client (the parallel engine, or the temporary single-worker one). */
  createClient: () => EngineClient;
}

export interface App {
  store: Store;
  session: RunSession;
  map: WorldMap;
  /**
   * Puts a scenario document (from a link, a file) into the editor as if the user had typed it:
   * validated, shown with its messages, and applied when valid. Returns the messages.
   */
  loadScenario(document: Record<string, unknown>): string[];
  /** Calls `listener` with every new valid scenario (for a link that mirrors it). */
  onScenario(listener: (scenario: Scenario) => void): void;
}

/**
 * During a fast run (FAST_RUN_MONTHS_PER_SECOND), the views that cost most to draw (map arcs,
 * charts, concentration table, Sankey) redraw at most every HEAVY_VIEW_MS; slower runs redraw
 * them for every month.
 */
const HEAVY_VIEW_MS = 250;

const MINERAL_NAMES = new Map(MINERALS.map((m) => [m.id as string, m.name]));
const mineralName = (id: string) => MINERAL_NAMES.get(id) ?? id;

function panel(tag: 'aside' | 'section', className: string, title: string, id: string): HTMLElement {
  const element = el(tag, { className: `panel ${className}`, attrs: { 'aria-labelledby': id } });
  element.append(el('h2', { text: title, attrs: { id } }));
  return element;
}

function defaultWorkers(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return [...WORKER_CHOICES].reverse().find((n) => n <= cores) ?? 1;
}

export function initialState(): AppState {
  const draft = presetDraft('status-quo', {});
  const v = validateScenario(draft);
  if (!v.ok) throw new Error(v.errors.join('; '));
  return {
    draft,
    draftRevision: 0,
    errors: [],
    scenario: structuredClone(v.scenario),
    view: {
      mineral: 'rare_earths',
      stage: 'refine',
      month: null,
      hoverMonth: null,
      colourMode: 'zone',
      clickMode: 'details',
      flowCount: 30,
      sankeyPeriod: 'month',
      sankeyUsers: 'countries',
      zoneId: v.scenario.zones[0]?.id ?? null,
      selectedNode: null,
    },
    run: {
      status: 'idle',
      runId: 0,
      message: 'Ready: press Run',
      monthsDone: 0,
      months: v.scenario.months,
      runningMs: 0,
      agentCount: 0,
      workersUsed: null,
      sharedMemory: false,
      speed: 12,
      seedMode: 'same',
      workers: defaultWorkers(),
      autoRun: true,
      baselineMonths: 0,
    },
    results: null,
    baseline: null,
    dataRevision: 0,
  };
}

export function createApp(root: HTMLElement, options: AppOptions): App {
  const store = createStore(initialState());
  const session = createRunSession(store, options.createClient);

  // --- layout ---
  const header = el('header', { className: 'app-header' });
  const titleRow = el('div', { className: 'title-row' }, [
    el('h1', { text: 'Critical-minerals trade simulator' }),
    el('p', {
      className: 'tagline',
      text: 'Agents of the February 2026 Critical Minerals Ministerial delegations, China, other large producers and the rest of the world trade ten minerals under the rules you set. Calibrated to 2024 data (USGS, IEA); every chart shows model results.',
    }),
  ]);
  const runBar = el('div', { className: 'run-bar' });
  const viewBar = el('div', { className: 'view-bar' });
  header.append(titleRow, runBar, viewBar);

  const main = el('main', { className: 'app-grid' });
  // The editor writes its own heading.
  const editorPanel = el('aside', {
    className: 'panel panel-editor',
    attrs: { 'aria-label': 'Scenario editor' },
  });
  const mapPanelEl = panel('section', 'panel-map', 'Map: zone, flows and output', 'map-title');
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
  const details = el('aside', { className: 'panel panel-details', attrs: { 'aria-label': 'Node details' } });
  const chartsEl = panel('section', 'panel-charts', 'Over time', 'charts-title');
  const chartsCaption = el('p', { className: 'panel-caption', attrs: { id: 'charts-caption' } });
  chartsEl.append(chartsCaption);
  const sankeyEl = panel('section', 'panel-sankey', 'Supply chain', 'sankey-title');
  const period = selectBox(
    [
      { value: 'month', label: 'the month shown' },
      { value: 'year', label: 'the 12 months to the month shown' },
      { value: 'run', label: 'the whole run to the month shown' },
    ],
    store.state.view.sankeyPeriod,
    { id: 'sankey-period' },
  );
  period.addEventListener('change', () =>
    store.update((s) => {
      s.view.sankeyPeriod = period.value as SankeyPeriod;
    }),
  );
  const users = selectBox(
    [
      { value: 'countries', label: 'each country' },
      { value: 'zone', label: 'the zone and the rest' },
    ],
    store.state.view.sankeyUsers,
    { id: 'sankey-users' },
  );
  users.addEventListener('change', () =>
    store.update((s) => {
      s.view.sankeyUsers = users.value === 'zone' ? 'zone' : 'countries';
    }),
  );
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
  main.append(editorPanel, mapPanelEl, concentrationEl, details, chartsEl, sankeyEl);
  root.replaceChildren(header, main);

  // --- scenario edits ---
  let applyTimer: ReturnType<typeof setTimeout> | undefined;

  const scenarioListeners: ((scenario: Scenario) => void)[] = [];

  function applyScenario(scenario: Scenario) {
    if (JSON.stringify(scenario) === JSON.stringify(store.state.scenario)) return;
    store.update((s) => {
      s.scenario = structuredClone(scenario);
      s.run.months = scenario.months;
      if (!scenario.zones.some((z) => z.id === s.view.zoneId)) s.view.zoneId = scenario.zones[0]?.id ?? null;
    });
    session.scenarioChanged();
    for (const listener of scenarioListeners) listener(store.state.scenario);
  }

  /** Validates the draft; a valid one is applied (after a pause while the user types). */
  function draftChanged(typing: boolean) {
    const v = validateScenario(store.state.draft);
    store.update((s) => {
      s.errors = v.ok ? [] : v.errors;
    });
    clearTimeout(applyTimer);
    if (!v.ok) return;
    if (typing) applyTimer = setTimeout(() => applyScenario(v.scenario), 350);
    else applyScenario(v.scenario);
  }

  function replaceDraft(draft: Draft) {
    store.update((s) => {
      s.draft = draft;
      s.draftRevision++;
    });
    draftChanged(false);
  }

  /** Adds or removes a node in the selected zone (all EU members together); no zone: makes one. */
  function toggleInZone(code: string) {
    const draft = store.state.draft;
    const zones = Array.isArray(draft.zones) ? (draft.zones as Record<string, unknown>[]) : [];
    let index = zones.findIndex((z) => z.id === store.state.view.zoneId);
    if (index < 0 && zones.length) index = 0;
    if (index < 0) {
      const zone = LEVERS[0].create({ zoneId: null, draft });
      zone.members = toggleMember([], code);
      draft.zones = [zone];
      store.update((s) => {
        s.view.zoneId = String(zone.id);
      });
    } else {
      const members = Array.isArray(zones[index].members) ? (zones[index].members as string[]) : [];
      zones[index].members = toggleMember(members, code);
    }
    store.update((s) => {
      s.draftRevision++;
    });
    draftChanged(false);
  }

  const editor = createScenarioEditor(editorPanel, {
    store,
    onEdit: draftChanged,
    onPreset: (draft) => {
      store.update((s) => {
        s.view.zoneId = (draft.zones as { id: string }[] | undefined)?.[0]?.id ?? null;
      });
      replaceDraft(draft);
    },
    onSelectZone: (id) =>
      store.update((s) => {
        s.view.zoneId = id;
      }),
  });

  // --- views ---
  const runControls = createRunControls(runBar, store, session);
  const viewControls = createViewControls(viewBar, store);

  const detailsPanel = createDetailsPanel(
    details,
    (code) => {
      const zone = activeZone(store.state);
      const inZone = zone.members.includes(code);
      const label = zone.fallback
        ? 'Make a new zone with this country'
        : `${inZone ? 'Remove from' : 'Add to'} ${zone.name}${isEuNode(code) ? ' (all 27 EU members together)' : ''}`;
      const b = button(
        label,
        () => {
          toggleInZone(code);
          detailsPanel.show(code);
        },
        'small zone-toggle',
      );
      return el('p', {}, [b]);
    },
    () =>
      store.update((s) => {
        s.view.selectedNode = null;
      }),
  );

  const mapPanel = createMapPanel(mapPanelEl, store, {
    mineralName,
    onNode: (code) => {
      if (store.state.view.clickMode === 'zone') toggleInZone(code);
      else {
        store.update((s) => {
          s.view.selectedNode = code;
        });
        detailsPanel.show(code);
      }
    },
  });

  const concentration = createConcentrationPanel(concentrationEl, (mineral, stage) =>
    store.update((s) => {
      s.view.mineral = mineral;
      s.view.stage = stage;
    }),
  );

  const cache = createMetricCache();
  const charts = createTimeSeriesPanel(chartsEl, cache, {
    onHover: (month) =>
      store.update((s) => {
        s.view.hoverMonth = month;
      }),
    onPick: (month) =>
      store.update((s) => {
        s.view.month = month;
      }),
  });

  const sankey = createSankeyView(sankeyEl);
  const sankeyMonths = new WeakMap<RunResults, Map<string, Map<number, Map<string, number>>>>();

  // --- one render per frame ---

  /**
   * A costly view: `draw(state, dataDue)` redraws when its selection changed, or when new
   * months arrived and `dataDue` allows; it returns whether it drew.
   */
  interface CostlyView {
    last: number;
    draw(state: AppState, dataDue: boolean): boolean;
  }

  const caption = (state: AppState) => state.results?.meta.scenarioName ?? state.scenario.name;

  let concentrationKey = '';
  const concentrationView: CostlyView = {
    last: 0,
    draw(state, dataDue) {
      const results = state.results;
      const month = shownMonth(state);
      const viewKey = `${state.view.mineral}|${state.view.stage}|${state.view.month}`;
      const key = `${viewKey}|${results?.monthsDone ?? 0}|${results?.meta.scenarioName}`;
      if (key === concentrationKey || (!dataDue && concentrationKey.startsWith(`${viewKey}|`))) return false;
      concentrationKey = key;
      concentration.update({
        results,
        month,
        mineral: state.view.mineral,
        stage: state.view.stage,
        mineralNames: MINERAL_NAMES,
      });
      // The name the engine ran with (the editor's name until a run starts).
      const name = caption(state);
      setText(
        concentrationCaption,
        results && results.monthsDone > 0
          ? `Model results for “${name}”, ${monthLabel(month)} (month ${month}); change since January 2026 (month 0).`
          : `Model results for “${name}” appear here when it runs.`,
      );
      return true;
    },
  };

  let chartsKey = '';
  let chartsViewKey = '';
  const chartsView: CostlyView = {
    last: 0,
    draw(state, dataDue) {
      const results = state.results;
      const month = shownMonth(state);
      const zone = activeZone(state);
      const viewKey = `${state.view.mineral}|${state.view.stage}|${zone.members.join()}|${zone.name}|${state.view.hoverMonth}|${state.view.month}`;
      const key = `${viewKey}|${state.dataRevision}|${month}`;
      if (key === chartsKey || (!dataDue && viewKey === chartsViewKey)) return false;
      chartsKey = key;
      chartsViewKey = viewKey;
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
      const baseline = state.baseline
        ? `status quo in grey (${state.baseline.monthsDone} of ${state.baseline.meta.months} months)`
        : state.run.status === 'idle'
          ? 'the status quo is drawn in grey once a run starts'
          : 'status quo loading';
      setText(
        chartsCaption,
        `Model results for “${caption(state)}”: ${mineralName(state.view.mineral)}; zone: ${zone.name}${zone.fallback ? ' (no zone in the scenario: the Ministerial participants)' : ''}; ${baseline}. Point at a chart (or focus it and use ←/→) to read values; click or Enter shows that month in the other views.`,
      );
      return true;
    },
  };

  let sankeyKey = '';
  let sankeyViewKey = '';
  const sankeyView: CostlyView = {
    last: 0,
    draw(state, dataDue) {
      const results = state.results;
      const month = shownMonth(state);
      const period = state.view.sankeyPeriod;
      const zone = activeZone(state);
      const byZone = state.view.sankeyUsers === 'zone';
      const viewKey = `${state.view.mineral}|${period}|${state.view.month}|${byZone ? zone.members.join() : ''}|${zone.name}`;
      const key = `${viewKey}|${state.dataRevision}|${month}`;
      if (key === sankeyKey || (!dataDue && viewKey === sankeyViewKey)) return false;
      sankeyKey = key;
      sankeyViewKey = viewKey;
      if (!results || results.monthsDone === 0) {
        sankey.update(null, `${mineralName(state.view.mineral)}: no months yet.`);
        return true;
      }
      const from = period === 'month' ? month : period === 'year' ? Math.max(0, month - 11) : 0;
      let byMineral = sankeyMonths.get(results);
      if (!byMineral) {
        byMineral = new Map();
        sankeyMonths.set(results, byMineral);
      }
      const cacheKey = `${state.view.mineral}|${byZone ? zone.members.join() : ''}`;
      let monthCache = byMineral.get(cacheKey);
      if (!monthCache) {
        monthCache = new Map();
        byMineral.set(cacheKey, monthCache);
      }
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
      return true;
    },
  };

  const mapView: CostlyView = {
    last: 0,
    draw: (state, dataDue) => mapPanel.update(state, { dataDue }),
  };

  const costly = [chartsView, mapView, concentrationView, sankeyView];
  let zoneShownInDetails = '';
  store.onFrame((state) => {
    editor.update(state);
    runControls.update(state);
    viewControls.update(state);

    // While a fast run streams months, the costly views take turns: each frame redraws at
    // most one of them with new months (the one waiting longest, if it has waited
    // HEAVY_VIEW_MS), so no frame carries them all. A change of selection redraws at once.
    const now = performance.now();
    const streaming =
      (state.run.status === 'running' || state.run.status === 'loading') &&
      state.run.speed > FAST_RUN_MONTHS_PER_SECOND;
    let turnTaken = false;
    for (const view of [...costly].sort((a, b) => a.last - b.last)) {
      const dataDue = !streaming || (!turnTaken && now - view.last >= HEAVY_VIEW_MS);
      if (view.draw(state, dataDue)) {
        view.last = now;
        if (streaming) turnTaken = true;
      }
    }

    // The details panel's zone button names the zone: redraw it when the zone changes.
    const zone = activeZone(state);
    const zoneKey = `${zone.id}|${zone.members.join()}|${state.view.selectedNode}`;
    if (zoneKey !== zoneShownInDetails) {
      zoneShownInDetails = zoneKey;
      const shown = details.dataset.node;
      if (shown) detailsPanel.show(shown);
    }
  });
  store.flush();

  return {
    store,
    session,
    map: mapPanel.map,
    loadScenario(document) {
      // A valid document shows in the editor with every default filled in.
      const v = validateScenario(document);
      replaceDraft(structuredClone(v.ok ? v.scenario : document) as Draft);
      return store.state.errors;
    },
    onScenario(listener) {
      scenarioListeners.push(listener);
    },
  };
}
