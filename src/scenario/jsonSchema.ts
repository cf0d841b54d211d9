/**
 * The scenario schema as JSON Schema: the one way the code reads the schema's fields — ranges,
 * defaults, help texts and the levers' metadata (editor labels, widgets, rules in words) — for
 * error messages, links (defaults left out) and the editor. Made from the zod schema by
 * z.toJSONSchema (buildScenarioJsonSchema), at build time: the page needs it for its first frame
 * (the editor's open sections), and making it took the page's thread 60–100 ms of a cold load in
 * Chromium here. `npm run docs` writes it (src/data/generated/scenarioJsonSchema.ts) and a unit
 * test keeps it equal to what z.toJSONSchema makes now.
 */
import * as z from 'zod';
import { SCENARIO_JSON_SCHEMA } from '../data/generated/scenarioJsonSchema.ts';
import type { FieldMeta } from '../levers/lever.ts';
import { scenarioSchema } from './catalog.ts';

/** The parts of a JSON Schema node this code reads, with the fields' metadata. */
export interface JsonNode extends Partial<FieldMeta> {
  $schema?: string;
  type?: string | string[];
  title?: string;
  summary?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  properties?: Record<string, JsonNode>;
  required?: string[];
  items?: JsonNode;
  additionalProperties?: JsonNode | boolean;
  propertyNames?: JsonNode;
  anyOf?: JsonNode[];
}

/** The scenario's JSON Schema as a document is written (defaults optional), from the zod schema. */
export function buildScenarioJsonSchema(): JsonNode {
  return z.toJSONSchema(scenarioSchema(), { io: 'input', unrepresentable: 'any' }) as JsonNode;
}

/** The scenario's JSON Schema as built when the code was (buildScenarioJsonSchema). */
export function scenarioJsonSchema(): JsonNode {
  return SCENARIO_JSON_SCHEMA;
}

/** The options of a node other than null, and whether null is allowed. */
export function nonNull(node: JsonNode): { options: JsonNode[]; nullable: boolean } {
  if (node.anyOf) {
    const options = node.anyOf.filter((o) => o.type !== 'null');
    return { options, nullable: options.length < node.anyOf.length };
  }
  if (Array.isArray(node.type)) {
    const types = node.type.filter((t) => t !== 'null');
    const type = types.length === 1 ? types[0] : types;
    return { options: [{ ...node, type }], nullable: types.length < node.type.length };
  }
  return { options: [node], nullable: false };
}

/** The node of the field `key` below `node` (an index for a list), or undefined. */
export function childNode(node: JsonNode, key: PropertyKey): JsonNode | undefined {
  // In a union, the option that can hold this key: a list for an index, an object for a name.
  const options = nonNull(node).options.filter((o) => (typeof key === 'number') === (o.type === 'array'));
  for (const o of options) {
    if (typeof key === 'number') return o.items;
    if (o.properties) return Object.hasOwn(o.properties, key) ? o.properties[String(key)] : undefined;
    if (typeof o.additionalProperties === 'object') return o.additionalProperties;
    return undefined;
  }
  return undefined;
}

/** The node at a path below the scenario, or undefined when the path leaves the schema. */
export function nodeAt(
  path: readonly PropertyKey[],
  from: JsonNode = scenarioJsonSchema(),
): JsonNode | undefined {
  let node: JsonNode | undefined = from;
  for (const key of path) {
    if (!node) return undefined;
    node = childNode(node, key);
  }
  return node;
}
