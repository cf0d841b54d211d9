/**
 * What the app needs from the engine, wherever it runs: a client that loads a scenario into
 * workers, runs it month by month and hands back each month's results slice. The main thread
 * only ever holds a client; the engine runs in workers (src/parallel/).
 */
import type { MonthSlice, ResultsMeta, ResultsStorage } from '../engine/results.ts';
import type { Scenario } from '../scenario/schema.ts';

/**
 * Largest scenario (agents) the app runs in one thread, in its coordinator worker without block
 * workers. Measured on the built bench page in Chromium on a 2-core machine (status quo, 120
 * months, load and run, median of 3; `?singleThreadMaxAgents=` on bench.html): one thread took
 * 1.9 / 1.1 / 1.8 / 1.2 / 2.7 s at 5,000 / 20,000 / 50,000 / 100,000 / 200,000 agents, two
 * block workers 2.1 / 1.9 / 2.6 / 2.3 / 3.1 s (the machine was busy: ratios, not times). The
 * coordinator's serial work and the barriers outweigh the split agents' work up to here.
 */
export const SINGLE_THREAD_MAX_AGENTS = 200_000;

/**
 * The coordinator worker's name when the page that starts it opens on the status quo (no
 * address fragment): the worker then loads the status quo as soon as it has started
 * (workers/coordinator.worker.ts), before the page's own load call can reach it.
 */
export const COORDINATOR_PRELOADING_NAME = 'coordinator (status quo)';

export interface LoadInfo {
  meta: ResultsMeta;
  agentCount: number;
  /** Workers actually used. */
  workers: number;
  /** True when agent state lives in a SharedArrayBuffer (cross-origin isolated page). */
  sharedMemory: boolean;
  /**
   * Shared storage the engine's worker writes every month's series into (a cross-origin isolated
   * page): make the run's results on it (createResults(meta, storage)); its slices then come
   * without series. Absent: slices carry their series.
   */
  storage?: ResultsStorage;
}

/** A failure inside the engine: which worker, and its error. */
export class EngineError extends Error {
  readonly worker: number | null;
  constructor(message: string, worker: number | null = null) {
    super(message);
    this.name = 'EngineError';
    this.worker = worker;
  }
}

export interface EngineClient {
  /** Builds the population for `scenario` in `workers` workers (previous runs are discarded). */
  load(scenario: Scenario, options: { workers: number }): Promise<LoadInfo>;
  /**
   * Runs until the scenario's last month or until pause(); `onMonth` receives every month's
   * slice in order. Rejects with an EngineError when a worker fails (the client can then be
   * loaded again without a page reload).
   */
  run(onMonth: (slice: MonthSlice) => void): Promise<'done' | 'paused'>;
  /** Simulates exactly one month. */
  step(): Promise<MonthSlice>;
  /**
   * Starts the engine's worker and builds the world ahead of the first load, so Run does not
   * wait for them; given the scenario the page shows, also loads it there, and a load() of the
   * same scenario and options then takes that load instead of building it again (optional;
   * failures are left for load to report).
   */
  warm?(scenario?: Scenario, options?: { workers: number }): void;
  /**
   * Once the scenario loaded by warm() is loaded, simulates its first month before Run asks for
   * it (the page calls this once it has painted; optional; numbers unchanged).
   */
  stepAhead?(): void;
  pause(): void;
  /** Stops the workers. */
  dispose(): void;
}
