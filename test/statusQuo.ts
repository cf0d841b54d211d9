/** The status-quo preset, validated, at a number of agents and months: the scenario most tests and benchmarks run. */
import { presetById } from '../src/scenario/presets.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { validateScenario } from '../src/scenario/validate.ts';

export function statusQuoScenario(resolution: number, months: number): Scenario {
  const checked = validateScenario({
    ...structuredClone(presetById('status-quo')!.scenario),
    resolution,
    months,
  });
  if (!checked.ok) throw new Error(checked.errors.join('; '));
  return checked.scenario;
}
