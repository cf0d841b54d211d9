/**
 * App shell: the header with the run controls and what the views look at (mineral, stage,
 * month), then a grid with the scenario editor, the map, the concentration panel, node
 * details, the time series and the Sankey. Every view reads the store's results; every control
 * edits the store's scenario. The engine runs behind an EngineClient (never on this thread).
 */
import { MINERALS } from '../data/minerals';
import type { EngineClient } from '../parallel/client.ts';
import type { ResearchPool } from '../parallel/researchPool.ts';
import { afterFirstPaint, button, el } from '../present/dom.ts';
import type { Scenario } from '../scenario/schema.ts';
import { issueText, validateScenario } from '../scenario/validate.ts';
import { isEmbedMode, mountShareControls, readAddress } from '../share/index.ts';
import { CHART_OF_FIGURE } from '../viz/timeSeries.ts';
import type { WorldMap } from '../viz/worldMap.ts';
import { createCountryPage } from './countryPage.ts';
import { createDetailsPanel } from './detailsPanel.ts';
import type { Draft } from './editor/draft.ts';
import { createScenarioEditor, presetDraft } from './editor/scenarioEditor.ts';
import { createMapPanel } from './mapPanel.ts';
import type { ResearchSection } from './research/researchSection.ts';
import {
  type CostlyView,
  createChartsSection,
  createConcentrationSection,
  createSankeySection,
  panel,
  VIEW_SOURCES,
} from './resultPanels.ts';
import { createRunControls, WORKER_CHOICES } from './runControls.ts';
import { createRunSession, type RunSession } from './runSession.ts';
import { createScenarioEdits } from './scenarioEdits.ts';
import { type AppState, activeZone, createStore, FAST_RUN_MONTHS_PER_SECOND, type Store } from './store.ts';
import { createStories, type Stories } from './stories.ts';
import { createViewControls } from './viewControls.ts';
import { chartFigure, figureSubtitle } from './viewExports.ts';
import { createViewVisibility } from './viewVisibility.ts';
import { isEuNode } from './zoneMembers.ts';

export interface AppOptions {
  /** Makes an engine client (src/parallel/browserClient.ts in the app; a stub in tests). */
  createClient: () => EngineClient;
  /**
   * Makes a pool of research workers for ensembles, sweeps and the benchmark
   * (src/parallel/researchPool.ts in the app); without it those tabs say they cannot run.
   */
  createResearchPool?: (size: number) => ResearchPool;
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
  /** The research panel (compare, ensembles, sweeps, benchmark), once its code has loaded. */
  research: Promise<ResearchSection>;
  /** The stories menu and step card. */
  stories: Stories;
  /**
   * Runs `work` once the page has painted and a run has shown its first month, or the page has
   * sat DEFERRED_WORK_GRACE_MS without one: for work a first month on screen must not wait for.
   */
  whenSettled(work: () => void): void;
}

/**
 * During a fast run (FAST_RUN_MONTHS_PER_SECOND), the views that cost most to draw (map arcs,
 * charts, concentration table, Sankey) take turns: one of them redraws at most every
 * HEAVY_VIEW_MS, ms, and at most HEAVY_VIEW_SHARE of the page's time goes to them (a slow
 * machine waits longer), so the page keeps up with the months. Slower runs redraw them for
 * every month, one per frame.
 */
const HEAVY_VIEW_MS = 250;
const HEAVY_VIEW_SHARE = 0.25;
/**
 * At *max* the turns are spaced further, ms: every redraw there takes a core's time from the
 * engine's worker (a 2-core machine has one to spare), and a default run is over in about a
 * second; the views all show the last month when it stops.
 */
const HEAVY_VIEW_AT_MAX_MS = 1000;

/**
 * How long the page waits after its first paint, with no run asking for its first month, before
 * it does the work put off (the 1:50m borders, the research tools' code), ms. A visitor who
 * presses Run at once (or a link that runs) gets the first month on screen before that work,
 * which holds this thread for half a second or more; one who does not gets it after this wait.
 */
const DEFERRED_WORK_GRACE_MS = 1500;

/**
 * How long after its first paint the page lets the engine make the first month ahead of Run, ms
 * (runSession.ts: stepAhead). On a cold page that month is the engine's costliest (its code not
 * yet optimised: about 250 ms at 5,000 agents on this machine kind); made ahead, Run to the
 * first month drawn takes 150–200 ms (the page's own frames) against 260–330 ms (`npm run bench
 * -- table`, a click 0.8 s after the page could take one, and one at once). Not at once: on 2 cores
 * it takes the core the page's next frames need, and in 10 interleaved cold loads with a click
 * as soon as the button could take one (what `npm run bench -- table` does), made right after
 * the paint it put the click and the first month on screen 37 ms later (medians). A visitor
 * does not click within this time of the page appearing; a click before it runs as before.
 */
const STEP_AHEAD_AFTER_PAINT_MS = 300;

/**
 * Runs `work` after the first paint, once a run has shown its first month or the page has sat
 * DEFERRED_WORK_GRACE_MS without one, and never while a run waits for its first month: the work
 * put off this way holds this thread for a while, and a run's first month on screen comes first.
 */
function afterFirstPaintAndMonth(store: Store): (work: () => void) => void {
  const queue: (() => void)[] = [];
  let painted = false;
  let graceOver = false;
  let monthShown = false;
  const firstMonthDue = () => {
    const run = store.state.run;
    return run.status === 'loading' || (run.status === 'running' && run.monthsDone === 0);
  };
  const drain = () => {
    if (!painted || !(graceOver || monthShown) || firstMonthDue()) return;
    // After the next frame: the frame that shows the first month paints before the work.
    for (const work of queue.splice(0)) afterFirstPaint(work);
  };
  afterFirstPaint(() => {
    painted = true;
    setTimeout(() => {
      graceOver = true;
      drain();
    }, DEFERRED_WORK_GRACE_MS);
  });
  // The status and the months done change through the store: every such change brings a frame.
  store.onFrame((state) => {
    if (state.run.monthsDone > 0) monthShown = true;
    if (queue.length > 0) drain();
  });
  return (work) => {
    queue.push(work);
    drain();
  };
}

const MINERAL_NAMES = new Map(MINERALS.map((m) => [m.id as string, m.name]));
const mineralName = (id: string) => MINERAL_NAMES.get(id) ?? id;

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
    issues: [],
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
      pauseAfter: null,
      addressRead: false,
    },
    results: null,
    resultsScenario: null,
    resultsStale: false,
    baseline: null,
    dataRevision: 0,
  };
}

export function createApp(root: HTMLElement, options: AppOptions): App {
  performance.mark('boot:app');
  const store = createStore(initialState());
  const session = createRunSession(store, options.createClient);
  // What the address asked for when the page opened (the share controls rewrite it).
  const opening = readAddress(globalThis.location?.hash ?? '');
  // The engine's worker starts (its script, the world and, unless a link brings another
  // scenario, the one on screen) while this thread builds the page and paints it.
  session.warm(opening.payload === null && !opening.story);
  // A while after the page has painted, unless Run was pressed by then, the engine makes the
  // first month while the visitor reads the page (STEP_AHEAD_AFTER_PAINT_MS).
  afterFirstPaint(() => setTimeout(() => session.stepAhead(), STEP_AHEAD_AFTER_PAINT_MS));

  // --- layout ---
  const header = el('header', { className: 'app-header' });
  const titleRow = el('div', { className: 'title-row' }, [
    el('h1', { text: 'Critical-minerals trade simulator' }),
    el('p', {
      className: 'tagline',
      text: 'Agents of the February 2026 Critical Minerals Ministerial delegations, China, other large producers and the rest of the world trade fourteen minerals under the rules you set. Calibrated to 2024 data (USGS, IEA); every chart shows model results.',
    }),
  ]);
  const runBar = el('div', { className: 'run-bar' });
  const viewBar = el('div', { className: 'view-bar' });
  const shareBar = el('div', { className: 'share-bar' });
  header.append(titleRow, runBar, viewBar, shareBar);

  const main = el('main', { className: 'app-grid' });
  // The editor writes its own heading.
  const editorPanel = el('aside', {
    className: 'panel panel-editor',
    attrs: { 'aria-label': 'Scenario editor' },
  });
  const mapPanelEl = panel('section', 'panel-map', 'Map: zone, flows and output', 'map-title');
  const details = el('aside', { className: 'panel panel-details', attrs: { 'aria-label': 'Node details' } });
  const concentrationSection = createConcentrationSection(store, MINERAL_NAMES);
  const chartsSection = createChartsSection(store, mineralName);
  const sankeySection = createSankeySection(store, mineralName);
  // The research panel's code (its tabs, the ensemble, sweep and GSIM views) loads after the
  // first paint; its heading holds the place until then.
  const researchPlace = el('section', {
    className: 'panel panel-research',
    attrs: { id: 'research', 'aria-busy': 'true' },
  });
  researchPlace.append(el('h2', { text: 'Research: compare, ensembles, sweeps, benchmark' }));
  let research: ResearchSection | null = null;
  const deferred = afterFirstPaintAndMonth(store);
  const researchLoaded = new Promise<ResearchSection>((resolve, reject) => {
    const failed = (error: unknown) => {
      researchPlace.removeAttribute('aria-busy');
      researchPlace.append(
        el('p', {
          className: 'hint',
          attrs: { role: 'status' },
          text: `The research tools did not load (${(error as Error).message}); reload the page to try again.`,
        }),
      );
      reject(error);
    };
    deferred(() => {
      import('./research/researchSection.ts')
        .then(({ createResearchSection }) =>
          // Built when that still holds: a run pressed while the code loaded shows its first month first.
          deferred(() => {
            try {
              research = createResearchSection({
                store,
                mineralName,
                createPool: options.createResearchPool,
              });
            } catch (error) {
              failed(error);
              return;
            }
            researchPlace.replaceWith(research.element);
            store.requestFrame();
            resolve(research);
          }),
        )
        .catch(failed);
    });
  });
  researchLoaded.catch(() => undefined);
  main.append(
    editorPanel,
    mapPanelEl,
    concentrationSection.element,
    details,
    chartsSection.element,
    researchPlace,
    sankeySection.element,
  );
  // A keyboard user reaches the results without tabbing through the whole editor. A button,
  // not an in-page link: the address fragment holds the scenario.
  mapPanelEl.tabIndex = -1;
  const skip = button(
    'Skip the editor: go to the results',
    () => {
      mapPanelEl.focus({ preventScroll: true });
      mapPanelEl.scrollIntoView({ block: 'start' });
    },
    'skip-link',
  );
  skip.id = 'skip-to-results';
  // Presentation mode for a projector: the editor folded, large type, results above the fold.
  const present = button(
    'Presentation mode',
    () => setPresenting(!root.classList.contains('presenting')),
    'present-toggle',
  );
  present.id = 'present-toggle';
  present.setAttribute('aria-pressed', 'false');
  const setPresenting = (on: boolean) => {
    root.classList.toggle('presenting', on);
    present.setAttribute('aria-pressed', String(on));
    present.textContent = on ? 'Leave presentation mode' : 'Presentation mode';
  };
  titleRow.append(present);
  root.replaceChildren(skip, header, main);

  const { draftChanged, replaceDraft, toggleInZone, onScenario } = createScenarioEdits(store, session);
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
    whenSettled: deferred,
  });

  performance.mark('boot:editor-built');

  // --- views ---
  const runControls = createRunControls(runBar, store, session);
  const viewControls = createViewControls(viewBar, store);

  const countryPage = createCountryPage(store, mineralName);
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
      // The node's own series (its country page) come right under its name and zone button.
      return el('div', {}, [el('p', {}, [b]), countryPage.element]);
    },
    () =>
      store.update((s) => {
        s.view.selectedNode = null;
      }),
  );

  const mapPanel = createMapPanel(mapPanelEl, store, {
    mineralName,
    deferred,
    onNode: (code) => {
      if (store.state.view.clickMode === 'zone') toggleInZone(code);
      else {
        store.update((s) => {
          s.view.selectedNode = code;
        });
        detailsPanel.show(code);
        // The details open beside the map; on a layout where that is off screen, bring them in.
        requestAnimationFrame(() => {
          const box = details.getBoundingClientRect();
          if (box.top > window.innerHeight - 80 || box.bottom < 0)
            details.scrollIntoView({ block: 'nearest' });
        });
      }
    },
  });

  performance.mark('boot:map-built');

  // --- one render per frame ---

  const mapView: CostlyView = {
    last: 0,
    draw: (state, dataDue) => mapPanel.update(state, { dataDue }),
  };

  /** The costly views, each with the section it draws into. */
  const costly = [
    { view: chartsSection.view, element: chartsSection.element },
    { view: mapView, element: mapPanelEl },
    { view: concentrationSection.view, element: concentrationSection.element },
    { view: sankeySection.view, element: sankeySection.element },
  ];
  // A section coming on screen may have months to draw.
  const visibility = createViewVisibility(() => store.requestFrame());
  for (const { element } of costly) visibility.watch(element);
  researchLoaded.then((section) => visibility.watch(section.element)).catch(() => undefined);
  const fastRun = (state: AppState) =>
    (state.run.status === 'running' || state.run.status === 'loading') &&
    state.run.speed > FAST_RUN_MONTHS_PER_SECOND;
  /**
   * The task after a frame that draws the sections off screen: their new months, and the
   * research panel. Never during a fast run (nobody sees them; they draw when it stops, or in
   * the frame after they come on screen), and never in the frame itself, which shows the
   * sections on screen (and, at the end of a run, "Done") that much sooner.
   */
  let offScreenTask: ReturnType<typeof setTimeout> | null = null;
  const drawOffScreenSoon = () => {
    if (offScreenTask !== null) return;
    offScreenTask = setTimeout(() => {
      offScreenTask = null;
      const state = store.state;
      if (fastRun(state)) return;
      // Something new (a month, a click) waits for the next frame: that frame comes first, and
      // queues this task again. Drawn now, the sections off screen (the Sankey alone tens of ms,
      // and the layout their new content costs) held a cold page's first month off the screen.
      if (store.frameDue()) return;
      for (const { view, element } of costly)
        if (!visibility.onScreen(element) && view.draw(state, true) === 'drew') view.last = performance.now();
      if (research && !visibility.onScreen(research.element)) research.update(state);
    }, 0);
  };
  let zoneShownInDetails = '';
  /** During a fast run: when the next costly view may redraw, and the timer asking for that frame. */
  let nextHeavyTurn = 0;
  let heavyTimer: ReturnType<typeof setTimeout> | null = null;
  /** Whether the frame that first showed a month has been marked (boot marks, read by the bench). */
  let firstMonthMarked = false;
  store.onFrame((state) => {
    const firstMonth = !firstMonthMarked && state.run.monthsDone > 0;
    if (firstMonth) {
      performance.mark('boot:first-month-frame');
      // The task after this frame, which runs once the frame's style, layout and paint are done:
      // the first month is on screen (what `npm run bench -- table` times the cold load to).
      // Queued first, before the timers this frame sets (the sections off screen draw in one).
      setTimeout(() => performance.mark('boot:first-month-shown'), 0);
    }
    editor.update(state);
    runControls.update(state);
    viewControls.update(state);

    // The costly views take turns with new months: each frame redraws at most one of them (the
    // one waiting longest), so no frame carries them all; during a fast run the turns are
    // spaced (HEAVY_VIEW_MS, HEAVY_VIEW_SHARE). A change of selection redraws at once. Sections
    // off screen draw their new months after the frame (drawOffScreenSoon).
    const now = performance.now();
    const fast = fastRun(state);
    const turnDue = !fast || now >= nextHeavyTurn;
    const turnMs = Number.isFinite(state.run.speed) ? HEAVY_VIEW_MS : HEAVY_VIEW_AT_MAX_MS;
    let turnTaken = false;
    let waiting = false;
    let offScreenWaiting = false;
    for (const { view, element } of [...costly].sort((a, b) => a.view.last - b.view.last)) {
      const onScreen = visibility.onScreen(element);
      const started = performance.now();
      const outcome = view.draw(state, onScreen && turnDue && !turnTaken);
      if (outcome === 'drew') {
        view.last = now;
        turnTaken ||= onScreen;
        const took = performance.now() - started;
        nextHeavyTurn = now + Math.max(turnMs, took / HEAVY_VIEW_SHARE);
      } else if (outcome === 'waiting') {
        if (onScreen) waiting = true;
        else offScreenWaiting = true;
      }
    }
    if (waiting && !fast) store.requestFrame();
    else if (waiting && heavyTimer === null) {
      // During a fast run the next turn comes by timer, not in every animation frame.
      heavyTimer = setTimeout(
        () => {
          heavyTimer = null;
          store.requestFrame();
        },
        Math.max(0, nextHeavyTurn - performance.now()),
      );
    }
    const researchOnScreen = research !== null && visibility.onScreen(research.element);
    if (researchOnScreen) research?.update(state);
    if (!fast && (offScreenWaiting || (research !== null && !researchOnScreen))) drawOffScreenSoon();
    countryPage.update(state, details.dataset.node ?? null);

    // The details panel's zone button names the zone: redraw it when the zone changes.
    const zone = activeZone(state);
    const zoneKey = `${zone.id}|${zone.members.join()}|${state.view.selectedNode}`;
    if (zoneKey !== zoneShownInDetails) {
      zoneShownInDetails = zoneKey;
      const shown = details.dataset.node;
      if (shown) detailsPanel.show(shown);
    }
    if (firstMonth) {
      firstMonthMarked = true;
      performance.mark('boot:first-month-drawn');
    }
  });
  store.flush();

  // --- links, files and exports (src/share) ---
  let linkApplied = false;
  const share = mountShareControls(shareBar, {
    getMonth: () => store.state.view.month,
    getScenario: () => store.state.scenario,
    setScenario: (scenario) => {
      linkApplied = true;
      store.update((s) => {
        s.view.zoneId = scenario.zones[0]?.id ?? null;
      });
      replaceDraft(structuredClone(scenario) satisfies Draft);
    },
    getResults: () => {
      const { results, scenario } = store.state;
      return results && results.monthsDone > 0 ? { results, scenario } : null;
    },
    getChartSvgs: () =>
      Array.from(root.querySelectorAll<HTMLElement>('figure.chart')).flatMap((figure) => {
        const svg = figure.querySelector<SVGSVGElement>('svg.chart-svg');
        const name = figure.querySelector('figcaption strong')?.textContent ?? 'chart';
        const source = VIEW_SOURCES.get(figure);
        // Charts without a view of their own (the research tabs') export as figures too.
        const chart = CHART_OF_FIGURE.get(figure);
        const standalone = source?.figure
          ? source.figure.bind(source)
          : chart
            ? () => chartFigure(chart, `${figureSubtitle(store.state)}; research: ${name}`)
            : null;
        return svg ? [{ name, svg, ...(standalone ? { figure: standalone } : {}) }] : [];
      }),
    getMap: () => mapPanel.map.svg,
    getMapFigure: () => mapPanel.figure(),
  });
  let sharedScenario: Scenario | null = null;
  let sharedRevision = -1;
  store.onFrame((state) => {
    if (state.scenario !== sharedScenario) {
      sharedScenario = state.scenario;
      share.scenarioChanged();
    }
    if (state.dataRevision !== sharedRevision) {
      sharedRevision = state.dataRevision;
      share.refresh();
    }
  });
  if (isEmbedMode()) root.classList.add('embed');

  // A link or an embed opens running, at the month it names; `paused=1` stops the run there
  // (or, without a month, leaves it for the viewer to start). A story step starts its own run.
  const openFromAddress = () => {
    // A damaged link leaves the scenario on screen as it was, with its message: nothing runs.
    if (opening.payload === null || opening.story || !linkApplied || store.state.issues.length) return;
    const view = opening.view ?? { month: null, paused: false };
    const months = store.state.scenario.months;
    const month = view.month === null ? null : Math.min(view.month, months - 1);
    store.update((s) => {
      s.view.month = month;
      s.run.pauseAfter = view.paused && month !== null ? month + 1 : null;
    });
    if (view.paused && month === null) {
      store.update((s) => {
        s.run.message = 'Ready: press Run';
      });
      return;
    }
    if (store.state.run.status === 'idle') void session.start();
  };
  void share.ready.then(() => {
    openFromAddress();
    store.update((s) => {
      s.run.addressRead = true;
    });
  });

  // --- stories for teachers: a menu in the title row, the step card under the header ---
  const stories = createStories({
    store,
    root,
    replaceDraft,
    startRun: () => {
      // A step whose scenario is the one that just finished keeps its run.
      const status = store.state.run.status;
      if (status === 'idle' || status === 'paused' || status === 'error') void session.start();
    },
    addressRead: share.ready,
  });
  titleRow.append(stories.menu);
  header.after(stories.card);
  store.onFrame((state) => stories.update(state));
  performance.mark('boot:app-built');

  return {
    store,
    session,
    map: mapPanel.map,
    loadScenario(document) {
      // A valid document shows in the editor with every default filled in.
      const v = validateScenario(document);
      replaceDraft(structuredClone(v.ok ? v.scenario : document) as Draft);
      return store.state.issues.map(issueText);
    },
    onScenario,
    research: researchLoaded,
    stories,
    whenSettled: deferred,
  };
}
