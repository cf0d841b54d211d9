/** Demand growth paths: compound growth of base demand in a scope; later rows override earlier ones. */
import * as z from 'zod';
import { forEachActive, forEachNodeCell } from './compile.ts';
import { type Atoms, field, mineralOrAllField, scopeField, scopeRef } from './fields.ts';
import { mineralText, str } from './labels.ts';
import { defineLever, type Items, windowed } from './lever.ts';

/** One item of the list (with its window). */
function item(a: Atoms) {
  return z.strictObject({
    scope: scopeField(scopeRef.default('world')),
    mineral: mineralOrAllField(a),
    ratePerYear: field(z.number().min(-0.5).max(2), {
      label: 'Rate per year',
      widget: 'number',
      description: 'Compound growth of base demand, per year (0.1 = 10%/yr).',
    }),
  });
}

/** Its part of the engine's monthly tables: growth rates by mineral and node. */
export const demandGrowthPolicy = windowed('demandGrowth', {
  compile(items: Items<typeof item>, month, ctx, policy) {
    const { N, world } = ctx;
    forEachActive(items, month, (d) => {
      const mask = ctx.scopeMask(d.scope);
      for (let m = 0; m < world.minerals.length; m++) {
        if (d.mineral !== 'all' && world.minerals[m].id !== d.mineral) continue;
        forEachNodeCell(mask, m, N, (cell) => {
          policy.growthRate[cell] = d.ratePerYear;
        });
      }
    });
  },
});

export const demandGrowth = /* @__PURE__ */ defineLever(demandGrowthPolicy, {
  title: 'Demand growth',
  one: 'growth path',
  summary: 'Growth paths of base demand; later rows override earlier ones and the data default.',
  description: 'Demand growth paths; later entries override earlier ones and the data default.',
  item,
  references: { scope: 'scopeOrWorld' },
  create: ({ mineral }) => ({ scope: 'world', mineral, ratePerYear: 0.1, start: 0, end: null }),
  label: (d) => `${str(d.scope)}: ${mineralText(d.mineral)}`,
});
