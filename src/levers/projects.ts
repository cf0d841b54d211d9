/**
 * Named capacity projects: a mine or plant with its capacity, cost and start month. The engine
 * reads them once (src/engine/coordinator.ts brings each online in its start month): no table.
 */
import * as z from 'zod';
import { type Atoms, field, month, nodeField, text, usdPerTonne } from './fields.ts';
import { str } from './labels.ts';
import { defineLever, readAtStart, referenceTimes } from './lever.ts';

/** One item of the list. */
function item(a: Atoms) {
  return z.strictObject({
    name: field(text(120), {
      label: 'Name',
      widget: 'text',
      description: 'E.g. "MP Materials 10X magnet plant".',
    }),
    node: nodeField(),
    mineral: a.mineral,
    stage: a.stage,
    capacityTonnesPerYear: field(z.number().gt(0).max(1e9), {
      label: 'Capacity',
      widget: 'number',
      description: 'Capacity, t/yr.',
    }),
    unitCostUsdPerTonne: field(usdPerTonne, {
      label: 'Unit cost',
      widget: 'number',
      priceHint: true,
      description: 'Cash cost, USD/t (processors: processing cost excluding input).',
    }),
    startMonth: field(month, {
      label: 'Start month',
      widget: 'month',
      description: 'Month the capacity comes online.',
    }),
  });
}

/** Its part of the engine: read once at the start (src/engine/coordinator.ts brings each online). */
export const projectsPolicy = readAtStart('projects');

export const projects = /* @__PURE__ */ defineLever(projectsPolicy, {
  title: 'Capacity projects',
  one: 'project',
  summary: 'A named mine or plant with its capacity, cost and start month.',
  description: 'Named capacity projects.',
  item,
  references: { node: 'node' },
  create: (ctx) => {
    const stages = ctx.stages(ctx.mineral);
    // The last stage of the chain: the plant a new entrant builds (magnets for rare earths).
    const stage = stages[stages.length - 1] ?? 'refine';
    return {
      name: 'New plant',
      node: 'USA',
      mineral: ctx.mineral,
      stage,
      capacityTonnesPerYear: 10000,
      unitCostUsdPerTonne: referenceTimes(ctx, ctx.mineral, stage, 0.3),
      startMonth: 0,
    };
  },
  label: (p) => str(p.name),
});
