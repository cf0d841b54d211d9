/**
 * The scenario: one versioned JSON document that says everything a run needs. This schema is
 * the single source of truth for defaults (the status quo), validation (links, files, the
 * command line, the editor) and the field-by-field documentation (docs/scenario.md is generated
 * from the `.describe()` texts below).
 *
 * Conventions: months count from 0 = January 2026; a lever is active for start <= month < end
 * (end null = until the run ends). Rates and shares are fractions (0.25 = 25%). Prices are USD
 * per tonne of the mineral's unit (see src/data/minerals.ts). Tonnes are metric tonnes.
 */
import { z } from 'zod';
import {
  STATUS_QUO_FREIGHT_USD_PER_TONNE_KM,
  STATUS_QUO_HANDLING_USD_PER_TONNE,
} from '../engine/constants.ts';

// No code generation: zod's fast path probes `Function('')`, which the app's Content-Security-Policy
// forbids (and reports as a violation).
z.config({ jitless: true });

export const SCENARIO_VERSION = 1;

/** Largest scenario document accepted, in characters of JSON (links, files, the command line). */
export const MAX_SCENARIO_CHARS = 1_000_000;

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

/** What the schema must know of the world: node codes and which stages each mineral has. */
export interface Catalog {
  nodes: readonly { code: string; euMember: boolean }[];
  minerals: readonly { id: string; stages: readonly { id: string }[] }[];
}

const month = z.int().min(0).max(1200);
const share = z.number().min(0).max(1);
const tariffRate = z.number().min(0).max(10);
const usdPerTonne = z.number().gt(0).max(1e9);
const tonnes = z.number().min(0).max(1e10);
const text = (max: number) => z.string().max(max);
/** Zone ids are lower-case so they never clash with the upper-case node codes. */
const zoneId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'a zone id is lower-case letters, digits and "-", starting with a letter');
/** A node code ('CHN'), a zone id ('club'), or 'world', depending on the field. */
const scopeRef = z.string().min(1).max(32);
const nodeRef = z.string().regex(/^[A-Z]{3}$/, 'a node code is three capital letters, e.g. "CHN"');

const windowFields = {
  start: month.default(0).describe('First month the lever is active (0 = January 2026).'),
  end: month
    .nullable()
    .default(null)
    .describe('Month the lever stops (exclusive); null = until the end of the run.'),
  announced: month
    .nullable()
    .default(null)
    .describe(
      'Month the lever is announced, at or before its start; null = it takes effect unannounced. Buyers an announced export control, tariff or supply shock will hit build precautionary stocks in between.',
    ),
};

function enumOrAll(values: readonly string[], what: string) {
  return z.string().refine((v) => v === 'all' || values.includes(v), {
    message: `${what} must be "all" or one of: ${values.join(', ')}`,
  });
}

export function buildScenarioSchema(catalog: Catalog) {
  const mineralIds = catalog.minerals.map((m) => m.id);
  const stageIds = [...new Set(catalog.minerals.flatMap((m) => m.stages.map((s) => s.id)))];
  const mineral = z
    .string()
    .refine((v) => mineralIds.includes(v), { message: `mineral must be one of: ${mineralIds.join(', ')}` })
    .describe(`Mineral id: ${mineralIds.join(', ')}.`);
  const stage = z
    .string()
    .refine((v) => stageIds.includes(v), { message: `stage must be one of: ${stageIds.join(', ')}` })
    .describe(`Stage id: ${stageIds.join(', ')} (magnet: rare earths only).`);
  const mineralOrAll = enumOrAll(mineralIds, 'mineral');
  const stageOrAll = enumOrAll(stageIds, 'stage');

  const zone = z.strictObject({
    id: zoneId.describe('Short id used by other levers to name this zone, e.g. "ministerial".'),
    name: text(120).describe('Display name.'),
    members: z.array(nodeRef).min(1).max(200).describe('Node codes of the members.'),
    internalTariff: tariffRate
      .default(0)
      .describe('Tariff on trade between members, fraction (0 = tariff-free).'),
    externalTariff: tariffRate
      .nullable()
      .default(null)
      .describe(
        'Common tariff on imports from non-members, fraction; null = members keep their own tariffs.',
      ),
    ...windowFields,
  });

  const tariff = z.strictObject({
    importer: z
      .string()
      .min(2)
      .max(3)
      .describe(
        'Importing node code, or "EU" for the EU customs union (EU members cannot have their own tariff).',
      ),
    exporter: z
      .string()
      .max(3)
      .default('all')
      .describe('Exporting node code, or "all" for a most-favoured-nation (MFN) tariff.'),
    mineral: mineralOrAll.default('all').describe('Mineral, or "all".'),
    stage: stageOrAll.default('all').describe('Stage, or "all".'),
    rate: tariffRate.describe('Ad valorem tariff, fraction of the origin price (0.1 = 10%).'),
    note: text(500).optional().describe('Why the tariff exists (source).'),
    ...windowFields,
  });

  const priceFloor = z.strictObject({
    zone: zoneId.describe('Zone that applies the floor at its border.'),
    mineral,
    stage,
    floor: usdPerTonne.describe(
      'Reference price F, USD/t. Imports from outside the zone pay a variable levy max(0, F − landed cost), recomputed monthly.',
    ),
    ...windowFields,
  });

  const priceGapSubsidy = z.strictObject({
    scope: scopeRef.describe('Zone id or node code whose producers are paid the gap.'),
    mineral,
    stage,
    referencePrice: usdPerTonne.describe(
      'Producers are paid max(0, reference − market price) per tonne sold, USD/t.',
    ),
    budgetUsd: z.number().min(0).nullable().default(null).describe('Total budget, USD; null = unlimited.'),
    ...windowFields,
  });

  const exportControl = z.strictObject({
    exporter: nodeRef.describe('Node that restricts its exports.'),
    mineral,
    stage: stageOrAll.describe('Stage restricted, or "all".'),
    kind: z
      .enum(['ban', 'quota', 'licence'])
      .describe(
        'ban: no exports; quota: at most quotaTonnesPerMonth (0 t is a ban); licence: exports need approvals that come after a processing delay and for a share of the applications each month, with an optional fee.',
      ),
    destinations: z
      .union([z.literal('all'), z.array(scopeRef).min(1).max(200)])
      .default('all')
      .describe('"all", or a list of node codes and zone ids the control applies to.'),
    exempt: z
      .array(scopeRef)
      .max(200)
      .default([])
      .describe('Node codes or zone ids exempted ("to all but a list").'),
    quotaTonnesPerMonth: tonnes
      .default(0)
      .describe('Quota: tonnes per month to the restricted destinations together.'),
    licenceDelayMonths: z
      .int()
      .min(0)
      .max(24)
      .default(2)
      .describe('Licence: months an application is processed before it can be approved.'),
    approvalShare: share
      .default(1)
      .describe(
        'Licence: share of the processed applications (the backlog) approved each month, fraction; the rest waits.',
      ),
    licenceFee: z
      .number()
      .min(0)
      .max(5)
      .default(0)
      .describe('Licence: fee as a fraction of the origin price, collected by the exporting state.'),
    rentHolder: z
      .enum(['exporter-firms', 'exporter-state', 'importers'])
      .default('exporter-firms')
      .describe(
        'Who holds the scarcity rent of a binding quota or licence (export price − domestic price): the exporting firms (higher receipts), the exporting state (licence revenue) or the importers holding quota.',
      ),
    note: text(500).optional(),
    ...windowFields,
  });

  const offtake = z.strictObject({
    buyer: scopeRef.describe('Node code or zone id that takes the material.'),
    seller: nodeRef.describe('Producing node.'),
    mineral,
    stage,
    share: share.describe("Share of the seller's monthly offer committed to the buyer, fraction."),
    priceUsdPerTonne: usdPerTonne.describe(
      'Agreed price, USD/t, paid to the seller for the committed volume.',
    ),
    ...windowFields,
  });

  const stockpile = z.strictObject({
    name: text(120),
    holder: scopeRef.describe(
      'Node code or zone id holding the stockpile (a zone holds it at its largest consumer).',
    ),
    mineral,
    stage,
    budgetUsd: z.number().min(0).max(1e13).describe('Money available for purchases, USD.'),
    initialTonnes: tonnes.default(0).describe('Stock at the start, t.'),
    buyBelowUsd: usdPerTonne.describe("Buys while the holder's price is below this, USD/t."),
    releaseAboveUsd: usdPerTonne.describe("Releases while the holder's price is above this, USD/t."),
    maxBuyTonnesPerMonth: tonnes.describe('Purchase limit, t/month.'),
    maxReleaseTonnesPerMonth: tonnes.describe('Release limit, t/month.'),
    releaseOnDisruption: z
      .boolean()
      .default(true)
      .describe(
        "Also releases during a declared disruption: 1.5 × last month's unmet demand in its scope, within the limit.",
      ),
    ...windowFields,
  });

  const disruption = z.strictObject({
    mineral,
    stage: stageOrAll.default('all'),
    note: text(500).optional(),
    ...windowFields,
  });

  const shock = z.strictObject({
    node: nodeRef.describe('Node whose capacity is lost.'),
    mineral,
    stage,
    capacityLoss: share.describe('Share of the capacity lost while the shock lasts, fraction.'),
    ...windowFields,
  });

  const demandGrowth = z.strictObject({
    scope: scopeRef.default('world').describe('"world", a zone id or a node code.'),
    mineral: mineralOrAll.default('all'),
    ratePerYear: z
      .number()
      .min(-0.5)
      .max(2)
      .describe('Compound growth of base demand, per year (0.1 = 10%/yr).'),
    ...windowFields,
  });

  const permitting = z.strictObject({
    scope: scopeRef.describe('"world", a zone id or a node code.'),
    mineral: mineralOrAll.default('all'),
    stage: stageOrAll.default('all'),
    buildLagMonths: z.int().min(1).max(240).describe('Months from an investment decision to new capacity.'),
    ...windowFields,
  });

  const investmentSupport = z.strictObject({
    scope: scopeRef.describe('"world", a zone id or a node code.'),
    mineral: mineralOrAll.default('all'),
    stage: stageOrAll.default('all'),
    hurdleReduction: share.describe(
      'Cut in the expected margin new capacity must clear (government equity or finance), fraction of unit cost.',
    ),
    ...windowFields,
  });

  const project = z.strictObject({
    name: text(120).describe('E.g. "MP Materials 10X magnet plant".'),
    node: nodeRef,
    mineral,
    stage,
    capacityTonnesPerYear: z.number().gt(0).max(1e9).describe('Capacity, t/yr.'),
    unitCostUsdPerTonne: usdPerTonne.describe(
      'Cash cost, USD/t (processors: processing cost excluding input).',
    ),
    startMonth: month.describe('Month the capacity comes online.'),
  });

  const recycling = z.strictObject({
    scope: scopeRef.default('world').describe('"world", a zone id or a node code.'),
    mineral,
    share: share.describe(
      "Share of the scope's consumption that returns as secondary refined supply, fraction.",
    ),
    lagMonths: z.int().min(0).max(240).default(12).describe('Months between consumption and return.'),
    ...windowFields,
  });

  const standard = z.strictObject({
    zone: zoneId,
    mineral,
    stage,
    requiredShare: share.describe(
      "Share of the zone's purchases that must come from compliant origins, fraction.",
    ),
    compliantOrigins: z.array(nodeRef).max(200).describe('Node codes that meet the standard.'),
    ...windowFields,
  });

  const months = z.number().min(0).max(60);
  const startingStock = z.strictObject({
    scope: scopeRef.default('world').describe('"world", a zone id or a node code.'),
    mineral,
    stage,
    producerMonths: months
      .nullable()
      .default(null)
      .describe(
        "Finished goods held by the stage's producers at the start, months of their output; null = the data default.",
      ),
    buyerMonths: months
      .nullable()
      .default(null)
      .describe(
        'Stock of this good held by its buyers at the start (processors of the next stage, final consumers), months of their use; null = the data default.',
      ),
  });

  const capacityOverride = z.strictObject({
    node: nodeRef.describe('Node whose starting output and capacity change.'),
    mineral,
    stage,
    tonnesPerYear: z
      .number()
      .min(0)
      .max(1e10)
      .nullable()
      .default(null)
      .describe(
        'Starting output, t/yr (capacity follows from the stage utilisation); the world total changes by the difference.',
      ),
    worldShare: share
      .nullable()
      .default(null)
      .describe(
        "Starting share of world output, fraction; the other nodes' output is scaled so the world total stays as calibrated.",
      ),
  });

  // A partial record keyed by the mineral enum: any other key ('__proto__' included) is rejected.
  const mineralKey = z.enum(mineralIds as [string, ...string[]]);
  const byMineral = (schema: z.ZodNumber) =>
    z.partialRecord(mineralKey, schema).default({}).describe('Overrides per mineral id.');

  const elasticities = z
    .strictObject({
      demand: z
        .number()
        .min(-3)
        .max(0)
        .default(-0.2)
        .describe('Price elasticity of final demand (short run; minerals are inelastic).'),
      demandByMineral: byMineral(z.number().min(-3).max(0)),
      demandLongRun: z
        .number()
        .min(-3)
        .max(0)
        .default(-0.6)
        .describe(
          'Long-run price elasticity of final demand: substitution and thrifting that grow with a sustained price over about two years. At least as large (in absolute value) as the short-run elasticity.',
        ),
      demandLongRunByMineral: byMineral(z.number().min(-3).max(0)),
      substitution: z
        .number()
        .min(0.1)
        .max(30)
        .default(5)
        .describe('Elasticity of substitution between origins (Armington).'),
      substitutionByMineral: byMineral(z.number().min(0.1).max(30)),
      priceAdjustment: z
        .number()
        .min(0.005)
        .max(1)
        .default(0.1)
        .describe(
          'How far prices move per month per unit of log excess demand (the step is capped at 0.25).',
        ),
    })
    .prefault({});

  const market = z
    .strictObject({
      freightUsdPerTonneKm: z
        .number()
        .min(0)
        .max(10)
        .default(STATUS_QUO_FREIGHT_USD_PER_TONNE_KM)
        .describe('Transport cost per tonne-km, USD.'),
      handlingUsdPerTonne: z
        .number()
        .min(0)
        .max(1e5)
        .default(STATUS_QUO_HANDLING_USD_PER_TONNE)
        .describe('Fixed cost per tonne shipped across a border, USD.'),
      hurdle: z
        .number()
        .min(0)
        .max(5)
        .default(0.25)
        .describe('Expected margin over unit cost that new capacity must clear, fraction.'),
      mineBuildLagMonths: z.int().min(1).max(240).default(48).describe('Months to build a new mine.'),
      processorBuildLagMonths: z
        .int()
        .min(1)
        .max(240)
        .default(24)
        .describe('Months to build a new processing plant.'),
      expansionLagMonths: z.int().min(1).max(240).default(18).describe('Months to expand an operating site.'),
      precautionaryCoverMonths: z
        .number()
        .min(0)
        .max(12)
        .default(3)
        .describe(
          'Extra months of cover buyers aim to hold between the announcement and the start of a restriction that will hit them.',
        ),
    })
    .prefault({});

  const scenario = z
    .strictObject({
      version: z.literal(SCENARIO_VERSION).describe('Schema version of this document.'),
      name: text(200).default('Status quo').describe('Display name.'),
      description: text(5000).default('').describe('What the scenario represents and its sources.'),
      seed: z
        .int()
        .min(0)
        .max(4294967295)
        .default(1)
        .describe('Random seed: the same seed gives the same numbers.'),
      months: z.int().min(1).max(600).default(120).describe('Months to simulate.'),
      resolution: z
        .int()
        .min(1000)
        .max(5_000_000)
        .default(5000)
        .describe('Number of agents (firms and consumers): ~5,000 for teaching, 1,000,000+ for research.'),
      zones: z.array(zone).max(20).default([]).describe('Preferential trade zones.'),
      tariffs: z
        .array(tariff)
        .max(500)
        .default(() => STATUS_QUO_TARIFFS.map((t) => ({ ...t })))
        .describe(
          'MFN and bilateral tariffs. Default: the tariffs in force in February 2026 (see STATUS_QUO_TARIFFS).',
        ),
      priceFloors: z.array(priceFloor).max(100).default([]).describe('Border-adjusted price floors.'),
      priceGapSubsidies: z
        .array(priceGapSubsidy)
        .max(100)
        .default([])
        .describe(
          'Price-gap subsidies: a zone pays its producers the gap between a reference price and the market price.',
        ),
      exportControls: z
        .array(exportControl)
        .max(100)
        .default([])
        .describe('Export bans, quotas and licences by an exporting node.'),
      offtakes: z
        .array(offtake)
        .max(100)
        .default([])
        .describe("Offtake agreements: a buyer takes a share of a producer's output at an agreed price."),
      stockpiles: z
        .array(stockpile)
        .max(50)
        .default([])
        .describe(
          'Stockpile agencies: buy below a trigger within a budget, release above a trigger or in a declared disruption.',
        ),
      disruptions: z
        .array(disruption)
        .max(50)
        .default([])
        .describe('Declared disruptions (stockpiles may release).'),
      shocks: z
        .array(shock)
        .max(100)
        .default([])
        .describe('Supply shocks: capacity lost at a node for a period.'),
      demandGrowth: z
        .array(demandGrowth)
        .max(100)
        .default([])
        .describe('Demand growth paths; later entries override earlier ones and the data default.'),
      permitting: z
        .array(permitting)
        .max(100)
        .default([])
        .describe('Permitting: build lags for new capacity in a scope.'),
      investmentSupport: z
        .array(investmentSupport)
        .max(100)
        .default([])
        .describe(
          'Investment support (government equity or finance) that lowers the hurdle for new capacity.',
        ),
      projects: z.array(project).max(100).default([]).describe('Named capacity projects.'),
      recycling: z
        .array(recycling)
        .max(100)
        .default([])
        .describe('Recycling: a share of past consumption returns as secondary refined supply.'),
      standards: z.array(standard).max(50).default([]).describe('Standards-based markets.'),
      startingStocks: z
        .array(startingStock)
        .max(200)
        .default([])
        .describe(
          'Starting stocks per scope and stage, in months of cover; later entries override earlier ones.',
        ),
      capacityOverrides: z
        .array(capacityOverride)
        .max(200)
        .default([])
        .describe(
          "Start from another structure: a node's starting output per mineral and stage, as tonnes or as a share of the world (2024 calibration otherwise).",
        ),
      elasticities: elasticities.describe('Behavioural elasticities.'),
      market: market.describe('Transport costs, the investment hurdle and default build lags.'),
    })
    .superRefine((s, ctx) => checkReferences(s as ScenarioShape, catalog, ctx));

  return scenario;
}

/** The structural shape checkReferences needs (the parsed scenario). */
interface ScenarioShape {
  startingStocks: { scope: string; mineral: string; stage: string }[];
  capacityOverrides: {
    node: string;
    mineral: string;
    stage: string;
    tonnesPerYear: number | null;
    worldShare: number | null;
  }[];
  zones: { id: string; members: string[]; start: number; end: number | null; announced: number | null }[];
  tariffs: {
    importer: string;
    exporter: string;
    mineral: string;
    stage: string;
    start: number;
    end: number | null;
    announced: number | null;
  }[];
  priceFloors: {
    zone: string;
    mineral: string;
    stage: string;
    start: number;
    end: number | null;
    announced: number | null;
  }[];
  priceGapSubsidies: {
    scope: string;
    mineral: string;
    stage: string;
    start: number;
    end: number | null;
    announced: number | null;
  }[];
  exportControls: {
    exporter: string;
    mineral: string;
    stage: string;
    destinations: 'all' | string[];
    exempt: string[];
    start: number;
    end: number | null;
    announced: number | null;
  }[];
  offtakes: {
    buyer: string;
    seller: string;
    mineral: string;
    stage: string;
    start: number;
    end: number | null;
    announced: number | null;
  }[];
  stockpiles: {
    holder: string;
    mineral: string;
    stage: string;
    buyBelowUsd: number;
    releaseAboveUsd: number;
    start: number;
    end: number | null;
    announced: number | null;
  }[];
  disruptions: {
    mineral: string;
    stage: string;
    start: number;
    end: number | null;
    announced: number | null;
  }[];
  shocks: {
    node: string;
    mineral: string;
    stage: string;
    start: number;
    end: number | null;
    announced: number | null;
  }[];
  demandGrowth: { scope: string; start: number; end: number | null; announced: number | null }[];
  permitting: {
    scope: string;
    mineral: string;
    stage: string;
    start: number;
    end: number | null;
    announced: number | null;
  }[];
  investmentSupport: {
    scope: string;
    mineral: string;
    stage: string;
    start: number;
    end: number | null;
    announced: number | null;
  }[];
  projects: { node: string; mineral: string; stage: string }[];
  recycling: {
    scope: string;
    mineral: string;
    start: number;
    end: number | null;
    announced: number | null;
  }[];
  standards: {
    zone: string;
    mineral: string;
    stage: string;
    compliantOrigins: string[];
    start: number;
    end: number | null;
    announced: number | null;
  }[];
}

function checkReferences(s: ScenarioShape, catalog: Catalog, ctx: z.RefinementCtx): void {
  const nodeCodes = new Set(catalog.nodes.map((n) => n.code));
  const euCodes = catalog.nodes.filter((n) => n.euMember).map((n) => n.code);
  const zoneIds = new Set<string>();
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });

  // Messages list what is allowed, so a typo can be fixed from the message alone.
  const codeList = [...nodeCodes].sort().join(', ');
  const checkNode = (path: (string | number)[], code: string) => {
    if (!nodeCodes.has(code)) issue(path, `unknown node code "${code}"; the node codes are ${codeList}`);
  };
  const checkScope = (path: (string | number)[], ref: string, allowWorld: boolean) => {
    if (ref === 'world') {
      if (!allowWorld) issue(path, '"world" is not allowed here: name a node code or a zone id');
      return;
    }
    if (!nodeCodes.has(ref) && !zoneIds.has(ref)) {
      const zones = zoneIds.size > 0 ? `the zone ids ${[...zoneIds].join(', ')} or ` : '';
      issue(
        path,
        `"${ref}" is neither a node code nor the id of a zone in this scenario; allowed: ${zones}the node codes ${codeList}`,
      );
    }
  };
  const checkZone = (path: (string | number)[], id: string) => {
    if (!zoneIds.has(id)) {
      const known = zoneIds.size > 0 ? `the zones are ${[...zoneIds].join(', ')}` : 'it has no zones';
      issue(path, `no zone with id "${id}" in this scenario (${known})`);
    }
  };
  const checkGood = (path: (string | number)[], mineral: string, stage: string) => {
    const m = catalog.minerals.find((x) => x.id === mineral);
    if (m && stage !== 'all' && !m.stages.some((x) => x.id === stage)) {
      issue(path, `${mineral} has no "${stage}" stage (it has: ${m.stages.map((x) => x.id).join(', ')})`);
    }
  };
  const checkWindow = (
    path: (string | number)[],
    w: { start: number; end: number | null; announced: number | null },
  ) => {
    if (w.end !== null && w.end <= w.start)
      issue([...path, 'end'], `end (${w.end}) must be after start (${w.start})`);
    if (w.announced !== null && w.announced > w.start)
      issue([...path, 'announced'], `announced (${w.announced}) must be at or before start (${w.start})`);
  };

  s.zones.forEach((zone, i) => {
    if (zoneIds.has(zone.id)) issue(['zones', i, 'id'], `zone id "${zone.id}" is used twice`);
    zoneIds.add(zone.id);
    const seen = new Set<string>();
    zone.members.forEach((code, k) => {
      checkNode(['zones', i, 'members', k], code);
      if (seen.has(code)) issue(['zones', i, 'members', k], `"${code}" is listed twice`);
      seen.add(code);
    });
    const euIn = euCodes.filter((c) => seen.has(c));
    if (euIn.length > 0 && euIn.length < euCodes.length) {
      const missing = euCodes.filter((c) => !seen.has(c));
      issue(
        ['zones', i, 'members'],
        `the EU is a customs union: a zone takes all EU members or none (missing: ${missing.join(', ')})`,
      );
    }
    checkWindow(['zones', i], zone);
  });

  s.tariffs.forEach((t, i) => {
    if (t.importer === 'EU') {
      // The customs union as a whole.
    } else if (euCodes.includes(t.importer)) {
      issue(
        ['tariffs', i, 'importer'],
        `"${t.importer}" is in the EU customs union, which has one external tariff: use importer "EU"`,
      );
    } else checkNode(['tariffs', i, 'importer'], t.importer);
    if (t.exporter !== 'all') checkNode(['tariffs', i, 'exporter'], t.exporter);
    if (t.mineral !== 'all') checkGood(['tariffs', i, 'stage'], t.mineral, t.stage);
    checkWindow(['tariffs', i], t);
  });

  s.priceFloors.forEach((f, i) => {
    checkZone(['priceFloors', i, 'zone'], f.zone);
    checkGood(['priceFloors', i, 'stage'], f.mineral, f.stage);
    checkWindow(['priceFloors', i], f);
  });
  s.priceGapSubsidies.forEach((p, i) => {
    checkScope(['priceGapSubsidies', i, 'scope'], p.scope, false);
    checkGood(['priceGapSubsidies', i, 'stage'], p.mineral, p.stage);
    checkWindow(['priceGapSubsidies', i], p);
  });
  s.exportControls.forEach((c, i) => {
    checkNode(['exportControls', i, 'exporter'], c.exporter);
    checkGood(['exportControls', i, 'stage'], c.mineral, c.stage);
    if (c.destinations !== 'all') {
      c.destinations.forEach((d, k) => {
        checkScope(['exportControls', i, 'destinations', k], d, false);
      });
    }
    c.exempt.forEach((d, k) => {
      checkScope(['exportControls', i, 'exempt', k], d, false);
    });
    checkWindow(['exportControls', i], c);
  });
  s.offtakes.forEach((o, i) => {
    checkScope(['offtakes', i, 'buyer'], o.buyer, false);
    checkNode(['offtakes', i, 'seller'], o.seller);
    checkGood(['offtakes', i, 'stage'], o.mineral, o.stage);
    checkWindow(['offtakes', i], o);
  });
  s.stockpiles.forEach((p, i) => {
    checkScope(['stockpiles', i, 'holder'], p.holder, false);
    checkGood(['stockpiles', i, 'stage'], p.mineral, p.stage);
    if (p.releaseAboveUsd <= p.buyBelowUsd) {
      issue(
        ['stockpiles', i, 'releaseAboveUsd'],
        `releaseAboveUsd (${p.releaseAboveUsd}) must be above buyBelowUsd (${p.buyBelowUsd})`,
      );
    }
    checkWindow(['stockpiles', i], p);
  });
  s.disruptions.forEach((d, i) => {
    checkGood(['disruptions', i, 'stage'], d.mineral, d.stage);
    checkWindow(['disruptions', i], d);
  });
  s.shocks.forEach((d, i) => {
    checkNode(['shocks', i, 'node'], d.node);
    checkGood(['shocks', i, 'stage'], d.mineral, d.stage);
    checkWindow(['shocks', i], d);
  });
  s.demandGrowth.forEach((d, i) => {
    checkScope(['demandGrowth', i, 'scope'], d.scope, true);
    checkWindow(['demandGrowth', i], d);
  });
  s.permitting.forEach((d, i) => {
    checkScope(['permitting', i, 'scope'], d.scope, true);
    if (d.mineral !== 'all') checkGood(['permitting', i, 'stage'], d.mineral, d.stage);
    checkWindow(['permitting', i], d);
  });
  s.investmentSupport.forEach((d, i) => {
    checkScope(['investmentSupport', i, 'scope'], d.scope, true);
    if (d.mineral !== 'all') checkGood(['investmentSupport', i, 'stage'], d.mineral, d.stage);
    checkWindow(['investmentSupport', i], d);
  });
  s.projects.forEach((p, i) => {
    checkNode(['projects', i, 'node'], p.node);
    checkGood(['projects', i, 'stage'], p.mineral, p.stage);
  });
  s.recycling.forEach((r, i) => {
    checkScope(['recycling', i, 'scope'], r.scope, true);
    checkWindow(['recycling', i], r);
  });
  s.standards.forEach((d, i) => {
    checkZone(['standards', i, 'zone'], d.zone);
    checkGood(['standards', i, 'stage'], d.mineral, d.stage);
    d.compliantOrigins.forEach((code, k) => {
      checkNode(['standards', i, 'compliantOrigins', k], code);
    });
    checkWindow(['standards', i], d);
  });
  s.startingStocks.forEach((d, i) => {
    checkScope(['startingStocks', i, 'scope'], d.scope, true);
    checkGood(['startingStocks', i, 'stage'], d.mineral, d.stage);
  });
  const shares = new Map<string, number>();
  s.capacityOverrides.forEach((d, i) => {
    checkNode(['capacityOverrides', i, 'node'], d.node);
    checkGood(['capacityOverrides', i, 'stage'], d.mineral, d.stage);
    if ((d.tonnesPerYear === null) === (d.worldShare === null))
      issue(['capacityOverrides', i, 'tonnesPerYear'], 'give exactly one of tonnesPerYear and worldShare');
    if (d.worldShare !== null) {
      const key = `${d.mineral}/${d.stage}`;
      const sum = (shares.get(key) ?? 0) + d.worldShare;
      shares.set(key, sum);
      if (sum > 1 + 1e-9)
        issue(
          ['capacityOverrides', i, 'worldShare'],
          `world shares of ${key} add up to ${sum.toFixed(3)}, more than 1`,
        );
    }
  });
}

export type ScenarioSchema = ReturnType<typeof buildScenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<ScenarioSchema>;
/** A scenario as a user may write it: every field with a default may be left out. */
export type ScenarioInput = z.input<ScenarioSchema>;
