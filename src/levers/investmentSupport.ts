/** Investment support: government equity or finance that lowers the margin new capacity must clear. */
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
  share,
  stageOrAllField,
  windowFields,
} from './lever.ts';

/** One item of the list. */
function item(a: Atoms) {
  return z.strictObject({
    scope: scopeField(scopeRef),
    mineral: mineralOrAllField(a),
    stage: stageOrAllField(a),
    hurdleReduction: field(share, {
      label: 'Hurdle cut',
      widget: 'number',
      description:
        'Cut in the expected margin new capacity must clear (government equity or finance), fraction of unit cost.',
    }),
    ...windowFields,
  });
}

type Item = z.output<ReturnType<typeof item>>;

/** Its part of the engine's monthly tables (and whether its items have a window). */
export const investmentSupportPolicy: LeverPolicy<'investmentSupport', Item> = {
  key: 'investmentSupport',
  windowed: true,
  compile(items, month, ctx, policy) {
    const cut = policy.hurdleReduction;
    forEachTarget(
      items,
      month,
      ctx,
      (s) => s.scope,
      (s, cell) => {
        cut[cell] = Math.max(cut[cell], s.hurdleReduction);
      },
    );
  },
};

export const investmentSupport = /* @__PURE__ */ defineLever(investmentSupportPolicy, {
  title: 'Investment support',
  one: 'investment support',
  summary: 'Government equity or finance that lowers the margin new capacity must clear.',
  description: 'Investment support (government equity or finance) that lowers the hurdle for new capacity.',
  maxItems: 100,
  item,
  check: (d, at, refs) => checkRefs(d, at, refs, { scope: 'scopeOrWorld' }),
  create: ({ mineral }) => ({
    scope: 'world',
    mineral,
    stage: 'all',
    hurdleReduction: 0.2,
    start: 0,
    end: null,
  }),
  label: labelBy('scope'),
});
