/**
 * Starting structure: a node's starting output per mineral and stage, as tonnes or as a share
 * of the world. Read once at the start by src/engine/layout.ts (startingOutput): no monthly table.
 */
import * as z from 'zod';
import { type Atoms, field, nodeField, share } from './fields.ts';
import { labelBy } from './labels.ts';
import { defineLever, readAtStart, startStage } from './lever.ts';

/** One item of the list. */
function item(a: Atoms) {
  return z.strictObject({
    node: nodeField('Node whose starting output and capacity change.'),
    mineral: a.mineral,
    stage: a.stage,
    tonnesPerYear: field(z.number().min(0).max(1e10).nullable().default(null), {
      label: 'Output (t/yr)',
      widget: 'number',
      description:
        'Starting output, t/yr (capacity follows from the stage utilisation); the world total changes by the difference.',
    }),
    worldShare: field(share.nullable().default(null), {
      label: 'Share of world',
      widget: 'number',
      description:
        "Starting share of world output, fraction; the other nodes' output is scaled so the world total stays as calibrated.",
    }),
  });
}

/** Its part of the engine: read once at the start (src/engine/layout.ts startingOutput). */
export const capacityOverridesPolicy = readAtStart('capacityOverrides');

export const capacityOverrides = /* @__PURE__ */ defineLever(capacityOverridesPolicy, {
  title: 'Starting structure',
  one: 'starting capacity',
  summary: "A node's starting output and capacity, as tonnes or as a share of the world (2024 otherwise).",
  description:
    "Start from another structure: a node's starting output per mineral and stage, as tonnes or as a share of the world (2024 calibration otherwise).",
  maxItems: 200,
  item,
  references: { node: 'node' },
  check(d, at, refs, all, index) {
    if ((d.tonnesPerYear === null) === (d.worldShare === null))
      refs.issue([...at, 'tonnesPerYear'], 'give exactly one of tonnesPerYear and worldShare');
    if (d.worldShare !== null) {
      // Shares of one good given so far (this entry included) may not exceed the world.
      const key = `${d.mineral}/${d.stage}`;
      let sum = 0;
      for (const e of all.slice(0, index + 1))
        if (e.worldShare !== null && `${e.mineral}/${e.stage}` === key) sum += e.worldShare;
      if (sum > 1 + 1e-9)
        refs.issue([...at, 'worldShare'], `world shares of ${key} add up to ${sum.toFixed(3)}, more than 1`);
    }
  },
  create: (ctx) => ({
    node: 'USA',
    mineral: ctx.mineral,
    stage: startStage(ctx),
    tonnesPerYear: null,
    worldShare: 0.1,
  }),
  label: /* @__PURE__ */ labelBy('node'),
});
