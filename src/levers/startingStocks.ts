/**
 * Starting stocks per scope and stage, in months of cover; later entries override earlier
 * ones. Read once at the start by src/engine/layout.ts (startingCover): no monthly table.
 */
import * as z from 'zod';
import { type Atoms, field, scopeField, scopeRef } from './fields.ts';
import { labelBy } from './labels.ts';
import { defineLever, readAtStart, startStage } from './lever.ts';

const months = /* @__PURE__ */ (() => z.number().min(0).max(60))();

/** One item of the list. */
function item(a: Atoms) {
  return z.strictObject({
    scope: scopeField(scopeRef.default('world')),
    mineral: a.mineral,
    stage: a.stage,
    producerMonths: field(months.nullable().default(null), {
      label: "Producers' stock (months)",
      widget: 'number',
      description:
        "Finished goods held by the stage's producers at the start, months of their output; null = the data default.",
    }),
    buyerMonths: field(months.nullable().default(null), {
      label: "Buyers' stock (months)",
      widget: 'number',
      description:
        'Stock of this good held by its buyers at the start (processors of the next stage, final consumers), months of their use; null = the data default.',
    }),
  });
}

/** Its part of the engine: read once at the start (src/engine/layout.ts startingCover). */
export const startingStocksPolicy = readAtStart('startingStocks');

export const startingStocks = /* @__PURE__ */ defineLever(startingStocksPolicy, {
  title: 'Starting stocks',
  one: 'starting stock',
  summary: 'Stocks held at the start, in months of cover, instead of the data default.',
  description:
    'Starting stocks per scope and stage, in months of cover; later entries override earlier ones.',
  maxItems: 200,
  item,
  references: { scope: 'scopeOrWorld' },
  create: (ctx) => ({
    scope: 'world',
    mineral: ctx.mineral,
    stage: startStage(ctx),
    producerMonths: null,
    buyerMonths: 3,
  }),
  label: /* @__PURE__ */ labelBy('scope'),
});
