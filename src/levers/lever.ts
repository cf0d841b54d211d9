/**
 * What every lever module is made of (src/levers/<lever>.ts), and how one is defined.
 *
 * A lever is one list of the scenario (price floors, export controls, …). Its module holds:
 * - `item`: the zod schema of one item, built from the catalog of nodes and minerals; every
 *   field carries its help text (with its unit), its editor label and widget as schema metadata
 *   (`.meta()`), which reach the editor and docs/scenario.md through the JSON Schema;
 * - `references`: the fields that name a node, a zone or a scope (checked with the item's stage),
 *   and `check`: its other cross-field and reference checks;
 * - `create`: a valid new item for a mineral (its prices from that mineral's reference price);
 * - `label`: the heading of one item in the editor;
 * - `…Policy`: its part of the engine — `windowed(key, { compile })`, its part of the monthly
 *   policy tables (src/engine/policy.ts) for items in force from a start to an end month, or
 *   `readAtStart(key)` for levers the engine reads once at the start (startingStocks,
 *   capacityOverrides, projects).
 *
 * The parts levers share: their field types (fields.ts), the loops of their compile steps
 * (compile.ts), the headings of their items (labels.ts).
 *
 * Layering: the engine defines the tables and the PolicyContext a compile step writes through;
 * the levers implement compile steps against them (type-only imports from the engine). The
 * engine runs them through src/levers/policies.ts, which imports only the `…Policy` parts: they
 * use no zod, src/data or UI, and the full levers (schemas, built lazily or marked
 * `@__PURE__`) drop out of the engine's bundles: every call in a lever's definition is marked
 * pure and its parts are imported by name, not read off a namespace (a bundler keeps what it
 * cannot prove free of side effects, and zod with it; test/unit/levers/engineBundle.test.ts).
 * The schema, the editor and the docs use the registry (index.ts).
 */
import * as z from 'zod';
import type { MonthPolicy, PolicyContext } from '../engine/policy.ts';
import type { LeverWindow } from './compile.ts';
import { type Atoms, windowFields } from './fields.ts';

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
 * A field's metadata (zod `.meta()`, attached by fields.ts `field`), JSON only so that it
 * survives z.toJSONSchema: the editor and the docs read it there.
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

/** A compile step: writes a lever's part of the policy of `month` into `policy`. */
export type Compile<Item> = (
  items: readonly Item[],
  month: number,
  ctx: PolicyContext,
  policy: MonthPolicy,
) => void;

/**
 * A lever's part of the engine: its key in the scenario, whether its items have a window
 * (start/end/announced: added to the item, checked, and the months at which tables change),
 * and its compile step. It uses no zod, so the engine's bundles hold only this part of each lever.
 */
export interface LeverPolicy<Key extends string, Item, W extends boolean = boolean> {
  key: Key;
  windowed: W;
  /** Writes the lever's part of the policy of `month` into `policy`. */
  compile?: Compile<Item>;
}

/**
 * The part of the engine of a lever whose items are in force from a start to an end month (and
 * may be announced before): its compile step, if it writes to the monthly tables.
 */
/* @__NO_SIDE_EFFECTS__ */
export function windowed<Key extends string, Item extends LeverWindow = LeverWindow>(
  key: Key,
  parts: { compile?: Compile<Item> } = {},
): LeverPolicy<Key, Item, true> {
  return { key, windowed: true, ...parts };
}

/** The part of the engine of a lever the engine reads once at the start: no monthly table. */
/* @__NO_SIDE_EFFECTS__ */
export function readAtStart<Key extends string>(key: Key): LeverPolicy<Key, unknown, false> {
  return { key, windowed: false };
}

/** The items a windowed lever's compile step gets: parsed by the lever's `item`, with their window. */
export type Items<ItemFn extends (atoms: Atoms) => z.ZodObject> = readonly (z.output<ReturnType<ItemFn>> &
  LeverWindow)[];

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

/** A lever's item schema: its own fields (`item`) and, for a windowed lever, the window's last. */
export type ItemSchema<S extends z.ZodObject, W extends boolean> = W extends true
  ? z.ZodObject<S['shape'] & typeof windowFields, z.core.$strict>
  : S;

export interface LeverDef<Key extends string, S extends z.ZodObject, W extends boolean = boolean>
  extends LeverPolicy<Key, z.output<ItemSchema<S, W>>, W> {
  title: string;
  /** Name of one item, for 'Add …'. */
  one: string;
  /** One line on what the lever does (the editor's section). */
  summary: string;
  /** The list's description (docs/scenario.md, the editor's help). */
  description: string;
  /** The most items the list takes; DEFAULT_MAX_ITEMS unless given. */
  maxItems?: number;
  /** The list's default (the status quo); none = empty. */
  defaultItems?: () => z.input<ItemSchema<S, W>>[];
  /** The item's own fields (a strict object); a windowed lever's items also get the window's. */
  item(atoms: Atoms): S;
  /**
   * The fields that name a node, a zone or a scope, and what each must name; they are checked,
   * then the item's stage (checkRefs), before `check`.
   */
  references?: Partial<Record<keyof z.output<S> & string, RefKind>>;
  /** Checks item `at` ([key, index]); `items` are the list's items (cross-item checks). */
  check?(
    item: z.output<ItemSchema<S, W>>,
    at: Path,
    refs: RefChecks,
    items: readonly z.output<ItemSchema<S, W>>[],
    index: number,
  ): void;
  /** A valid new item. */
  create(ctx: CreateContext): z.input<ItemSchema<S, W>>;
  /** Heading of one item, e.g. 'CHN: rare earths, refine — ban'. */
  label(item: Record<string, unknown>): string;
}

/** A lever with its item type erased, as the registry holds it. */
export interface Lever<
  Key extends string = string,
  S extends z.ZodObject = z.ZodObject,
  W extends boolean = boolean,
> extends LeverDef<Key, S, W>,
    Omit<LeverCompiler<Key>, 'key'> {
  /** The scenario's list of items: schema, limit, default, description. */
  list(atoms: Atoms): z.ZodDefault<z.ZodArray<ItemSchema<S, W>>>;
  /** Runs the reference checks, `check` and the window checks on each of the scenario's items (parsed), in order. */
  checkItems(items: readonly unknown[], refs: RefChecks): void;
}

/** The most items of a lever's list unless the lever says otherwise. */
export const DEFAULT_MAX_ITEMS = 100;

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
export function defineLever<Key extends string, S extends z.ZodObject, W extends boolean>(
  policy: LeverPolicy<Key, NoInfer<z.output<ItemSchema<S, W>>>, W>,
  rest: Omit<LeverDef<Key, S, W>, keyof LeverPolicy<Key, unknown>>,
): Lever<Key, S, W> {
  const def: LeverDef<Key, S, W> = { ...policy, ...rest };
  type Item = z.output<ItemSchema<S, W>>;
  // The scenario's schema parsed these items with the item schema: their type is its output.
  const typed = (items: readonly unknown[]) => items as readonly Item[];
  const { compileItems, windows } = leverCompiler(def);
  function itemSchema(atoms: Atoms): ItemSchema<S, W> {
    const own = def.item(atoms);
    // A windowed lever's item is its own fields and the window's: W is true exactly then.
    return (def.windowed ? z.strictObject({ ...own.shape, ...windowFields }) : own) as ItemSchema<S, W>;
  }
  return {
    ...def,
    compileItems,
    windows,
    list(atoms) {
      const list = z.array(itemSchema(atoms)).max(def.maxItems ?? DEFAULT_MAX_ITEMS);
      const withDefault = def.defaultItems
        ? list.default(def.defaultItems as () => z.output<z.ZodArray<ItemSchema<S, W>>>)
        : list.default([] as z.output<z.ZodArray<ItemSchema<S, W>>>);
      return withDefault.describe(def.description);
    },
    checkItems(items, refs) {
      const all = typed(items);
      all.forEach((item, i) => {
        const at = [def.key, i];
        if (def.references) checkRefs(item as Record<string, unknown>, at, refs, def.references);
        def.check?.(item, at, refs, all, i);
        if (def.windowed) checkWindow(refs, at, item as LeverWindow);
      });
    },
  };
}
