/**
 * Tariffs: most-favoured-nation and bilateral rates, and the zones' internal and external
 * rates, into one ad valorem matrix per good (fraction of the origin price).
 */
import * as z from 'zod';
import { isActive, precautionBeforeStart } from './compile.ts';
import { type Atoms, field, mineralOrAllField, stageOrAllField, tariffRate, text } from './fields.ts';
import { goodText, str } from './labels.ts';
import { checkRefs, defineLever, type Items, windowed } from './lever.ts';

/** Tariffs in force in February 2026 that the status quo carries (rates are fractions). */
export const STATUS_QUO_TARIFFS = [
  {
    importer: 'USA',
    exporter: 'CHN',
    mineral: 'all',
    stage: 'all',
    rate: 0.1,
    note: 'US fentanyl-related tariff on imports from China, halved to 10% after the October 2025 Trump–Xi meeting (seed 001).',
    start: 0,
    end: null,
    announced: null,
  },
];

/** One item of the list (with its window). */
function item(a: Atoms) {
  return z.strictObject({
    importer: field(z.string().min(2).max(3), {
      label: 'Importer',
      widget: 'importer',
      description:
        'Importing node code, or "EU" for the EU customs union (EU members cannot have their own tariff).',
    }),
    exporter: field(z.string().max(3).default('all'), {
      label: 'Exporter',
      widget: 'exporterOrAll',
      description: 'Exporting node code, or "all" for a most-favoured-nation (MFN) tariff.',
    }),
    mineral: mineralOrAllField(a),
    stage: stageOrAllField(a),
    rate: field(tariffRate, {
      label: 'Rate',
      widget: 'number',
      description: 'Ad valorem tariff, fraction of the origin price (0.1 = 10%).',
    }),
    note: field(text(500).optional(), {
      label: 'Note',
      widget: 'text',
      description: 'Why the tariff exists (source).',
    }),
  });
}

/** Its part of the engine's monthly tables: the tariff matrix of each good, and the precaution before a tariff. */
export const tariffsPolicy = windowed('tariffs', {
  compile(items: Items<typeof item>, month, ctx, policy) {
    const { N, G, world, scopeMask, nodeIndex } = ctx;
    const zones = ctx.scenario.zones
      .filter((z) => isActive(z, month))
      .map((z) => ({ zone: z, mask: scopeMask(z.id) }));
    // Zone internal > bilateral > zone external > MFN > 0 (see docs/model.md).
    // Goods under the same rules get the same matrix: made once, copied to the others (most
    // rules name every mineral and stage; the matrix is N × N, made in a load's cold code).
    const madeFor = new Map<string, Float64Array>();
    for (let g = 0; g < G; g++) {
      const t = policy.tariff[g];
      const good = world.goods[g];
      // The good's rules, in the list's order, and their places in the list (the matrix's key).
      const rules: (typeof items)[number][] = [];
      let key = '';
      items.forEach((r, i) => {
        if (
          isActive(r, month) &&
          (r.mineral === 'all' || r.mineral === good.mineral) &&
          (r.stage === 'all' || r.stage === good.stage)
        ) {
          rules.push(r);
          key += `${i},`;
        }
      });
      const same = madeFor.get(key);
      if (same) {
        t.set(same);
        continue;
      }
      madeFor.set(key, t);
      const mfn = rules.filter((r) => r.exporter === 'all');
      const bilateral = rules.filter((r) => r.exporter !== 'all');
      const importerMasks = new Map<string, Uint8Array>();
      const importerMask = (ref: string) => {
        let m = importerMasks.get(ref);
        if (!m) {
          m = scopeMask(ref);
          importerMasks.set(ref, m);
        }
        return m;
      };
      const mfnMasks = mfn.map((r) => importerMask(r.importer));
      // Each bilateral rule sets one cell of an importer's column: its exporter's row (−1: no node).
      const bilateralMasks = N > 1 ? bilateral.map((r) => importerMask(r.importer)) : [];
      const bilateralRows = bilateral.map((r) => nodeIndex.get(r.exporter) ?? -1);
      for (let j = 0; j < N; j++) {
        let mfnRate = 0;
        for (let k = 0; k < mfn.length; k++) if (mfnMasks[k][j]) mfnRate = mfn[k].rate;
        let external: number | null = null;
        for (const { zone, mask } of zones)
          if (mask[j] && zone.externalTariff !== null && external === null) external = zone.externalTariff;
        const rate = external ?? mfnRate;
        for (let i = 0; i < N; i++) if (i !== j) t[i * N + j] = rate;
        // The last matching rule wins, as it would read in the list.
        for (let k = 0; k < bilateralMasks.length; k++) {
          const i = bilateralRows[k];
          if (bilateralMasks[k][j] && i !== -1 && i !== j) t[i * N + j] = bilateral[k].rate;
        }
        if (zones.length === 0) continue;
        // A member's partners inside the zone get the internal rate, whatever the rules above say.
        for (let i = 0; i < N; i++) {
          if (i === j) continue;
          let internal = Number.POSITIVE_INFINITY;
          for (const { zone, mask } of zones)
            if (mask[i] && mask[j]) internal = Math.min(internal, zone.internalTariff);
          if (internal !== Number.POSITIVE_INFINITY) t[i * N + j] = internal;
        }
      }
    }
    // Buyers an announced tariff will hit hold more cover until it starts.
    precautionBeforeStart(items, month, ctx, policy, (r) => scopeMask(r.importer));
  },
});

export const tariffs = /* @__PURE__ */ defineLever(tariffsPolicy, {
  title: 'Tariffs',
  one: 'tariff',
  summary: 'Most-favoured-nation and bilateral tariffs (the EU has one external tariff).',
  description:
    'MFN and bilateral tariffs. Default: the tariffs in force in February 2026 (see STATUS_QUO_TARIFFS).',
  maxItems: 500,
  defaultItems: () => STATUS_QUO_TARIFFS.map((t) => ({ ...t })),
  item,
  check(t, at, refs) {
    if (t.importer === 'EU') {
      // The customs union as a whole.
    } else if (refs.euCodes.includes(t.importer)) {
      refs.issue(
        [...at, 'importer'],
        `"${t.importer}" is in the EU customs union, which has one external tariff: use importer "EU"`,
      );
    } else refs.node([...at, 'importer'], t.importer);
    if (t.exporter !== 'all') refs.node([...at, 'exporter'], t.exporter);
    checkRefs(t, at, refs, {});
  },
  create: ({ mineral }) => ({
    importer: 'USA',
    exporter: 'CHN',
    mineral,
    stage: 'all',
    rate: 0.25,
    start: 0,
    end: null,
  }),
  label: (t) => `${str(t.importer)} on ${str(t.exporter)}: ${goodText(t)}`,
});
