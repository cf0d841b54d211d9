/**
 * What the scenario schema says about its fields, read from its JSON Schema
 * (src/scenario/jsonSchema.ts): help texts (which carry the units), numeric bounds, whole numbers, nullable,
 * defaults, enum values, and the editor's label and widget (schema metadata, src/levers/lever.ts).
 * The editor reads only this, so the schema stays the one source of truth for fields and limits.
 */
import type { Widget } from '../../levers/lever.ts';
import {
  type JsonNode,
  nodeAt as nodeBelow,
  nonNull,
  scenarioJsonSchema,
} from '../../scenario/jsonSchema.ts';

export interface FieldInfo {
  /** JSON type at the core: 'number' (whole numbers too), 'string', 'boolean', 'array', 'object'. */
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

function nodeAt(path: readonly (string | number)[]): JsonNode {
  const node = nodeBelow(path);
  if (!node) throw new Error(`the scenario schema has no field ${path.join('.')}`);
  return node;
}

/** Field information at a path such as ['tariffs', 0, 'rate'] (array indices may be any number). */
export function fieldInfo(path: readonly (string | number)[]): FieldInfo {
  const node = nodeAt(path);
  const { options: inner, nullable } = nonNull(node);
  const core = inner[0] ?? node;
  const type = Array.isArray(core.type) ? core.type[0] : (core.type ?? (core.anyOf ? 'union' : 'value'));
  const min = core.minimum ?? core.exclusiveMinimum;
  return {
    type: type === 'integer' ? 'number' : type,
    description: node.description ?? core.description,
    min,
    max: core.maximum ?? core.exclusiveMaximum,
    minExclusive: core.minimum === undefined && core.exclusiveMinimum !== undefined,
    int: type === 'integer',
    nullable,
    hasDefault: 'default' in node,
    enumValues: core.enum?.map(String),
  };
}

/** A field of an object as the editor draws it: key, label, widget and when it shows. */
export interface FieldSpec {
  key: string;
  label: string;
  kind: Widget;
  /** Show the 2024 reference price of the item's mineral and stage beside the input. */
  priceHint: boolean;
  /** Show only when another field of the item has one of these values. */
  visibleIf: { field: string; in: readonly string[] } | undefined;
}

/** The fields of the object at a path (a lever's item: [key]; a parameter group; the scenario). */
export function fieldsAt(path: readonly (string | number)[]): FieldSpec[] {
  let node = nodeAt(path);
  if (node.items) node = node.items;
  return Object.entries(node.properties ?? {})
    .filter(([, f]) => f.widget !== undefined)
    .map(([key, f]) => ({
      key,
      label: f.label ?? key,
      kind: f.widget ?? 'text',
      priceHint: f.priceHint === true,
      visibleIf: f.visibleIf,
    }));
}

/** Keys of the object at a path (a lever item, elasticities, market, the scenario itself). */
export function objectKeys(path: readonly (string | number)[]): string[] {
  let node = nodeAt(path);
  if (node.items) node = node.items;
  return Object.keys(node.properties ?? {});
}

/** The scenario's objects that carry a title (the model parameters): key, title, summary. */
export function parameterGroups(): { key: string; title: string; summary: string }[] {
  return Object.entries(scenarioJsonSchema().properties ?? {}).flatMap(([key, node]) =>
    node.title && node.properties ? [{ key, title: node.title, summary: node.summary ?? '' }] : [],
  );
}

/** Whether a field shows for an item (its visibleIf). */
export function isVisible(spec: FieldSpec, item: Record<string, unknown>): boolean {
  return !spec.visibleIf || spec.visibleIf.in.includes(String(item[spec.visibleIf.field]));
}
