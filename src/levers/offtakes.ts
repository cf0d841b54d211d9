/** Offtake agreements: a buyer takes a share of a producer's monthly offer at an agreed price. */
import * as z from 'zod';
import { addRulesPerGood } from './compile.ts';
import { type Atoms, field, nodeRef, scopeRef, share, usdPerTonne } from './fields.ts';
import { goodText, str } from './labels.ts';
import { defineLever, type Items, referenceTimes, startStage, windowed } from './lever.ts';

/** One item of the list (with its window). */
function item(a: Atoms) {
  return z.strictObject({
    buyer: field(scopeRef, {
      label: 'Buyer',
      widget: 'scope',
      description: 'Node code or zone id that takes the material.',
    }),
    seller: field(nodeRef, { label: 'Seller', widget: 'node', description: 'Producing node.' }),
    mineral: a.mineral,
    stage: a.stage,
    share: field(share, {
      label: 'Share',
      widget: 'number',
      description: "Share of the seller's monthly offer committed to the buyer, fraction.",
    }),
    priceUsdPerTonne: field(usdPerTonne, {
      label: 'Price',
      widget: 'number',
      priceHint: true,
      description: 'Agreed price, USD/t, paid to the seller for the committed volume.',
    }),
  });
}

/** Its part of the engine's monthly tables: the offtakes on each good. */
export const offtakesPolicy = windowed('offtakes', {
  compile(items: Items<typeof item>, month, ctx, policy) {
    addRulesPerGood(items, month, ctx, policy.offtakes, (o) => ({
      buyerMask: ctx.scopeMask(o.buyer),
      seller: ctx.nodeIndex.get(o.seller)!,
      share: o.share,
      price: o.priceUsdPerTonne,
    }));
  },
});

export const offtakes = /* @__PURE__ */ defineLever(offtakesPolicy, {
  title: 'Offtake agreements',
  one: 'offtake',
  summary: "A buyer commits to take a share of a producer's output at an agreed price.",
  description: "Offtake agreements: a buyer takes a share of a producer's output at an agreed price.",
  item,
  references: { buyer: 'scope', seller: 'node' },
  create: (ctx) => {
    const stage = startStage(ctx);
    return {
      buyer: 'USA',
      // An offtake diversifies supply: the largest producer other than the buyer and China.
      seller: ctx.topProducer(ctx.mineral, stage, ['USA', 'CHN']),
      mineral: ctx.mineral,
      stage,
      share: 0.3,
      priceUsdPerTonne: referenceTimes(ctx, ctx.mineral, stage, 1.1),
      start: 0,
      end: null,
    };
  },
  label: (o) => `${str(o.buyer)} from ${str(o.seller)}: ${goodText(o)}`,
});
