/**
 * What paces new capacity: each site's margin at reference prices (the yardstick of its price
 * signal), the expansion rate and greenfield pressure agents read from the market view, and how
 * full each good's world pipeline is. Rates per month, capacity in t/month.
 */
import { type GroupCalibration, steadyExpansion } from './agents.ts';
import type { Aggregates } from './aggregates.ts';
import {
  EXPANSION_ELASTICITY,
  EXPANSION_KICK,
  GREENFIELD_START_RATE,
  MAX_EXPANSION_RATE,
  SIGNAL_SCALE,
} from './constants.ts';
import {
  VIEW_BUILD_LAG,
  VIEW_BUILD_RATE,
  VIEW_ENTRY_HURDLE,
  VIEW_EXPANSION_LAG,
  VIEW_EXPANSION_RATE,
} from './exchange.ts';
import { type PopulationPlan, ROLE_PROCESSOR, referenceUnitCost } from './layout.ts';
import { pow } from './math.ts';
import type { MonthPolicy } from './policy.ts';
import type { World } from './world.ts';

/**
 * Each site's margin at reference prices, [g * N + n], USD/t: the price for a mine; for a
 * processor, the price less its input at the landed cost it pays in the status quo (an
 * importer's input carries freight; `landed` from preference.ts), at least a quarter of the
 * world's value added.
 */
export function referenceMargins(world: World, landed: Float64Array): Float64Array {
  const N = world.nodes.length;
  const margins = new Float64Array(world.goods.length * N);
  world.goods.forEach((good, g) => {
    for (let n = 0; n < N; n++) {
      let margin = good.referencePrice;
      if (good.inputGood >= 0) {
        const valueAdded = referenceUnitCost(world, g, ROLE_PROCESSOR);
        margin = good.referencePrice - landed[good.inputGood * N + n] / good.yield;
        if (margin < 0.25 * valueAdded) margin = 0.25 * valueAdded;
      }
      margins[g * N + n] = margin;
    }
  });
  return margins;
}

/**
 * Each population group's status-quo costs (agents.ts GroupCalibration): a processor's cost
 * curve is scaled by its own reference margin and its input priced at the landed cost it pays.
 */
export function groupCalibration(
  world: World,
  plan: PopulationPlan,
  landed: Float64Array,
  margins: Float64Array,
): GroupCalibration {
  const N = world.nodes.length;
  const unitCost = new Float64Array(plan.groups.length);
  const inputCost = new Float64Array(plan.groups.length);
  plan.groups.forEach((group, gi) => {
    const good = world.goods[group.good];
    if (group.role === ROLE_PROCESSOR) {
      unitCost[gi] = margins[group.good * N + group.node];
      inputCost[gi] = landed[good.inputGood * N + group.node] / good.yield;
    } else unitCost[gi] = good.referencePrice;
  });
  return { unitCost, inputCost };
}

/** World demand growth of a mineral in a month, per year (nodes weighted by calibrated final demand). */
export function worldGrowth(world: World, policy: MonthPolicy, mineral: number): number {
  const N = world.nodes.length;
  let weighted = 0;
  let weight = 0;
  for (const gi of world.minerals[mineral].goods) {
    const fd = world.goods[gi].finalDemand;
    for (let n = 0; n < N; n++) {
      weighted += fd[n] * policy.growthRate[mineral * N + n];
      weight += fd[n];
    }
  }
  return weight > 0 ? weighted / weight : world.minerals[mineral].demandGrowth;
}

/** Prices the expansion signal reads, [g * N + n], USD/t. */
export interface InvestmentPrices {
  investPrice: Float64Array;
  buyerInvestPrice: Float64Array;
}

/**
 * Writes good `g`'s expansion rate, greenfield pressure, entry hurdle and lags into the view.
 * The steady pace keeps capacity growing with world demand (`growth`, per year) at reference
 * prices; it scales with the price signal to the EXPANSION_ELASTICITY and with how full the
 * world's pipeline is (no herd of projects that all come online at once), plus a kick where
 * margins are exceptional here (a node with cheap input builds even when the pipeline is full).
 */
export function writeInvestmentView(
  view: Float64Array,
  world: World,
  g: number,
  policy: MonthPolicy,
  prices: InvestmentPrices,
  referenceMargin: Float64Array,
  pipelineFactor: number,
  growth: number,
  hurdle: number,
): void {
  const N = world.nodes.length;
  const stride = world.goods.length * N;
  const good = world.goods[g];
  let steadyLag = -1;
  let steady = { rate: 0, pipeline: 0 };
  for (let n = 0; n < N; n++) {
    const k = g * N + n;
    const support = policy.hurdleReduction[k];
    const earned =
      good.inputGood >= 0
        ? prices.investPrice[k] - prices.buyerInvestPrice[good.inputGood * N + n] / good.yield
        : prices.investPrice[k];
    const margin = referenceMargin[k];
    const scale = Math.max(margin, SIGNAL_SCALE * good.referencePrice);
    const signal = Math.max(0, 1 + (earned - margin) / scale) / (1 - Math.min(0.9, support));
    if (policy.expansionLag[k] !== steadyLag) {
      steadyLag = policy.expansionLag[k];
      steady = steadyExpansion(growth, steadyLag);
    }
    const pace = steady.rate * pow(signal, EXPANSION_ELASTICITY) * pipelineFactor;
    const rate = pace + EXPANSION_KICK * Math.max(0, signal - 1);
    view[VIEW_EXPANSION_RATE * stride + k] = Math.min(MAX_EXPANSION_RATE, rate);
    view[VIEW_BUILD_RATE * stride + k] = GREENFIELD_START_RATE * Math.min(1, pipelineFactor);
    view[VIEW_ENTRY_HURDLE * stride + k] = Math.max(0, hurdle - support);
    view[VIEW_BUILD_LAG * stride + k] = policy.buildLag[k];
    view[VIEW_EXPANSION_LAG * stride + k] = policy.expansionLag[k];
  }
}

/**
 * Per good: capacity the world's pipeline should hold for steady growth over what it holds
 * (within 0.05–3), from this month's decisions. Investors see the projects already under way,
 * so new starts slow when the pipeline is full and speed up when it is thin (no cobweb).
 */
export function updatePipelineFactors(
  pipelineFactor: Float64Array,
  world: World,
  policy: MonthPolicy,
  agg: Aggregates,
): void {
  const N = world.nodes.length;
  // Arrays read into locals: this runs on the coordinator while the workers wait.
  const { produced, pipeline: underway } = agg;
  const { expansionLag } = policy;
  for (let g = 0; g < world.goods.length; g++) {
    const growth = Math.max(0, worldGrowth(world, policy, world.goods[g].mineralIndex));
    let output = 0;
    let pipeline = 0;
    let lag = 0;
    for (let n = 0; n < N; n++) {
      output += produced[g * N + n];
      pipeline += underway[g * N + n];
      lag += expansionLag[g * N + n] * produced[g * N + n];
    }
    if (!(output > 0)) {
      pipelineFactor[g] = 1;
      continue;
    }
    // Steady growth keeps (monthly growth) × lag of the output under construction.
    const needed = output * steadyExpansion(growth, lag / output).pipeline;
    const floor = 0.01 * output;
    const factor = (needed + floor) / (pipeline + floor);
    pipelineFactor[g] = factor < 0.05 ? 0.05 : factor > 3 ? 3 : factor;
  }
}
