/**
 * What the scenario schema says about one field: its help text (the `.describe()` text, which
 * carries the unit), numeric bounds, whether it is a whole number, nullable or has a default.
 * The editor reads these so that the schema stays the one source of truth for limits and units.
 */
import type { z } from 'zod';
import { scenarioSchema } from '../../scenario/catalog.ts';

export interface FieldInfo {
  /** Schema type at the core: 'number', 'string', 'boolean', 'array', 'object', 'enum', 'union', … */
  type: string;
  description: string | undefined;
  min: number | undefined;
  max: number | undefined;
  /** Lower bound is exclusive (z.number().gt()). */
  minExclusive: boolean;
  int: boolean;
  nullable: boolean;
  hasDefault: boolean;
  enumValues: string[] | undefined;
}

type AnySchema = z.core.$ZodType & { description?: string };

interface Def {
  type: string;
  innerType?: AnySchema;
  element?: AnySchema;
  shape?: Record<string, AnySchema>;
  valueType?: AnySchema;
  entries?: Record<string, string>;
  checks?: { _zod: { def: { check: string; value?: number; inclusive?: boolean; format?: string } } }[];
  format?: string;
}

const defOf = (s: AnySchema) => (s as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch']);

/** Unwraps defaults and nullables, noting what it passed and the first description met. */
function unwrap(schema: AnySchema) {
  let s = schema;
  let description = s.description;
  let nullable = false;
  let hasDefault = false;
  for (;;) {
    const def = defOf(s);
    if (!WRAPPERS.has(def.type) || !def.innerType) break;
    if (def.type === 'nullable') nullable = true;
    if (def.type === 'default' || def.type === 'prefault') hasDefault = true;
    s = def.innerType;
    description ??= s.description;
  }
  return { core: s, description, nullable, hasDefault };
}

function child(schema: AnySchema, key: string | number): AnySchema | undefined {
  const def = defOf(unwrap(schema).core);
  if (def.type === 'array' && typeof key === 'number') return def.element;
  if (def.type === 'object' && typeof key === 'string') return def.shape?.[key];
  if (def.type === 'record') return def.valueType;
  return undefined;
}

/** Field information at a path such as ['tariffs', 0, 'rate'] (array indices may be any number). */
export function fieldInfo(path: readonly (string | number)[]): FieldInfo {
  let schema: AnySchema | undefined = scenarioSchema as unknown as AnySchema;
  for (const key of path) {
    schema = schema ? child(schema, key) : undefined;
    if (!schema) throw new Error(`the scenario schema has no field ${path.join('.')}`);
  }
  const { core, description, nullable, hasDefault } = unwrap(schema as AnySchema);
  const def = defOf(core);
  let min: number | undefined;
  let max: number | undefined;
  let minExclusive = false;
  let int = def.format === 'safeint' || def.format === 'int32';
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'greater_than' && c.value !== undefined) {
      min = c.value;
      minExclusive = c.inclusive === false;
    } else if (c.check === 'less_than' && c.value !== undefined) max = c.value;
    else if (c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32')) int = true;
  }
  return {
    type: def.type,
    description,
    min,
    max,
    minExclusive,
    int,
    nullable,
    hasDefault,
    enumValues: def.entries ? Object.values(def.entries) : undefined,
  };
}

/** Keys of the object at a path (a lever item, elasticities, market, the scenario itself). */
export function objectKeys(path: readonly (string | number)[]): string[] {
  let schema: AnySchema | undefined = scenarioSchema as unknown as AnySchema;
  for (const key of path) schema = schema ? child(schema, key) : undefined;
  if (!schema) throw new Error(`the scenario schema has no field ${path.join('.')}`);
  const def = defOf(unwrap(schema).core);
  if (def.type === 'array') {
    const element = def.element ? defOf(unwrap(def.element).core) : undefined;
    return Object.keys(element?.shape ?? {});
  }
  return Object.keys(def.shape ?? {});
}
