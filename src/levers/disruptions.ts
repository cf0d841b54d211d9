/** Declared disruptions: months in which stockpiles that release on disruption sell. */
import { z } from 'zod';
import {
  type Atoms,
  defineLever,
  field,
  isActive,
  type LeverPolicy,
  mineralText,
  stageOrAllField,
  str,
  text,
  windowFields,
} from './lever.ts';

/** One item of the list. */
function item(a: Atoms) {
  return z.strictObject({
    mineral: a.mineral,
    stage: stageOrAllField(a),
    note: field(text(500).optional(), { label: 'Note', widget: 'text' }),
    ...windowFields,
  });
}

type Item = z.output<ReturnType<typeof item>>;

/** Its part of the engine's monthly tables (and whether its items have a window). */
export const disruptionsPolicy: LeverPolicy<'disruptions', Item> = {
  key: 'disruptions',
  windowed: true,
  compile(items, month, ctx, policy) {
    for (const d of items) {
      if (!isActive(d, month)) continue;
      for (const g of ctx.goodsMatching(d.mineral, d.stage)) policy.disruption[g] = 1;
    }
  },
};

export const disruptions = /* @__PURE__ */ defineLever(disruptionsPolicy, {
  title: 'Declared disruptions',
  one: 'disruption',
  summary: 'Periods in which stockpiles that release on disruption sell.',
  description: 'Declared disruptions (stockpiles may release).',
  maxItems: 50,
  item,
  check(d, at, refs) {
    refs.good([...at, 'stage'], d.mineral, d.stage);
  },
  create: ({ mineral }) => ({ mineral, stage: 'all', start: 0, end: 12 }),
  label: (d) => `${mineralText(d.mineral)}, ${str(d.stage)}`,
});
