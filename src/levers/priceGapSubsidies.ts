/** Price-gap subsidies: a zone or node pays its producers max(0, reference − market price) per tonne. */
import * as z from 'zod';
import { addRulesPerGood } from './compile.ts';
import { type Atoms, field, scopeRef, usdPerTonne } from './fields.ts';
import { labelBy } from './labels.ts';
import { defineLever, type Items, referenceTimes, startStage, windowed } from './lever.ts';

/** One item of the list (with its window). */
function item(a: Atoms) {
  return z.strictObject({
    scope: field(scopeRef, {
      label: 'Paid by',
      widget: 'scope',
      description: 'Zone id or node code whose producers are paid the gap.',
    }),
    mineral: a.mineral,
    stage: a.stage,
    referencePrice: field(usdPerTonne, {
      label: 'Reference price',
      widget: 'number',
      priceHint: true,
      description: 'Producers are paid max(0, reference − market price) per tonne sold, USD/t.',
    }),
    budgetUsd: field(z.number().min(0).nullable().default(null), {
      label: 'Budget (USD)',
      widget: 'number',
      description: 'Total budget, USD; null = unlimited.',
    }),
  });
}

/** Its part of the engine's monthly tables: the subsidies paid on each good. */
export const priceGapSubsidiesPolicy = windowed('priceGapSubsidies', {
  compile(items: Items<typeof item>, month, ctx, policy) {
    addRulesPerGood(items, month, ctx, policy.subsidies, (s, _g, index) => ({
      index,
      scopeMask: ctx.scopeMask(s.scope),
      reference: s.referencePrice,
      budget: s.budgetUsd,
    }));
  },
});

export const priceGapSubsidies = /* @__PURE__ */ defineLever(priceGapSubsidiesPolicy, {
  title: 'Price-gap subsidies',
  one: 'price-gap subsidy',
  summary: "Pays a zone's (or node's) producers the gap between a reference price and the market price.",
  description:
    'Price-gap subsidies: a zone pays its producers the gap between a reference price and the market price.',
  item,
  references: { scope: 'scope' },
  create: (ctx) => {
    const stage = startStage(ctx);
    return {
      scope: 'USA',
      mineral: ctx.mineral,
      stage,
      referencePrice: referenceTimes(ctx, ctx.mineral, stage, 1.3),
      budgetUsd: null,
      start: 0,
      end: null,
    };
  },
  label: /* @__PURE__ */ labelBy('scope'),
});
