/**
 * Border-adjusted price floors: a zone's imports from outside it pay a variable levy
 * max(0, F − landed cost), recomputed monthly (src/engine/market.ts applies the FloorRule).
 */
import { z } from 'zod';
import {
  defineLever,
  field,
  isActive,
  mineralText,
  referenceTimes,
  startStage,
  str,
  usdPerTonne,
  windowFields,
  zoneId,
} from './lever.ts';

export const priceFloors = defineLever({
  key: 'priceFloors',
  title: 'Price floors',
  one: 'price floor',
  summary: 'Border-adjusted price floors: a variable levy on imports from outside the zone.',
  description: 'Border-adjusted price floors.',
  maxItems: 100,
  windowed: true,
  item: (a) =>
    z.strictObject({
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
    }),
  check(f, at, refs) {
    refs.zone([...at, 'zone'], f.zone);
    refs.good([...at, 'stage'], f.mineral, f.stage);
  },
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
  label: (f) => `${str(f.zone)}: ${mineralText(f.mineral)}, ${str(f.stage)}`,
  compile(items, month, ctx, policy) {
    for (const f of items) {
      const zone = ctx.zonesById.get(f.zone);
      if (!isActive(f, month) || !zone || !isActive(zone, month)) continue;
      for (const g of ctx.goodsMatching(f.mineral, f.stage))
        policy.floors[g].push({ zoneMask: ctx.scopeMask(f.zone), floor: f.floor });
    }
  },
});
