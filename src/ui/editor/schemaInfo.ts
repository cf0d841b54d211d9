/**
 * What the scenario schema says about its fields, read from its JSON Schema (z.toJSONSchema,
 * made once): help texts (which carry the units), numeric bounds, whole numbers, nullable,
 * defaults, enum values, and the editor's label and widget (schema metadata, src/levers/lever.ts).
 * The editor reads only this, so the schema stays the one source of truth for fields and limits.
 */
import { z } from 'zod';
import type { FieldMeta, Widget } from '../../levers/lever.ts';
import { scenarioSchema } from '../../scenario/catalog.ts';

/** The parts of a JSON Schema node read here, with the fields' metadata. */
interface JsonNode extends Partial<FieldMeta> {
  type?: string | string[];
  title?: string;
  summary?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, JsonNode>;
  items?: JsonNode;
  additionalProperties?: JsonNode | boolean;
  anyOf?: JsonNode[];
}

let root: JsonNode | null = null;
function schemaJson(): JsonNode {
  root ??= z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as JsonNode;
  return root;
}

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

/** The options of a node that are not null, and whether null is one. */
function options(node: JsonNode): { inner: JsonNode[]; nullable: boolean } {
  if (node.anyOf) {
    const inner = node.anyOf.filter((o) => o.type !== 'null');
    return { inner, nullable: inner.length < node.anyOf.length };
  }
  if (Array.isArray(node.type)) {
    const types = node.type.filter((t) => t !== 'null');
    return {
      inner: [{ ...node, type: types.length === 1 ? types[0] : types }],
      nullable: types.length < node.type.length,
    };
  }
  return { inner: [node], nullable: false };
}

function child(node: JsonNode, key: string | number): JsonNode | undefined {
  for (const o of options(node).inner) {
    if (typeof key === 'number' && o.items) return o.items;
    if (typeof key === 'string' && o.properties && Object.hasOwn(o.properties, key)) return o.properties[key];
    if (typeof key === 'string' && typeof o.additionalProperties === 'object') return o.additionalProperties;
  }
  return undefined;
}

function nodeAt(path: readonly (string | number)[]): JsonNode {
  let node: JsonNode | undefined = schemaJson();
  for (const key of path) {
    node = node ? child(node, key) : undefined;
    if (!node) throw new Error(`the scenario schema has no field ${path.join('.')}`);
  }
  return node;
}

/** Field information at a path such as ['tariffs', 0, 'rate'] (array indices may be any number). */
export function fieldInfo(path: readonly (string | number)[]): FieldInfo {
  const node = nodeAt(path);
  const { inner, nullable } = options(node);
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
  return Object.entries(schemaJson().properties ?? {}).flatMap(([key, node]) =>
    node.title && node.properties ? [{ key, title: node.title, summary: node.summary ?? '' }] : [],
  );
}

/** Whether a field shows for an item (its visibleIf). */
export function isVisible(spec: FieldSpec, item: Record<string, unknown>): boolean {
  return !spec.visibleIf || spec.visibleIf.in.includes(String(item[spec.visibleIf.field]));
}
