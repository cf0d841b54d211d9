/** Price-gap subsidies: a zone or node pays its producers max(0, reference − market price) per tonne. */
import { z } from 'zod';
import {
  type Atoms,
  checkRefs,
  defineLever,
  field,
  forEachActiveGood,
  type LeverPolicy,
  labelBy,
  referenceTimes,
  scopeRef,
  startStage,
  usdPerTonne,
  windowFields,
} from './lever.ts';

/** One item of the list. */
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
    ...windowFields,
  });
}

type Item = z.output<ReturnType<typeof item>>;

/** Its part of the engine's monthly tables (and whether its items have a window). */
export const priceGapSubsidiesPolicy: LeverPolicy<'priceGapSubsidies', Item> = {
  key: 'priceGapSubsidies',
  windowed: true,
  compile(items, month, ctx, policy) {
    forEachActiveGood(items, month, ctx, (s, g, index) => {
      policy.subsidies[g].push({
        index,
        scopeMask: ctx.scopeMask(s.scope),
        reference: s.referencePrice,
        budget: s.budgetUsd,
      });
    });
  },
};

export const priceGapSubsidies = /* @__PURE__ */ defineLever(priceGapSubsidiesPolicy, {
  title: 'Price-gap subsidies',
  one: 'price-gap subsidy',
  summary: "Pays a zone's (or node's) producers the gap between a reference price and the market price.",
  description:
    'Price-gap subsidies: a zone pays its producers the gap between a reference price and the market price.',
  maxItems: 100,
  item,
  check: (p, at, refs) => checkRefs(p, at, refs, { scope: 'scope' }),
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
  label: labelBy('scope'),
});
