/**
 * The editor's draft: a scenario document that may be invalid while the user types. Pure
 * helpers to read and write it by path, and to route validateScenario's issues to the field
 * their path names.
 */
import type { ScenarioInput } from '../../scenario/schema.ts';
import { fieldName, issueText, type ScenarioIssue } from '../../scenario/validate.ts';

export type Path = readonly (string | number)[];
/**
 * A scenario as the user is writing it: the fields of a scenario document, any of which may be
 * missing or hold a value the validator will refuse while the user types.
 */
export type Draft = { [K in keyof ScenarioInput]?: unknown } & Record<string, unknown>;

/** 'tariffs[0].rate' for ['tariffs', 0, 'rate']: the same text validateScenario puts before ':'. */
export function pathKey(path: Path): string {
  return fieldName(path);
}

export function getAt(draft: unknown, path: Path): unknown {
  let here = draft;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

/** Writes a value (undefined deletes the key); creates missing objects on the way. */
export function setAt(draft: Draft, path: Path, value: unknown): void {
  if (path.length === 0) throw new Error('setAt needs a path');
  let here = draft as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    let next = here[key];
    if (next === null || typeof next !== 'object') {
      next = typeof path[i + 1] === 'number' ? [] : {};
      here[key] = next;
    }
    here = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(here)) delete here[last];
  else here[last] = value;
}

/**
 * Assigns each issue to the nearest field that has an input (`known`, path keys), walking up
 * its path (['zones', 0, 'members', 3] → zones[0].members); issues with no such field (or no
 * path) are `general`, as one line each.
 */
export function routeIssues(
  issues: readonly ScenarioIssue[],
  known: ReadonlySet<string>,
): { byField: Map<string, string[]>; general: string[] } {
  const byField = new Map<string, string[]>();
  const general: string[] = [];
  for (const issue of issues) {
    const path = issue.path ?? [];
    let depth = path.length;
    while (depth > 0 && !known.has(pathKey(path.slice(0, depth)))) depth--;
    if (depth === 0) {
      general.push(issueText(issue));
      continue;
    }
    const key = pathKey(path.slice(0, depth));
    // Keep the sub-path when the issue is about an element of the field (members[3]).
    const rest = pathKey(path).slice(key.length).replace(/^\./, '');
    const list = byField.get(key) ?? [];
    list.push(rest ? `${rest}: ${issue.message}` : issue.message);
    byField.set(key, list);
  }
  return { byField, general };
}
