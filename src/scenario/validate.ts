/**
 * The one validator for scenarios from every door: links, files, the command line and the
 * editor. It never throws: it returns the scenario with defaults filled in, or messages that
 * name the field, the value and what is allowed.
 */
import type { z } from 'zod';
import { scenarioSchema } from './catalog.ts';
import { MAX_SCENARIO_CHARS, SCENARIO_VERSION, type Scenario } from './schema.ts';

export type Validation = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let here: unknown = input;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    if (!Object.hasOwn(here as object, key)) return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

export function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the scenario';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const field = fieldName(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return `${field}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  const value = valueAt(input, issue.path);
  return `${field}: ${issue.message} (got ${describeValue(value)})`;
}

/** Validates a parsed scenario object (any JSON value). */
export function validateScenario(input: unknown): Validation {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [`the scenario must be a JSON object (got ${describeValue(input)})`] };
  }
  const version = (input as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > SCENARIO_VERSION) {
    return {
      ok: false,
      errors: [
        `version: this scenario was made by a newer version of the simulator (schema v${version}); this version reads schema v${SCENARIO_VERSION} and older`,
      ],
    };
  }
  const result = scenarioSchema.safeParse(input);
  if (result.success) return { ok: true, scenario: result.data };
  return { ok: false, errors: result.error.issues.slice(0, 20).map((issue) => describeIssue(issue, input)) };
}

/** Parses and validates scenario JSON text (a file, a command-line argument, a decoded link). */
export function parseScenarioJson(text: string): Validation {
  if (text.length > MAX_SCENARIO_CHARS) {
    return {
      ok: false,
      errors: [
        `the scenario is ${text.length.toLocaleString('en')} characters; the limit is ${MAX_SCENARIO_CHARS.toLocaleString('en')}`,
      ],
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`the scenario is not valid JSON: ${(error as Error).message}`] };
  }
  return validateScenario(parsed);
}
