/**
 * Input schema of the partial-equilibrium benchmark (GSIM, Francois and Hall), and its
 * validation with messages that name the field, the index and what is allowed.
 *
 * Conventions: index r is the exporter (row), v the importer (column). Values are in any one
 * currency unit (e.g. USD million a year) at base world prices; tariffs are powers (1 + rate).
 */
import * as z from 'zod';

// No code generation (the app's Content-Security-Policy forbids it); see src/scenario/schema.ts.
z.config({ jitless: true });

/**
 * Which version of GSIM to solve.
 * - `linear`: the published GSIM (Francois and Hall 2003): demand and supply in proportional
 *   changes, linear in the world-price changes; welfare by second-order (trapezoid) areas.
 * - `levels`: the same elasticities as constant-elasticity (CES Armington) curves in levels,
 *   solved exactly; welfare as exact areas under those curves. Use it for large shocks.
 */
export type GsimForm = 'linear' | 'levels';

/** What the GSIM solver takes: one product (e.g. one mineral) traded among `regions`. */
export interface GsimInput {
  /** Region names; their order gives the index r (exporter) and v (importer) of every array. */
  regions: string[];
  /** flows[r][v]: base value exported by r to importer v, at world prices (value units, ≥ 0). The diagonal is domestic sales. */
  flows: number[][];
  /** tariffs0[r][v]: power of the tariff (1 + rate) importer v applies to goods from r, before (> 0; < 1 is a subsidy). */
  tariffs0: number[][];
  /** tariffs1[r][v]: the same, after the policy change. */
  tariffs1: number[][];
  /** Per importer: elasticity of its total (composite) demand for the product (< 0). */
  importDemandElasticity: number[];
  /** Per importer: elasticity of substitution between origins (Armington, ≥ 0). */
  substitutionElasticity: number[];
  /** Per exporter: elasticity of export supply (≥ 0; a large value means a fixed world price). */
  exportSupplyElasticity: number[];
  /** Model version; default `linear` (the published GSIM). */
  form?: GsimForm;
  /** Free text: where the numbers come from (ignored by the solver). */
  description?: string;
}

/** Thrown when the input does not fit the schema; `issues` holds one line per problem. */
export class GsimInputError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`invalid PE input:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'GsimInputError';
    this.issues = issues;
  }
}

const FIELD_ORDER =
  'regions, flows, tariffs0, tariffs1, importDemandElasticity, substitutionElasticity, exportSupplyElasticity';

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value;
}

/** A zod error function: "must be <allowed>, got <value>", or "is missing; must be <allowed>". */
function mustBe(allowed: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined
      ? `is missing; must be ${allowed}`
      : `must be ${allowed}, got ${describeValue(issue.input)}`;
}

/** A number field: finite, with `allowed` describing the admissible values in messages. */
function finiteNumber(allowed: string) {
  return z.number({ error: mustBe(allowed) });
}

function nonNegative(allowed: string) {
  return finiteNumber(allowed).min(0, { error: mustBe(allowed) });
}

function arrayOf<T extends z.ZodType>(item: T, what: string) {
  return z.array(item, { error: mustBe(what) });
}

const flowValue = nonNegative('a finite value ≥ 0');
const tariffPower = finiteNumber('a tariff power (1 + rate) > 0').gt(0, {
  error: mustBe('a tariff power (1 + rate) > 0'),
});
const importDemand = finiteNumber('an import demand elasticity < 0').lt(0, {
  error: mustBe('an import demand elasticity < 0'),
});

const matrixOf = (cell: z.ZodNumber) =>
  arrayOf(arrayOf(cell, 'a row (array of numbers)'), 'an array of rows');

const gsimInputShape = z
  .object(
    {
      regions: arrayOf(
        z.string({ error: mustBe('a region name (string)') }).min(1, {
          error: 'must be a non-empty region name',
        }),
        'an array of region names',
      ).min(1, { error: 'must name at least one region' }),
      flows: matrixOf(flowValue),
      tariffs0: matrixOf(tariffPower),
      tariffs1: matrixOf(tariffPower),
      importDemandElasticity: arrayOf(importDemand, 'an array with one value per importer'),
      substitutionElasticity: arrayOf(
        nonNegative('a substitution elasticity ≥ 0'),
        'an array with one value per importer',
      ),
      exportSupplyElasticity: arrayOf(
        nonNegative('an export supply elasticity ≥ 0'),
        'an array with one value per exporter',
      ),
      form: z.enum(['linear', 'levels'], { error: mustBe('"linear" or "levels"') }).optional(),
      description: z.string({ error: 'must be a string' }).optional(),
    },
    { error: mustBe(`a JSON object with the fields ${FIELD_ORDER}`) },
  )
  .strict();

type Ctx = z.RefinementCtx<z.infer<typeof gsimInputShape>>;

function checkUniqueRegions(regions: string[], ctx: Ctx): void {
  const seen = new Map<string, number>();
  regions.forEach((name, index) => {
    const first = seen.get(name);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['regions', index],
        message: `duplicate of regions[${first}] (${JSON.stringify(name)}); names must be unique`,
      });
    } else seen.set(name, index);
  });
}

function checkSquare(field: string, matrix: number[][], size: number, ctx: Ctx): void {
  if (matrix.length !== size) {
    ctx.addIssue({
      code: 'custom',
      path: [field],
      message: `must have ${size} rows (one per exporting region), got ${matrix.length}`,
    });
    return;
  }
  matrix.forEach((row, index) => {
    if (row.length !== size) {
      ctx.addIssue({
        code: 'custom',
        path: [field, index],
        message: `must have ${size} values (one per importing region), got ${row.length}`,
      });
    }
  });
}

function checkLength(field: string, values: number[], size: number, role: string, ctx: Ctx): void {
  if (values.length !== size) {
    ctx.addIssue({
      code: 'custom',
      path: [field],
      message: `must have ${size} values (one per ${role}), got ${values.length}`,
    });
  }
}

/** The zod schema of {@link GsimInput}, with the cross-field checks (sizes, unique names, some trade). */
export const gsimInputSchema = gsimInputShape.superRefine((input, ctx) => {
  const n = input.regions.length;
  checkUniqueRegions(input.regions, ctx);
  checkSquare('flows', input.flows, n, ctx);
  checkSquare('tariffs0', input.tariffs0, n, ctx);
  checkSquare('tariffs1', input.tariffs1, n, ctx);
  checkLength('importDemandElasticity', input.importDemandElasticity, n, 'importing region', ctx);
  checkLength('substitutionElasticity', input.substitutionElasticity, n, 'importing region', ctx);
  checkLength('exportSupplyElasticity', input.exportSupplyElasticity, n, 'exporting region', ctx);
  if (!input.flows.some((row) => row.some((value) => value > 0))) {
    ctx.addIssue({
      code: 'custom',
      path: ['flows'],
      message: 'are all zero; at least one flow must be positive',
    });
  }
});

const MATRIX_FIELDS = new Set(['flows', 'tariffs0', 'tariffs1']);

/** `['flows', 1, 2]` → `flows[1][2] (exporter "B" → importer "C")` when the region names are known. */
function formatPath(path: readonly PropertyKey[], regions: unknown): string {
  if (path.length === 0) return 'input';
  const [field, ...indices] = path;
  const text = `${String(field)}${indices.map((index) => `[${String(index)}]`).join('')}`;
  const names = Array.isArray(regions) ? regions : [];
  const name = (index: PropertyKey) => (typeof index === 'number' ? names[index] : undefined);
  if (MATRIX_FIELDS.has(String(field)) && indices.length === 2) {
    const from = name(indices[0]);
    const to = name(indices[1]);
    if (typeof from === 'string' && typeof to === 'string') {
      return `${text} (exporter ${JSON.stringify(from)} → importer ${JSON.stringify(to)})`;
    }
  }
  return text;
}

function formatIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const regions =
    typeof raw === 'object' && raw !== null ? (raw as { regions?: unknown }).regions : undefined;
  if (issue.code === 'unrecognized_keys') {
    return `input: unknown field(s) ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}; allowed: ${FIELD_ORDER}, form, description`;
  }
  return `${formatPath(issue.path, regions)}: ${issue.message}`;
}

/**
 * Validates `raw` (e.g. parsed JSON) against {@link gsimInputSchema}.
 * @throws GsimInputError listing every problem, each naming the field, the index and what is allowed.
 */
export function parseGsimInput(raw: unknown): GsimInput {
  const result = gsimInputSchema.safeParse(raw);
  if (!result.success) throw new GsimInputError(result.error.issues.map((issue) => formatIssue(issue, raw)));
  return result.data;
}
