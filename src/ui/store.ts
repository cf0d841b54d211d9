/**
 * The app's state in one object, and the frame loop that draws it. Controls change the state
 * through `update`; views register a renderer with `onFrame`, and all of them run at most
 * once per animation frame, however many months or edits arrived since the last one.
 *
 * Run results are appended in place (appendMonth), so `dataRevision` says when they changed.
 */

import { FALLBACK_ZONE } from '../data/groups';
import type { RunResults } from '../engine/results.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ScenarioIssue } from '../scenario/validate.ts';
import type { Draft } from './editor/draft.ts';
import { displayName } from './scenarioOrigin.ts';

/**
 * A run faster than this many months per second is "fast": the costly views take turns to
 * redraw, and the status quo comparison waits until the run stops (so the page keeps a core).
 */
export const FAST_RUN_MONTHS_PER_SECOND = 12;

/** How the map colours nodes. */
export type ColourMode = 'zone' | 'role' | 'share';
/** What a click (or Enter) on a map node does. */
export type ClickMode = 'details' | 'zone';
/** Which months the Sankey adds up. */
export type SankeyPeriod = 'month' | 'year' | 'run';
export type RunStatus = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'error';

export interface ViewState {
  mineral: string;
  stage: string;
  /** Month the map, Sankey, concentration panel and tooltips show; null = the latest month. */
  month: number | null;
  /** Month under the time-series crosshair, or null. */
  hoverMonth: number | null;
  colourMode: ColourMode;
  clickMode: ClickMode;
  /** Flow arcs drawn: the N largest of the month. */
  flowCount: number;
  sankeyPeriod: SankeyPeriod;
  /** Sankey users: one node per country, or the zone and the rest. */
  sankeyUsers: 'countries' | 'zone';
  /** Zone the map edits and the charts measure (a zone id of the scenario). */
  zoneId: string | null;
  selectedNode: string | null;
}

export interface RunState {
  status: RunStatus;
  /** Counts loads: each run from month 0 has a new id. */
  runId: number;
  message: string;
  monthsDone: number;
  months: number;
  /** Wall-clock ms spent running (pauses excluded), for the rate and the time left. */
  runningMs: number;
  agentCount: number;
  workersUsed: number | null;
  sharedMemory: boolean;
  /** Months per second; Infinity = as fast as the engine goes. */
  speed: number;
  seedMode: 'same' | 'new';
  workers: number;
  /** Re-run from month 0 whenever an edit changes the (valid) scenario. */
  autoRun: boolean;
  /** Months of the status quo run done, for the comparison lines. */
  baselineMonths: number;
  /**
   * Months after which a running run pauses by itself (a link with `month=…&paused=1`), or
   * null to run to the end.
   */
  pauseAfter: number | null;
  /**
   * Whether the page's address has been read: a link's scenario is on screen and the run it
   * asks for has started (the run bar says so in data-address, for whoever drives the page).
   */
  addressRead: boolean;
}

export interface AppState {
  /** What the editor holds: a scenario document that may be invalid. */
  draft: Draft;
  /** Bumped when something other than the editor's own inputs replaced the draft (preset, map, seed). */
  draftRevision: number;
  /** validateScenario's issues with the draft (path and message). */
  issues: ScenarioIssue[];
  /** The last valid scenario: the only one that reaches the engine. */
  scenario: Scenario;
  view: ViewState;
  run: RunState;
  results: RunResults | null;
  /** The scenario the results were run with (the editor may have moved on since). */
  resultsScenario: Scenario | null;
  /**
   * True when the scenario was edited after the results were run and Re-run on edit is off:
   * the results stay on screen, marked as those of the earlier scenario, until Run.
   */
  resultsStale: boolean;
  /** The status quo with the same months, seed and resolution. */
  baseline: RunResults | null;
  /** Bumped whenever results or baseline change (new run, a month appended). */
  dataRevision: number;
}

export interface Store {
  readonly state: AppState;
  /** Changes the state and schedules a frame. */
  update(change: (state: AppState) => void): void;
  /** Marks results as changed (a month was appended in place). */
  touchResults(): void;
  /** Registers a renderer called once per frame after any change. */
  onFrame(render: (state: AppState) => void): void;
  /** Asks for another frame with no change (a view still has something to draw). */
  requestFrame(): void;
  /** Whether a frame has been asked for and not drawn yet. */
  frameDue(): boolean;
  /** Renders now (tests, first paint). */
  flush(): void;
}

export function createStore(initial: AppState): Store {
  const state = initial;
  const renderers: ((state: AppState) => void)[] = [];
  let scheduled = false;

  const render = () => {
    scheduled = false;
    for (const r of renderers) r(state);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(render);
  };

  return {
    state,
    update(change) {
      change(state);
      schedule();
    },
    touchResults() {
      state.dataRevision++;
      schedule();
    },
    onFrame(r) {
      renderers.push(r);
    },
    requestFrame: schedule,
    frameDue: () => scheduled,
    flush: render,
  };
}

export interface ActiveZone {
  id: string;
  name: string;
  members: readonly string[];
  /** True when the scenario has no zone and the Ministerial participants stand in. */
  fallback: boolean;
}

/** The zone the charts measure: the selected zone, the scenario's first, or the participants. */
export function activeZone(state: Pick<AppState, 'scenario' | 'view'>): ActiveZone {
  const zones = state.scenario.zones;
  const zone = zones.find((z) => z.id === state.view.zoneId) ?? zones[0];
  if (zone) return { id: zone.id, name: zone.name, members: zone.members, fallback: false };
  return { ...FALLBACK_ZONE, fallback: true };
}

/** The name of the run on screen (or of the scenario, before a run), "edited" when it is a changed preset. */
export function runName(state: Pick<AppState, 'scenario' | 'resultsScenario'>): string {
  return displayName(state.resultsScenario ?? state.scenario);
}

/**
 * A chart's month handlers: pointing at a month shows it in the hover readouts, picking one
 * shows it in every view.
 */
export function chartMonthHandlers(store: Store): {
  onHover(month: number | null): void;
  onPick(month: number): void;
} {
  return {
    onHover: (month) =>
      store.update((s) => {
        s.view.hoverMonth = month;
      }),
    onPick: (month) =>
      store.update((s) => {
        s.view.month = month;
      }),
  };
}

/** The month views show: the chosen one, clamped to what has been simulated. */
export function shownMonth(state: Pick<AppState, 'view' | 'results'>): number {
  const done = state.results?.monthsDone ?? 0;
  if (done === 0) return 0;
  if (state.view.month === null) return done - 1;
  return Math.min(Math.max(0, state.view.month), done - 1);
}
