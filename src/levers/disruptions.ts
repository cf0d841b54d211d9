/** Declared disruptions: months in which stockpiles that release on disruption sell. */
import * as z from 'zod';
import { forEachActiveGood } from './compile.ts';
import { type Atoms, field, stageOrAllField, text } from './fields.ts';
import { goodText } from './labels.ts';
import { defineLever, type Items, windowed } from './lever.ts';

/** One item of the list (with its window). */
function item(a: Atoms) {
  return z.strictObject({
    mineral: a.mineral,
    stage: stageOrAllField(a),
    note: field(text(500).optional(), { label: 'Note', widget: 'text' }),
  });
}

/** Its part of the engine's monthly tables: the goods in a declared disruption. */
export const disruptionsPolicy = windowed('disruptions', {
  compile(items: Items<typeof item>, month, ctx, policy) {
    forEachActiveGood(items, month, ctx, (_d, g) => {
      policy.disruption[g] = 1;
    });
  },
});

export const disruptions = /* @__PURE__ */ defineLever(disruptionsPolicy, {
  title: 'Declared disruptions',
  one: 'disruption',
  summary: 'Periods in which stockpiles that release on disruption sell.',
  description: 'Declared disruptions (stockpiles may release).',
  maxItems: 50,
  item,
  // Its stage only.
  references: {},
  create: ({ mineral }) => ({ mineral, stage: 'all', start: 0, end: 12 }),
  label: goodText,
});
