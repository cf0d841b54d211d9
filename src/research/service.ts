/**
 * What a research worker does (workers/research.worker.ts exposes it; tests call it in
 * process): run one scenario to its outcomes (an ensemble member, a sweep point), and solve the
 * partial-equilibrium benchmark of a scenario from the app's two runs. The single-thread engine
 * (createSimulation) gives the same numbers, bit for bit, as the app's parallel engine, so a
 * member with seed s is exactly the run the app would show for seed s.
 */

import { type Outcomes, outcomes } from '../analysis/outcomes.ts';
import { zoneOf } from '../data/groups';
import type { RunResults, SeriesName } from '../engine/results.ts';
import { SERIES } from '../engine/results.ts';
import { createSimulation } from '../engine/simulation.ts';
import type { World } from '../engine/world.ts';
import type { Scenario, ScenarioInput } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import { type PeComparison, peForScenario } from './peScenario.ts';

export interface PeRequest {
  statusQuo: Scenario;
  scenario: Scenario;
  /** Index of the good in the world's goods. */
  good: number;
  /** The status quo's and the scenario's results; `slimForPe` copies only what the benchmark reads. */
  baseline: RunResults;
  run: RunResults;
}

export interface ResearchService {
  /**
   * Validates `input`, runs it and returns its outcomes (zone: the scenario's first zone, or the
   * Ministerial participants). Throws with the validator's messages when the input is invalid.
   */
  outcomesOf(input: ScenarioInput): Outcomes;
  /** The GSIM benchmark of `scenario` against `statusQuo` for one good, beside the agents' changes. */
  peComparison(request: PeRequest): PeComparison;
}

export function createResearchService(world: () => World): ResearchService {
  return {
    outcomesOf(input) {
      const checked = validateScenario(input);
      if (!checked.ok) throw new Error(checked.errors.join('; '));
      const results = createSimulation(world(), checked.scenario).run();
      return outcomes(results, zoneOf(results.meta.zones));
    },
    peComparison(request) {
      return peForScenario(
        world(),
        request.statusQuo,
        request.scenario,
        request.good,
        request.baseline,
        request.run,
      );
    },
  };
}

/** The series peForScenario reads: origin prices, exports and output (for the world price). */
const PE_SERIES: readonly SeriesName[] = ['price', 'exports', 'production'];
/** The months of flows it reads: the status quo's first year is the benchmark's base. */
const PE_FLOW_MONTHS = 12;

/**
 * A copy of `results` with only what the benchmark reads, so the page sends a worker about a
 * seventh of a run instead of all of it. Other series are left empty (a reader would get NaN,
 * never a wrong number).
 */
export function slimForPe(results: RunResults): RunResults {
  const stride = results.meta.goods.length * results.meta.nodes.length;
  const used = results.monthsDone * stride;
  const series = {} as Record<SeriesName, Float64Array>;
  for (const name of SERIES) {
    series[name] = PE_SERIES.includes(name) ? results.series[name].slice(0, used) : new Float64Array(0);
  }
  const flowMonths = Math.min(PE_FLOW_MONTHS, results.monthsDone);
  return {
    meta: results.meta,
    monthsDone: results.monthsDone,
    series,
    stockpileTonnes: new Float64Array(0),
    conservationError: new Float64Array(0),
    flowKeys: results.flowKeys.slice(0, flowMonths),
    flowTonnes: results.flowTonnes.slice(0, flowMonths),
  };
}
