/**
 * Which preset a scenario is, and the name to show for it: a scenario equal to a preset (run
 * settings aside: months, agents and seed are the user's, as presets keep them) is that preset;
 * one that still carries a preset's name but differs from it is that preset "edited"; any other
 * is the user's own, shown by its own name. Charts, exports, Compare and the Presets box all
 * name runs with `displayName`, so an edited status quo is never shown as "Status quo" beside
 * the real one.
 */
import { PRESETS, type Preset } from '../scenario/presets.ts';
import type { Scenario } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';

/** Run settings a preset leaves as the user set them: not part of what a scenario "is". */
const RUN_SETTINGS = new Set(['months', 'resolution', 'seed']);

/** What the engine never reads: two scenarios differing only here give the same numbers. */
const LABELS = new Set(['name', 'description']);

/**
 * JSON with object keys sorted, without the top-level keys in `leaveOut` (default: the run
 * settings): equal scenarios give equal text.
 */
function canonical(value: unknown, leaveOut: ReadonlySet<string> | null = RUN_SETTINGS): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, null)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => v !== undefined && !leaveOut?.has(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** True when `a` and `b` give the same run (they may differ in name and description only). */
export function sameRun(a: Scenario, b: Scenario): boolean {
  return canonical(a, LABELS) === canonical(b, LABELS);
}

/**
 * Each preset as validated (its name and canonical text; null when invalid), worked out when
 * first asked for: the scenario on screen at the start is the first preset, and the page's
 * first frame need not validate the others to know it.
 */
const presetTexts = new Map<Preset, { name: string; text: string } | null>();
function presetText(preset: Preset): { name: string; text: string } | null {
  let known = presetTexts.get(preset);
  if (known === undefined) {
    const v = validateScenario(structuredClone(preset.scenario));
    known = v.ok ? { name: v.scenario.name, text: canonical(v.scenario) } : null;
    presetTexts.set(preset, known);
  }
  return known;
}

export interface ScenarioOrigin {
  /** The preset the scenario is, or was edited from; null: the user's own scenario. */
  preset: Preset | null;
  /** True when it carries the preset's name but no longer equals it. */
  edited: boolean;
}

/**
 * Origins already worked out, by scenario object: the app replaces its scenario on every edit
 * and never changes one in place, and the frame loop asks for the run's name every frame.
 */
const origins = new WeakMap<Scenario, ScenarioOrigin>();

export function scenarioOrigin(scenario: Scenario): ScenarioOrigin {
  let origin = origins.get(scenario);
  if (!origin) {
    origin = originOf(scenario);
    origins.set(scenario, origin);
  }
  return origin;
}

function originOf(scenario: Scenario): ScenarioOrigin {
  const text = canonical(scenario);
  const same = PRESETS.find((p) => presetText(p)?.text === text);
  if (same) return { preset: same, edited: false };
  const named = PRESETS.find((p) => presetText(p)?.name === scenario.name);
  return named ? { preset: named, edited: true } : { preset: null, edited: false };
}

/** The scenario's name, with " (edited)" when it is a preset's name on a changed scenario. */
export function displayName(scenario: Scenario): string {
  return scenarioOrigin(scenario).edited ? `${scenario.name} (edited)` : scenario.name;
}
