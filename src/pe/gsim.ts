/**
 * GSIM, the global partial-equilibrium model of Francois and Hall ("Global Simulation Analysis
 * of Industry-Level Trade Policy", 2003): Armington import demand (a composite demand
 * elasticity and an elasticity of substitution between origins, per importer), an export supply
 * elasticity per exporter, and one world price per exporter that clears its market.
 *
 * Pure: no DOM, no Node APIs. Index r is the exporter, v the importer; values are in the input's
 * value unit (e.g. USD million a year) at base world prices; price changes are proportional
 * (0.05 = +5 %). The equations are in docs/pe.md.
 */
import { fixedPointSolve, isSingularAt, newtonSolve, type RootProblem, type RootReport } from './newton.ts';
import { type GsimForm, type GsimInput, parseGsimInput } from './schema.ts';

/** How the market-clearing system was solved. */
export interface GsimSolverReport {
  method: 'newton' | 'fixed-point';
  /** Iterations of the method that converged (Newton steps, or fixed-point sweeps). */
  iterations: number;
  /** Always true: a run that does not converge throws {@link GsimConvergenceError}. */
  converged: true;
  /**
   * Largest market-clearing residual over exporters, relative: in the linear form
   * |demand − supply change| / base sales; in the levels form |ln(demand / supply)|.
   */
  maxResidual: number;
}

/** Changes from the base caused by the move from `tariffs0` to `tariffs1`. */
export interface GsimResult {
  regions: string[];
  form: GsimForm;
  /** Per exporter: proportional change of its world (pre-tariff) price (0.05 = +5 %). */
  worldPriceChange: number[];
  /** [r][v]: proportional change of the value of the flow r→v at world prices (0 for a zero base flow). */
  tradeChange: number[][];
  /** [r][v]: change of the value of the flow r→v at world prices, in value units. */
  tradeValueChange: number[][];
  /** [r][v]: proportional change of the quantity (volume) of the flow r→v. */
  tradeVolumeChange: number[][];
  /** Per importer: proportional change of the composite (CES) internal price of the product. */
  compositePriceChange: number[];
  /** Per region, as exporter: change of producer (exporter) surplus, value units. */
  producerSurplus: number[];
  /** Per region, as importer: change of consumer (importer) surplus, value units. */
  consumerSurplus: number[];
  /** Per region, as importer: change of tariff revenue, value units. */
  tariffRevenue: number[];
  /** Per region: producerSurplus + consumerSurplus + tariffRevenue, value units. */
  welfare: number[];
  solver: GsimSolverReport;
  /** Caveats about this run (e.g. the linear form driving a flow below zero). */
  warnings: string[];
}

export interface GsimSolverOptions {
  /** Largest relative market-clearing residual accepted (default 1e-10). */
  tolerance?: number;
  maxNewtonIterations?: number;
  maxFixedPointIterations?: number;
  /** `auto` (default): Newton, then the fixed-point iteration if Newton stalls. */
  method?: 'auto' | 'fixed-point';
}

/** Thrown when neither Newton nor the fixed-point iteration clears the markets. */
export class GsimConvergenceError extends Error {
  readonly maxResidual: number;
  readonly region: string;
  constructor(message: string, maxResidual: number, region: string) {
    super(message);
    this.name = 'GsimConvergenceError';
    this.maxResidual = maxResidual;
    this.region = region;
  }
}

const DEFAULTS = { tolerance: 1e-10, maxNewtonIterations: 500, maxFixedPointIterations: 50_000 };
/** A world price moving by more than this factor (up or down) is flagged in the warnings. */
const EXTREME_PRICE_FACTOR = 100;
/** |1 − σ| or |1 + ε| below this: use the limiting (Cobb-Douglas / logarithmic) formulas. */
const LIMIT_EPS = 1e-12;

/** Base data of the model, derived once from the input. */
interface Calibration {
  n: number;
  flows: number[][];
  tariffs0: number[][];
  tariffs1: number[][];
  /** T1/T0 per flow. */
  tariffRatio: number[][];
  /** X0_r = Σ_v M0_rv: base sales of r at world prices (domestic sales included). */
  exports: number[];
  /** R_v = Σ_r M0_rv·T0_rv: base spending of importer v at internal (tariff-inclusive) prices. */
  spending: number[];
  /** θ_rv = M0_rv·T0_rv / R_v: share of origin r in v's spending at internal prices. */
  share: number[][];
  importDemand: number[];
  substitution: number[];
  exportSupply: number[];
  /** Exporters with positive base sales: the unknowns of the market-clearing system. */
  active: number[];
}

function calibrate(input: GsimInput): Calibration {
  const n = input.regions.length;
  const flows = input.flows;
  const exports = flows.map((row) => row.reduce((sum, value) => sum + value, 0));
  const spending = Array.from({ length: n }, (_, v) =>
    flows.reduce((sum, row, r) => sum + row[v] * input.tariffs0[r][v], 0),
  );
  return {
    n,
    flows,
    tariffs0: input.tariffs0,
    tariffs1: input.tariffs1,
    tariffRatio: input.tariffs1.map((row, r) => row.map((t1, v) => t1 / input.tariffs0[r][v])),
    exports,
    spending,
    share: flows.map((row, r) =>
      row.map((value, v) => (spending[v] > 0 ? (value * input.tariffs0[r][v]) / spending[v] : 0)),
    ),
    importDemand: input.importDemandElasticity,
    substitution: input.substitutionElasticity,
    exportSupply: input.exportSupplyElasticity,
    active: exports.flatMap((value, r) => (value > 0 ? [r] : [])),
  };
}

/** Full per-region vector from the active exporters' unknowns (0 for exporters with no sales). */
function expand(cal: Calibration, z: readonly number[]): number[] {
  const full = new Array<number>(cal.n).fill(0);
  cal.active.forEach((r, k) => {
    full[r] = z[k];
  });
  return full;
}

// ---------------------------------------------------------------------------------------------
// Linear form (published GSIM): unknowns are the proportional world-price changes P̂*_r.

/** p̂_rv = T̂_rv + P̂*_r: proportional change of the internal price of r's good in v (first order). */
function linearInternalPriceChange(cal: Calibration, worldPrice: readonly number[]): number[][] {
  return cal.tariffRatio.map((row, r) => row.map((ratio) => ratio - 1 + worldPrice[r]));
}

/** P̂_v = Σ_r θ_rv p̂_rv: proportional change of v's composite import price. */
function linearCompositeChange(cal: Calibration, priceChange: number[][]): number[] {
  return Array.from({ length: cal.n }, (_, v) =>
    priceChange.reduce((sum, row, r) => sum + cal.share[r][v] * row[v], 0),
  );
}

/**
 * M̂_rv = −σ_v p̂_rv + (σ_v + ε_v) P̂_v, which is GSIM's own-price elasticity θ_rv ε_v − (1 − θ_rv) σ_v
 * and cross-price elasticities θ_sv (ε_v + σ_v) applied to the internal price changes.
 */
function linearVolumeChange(cal: Calibration, priceChange: number[][], composite: number[]): number[][] {
  return priceChange.map((row, r) =>
    row.map((change, v) =>
      cal.flows[r][v] > 0
        ? -cal.substitution[v] * change + (cal.substitution[v] + cal.importDemand[v]) * composite[v]
        : 0,
    ),
  );
}

function linearProblem(cal: Calibration): RootProblem {
  return {
    maxStep: Number.POSITIVE_INFINITY,
    residual(z) {
      const worldPrice = expand(cal, z);
      const priceChange = linearInternalPriceChange(cal, worldPrice);
      const volume = linearVolumeChange(cal, priceChange, linearCompositeChange(cal, priceChange));
      return cal.active.map((r) => {
        const demand = volume[r].reduce((sum, change, v) => sum + cal.flows[r][v] * change, 0);
        return demand / cal.exports[r] - cal.exportSupply[r] * worldPrice[r];
      });
    },
    jacobian() {
      return cal.active.map((r) =>
        cal.active.map((s) => {
          let sum = r === s ? -cal.exportSupply[r] : 0;
          for (let v = 0; v < cal.n; v++) {
            const weight = cal.flows[r][v] / cal.exports[r];
            if (weight === 0) continue;
            const own = r === s ? -cal.substitution[v] : 0;
            sum += weight * (own + (cal.substitution[v] + cal.importDemand[v]) * cal.share[s][v]);
          }
          return sum;
        }),
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Levels form: the same elasticities as CES / constant-elasticity curves; unknowns y_r = ln(1 + P̂*_r).

/**
 * For importer v at log world prices y: ln of its CES price index and each origin's spending
 * share ω. Near the base (|(1 − σ)·ln p| ≤ 1) the index is computed as
 * log1p(Σ θ·expm1((1 − σ)·ln p)) / (1 − σ), which keeps full precision as σ → 1 and is exactly
 * 0 at the base; farther out, by log-sum-exp.
 */
function cesPriceIndex(
  cal: Calibration,
  v: number,
  logPrice: readonly number[],
): { log: number; weights: number[] } {
  const a = 1 - cal.substitution[v];
  const sources = cal.share.flatMap((row, r) => (row[v] > 0 ? [r] : []));
  const logRelative = (r: number) => Math.log(cal.tariffRatio[r][v]) + logPrice[r];
  const weights = new Array<number>(cal.n).fill(0);
  if (Math.abs(a) < LIMIT_EPS) {
    let log = 0;
    for (const r of sources) {
      weights[r] = cal.share[r][v];
      log += weights[r] * logRelative(r);
    }
    return { log, weights };
  }
  const terms = sources.map((r) => Math.log(cal.share[r][v]) + a * logRelative(r));
  const top = Math.max(...terms);
  const total = terms.reduce((sum, term) => sum + Math.exp(term - top), 0);
  sources.forEach((r, k) => {
    weights[r] = Math.exp(terms[k] - top) / total;
  });
  if (sources.every((r) => Math.abs(a * logRelative(r)) <= 1)) {
    const shift = sources.reduce((sum, r) => sum + cal.share[r][v] * Math.expm1(a * logRelative(r)), 0);
    return { log: Math.log1p(shift) / a, weights };
  }
  return { log: (top + Math.log(total)) / a, weights };
}

interface LevelsState {
  /** ln P_v per importer (0 when v buys nothing). */
  logComposite: number[];
  /** ω_rv: origin r's share of v's spending at the new prices. */
  weights: number[][];
  /** m_rv = q1/q0: volume ratio of each flow (1 for a zero base flow). */
  volumeRatio: number[][];
}

function levelsState(cal: Calibration, logPrice: readonly number[]): LevelsState {
  const logComposite = new Array<number>(cal.n).fill(0);
  const weights = cal.flows.map(() => new Array<number>(cal.n).fill(0));
  for (let v = 0; v < cal.n; v++) {
    if (cal.spending[v] <= 0) continue;
    const index = cesPriceIndex(cal, v, logPrice);
    logComposite[v] = index.log;
    index.weights.forEach((weight, r) => {
      weights[r][v] = weight;
    });
  }
  const volumeRatio = cal.flows.map((row, r) =>
    row.map((flow, v) => {
      if (flow <= 0) return 1;
      const sigma = cal.substitution[v];
      const logRelative = Math.log(cal.tariffRatio[r][v]) + logPrice[r];
      return Math.exp(-sigma * logRelative + (sigma + cal.importDemand[v]) * logComposite[v]);
    }),
  );
  return { logComposite, weights, volumeRatio };
}

/** Residual ln(demand/supply) per active exporter; scale-free, so extreme prices stay accurate. */
function levelsProblem(cal: Calibration): RootProblem {
  const demandOf = (r: number, volumeRatio: number[][]) =>
    volumeRatio[r].reduce((sum, ratio, v) => sum + cal.flows[r][v] * ratio, 0);
  return {
    maxStep: 10,
    residual(z) {
      const logPrice = expand(cal, z);
      const { volumeRatio } = levelsState(cal, logPrice);
      return cal.active.map(
        (r) =>
          Math.log(demandOf(r, volumeRatio)) - Math.log(cal.exports[r]) - cal.exportSupply[r] * logPrice[r],
      );
    },
    jacobian(z) {
      const logPrice = expand(cal, z);
      const { weights, volumeRatio } = levelsState(cal, logPrice);
      return cal.active.map((r) => {
        const demand = demandOf(r, volumeRatio);
        return cal.active.map((s) => {
          let elasticity = r === s ? -cal.exportSupply[r] : 0;
          for (let v = 0; v < cal.n; v++) {
            const share = (cal.flows[r][v] * volumeRatio[r][v]) / demand;
            if (share === 0) continue;
            const own = r === s ? -cal.substitution[v] : 0;
            elasticity += share * (own + (cal.substitution[v] + cal.importDemand[v]) * weights[s][v]);
          }
          return elasticity;
        });
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Outcomes at the solution.

/** Changes per flow and per importer's composite price at the solution. */
interface FlowOutcome {
  worldPriceChange: number[];
  tradeVolumeChange: number[][];
  compositePriceChange: number[];
  producerSurplus: number[];
  consumerSurplus: number[];
}

/** Linear form: ΔPS_r = X0_r·P̂*_r·(1 + ½ e_r P̂*_r); ΔCS_v = −R_v·P̂_v·(1 + ½ ε_v P̂_v) (trapezoid areas). */
function linearOutcome(cal: Calibration, worldPrice: number[]): FlowOutcome {
  const priceChange = linearInternalPriceChange(cal, worldPrice);
  const composite = linearCompositeChange(cal, priceChange);
  return {
    worldPriceChange: worldPrice,
    tradeVolumeChange: linearVolumeChange(cal, priceChange, composite),
    compositePriceChange: composite,
    producerSurplus: worldPrice.map((x, r) => cal.exports[r] * x * (1 + 0.5 * cal.exportSupply[r] * x)),
    consumerSurplus: composite.map((p, v) => -cal.spending[v] * p * (1 + 0.5 * cal.importDemand[v] * p)),
  };
}

/** ∫₁^{e^{logEnd}} s^k ds = (e^{(k+1)·logEnd} − 1)/(k + 1), with the logarithmic limit at k = −1. */
function powerArea(exponent: number, logEnd: number): number {
  const k = exponent + 1;
  return Math.abs(k) < LIMIT_EPS ? logEnd : Math.expm1(k * logEnd) / k;
}

/** Levels form: exact areas under the constant-elasticity supply and composite demand curves. */
function levelsOutcome(cal: Calibration, logPrice: number[]): FlowOutcome {
  const { logComposite, volumeRatio } = levelsState(cal, logPrice);
  return {
    worldPriceChange: logPrice.map(Math.expm1),
    tradeVolumeChange: volumeRatio.map((row, r) =>
      row.map((ratio, v) => (cal.flows[r][v] > 0 ? ratio - 1 : 0)),
    ),
    compositePriceChange: logComposite.map(Math.expm1),
    producerSurplus: logPrice.map((y, r) => cal.exports[r] * powerArea(cal.exportSupply[r], y)),
    consumerSurplus: logComposite.map((logP, v) => -cal.spending[v] * powerArea(cal.importDemand[v], logP)),
  };
}

/** Value of each flow at world prices changes by (1 + volume change)(1 + world-price change) − 1. */
function valueChange(cal: Calibration, outcome: FlowOutcome): number[][] {
  return outcome.tradeVolumeChange.map((row, r) =>
    row.map((volume, v) => (cal.flows[r][v] > 0 ? (1 + volume) * (1 + outcome.worldPriceChange[r]) - 1 : 0)),
  );
}

/** ΔTR_v = Σ_r [(T1_rv − 1)·M1_rv − (T0_rv − 1)·M0_rv], flows at world prices. */
function tariffRevenueChange(cal: Calibration, tradeChange: number[][]): number[] {
  return Array.from({ length: cal.n }, (_, v) =>
    cal.flows.reduce((sum, row, r) => {
      const before = row[v];
      const after = before * (1 + tradeChange[r][v]);
      return sum + (cal.tariffs1[r][v] - 1) * after - (cal.tariffs0[r][v] - 1) * before;
    }, 0),
  );
}

function warningsFor(
  input: GsimInput,
  cal: Calibration,
  form: GsimForm,
  outcome: FlowOutcome,
  pricesUnique: boolean,
): string[] {
  const warnings: string[] = [];
  if (!pricesUnique) {
    warnings.push(
      'world prices are not uniquely determined here (the market-clearing Jacobian is singular, e.g. perfect complements with fixed supply); this is one of many equilibria',
    );
  }
  const name = (i: number) => JSON.stringify(input.regions[i]);
  cal.exports.forEach((value, r) => {
    if (value === 0)
      warnings.push(`${name(r)} sells nothing in the base; its world-price change is reported as 0`);
  });
  outcome.worldPriceChange.forEach((change, r) => {
    if (change <= -1) {
      warnings.push(`the world price of ${name(r)} falls to zero or below (change ${change.toPrecision(3)})`);
    } else if (Math.abs(Math.log1p(change)) > Math.log(EXTREME_PRICE_FACTOR)) {
      warnings.push(
        `the world price of ${name(r)} changes by a factor of ${(1 + change).toPrecision(3)}; elasticities this small for a shock this large make the benchmark unreliable`,
      );
    }
  });
  if (form === 'linear') {
    outcome.tradeVolumeChange.forEach((row, r) => {
      row.forEach((change, v) => {
        if (cal.flows[r][v] > 0 && change < -1) {
          warnings.push(
            `the linear approximation drives the flow ${name(r)} → ${name(v)} below zero (volume change ${(100 * change).toFixed(1)} %); use form "levels" for changes this large`,
          );
        }
      });
    });
  }
  return warnings;
}

function convergenceError(
  input: GsimInput,
  cal: Calibration,
  attempts: RootReport[],
  tolerance: number,
): GsimConvergenceError {
  const last = attempts[attempts.length - 1];
  let worst = 0;
  last.residual.forEach((value, k) => {
    if (!(Math.abs(value) <= Math.abs(last.residual[worst]))) worst = k;
  });
  const region = input.regions[cal.active[worst]] ?? '';
  const steps = attempts.map((attempt) => `${attempt.iterations} ${attempt.method}`).join(' and ');
  const hint = input.form === 'levels' ? '' : ', or try form "levels"';
  return new GsimConvergenceError(
    `GSIM did not converge: after ${steps} iterations the market for ${JSON.stringify(region)} is off by ${last.maxResidual.toExponential(2)} of its base sales (tolerance ${tolerance}). Check for extreme elasticities or tariff changes${hint}.`,
    last.maxResidual,
    region,
  );
}

function solveMarkets(
  problem: RootProblem,
  unknowns: number,
  options: Required<GsimSolverOptions>,
): { report: RootReport; attempts: RootReport[] } {
  const start = new Array<number>(unknowns).fill(0);
  const attempts: RootReport[] = [];
  if (options.method === 'auto') {
    const newton = newtonSolve(problem, start, options.tolerance, options.maxNewtonIterations);
    attempts.push(newton);
    if (newton.converged) return { report: newton, attempts };
  }
  const fixedPoint = fixedPointSolve(problem, start, options.tolerance, options.maxFixedPointIterations);
  attempts.push(fixedPoint);
  return { report: fixedPoint, attempts };
}

/**
 * Solves GSIM for the tariff change in `input` (validated first).
 * @param input see {@link GsimInput}; flows in value units at world prices, tariffs as powers.
 * @returns changes in world prices (proportional), bilateral trade, and surpluses and tariff
 *   revenue (value units, same as flows), per region.
 * @throws GsimInputError on invalid input; GsimConvergenceError if the markets do not clear.
 */
export function solveGsim(input: GsimInput, options: GsimSolverOptions = {}): GsimResult {
  const valid = parseGsimInput(input);
  const settings: Required<GsimSolverOptions> = { ...DEFAULTS, method: 'auto', ...options };
  const form: GsimForm = valid.form ?? 'linear';
  const cal = calibrate(valid);
  const problem = form === 'linear' ? linearProblem(cal) : levelsProblem(cal);
  const { report, attempts } = solveMarkets(problem, cal.active.length, settings);
  if (!report.converged) throw convergenceError(valid, cal, attempts, settings.tolerance);
  const unknowns = expand(cal, report.z);
  const outcome = form === 'linear' ? linearOutcome(cal, unknowns) : levelsOutcome(cal, unknowns);
  const tradeChange = valueChange(cal, outcome);
  const tariffRevenue = tariffRevenueChange(cal, tradeChange);
  return {
    regions: [...valid.regions],
    form,
    worldPriceChange: outcome.worldPriceChange,
    tradeChange,
    tradeValueChange: tradeChange.map((row, r) => row.map((change, v) => cal.flows[r][v] * change)),
    tradeVolumeChange: outcome.tradeVolumeChange,
    compositePriceChange: outcome.compositePriceChange,
    producerSurplus: outcome.producerSurplus,
    consumerSurplus: outcome.consumerSurplus,
    tariffRevenue,
    welfare: tariffRevenue.map(
      (revenue, r) => outcome.producerSurplus[r] + outcome.consumerSurplus[r] + revenue,
    ),
    solver: {
      method: report.method,
      iterations: report.iterations,
      converged: true,
      maxResidual: report.maxResidual,
    },
    warnings: warningsFor(valid, cal, form, outcome, !isSingularAt(problem, report.z)),
  };
}
