/** Investment support: government equity or finance that lowers the margin new capacity must clear. */
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
  share,
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
    const { N } = ctx;
    const cut = policy.hurdleReduction;
    for (const s of items) {
      if (!isActive(s, month)) continue;
      const mask = ctx.scopeMask(s.scope);
      for (const g of ctx.goodsMatching(s.mineral, s.stage)) {
        for (let n = 0; n < N; n++) if (mask[n]) cut[g * N + n] = Math.max(cut[g * N + n], s.hurdleReduction);
      }
    }
  },
};

export const investmentSupport = /* @__PURE__ */ defineLever(investmentSupportPolicy, {
  title: 'Investment support',
  one: 'investment support',
  summary: 'Government equity or finance that lowers the margin new capacity must clear.',
  description: 'Investment support (government equity or finance) that lowers the hurdle for new capacity.',
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
    hurdleReduction: 0.2,
    start: 0,
    end: null,
  }),
  label: (d) => `${str(d.scope)}: ${mineralText(d.mineral)}, ${str(d.stage)}`,
});
