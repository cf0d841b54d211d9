/**
 * Armington preference per origin, calibrated so that at reference prices (and the status quo's
 * transport costs, no policy) each origin sells the share of the world market it has in the
 * data. Without it an origin far from its buyers must sell below the reference price to clear
 * (its netback), so the cost curves calibrated at the reference price would let it run and grow
 * less than the data say, and shares drift for years. This is the usual calibration of an
 * Armington model to base-year flows (GTAP, GSIM): preferences absorb what the model does not
 * see (contracts, qualities, logistics), and policies then move prices from there.
 *
 *   weight(i→j) = preference(i) × offer(i) × landed(i→j)^(−σ)
 *
 * The preferences solve, by proportional fitting, Σ_j bid(j) × share(i|j) = bid × offer(i)/Σ offer
 * with offer = calibrated output and bid = final demand plus the next stage's input needs.
 */
import { LEVER_COMPILERS } from '../levers/policies.ts';
import type { Scenario } from '../scenario/schema.ts';
import { exp, log } from './math.ts';
import { compilePolicy } from './policy.ts';
import type { World } from './world.ts';

/**
 * The world's base tariffs (World.baseTariffs) as ad valorem matrices per good, [good][origin * N
 * + destination], compiled by the tariffs lever alone over `scenario` with every lever emptied.
 */
export function baseTariffMatrices(world: World, scenario: Scenario): Float64Array[] {
  const N = world.nodes.length;
  const tariffs = world.baseTariffs ?? [];
  if (tariffs.length === 0) return world.goods.map(() => new Float64Array(N * N));
  // Every lever's list emptied (the registry's keys), then the base tariffs, always on.
  const emptied = Object.fromEntries(LEVER_COMPILERS.map((lever) => [lever.key, []]));
  const base: Scenario = {
    ...scenario,
    ...emptied,
    tariffs: tariffs.map((t) => ({ ...t, start: 0, end: null, announced: null })),
  };
  return compilePolicy(world, base).at(0).tariff;
}

/** Largest 2σ the Armington weight takes by multiplication (σ = 30, the schema's maximum). */
const MAX_TWICE_SIGMA = 60;

/**
 * The Armington weight of a landed cost, cost^(−σ) (cost > 0, USD/t). For a σ that is a whole
 * or half number (the default 5 among them) by repeated squaring and a square root: like
 * math.ts's exp and log it uses only operations every engine rounds the same way (+, ×, ÷ and
 * Math.sqrt are correctly rounded), so the weight is bit-identical in Node and any browser, and
 * it costs a few multiplications rather than an exp and a log. Other σ, or a cost whose power
 * would overflow, go through exp(−σ·log cost). The two agree to within the rounding of exp(log)
 * itself (about σ·|log cost| units in the last place).
 */
export function armingtonWeight(cost: number, sigma: number): number {
  const twice = 2 * sigma;
  if (twice === Math.floor(twice) && twice > 0 && twice <= MAX_TWICE_SIGMA) {
    let n = Math.floor(sigma);
    let power = sigma === n ? 1 : Math.sqrt(cost);
    let square = cost;
    while (n > 0) {
      if (n & 1) power *= square;
      n >>= 1;
      if (n > 0) square *= square;
    }
    if (power > 0 && power < Number.POSITIVE_INFINITY) return 1 / power;
  }
  return exp(-sigma * log(cost));
}

/** Fitting steps: the shares converge geometrically; 60 leave errors far below 1e-9. */
const FITTING_STEPS = 60;

/**
 * Preferences per good and origin, [good * N + node] (1 for a good that is not traded, for nodes
 * without output, and on average over a good's origins weighted by output).
 */
export function originPreferences(
  world: World,
  transport: Float64Array,
  tariff: readonly Float64Array[],
  sigma: Float64Array,
): Float64Array {
  const N = world.nodes.length;
  const G = world.goods.length;
  const preference = new Float64Array(G * N).fill(1);
  const bid = new Float64Array(N);
  // Per producing origin k (origin[k] is its node): its preference, output and sales, and its
  // weight toward each buyer j at [j * N + k]. Packed by origin, so the fitting loops below read
  // consecutive elements: they run some 2 million times in a load, the first load of a worker in
  // code not yet optimised, where every index computed and array read costs.
  const pk = new Float64Array(N);
  const outputK = new Float64Array(N);
  const soldK = new Float64Array(N);
  const weight = new Float64Array(N * N);
  const origin = new Int32Array(N);
  for (let g = 0; g < G; g++) {
    const good = world.goods[g];
    if (!good.traded) continue;
    bid.fill(0);
    for (let n = 0; n < N; n++) bid[n] = good.finalDemand[n];
    for (const next of world.goods) {
      if (world.goods[next.inputGood] !== good) continue;
      for (let n = 0; n < N; n++) bid[n] += next.output[n] / next.yield;
    }
    let offerTotal = 0;
    let bidTotal = 0;
    for (let n = 0; n < N; n++) {
      offerTotal += good.output[n];
      bidTotal += bid[n];
    }
    if (!(offerTotal > 0) || !(bidTotal > 0)) continue;
    const p = preference.subarray(g * N, (g + 1) * N);
    const ref = good.referencePrice;
    const t = tariff[g];
    // Only producing origins: a node without output adds exact zeros to every sum below (its
    // terms are 0 × a finite weight), so leaving it out keeps the same sums, bit for bit, in
    // a fraction of the time (a good has a few dozen origins among the world's nodes).
    let origins = 0;
    for (let i = 0; i < N; i++) if (good.output[i] > 0) origin[origins++] = i;
    for (let k = 0; k < origins; k++) {
      const i = origin[k];
      pk[k] = p[i];
      outputK[k] = good.output[i];
      for (let j = 0; j < N; j++)
        weight[j * N + k] = armingtonWeight(ref * (1 + t[i * N + j]) + transport[i * N + j], sigma[g]);
    }
    for (let step = 0; step < FITTING_STEPS; step++) {
      soldK.fill(0);
      for (let j = 0; j < N; j++) {
        const demand = bid[j];
        if (!(demand > 0)) continue;
        const row = j * N;
        let denominator = 0;
        for (let k = 0; k < origins; k++) denominator += pk[k] * outputK[k] * weight[row + k];
        for (let k = 0; k < origins; k++)
          soldK[k] += (demand * pk[k] * outputK[k] * weight[row + k]) / denominator;
      }
      for (let k = 0; k < origins; k++) pk[k] *= (bidTotal * outputK[k]) / offerTotal / soldK[k];
    }
    for (let k = 0; k < origins; k++) p[origin[k]] = pk[k];
    // Only ratios matter; scale to an output-weighted mean of 1.
    let mean = 0;
    for (let i = 0; i < N; i++) mean += (p[i] * good.output[i]) / offerTotal;
    for (let i = 0; i < N; i++) p[i] = good.output[i] > 0 ? p[i] / mean : 1;
  }
  return preference;
}

/**
 * Landed cost a buyer at each node pays at reference prices, averaged over origins by the
 * calibrated shares (transport included), USD/t, [good * N + node]: what a processor's input
 * costs it in the status quo, so its value added at reference is its own, not the world's.
 */
export function referenceLandedCosts(
  world: World,
  transport: Float64Array,
  tariff: readonly Float64Array[],
  sigma: Float64Array,
  preference: Float64Array,
): Float64Array {
  const N = world.nodes.length;
  const landed = new Float64Array(world.goods.length * N);
  world.goods.forEach((good, g) => {
    const ref = good.referencePrice;
    for (let j = 0; j < N; j++) {
      if (!good.traded) {
        landed[g * N + j] = ref;
        continue;
      }
      let weights = 0;
      let cost = 0;
      for (let i = 0; i < N; i++) {
        // A node without output weighs 0 (adds exact zeros): left out, same sums.
        if (!(good.output[i] > 0)) continue;
        const c = ref * (1 + tariff[g][i * N + j]) + transport[i * N + j];
        const w = preference[g * N + i] * good.output[i] * armingtonWeight(c, sigma[g]);
        weights += w;
        cost += w * c;
      }
      landed[g * N + j] = weights > 0 ? cost / weights : ref;
    }
  });
  return landed;
}
