/**
 * A small run in the coordinator worker's own thread: the single-thread engine
 * (src/engine/simulation.ts) behind the same calls the coordinator service makes of the
 * ParallelEngine. Below SINGLE_THREAD_MAX_AGENTS the block workers' start-up, barriers and
 * messages cost more than the agents' work, so the app runs such scenarios here (the line is
 * SINGLE_THREAD_MAX_AGENTS in client.ts); the numbers are
 * the same as on any number of workers (same phases, blocks and order of sums).
 */

import type { ResultsStorage, RunResults } from '../engine/results.ts';
import { createSimulation, type Simulation } from '../engine/simulation.ts';
import type { World } from '../engine/world.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { LoadInfo } from './client.ts';
import { type EngineTimings, emptyTimings } from './parallelEngine.ts';

export class LocalEngine {
  private sim: Simulation | null = null;
  private scenario: Scenario | null = null;
  timings: EngineTimings = emptyTimings(1);

  /** What the engine is doing, for the page's watchdog. */
  get activity(): string {
    return this.sim ? `month ${this.sim.month} (one thread)` : 'idle';
  }

  /** Whether a scenario is loaded. */
  get isLoaded(): boolean {
    return this.sim !== null;
  }

  get results(): RunResults {
    return this.loaded().results;
  }

  get month(): number {
    return this.loaded().month;
  }

  get months(): number {
    return this.scenario?.months ?? 0;
  }

  /**
   * `sharedResults`: results on SharedArrayBuffers the page can read in place (a ResultsStorage:
   * on that one, zeroed and of this run's shape).
   */
  async load(
    world: World,
    scenario: Scenario,
    sharedResults: boolean | ResultsStorage = false,
  ): Promise<LoadInfo> {
    const started = performance.now();
    this.timings = emptyTimings(1);
    const sim = createSimulation(world, scenario, sharedResults);
    this.timings.initialisationMs = performance.now() - started;
    this.sim = sim;
    this.scenario = scenario;
    return { meta: sim.results.meta, agentCount: sim.agentCount, workers: 1, sharedMemory: false };
  }

  /** Simulates one month (synchronously; async to match the parallel engine). */
  async step(): Promise<void> {
    const sim = this.loaded();
    const started = performance.now();
    sim.step();
    // Coordinator and agents share the thread: the month's whole time counts as agents' time.
    const ms = performance.now() - started;
    this.timings.months++;
    this.timings.agentPhaseMs += ms;
    this.timings.busyMs[0] += ms;
  }

  async dispose(): Promise<void> {
    this.sim = null;
    this.scenario = null;
  }

  private loaded(): Simulation {
    if (!this.sim) throw new Error('no scenario is loaded');
    return this.sim;
  }
}
