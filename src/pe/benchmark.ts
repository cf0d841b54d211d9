/**
 * The partial-equilibrium benchmark as the app shows it beside an agent run: GSIM on the
 * calibration-derived flows of one mineral, with a row per region for a results table.
 */
import { type GsimResult, type GsimSolverOptions, solveGsim } from './gsim.ts';
import type { GsimInput } from './schema.ts';

/** One region's line in the benchmark table. Values in the input's value unit (e.g. USD million a year). */
export interface PeRegionSummary {
  region: string;
  /** Proportional change of the region's world (export) price. */
  worldPriceChange: number;
  /** Change of the value of its exports to other regions at world prices (diagonal excluded). */
  exportValueChange: number;
  /** Change of the value of its imports from other regions at world prices (diagonal excluded). */
  importValueChange: number;
  producerSurplus: number;
  consumerSurplus: number;
  tariffRevenue: number;
  welfare: number;
}

export interface PeBenchmark extends GsimResult {
  byRegion: PeRegionSummary[];
}

/** Σ_{v≠r} values[r][v]: what r sends to other regions. */
function exportsOf(values: number[][], r: number): number {
  return values[r].reduce((sum, value, v) => (v === r ? sum : sum + value), 0);
}

/** Σ_{r≠v} values[r][v]: what v receives from other regions. */
function importsOf(values: number[][], v: number): number {
  return values.reduce((sum, row, r) => (r === v ? sum : sum + row[v]), 0);
}

/**
 * Runs GSIM for one mineral (flows from the calibration, tariffs before and after the scenario)
 * and adds a per-region summary. Same input as {@link solveGsim}; validates it first.
 * @throws GsimInputError on invalid input; GsimConvergenceError if the markets do not clear.
 */
export function peBenchmark(input: GsimInput, options: GsimSolverOptions = {}): PeBenchmark {
  const result = solveGsim(input, options);
  const byRegion = result.regions.map((region, i) => ({
    region,
    worldPriceChange: result.worldPriceChange[i],
    exportValueChange: exportsOf(result.tradeValueChange, i),
    importValueChange: importsOf(result.tradeValueChange, i),
    producerSurplus: result.producerSurplus[i],
    consumerSurplus: result.consumerSurplus[i],
    tariffRevenue: result.tariffRevenue[i],
    welfare: result.welfare[i],
  }));
  return { ...result, byRegion };
}
