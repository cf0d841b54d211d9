/**
 * Reading the scenario schema itself, so that two things follow from it with no second copy:
 * - what a field allows, in words ("a whole number from 0 to 1,200"), for error messages;
 * - which values are the schema's defaults, so a link can leave them out (the link stores
 *   only what differs from the status quo, and validation fills the rest back in).
 *
 * Only zod's documented schema classes are inspected (ZodObject.shape, ZodArray.element,
 * ZodDefault's default value, ...), plus each schema's list of checks for its ranges. Whatever
 * is not recognised is described generically and never left out of a link, so a new kind of
 * field costs precision, not correctness (the codec also verifies every link it writes).
 */
import { z } from 'zod';

type Schema = z.core.$ZodType;

/** The parts of a zod check definition used here (zod/v4/core $ZodCheckDef and kin). */
interface CheckDef {
  check: string;
  value?: unknown;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
  error?: (issue: unknown) => unknown;
}

function checksOf(schema: Schema): CheckDef[] {
  const checks = (schema._zod.def as { checks?: { _zod: { def: CheckDef } }[] }).checks ?? [];
  return checks.map((c) => c._zod.def);
}

/** Strips wrappers that do not change what a value may be (default, prefault, optional). */
function unwrapDefaults(schema: Schema): Schema {
  let here = schema;
  for (;;) {
    if (here instanceof z.ZodDefault || here instanceof z.ZodPrefault || here instanceof z.ZodOptional) {
      here = here.unwrap() as Schema;
    } else return here;
  }
}

/** The schema of the field at `path` below `root`, or undefined when the path leaves the schema. */
export function schemaAt(root: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let here: Schema | undefined = root;
  for (const key of path) {
    if (!here) return undefined;
    here = unwrapDefaults(here);
    if (here instanceof z.ZodNullable) here = unwrapDefaults(here.unwrap() as Schema);
    if (here instanceof z.ZodUnion) {
      // The option that can hold this key: a list for an index, an object for a name.
      const options = here.options as readonly Schema[];
      here = options.find((o) => {
        const inner = unwrapDefaults(o);
        return typeof key === 'number' ? inner instanceof z.ZodArray : !(inner instanceof z.ZodArray);
      });
      if (!here) return undefined;
      here = unwrapDefaults(here);
    }
    if (here instanceof z.ZodObject && typeof key === 'string') {
      here = Object.hasOwn(here.shape, key) ? (here.shape[key] as Schema) : undefined;
    } else if (here instanceof z.ZodArray && typeof key === 'number') {
      here = here.element as Schema;
    } else if (here instanceof z.ZodRecord) {
      here = here.valueType as Schema;
    } else return undefined;
  }
  return here;
}

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

function lengthText(checks: CheckDef[]): { min?: number; max?: number } {
  const min = checks.find((c) => c.check === 'min_length')?.minimum;
  const max = checks.find((c) => c.check === 'max_length')?.maximum;
  return { min, max };
}

function countText({ min, max }: { min?: number; max?: number }, unit: string): string {
  const units = (n: number) => `${formatNumber(n)} ${unit}${n === 1 ? '' : 's'}`;
  if (min !== undefined && min > 0 && max !== undefined)
    return `${formatNumber(min)} to ${formatNumber(max)} ${unit}s`;
  if (max !== undefined) return `at most ${units(max)}`;
  if (min !== undefined && min > 0) return `at least ${units(min)}`;
  return `any number of ${unit}s`;
}

function checkMessages(checks: CheckDef[]): string[] {
  const out: string[] = [];
  for (const c of checks) {
    if (c.check !== 'custom' && c.check !== 'string_format') continue;
    let message: unknown;
    try {
      message = c.error?.({ code: 'custom', input: undefined });
    } catch {
      message = undefined;
    }
    const text = typeof message === 'string' ? message : (message as { message?: unknown })?.message;
    if (typeof text === 'string' && text) out.push(text);
  }
  return out;
}

/**
 * What a schema allows, as a phrase that completes "must be ...": "a whole number from 0 to
 * 1,200", "null or a number from 0 to 10", "one of "ban", "quota", "licence"".
 */
export function describeAllowed(schema: Schema | undefined): string {
  if (!schema) return 'a value the scenario format defines';
  const s = unwrapDefaults(schema);
  if (s instanceof z.ZodNullable) return `null or ${describeAllowed(s.unwrap() as Schema)}`;
  if (s instanceof z.ZodNumber) {
    const checks = checksOf(s);
    const whole = ['safeint', 'int32', 'uint32'].includes(String((s._zod.def as { format?: string }).format));
    const lower = checks.find((c) => c.check === 'greater_than');
    const upper = checks.find((c) => c.check === 'less_than');
    const bound = (c: CheckDef | undefined) =>
      c && typeof c.value === 'number' ? { value: c.value, inclusive: c.inclusive === true } : undefined;
    return `${whole ? 'a whole number' : 'a number'}${rangeText(bound(lower), bound(upper))}`;
  }
  if (s instanceof z.ZodString) {
    const checks = checksOf(s);
    const length = lengthText(checks);
    const base =
      length.min === undefined && length.max === undefined
        ? 'text'
        : `text of ${countText(length, 'character')}`;
    const rules = checkMessages(checks);
    return rules.length ? `${base} (${rules.join('; ')})` : base;
  }
  if (s instanceof z.ZodBoolean) return 'true or false';
  if (s instanceof z.ZodEnum) return `one of ${s.options.map((o) => JSON.stringify(o)).join(', ')}`;
  if (s instanceof z.ZodLiteral) {
    const values = [...s.values].map((v) => JSON.stringify(v));
    return values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
  }
  if (s instanceof z.ZodArray) return `a list of ${countText(lengthText(checksOf(s)), 'item')}`;
  if (s instanceof z.ZodObject) return `an object with the fields ${Object.keys(s.shape).join(', ')}`;
  if (s instanceof z.ZodRecord) {
    const keys = allowedKeys(s);
    const values = describeAllowed(s.valueType as Schema);
    return keys
      ? `an object whose keys are among ${keys.join(', ')} and whose values are ${values}`
      : `an object whose values are ${values}`;
  }
  if (s instanceof z.ZodUnion) return (s.options as readonly Schema[]).map(describeAllowed).join(' or ');
  return 'a value the scenario format defines';
}

/** The keys an object or an enum-keyed record accepts, or undefined when any key may do. */
export function allowedKeys(schema: Schema | undefined): string[] | undefined {
  if (!schema) return undefined;
  const s = unwrapDefaults(schema);
  if (s instanceof z.ZodNullable) return allowedKeys(s.unwrap() as Schema);
  if (s instanceof z.ZodObject) return Object.keys(s.shape);
  if (s instanceof z.ZodRecord && s.keyType instanceof z.ZodEnum) return s.keyType.options.map(String);
  return undefined;
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
export function withoutDefaults(schema: Schema, value: unknown): unknown {
  const out = strip(schema, value);
  return out === OMIT ? undefined : out;
}

function strip(schema: Schema, value: unknown): unknown {
  if (schema instanceof z.ZodDefault) {
    const fallback = (schema._zod.def as { defaultValue: unknown }).defaultValue;
    if (jsonEqual(value, fallback)) return OMIT;
    return strip(schema.unwrap() as Schema, value);
  }
  if (schema instanceof z.ZodPrefault) {
    // A prefault is an input that is parsed: compare with what it parses to.
    const inner = schema.unwrap() as Schema;
    const parsed = z.safeParse(inner, (schema._zod.def as { defaultValue: unknown }).defaultValue);
    if (parsed.success && jsonEqual(value, parsed.data)) return OMIT;
    return strip(inner, value);
  }
  if (schema instanceof z.ZodOptional) {
    if (value === undefined) return OMIT;
    return strip(schema.unwrap() as Schema, value);
  }
  if (schema instanceof z.ZodNullable) {
    if (value === null) return null;
    return strip(schema.unwrap() as Schema, value);
  }
  if (schema instanceof z.ZodObject && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    const source = value as Record<string, unknown>;
    for (const key of Object.keys(schema.shape)) {
      if (!Object.hasOwn(source, key)) continue;
      const kept = strip(schema.shape[key] as Schema, source[key]);
      if (kept !== OMIT) out[key] = kept;
    }
    return out;
  }
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    return value.map((item) => {
      const kept = strip(schema.element as Schema, item);
      return kept === OMIT ? item : kept;
    });
  }
  return value;
}
