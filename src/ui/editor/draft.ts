/**
 * The editor's draft: a scenario document that may be invalid while the user types. Pure
 * helpers to read and write it by path, and to route validateScenario's messages to the field
 * they name (the message prefix is the field's path, as fieldName writes it).
 */
import { fieldName } from '../../scenario/validate.ts';

export type Path = readonly (string | number)[];
export type Draft = Record<string, unknown>;

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

/** The field named by a validation message, and the message without that prefix. */
export function splitMessage(message: string): { field: string | null; text: string } {
  const at = message.indexOf(': ');
  if (at <= 0) return { field: null, text: message };
  const field = message.slice(0, at);
  // A field name is a path: identifiers, '.', and [index]; anything else is prose.
  if (!/^[A-Za-z]\w*(?:\.\w+|\[\d+\])*$/.test(field)) return { field: null, text: message };
  return { field, text: message.slice(at + 2) };
}

/** Drops the last segment of a path key: 'zones[0].members[3]' → 'zones[0].members'. */
export function parentKey(key: string): string | null {
  const m = /^(.*?)(?:\.\w+|\[\d+\])$/.exec(key);
  return m && m[1] !== '' ? m[1] : null;
}

/**
 * Assigns each message to the nearest field that has an input (`known`), walking up the path
 * ('zones[0].members[3]' → 'zones[0].members'); messages with no such field are `general`.
 */
export function routeMessages(
  messages: readonly string[],
  known: ReadonlySet<string>,
): { byField: Map<string, string[]>; general: string[] } {
  const byField = new Map<string, string[]>();
  const general: string[] = [];
  for (const message of messages) {
    const { field, text } = splitMessage(message);
    let key = field;
    while (key !== null && !known.has(key)) key = parentKey(key);
    if (key === null) {
      general.push(message);
      continue;
    }
    // Keep the sub-path when the message is about an element of the field (members[3]).
    const shown = field && field !== key ? `${field.slice(key.length).replace(/^\./, '')}: ${text}` : text;
    const list = byField.get(key) ?? [];
    list.push(shown);
    byField.set(key, list);
  }
  return { byField, general };
}
