/**
 * The single-thread engine: one coordinator and all blocks and goods in this thread. The parallel engine
 * (src/parallel/) runs the same phases (src/engine/phases.ts) with the blocks split across
 * workers and gets the same numbers, because blocks, their random streams and the order of
 * every sum are fixed.
 */
import type { Scenario } from '../scenario/schema.ts';
import { type AgentColumns, createColumns } from './columns.ts';
import { Coordinator } from './coordinator.ts';
import { PARTIAL_FIELDS } from './exchange.ts';
import { planPopulation } from './layout.ts';
import {
  type AgentPhase,
  clearEveryGood,
  initialisationPhases,
  localAgentContext,
  monthPhases,
  PHASE_MARKETS,
  runAgentPhase,
} from './phases.ts';
import { compilePolicy } from './policy.ts';
import type { FlowStore, ResultsStorage, RunResults } from './results.ts';
import type { World } from './world.ts';

export interface Simulation {
  readonly results: RunResults;
  /** Agent state, for tests and diagnostics (read only). */
  readonly columns: AgentColumns;
  readonly agentCount: number;
  /** Months simulated so far. */
  readonly month: number;
  /** Simulates one month. */
  step(): void;
  /** Simulates until `months` months are done (default: the scenario's length). */
  run(months?: number): RunResults;
}

/**
 * `sharedResults`: record the results on SharedArrayBuffers, so a page that shares memory with
 * this thread reads them where they are written (nothing copied a month); a ResultsStorage
 * (zeroed, of this run's shape): record there. `flows`: record the months' flows there
 * (results.ts: FlowStore), else in new arrays each month.
 */
export function createSimulation(
  world: World,
  scenario: Scenario,
  sharedResults: boolean | ResultsStorage = false,
  flows: FlowStore | null = null,
): Simulation {
  const policy = compilePolicy(world, scenario);
  const plan = planPopulation(world, scenario, policy);
  const coordinator = new Coordinator(
    world,
    scenario,
    plan,
    undefined,
    sharedResults,
    undefined,
    flows,
    policy,
  );
  const ctx = localAgentContext(world, plan, scenario, coordinator);
  const cols = createColumns(0, plan.agentCount, plan.blockCount);
  const partials = new Float64Array(plan.blockCount * PARTIAL_FIELDS);
  const { views } = coordinator.views;
  const allBlocks = (phase: AgentPhase) =>
    phase.code === PHASE_MARKETS
      ? clearEveryGood(coordinator, phase)
      : runAgentPhase(ctx, cols, views, partials, phase, 0, plan.blockCount);

  for (const phase of initialisationPhases(coordinator, partials)) allBlocks(phase);

  let month = 0;
  const step = () => {
    if (month >= scenario.months) throw new Error(`the run is complete (${scenario.months} months)`);
    for (const phase of monthPhases(coordinator, month, scenario.months, partials)) allBlocks(phase);
    month++;
  };
  return {
    results: coordinator.results,
    columns: cols,
    agentCount: plan.agentCount,
    get month() {
      return month;
    },
    step,
    run(months = scenario.months) {
      while (month < Math.min(months, scenario.months)) step();
      return coordinator.results;
    },
  };
}
