/** Loading scenarios for the command lines: a preset id or a JSON file, with overrides. */
import { presetById } from '../scenario/presets.ts';
import type { Scenario } from '../scenario/schema.ts';
import { parseScenarioJson, validateScenario } from '../scenario/validate.ts';

export interface Overrides {
  months?: number;
  seed?: number;
  resolution?: number;
}

/** The scenario input named by `ref` (preset or file) before overrides; throws with the validator's messages. */
export function loadScenarioInput(ref: string, readFile: (path: string) => string): Record<string, unknown> {
  const preset = presetById(ref);
  if (preset) return structuredClone(preset.scenario) as Record<string, unknown>;
  let text: string;
  try {
    text = readFile(ref);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file and no preset of that name'
        : ((error as Error)?.message ?? String(error));
    throw new Error(`cannot read scenario ${JSON.stringify(ref)}: ${why}`);
  }
  const parsed = parseScenarioJson(text);
  if (!parsed.ok)
    throw new Error(`scenario ${JSON.stringify(ref)} is not valid:\n  ${parsed.errors.join('\n  ')}`);
  return parsed.scenario satisfies Record<string, unknown>;
}

/** Applies command-line overrides to a scenario input (only those given). */
export function applyOverrides(
  input: Record<string, unknown>,
  overrides: Overrides,
): Record<string, unknown> {
  const out = { ...input };
  if (overrides.months !== undefined) out.months = overrides.months;
  if (overrides.seed !== undefined) out.seed = overrides.seed;
  if (overrides.resolution !== undefined) out.resolution = overrides.resolution;
  return out;
}

/** Loads, overrides and validates; throws with the messages. */
export function loadScenario(
  ref: string,
  overrides: Overrides,
  readFile: (path: string) => string,
): Scenario {
  const checked = validateScenario(applyOverrides(loadScenarioInput(ref, readFile), overrides));
  if (!checked.ok)
    throw new Error(`scenario ${JSON.stringify(ref)} is not valid:\n  ${checked.errors.join('\n  ')}`);
  return checked.scenario;
}

/** The status quo with the same months, seed and resolution (the baseline of comparisons). */
export function statusQuoLike(scenario: Pick<Scenario, 'months' | 'seed' | 'resolution'>): Scenario {
  const base = validateScenario({
    version: 1,
    months: scenario.months,
    seed: scenario.seed,
    resolution: scenario.resolution,
  });
  if (!base.ok) throw new Error(base.errors.join('; '));
  return base.scenario;
}
