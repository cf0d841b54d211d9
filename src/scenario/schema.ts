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
import * as z from 'zod';
import {
  STATUS_QUO_FREIGHT_USD_PER_TONNE_KM,
  STATUS_QUO_HANDLING_USD_PER_TONNE,
} from '../engine/constants.ts';
import { buildAtoms, type Catalog, text } from '../levers/fields.ts';
import { checkLevers, leverLists } from '../levers/index.ts';

// No code generation: zod's fast path probes `Function('')`, which the app's Content-Security-Policy
// forbids (and reports as a violation).
z.config({ jitless: true });

export const SCENARIO_VERSION = 1;

/** Largest scenario document accepted, in characters of JSON (links, files, the command line). */
export const MAX_SCENARIO_CHARS = 1_000_000;

export type { Catalog } from '../levers/fields.ts';
export { STATUS_QUO_TARIFFS } from '../levers/tariffs.ts';

/**
 * The scenario schema for a catalog of nodes and minerals: run settings, every lever of the
 * registry (src/levers/index.ts) with its reference checks, and the model parameters.
 */
export function buildScenarioSchema(catalog: Catalog) {
  const mineralIds = catalog.minerals.map((m) => m.id);
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
        .meta({ label: 'Demand', widget: 'number' as const })
        .describe('Price elasticity of final demand (short run; minerals are inelastic).'),
      demandByMineral: byMineral(z.number().min(-3).max(0)).meta({
        label: 'Demand, per mineral',
        widget: 'byMineral' as const,
      }),
      demandLongRun: z
        .number()
        .min(-3)
        .max(0)
        .default(-0.6)
        .meta({ label: 'Demand, long run', widget: 'number' as const })
        .describe(
          'Long-run price elasticity of final demand: substitution and thrifting that grow with a sustained price over about two years. At least as large (in absolute value) as the short-run elasticity.',
        ),
      demandLongRunByMineral: byMineral(z.number().min(-3).max(0)).meta({
        label: 'Demand, long run, per mineral',
        widget: 'byMineral' as const,
      }),
      substitution: z
        .number()
        .min(0.1)
        .max(30)
        .default(5)
        .meta({ label: 'Substitution', widget: 'number' as const })
        .describe('Elasticity of substitution between origins (Armington).'),
      substitutionByMineral: byMineral(z.number().min(0.1).max(30)).meta({
        label: 'Substitution, per mineral',
        widget: 'byMineral' as const,
      }),
      priceAdjustment: z
        .number()
        .min(0.005)
        .max(1)
        .default(0.1)
        .meta({ label: 'Price adjustment', widget: 'number' as const })
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
        .meta({ label: 'Freight', widget: 'number' as const })
        .describe('Transport cost per tonne-km, USD.'),
      handlingUsdPerTonne: z
        .number()
        .min(0)
        .max(1e5)
        .default(STATUS_QUO_HANDLING_USD_PER_TONNE)
        .meta({ label: 'Handling', widget: 'number' as const })
        .describe('Fixed cost per tonne shipped across a border, USD.'),
      hurdle: z
        .number()
        .min(0)
        .max(5)
        .default(0.25)
        .meta({ label: 'Hurdle', widget: 'number' as const })
        .describe('Expected margin over unit cost that new capacity must clear, fraction.'),
      mineBuildLagMonths: z
        .int()
        .min(1)
        .max(240)
        .default(48)
        .meta({ label: 'Mine build lag', widget: 'number' as const })
        .describe('Months to build a new mine.'),
      processorBuildLagMonths: z
        .int()
        .min(1)
        .max(240)
        .default(24)
        .meta({ label: 'Plant build lag', widget: 'number' as const })
        .describe('Months to build a new processing plant.'),
      expansionLagMonths: z
        .int()
        .min(1)
        .max(240)
        .default(18)
        .meta({ label: 'Expansion lag', widget: 'number' as const })
        .describe('Months to expand an operating site.'),
      precautionaryCoverMonths: z
        .number()
        .min(0)
        .max(12)
        .default(3)
        .meta({ label: 'Precautionary cover', widget: 'number' as const })
        .describe(
          'Extra months of cover buyers aim to hold between the announcement and the start of a restriction that will hit them.',
        ),
    })
    .prefault({});

  const scenario = z
    .strictObject({
      version: z.literal(SCENARIO_VERSION).describe('Schema version of this document.'),
      name: text(200)
        .default('Status quo')
        .meta({ label: 'Name', widget: 'text' as const })
        .describe('Display name.'),
      description: text(5000)
        .default('')
        .meta({ label: 'Description', widget: 'textarea' as const })
        .describe('What the scenario represents and its sources.'),
      seed: z
        .int()
        .min(0)
        .max(4294967295)
        .default(1)
        .meta({ label: 'Seed', widget: 'number' as const })
        .describe('Random seed: the same seed gives the same numbers.'),
      months: z
        .int()
        .min(1)
        .max(600)
        .default(120)
        .meta({ label: 'Months', widget: 'number' as const })
        .describe('Months to simulate.'),
      resolution: z
        .int()
        .min(1000)
        .max(5_000_000)
        .default(5000)
        .meta({ label: 'Agents (resolution)', widget: 'number' as const })
        .describe('Number of agents (firms and consumers): ~5,000 for teaching, 1,000,000+ for research.'),
      ...leverLists(buildAtoms(catalog)),
      elasticities: elasticities.describe('Behavioural elasticities.').meta({
        title: 'Elasticities',
        summary: 'How demand and the choice between origins respond to prices.',
      }),
      market: market.describe('Transport costs, the investment hurdle and default build lags.').meta({
        title: 'Market',
        summary: 'Transport, the margin new capacity must clear, and build times.',
      }),
    })
    .superRefine((s, ctx) =>
      checkLevers(s, catalog, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
    );

  return scenario;
}

export type ScenarioSchema = ReturnType<typeof buildScenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<ScenarioSchema>;
/** A scenario as a user may write it: every field with a default may be left out. */
export type ScenarioInput = z.input<ScenarioSchema>;
