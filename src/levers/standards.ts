/** Standards-based markets: a share of a zone's purchases must come from compliant origins. */
import { z } from 'zod';
import {
  type Atoms,
  defineLever,
  field,
  isActive,
  type LeverPolicy,
  mineralText,
  nodeRef,
  share,
  startStage,
  str,
  windowFields,
  zoneId,
} from './lever.ts';

/** One item of the list. */
function item(a: Atoms) {
  return z.strictObject({
    zone: field(zoneId, { label: 'Zone', widget: 'zone', description: 'Zone that requires the standard.' }),
    mineral: a.mineral,
    stage: a.stage,
    requiredShare: field(share, {
      label: 'Required share',
      widget: 'number',
      description: "Share of the zone's purchases that must come from compliant origins, fraction.",
    }),
    compliantOrigins: field(z.array(nodeRef).max(200), {
      label: 'Compliant origins',
      widget: 'nodeList',
      description: 'Node codes that meet the standard.',
    }),
    ...windowFields,
  });
}

type Item = z.output<ReturnType<typeof item>>;

/** Its part of the engine's monthly tables (and whether its items have a window). */
export const standardsPolicy: LeverPolicy<'standards', Item> = {
  key: 'standards',
  windowed: true,
  compile(items, month, ctx, policy) {
    for (const s of items) {
      if (!isActive(s, month) || !ctx.zonesById.has(s.zone)) continue;
      const compliantMask = new Uint8Array(ctx.N);
      for (const code of s.compliantOrigins) compliantMask[ctx.nodeIndex.get(code)!] = 1;
      for (const g of ctx.goodsMatching(s.mineral, s.stage)) {
        policy.standards[g].push({ zoneMask: ctx.scopeMask(s.zone), share: s.requiredShare, compliantMask });
      }
    }
  },
};

export const standards = /* @__PURE__ */ defineLever(standardsPolicy, {
  title: 'Standards-based markets',
  one: 'standard',
  summary: "A share of the zone's purchases must come from origins that meet a standard.",
  description: 'Standards-based markets.',
  maxItems: 50,
  item,
  check(d, at, refs) {
    refs.zone([...at, 'zone'], d.zone);
    refs.good([...at, 'stage'], d.mineral, d.stage);
    d.compliantOrigins.forEach((code, k) => {
      refs.node([...at, 'compliantOrigins', k], code);
    });
  },
  create: (ctx) => {
    const stage = startStage(ctx);
    // Compliant origins to start from: the two largest producers other than China, and Australia.
    const first = ctx.topProducer(ctx.mineral, stage, ['CHN']);
    const second = ctx.topProducer(ctx.mineral, stage, ['CHN', first]);
    return {
      zone: ctx.zoneId ?? '',
      mineral: ctx.mineral,
      stage,
      requiredShare: 0.5,
      compliantOrigins: [...new Set([first, second, 'AUS'])],
      start: 0,
      end: null,
    };
  },
  label: (s) => `${str(s.zone)}: ${mineralText(s.mineral)}, ${str(s.stage)}`,
});
