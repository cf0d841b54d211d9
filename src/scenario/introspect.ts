/**
 * Reading the scenario schema itself, through its JSON Schema (jsonSchema.ts), so that two
 * things follow from it with no second copy:
 * - what a field allows, in words ("a whole number from 0 to 1,200"), for error messages;
 * - which values are the schema's defaults, so a link can leave them out (the link stores
 *   only what differs from the status quo, and validation fills the rest back in).
 *
 * Whatever is not recognised is described generically and never left out of a link, so a new
 * kind of field costs precision, not correctness (the codec also verifies every link it writes).
 */
import { type JsonNode, nonNull } from './jsonSchema.ts';

/** A number as a person reads it: 1,000,000,000, 0.005, 1e-7. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toLocaleString('en');
  return String(n);
}

function rangeText(
  min: { value: number; inclusive: boolean } | undefined,
  max: { value: number; inclusive: boolean } | undefined,
): string {
  if (min && max && min.inclusive && max.inclusive)
    return ` from ${formatNumber(min.value)} to ${formatNumber(max.value)}`;
  const parts: string[] = [];
  if (min) parts.push(`${min.inclusive ? 'at least' : 'above'} ${formatNumber(min.value)}`);
  if (max) parts.push(`${max.inclusive ? 'at most' : 'below'} ${formatNumber(max.value)}`);
  return parts.length ? ` ${parts.join(' and ')}` : '';
}

function countText({ min, max }: { min?: number; max?: number }, unit: string): string {
  const units = (n: number) => `${formatNumber(n)} ${unit}${n === 1 ? '' : 's'}`;
  if (min !== undefined && min > 0 && max !== undefined)
    return `${formatNumber(min)} to ${formatNumber(max)} ${unit}s`;
  if (max !== undefined) return `at most ${units(max)}`;
  if (min !== undefined && min > 0) return `at least ${units(min)}`;
  return `any number of ${unit}s`;
}

/** Bounds JSON Schema gives every whole number (JavaScript's safe integers): not limits a user set. */
const SAFE = Number.MAX_SAFE_INTEGER;

function numberText(s: JsonNode): string {
  const whole = s.type === 'integer';
  const low = s.minimum ?? s.exclusiveMinimum;
  const high = s.maximum ?? s.exclusiveMaximum;
  const min =
    low !== undefined && !(whole && low <= -SAFE)
      ? { value: low, inclusive: s.minimum !== undefined }
      : undefined;
  const max =
    high !== undefined && !(whole && high >= SAFE)
      ? { value: high, inclusive: s.maximum !== undefined }
      : undefined;
  return `${whole ? 'a whole number' : 'a number'}${rangeText(min, max)}`;
}

/**
 * What a schema allows, as a phrase that completes "must be ...": "a whole number from 0 to
 * 1,200", "null or a number from 0 to 10", "one of "ban", "quota", "licence"".
 */
export function describeAllowed(schema: JsonNode | undefined): string {
  if (!schema) return 'a value the scenario format defines';
  const { options, nullable } = nonNull(schema);
  if (nullable) return `null or ${options.map(describeAllowed).join(' or ')}`;
  if (schema.anyOf) return options.map(describeAllowed).join(' or ');
  const s = schema;
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return `one of ${s.enum.map((o) => JSON.stringify(o)).join(', ')}`;
  switch (s.type) {
    case 'number':
    case 'integer':
      return numberText(s);
    case 'string': {
      const length = { min: s.minLength, max: s.maxLength };
      const base =
        length.min === undefined && length.max === undefined
          ? 'text'
          : `text of ${countText(length, 'character')}`;
      // A check's or a pattern's rule in words comes from the schema's metadata (src/levers/lever.ts).
      return s.rule ? `${base} (${s.rule})` : base;
    }
    case 'boolean':
      return 'true or false';
    case 'array':
      return `a list of ${countText({ min: s.minItems, max: s.maxItems }, 'item')}`;
    case 'object': {
      if (s.properties) return `an object with the fields ${Object.keys(s.properties).join(', ')}`;
      const keys = allowedKeys(s);
      const values = describeAllowed(
        typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined,
      );
      return keys
        ? `an object whose keys are among ${keys.join(', ')} and whose values are ${values}`
        : `an object whose values are ${values}`;
    }
    default:
      return 'a value the scenario format defines';
  }
}

/** The keys an object or an enum-keyed record accepts, or undefined when any key may do. */
export function allowedKeys(schema: JsonNode | undefined): string[] | undefined {
  if (!schema) return undefined;
  const s = nonNull(schema).options[0];
  if (s?.type !== 'object') return undefined;
  if (s.properties) return Object.keys(s.properties);
  return s.propertyNames?.enum?.map(String);
}

/** Structural equality of JSON-like values (what a validated scenario is made of). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

const OMIT = Symbol('omit');

/**
 * `value` (valid for `schema`, defaults filled in) with every field left out whose value the
 * schema would fill in anyway. Parsing the result with the same schema gives `value` back.
 */
export function withoutDefaults(schema: JsonNode, value: unknown): unknown {
  const out = strip(schema, value);
  return out === OMIT ? undefined : out;
}

function strip(schema: JsonNode, value: unknown): unknown {
  const hasDefault = Object.hasOwn(schema, 'default');
  if (hasDefault && jsonEqual(value, schema.default)) return OMIT;
  const kept = stripInner(schema, value);
  // A default that is itself parsed (an object of defaults, `{}`): the value is that default
  // once its own default fields are left out.
  if (hasDefault && kept !== OMIT && jsonEqual(kept, schema.default)) return OMIT;
  return kept;
}

function stripInner(schema: JsonNode, value: unknown): unknown {
  if (value === null) return null;
  const s = nonNull(schema).options.length === 1 ? nonNull(schema).options[0] : undefined;
  if (s?.type === 'object' && s.properties && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    const source = value as Record<string, unknown>;
    for (const [key, field] of Object.entries(s.properties)) {
      // An optional field left out stays out.
      if (!Object.hasOwn(source, key) || source[key] === undefined) continue;
      const kept = strip(field, source[key]);
      if (kept !== OMIT) out[key] = kept;
    }
    return out;
  }
  if (s?.type === 'array' && s.items && Array.isArray(value)) {
    const items = s.items;
    return value.map((item) => {
      const kept = strip(items, item);
      return kept === OMIT ? item : kept;
    });
  }
  return value;
}
