/**
 * Turns the scenario's levers into dense per-month tables the market and the agents read:
 * tariff matrices, levy rules, export controls, offtakes, subsidies, standards, shocks,
 * permitting, investment support, growth rates. Tables are rebuilt only in months when some
 * lever starts or ends, so a month without changes costs nothing.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { World } from './world.ts';

type Window = { start: number; end: number | null; announced?: number | null };

export function isActive(w: Window, month: number): boolean {
  return month >= w.start && (w.end === null || month < w.end);
}

/** Announced and not yet in force: buyers it will hit stock up (see precautionaryCover). */
export function isAnnounced(w: Window, month: number): boolean {
  return w.announced !== null && w.announced !== undefined && month >= w.announced && month < w.start;
}

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

export interface CompiledPolicy {
  at(month: number): MonthPolicy;
  /** Nodes a scope names ('world', a zone id, a node code, or 'EU'), as a 0/1 mask. */
  scopeMask(ref: string): Uint8Array;
}

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

  // Months at which some lever starts or ends: the only months tables can change.
  const changeMonths = new Set<number>([0]);
  const windows: Window[] = [
    ...scenario.zones,
    ...scenario.tariffs,
    ...scenario.priceFloors,
    ...scenario.priceGapSubsidies,
    ...scenario.exportControls,
    ...scenario.offtakes,
    ...scenario.stockpiles,
    ...scenario.disruptions,
    ...scenario.shocks,
    ...scenario.demandGrowth,
    ...scenario.permitting,
    ...scenario.investmentSupport,
    ...scenario.recycling,
    ...scenario.standards,
  ];
  for (const w of windows) {
    changeMonths.add(w.start);
    if (w.end !== null) changeMonths.add(w.end);
    if (w.announced !== null && w.announced !== undefined) changeMonths.add(w.announced);
  }

  const defaultGrowth = world.minerals.map((m) => m.demandGrowth);

  function build(month: number): MonthPolicy {
    const zones = scenario.zones
      .filter((z) => isActive(z, month))
      .map((z) => ({ zone: z, mask: scopeMask(z.id) }));

    // Tariffs: zone internal > bilateral > zone external > MFN > 0 (see docs/model.md).
    const tariff: Float64Array[] = [];
    for (let g = 0; g < G; g++) {
      const t = new Float64Array(N * N);
      const good = world.goods[g];
      const rules = scenario.tariffs.filter(
        (r) =>
          isActive(r, month) &&
          (r.mineral === 'all' || r.mineral === good.mineral) &&
          (r.stage === 'all' || r.stage === good.stage),
      );
      const mfn = rules.filter((r) => r.exporter === 'all');
      const bilateral = rules.filter((r) => r.exporter !== 'all');
      const importerMasks = new Map<string, Uint8Array>();
      const importerMask = (ref: string) => {
        let m = importerMasks.get(ref);
        if (!m) {
          m = scopeMask(ref);
          importerMasks.set(ref, m);
        }
        return m;
      };
      for (let j = 0; j < N; j++) {
        let mfnRate = 0;
        for (const r of mfn) if (importerMask(r.importer)[j]) mfnRate = r.rate;
        let external: number | null = null;
        for (const { zone, mask } of zones)
          if (mask[j] && zone.externalTariff !== null && external === null) external = zone.externalTariff;
        for (let i = 0; i < N; i++) {
          if (i === j) continue;
          // A member's partners inside the zone get the internal rate below.
          let rate = external ?? mfnRate;
          for (const r of bilateral)
            if (importerMask(r.importer)[j] && nodeIndex.get(r.exporter) === i) rate = r.rate;
          let internal = Number.POSITIVE_INFINITY;
          for (const { zone, mask } of zones)
            if (mask[i] && mask[j]) internal = Math.min(internal, zone.internalTariff);
          if (internal !== Number.POSITIVE_INFINITY) rate = internal;
          t[i * N + j] = rate;
        }
      }
      tariff.push(t);
    }

    const perGood = <T>() => Array.from({ length: G }, () => [] as T[]);
    const floors = perGood<FloorRule>();
    for (const f of scenario.priceFloors) {
      if (!isActive(f, month) || !zonesById.has(f.zone) || !isActive(zonesById.get(f.zone)!, month)) continue;
      for (const g of goodsMatching(f.mineral, f.stage))
        floors[g].push({ zoneMask: scopeMask(f.zone), floor: f.floor });
    }

    const controls = perGood<ControlRule>();
    for (const c of scenario.exportControls) {
      if (!isActive(c, month)) continue;
      const exporter = nodeIndex.get(c.exporter)!;
      const destinationMask =
        c.destinations === 'all' ? new Uint8Array(N).fill(1) : unionMask(c.destinations);
      const exempt = unionMask(c.exempt);
      for (let j = 0; j < N; j++) if (exempt[j] || j === exporter) destinationMask[j] = 0;
      // A quota of 0 t and a ban are the same policy: no route price lets anything through.
      const kind = c.kind === 'quota' && !(c.quotaTonnesPerMonth > 0) ? 'ban' : c.kind;
      for (const g of goodsMatching(c.mineral, c.stage)) {
        controls[g].push({
          index: scenario.exportControls.indexOf(c),
          exporter,
          kind,
          destinationMask,
          quotaPerMonth: c.quotaTonnesPerMonth,
          delayMonths: c.licenceDelayMonths,
          approvalShare: c.approvalShare,
          fee: c.licenceFee,
          rentHolder: c.rentHolder,
          end: c.end,
        });
      }
    }

    const offtakes = perGood<OfftakeRule>();
    for (const o of scenario.offtakes) {
      if (!isActive(o, month)) continue;
      for (const g of goodsMatching(o.mineral, o.stage)) {
        offtakes[g].push({
          buyerMask: scopeMask(o.buyer),
          seller: nodeIndex.get(o.seller)!,
          share: o.share,
          price: o.priceUsdPerTonne,
        });
      }
    }

    const subsidies = perGood<SubsidyRule>();
    scenario.priceGapSubsidies.forEach((s, index) => {
      if (!isActive(s, month)) return;
      for (const g of goodsMatching(s.mineral, s.stage)) {
        subsidies[g].push({
          index,
          scopeMask: scopeMask(s.scope),
          reference: s.referencePrice,
          budget: s.budgetUsd,
        });
      }
    });

    const standards = perGood<StandardRule>();
    for (const s of scenario.standards) {
      if (!isActive(s, month) || !zonesById.has(s.zone)) continue;
      const compliantMask = new Uint8Array(N);
      for (const code of s.compliantOrigins) compliantMask[nodeIndex.get(code)!] = 1;
      for (const g of goodsMatching(s.mineral, s.stage)) {
        standards[g].push({ zoneMask: scopeMask(s.zone), share: s.requiredShare, compliantMask });
      }
    }

    const recycling: RecyclingRule[] = scenario.recycling
      .filter((r) => isActive(r, month))
      .map((r) => ({
        scopeMask: scopeMask(r.scope),
        mineral: mineralIndex.get(r.mineral)!,
        share: r.share,
        lagMonths: r.lagMonths,
      }));

    const capacityFactor = new Float64Array(G * N).fill(1);
    for (const s of scenario.shocks) {
      if (!isActive(s, month)) continue;
      const node = nodeIndex.get(s.node)!;
      for (const g of goodsMatching(s.mineral, s.stage)) capacityFactor[g * N + node] *= 1 - s.capacityLoss;
    }

    const buildLag = new Float64Array(G * N);
    const expansionLag = new Float64Array(G * N);
    const market = scenario.market;
    for (let g = 0; g < G; g++) {
      const lag =
        world.goods[g].stageIndex === 0 ? market.mineBuildLagMonths : market.processorBuildLagMonths;
      for (let n = 0; n < N; n++) {
        buildLag[g * N + n] = lag;
        expansionLag[g * N + n] = market.expansionLagMonths;
      }
    }
    for (const p of scenario.permitting) {
      if (!isActive(p, month)) continue;
      const mask = scopeMask(p.scope);
      for (const g of goodsMatching(p.mineral, p.stage)) {
        const greenfield =
          world.goods[g].stageIndex === 0 ? market.mineBuildLagMonths : market.processorBuildLagMonths;
        for (let n = 0; n < N; n++) {
          if (!mask[n]) continue;
          buildLag[g * N + n] = p.buildLagMonths;
          // Expansions keep their proportion to a greenfield build.
          expansionLag[g * N + n] = Math.max(
            1,
            Math.round((p.buildLagMonths * market.expansionLagMonths) / greenfield),
          );
        }
      }
    }

    const hurdleReduction = new Float64Array(G * N);
    for (const s of scenario.investmentSupport) {
      if (!isActive(s, month)) continue;
      const mask = scopeMask(s.scope);
      for (const g of goodsMatching(s.mineral, s.stage)) {
        for (let n = 0; n < N; n++)
          if (mask[n]) hurdleReduction[g * N + n] = Math.max(hurdleReduction[g * N + n], s.hurdleReduction);
      }
    }

    const M = world.minerals.length;
    const growthRate = new Float64Array(M * N);
    for (let m = 0; m < M; m++) growthRate.fill(defaultGrowth[m], m * N, (m + 1) * N);
    for (const d of scenario.demandGrowth) {
      if (!isActive(d, month)) continue;
      const mask = scopeMask(d.scope);
      for (let m = 0; m < M; m++) {
        if (d.mineral !== 'all' && world.minerals[m].id !== d.mineral) continue;
        for (let n = 0; n < N; n++) if (mask[n]) growthRate[m * N + n] = d.ratePerYear;
      }
    }

    const disruption = new Uint8Array(G);
    for (const d of scenario.disruptions) {
      if (!isActive(d, month)) continue;
      for (const g of goodsMatching(d.mineral, d.stage)) disruption[g] = 1;
    }
    const stockpileActive = Uint8Array.from(scenario.stockpiles, (s) => (isActive(s, month) ? 1 : 0));

    // Buyers who will be hit by an announced restriction hold more cover until it starts.
    const precautionaryCover = new Float64Array(G * N);
    const extra = scenario.market.precautionaryCoverMonths;
    const cover = (g: number, mask: Uint8Array) => {
      for (let n = 0; n < N; n++) if (mask[n]) precautionaryCover[g * N + n] = extra;
    };
    for (const c of scenario.exportControls) {
      if (!isAnnounced(c, month)) continue;
      const exporter = nodeIndex.get(c.exporter)!;
      const mask = c.destinations === 'all' ? new Uint8Array(N).fill(1) : unionMask(c.destinations);
      const exempt = unionMask(c.exempt);
      for (let j = 0; j < N; j++) if (exempt[j] || j === exporter) mask[j] = 0;
      for (const g of goodsMatching(c.mineral, c.stage)) cover(g, mask);
    }
    for (const t of scenario.tariffs) {
      if (!isAnnounced(t, month)) continue;
      const mask = scopeMask(t.importer);
      for (const g of goodsMatching(t.mineral, t.stage)) cover(g, mask);
    }
    for (const s of scenario.shocks) {
      if (!isAnnounced(s, month)) continue;
      // A known capacity loss raises every buyer's precaution.
      for (const g of goodsMatching(s.mineral, s.stage)) cover(g, new Uint8Array(N).fill(1));
    }

    return {
      tariff,
      floors,
      controls,
      offtakes,
      subsidies,
      standards,
      recycling,
      capacityFactor,
      buildLag,
      expansionLag,
      hurdleReduction,
      growthRate,
      disruption,
      stockpileActive,
      precautionaryCover,
    };
  }

  let current: MonthPolicy | null = null;
  let currentMonth = -1;
  return {
    scopeMask,
    at(month: number): MonthPolicy {
      if (current === null || (month !== currentMonth && hasChangeBetween(currentMonth, month)))
        current = build(month);
      currentMonth = month;
      return current;
    },
  };

  function hasChangeBetween(from: number, to: number): boolean {
    if (to < from) return true;
    for (const m of changeMonths) if (m > from && m <= to) return true;
    return false;
  }
}
