/** Recycling: a share of a scope's past consumption returns as secondary refined supply. */
import { z } from 'zod';
import {
  type Atoms,
  checkRefs,
  defineLever,
  field,
  isActive,
  type LeverPolicy,
  mineralText,
  scopeField,
  scopeRef,
  share,
  str,
  windowFields,
} from './lever.ts';

/** One item of the list. */
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
    ...windowFields,
  });
}

type Item = z.output<ReturnType<typeof item>>;

/** Its part of the engine's monthly tables (and whether its items have a window). */
export const recyclingPolicy: LeverPolicy<'recycling', Item> = {
  key: 'recycling',
  windowed: true,
  compile(items, month, ctx, policy) {
    for (const r of items) {
      if (!isActive(r, month)) continue;
      policy.recycling.push({
        scopeMask: ctx.scopeMask(r.scope),
        mineral: ctx.mineralIndex.get(r.mineral)!,
        share: r.share,
        lagMonths: r.lagMonths,
      });
    }
  },
};

export const recycling = /* @__PURE__ */ defineLever(recyclingPolicy, {
  title: 'Recycling',
  one: 'recycling rule',
  summary: 'A share of past consumption returns as secondary refined supply.',
  description: 'Recycling: a share of past consumption returns as secondary refined supply.',
  maxItems: 100,
  item,
  check: (r, at, refs) => checkRefs(r, at, refs, { scope: 'scopeOrWorld' }),
  create: ({ mineral }) => ({ scope: 'world', mineral, share: 0.2, lagMonths: 0, start: 0, end: null }),
  label: (r) => `${str(r.scope)}: ${mineralText(r.mineral)}`,
});
