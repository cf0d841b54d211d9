/**
 * Export controls: bans, quotas and licences by an exporting node, to all destinations or a
 * list; the market opens a route price above the exporter's domestic price (src/engine/market.ts).
 */
import * as z from 'zod';
import type { PolicyContext } from '../engine/policy.ts';
import { forEachActive, precautionBeforeStart } from './compile.ts';
import { type Atoms, field, nodeRef, scopeRef, share, text, tonnes } from './fields.ts';
import { goodText, str } from './labels.ts';
import { defineLever, type Items, startStage, windowed } from './lever.ts';

const LICENCE = { field: 'kind', in: ['licence'] } as const;

/** The destinations a control applies to: its list (or all), less the exempt and the exporter. */
function destinationMask(
  ctx: PolicyContext,
  c: { destinations: 'all' | string[]; exempt: string[] },
  exporter: number,
): Uint8Array {
  const mask = c.destinations === 'all' ? new Uint8Array(ctx.N).fill(1) : ctx.unionMask(c.destinations);
  const exempt = ctx.unionMask(c.exempt);
  for (let j = 0; j < ctx.N; j++) if (exempt[j] || j === exporter) mask[j] = 0;
  return mask;
}

/** One item of the list (with its window). */
function item(a: Atoms) {
  return z.strictObject({
    exporter: field(nodeRef, {
      label: 'Exporter',
      widget: 'node',
      description: 'Node that restricts its exports.',
    }),
    mineral: a.mineral,
    stage: a.stageOrAll.describe('Stage restricted, or "all".'),
    kind: field(z.enum(['ban', 'quota', 'licence']), {
      label: 'Kind',
      widget: 'enum',
      description:
        'ban: no exports; quota: at most quotaTonnesPerMonth (0 t is a ban); licence: exports need approvals that come after a processing delay and for a share of the applications each month, with an optional fee.',
    }),
    destinations: field(z.union([z.literal('all'), z.array(scopeRef).min(1).max(200)]).default('all'), {
      label: 'Destinations',
      widget: 'destinations',
      description: '"all", or a list of node codes and zone ids the control applies to.',
    }),
    exempt: field(z.array(scopeRef).max(200).default([]), {
      label: 'Exempt',
      widget: 'scopeList',
      description: 'Node codes or zone ids exempted ("to all but a list").',
    }),
    quotaTonnesPerMonth: field(tonnes.default(0), {
      label: 'Quota',
      widget: 'number',
      visibleIf: { field: 'kind', in: ['quota'] },
      description: 'Quota: tonnes per month to the restricted destinations together.',
    }),
    licenceDelayMonths: field(z.int().min(0).max(24).default(2), {
      label: 'Licence delay',
      widget: 'number',
      visibleIf: LICENCE,
      description: 'Licence: months an application is processed before it can be approved.',
    }),
    approvalShare: field(share.default(1), {
      label: 'Approved a month',
      widget: 'number',
      visibleIf: LICENCE,
      description:
        'Licence: share of the processed applications (the backlog) approved each month, fraction; the rest waits.',
    }),
    licenceFee: field(z.number().min(0).max(5).default(0), {
      label: 'Licence fee',
      widget: 'number',
      visibleIf: LICENCE,
      description: 'Licence: fee as a fraction of the origin price, collected by the exporting state.',
    }),
    rentHolder: field(z.enum(['exporter-firms', 'exporter-state', 'importers']).default('exporter-firms'), {
      label: 'Rent goes to',
      widget: 'enum',
      visibleIf: { field: 'kind', in: ['quota', 'licence'] },
      description:
        'Who holds the scarcity rent of a binding quota or licence (export price − domestic price): the exporting firms (higher receipts), the exporting state (licence revenue) or the importers holding quota.',
    }),
    note: field(text(500).optional(), { label: 'Note', widget: 'text' }),
  });
}

/** Its part of the engine's monthly tables: the controls on each good, and the precaution before them. */
export const exportControlsPolicy = windowed('exportControls', {
  compile(items: Items<typeof item>, month, ctx, policy) {
    forEachActive(items, month, (c, index) => {
      const exporter = ctx.nodeIndex.get(c.exporter)!;
      const mask = destinationMask(ctx, c, exporter);
      // A quota of 0 t and a ban are the same policy: no route price lets anything through.
      const kind = c.kind === 'quota' && !(c.quotaTonnesPerMonth > 0) ? 'ban' : c.kind;
      for (const g of ctx.goodsMatching(c.mineral, c.stage)) {
        policy.controls[g].push({
          index,
          exporter,
          kind,
          destinationMask: mask,
          quotaPerMonth: c.quotaTonnesPerMonth,
          delayMonths: c.licenceDelayMonths,
          approvalShare: c.approvalShare,
          fee: c.licenceFee,
          rentHolder: c.rentHolder,
          end: c.end,
        });
      }
    });
    // Buyers an announced control will hit hold more cover until it starts.
    precautionBeforeStart(items, month, ctx, policy, (c) =>
      destinationMask(ctx, c, ctx.nodeIndex.get(c.exporter)!),
    );
  },
});

export const exportControls = /* @__PURE__ */ defineLever(exportControlsPolicy, {
  title: 'Export controls',
  one: 'export control',
  summary: 'Bans, quotas or licences on exports, to all destinations or to a list.',
  description: 'Export bans, quotas and licences by an exporting node.',
  item,
  references: { exporter: 'node' },
  check(c, at, refs) {
    if (c.destinations !== 'all') {
      c.destinations.forEach((d, k) => {
        refs.scope([...at, 'destinations', k], d, false);
      });
    }
    c.exempt.forEach((d, k) => {
      refs.scope([...at, 'exempt', k], d, false);
    });
  },
  create: (ctx) => {
    const stage = startStage(ctx);
    return {
      exporter: ctx.topProducer(ctx.mineral, stage),
      mineral: ctx.mineral,
      stage,
      kind: 'ban' as const,
      destinations: 'all' as const,
      exempt: [],
      quotaTonnesPerMonth: 0,
      licenceDelayMonths: 2,
      approvalShare: 1,
      licenceFee: 0,
      rentHolder: 'exporter-firms' as const,
      start: 0,
      end: null,
      announced: null,
    };
  },
  label: (c) => `${str(c.exporter)}: ${goodText(c)} — ${str(c.kind)}`,
});
