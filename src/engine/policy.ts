/**
 * The engine's monthly policy tables and their lookup: tariff matrices, levy rules, export
 * controls, offtakes, subsidies, standards, shocks, permitting, investment support, growth
 * rates. Each lever module (src/levers/<lever>.ts) writes its own part of a month's tables
 * through the PolicyContext below; compilePolicy starts every month from the status quo
 * (blankPolicy), lets each lever write (src/levers/policies.ts), and rebuilds only in months when some
 * lever starts, ends or is announced, so a month without changes costs nothing.
 */
import { LEVER_COMPILERS } from '../levers/policies.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { World } from './world.ts';

export interface FloorRule {
  /** 1 for importers inside the zone. */
  zoneMask: Uint8Array;
  floor: number;
}

export type RentHolder = 'exporter-firms' | 'exporter-state' | 'importers';

export interface ControlRule {
  /** Index of the control in the scenario's exportControls (keys its route and licence state). */
  index: number;
  exporter: number;
  /** A quota of 0 t is compiled as a ban: no route price lets anything through it. */
  kind: 'ban' | 'quota' | 'licence';
  /** 1 for destinations the control applies to. */
  destinationMask: Uint8Array;
  quotaPerMonth: number;
  /** Licence: months an application waits before it can be approved. */
  delayMonths: number;
  /** Licence: share of the processed applications approved each month, 0–1. */
  approvalShare: number;
  /** Licence: fee, fraction of the origin price, collected by the exporting state. */
  fee: number;
  /** Who holds the scarcity rent of a binding quota or licence. */
  rentHolder: RentHolder;
  /** Month the control ends (exclusive), or null: firms expect prices to return after a known end. */
  end: number | null;
}

export interface OfftakeRule {
  buyerMask: Uint8Array;
  seller: number;
  share: number;
  price: number;
}

export interface SubsidyRule {
  /** Index into the scenario's priceGapSubsidies (for the budget). */
  index: number;
  scopeMask: Uint8Array;
  reference: number;
  budget: number | null;
}

export interface StandardRule {
  zoneMask: Uint8Array;
  share: number;
  compliantMask: Uint8Array;
}

export interface RecyclingRule {
  scopeMask: Uint8Array;
  mineral: number;
  share: number;
  lagMonths: number;
}

/** Every lever in force in one month, as tables indexed by good and node. */
export interface MonthPolicy {
  /** Ad valorem tariff, fraction, [good][origin * N + destination]. */
  tariff: Float64Array[];
  floors: FloorRule[][];
  controls: ControlRule[][];
  offtakes: OfftakeRule[][];
  subsidies: SubsidyRule[][];
  standards: StandardRule[][];
  recycling: RecyclingRule[];
  /** 1 − capacity lost to shocks, [good * N + node]. */
  capacityFactor: Float64Array;
  /** Months to build new capacity, [good * N + node]. */
  buildLag: Float64Array;
  expansionLag: Float64Array;
  /** Cut in the hurdle margin from investment support, fraction, [good * N + node]. */
  hurdleReduction: Float64Array;
  /** Demand growth, per year, [mineral * N + node]. */
  growthRate: Float64Array;
  /** 1 when a disruption is declared for the good. */
  disruption: Uint8Array;
  /** 1 when each scenario stockpile is active. */
  stockpileActive: Uint8Array;
  /**
   * Extra months of cover buyers aim to hold, [good * N + node]: between the announcement and the
   * start of an export control, a tariff or a supply shock that will hit them.
   */
  precautionaryCover: Float64Array;
}

/** What a lever's compile step reads besides its own items (src/levers/lever.ts). */
export interface PolicyContext {
  world: World;
  scenario: Scenario;
  /** Nodes and goods. */
  N: number;
  G: number;
  nodeIndex: ReadonlyMap<string, number>;
  mineralIndex: ReadonlyMap<string, number>;
  zonesById: ReadonlyMap<string, Scenario['zones'][number]>;
  /** Nodes a scope names ('world', a zone id, a node code, or 'EU'), as a 0/1 mask. */
  scopeMask(ref: string): Uint8Array;
  /** The union of the scopes' masks. */
  unionMask(refs: readonly string[]): Uint8Array;
  /** Goods of a mineral and stage ('all' matches every one). */
  goodsMatching(mineral: string, stage: string): number[];
}

export interface CompiledPolicy {
  at(month: number): MonthPolicy;
  /** Nodes a scope names ('world', a zone id, a node code, or 'EU'), as a 0/1 mask. */
  scopeMask(ref: string): Uint8Array;
}

/** Stretches of months whose tables a compiled policy keeps (see `at`). */
const RECENT_STRETCHES = 2;

/**
 * The scenario's policy, compiled for `world`. Compile it once per run and share it (the
 * population's plan, the coordinator and the markets it clears read the same tables): month
 * 0's tables take tens of ms with cold code, and a run used to build them four times.
 */
export function compilePolicy(world: World, scenario: Scenario): CompiledPolicy {
  const N = world.nodes.length;
  const G = world.goods.length;
  const nodeIndex = new Map(world.nodes.map((n, i) => [n.code, i]));
  const mineralIndex = new Map(world.minerals.map((m, i) => [m.id, i]));
  const zonesById = new Map(scenario.zones.map((z) => [z.id, z]));

  function scopeMask(ref: string): Uint8Array {
    const mask = new Uint8Array(N);
    if (ref === 'world') mask.fill(1);
    else if (ref === 'EU') {
      for (let i = 0; i < N; i++) mask[i] = world.nodes[i].euMember ? 1 : 0;
    } else if (zonesById.has(ref)) {
      for (const code of zonesById.get(ref)!.members) {
        const i = nodeIndex.get(code);
        if (i !== undefined) mask[i] = 1;
      }
    } else {
      const i = nodeIndex.get(ref);
      if (i === undefined) throw new Error(`unknown node, zone or scope "${ref}"`);
      mask[i] = 1;
    }
    return mask;
  }
  const unionMask = (refs: readonly string[]) => {
    const mask = new Uint8Array(N);
    for (const ref of refs) {
      const m = scopeMask(ref);
      for (let i = 0; i < N; i++) mask[i] |= m[i];
    }
    return mask;
  };
  const goodsMatching = (mineral: string, stage: string) =>
    world.goods.flatMap((g, i) =>
      (mineral === 'all' || g.mineral === mineral) && (stage === 'all' || g.stage === stage) ? [i] : [],
    );
  const ctx: PolicyContext = {
    world,
    scenario,
    N,
    G,
    nodeIndex,
    mineralIndex,
    zonesById,
    scopeMask,
    unionMask,
    goodsMatching,
  };

  // Months at which some lever starts, ends or is announced: the only months tables can change.
  const changeMonths = new Set<number>([0]);
  for (const lever of LEVER_COMPILERS) {
    for (const w of lever.windows(scenario[lever.key])) {
      changeMonths.add(w.start);
      if (w.end !== null) changeMonths.add(w.end);
      if (w.announced !== null) changeMonths.add(w.announced);
    }
  }

  function build(month: number): MonthPolicy {
    const policy = blankPolicy(world, scenario);
    for (const lever of LEVER_COMPILERS) lever.compileItems(scenario[lever.key], month, ctx, policy);
    return policy;
  }

  // Tables are the same over a stretch of months from one change month to the next. The last
  // RECENT_STRETCHES stretches' tables are kept: readers of this compilation a month apart (the
  // coordinator and its markets share one) then never rebuild a month's tables between them.
  const starts = [...changeMonths].sort((a, b) => a - b);
  const recent: { from: number; policy: MonthPolicy }[] = [];
  return {
    scopeMask,
    at(month: number): MonthPolicy {
      let from = Number.NEGATIVE_INFINITY;
      for (const m of starts) if (m <= month) from = m;
      for (const stretch of recent) if (stretch.from === from) return stretch.policy;
      const policy = build(month);
      recent.unshift({ from, policy });
      if (recent.length > RECENT_STRETCHES) recent.pop();
      return policy;
    },
  };
}

/**
 * A month with no lever in force: no tariffs or rules, full capacity, the market's default
 * build lags, the data's demand growth, no disruption, no precaution.
 */
function blankPolicy(world: World, scenario: Scenario): MonthPolicy {
  const N = world.nodes.length;
  const G = world.goods.length;
  const M = world.minerals.length;
  const perGood = <T>() => Array.from({ length: G }, () => [] as T[]);
  const market = scenario.market;
  const buildLag = new Float64Array(G * N);
  const expansionLag = new Float64Array(G * N);
  for (let g = 0; g < G; g++) {
    const lag = world.goods[g].stageIndex === 0 ? market.mineBuildLagMonths : market.processorBuildLagMonths;
    buildLag.fill(lag, g * N, (g + 1) * N);
    expansionLag.fill(market.expansionLagMonths, g * N, (g + 1) * N);
  }
  const growthRate = new Float64Array(M * N);
  for (let m = 0; m < M; m++) growthRate.fill(world.minerals[m].demandGrowth, m * N, (m + 1) * N);
  return {
    tariff: Array.from({ length: G }, () => new Float64Array(N * N)),
    floors: perGood<FloorRule>(),
    controls: perGood<ControlRule>(),
    offtakes: perGood<OfftakeRule>(),
    subsidies: perGood<SubsidyRule>(),
    standards: perGood<StandardRule>(),
    recycling: [],
    capacityFactor: new Float64Array(G * N).fill(1),
    buildLag,
    expansionLag,
    hurdleReduction: new Float64Array(G * N),
    growthRate,
    disruption: new Uint8Array(G),
    stockpileActive: new Uint8Array(scenario.stockpiles.length),
    precautionaryCover: new Float64Array(G * N),
  };
}
