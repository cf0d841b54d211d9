/**
 * Runs the scenario and its status-quo comparison through engine clients (EngineClient, from
 * src/parallel/client.ts: the app never touches the engine itself) and appends every month into
 * the store's RunResults. When the scenario is the status quo (its name and description aside),
 * its own results are the comparison: no second run. Speed is a throttle on the page side: at
 * a set number of months per second the session steps month by month on a fixed timeline (so
 * late timers do not add up); at "max" it lets the client run freely.
 *
 * Every start, reset or edit bumps a generation number; work of an older generation stops at
 * its next await, so a quick series of edits never mixes months of two scenarios.
 */
import { appendMonth, createResults, type MonthSlice, type RunResults } from '../engine/results.ts';
import type { EngineClient } from '../parallel/client.ts';
import { count } from '../present/format.ts';
import type { Scenario } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import { displayName, sameRun } from './scenarioOrigin.ts';
import { FAST_RUN_MONTHS_PER_SECOND, type RunStatus, type Store } from './store.ts';

export interface RunSession {
  /** Runs from month 0 (or resumes when paused). */
  start(): Promise<void>;
  pause(): void;
  /** Simulates one month (loading the scenario first when nothing is loaded). */
  step(): Promise<void>;
  /** Discards the run; the next start loads the scenario afresh. */
  reset(): void;
  /**
   * Starts the engine's worker ahead of the first run (the app calls it as it starts), and with
   * `loadScenario` also loads the scenario on screen there, so Run starts from a built population.
   */
  warm(loadScenario: boolean): void;
  /**
   * The page has painted: the engine may make the first month of the scenario warm() loaded, so
   * Run finds it made (a cold engine takes longest over that month). Nothing once a run started.
   */
  stepAhead(): void;
  /** The valid scenario changed: reset, and re-run when a run had been started and auto-run is on. */
  scenarioChanged(): void;
  /** The scenario's months, seed or resolution may have changed: (re)run the status quo if needed. */
  refreshBaseline(): void;
  dispose(): void;
}

/** The document of the status quo with the same length, seed and resolution as `scenario`. */
export function statusQuoDocument(scenario: Scenario): Record<string, unknown> {
  return {
    version: 1,
    name: 'Status quo',
    months: scenario.months,
    seed: scenario.seed,
    resolution: scenario.resolution,
  };
}

/** The status quo with the same length, seed and resolution as `scenario`. */
export function statusQuoFor(scenario: Scenario): Scenario {
  const v = validateScenario(statusQuoDocument(scenario));
  if (!v.ok) throw new Error(v.errors.join('; '));
  return v.scenario;
}

/** 'Paused at 1 month', 'Paused at 31 months'. */
export function pausedMessage(monthsDone: number): string {
  return `Paused at ${count(monthsDone, 'month')}`;
}

/**
 * During a fast run (over FAST_RUN_MONTHS_PER_SECOND) the page shows new months at most this
 * often, ms: every frame with new months costs style, layout and paint besides the views' own
 * work, on the thread that also receives the months, and months come faster than anyone reads
 * them. Slower runs show every month in the next animation frame.
 */
export const FAST_RUN_FRAME_MS = 100;

/**
 * At *max*, new months show at most this often, ms: the run bar moves four times a second, and
 * the page leaves the rest of the time to the engine's worker (on a 2-core machine the two
 * share the second core with the browser's own threads). The last month shows when it stops.
 */
export const MAX_RUN_FRAME_MS = 250;

/** How far a paced run may fall behind its timeline and still catch up (run faster), ms. */
const PACE_CATCH_UP_MS = 1000;

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

export function createRunSession(store: Store, createClient: () => EngineClient): RunSession {
  let client: EngineClient | null = null;
  let baselineClient: EngineClient | null = null;
  let generation = 0;
  let loaded = false;
  let baselineKey = '';
  /** True when the scenario is the status quo: its own results are the baseline. */
  let baselineIsOwn = false;
  let baselineGeneration = 0;
  /** Set while the client's free-running run() is active. */
  let freeRunning = false;
  let baselineRunning = false;

  const s = store.state;
  const getClient = () => {
    client ??= createClient();
    return client;
  };

  function setStatus(status: RunStatus, message: string) {
    // Months held back during a fast run show with the new status.
    if (showTimer !== null) showMonths();
    store.update((st) => {
      st.run.status = status;
      st.run.message = message;
    });
  }

  /** When new months were last shown, and the timer that shows the months since, during a fast run. */
  let shownAt = Number.NEGATIVE_INFINITY;
  let showTimer: ReturnType<typeof setTimeout> | null = null;
  const showMonths = () => {
    if (showTimer !== null) clearTimeout(showTimer);
    showTimer = null;
    shownAt = performance.now();
    store.touchResults();
  };
  /**
   * New months arrived: shows them in the next frame, or, during a fast run, within
   * FAST_RUN_FRAME_MS (MAX_RUN_FRAME_MS at max).
   */
  function monthsArrived() {
    const fast = s.run.status === 'running' && s.run.speed > FAST_RUN_MONTHS_PER_SECOND;
    if (!fast) return showMonths();
    if (showTimer !== null) return;
    const every = Number.isFinite(s.run.speed) ? FAST_RUN_FRAME_MS : MAX_RUN_FRAME_MS;
    const wait = shownAt + every - performance.now();
    if (wait <= 0) showMonths();
    else showTimer = setTimeout(showMonths, wait);
  }

  function onMonth(results: RunResults, slice: MonthSlice) {
    appendMonth(results, slice);
    s.run.monthsDone = results.monthsDone;
    if (baselineIsOwn && s.baseline === results) s.run.baselineMonths = results.monthsDone;
    // A month in flight when the run paused still arrives: the message follows it.
    if (s.run.status === 'paused' && results.monthsDone > 0)
      s.run.message = pausedMessage(results.monthsDone);
    monthsArrived();
    const stopAt = s.run.pauseAfter;
    if (stopAt !== null && results.monthsDone >= stopAt && s.run.status === 'running') {
      if (results.monthsDone < results.meta.months) pause();
    }
  }

  /** Loads the current scenario into the client and makes an empty results store for it. */
  async function load(gen: number): Promise<RunResults | null> {
    if (s.run.seedMode === 'new') newSeed();
    const scenario = s.scenario;
    store.update((st) => {
      st.run.status = 'loading';
      st.run.runId++;
      st.run.message = `Building ${scenario.resolution.toLocaleString('en-US')} agents…`;
      st.run.monthsDone = 0;
      st.run.months = scenario.months;
      st.run.runningMs = 0;
      st.results = null;
      st.resultsScenario = scenario;
      st.resultsStale = false;
      st.dataRevision++;
    });
    refreshBaseline();
    const info = await getClient().load(scenario, { workers: s.run.workers });
    if (gen !== generation) return null;
    const results = createResults(info.meta, info.storage ?? null);
    loaded = true;
    store.update((st) => {
      st.results = results;
      st.run.agentCount = info.agentCount;
      st.run.workersUsed = info.workers;
      st.run.sharedMemory = info.sharedMemory;
      st.run.status = 'paused';
      st.run.message = 'Loaded';
      if (baselineIsOwn) {
        st.baseline = results;
        st.run.baselineMonths = 0;
      }
      st.dataRevision++;
    });
    return results;
  }

  /** "New seed each run": draws a seed and writes it into the scenario and the editor's draft. */
  function newSeed() {
    const seed = Math.floor(Math.random() * 2 ** 32);
    store.update((st) => {
      st.scenario = { ...st.scenario, seed };
      st.draft = { ...st.draft, seed };
      st.draftRevision++;
    });
  }

  /** `pressed`: when Run was pressed, ms (performance.now()): the pace's timeline starts there. */
  async function loop(gen: number, results: RunResults, pressed: number) {
    const months = results.meta.months;
    let last = performance.now();
    const clock = () => {
      const now = performance.now();
      s.run.runningMs += now - last;
      last = now;
    };
    // At a set speed the next month is asked for as soon as one arrives, so the engine works
    // while the page waits out the pace; a month in flight when the run pauses is kept.
    let next: Promise<MonthSlice> | null = null;
    // The pace's timeline: month k of it is due at paceStart + k / speed seconds. Waiting for a
    // due time (not a fixed gap after each month) keeps timer lateness from adding up, and a
    // short stall (a busy machine) is caught up; the timeline starts afresh when the speed
    // changes or the run falls behind by more than PACE_CATCH_UP_MS (or a month, if longer).
    let paceStart = pressed;
    let paceSpeed = s.run.speed;
    let paceMonths = 0;
    const take = async (pending: Promise<MonthSlice>) => {
      const slice = await pending;
      if (gen === generation) onMonth(results, slice);
      clock();
    };
    while (gen === generation && s.run.status === 'running' && results.monthsDone < months) {
      if (s.run.pauseAfter !== null && results.monthsDone >= s.run.pauseAfter) {
        pause();
        break;
      }
      if (!Number.isFinite(s.run.speed)) {
        if (next) {
          await take(next);
          next = null;
          continue;
        }
        holdBaseline();
        freeRunning = true;
        const outcome = await getClient().run((slice) => {
          if (gen === generation) onMonth(results, slice);
        });
        freeRunning = false;
        clock();
        if (outcome === 'done') break;
        continue; // paused: by the user, or to switch to a throttled speed
      }
      if (s.run.speed > FAST_RUN_MONTHS_PER_SECOND) holdBaseline();
      else resumeBaseline();
      const behind = performance.now() - (paceStart + (paceMonths * 1000) / paceSpeed);
      if (s.run.speed !== paceSpeed || behind > Math.max(PACE_CATCH_UP_MS, 1000 / paceSpeed)) {
        paceStart = performance.now();
        paceSpeed = s.run.speed;
        paceMonths = 0;
      }
      await take(next ?? getClient().step());
      paceMonths++;
      next = null;
      if (gen !== generation) return;
      // No month is asked for past a pause the link set (it would arrive after the pause).
      const stopAt = s.run.pauseAfter;
      if (results.monthsDone < months && (stopAt === null || results.monthsDone < stopAt)) {
        next = getClient().step();
        // Abandoned when a reset or an edit starts over: its failure is nobody's concern then.
        next.catch(() => undefined);
      }
      const wait = paceStart + (paceMonths * 1000) / paceSpeed - performance.now();
      if (wait > 0) await sleep(wait);
      clock();
    }
    if (next && gen === generation) await take(next);
    if (gen !== generation) return;
    if (results.monthsDone >= months) {
      setStatus('done', `Done: ${count(months, 'month')} in ${(s.run.runningMs / 1000).toFixed(1)} s`);
    }
    resumeBaseline();
  }

  function fail(gen: number, error: unknown) {
    if (gen !== generation) return;
    freeRunning = false;
    loaded = false;
    setStatus('error', `The engine failed: ${(error as Error).message ?? String(error)}`);
    resumeBaseline();
  }

  /**
   * Runs `then` on the loaded run (loading the scenario first when nothing is loaded or the last
   * run ended), unless a run is already going; engine failures end in the error status.
   */
  async function withRun(then: (gen: number, results: RunResults) => Promise<void>) {
    const status = s.run.status;
    if (status === 'running' || status === 'loading') return;
    const gen = ++generation;
    try {
      let results = s.results;
      if (
        !loaded ||
        !results ||
        s.resultsStale ||
        status === 'done' ||
        status === 'error' ||
        status === 'idle'
      ) {
        results = await load(gen);
        if (!results) return;
      }
      await then(gen, results);
    } catch (error) {
      fail(gen, error);
    }
  }

  function start() {
    // Resuming: a pause the link asked for has been had.
    if (s.run.status === 'paused') s.run.pauseAfter = null;
    // The pace counts from the press of Run: loading the scenario is part of the run's time,
    // caught up by the first months like any short stall.
    const pressed = performance.now();
    return withRun(async (gen, results) => {
      setStatus('running', 'Running');
      await loop(gen, results, pressed);
    });
  }

  function pause() {
    if (s.run.status !== 'running') return;
    setStatus('paused', pausedMessage(s.run.monthsDone));
    if (freeRunning) client?.pause();
    resumeBaseline();
  }

  function step() {
    return withRun(async (gen, results) => {
      const slice = await getClient().step();
      if (gen !== generation) return;
      onMonth(results, slice);
      if (results.monthsDone >= results.meta.months)
        setStatus('done', `Done: ${count(results.meta.months, 'month')}`);
      else setStatus('paused', pausedMessage(results.monthsDone));
    });
  }

  function reset() {
    generation++;
    if (freeRunning) client?.pause();
    freeRunning = false;
    loaded = false;
    store.update((st) => {
      st.results = null;
      st.resultsScenario = null;
      st.resultsStale = false;
      st.run.pauseAfter = null;
      st.run.status = 'idle';
      st.run.message = 'Ready';
      st.run.monthsDone = 0;
      st.run.months = st.scenario.months;
      st.run.runningMs = 0;
      st.dataRevision++;
    });
    refreshBaseline();
    resumeBaseline();
  }

  function scenarioChanged() {
    const wasStarted = s.run.status !== 'idle';
    if (!s.run.autoRun && s.results && s.results.monthsDone > 0) {
      // Re-run on edit is off: the finished (or paused) run stays on screen, marked as the
      // earlier scenario's, until the user presses Run. A run still going stops here.
      generation++;
      if (freeRunning) client?.pause();
      freeRunning = false;
      loaded = false;
      const name = displayName(s.resultsScenario ?? s.scenario);
      const shownMonths = s.results.meta.months;
      store.update((st) => {
        st.resultsStale = true;
        // The progress bar stays that of the run on screen until Run.
        st.run.months = shownMonths;
        st.run.status = st.run.status === 'done' ? 'done' : 'paused';
        st.run.message = `Scenario edited: the results shown are of “${name}”; press Run to run the edited scenario`;
      });
      refreshBaseline();
      return;
    }
    reset();
    if (wasStarted && s.run.autoRun) void start();
  }

  /**
   * The status quo runs in its own client (made when first needed). While the scenario runs
   * fast it waits (the machine may have only two cores, and the page needs one to draw); at a
   * slow speed, or once the scenario stops, it runs freely. When the scenario is the status quo,
   * the scenario's own results are the baseline (the same numbers, computed once).
   */
  function refreshBaseline() {
    const scenario = s.scenario;
    const statusQuo = statusQuoFor(scenario);
    const own = sameRun(scenario, statusQuo);
    const key = `${own ? 'own' : 'twin'}|${scenario.months}|${scenario.seed}|${scenario.resolution}`;
    if (key === baselineKey) return;
    baselineKey = key;
    const gen = ++baselineGeneration;
    baselineIsOwn = own;
    if (own) {
      if (baselineRunning) baselineClient?.pause();
      baselineRunning = false;
      // The results on screen are this scenario's unless an edit left them stale.
      const results = s.results && !s.resultsStale ? s.results : null;
      store.update((st) => {
        st.baseline = results;
        st.run.baselineMonths = results?.monthsDone ?? 0;
        st.dataRevision++;
      });
      return;
    }
    baselineClient ??= createClient();
    const c = baselineClient;
    baselineRunning = false;
    store.update((st) => {
      st.baseline = null;
      st.run.baselineMonths = 0;
      st.dataRevision++;
    });
    c.load(statusQuo, { workers: 1 })
      .then((info) => {
        if (gen !== baselineGeneration) return;
        const baseline = createResults(info.meta, info.storage ?? null);
        store.update((st) => {
          st.baseline = baseline;
          st.dataRevision++;
        });
        resumeBaseline();
      })
      .catch((error: unknown) => baselineFailed(gen, error));
  }

  function baselineFailed(gen: number, error: unknown) {
    if (gen !== baselineGeneration) return;
    // The status quo is dropped (its client may have been stopped by the watchdog) and made
    // again with the next run; the message says so once.
    baselineKey = '';
    baselineRunning = false;
    store.update((st) => {
      st.baseline = null;
      st.run.baselineMonths = 0;
      st.dataRevision++;
    });
    const message = s.run.message.replace(/ \(status quo comparison failed: .*\)$/, '');
    setStatus(s.run.status, `${message} (status quo comparison failed: ${(error as Error).message})`);
  }

  /** True while the scenario runs fast: the status quo waits. */
  const scenarioFlatOut = () =>
    (s.run.status === 'running' || s.run.status === 'loading') && s.run.speed > FAST_RUN_MONTHS_PER_SECOND;

  function resumeBaseline() {
    const baseline = s.baseline;
    const c = baselineClient;
    if (!baseline || !c || baselineIsOwn || baselineRunning || scenarioFlatOut()) return;
    if (baseline.monthsDone >= baseline.meta.months) return;
    const gen = baselineGeneration;
    baselineRunning = true;
    c.run((slice) => {
      if (gen !== baselineGeneration) return;
      appendMonth(baseline, slice);
      s.run.baselineMonths = baseline.monthsDone;
      store.touchResults();
    })
      .then(() => {
        if (gen !== baselineGeneration) return;
        baselineRunning = false;
        // Paused because the scenario went flat out: resume when it stops.
        resumeBaseline();
      })
      .catch((error: unknown) => baselineFailed(gen, error));
  }

  function holdBaseline() {
    if (baselineRunning && scenarioFlatOut()) baselineClient?.pause();
  }

  return {
    start,
    pause,
    step,
    reset,
    scenarioChanged,
    refreshBaseline,
    warm(loadScenario) {
      // "New seed each run" draws its seed at Run: nothing to load before.
      if (loadScenario && s.run.seedMode === 'same')
        getClient().warm?.(s.scenario, { workers: s.run.workers });
      else getClient().warm?.();
    },
    stepAhead() {
      if (s.run.status === 'idle' && !loaded) client?.stepAhead?.();
    },
    dispose() {
      if (showTimer !== null) clearTimeout(showTimer);
      showTimer = null;
      generation++;
      baselineGeneration++;
      client?.dispose();
      baselineClient?.dispose();
      client = null;
      baselineClient = null;
    },
  };
}
