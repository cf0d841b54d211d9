/** Permitting: months from an investment decision to new capacity, in a scope. */
import * as z from 'zod';
import { forEachScopedCell } from './compile.ts';
import { type Atoms, field } from './fields.ts';
import { defineLever, type Items, windowed } from './lever.ts';
// Named imports, not a namespace: a bundler keeps a namespace's property reads in the lever's
// definition below, and with them the schemas and zod in the engine's bundles.
import {
  newItem as newScopedGoodsItem,
  fields as scopedGoodsFields,
  label as scopedGoodsLabel,
  references as scopedGoodsReferences,
} from './scopedGoods.ts';

/** One item of the list (with its window). */
function item(a: Atoms) {
  return z.strictObject({
    ...scopedGoodsFields(a),
    buildLagMonths: field(z.int().min(1).max(240), {
      label: 'Build lag',
      widget: 'number',
      description: 'Months from an investment decision to new capacity.',
    }),
  });
}

/** Its part of the engine's monthly tables: build and expansion lags in each cell. */
export const permittingPolicy = windowed('permitting', {
  compile(items: Items<typeof item>, month, ctx, policy) {
    const market = ctx.scenario.market;
    forEachScopedCell(items, month, ctx, (p, cell, g) => {
      const greenfield =
        ctx.world.goods[g].stageIndex === 0 ? market.mineBuildLagMonths : market.processorBuildLagMonths;
      policy.buildLag[cell] = p.buildLagMonths;
      // Expansions keep their proportion to a greenfield build.
      policy.expansionLag[cell] = Math.max(
        1,
        Math.round((p.buildLagMonths * market.expansionLagMonths) / greenfield),
      );
    });
  },
});

export const permitting = /* @__PURE__ */ defineLever(permittingPolicy, {
  title: 'Permitting',
  one: 'permitting rule',
  summary: 'How long new capacity takes from decision to output.',
  description: 'Permitting: build lags for new capacity in a scope.',
  item,
  references: scopedGoodsReferences,
  create: ({ mineral }) => newScopedGoodsItem(mineral, { buildLagMonths: 12 }),
  label: scopedGoodsLabel,
});
