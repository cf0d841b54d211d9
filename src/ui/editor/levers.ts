/**
 * The editor's table of levers: one entry per list in the scenario schema, with the widget of
 * each field and a valid new item. Limits, help texts and units come from the schema itself
 * (schemaInfo.ts); this table only says which widget fits (a node, a zone, a mineral, a stage of
 * that mineral, a month window, …). A unit test checks that every schema field has a widget.
 */
import { priceFor } from '../../data/calibration';
import { NODE_GROUPS } from '../../data/groups';
import type { MineralId, StageId } from '../../data/types';
import { count } from '../../present/format.ts';
import type { Draft } from './draft.ts';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'month'
  | 'monthOrNull'
  | 'bool'
  | 'enum'
  | 'node'
  | 'importer'
  | 'exporterOrAll'
  | 'scope'
  | 'scopeOrWorld'
  | 'zone'
  | 'mineral'
  | 'mineralOrAll'
  | 'stage'
  | 'stageOrAll'
  | 'nodeList'
  | 'scopeList'
  | 'destinations'
  | 'members'
  | 'byMineral';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  /** Help when the schema has no description for the field. */
  help?: string;
  /** Show the 2024 reference price of the item's mineral and stage beside the input. */
  priceHint?: boolean;
  /** Show only when the item matches (e.g. quota fields for a quota). */
  visibleIf?: (item: Record<string, unknown>) => boolean;
}

export interface LeverSpec {
  key: string;
  title: string;
  /** Name of one item, for 'Add …'. */
  one: string;
  /** One line on what the lever does. */
  summary: string;
  fields: FieldSpec[];
  /** Heading of one item, e.g. 'CHN → all: rare earths refining, ban'. */
  label(item: Record<string, unknown>, index: number): string;
  /** A valid new item; `context` gives the zone to point at. */
  create(context: { zoneId: string | null; draft: Draft }): Record<string, unknown>;
}

const window: FieldSpec[] = [
  { key: 'start', label: 'Start month', kind: 'month' },
  { key: 'end', label: 'End month', kind: 'monthOrNull' },
  { key: 'announced', label: 'Announced in month', kind: 'monthOrNull' },
];

const mineralStage: FieldSpec[] = [
  { key: 'mineral', label: 'Mineral', kind: 'mineral', help: 'Mineral.' },
  {
    key: 'stage',
    label: 'Stage',
    kind: 'stage',
    help: 'Stage of the chain (only the stages this mineral has).',
  },
];

/** 2024 reference price, USD/t, times a multiple, rounded to 3 significant digits. */
export function referenceTimes(mineral: string, stage: string, multiple: number): number {
  const p = priceFor(mineral as MineralId, stage as StageId)?.usdPerTonne ?? 1000;
  const value = p * multiple;
  const digits = 10 ** (Math.floor(Math.log10(value)) - 2);
  return Math.round(value / digits) * digits;
}

/**
 * A lever item's prices after its mineral or stage changed: each price field (priceHint) keeps
 * its multiple of the reference price, now of the new mineral and stage, so a lithium floor at
 * 1.2× its reference becomes a rare-earth floor at 1.2× the rare-earth reference, not 5.7×.
 * Returns true when a price changed. Prices of "all" minerals or stages have no reference: kept.
 */
export function rescalePrices(
  lever: LeverSpec,
  item: Record<string, unknown>,
  before: { mineral: unknown; stage: unknown },
): boolean {
  const ref = (mineral: unknown, stage: unknown) =>
    priceFor(mineral as MineralId, stage as StageId)?.usdPerTonne ?? Number.NaN;
  const from = ref(before.mineral, before.stage);
  const to = ref(item.mineral, item.stage);
  if (!(from > 0) || !(to > 0) || from === to) return false;
  let changed = false;
  for (const field of lever.fields) {
    const value = item[field.key];
    if (!field.priceHint || typeof value !== 'number' || !(value > 0)) continue;
    item[field.key] = referenceTimes(String(item.mineral), String(item.stage), value / from);
    changed = true;
  }
  return changed;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '?');
const mineralText = (v: unknown) => str(v).replace('_', ' ');

export const LEVERS: readonly LeverSpec[] = [
  {
    key: 'zones',
    one: 'zone',
    title: 'Zones',
    summary: 'Preferential trade zones: tariff-free (or reduced) trade among members.',
    fields: [
      {
        key: 'id',
        label: 'Id',
        kind: 'text',
      },
      { key: 'name', label: 'Name', kind: 'text' },
      { key: 'members', label: 'Members', kind: 'members' },
      { key: 'internalTariff', label: 'Internal tariff', kind: 'number' },
      { key: 'externalTariff', label: 'Common external tariff', kind: 'number' },
      ...window,
    ],
    label: (z) => `${str(z.name)} (${count(Array.isArray(z.members) ? z.members.length : 0, 'node')})`,
    create: ({ draft }) => {
      const used = new Set(((draft.zones as { id?: string }[]) ?? []).map((z) => z.id));
      let n = 1;
      while (used.has(n === 1 ? 'zone' : `zone-${n}`)) n++;
      return {
        id: n === 1 ? 'zone' : `zone-${n}`,
        name: n === 1 ? 'New zone' : `New zone ${n}`,
        members: ['USA'],
        internalTariff: 0,
        externalTariff: null,
        start: 0,
        end: null,
      };
    },
  },
  {
    key: 'tariffs',
    one: 'tariff',
    title: 'Tariffs',
    summary: 'Most-favoured-nation and bilateral tariffs (the EU has one external tariff).',
    fields: [
      { key: 'importer', label: 'Importer', kind: 'importer' },
      { key: 'exporter', label: 'Exporter', kind: 'exporterOrAll' },
      { key: 'mineral', label: 'Mineral', kind: 'mineralOrAll' },
      { key: 'stage', label: 'Stage', kind: 'stageOrAll' },
      { key: 'rate', label: 'Rate', kind: 'number' },
      { key: 'note', label: 'Note', kind: 'text' },
      ...window,
    ],
    label: (t) => `${str(t.importer)} on ${str(t.exporter)}: ${mineralText(t.mineral)}, ${str(t.stage)}`,
    create: () => ({
      importer: 'USA',
      exporter: 'CHN',
      mineral: 'all',
      stage: 'all',
      rate: 0.25,
      start: 0,
      end: null,
    }),
  },
  {
    key: 'priceFloors',
    one: 'price floor',
    title: 'Price floors',
    summary: 'Border-adjusted price floors: a variable levy on imports from outside the zone.',
    fields: [
      { key: 'zone', label: 'Zone', kind: 'zone' },
      ...mineralStage,
      { key: 'floor', label: 'Floor', kind: 'number', priceHint: true },
      ...window,
    ],
    label: (f) => `${str(f.zone)}: ${mineralText(f.mineral)}, ${str(f.stage)}`,
    create: ({ zoneId }) => ({
      zone: zoneId ?? '',
      mineral: 'lithium',
      stage: 'refine',
      floor: referenceTimes('lithium', 'refine', 1.2),
      start: 0,
      end: null,
    }),
  },
  {
    key: 'priceGapSubsidies',
    one: 'price-gap subsidy',
    title: 'Price-gap subsidies',
    summary: "Pays a zone's (or node's) producers the gap between a reference price and the market price.",
    fields: [
      { key: 'scope', label: 'Paid by', kind: 'scope' },
      ...mineralStage,
      { key: 'referencePrice', label: 'Reference price', kind: 'number', priceHint: true },
      { key: 'budgetUsd', label: 'Budget (USD)', kind: 'number' },
      ...window,
    ],
    label: (p) => `${str(p.scope)}: ${mineralText(p.mineral)}, ${str(p.stage)}`,
    create: () => ({
      scope: 'USA',
      mineral: 'copper',
      stage: 'refine',
      referencePrice: referenceTimes('copper', 'refine', 1.3),
      budgetUsd: null,
      start: 0,
      end: null,
    }),
  },
  {
    key: 'exportControls',
    one: 'export control',
    title: 'Export controls',
    summary: 'Bans, quotas or licences on exports, to all destinations or to a list.',
    fields: [
      { key: 'exporter', label: 'Exporter', kind: 'node' },
      { key: 'mineral', label: 'Mineral', kind: 'mineral', help: 'Mineral.' },
      { key: 'stage', label: 'Stage', kind: 'stageOrAll' },
      { key: 'kind', label: 'Kind', kind: 'enum' },
      { key: 'destinations', label: 'Destinations', kind: 'destinations' },
      { key: 'exempt', label: 'Exempt', kind: 'scopeList' },
      {
        key: 'quotaTonnesPerMonth',
        label: 'Quota',
        kind: 'number',
        visibleIf: (c) => c.kind === 'quota',
      },
      {
        key: 'licenceDelayMonths',
        label: 'Licence delay',
        kind: 'number',
        visibleIf: (c) => c.kind === 'licence',
      },
      {
        key: 'approvalShare',
        label: 'Approved a month',
        kind: 'number',
        visibleIf: (c) => c.kind === 'licence',
      },
      { key: 'licenceFee', label: 'Licence fee', kind: 'number', visibleIf: (c) => c.kind === 'licence' },
      { key: 'rentHolder', label: 'Rent goes to', kind: 'enum', visibleIf: (c) => c.kind !== 'ban' },
      { key: 'note', label: 'Note', kind: 'text' },
      ...window,
    ],
    label: (c) => `${str(c.exporter)}: ${mineralText(c.mineral)}, ${str(c.stage)} — ${str(c.kind)}`,
    create: () => ({
      exporter: 'CHN',
      mineral: 'rare_earths',
      stage: 'refine',
      kind: 'ban',
      destinations: 'all',
      exempt: [],
      quotaTonnesPerMonth: 0,
      licenceDelayMonths: 2,
      approvalShare: 1,
      licenceFee: 0,
      rentHolder: 'exporter-firms',
      start: 0,
      end: null,
      announced: null,
    }),
  },
  {
    key: 'offtakes',
    one: 'offtake',
    title: 'Offtake agreements',
    summary: "A buyer commits to take a share of a producer's output at an agreed price.",
    fields: [
      { key: 'buyer', label: 'Buyer', kind: 'scope' },
      { key: 'seller', label: 'Seller', kind: 'node' },
      ...mineralStage,
      { key: 'share', label: 'Share', kind: 'number' },
      { key: 'priceUsdPerTonne', label: 'Price', kind: 'number', priceHint: true },
      ...window,
    ],
    label: (o) => `${str(o.buyer)} from ${str(o.seller)}: ${mineralText(o.mineral)}, ${str(o.stage)}`,
    create: () => ({
      buyer: 'USA',
      seller: 'CHL',
      mineral: 'lithium',
      stage: 'refine',
      share: 0.3,
      priceUsdPerTonne: referenceTimes('lithium', 'refine', 1.1),
      start: 0,
      end: null,
    }),
  },
  {
    key: 'stockpiles',
    one: 'stockpile',
    title: 'Stockpiles',
    summary: 'Agencies that buy below a trigger price and release above another (or in a disruption).',
    fields: [
      { key: 'name', label: 'Name', kind: 'text' },
      { key: 'holder', label: 'Holder', kind: 'scope' },
      ...mineralStage,
      { key: 'budgetUsd', label: 'Budget (USD)', kind: 'number' },
      { key: 'initialTonnes', label: 'Initial stock', kind: 'number' },
      { key: 'buyBelowUsd', label: 'Buy below', kind: 'number', priceHint: true },
      { key: 'releaseAboveUsd', label: 'Release above', kind: 'number', priceHint: true },
      { key: 'maxBuyTonnesPerMonth', label: 'Max purchase', kind: 'number' },
      { key: 'maxReleaseTonnesPerMonth', label: 'Max release', kind: 'number' },
      { key: 'releaseOnDisruption', label: 'Release in a disruption', kind: 'bool' },
      ...window,
    ],
    label: (p) => str(p.name),
    create: () => ({
      name: 'New stockpile',
      holder: 'USA',
      mineral: 'cobalt',
      stage: 'refine',
      budgetUsd: 1e9,
      initialTonnes: 0,
      buyBelowUsd: referenceTimes('cobalt', 'refine', 1.1),
      releaseAboveUsd: referenceTimes('cobalt', 'refine', 1.5),
      maxBuyTonnesPerMonth: 500,
      maxReleaseTonnesPerMonth: 1000,
      releaseOnDisruption: true,
      start: 0,
      end: null,
    }),
  },
  {
    key: 'disruptions',
    one: 'disruption',
    title: 'Declared disruptions',
    summary: 'Periods in which stockpiles that release on disruption sell.',
    fields: [
      { key: 'mineral', label: 'Mineral', kind: 'mineral', help: 'Mineral.' },
      { key: 'stage', label: 'Stage', kind: 'stageOrAll', help: 'Stage, or "all".' },
      { key: 'note', label: 'Note', kind: 'text' },
      ...window,
    ],
    label: (d) => `${mineralText(d.mineral)}, ${str(d.stage)}`,
    create: () => ({ mineral: 'cobalt', stage: 'all', start: 0, end: 12 }),
  },
  {
    key: 'shocks',
    one: 'shock',
    title: 'Supply shocks',
    summary: 'Capacity lost at a node for a period (a mine flood, a strike, a plant fire).',
    fields: [
      { key: 'node', label: 'Node', kind: 'node' },
      ...mineralStage,
      { key: 'capacityLoss', label: 'Capacity lost', kind: 'number' },
      ...window,
    ],
    label: (s) => `${str(s.node)}: ${mineralText(s.mineral)}, ${str(s.stage)}`,
    create: () => ({ node: 'COD', mineral: 'cobalt', stage: 'mine', capacityLoss: 0.5, start: 0, end: 12 }),
  },
  {
    key: 'demandGrowth',
    one: 'growth path',
    title: 'Demand growth',
    summary: 'Growth paths of base demand; later rows override earlier ones and the data default.',
    fields: [
      { key: 'scope', label: 'Where', kind: 'scopeOrWorld' },
      { key: 'mineral', label: 'Mineral', kind: 'mineralOrAll', help: 'Mineral, or "all".' },
      { key: 'ratePerYear', label: 'Rate per year', kind: 'number' },
      ...window,
    ],
    label: (d) => `${str(d.scope)}: ${mineralText(d.mineral)}`,
    create: () => ({ scope: 'world', mineral: 'all', ratePerYear: 0.1, start: 0, end: null }),
  },
  {
    key: 'permitting',
    one: 'permitting rule',
    title: 'Permitting',
    summary: 'How long new capacity takes from decision to output.',
    fields: [
      { key: 'scope', label: 'Where', kind: 'scopeOrWorld' },
      { key: 'mineral', label: 'Mineral', kind: 'mineralOrAll', help: 'Mineral, or "all".' },
      { key: 'stage', label: 'Stage', kind: 'stageOrAll', help: 'Stage, or "all".' },
      { key: 'buildLagMonths', label: 'Build lag', kind: 'number' },
      ...window,
    ],
    label: (d) => `${str(d.scope)}: ${mineralText(d.mineral)}, ${str(d.stage)}`,
    create: () => ({ scope: 'world', mineral: 'all', stage: 'all', buildLagMonths: 12, start: 0, end: null }),
  },
  {
    key: 'investmentSupport',
    one: 'investment support',
    title: 'Investment support',
    summary: 'Government equity or finance that lowers the margin new capacity must clear.',
    fields: [
      { key: 'scope', label: 'Where', kind: 'scopeOrWorld' },
      { key: 'mineral', label: 'Mineral', kind: 'mineralOrAll', help: 'Mineral, or "all".' },
      { key: 'stage', label: 'Stage', kind: 'stageOrAll', help: 'Stage, or "all".' },
      { key: 'hurdleReduction', label: 'Hurdle cut', kind: 'number' },
      ...window,
    ],
    label: (d) => `${str(d.scope)}: ${mineralText(d.mineral)}, ${str(d.stage)}`,
    create: () => ({
      scope: 'world',
      mineral: 'all',
      stage: 'all',
      hurdleReduction: 0.2,
      start: 0,
      end: null,
    }),
  },
  {
    key: 'projects',
    one: 'project',
    title: 'Capacity projects',
    summary: 'A named mine or plant with its capacity, cost and start month.',
    fields: [
      { key: 'name', label: 'Name', kind: 'text' },
      { key: 'node', label: 'Node', kind: 'node' },
      ...mineralStage,
      { key: 'capacityTonnesPerYear', label: 'Capacity', kind: 'number' },
      { key: 'unitCostUsdPerTonne', label: 'Unit cost', kind: 'number', priceHint: true },
      { key: 'startMonth', label: 'Start month', kind: 'month' },
    ],
    label: (p) => str(p.name),
    create: () => ({
      name: 'New magnet plant',
      node: 'USA',
      mineral: 'rare_earths',
      stage: 'magnet',
      capacityTonnesPerYear: 10000,
      unitCostUsdPerTonne: referenceTimes('rare_earths', 'magnet', 0.3),
      startMonth: 0,
    }),
  },
  {
    key: 'recycling',
    one: 'recycling rule',
    title: 'Recycling',
    summary: 'A share of past consumption returns as secondary refined supply.',
    fields: [
      { key: 'scope', label: 'Where', kind: 'scopeOrWorld' },
      { key: 'mineral', label: 'Mineral', kind: 'mineral', help: 'Mineral.' },
      { key: 'share', label: 'Share', kind: 'number' },
      { key: 'lagMonths', label: 'Lag', kind: 'number' },
      ...window,
    ],
    label: (r) => `${str(r.scope)}: ${mineralText(r.mineral)}`,
    create: () => ({ scope: 'world', mineral: 'cobalt', share: 0.2, lagMonths: 0, start: 0, end: null }),
  },
  {
    key: 'standards',
    one: 'standard',
    title: 'Standards-based markets',
    summary: "A share of the zone's purchases must come from origins that meet a standard.",
    fields: [
      { key: 'zone', label: 'Zone', kind: 'zone', help: 'Zone that requires the standard.' },
      ...mineralStage,
      { key: 'requiredShare', label: 'Required share', kind: 'number' },
      { key: 'compliantOrigins', label: 'Compliant origins', kind: 'nodeList' },
      ...window,
    ],
    label: (s) => `${str(s.zone)}: ${mineralText(s.mineral)}, ${str(s.stage)}`,
    create: ({ zoneId }) => ({
      zone: zoneId ?? '',
      mineral: 'lithium',
      stage: 'refine',
      requiredShare: 0.5,
      compliantOrigins: ['AUS', 'CHL', 'ARG'],
      start: 0,
      end: null,
    }),
  },
  {
    key: 'startingStocks',
    one: 'starting stock',
    title: 'Starting stocks',
    summary: 'Stocks held at the start, in months of cover, instead of the data default.',
    fields: [
      { key: 'scope', label: 'Where', kind: 'scopeOrWorld' },
      ...mineralStage,
      { key: 'producerMonths', label: "Producers' stock (months)", kind: 'number' },
      { key: 'buyerMonths', label: "Buyers' stock (months)", kind: 'number' },
    ],
    label: (s) => `${str(s.scope)}: ${mineralText(s.mineral)}, ${str(s.stage)}`,
    create: () => ({
      scope: 'world',
      mineral: 'cobalt',
      stage: 'refine',
      producerMonths: null,
      buyerMonths: 3,
    }),
  },
  {
    key: 'capacityOverrides',
    one: 'starting capacity',
    title: 'Starting structure',
    summary: "A node's starting output and capacity, as tonnes or as a share of the world (2024 otherwise).",
    fields: [
      { key: 'node', label: 'Node', kind: 'node' },
      ...mineralStage,
      { key: 'tonnesPerYear', label: 'Output (t/yr)', kind: 'number' },
      { key: 'worldShare', label: 'Share of world', kind: 'number' },
    ],
    label: (s) => `${str(s.node)}: ${mineralText(s.mineral)}, ${str(s.stage)}`,
    create: () => ({
      node: 'USA',
      mineral: 'rare_earths',
      stage: 'refine',
      tonnesPerYear: null,
      worldShare: 0.1,
    }),
  },
];

/** Fields of the scenario itself (outside any list). */
export const SCENARIO_FIELDS: readonly FieldSpec[] = [
  { key: 'name', label: 'Name', kind: 'text' },
  { key: 'description', label: 'Description', kind: 'textarea' },
  { key: 'months', label: 'Months', kind: 'number' },
  { key: 'resolution', label: 'Agents (resolution)', kind: 'number' },
  { key: 'seed', label: 'Seed', kind: 'number' },
];

/** The two objects of model parameters. */
export const PARAMETER_GROUPS: readonly {
  key: string;
  title: string;
  summary: string;
  fields: FieldSpec[];
}[] = [
  {
    key: 'elasticities',
    title: 'Elasticities',
    summary: 'How demand and the choice between origins respond to prices.',
    fields: [
      { key: 'demand', label: 'Demand', kind: 'number' },
      { key: 'demandByMineral', label: 'Demand, per mineral', kind: 'byMineral' },
      { key: 'demandLongRun', label: 'Demand, long run', kind: 'number' },
      { key: 'demandLongRunByMineral', label: 'Demand, long run, per mineral', kind: 'byMineral' },
      { key: 'substitution', label: 'Substitution', kind: 'number' },
      { key: 'substitutionByMineral', label: 'Substitution, per mineral', kind: 'byMineral' },
      { key: 'priceAdjustment', label: 'Price adjustment', kind: 'number' },
    ],
  },
  {
    key: 'market',
    title: 'Market',
    summary: 'Transport, the margin new capacity must clear, and build times.',
    fields: [
      { key: 'freightUsdPerTonneKm', label: 'Freight', kind: 'number' },
      { key: 'handlingUsdPerTonne', label: 'Handling', kind: 'number' },
      { key: 'hurdle', label: 'Hurdle', kind: 'number' },
      { key: 'mineBuildLagMonths', label: 'Mine build lag', kind: 'number' },
      { key: 'processorBuildLagMonths', label: 'Plant build lag', kind: 'number' },
      { key: 'expansionLagMonths', label: 'Expansion lag', kind: 'number' },
      { key: 'precautionaryCoverMonths', label: 'Precautionary cover', kind: 'number' },
    ],
  },
];

/** Zone quick sets: the named groups of the Ministerial and its agreements (src/data/groups.ts). */
export const QUICK_SETS = NODE_GROUPS;
