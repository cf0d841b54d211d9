/**
 * The partial-equilibrium cross-check for a scenario (MODEL.md §8): GSIM on the calibration
 * flows of one good, with the scenario's border measures as tariff changes, next to what the
 * agents did. Base flows are the status quo's first year (value at origin prices, USD million a
 * year); tariffs before are the status quo's, after are the scenario's when its levers are in
 * force, with price-floor levies as ad valorem equivalents and export bans as a prohibitive
 * tariff (GSIM's levels form handles large changes). Quotas, licence delays, stockpiles and
 * investment have no GSIM counterpart: that is where the agent run can differ.
 */
import { worldPrice } from '../engine/metrics.ts';
import { compilePolicy } from '../engine/policy.ts';
import { type RunResults, seriesIndex } from '../engine/results.ts';
import { createSimulation } from '../engine/simulation.ts';
import { distanceMatrix, transportCosts, type World } from '../engine/world.ts';
import { type PeBenchmark, peBenchmark } from '../pe/index.ts';
import type { GsimInput } from '../pe/schema.ts';
import type { Scenario } from '../scenario/schema.ts';

/** Export supply elasticity the benchmark assumes for every exporter (Francois and Hall's example value). */
export const PE_EXPORT_SUPPLY_ELASTICITY = 1.5;

/** Tariff power standing in for an export ban in the levels form. */
const PROHIBITIVE = 20;

export interface PeComparison {
  good: { mineral: string; stage: string };
  /** The month whose policies define the "after" tariffs. */
  policyMonth: number;
  input: GsimInput;
  pe: PeBenchmark;
  /** Per region: the agents' proportional change of the origin price and of exports, scenario vs status quo, averaged over the last 12 months. */
  agents: { region: string; priceChange: number; exportChange: number }[];
  agentWorldPriceChange: number;
  notes: string[];
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

/**
 * Builds and solves the benchmark for one good. `baseline` and `run` are the status quo and the
 * scenario's agent results (same world, months and seed).
 */
export function peForScenario(
  world: World,
  statusQuo: Scenario,
  scenario: Scenario,
  good: number,
  baseline: RunResults,
  run: RunResults,
): PeComparison {
  const N = world.nodes.length;
  const g = world.goods[good];
  const notes: string[] = [];
  // Base flows: the status quo's first 12 months (or fewer), value at origin prices, USD million a year.
  const months = Math.min(12, baseline.monthsDone);
  const value = new Float64Array(N * N);
  for (let m = 0; m < months; m++) {
    const keys = baseline.flowKeys[m];
    keys.forEach((k, f) => {
      if (Math.floor(k / (N * N)) !== good) return;
      const pair = k % (N * N);
      const origin = Math.floor(pair / N);
      const price = baseline.series.price[seriesIndex(baseline.meta, m, good, origin)];
      value[pair] += (baseline.flowTonnes[m][f] * price * (12 / months)) / 1e6;
    });
  }
  // Regions: nodes that buy or sell the good.
  const active = world.nodes.flatMap((_, n) => {
    let any = 0;
    for (let j = 0; j < N; j++) any += value[n * N + j] + value[j * N + n];
    return any > 0 ? [n] : [];
  });
  const policyMonth = Math.min(
    scenario.months - 1,
    Math.max(
      0,
      ...[...scenario.exportControls, ...scenario.zones, ...scenario.tariffs, ...scenario.priceFloors].map(
        (w) => w.start,
      ),
    ),
  );
  const before = compilePolicy(world, statusQuo).at(0);
  const after = compilePolicy(world, scenario).at(policyMonth);
  const costs = transportCosts(
    distanceMatrix(world.nodes),
    scenario.market.freightUsdPerTonneKm,
    scenario.market.handlingUsdPerTonne,
  );
  const transport = (i: number, j: number) => costs[i * N + j];
  const reference = g.referencePrice;
  const tariffs = (which: typeof before, withMeasures: boolean) =>
    active.map((i) =>
      active.map((j) => {
        let power = 1 + which.tariff[good][i * N + j];
        if (!withMeasures) return power;
        for (const control of which.controls[good]) {
          if (control.exporter !== i || !control.destinationMask[j]) continue;
          if (control.kind === 'ban') power = PROHIBITIVE;
          else if (control.kind === 'licence') power += control.fee;
        }
        for (const floor of which.floors[good]) {
          if (floor.zoneMask[j] && !floor.zoneMask[i]) {
            const landed = reference * power + transport(i, j);
            power += Math.max(0, floor.floor - landed) / reference;
          }
        }
        return power;
      }),
    );
  if (after.controls[good].some((c) => c.kind === 'quota'))
    notes.push('quotas have no GSIM counterpart and are left out');
  if (after.controls[good].some((c) => c.kind === 'licence' && c.delayMonths > 0))
    notes.push('licence delays are left out (only the fee counts)');
  if (scenario.stockpiles.length + scenario.offtakes.length + scenario.priceGapSubsidies.length > 0) {
    notes.push('stockpiles, offtakes and subsidies have no GSIM counterpart');
  }
  const sigma = scenario.elasticities.substitutionByMineral[g.mineral] ?? scenario.elasticities.substitution;
  const demand = scenario.elasticities.demandByMineral[g.mineral] ?? scenario.elasticities.demand;
  const input: GsimInput = {
    regions: active.map((n) => world.nodes[n].code),
    flows: active.map((i) => active.map((j) => value[i * N + j])),
    tariffs0: tariffs(before, false),
    tariffs1: tariffs(after, true),
    importDemandElasticity: active.map(() => Math.min(-0.01, demand)),
    substitutionElasticity: active.map(() => sigma),
    exportSupplyElasticity: active.map(() => PE_EXPORT_SUPPLY_ELASTICITY),
    form: 'levels',
    description: `${g.mineral} ${g.stage}: status-quo flows of the first ${months} months (USD million a year); tariffs after at month ${policyMonth}`,
  };
  const pe = peBenchmark(input);
  // The agents' answer: last 12 months of the scenario against the status quo.
  const last = Math.min(run.monthsDone, baseline.monthsDone);
  const window = Array.from({ length: Math.min(12, last) }, (_, i) => last - 1 - i);
  const at = (r: RunResults, name: 'price' | 'exports', m: number, n: number) =>
    r.series[name][seriesIndex(r.meta, m, good, n)];
  const agents = active.map((n) => ({
    region: world.nodes[n].code,
    priceChange: mean(
      window.map((m) => at(run, 'price', m, n) / at(baseline, 'price', m, n) - 1).filter(Number.isFinite),
    ),
    exportChange: mean(
      window.map((m) => at(run, 'exports', m, n) / at(baseline, 'exports', m, n) - 1).filter(Number.isFinite),
    ),
  }));
  const agentWorldPriceChange = mean(
    window.map((m) => worldPrice(run, m, good) / worldPrice(baseline, m, good) - 1),
  );
  return {
    good: { mineral: g.mineral, stage: g.stage },
    policyMonth,
    input,
    pe,
    agents,
    agentWorldPriceChange,
    notes,
  };
}

/** Runs the status quo and the scenario and compares them with the benchmark for one good. */
export function comparePe(world: World, statusQuo: Scenario, scenario: Scenario, good: number): PeComparison {
  const baseline = createSimulation(world, statusQuo).run();
  const run = createSimulation(world, scenario).run();
  return peForScenario(world, statusQuo, scenario, good, baseline, run);
}
