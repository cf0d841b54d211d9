/** Helpers for engine tests on the calibrated world. */

import type { RunResults, SeriesName } from '../../../src/engine/results.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import type { ScenarioInput } from '../../../src/scenario/schema.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';

export const world = calibratedWorld();

/** Runs a scenario (defaults: 5,000 agents, the given months) on the calibrated world. */
export function run(input: Partial<ScenarioInput> & { months: number }): RunResults {
  const checked = validateScenario({ version: 1, ...input });
  if (!checked.ok) throw new Error(checked.errors.join('; '));
  return createSimulation(world, checked.scenario).run();
}

/** A series value summed over a set of nodes (all nodes when omitted). */
export function sum(
  r: RunResults,
  name: SeriesName,
  month: number,
  good: number,
  nodes?: readonly string[],
): number {
  const N = r.meta.nodes.length;
  const G = r.meta.goods.length;
  let total = 0;
  for (let n = 0; n < N; n++) {
    if (nodes && !nodes.includes(r.meta.nodes[n])) continue;
    total += r.series[name][(month * G + good) * N + n];
  }
  return total;
}

export function value(r: RunResults, name: SeriesName, month: number, good: number, node: string): number {
  return sum(r, name, month, good, [node]);
}

/** Tonnes shipped in a month of one good from `origins` to `destinations`. */
export function shipped(
  r: RunResults,
  month: number,
  good: number,
  origins: (code: string) => boolean,
  destinations: (code: string) => boolean,
): number {
  const N = r.meta.nodes.length;
  const keys = r.flowKeys[month];
  let total = 0;
  for (let f = 0; f < keys.length; f++) {
    const k = keys[f];
    if (Math.floor(k / (N * N)) !== good) continue;
    const pair = k % (N * N);
    const i = Math.floor(pair / N);
    const j = pair % N;
    if (origins(r.meta.nodes[i]) && destinations(r.meta.nodes[j])) total += r.flowTonnes[month][f];
  }
  return total;
}
