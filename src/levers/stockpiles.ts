/**
 * Stockpile agencies: buy below a trigger price within a budget, release above another or in a
 * declared disruption. The policy says which are in force; the coordinator keeps their stocks.
 */
import * as z from 'zod';
import { isActive } from './compile.ts';
import { type Atoms, field, scopeRef, text, tonnes, usdPerTonne } from './fields.ts';
import { str } from './labels.ts';
import { defineLever, type Items, referenceTimes, startStage, windowed } from './lever.ts';

/** One item of the list (with its window). */
function item(a: Atoms) {
  return z.strictObject({
    name: field(text(120), { label: 'Name', widget: 'text' }),
    holder: field(scopeRef, {
      label: 'Holder',
      widget: 'scope',
      description: 'Node code or zone id holding the stockpile (a zone holds it at its largest consumer).',
    }),
    mineral: a.mineral,
    stage: a.stage,
    budgetUsd: field(z.number().min(0).max(1e13), {
      label: 'Budget (USD)',
      widget: 'number',
      description: 'Money available for purchases, USD.',
    }),
    initialTonnes: field(tonnes.default(0), {
      label: 'Initial stock',
      widget: 'number',
      description: 'Stock at the start, t.',
    }),
    buyBelowUsd: field(usdPerTonne, {
      label: 'Buy below',
      widget: 'number',
      priceHint: true,
      description: "Buys while the holder's price is below this, USD/t.",
    }),
    releaseAboveUsd: field(usdPerTonne, {
      label: 'Release above',
      widget: 'number',
      priceHint: true,
      description: "Releases while the holder's price is above this, USD/t.",
    }),
    maxBuyTonnesPerMonth: field(tonnes, {
      label: 'Max purchase',
      widget: 'number',
      description: 'Purchase limit, t/month.',
    }),
    maxReleaseTonnesPerMonth: field(tonnes, {
      label: 'Max release',
      widget: 'number',
      description: 'Release limit, t/month.',
    }),
    releaseOnDisruption: field(z.boolean().default(true), {
      label: 'Release in a disruption',
      widget: 'bool',
      description:
        "Also releases during a declared disruption: 1.5 × last month's unmet demand in its scope, within the limit.",
    }),
  });
}

/** Its part of the engine's monthly tables: which stockpiles are in force (the coordinator keeps their stocks). */
export const stockpilesPolicy = windowed('stockpiles', {
  compile(items: Items<typeof item>, month, _ctx, { stockpileActive }) {
    items.forEach((s, i) => {
      stockpileActive[i] = isActive(s, month) ? 1 : 0;
    });
  },
});

export const stockpiles = /* @__PURE__ */ defineLever(stockpilesPolicy, {
  title: 'Stockpiles',
  one: 'stockpile',
  summary: 'Agencies that buy below a trigger price and release above another (or in a disruption).',
  description:
    'Stockpile agencies: buy below a trigger within a budget, release above a trigger or in a declared disruption.',
  maxItems: 50,
  item,
  references: { holder: 'scope' },
  check(p, at, refs) {
    if (p.releaseAboveUsd <= p.buyBelowUsd) {
      refs.issue(
        [...at, 'releaseAboveUsd'],
        `releaseAboveUsd (${p.releaseAboveUsd}) must be above buyBelowUsd (${p.buyBelowUsd})`,
      );
    }
  },
  create: (ctx) => {
    const stage = startStage(ctx);
    return {
      name: 'New stockpile',
      holder: 'USA',
      mineral: ctx.mineral,
      stage,
      budgetUsd: 1e9,
      initialTonnes: 0,
      buyBelowUsd: referenceTimes(ctx, ctx.mineral, stage, 1.1),
      releaseAboveUsd: referenceTimes(ctx, ctx.mineral, stage, 1.5),
      maxBuyTonnesPerMonth: 500,
      maxReleaseTonnesPerMonth: 1000,
      releaseOnDisruption: true,
      start: 0,
      end: null,
    };
  },
  label: (p) => str(p.name),
});
