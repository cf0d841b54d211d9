/**
 * Border-adjusted price floors: a zone's imports from outside it pay a variable levy
 * max(0, F − landed cost), recomputed monthly (src/engine/market.ts applies the FloorRule).
 */
import * as z from 'zod';
import { addRulesPerGood, isActive } from './compile.ts';
import { type Atoms, field, usdPerTonne, zoneField } from './fields.ts';
import { labelBy } from './labels.ts';
import { defineLever, type Items, referenceTimes, startStage, windowed } from './lever.ts';

/** One item of the list (with its window). */
function item(a: Atoms) {
  return z.strictObject({
    zone: zoneField('Zone that applies the floor at its border.'),
    mineral: a.mineral,
    stage: a.stage,
    floor: field(usdPerTonne, {
      label: 'Floor',
      widget: 'number',
      priceHint: true,
      description:
        'Reference price F, USD/t. Imports from outside the zone pay a variable levy max(0, F − landed cost), recomputed monthly.',
    }),
  });
}

/** Its part of the engine's monthly tables: the floors on each good. */
export const priceFloorsPolicy = windowed('priceFloors', {
  compile(items: Items<typeof item>, month, ctx, policy) {
    addRulesPerGood(items, month, ctx, policy.floors, (f) => {
      // A floor applies only while its zone is in force.
      const zone = ctx.zonesById.get(f.zone);
      return zone && isActive(zone, month) ? { zoneMask: ctx.scopeMask(f.zone), floor: f.floor } : null;
    });
  },
});

export const priceFloors = /* @__PURE__ */ defineLever(priceFloorsPolicy, {
  title: 'Price floors',
  one: 'price floor',
  summary: 'Border-adjusted price floors: a variable levy on imports from outside the zone.',
  description: 'Border-adjusted price floors.',
  item,
  references: { zone: 'zone' },
  create: (ctx) => {
    const stage = startStage(ctx);
    return {
      zone: ctx.zoneId ?? '',
      mineral: ctx.mineral,
      stage,
      floor: referenceTimes(ctx, ctx.mineral, stage, 1.2),
      start: 0,
      end: null,
    };
  },
  label: /* @__PURE__ */ labelBy('zone'),
});
