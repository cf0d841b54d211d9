/**
 * The schema parts lever items are built from: field types with their units, reference fields
 * (nodes, zones, scopes), the mineral and stage fields of a catalog, and a lever's window.
 * Every field carries its help, label and widget as metadata (FieldMeta, lever.ts).
 */
import * as z from 'zod';
import type { FieldMeta } from './lever.ts';

/** Attaches a field's metadata (help, label, widget) to its schema. */
export function field<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  return schema.meta({ ...meta });
}

// Shared field types (units in the field descriptions).
// (`@__PURE__`: a bundle that uses only the levers' compile steps, the engine's workers, leaves
// the schemas and zod out.)
export const month = /* @__PURE__ */ (() => z.int().min(0).max(1200))();
export const share = /* @__PURE__ */ (() => z.number().min(0).max(1))();
export const tariffRate = /* @__PURE__ */ (() => z.number().min(0).max(10))();
export const usdPerTonne = /* @__PURE__ */ (() => z.number().gt(0).max(1e9))();
export const tonnes = /* @__PURE__ */ (() => z.number().min(0).max(1e10))();
export const text = (max: number) => z.string().max(max);
const ZONE_ID_RULE = 'a zone id is lower-case letters, digits and "-", starting with a letter';
/** Zone ids are lower-case so they never clash with the upper-case node codes. */
export const zoneId = /* @__PURE__ */ (() =>
  z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, ZONE_ID_RULE)
    .meta({ rule: ZONE_ID_RULE }))();
/** A node code ('CHN'), a zone id ('club'), or 'world', depending on the field. */
export const scopeRef = /* @__PURE__ */ (() => z.string().min(1).max(32))();
const NODE_RULE = 'a node code is three capital letters, e.g. "CHN"';
export const nodeRef = /* @__PURE__ */ (() =>
  z
    .string()
    .regex(/^[A-Z]{3}$/, NODE_RULE)
    .meta({ rule: NODE_RULE }))();

/** A node field labelled 'Node'; `description` says what the node is to the item. */
export function nodeField(description?: string) {
  return field(nodeRef, {
    label: 'Node',
    widget: 'node',
    ...(description === undefined ? {} : { description }),
  });
}

/** A zone field labelled 'Zone'; `description` says what the zone is to the item. */
export function zoneField(description: string) {
  return field(zoneId, { label: 'Zone', widget: 'zone', description });
}

/**
 * The "Where" field of a lever that applies to the world, a zone or a node. Pass
 * `scopeRef.default('world')` for an item where leaving it out means the world.
 */
export function scopeField<T extends z.ZodType>(schema: T): T {
  return field(schema, {
    label: 'Where',
    widget: 'scopeOrWorld',
    description: '"world", a zone id or a node code.',
  });
}

/** A mineral field where leaving it out means every mineral. */
export const mineralOrAllField = (a: Atoms) => a.mineralOrAll.default('all').describe('Mineral, or "all".');
/** A stage field where leaving it out means every stage. */
export const stageOrAllField = (a: Atoms) => a.stageOrAll.default('all').describe('Stage, or "all".');

/**
 * start/end/announced: the months a lever is in force (compile.ts isActive). defineLever adds
 * them, last, to the items of a windowed lever.
 */
export const windowFields = /* @__PURE__ */ (() => ({
  start: field(month.default(0), {
    label: 'Start month',
    widget: 'month',
    description: 'First month the lever is active (0 = January 2026).',
  }),
  end: field(month.nullable().default(null), {
    label: 'End month',
    widget: 'monthOrNull',
    description: 'Month the lever stops (exclusive); null = until the end of the run.',
  }),
  announced: field(month.nullable().default(null), {
    label: 'Announced in month',
    widget: 'monthOrNull',
    description:
      'Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.',
  }),
}))();

/** What the schema must know of the world: node codes and which stages each mineral has. */
export interface Catalog {
  nodes: readonly { code: string; euMember: boolean }[];
  minerals: readonly { id: string; stages: readonly { id: string }[] }[];
}

/** The mineral and stage fields, which depend on the catalog. */
export interface Atoms {
  mineral: z.ZodType<string, string>;
  stage: z.ZodType<string, string>;
  mineralOrAll: z.ZodType<string, string>;
  stageOrAll: z.ZodType<string, string>;
}

function enumOrAll(values: readonly string[], what: string) {
  const message = `${what} must be "all" or one of: ${values.join(', ')}`;
  return z
    .string()
    .refine((v) => v === 'all' || values.includes(v), { message })
    .meta({ rule: message });
}

export function buildAtoms(catalog: Catalog): Atoms {
  const mineralIds = catalog.minerals.map((m) => m.id);
  const stageIds = [...new Set(catalog.minerals.flatMap((m) => m.stages.map((s) => s.id)))];
  const mineralRule = `mineral must be one of: ${mineralIds.join(', ')}`;
  const stageRule = `stage must be one of: ${stageIds.join(', ')}`;
  return {
    mineral: field(
      z.string().refine((v) => mineralIds.includes(v), { message: mineralRule }),
      {
        label: 'Mineral',
        widget: 'mineral',
        description: `Mineral id: ${mineralIds.join(', ')}.`,
        rule: mineralRule,
      },
    ),
    stage: field(
      z.string().refine((v) => stageIds.includes(v), { message: stageRule }),
      {
        label: 'Stage',
        widget: 'stage',
        description: `Stage id: ${stageIds.join(', ')} (magnet: rare earths only).`,
        rule: stageRule,
      },
    ),
    mineralOrAll: field(enumOrAll(mineralIds, 'mineral'), { label: 'Mineral', widget: 'mineralOrAll' }),
    stageOrAll: field(enumOrAll(stageIds, 'stage'), { label: 'Stage', widget: 'stageOrAll' }),
  };
}
