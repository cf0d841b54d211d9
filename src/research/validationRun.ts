/**
 * Runs the validation episodes (src/research/validation.ts) on a world and judges each
 * expectation: pass when the model's figure lies in the expectation's range, miss otherwise
 * (or when the model gives no number), "not modelled" when the model has nothing to measure.
 */

import type { RunResults } from '../engine/results.ts';
import { createSimulation } from '../engine/simulation.ts';
import type { World } from '../engine/world.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import type { Expectation, Runs, ValidationEpisode } from './validation.ts';

export type Verdict = 'pass' | 'miss' | 'not modelled';

export interface ExpectationResult {
  expectation: Expectation;
  /** The model's figure; null when not modelled, NaN when the run gave no number. */
  model: number | null;
  verdict: Verdict;
}

export interface EpisodeResult {
  episode: ValidationEpisode;
  /** The runs, or null when the episode has nothing the model can run. */
  runs: Runs | null;
  results: ExpectationResult[];
}

export interface ValidationSettings {
  /** Agents per run. */
  resolution: number;
  seed: number;
}

export function judge(expectation: Expectation, value: number | null): Verdict {
  if (value === null) return 'not modelled';
  const [lo, hi] = expectation.range;
  return value >= lo && value <= hi ? 'pass' : 'miss';
}

function simulate(
  world: World,
  input: Partial<ScenarioInput>,
  months: number,
  settings: ValidationSettings,
): RunResults {
  const checked = validateScenario({
    version: 1,
    ...input,
    months,
    resolution: settings.resolution,
    seed: settings.seed,
  });
  if (!checked.ok) throw new Error(`validation scenario is invalid: ${checked.errors.join('; ')}`);
  return createSimulation(world, checked.scenario).run();
}

/** Runs every episode (status quo runs shared between episodes of the same length). */
export function runValidation(
  world: World,
  episodes: readonly ValidationEpisode[],
  settings: ValidationSettings,
): EpisodeResult[] {
  const statusQuo = new Map<number, RunResults>();
  const baselineOf = (months: number) => {
    let run = statusQuo.get(months);
    if (!run) {
      run = simulate(world, {}, months, settings);
      statusQuo.set(months, run);
    }
    return run;
  };
  return episodes.map((episode) => {
    const runnable = episode.expectations.some((e) => e.model !== null);
    if (!runnable) {
      return {
        episode,
        runs: null,
        results: episode.expectations.map((expectation) => ({
          expectation,
          model: null,
          verdict: 'not modelled',
        })),
      };
    }
    const baseline = baselineOf(episode.months);
    const input = typeof episode.scenario === 'function' ? episode.scenario(baseline) : episode.scenario;
    const isStatusQuo = Object.keys(input).length === 0;
    const scenario = isStatusQuo ? baseline : simulate(world, input, episode.months, settings);
    const runs: Runs = { scenario, baseline, event: episode.event.month };
    return {
      episode,
      runs,
      results: episode.expectations.map((expectation) => {
        const model = expectation.model ? expectation.model(runs) : null;
        return { expectation, model, verdict: judge(expectation, model) };
      }),
    };
  });
}
