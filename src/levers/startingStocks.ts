/**
 * Starting stocks per scope and stage, in months of cover; later entries override earlier
 * ones. Read once at the start by src/engine/layout.ts (startingCover): no monthly table.
 */
import { z } from 'zod';
import { defineLever, field, mineralText, scopeRef, startStage, str } from './lever.ts';

const months = z.number().min(0).max(60);

export const startingStocks = defineLever({
  key: 'startingStocks',
  title: 'Starting stocks',
  one: 'starting stock',
  summary: 'Stocks held at the start, in months of cover, instead of the data default.',
  description:
    'Starting stocks per scope and stage, in months of cover; later entries override earlier ones.',
  maxItems: 200,
  windowed: false,
  item: (a) =>
    z.strictObject({
      scope: field(scopeRef.default('world'), {
        label: 'Where',
        widget: 'scopeOrWorld',
        description: '"world", a zone id or a node code.',
      }),
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
    }),
  check(d, at, refs) {
    refs.scope([...at, 'scope'], d.scope, true);
    refs.good([...at, 'stage'], d.mineral, d.stage);
  },
  create: (ctx) => ({
    scope: 'world',
    mineral: ctx.mineral,
    stage: startStage(ctx),
    producerMonths: null,
    buyerMonths: 3,
  }),
  label: (s) => `${str(s.scope)}: ${mineralText(s.mineral)}, ${str(s.stage)}`,
});
