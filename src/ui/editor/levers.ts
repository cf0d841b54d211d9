/**
 * The editor's view of the lever registry (src/levers/index.ts): each lever's title, summary,
 * item label and new item come from its module, its fields (label, widget, help, units, bounds)
 * from the scenario's JSON Schema (schemaInfo.ts). Nothing about a lever is written here twice;
 * only the editor's own helpers live here: the reference prices and producers a new item uses,
 * prices that follow a change of mineral, and the zone quick sets.
 */
import { calibrationFor, priceFor } from '../../data/calibration';
import { NODE_GROUPS } from '../../data/groups';
import { MINERALS } from '../../data/minerals';
import type { MineralId, StageId } from '../../data/types';
import { LEVER_LIST } from '../../levers/index.ts';
import { type CreateContext, referenceTimes as leverReferenceTimes } from '../../levers/lever.ts';
import type { Draft } from './draft.ts';
import { type FieldSpec, fieldsAt, parameterGroups } from './schemaInfo.ts';

export type { FieldSpec } from './schemaInfo.ts';

export interface LeverSpec {
  key: string;
  title: string;
  /** Name of one item, for 'Add …'. */
  one: string;
  /** One line on what the lever does. */
  summary: string;
  fields: FieldSpec[];
  /** Heading of one item, e.g. 'CHN: rare earths, refine — ban'. */
  label(item: Record<string, unknown>): string;
  /** A valid new item about `mineral`; `zoneId` is the zone to point at. */
  create(context: { zoneId: string | null; draft: Draft; mineral: string }): Record<string, unknown>;
}

const referencePrice = (mineral: string, stage: string) =>
  priceFor(mineral as MineralId, stage as StageId)?.usdPerTonne;

/** The node with the largest 2024 output of a mineral at a stage (other than those in `except`). */
function topProducer(mineral: string, stage: string, except: readonly string[] = []): string {
  let best = 'CHN';
  let most = -1;
  for (const figure of calibrationFor(mineral as MineralId, stage as StageId)?.byNode ?? []) {
    if (except.includes(figure.node) || figure.node === 'ROW') continue;
    if (figure.tonnes > most) {
      most = figure.tonnes;
      best = figure.node;
    }
  }
  return best;
}

const stagesOf = (mineral: string) =>
  MINERALS.find((m) => m.id === mineral)?.stages.map((s) => s.id as string) ?? [];

/** What a lever's `create` reads: the draft, the zone, the mineral and the 2024 data. */
export function createContext(context: {
  zoneId: string | null;
  draft: Draft;
  mineral: string;
}): CreateContext {
  return { ...context, referencePrice, topProducer, stages: stagesOf };
}

export const LEVERS: readonly LeverSpec[] = LEVER_LIST.map((lever) => ({
  key: lever.key,
  title: lever.title,
  one: lever.one,
  summary: lever.summary,
  fields: fieldsAt([lever.key]),
  label: lever.label,
  create: (context) => ({ ...lever.create(createContext(context)) }),
}));

/** 2024 reference price, USD/t, times a multiple, rounded to 3 significant digits. */
export function referenceTimes(mineral: string, stage: string, multiple: number): number {
  return leverReferenceTimes(createContext({ zoneId: null, draft: {}, mineral }), mineral, stage, multiple);
}

/**
 * A lever item's prices after its mineral or stage changed: each price field (priceHint) keeps
 * its multiple of the reference price, now of the new mineral and stage, so a lithium floor at
 * 1.2× its reference becomes a rare-earth floor at 1.2× the rare-earth reference, not 5.7×.
 * Returns true when a price changed. Prices of "all" minerals or stages have no reference: kept.
 */
export function rescalePrices(
  lever: LeverSpec,
  item: Record<string, unknown>,
  before: { mineral: unknown; stage: unknown },
): boolean {
  const ref = (mineral: unknown, stage: unknown) =>
    referencePrice(String(mineral), String(stage)) ?? Number.NaN;
  const from = ref(before.mineral, before.stage);
  const to = ref(item.mineral, item.stage);
  if (!(from > 0) || !(to > 0) || from === to) return false;
  let changed = false;
  for (const field of lever.fields) {
    const value = item[field.key];
    if (!field.priceHint || typeof value !== 'number' || !(value > 0)) continue;
    item[field.key] = referenceTimes(String(item.mineral), String(item.stage), value / from);
    changed = true;
  }
  return changed;
}

/** Fields of the scenario itself (outside any list) that the editor shows: the run settings. */
export const SCENARIO_FIELDS: readonly FieldSpec[] = fieldsAt([]);

/** The objects of model parameters (elasticities, market), with their fields. */
export const PARAMETER_GROUPS: readonly {
  key: string;
  title: string;
  summary: string;
  fields: FieldSpec[];
}[] = parameterGroups().map((g) => ({ ...g, fields: fieldsAt([g.key]) }));

/** Zone quick sets: the named groups of the Ministerial and its agreements (src/data/groups.ts). */
export const QUICK_SETS = NODE_GROUPS;
