/** Standards-based markets: a share of a zone's purchases must come from compliant origins. */
import { z } from 'zod';
import {
  type Atoms,
  checkRefs,
  defineLever,
  field,
  forEachActiveGood,
  type LeverPolicy,
  labelBy,
  nodeRef,
  share,
  startStage,
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
    // One mask of compliant origins per item, shared by the goods it covers.
    const compliantMasks = items.map((s) => {
      const mask = new Uint8Array(ctx.N);
      for (const code of s.compliantOrigins) mask[ctx.nodeIndex.get(code)!] = 1;
      return mask;
    });
    forEachActiveGood(items, month, ctx, (s, g, index) => {
      if (!ctx.zonesById.has(s.zone)) return;
      policy.standards[g].push({
        zoneMask: ctx.scopeMask(s.zone),
        share: s.requiredShare,
        compliantMask: compliantMasks[index],
      });
    });
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
    checkRefs(d, at, refs, { zone: 'zone' });
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
  label: labelBy('zone'),
});
