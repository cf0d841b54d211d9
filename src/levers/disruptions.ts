/** Declared disruptions: months in which stockpiles that release on disruption sell. */
import { z } from 'zod';
import {
  type Atoms,
  checkRefs,
  defineLever,
  field,
  forEachActiveGood,
  goodText,
  type LeverPolicy,
  stageOrAllField,
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
    forEachActiveGood(items, month, ctx, (_d, g) => {
      policy.disruption[g] = 1;
    });
  },
};

export const disruptions = /* @__PURE__ */ defineLever(disruptionsPolicy, {
  title: 'Declared disruptions',
  one: 'disruption',
  summary: 'Periods in which stockpiles that release on disruption sell.',
  description: 'Declared disruptions (stockpiles may release).',
  maxItems: 50,
  item,
  check: (d, at, refs) => checkRefs(d, at, refs, {}),
  create: ({ mineral }) => ({ mineral, stage: 'all', start: 0, end: 12 }),
  label: goodText,
});
