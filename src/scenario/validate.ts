/**
 * The one validator for scenarios from every door: links, files, the command line and the
 * editor. It never throws: it returns the scenario with defaults filled in (upgraded from an
 * older schema version if need be), or messages that name the field, the value and what is
 * allowed, e.g. `tariffs[0].rate: must be a number from 0 to 10 (got -1)`.
 *
 * Order of checks: reserved keys (`__proto__`, `constructor`, `prototype`: never part of a
 * scenario, and the first thing a prototype-pollution attempt uses), then the schema version
 * (migrate.ts), then the schema (schema.ts). Values are only read, never merged into other
 * objects, so a hostile document cannot change Object.prototype.
 */
import type * as z from 'zod';
import {
  STATUS_QUO_LINK_DOCUMENT,
  STATUS_QUO_SCENARIO,
  STATUS_QUO_TWIN_DOCUMENT,
} from '../data/generated/statusQuoScenario.ts';
import { scenarioSchema } from './catalog.ts';
import { allowedKeys, describeAllowed } from './introspect.ts';
import { nodeAt } from './jsonSchema.ts';
import {
  formatCount,
  jsonShapeLimits,
  MAX_MESSAGES,
  MAX_SCENARIO_DEPTH,
  MAX_SCENARIO_VALUES,
} from './limits.ts';
import { type MigrationOptions, migrateScenario, type ScenarioDocument } from './migrate.ts';
import { presetById } from './presets.ts';
import { sameValue } from './sameValue.ts';
import { MAX_SCENARIO_CHARS, type Scenario } from './schema.ts';

/** One problem of a scenario: where (a path of the document, null for the whole text) and what. */
export interface ScenarioIssue {
  /** ['tariffs', 0, 'rate']; [] for the scenario object itself; null for the text or the document. */
  path: readonly (string | number)[] | null;
  /** What is wrong and what is allowed, e.g. 'must be a number from 0 to 10 (got -1)'. */
  message: string;
}

/** An issue as one line: 'tariffs[0].rate: must be a number from 0 to 10 (got -1)'. */
export function issueText(issue: ScenarioIssue): string {
  return issue.path === null ? issue.message : `${fieldName(issue.path)}: ${issue.message}`;
}

type Valid = {
  ok: true;
  scenario: Scenario;
  /** Set when the document was upgraded from an older schema version: what changed. */
  notes?: string[];
};

/** What validateScenario and parseScenarioJson return: the issues with their paths, and as lines. */
export type ScenarioValidation = Valid | { ok: false; errors: string[]; issues: ScenarioIssue[] };

/** A validation from any door (links and files may refuse before the validator, with lines only). */
export type Validation = Valid | { ok: false; errors: string[]; issues?: ScenarioIssue[] };

/** A refusal of the whole text or document (no field to point at). */
function refused(messages: readonly string[]): ScenarioValidation {
  return failed(messages.map((message) => ({ path: null, message })));
}

function failed(issues: ScenarioIssue[]): ScenarioValidation {
  return { ok: false, errors: issues.map(issueText), issues };
}

/** Object keys that are never a scenario field: they reach into JavaScript's object machinery. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The value as the messages show it: `"text"`, `12`, `NaN`, `a list of 3`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string': {
      const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
      return value.length > 60 ? `${shown}, ${formatCount(value.length)} characters` : shown;
    }
    case 'boolean':
      return String(value);
    case 'bigint':
      return `the big integer ${value}`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      return Array.isArray(value) ? `a list of ${formatCount(value.length)}` : 'an object';
  }
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

function allowedFieldsText(path: readonly PropertyKey[]): string {
  const keys = allowedKeys(nodeAt(path));
  return keys ? ` (allowed: ${keys.join(', ')})` : '';
}

/**
 * Finds keys named `__proto__`, `constructor` or `prototype` at any depth a scenario has (and
 * a little deeper). JSON.parse makes them ordinary own properties; left alone, a record field
 * would silently drop `__proto__`, so they are reported here with their place.
 */
function reservedKeyErrors(input: unknown): ScenarioIssue[] {
  const errors: ScenarioIssue[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown, path: (string | number)[]) => {
    if (value === null || typeof value !== 'object' || seen.has(value) || path.length > 12) return;
    if (errors.length >= MAX_MESSAGES) return;
    seen.add(value);
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) {
        errors.push({
          path,
          message: `field "${key}" is not allowed: it is a reserved JavaScript name, never part of a scenario${allowedFieldsText(path)}`,
        });
        continue;
      }
      visit((value as Record<string, unknown>)[key], [...path, Array.isArray(value) ? Number(key) : key]);
    }
  };
  visit(input, []);
  return errors;
}

/** A zod path as the scenario's: names and indices (a scenario has no symbol keys). */
const plainPath = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'number' ? p : String(p)));

function describeIssue(
  issue: z.core.$ZodIssue,
  input: unknown,
  prefix: readonly (string | number)[] = [],
): ScenarioIssue[] {
  const path = [...prefix, ...plainPath(issue.path)];
  const value = valueAt(input, path);
  const got = `(got ${describeValue(value)})`;
  const at = (message: string): ScenarioIssue[] => [{ path, message }];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path,
        message: `unknown field "${key}"${allowedFieldsText(path)} (got "${key}")`,
      }));
    case 'invalid_union': {
      // When the value has the shape of one option (a list, say) and only its contents are
      // wrong, the problems inside that option are the useful ones.
      const inner = issue.errors.find(
        (option) => option.length > 0 && option.every((i) => i.path.length > 0),
      );
      if (inner && value !== null && typeof value === 'object') {
        return inner.flatMap((i) => describeIssue(i, input, path));
      }
      return at(`must be ${describeAllowed(nodeAt(path))} ${got}`);
    }
    case 'invalid_type':
      if (value === undefined) {
        return at(`missing; must be ${describeAllowed(nodeAt(path))} ${got}`);
      }
      return at(`must be ${describeAllowed(nodeAt(path))} ${got}`);
    case 'too_small':
    case 'too_big':
    case 'not_multiple_of':
    case 'invalid_value':
      return at(`must be ${describeAllowed(nodeAt(path))} ${got}`);
    default:
      return at(`${issue.message} ${got}`);
  }
}

/**
 * Each message once, in order, at most MAX_MESSAGES. zod reports a huge whole number such as
 * 1e30 twice (out of range, and not a safe integer), which both read the same to the user.
 */
function capped(all: readonly ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  const issues = all.filter((issue) => {
    const text = issueText(issue);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  if (issues.length <= MAX_MESSAGES) return issues;
  const more = issues.length - (MAX_MESSAGES - 1);
  return [
    ...issues.slice(0, MAX_MESSAGES - 1),
    { path: null, message: `...and ${formatCount(more)} more problems` },
  ];
}

function validate(input: unknown, options: MigrationOptions): ScenarioValidation {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return refused([
      `the scenario must be a JSON object with the scenario's fields (got ${describeValue(input)})`,
    ]);
  }
  const reserved = reservedKeyErrors(input);
  if (reserved.length > 0) return failed(capped(reserved));
  const migrated = migrateScenario(input as ScenarioDocument, options);
  if (!migrated.ok) return refused(migrated.errors);
  const doc = migrated.doc;
  const result = scenarioSchema().safeParse(doc);
  if (!result.success) {
    return failed(capped(result.error.issues.flatMap((issue) => describeIssue(issue, doc))));
  }
  return migrated.notes.length > 0
    ? { ok: true, scenario: result.data, notes: migrated.notes }
    : { ok: true, scenario: result.data };
}

/** How a scenario is validated: the migrations (tests replace the registry), and `prebuilt`. */
export interface ValidationOptions extends MigrationOptions {
  /**
   * False: the schema always runs, never the answers made at build time (prebuiltAnswer): the
   * script that makes them and the test that keeps them current. Default true.
   */
  prebuilt?: boolean;
}

/**
 * What validation gave at build time, for the documents a page opening on the status quo
 * validates before its first month is on screen (its draft, its preset's name, its link, its
 * run's status-quo twin): the status-quo preset as written, as validated, as its link holds it
 * and as a run asks for its twin (src/data/generated/statusQuoScenario.ts; a unit test keeps the
 * answers equal to the schema's). Those need no zod schema, whose making took about 40 ms of a
 * cold page's first second (and, made at the first Run, held the step's message back as long).
 * Undefined for any other document (compared value for value, key order and -0 included), or
 * with other migrations.
 */
/** The documents prebuiltAnswer knows, listed at its first call. */
let prebuiltDocuments: readonly unknown[] | null = null;

function prebuiltAnswer(input: unknown, options: ValidationOptions): Scenario | undefined {
  if (options.prebuilt === false || options.migrations || options.current !== undefined) return undefined;
  prebuiltDocuments ??= [
    STATUS_QUO_SCENARIO,
    presetById('status-quo')?.scenario,
    STATUS_QUO_LINK_DOCUMENT,
    STATUS_QUO_TWIN_DOCUMENT,
  ];
  if (!prebuiltDocuments.some((document) => sameValue(input, document))) return undefined;
  // A copy of its own, as the schema's parse gives.
  return structuredClone(STATUS_QUO_SCENARIO);
}

/**
 * Validates a parsed scenario object (any JSON value, or an object built by the editor).
 * `options.migrations` replaces the migration registry (tests).
 */
export function validateScenario(input: unknown, options: ValidationOptions = {}): ScenarioValidation {
  try {
    const known = prebuiltAnswer(input, options);
    if (known) return { ok: true, scenario: known };
    return validate(input, options);
  } catch (error) {
    // A getter that throws, a revoked proxy, a cyclic structure deeper than the schema: the
    // input is not a scenario, and the caller still gets a message instead of an exception.
    return refused([`the scenario could not be read: ${safeMessage(error)}`]);
  }
}

function safeMessage(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}

/** Parses and validates scenario JSON text (a file, a command-line argument, a decoded link). */
export function parseScenarioJson(text: string, options: MigrationOptions = {}): ScenarioValidation {
  if (typeof text !== 'string') {
    return refused([`the scenario must be JSON text (got ${describeValue(text)})`]);
  }
  if (text.length > MAX_SCENARIO_CHARS) {
    return refused([
      `the scenario is ${formatCount(text.length)} characters; the limit is ${formatCount(MAX_SCENARIO_CHARS)}`,
    ]);
  }
  // Before JSON.parse: nesting and the number of values, which would otherwise cost the
  // validator most of a second (or far more) for a few megabytes of `0,0,0,…`.
  const shape = jsonShapeLimits(MAX_SCENARIO_DEPTH, MAX_SCENARIO_VALUES).feed(new TextEncoder().encode(text));
  if (shape === 'too-deep') {
    return refused([
      `the scenario nests lists and objects more than ${MAX_SCENARIO_DEPTH} deep; a scenario nests at most 4 deep, so this is not one`,
    ]);
  }
  if (shape === 'too-many') {
    return refused([
      `the scenario holds more than ${formatCount(MAX_SCENARIO_VALUES)} values (lists, objects and their members); a scenario holds far fewer, so this is not one`,
    ]);
  }
  let parsed: unknown;
  try {
    // Editors on Windows may start a UTF-8 file with a byte-order mark, which JSON forbids.
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const hint = /\b(NaN|Infinity)\b/.test(text) ? ' (JSON has no NaN or Infinity: write a number)' : '';
    return refused([`the scenario is not valid JSON: ${safeMessage(error)}${hint}`]);
  }
  return validateScenario(parsed, options);
}
