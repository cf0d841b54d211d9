/** Investment support: government equity or finance that lowers the margin new capacity must clear. */
import * as z from 'zod';
import { forEachScopedCell } from './compile.ts';
import { type Atoms, field, share } from './fields.ts';
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
    hurdleReduction: field(share, {
      label: 'Hurdle cut',
      widget: 'number',
      description:
        'Cut in the expected margin new capacity must clear (government equity or finance), fraction of unit cost.',
    }),
  });
}

/** Its part of the engine's monthly tables: the largest cut in force in each cell. */
export const investmentSupportPolicy = windowed('investmentSupport', {
  compile(items: Items<typeof item>, month, ctx, policy) {
    const cut = policy.hurdleReduction;
    forEachScopedCell(items, month, ctx, (s, cell) => {
      cut[cell] = Math.max(cut[cell], s.hurdleReduction);
    });
  },
});

export const investmentSupport = /* @__PURE__ */ defineLever(investmentSupportPolicy, {
  title: 'Investment support',
  one: 'investment support',
  summary: 'Government equity or finance that lowers the margin new capacity must clear.',
  description: 'Investment support (government equity or finance) that lowers the hurdle for new capacity.',
  item,
  references: scopedGoodsReferences,
  create: ({ mineral }) => newScopedGoodsItem(mineral, { hurdleReduction: 0.2 }),
  label: scopedGoodsLabel,
});
