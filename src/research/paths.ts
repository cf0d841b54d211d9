/**
 * Scenario parameter paths for sweeps and ensembles: `priceFloors[0].floor`,
 * `elasticities.demand`, `zones[0].members`. Values may name a node set with `@` (`@club`).
 * Setting a path copies the scenario (the input is never changed) and refuses prototype keys.
 */
import { NODE_GROUPS } from '../data/groups';

/** Named node sets a sweep value can refer to with `@name`. */
export const NODE_SETS: Record<string, readonly string[]> = Object.fromEntries(
  NODE_GROUPS.map((g) => [g.id, g.members]),
);

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** Splits `a.b[2].c` into ['a', 'b', 2, 'c']; throws with a message on a malformed path. */
export function parsePath(path: string): (string | number)[] {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\[\d{1,4}\])*$/.test(path)) {
    throw new Error(`"${path}" is not a parameter path (e.g. priceFloors[0].floor or elasticities.demand)`);
  }
  const parts: (string | number)[] = [];
  for (const match of path.matchAll(/([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)) {
    if (match[1] !== undefined) {
      if (FORBIDDEN.has(match[1])) throw new Error(`"${match[1]}" cannot be part of a parameter path`);
      parts.push(match[1]);
    } else parts.push(Number(match[2]));
  }
  return parts;
}

/** A sweep value from text: a number, @set, JSON, or a plain string. */
export function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('@')) {
    const set = NODE_SETS[trimmed.slice(1)];
    if (!set)
      throw new Error(
        `unknown node set "${trimmed}" (known: ${Object.keys(NODE_SETS)
          .map((k) => `@${k}`)
          .join(', ')})`,
      );
    return [...set];
  }
  if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(trimmed)) return Number(trimmed);
  if (trimmed === 'true' || trimmed === 'false' || trimmed === 'null') return JSON.parse(trimmed);
  if (trimmed.startsWith('[') || trimmed.startsWith('{') || trimmed.startsWith('"'))
    return JSON.parse(trimmed);
  return trimmed;
}

/** A copy of `input` with `value` at `path`. Missing objects along the path are created; list items must exist. */
export function withValue<T extends object>(input: T, path: string, value: unknown): T {
  const parts = parsePath(path);
  const copy = structuredClone(input) as Record<string | number, unknown>;
  let here: Record<string | number, unknown> = copy;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    let next = Object.hasOwn(here, key) ? here[key] : undefined;
    if (next === undefined) {
      if (typeof parts[i + 1] === 'number')
        throw new Error(`${path}: there is no list at "${String(key)}" to index`);
      next = {};
      here[key] = next;
    }
    if (next === null || typeof next !== 'object')
      throw new Error(`${path}: "${String(key)}" is not an object or list`);
    if (Array.isArray(next) && typeof parts[i + 1] === 'number' && (parts[i + 1] as number) >= next.length) {
      throw new Error(`${path}: the list "${String(key)}" has ${next.length} items`);
    }
    here = next as Record<string | number, unknown>;
  }
  here[parts[parts.length - 1]] = structuredClone(value);
  return copy as T;
}

/** A short label for a value in tables: node sets by name, numbers as they are. */
export function valueLabel(value: unknown): string {
  if (Array.isArray(value)) {
    for (const [name, set] of Object.entries(NODE_SETS)) {
      if (set.length === value.length && set.every((c, i) => c === value[i])) return `@${name}`;
    }
    return JSON.stringify(value);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Splits `v1,v2,[a,b],"x,y"` at top-level commas (the command line's and the app's value lists). */
export function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '[' || ch === '{')) depth++;
    if (!quoted && (ch === ']' || ch === '}')) depth--;
    if (ch === ',' && depth === 0 && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.filter((v) => v.trim().length > 0);
}

/** A parameter a sweep or an ensemble can vary, as the app's forms offer it. */
export interface PathSuggestion {
  path: string;
  /** The scenario's value at the path now. */
  value: unknown;
  kind: 'number' | 'members';
}

/** Fields that are no model parameter (identity, timing, text): never offered. */
const NOT_PARAMETERS = new Set([
  'version',
  'seed',
  'months',
  'resolution',
  'start',
  'end',
  'startMonth',
  'lagMonths',
  'licenceDelayMonths',
]);

/**
 * The paths of a scenario worth varying: elasticities and market parameters, then every
 * numeric field of every lever item (`priceFloors[0].floor`, `shocks[1].capacityLoss`), then
 * zone memberships (`zones[0].members`, values as node sets). In that order, so the common
 * choices come first in a list.
 */
export function suggestedPaths(scenario: {
  readonly elasticities?: unknown;
  readonly market?: unknown;
}): PathSuggestion[] {
  const out: PathSuggestion[] = [];
  const members: PathSuggestion[] = [];
  const visit = (value: unknown, path: string, key: string) => {
    if (NOT_PARAMETERS.has(key)) return;
    if (typeof value === 'number') out.push({ path, value, kind: 'number' });
    else if (Array.isArray(value)) {
      if (key === 'members') members.push({ path, value, kind: 'members' });
      else if (value.every((v) => v !== null && typeof v === 'object'))
        value.forEach((item, i) => {
          visit(item, `${path}[${i}]`, key);
        });
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k, k);
    }
  };
  // Elasticities and market parameters first: the usual suspects of an ensemble.
  const { elasticities, market, ...levers } = scenario;
  visit(elasticities, 'elasticities', 'elasticities');
  visit(market, 'market', 'market');
  visit(levers, '', '');
  return [...out, ...members];
}

/** The value at a path, or undefined when the path leads nowhere. */
export function valueAt(input: unknown, path: string): unknown {
  let here: unknown = input;
  for (const part of parsePath(path)) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here, part)) return undefined;
    here = (here as Record<string | number, unknown>)[part];
  }
  return here;
}
