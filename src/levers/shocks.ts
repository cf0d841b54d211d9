/** Supply shocks: a share of a node's capacity lost for a period. */
import * as z from 'zod';
import { forEachActiveGood, precautionBeforeStart } from './compile.ts';
import { type Atoms, field, nodeField, share } from './fields.ts';
import { labelBy } from './labels.ts';
import { defineLever, type Items, windowed } from './lever.ts';

/** One item of the list (with its window). */
function item(a: Atoms) {
  return z.strictObject({
    node: nodeField('Node whose capacity is lost.'),
    mineral: a.mineral,
    stage: a.stage,
    capacityLoss: field(share, {
      label: 'Capacity lost',
      widget: 'number',
      description: 'Share of the capacity lost while the shock lasts, fraction.',
    }),
  });
}

/** Its part of the engine's monthly tables: capacity factors, and the precaution before it. */
export const shocksPolicy = windowed('shocks', {
  compile(items: Items<typeof item>, month, ctx, policy) {
    forEachActiveGood(items, month, ctx, (s, g) => {
      policy.capacityFactor[g * ctx.N + ctx.nodeIndex.get(s.node)!] *= 1 - s.capacityLoss;
    });
    // A known capacity loss raises every buyer's precaution until it starts.
    const everyone = ctx.scopeMask('world');
    precautionBeforeStart(items, month, ctx, policy, () => everyone);
  },
});

export const shocks = /* @__PURE__ */ defineLever(shocksPolicy, {
  title: 'Supply shocks',
  one: 'shock',
  summary: 'Capacity lost at a node for a period (a mine flood, a strike, a plant fire).',
  description: 'Supply shocks: capacity lost at a node for a period.',
  item,
  references: { node: 'node' },
  create: (ctx) => {
    const stage = ctx.stages(ctx.mineral)[0] ?? 'mine';
    return {
      node: ctx.topProducer(ctx.mineral, stage),
      mineral: ctx.mineral,
      stage,
      capacityLoss: 0.5,
      start: 0,
      end: 12,
    };
  },
  label: /* @__PURE__ */ labelBy('node'),
});
