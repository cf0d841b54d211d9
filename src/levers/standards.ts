/** Standards-based markets: a share of a zone's purchases must come from compliant origins. */
import * as z from 'zod';
import { addRulesPerGood } from './compile.ts';
import { type Atoms, field, nodeRef, share, zoneField } from './fields.ts';
import { labelBy } from './labels.ts';
import { defineLever, type Items, startStage, windowed } from './lever.ts';

/** One item of the list (with its window). */
function item(a: Atoms) {
  return z.strictObject({
    zone: zoneField('Zone that requires the standard.'),
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
  });
}

/** Its part of the engine's monthly tables: the standards each good's buyers must meet. */
export const standardsPolicy = windowed('standards', {
  compile(items: Items<typeof item>, month, ctx, policy) {
    // One mask of compliant origins per item, shared by the goods it covers.
    const compliantMasks = items.map((s) => {
      const mask = new Uint8Array(ctx.N);
      for (const code of s.compliantOrigins) mask[ctx.nodeIndex.get(code)!] = 1;
      return mask;
    });
    addRulesPerGood(items, month, ctx, policy.standards, (s, _g, index) =>
      ctx.zonesById.has(s.zone)
        ? { zoneMask: ctx.scopeMask(s.zone), share: s.requiredShare, compliantMask: compliantMasks[index] }
        : null,
    );
  },
});

export const standards = /* @__PURE__ */ defineLever(standardsPolicy, {
  title: 'Standards-based markets',
  one: 'standard',
  summary: "A share of the zone's purchases must come from origins that meet a standard.",
  description: 'Standards-based markets.',
  maxItems: 50,
  item,
  references: { zone: 'zone' },
  check(d, at, refs) {
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
  label: /* @__PURE__ */ labelBy('zone'),
});
