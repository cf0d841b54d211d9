/**
 * What every lever module is made of (src/levers/<lever>.ts), and the schema parts they share.
 *
 * A lever is one list of the scenario (price floors, export controls, …). Its module holds:
 * - `item`: the zod schema of one item, built from the catalog of nodes and minerals; every
 *   field carries its help text (with its unit), its editor label and widget as schema metadata
 *   (`.meta()`), which reach the editor and docs/scenario.md through the JSON Schema;
 * - `check`: cross-field and reference checks (node codes, zone ids, the stages a mineral has);
 * - `create`: a valid new item for a mineral (its prices from that mineral's reference price);
 * - `label`: the heading of one item in the editor;
 * - `…Policy`: its part of the engine — key, whether items have a window, and `compile`, its
 *   part of the monthly policy tables (src/engine/policy.ts); no compile step for levers the
 *   engine reads once at the start (startingStocks, capacityOverrides, projects).
 *
 * Layering: the engine defines the tables and the PolicyContext a compile step writes through;
 * the levers implement compile steps against them (type-only imports from the engine). The
 * engine runs them through src/levers/policies.ts, which imports only the `…Policy` parts: they
 * use no zod, src/data or UI, and the full levers (schemas, built lazily or marked
 * `@__PURE__`) drop out of the engine's bundles. The schema, the editor and the docs use the
 * registry (index.ts).
 */
import { z } from 'zod';
import type { MonthPolicy, PolicyContext } from '../engine/policy.ts';

/** What the schema must know of the world: node codes and which stages each mineral has. */
export interface Catalog {
  nodes: readonly { code: string; euMember: boolean }[];
  minerals: readonly { id: string; stages: readonly { id: string }[] }[];
}

export type Path = (string | number)[];

/** The editor's widget for a field (src/ui/editor/fields.ts draws one per kind). */
export type Widget =
  | 'text'
  | 'textarea'
  | 'number'
  | 'month'
  | 'monthOrNull'
  | 'bool'
  | 'enum'
  | 'node'
  | 'importer'
  | 'exporterOrAll'
  | 'scope'
  | 'scopeOrWorld'
  | 'zone'
  | 'mineral'
  | 'mineralOrAll'
  | 'stage'
  | 'stageOrAll'
  | 'nodeList'
  | 'scopeList'
  | 'destinations'
  | 'members'
  | 'byMineral';

/**
 * A field's metadata (zod `.meta()`), JSON only so that it survives z.toJSONSchema: the editor
 * and the docs read it there.
 */
export interface FieldMeta {
  /** The editor's label. */
  label: string;
  widget: Widget;
  /** Help text with the unit, e.g. 'Reference price F, USD/t. …'. */
  description?: string;
  /** The editor shows the 2024 reference price of the item's mineral and stage beside it. */
  priceHint?: boolean;
  /** The editor shows the field only when another field of the item has one of these values. */
  visibleIf?: { field: string; in: readonly string[] };
  /** What a text field allows, in words, when a pattern or a check says it (for messages). */
  rule?: string;
}

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

/** start/end/announced: the months a lever is in force (src/engine/policy.ts isActive). */
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
      'Month the lever is announced, at or before its start; null = it takes effect unannounced. Buyers an announced export control, tariff or supply shock will hit build precautionary stocks in between.',
  }),
}))();

export type LeverWindow = { start: number; end: number | null; announced: number | null };

/** In force in `month`: start <= month < end (end null = to the end of the run). */
export function isActive(w: LeverWindow, month: number): boolean {
  return month >= w.start && (w.end === null || month < w.end);
}

/** Announced and not yet in force: buyers it will hit stock up (MonthPolicy.precautionaryCover). */
export function isAnnounced(w: LeverWindow, month: number): boolean {
  return w.announced !== null && month >= w.announced && month < w.start;
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

/** The reference checks a lever's `check` uses; each reports at a path of the scenario. */
export interface RefChecks {
  issue(path: Path, message: string): void;
  /** A known node code. */
  node(path: Path, code: string): void;
  /** A node code or a zone id of the scenario ('world' only where allowWorld). */
  scope(path: Path, ref: string, allowWorld: boolean): void;
  /** A zone id of the scenario. */
  zone(path: Path, id: string): void;
  /** A stage the mineral has ('all' passes). */
  good(path: Path, mineral: string, stage: string): void;
  /** EU members' node codes (the customs union). */
  euCodes: readonly string[];
}

/** What `create` may use: the zone to point at, the draft, the mineral's reference prices. */
export interface CreateContext {
  /** The mineral the new item is about (the one the views show). */
  mineral: string;
  /** The zone the views measure, or null. */
  zoneId: string | null;
  /** The scenario being edited (possibly invalid). */
  draft: Record<string, unknown>;
  /** 2024 reference price of a mineral at a stage, USD/t, or undefined (src/data/calibration.ts). */
  referencePrice(mineral: string, stage: string): number | undefined;
  /** The node with the largest 2024 output of a mineral at a stage, other than those in `except`. */
  topProducer(mineral: string, stage: string, except?: readonly string[]): string;
  /** The stages of a mineral, mine first. */
  stages(mineral: string): readonly string[];
}

/** The stage a new item of a mineral starts at: refining when the mineral has it, else its first. */
export function startStage(ctx: CreateContext, mineral = ctx.mineral): string {
  const stages = ctx.stages(mineral);
  return stages.includes('refine') ? 'refine' : (stages[0] ?? 'refine');
}

/**
 * A mineral's reference price times a multiple, rounded to 3 significant digits, USD/t; 1,000
 * USD/t stands in for a stage with no price.
 */
export function referenceTimes(ctx: CreateContext, mineral: string, stage: string, multiple: number): number {
  const value = (ctx.referencePrice(mineral, stage) ?? 1000) * multiple;
  const digits = 10 ** (Math.floor(Math.log10(value)) - 2);
  return Math.round(value / digits) * digits;
}

/**
 * A lever's part of the engine: its key in the scenario, whether its items have a window
 * (start/end/announced: checked, and the months at which tables change), and its compile
 * step. It uses no zod, so the engine's bundles hold only this part of each lever.
 */
export interface LeverPolicy<Key extends string, Item> {
  key: Key;
  windowed: boolean;
  /** Writes the lever's part of the policy of `month` into `policy`. */
  compile?(items: readonly Item[], month: number, ctx: PolicyContext, policy: MonthPolicy): void;
}

/** A lever's part of the engine with its item type erased, as compilePolicy holds it. */
export interface LeverCompiler<Key extends string = string> {
  key: Key;
  /** Runs `compile` on the scenario's items (parsed by the lever's schema). */
  compileItems(items: readonly unknown[], month: number, ctx: PolicyContext, policy: MonthPolicy): void;
  /** The items' windows, for the months at which tables change. */
  windows(items: readonly unknown[]): readonly LeverWindow[];
}

export function leverCompiler<Key extends string, Item>(p: LeverPolicy<Key, Item>): LeverCompiler<Key> {
  return {
    key: p.key,
    // The scenario's schema parsed these items with the lever's item schema.
    compileItems: (items, month, ctx, policy) => p.compile?.(items as readonly Item[], month, ctx, policy),
    windows: (items) => (p.windowed ? (items as readonly LeverWindow[]) : []),
  };
}

export interface LeverDef<Key extends string, S extends z.ZodObject> extends LeverPolicy<Key, z.output<S>> {
  title: string;
  /** Name of one item, for 'Add …'. */
  one: string;
  /** One line on what the lever does (the editor's section). */
  summary: string;
  /** The list's description (docs/scenario.md, the editor's help). */
  description: string;
  maxItems: number;
  /** The list's default (the status quo); none = empty. */
  defaultItems?: () => z.input<S>[];
  item(atoms: Atoms): S;
  /** Checks item `at` ([key, index]); `items` are the list's items (cross-item checks). */
  check?(item: z.output<S>, at: Path, refs: RefChecks, items: readonly z.output<S>[], index: number): void;
  /** A valid new item. */
  create(ctx: CreateContext): z.input<S>;
  /** Heading of one item, e.g. 'CHN: rare earths, refine — ban'. */
  label(item: Record<string, unknown>): string;
}

/** A lever with its item type erased, as the registry holds it. */
export interface Lever<Key extends string = string, S extends z.ZodObject = z.ZodObject>
  extends LeverDef<Key, S>,
    Omit<LeverCompiler<Key>, 'key'> {
  /** The scenario's list of items: schema, limit, default, description. */
  list(atoms: Atoms): z.ZodDefault<z.ZodArray<S>>;
  /** Runs `check` and the window checks on each of the scenario's items (parsed), in order. */
  checkItems(items: readonly unknown[], refs: RefChecks): void;
}

function checkWindow(refs: RefChecks, path: Path, w: LeverWindow): void {
  if (w.end !== null && w.end <= w.start)
    refs.issue([...path, 'end'], `end (${w.end}) must be after start (${w.start})`);
  if (w.announced !== null && w.announced > w.start)
    refs.issue([...path, 'announced'], `announced (${w.announced}) must be at or before start (${w.start})`);
}

/**
 * A lever from its part of the engine (`policy`, no zod) and the rest of its definition.
 * Callers mark the call `@__PURE__`, so bundles that use only the policy drop the rest.
 */
export function defineLever<Key extends string, S extends z.ZodObject>(
  policy: LeverPolicy<Key, z.output<S>>,
  rest: Omit<LeverDef<Key, S>, keyof LeverPolicy<Key, z.output<S>>>,
): Lever<Key, S> {
  const def: LeverDef<Key, S> = { ...policy, ...rest };
  // The scenario's schema parsed these items with `item`: their type is the item's output.
  const typed = (items: readonly unknown[]) => items as readonly z.output<S>[];
  const { compileItems, windows } = leverCompiler(def);
  return {
    ...def,
    compileItems,
    windows,
    list(atoms) {
      const list = z.array(def.item(atoms)).max(def.maxItems);
      const withDefault = def.defaultItems
        ? list.default(def.defaultItems as () => z.output<z.ZodArray<S>>)
        : list.default([] as z.output<z.ZodArray<S>>);
      return withDefault.describe(def.description);
    },
    checkItems(items, refs) {
      const all = typed(items);
      all.forEach((item, i) => {
        def.check?.(item, [def.key, i], refs, all, i);
        if (def.windowed) checkWindow(refs, [def.key, i], item as LeverWindow);
      });
    },
  };
}

// Compile steps: the loops most levers' compile steps are made of.

/** An item about the goods of a mineral and a stage ('all' for every one). */
export type GoodsItem = { mineral: string; stage: string };

/**
 * Calls `write` for each good (index g) that each item in force in `month` covers, with the
 * item's index in its list.
 */
export function forEachActiveGood<I extends LeverWindow & GoodsItem>(
  items: readonly I[],
  month: number,
  ctx: PolicyContext,
  write: (item: I, g: number, index: number) => void,
): void {
  items.forEach((item, index) => {
    if (!isActive(item, month)) return;
    for (const g of ctx.goodsMatching(item.mineral, item.stage)) write(item, g, index);
  });
}

/** Calls `write` with the cell row·N + n of each node n in `mask` (tables of rows of N nodes). */
export function forEachNodeCell(
  mask: Uint8Array,
  row: number,
  N: number,
  write: (cell: number) => void,
): void {
  for (let n = 0; n < N; n++) if (mask[n]) write(row * N + n);
}

/**
 * Calls `write` for each cell g·N + n of a per-good, per-node table that an item in force in
 * `month` sets: each good it covers, each node of its scope (`scopeOf(item)`, a scope ref).
 */
export function forEachTarget<I extends LeverWindow & GoodsItem>(
  items: readonly I[],
  month: number,
  ctx: PolicyContext,
  scopeOf: (item: I) => string,
  write: (item: I, cell: number, g: number) => void,
): void {
  for (const item of items) {
    if (!isActive(item, month)) continue;
    const mask = ctx.scopeMask(scopeOf(item));
    for (const g of ctx.goodsMatching(item.mineral, item.stage))
      forEachNodeCell(mask, g, ctx.N, (cell) => write(item, cell, g));
  }
}

/**
 * Buyers an announced item will hit (the nodes of `buyers(item)`) hold the market's
 * precautionaryCoverMonths more cover of the goods it covers until it starts.
 */
export function precautionBeforeStart<I extends LeverWindow & GoodsItem>(
  items: readonly I[],
  month: number,
  ctx: PolicyContext,
  policy: MonthPolicy,
  buyers: (item: I) => Uint8Array,
): void {
  const extra = ctx.scenario.market.precautionaryCoverMonths;
  for (const item of items) {
    if (!isAnnounced(item, month)) continue;
    const mask = buyers(item);
    for (const g of ctx.goodsMatching(item.mineral, item.stage))
      forEachNodeCell(mask, g, ctx.N, (cell) => {
        policy.precautionaryCover[cell] = extra;
      });
  }
}

// Checks: what a reference field of an item must name.

/** What a field names: a node code, a zone id, a node or zone, or those or 'world'. */
export type RefKind = 'node' | 'zone' | 'scope' | 'scopeOrWorld';

/**
 * The reference checks of an item: each field of `fields` names what its kind says (in the
 * order given), then the item's stage, where it has one, is a stage its mineral has.
 */
export function checkRefs<I extends Record<string, unknown>>(
  item: I,
  at: Path,
  refs: RefChecks,
  fields: Partial<Record<keyof I & string, RefKind>>,
): void {
  for (const [name, kind] of Object.entries(fields) as [string, RefKind][]) {
    const path = [...at, name];
    const ref = item[name] as string;
    if (kind === 'node') refs.node(path, ref);
    else if (kind === 'zone') refs.zone(path, ref);
    else refs.scope(path, ref, kind === 'scopeOrWorld');
  }
  if (typeof item.stage === 'string') refs.good([...at, 'stage'], item.mineral as string, item.stage);
}

// Labels of items that may be invalid.

/** A string field of an item, or '?' (labels of items that may be invalid). */
export const str = (v: unknown) => (typeof v === 'string' ? v : '?');
/** A mineral id as words: 'rare_earths' → 'rare earths'. */
export const mineralText = (v: unknown) => str(v).replace(/_/g, ' ');
/** The good an item is about, e.g. 'rare earths, refine'. */
export const goodText = (item: Record<string, unknown>) => `${mineralText(item.mineral)}, ${str(item.stage)}`;
/** A label 'who: good' from the item's field `who`, e.g. 'CHN: rare earths, refine'. */
export const labelBy =
  (who: string) =>
  (item: Record<string, unknown>): string =>
    `${str(item[who])}: ${goodText(item)}`;
