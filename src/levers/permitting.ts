/** Permitting: months from an investment decision to new capacity, in a scope. */
import { z } from 'zod';
import {
  type Atoms,
  defineLever,
  field,
  isActive,
  type LeverPolicy,
  mineralOrAllField,
  mineralText,
  scopeField,
  scopeRef,
  stageOrAllField,
  str,
  windowFields,
} from './lever.ts';

/** One item of the list. */
function item(a: Atoms) {
  return z.strictObject({
    scope: scopeField(scopeRef),
    mineral: mineralOrAllField(a),
    stage: stageOrAllField(a),
    buildLagMonths: field(z.int().min(1).max(240), {
      label: 'Build lag',
      widget: 'number',
      description: 'Months from an investment decision to new capacity.',
    }),
    ...windowFields,
  });
}

type Item = z.output<ReturnType<typeof item>>;

/** Its part of the engine's monthly tables (and whether its items have a window). */
export const permittingPolicy: LeverPolicy<'permitting', Item> = {
  key: 'permitting',
  windowed: true,
  compile(items, month, ctx, policy) {
    const { N, world } = ctx;
    const market = ctx.scenario.market;
    for (const p of items) {
      if (!isActive(p, month)) continue;
      const mask = ctx.scopeMask(p.scope);
      for (const g of ctx.goodsMatching(p.mineral, p.stage)) {
        const greenfield =
          world.goods[g].stageIndex === 0 ? market.mineBuildLagMonths : market.processorBuildLagMonths;
        for (let n = 0; n < N; n++) {
          if (!mask[n]) continue;
          policy.buildLag[g * N + n] = p.buildLagMonths;
          // Expansions keep their proportion to a greenfield build.
          policy.expansionLag[g * N + n] = Math.max(
            1,
            Math.round((p.buildLagMonths * market.expansionLagMonths) / greenfield),
          );
        }
      }
    }
  },
};

export const permitting = /* @__PURE__ */ defineLever(permittingPolicy, {
  title: 'Permitting',
  one: 'permitting rule',
  summary: 'How long new capacity takes from decision to output.',
  description: 'Permitting: build lags for new capacity in a scope.',
  maxItems: 100,
  item,
  check(d, at, refs) {
    refs.scope([...at, 'scope'], d.scope, true);
    if (d.mineral !== 'all') refs.good([...at, 'stage'], d.mineral, d.stage);
  },
  create: ({ mineral }) => ({
    scope: 'world',
    mineral,
    stage: 'all',
    buildLagMonths: 12,
    start: 0,
    end: null,
  }),
  label: (d) => `${str(d.scope)}: ${mineralText(d.mineral)}, ${str(d.stage)}`,
});
