/**
 * What the app needs from the engine, wherever it runs: a client that loads a scenario into
 * workers, runs it month by month and hands back each month's results slice. The main thread
 * only ever holds a client; the engine runs in workers (src/parallel/).
 */
import type { MonthSlice, ResultsMeta } from '../engine/results.ts';
import type { Scenario } from '../scenario/schema.ts';

export interface LoadInfo {
  meta: ResultsMeta;
  agentCount: number;
  /** Workers actually used. */
  workers: number;
  /** True when agent state lives in a SharedArrayBuffer (cross-origin isolated page). */
  sharedMemory: boolean;
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
  pause(): void;
  /** Stops the workers. */
  dispose(): void;
}
