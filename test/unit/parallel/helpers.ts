/**
 * Shared set-up of the parallel-engine tests: scenarios from the presets at a test resolution,
 * reference hashes from the single-thread engine, and a run through the parallel engine.
 */

import { hashResults } from '../../../src/engine/hash.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import type { ParallelEngine, ParallelLoadOptions } from '../../../src/parallel/parallelEngine.ts';
import { presetById } from '../../../src/scenario/presets.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';

export const world = calibratedWorld();

/** A preset at `resolution` agents for `months` months. */
export function presetScenario(id: string, resolution: number, months: number, seed?: number): Scenario {
  const preset = presetById(id);
  if (!preset) throw new Error(`no preset ${id}`);
  const checked = validateScenario({
    ...structuredClone(preset.scenario),
    resolution,
    months,
    ...(seed === undefined ? {} : { seed }),
  });
  if (!checked.ok) throw new Error(checked.errors.join('; '));
  return checked.scenario;
}

/** Hash of the whole single-thread run. */
export function singleThreadHash(scenario: Scenario): Promise<string> {
  return hashResults(createSimulation(world, scenario).run());
}

/** Loads `scenario` into `engine`, runs every month and returns the hash of the results. */
export async function parallelHash(
  engine: ParallelEngine,
  scenario: Scenario,
  options: ParallelLoadOptions,
): Promise<string> {
  await engine.load(world, scenario, options);
  while (engine.month < engine.months) await engine.step();
  return hashResults(engine.results);
}
