/** Recycling: a share of a scope's past consumption returns as secondary refined supply. */
import * as z from 'zod';
import { forEachActive } from './compile.ts';
import { type Atoms, field, scopeField, scopeRef, share } from './fields.ts';
import { mineralText, str } from './labels.ts';
import { defineLever, type Items, windowed } from './lever.ts';

/** One item of the list (with its window). */
function item(a: Atoms) {
  return z.strictObject({
    scope: scopeField(scopeRef.default('world')),
    mineral: a.mineral,
    share: field(share, {
      label: 'Share',
      widget: 'number',
      description: "Share of the scope's consumption that returns as secondary refined supply, fraction.",
    }),
    lagMonths: field(z.int().min(0).max(240).default(12), {
      label: 'Lag',
      widget: 'number',
      description: 'Months between consumption and return.',
    }),
  });
}

/** Its part of the engine's monthly tables: the recycling rules in force. */
export const recyclingPolicy = windowed('recycling', {
  compile(items: Items<typeof item>, month, ctx, policy) {
    forEachActive(items, month, ({ scope, mineral, share, lagMonths }) => {
      policy.recycling.push({
        scopeMask: ctx.scopeMask(scope),
        mineral: ctx.mineralIndex.get(mineral)!,
        share,
        lagMonths,
      });
    });
  },
});

export const recycling = /* @__PURE__ */ defineLever(recyclingPolicy, {
  title: 'Recycling',
  one: 'recycling rule',
  summary: 'A share of past consumption returns as secondary refined supply.',
  description: 'Recycling: a share of past consumption returns as secondary refined supply.',
  item,
  references: { scope: 'scopeOrWorld' },
  create: ({ mineral }) => ({ scope: 'world', mineral, share: 0.2, lagMonths: 0, start: 0, end: null }),
  label: (r) => `${str(r.scope)}: ${mineralText(r.mineral)}`,
});
