/** Declared disruptions: months in which stockpiles that release on disruption sell. */
import { z } from 'zod';
import { defineLever, field, isActive, mineralText, str, text, windowFields } from './lever.ts';

export const disruptions = defineLever({
  key: 'disruptions',
  title: 'Declared disruptions',
  one: 'disruption',
  summary: 'Periods in which stockpiles that release on disruption sell.',
  description: 'Declared disruptions (stockpiles may release).',
  maxItems: 50,
  windowed: true,
  item: (a) =>
    z.strictObject({
      mineral: a.mineral,
      stage: a.stageOrAll.default('all').describe('Stage, or "all".'),
      note: field(text(500).optional(), { label: 'Note', widget: 'text' }),
      ...windowFields,
    }),
  check(d, at, refs) {
    refs.good([...at, 'stage'], d.mineral, d.stage);
  },
  create: ({ mineral }) => ({ mineral, stage: 'all', start: 0, end: 12 }),
  label: (d) => `${mineralText(d.mineral)}, ${str(d.stage)}`,
  compile(items, month, ctx, policy) {
    for (const d of items) {
      if (!isActive(d, month)) continue;
      for (const g of ctx.goodsMatching(d.mineral, d.stage)) policy.disruption[g] = 1;
    }
  },
});
