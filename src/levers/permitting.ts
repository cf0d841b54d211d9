/** Permitting: months from an investment decision to new capacity, in a scope. */
import { z } from 'zod';
import {
  type Atoms,
  checkRefs,
  defineLever,
  field,
  forEachTarget,
  type LeverPolicy,
  labelBy,
  mineralOrAllField,
  scopeField,
  scopeRef,
  stageOrAllField,
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
    const market = ctx.scenario.market;
    forEachTarget(
      items,
      month,
      ctx,
      (p) => p.scope,
      (p, cell, g) => {
        const greenfield =
          ctx.world.goods[g].stageIndex === 0 ? market.mineBuildLagMonths : market.processorBuildLagMonths;
        policy.buildLag[cell] = p.buildLagMonths;
        // Expansions keep their proportion to a greenfield build.
        policy.expansionLag[cell] = Math.max(
          1,
          Math.round((p.buildLagMonths * market.expansionLagMonths) / greenfield),
        );
      },
    );
  },
};

export const permitting = /* @__PURE__ */ defineLever(permittingPolicy, {
  title: 'Permitting',
  one: 'permitting rule',
  summary: 'How long new capacity takes from decision to output.',
  description: 'Permitting: build lags for new capacity in a scope.',
  maxItems: 100,
  item,
  check: (d, at, refs) => checkRefs(d, at, refs, { scope: 'scopeOrWorld' }),
  create: ({ mineral }) => ({
    scope: 'world',
    mineral,
    stage: 'all',
    buildLagMonths: 12,
    start: 0,
    end: null,
  }),
  label: labelBy('scope'),
});
