/**
 * Border-adjusted price floors: a zone's imports from outside it pay a variable levy
 * max(0, F − landed cost), recomputed monthly (src/engine/market.ts applies the FloorRule).
 */
import { z } from 'zod';
import {
  type Atoms,
  checkRefs,
  defineLever,
  field,
  forEachActiveGood,
  isActive,
  type LeverPolicy,
  labelBy,
  referenceTimes,
  startStage,
  usdPerTonne,
  windowFields,
  zoneId,
} from './lever.ts';

/** One item of the list. */
function item(a: Atoms) {
  return z.strictObject({
    zone: field(zoneId, {
      label: 'Zone',
      widget: 'zone',
      description: 'Zone that applies the floor at its border.',
    }),
    mineral: a.mineral,
    stage: a.stage,
    floor: field(usdPerTonne, {
      label: 'Floor',
      widget: 'number',
      priceHint: true,
      description:
        'Reference price F, USD/t. Imports from outside the zone pay a variable levy max(0, F − landed cost), recomputed monthly.',
    }),
    ...windowFields,
  });
}

type Item = z.output<ReturnType<typeof item>>;

/** Its part of the engine's monthly tables (and whether its items have a window). */
export const priceFloorsPolicy: LeverPolicy<'priceFloors', Item> = {
  key: 'priceFloors',
  windowed: true,
  compile(items, month, ctx, policy) {
    forEachActiveGood(items, month, ctx, (f, g) => {
      // A floor applies only while its zone is in force.
      const zone = ctx.zonesById.get(f.zone);
      if (zone && isActive(zone, month))
        policy.floors[g].push({ zoneMask: ctx.scopeMask(f.zone), floor: f.floor });
    });
  },
};

export const priceFloors = /* @__PURE__ */ defineLever(priceFloorsPolicy, {
  title: 'Price floors',
  one: 'price floor',
  summary: 'Border-adjusted price floors: a variable levy on imports from outside the zone.',
  description: 'Border-adjusted price floors.',
  maxItems: 100,
  item,
  check: (f, at, refs) => checkRefs(f, at, refs, { zone: 'zone' }),
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
  label: labelBy('zone'),
});
