/**
 * Clearing one good's market for one month, on node aggregates. Buyers in node j choose among
 * origins i by landed cost with imperfect substitution (Armington/CES shares weighted by each
 * origin's offer), in a few rounds of rationing so unfilled demand looks elsewhere:
 *
 *   export price(i→j) = price(i) × routeFactor(i→j)          (1 unless a control binds)
 *   landed(i→j) = export price × (1 + tariff(i→j) + licenceFee) + transport(i→j) + levy(i→j)
 *   levy(i→j)   = max(0, floor − landed before levy), for j inside a floor zone and i outside
 *   share(i|j)  ∝ preference(i) × offer(i) × landed(i→j)^(−σ)
 *
 * (preference: calibrated so each origin sells its data share at reference prices, preference.ts)
 *
 * Export bans remove routes. Quotas and licences cap the tonnes an exporter may ship to the
 * controlled destinations this month (`allowed`, from the coordinator: the quota, or the
 * licences approved); the route factor is the scarcity rent of the cap, moved by the
 * coordinator from what buyers asked of the route against what it may carry. The rent
 * (export price − origin price) goes to the control's holder: the exporting firms, the exporting
 * state, or the importers. Offtakes are served first at their agreed price; standards split a
 * buyer's demand into a compliant part (compliant origins only) and the rest.
 *
 * What buyers asked of each origin in the first round is what moves its price (notional demand).
 * Demand a quota or licence turns away is asked of the buyer's other origins in that same round,
 * so it raises their prices; later rounds only ration what sold-out origins could not serve.
 */
import { Arena } from './arena.ts';
import { ALLOCATION_ROUNDS } from './constants.ts';
import type { ControlRule, FloorRule, OfftakeRule, StandardRule } from './policy.ts';
import { armingtonWeight } from './preference.ts';

/** Everything the market needs for one good this month. Arrays of length N or N×N (origin-major). */
export interface GoodMarketInput {
  nodes: number;
  /** Tonnes offered by sellers at each node. */
  offer: Float64Array;
  /** Tonnes bid for by buyers at each node. */
  bid: Float64Array;
  /** Origin (domestic) price at each node, USD/t. */
  price: Float64Array;
  /** Ad valorem tariff, fraction, [origin * N + destination]. */
  tariff: Float64Array;
  /** Transport cost, USD/t, [origin * N + destination]. */
  transport: Float64Array;
  /** False: buyers only buy from their own node. */
  traded: boolean;
  /** Elasticity of substitution between origins. */
  sigma: number;
  /** Armington preference per origin (preference.ts). */
  preference: Float64Array;
  floors: readonly FloorRule[];
  controls: readonly ControlRule[];
  /** Per control (same order): export price over origin price on its routes, ≥ 1. */
  routeFactor: Float64Array;
  /** Per control: tonnes it lets through this month before this month's applications (quota, or licences approved); Infinity: no cap. */
  allowed: Float64Array;
  offtakes: readonly OfftakeRule[];
  standards: readonly StandardRule[];
}

/** The month's outcome for one good. Filled into preallocated arrays. */
export interface GoodMarketOutcome {
  /** Tonnes shipped, [origin * N + destination]. */
  flow: Float64Array;
  /** Tonnes sold by sellers at each node. */
  sold: Float64Array;
  /** Tonnes delivered to buyers at each node. */
  delivered: Float64Array;
  /** Tonnes buyers asked of each origin in the first round, controls' displaced demand included, t. */
  notionalDemand: Float64Array;
  /** USD received by sellers at each node (origin, export or offtake price). */
  receipts: Float64Array;
  /** USD paid by buyers at each node (landed cost: export price, tariff, levy, fee, transport). */
  payments: Float64Array;
  tariffRevenue: Float64Array;
  levyRevenue: Float64Array;
  /** Licence fees, collected by the exporting node. */
  feeRevenue: Float64Array;
  /** Scarcity rent of binding controls, at the exporting node, whoever holds it, USD. */
  controlRent: Float64Array;
  /** Rent collected by a node's state (exporter) or its importers (importer), USD. */
  rentRevenue: Float64Array;
  /** Rent the exporting firms at each node hold (in receipts), USD: inframarginal, not a price signal. */
  firmRent: Float64Array;
  transportCost: Float64Array;
  /** Highest landed cost a buyer at each node paid this month, USD/t (0 if nothing arrived). */
  highestLanded: Float64Array;
  /** Lowest landed cost a buyer at each node could see from an origin with an offer, USD/t (Infinity if none). */
  bestLanded: Float64Array;
  /** 1 where some buyer with a bid could reach the origin this month (0: its price is not discovered). */
  reachable: Uint8Array;
  /** Tonnes shipped to other nodes, per origin; received from other nodes, per destination; all tonnes received (own node included). */
  exports: Float64Array;
  imports: Float64Array;
  inflow: Float64Array;
  /** Per control: tonnes buyers asked of its routes in the first round, before its cap. */
  controlAsked: Float64Array;
  /** Per control: tonnes shipped on its routes. */
  controlShipped: Float64Array;
  /** Indices (origin * N + destination) of the pairs with a shipment this month, ascending once clearGood returns. */
  pairs: Int32Array;
  pairCount: number;
}

/** Most controls one good can carry in a month (the schema allows 100 in all). */
const MAX_CONTROLS = 128;

/**
 * An outcome's arrays, from `memory` (shared when other threads clear the good: goodMarkets.ts);
 * its pairCount is the clearing thread's own (goodMarkets.ts passes it on).
 */
export function createOutcome(nodes: number, memory: Arena = new Arena()): GoodMarketOutcome {
  const n = () => memory.f64(nodes);
  return {
    flow: memory.f64(nodes * nodes),
    sold: n(),
    delivered: n(),
    notionalDemand: n(),
    receipts: n(),
    payments: n(),
    tariffRevenue: n(),
    levyRevenue: n(),
    feeRevenue: n(),
    controlRent: n(),
    rentRevenue: n(),
    firmRent: n(),
    transportCost: n(),
    highestLanded: n(),
    bestLanded: n(),
    reachable: memory.u8(nodes),
    exports: n(),
    imports: n(),
    inflow: n(),
    controlAsked: memory.f64(MAX_CONTROLS),
    controlShipped: memory.f64(MAX_CONTROLS),
    pairs: memory.i32(nodes * nodes),
    pairCount: 0,
  };
}

/** Scratch arrays reused every month (no allocation while clearing). */
export interface MarketWorkspace {
  landed: Float64Array;
  levy: Float64Array;
  fee: Float64Array;
  /** Export price over origin price per pair, ≥ 1. */
  route: Float64Array;
  /** Per pair: index of the control that holds its rent, or -1. */
  routeRule: Int32Array;
  weight: Float64Array;
  /** Remaining offer per origin. */
  remaining: Float64Array;
  /** Desired tonnes per (origin, segment). */
  desired: Float64Array;
  segmentNode: Int32Array;
  segmentLeft: Float64Array;
  /** Index into input.standards of the segment's origin restriction, or -1. */
  segmentRule: Int32Array;
  origins: Int32Array;
  /** Per control: tonnes it may still carry this month. */
  capLeft: Float64Array;
  /** 1 where a control's cap binds for (origin, segment): the demand it turns away looks elsewhere. */
  capped: Uint8Array;
  /** Per segment: tonnes a binding cap turned away this round. */
  displaced: Float64Array;
  /** 1 for a node that some control of this good names as its exporter (its routes may be controlled). */
  controlled: Uint8Array;
  /** Per origin while sharing one segment's demand: remaining offer × weight, or NaN if closed to it. */
  term: Float64Array;
  want: Float64Array;
}

export function createWorkspace(nodes: number): MarketWorkspace {
  return {
    landed: new Float64Array(nodes * nodes),
    levy: new Float64Array(nodes * nodes),
    fee: new Float64Array(nodes * nodes),
    route: new Float64Array(nodes * nodes),
    routeRule: new Int32Array(nodes * nodes),
    weight: new Float64Array(nodes * nodes),
    remaining: new Float64Array(nodes),
    desired: new Float64Array(nodes * 2 * nodes),
    segmentNode: new Int32Array(2 * nodes),
    segmentLeft: new Float64Array(2 * nodes),
    segmentRule: new Int32Array(2 * nodes),
    origins: new Int32Array(nodes),
    capLeft: new Float64Array(MAX_CONTROLS),
    capped: new Uint8Array(nodes * 2 * nodes),
    displaced: new Float64Array(2 * nodes),
    term: new Float64Array(nodes),
    controlled: new Uint8Array(nodes),
    want: new Float64Array(nodes),
  };
}

function resetOutcome(out: GoodMarketOutcome, controls: number): void {
  // Only pairs that shipped last time are non-zero.
  for (let p = 0; p < out.pairCount; p++) out.flow[out.pairs[p]] = 0;
  out.pairCount = 0;
  out.exports.fill(0);
  out.imports.fill(0);
  out.inflow.fill(0);
  out.sold.fill(0);
  out.delivered.fill(0);
  out.notionalDemand.fill(0);
  out.receipts.fill(0);
  out.payments.fill(0);
  out.tariffRevenue.fill(0);
  out.levyRevenue.fill(0);
  out.feeRevenue.fill(0);
  out.controlRent.fill(0);
  out.rentRevenue.fill(0);
  out.firmRent.fill(0);
  out.transportCost.fill(0);
  out.highestLanded.fill(0);
  out.bestLanded.fill(Number.POSITIVE_INFINITY);
  out.reachable.fill(0);
  out.controlAsked.fill(0, 0, controls);
  out.controlShipped.fill(0, 0, controls);
}

/**
 * Records a shipment of `tonnes` from i to j. `unitPrice` is the origin price (or an offtake's
 * agreed price); on a controlled route the buyer pays the export price unitPrice × route factor
 * and the difference is the control's rent.
 */
function ship(
  input: GoodMarketInput,
  ws: MarketWorkspace,
  out: GoodMarketOutcome,
  i: number,
  j: number,
  tonnes: number,
  unitPrice: number,
  offtake: boolean,
): void {
  const N = input.nodes;
  const k = i * N + j;
  if (out.flow[k] === 0) out.pairs[out.pairCount++] = k;
  if (i !== j) {
    out.exports[i] += tonnes;
    out.imports[j] += tonnes;
  }
  out.inflow[j] += tonnes;
  const rule = offtake ? -1 : ws.routeRule[k];
  const exportPrice = rule >= 0 ? unitPrice * ws.route[k] : unitPrice;
  const rent = exportPrice - unitPrice;
  const tariff = exportPrice * input.tariff[k];
  const fee = unitPrice * ws.fee[k];
  const levy = ws.levy[k];
  const transport = input.transport[k];
  const landed = exportPrice + tariff + fee + levy + transport;
  out.flow[k] += tonnes;
  out.sold[i] += tonnes;
  out.payments[j] += tonnes * landed;
  out.tariffRevenue[j] += tonnes * tariff;
  out.feeRevenue[i] += tonnes * fee;
  out.levyRevenue[j] += tonnes * levy;
  out.transportCost[j] += tonnes * transport;
  if (landed > out.highestLanded[j]) out.highestLanded[j] = landed;
  if (rent > 0) {
    const holder = input.controls[rule].rentHolder;
    out.controlRent[i] += tonnes * rent;
    if (holder === 'exporter-firms') {
      out.receipts[i] += tonnes * exportPrice;
      out.firmRent[i] += tonnes * rent;
    } else {
      out.receipts[i] += tonnes * unitPrice;
      out.rentRevenue[holder === 'exporter-state' ? i : j] += tonnes * rent;
    }
  } else out.receipts[i] += tonnes * unitPrice;
  out.delivered[j] += tonnes;
  if (!ws.controlled[i]) return;
  for (let c = 0; c < input.controls.length; c++) {
    const control = input.controls[c];
    if (control.kind !== 'ban' && control.exporter === i && control.destinationMask[j]) {
      ws.capLeft[c] -= tonnes;
      out.controlShipped[c] += tonnes;
    }
  }
}

/**
 * Shares `tonnes` of segment `s`'s demand among the origins it may buy from (its standard's
 * compliant origins, none whose cap is used up) by remaining offer × Armington weight, writing
 * `desired[origin, s]` (or adding to it: demand a cap turned away).
 */
function shareAmongOrigins(
  input: GoodMarketInput,
  ws: MarketWorkspace,
  s: number,
  tonnes: number,
  originCount: number,
  segments: number,
  add: boolean,
): void {
  const N = input.nodes;
  const { origins, remaining, weight, capped, desired, term } = ws;
  if (!add && !(tonnes > 0)) {
    for (let o = 0; o < originCount; o++) desired[o * segments + s] = 0;
    return;
  }
  const j = ws.segmentNode[s];
  const rule = ws.segmentRule[s];
  const mask = rule >= 0 ? input.standards[rule].compliantMask : null;
  let denominator = 0;
  for (let o = 0; o < originCount; o++) {
    const i = origins[o];
    if ((mask && !mask[i]) || capped[o * segments + s]) {
      term[o] = Number.NaN;
      continue;
    }
    const w = remaining[i] * weight[i * N + j];
    term[o] = w;
    denominator += w;
  }
  if (add) {
    if (!(denominator > 0)) return;
    for (let o = 0; o < originCount; o++) {
      const i = origins[o];
      // Rounded as (tonnes × remaining) × weight, not tonnes × term: the same bits as ever.
      if (!Number.isNaN(term[o]))
        desired[o * segments + s] += (tonnes * remaining[i] * weight[i * N + j]) / denominator;
    }
    return;
  }
  for (let o = 0; o < originCount; o++) {
    const w = Number.isNaN(term[o]) ? 0 : term[o];
    desired[o * segments + s] = denominator > 0 ? (tonnes * w) / denominator : 0;
  }
}

function anyPositive(values: Float64Array, count: number): boolean {
  for (let i = 0; i < count; i++) if (values[i] > 0) return true;
  return false;
}

function anyOriginLeft(remaining: Float64Array, origins: Int32Array, originCount: number): boolean {
  for (let o = 0; o < originCount; o++) if (remaining[origins[o]] > 0) return true;
  return false;
}

/** Clears one good. `out` is overwritten. */
export function clearGood(input: GoodMarketInput, ws: MarketWorkspace, out: GoodMarketOutcome): void {
  const N = input.nodes;
  const { offer, bid, price, tariff, transport, controls } = input;
  const {
    landed,
    levy,
    fee,
    route,
    routeRule,
    weight,
    remaining,
    desired,
    segmentNode,
    segmentLeft,
    segmentRule,
    origins,
    want,
    capLeft,
    capped,
    displaced,
    controlled,
  } = ws;
  if (controls.length > MAX_CONTROLS)
    throw new Error(`more than ${MAX_CONTROLS} export controls on one good`);
  resetOutcome(out, controls.length);
  controlled.fill(0);
  for (let c = 0; c < controls.length; c++) {
    capLeft[c] = input.allowed[c];
    controlled[controls[c].exporter] = 1;
  }

  let originCount = 0;
  for (let i = 0; i < N; i++) {
    remaining[i] = offer[i];
    if (offer[i] > 0) origins[originCount++] = i;
  }
  for (let j = 0; j < N; j++) want[j] = bid[j];

  // Landed costs and weights for every pair that can trade (origins with an offer, buyers with
  // a bid). Infinity marks a closed route.
  const sigma = input.sigma;
  for (let o = 0; o < originCount; o++) {
    const i = origins[o];
    for (let j = 0; j < N; j++) {
      if (!(bid[j] > 0)) continue;
      const k = i * N + j;
      fee[k] = 0;
      levy[k] = 0;
      route[k] = 1;
      routeRule[k] = -1;
      if (i !== j && !input.traded) {
        landed[k] = Number.POSITIVE_INFINITY;
        weight[k] = 0;
        continue;
      }
      let closed = false;
      for (let c = 0; controlled[i] && c < controls.length; c++) {
        const rule = controls[c];
        if (rule.exporter !== i || !rule.destinationMask[j]) continue;
        if (rule.kind === 'ban') closed = true;
        else {
          if (rule.kind === 'licence') fee[k] += rule.fee;
          const factor = input.routeFactor[c];
          if (factor > 1) {
            route[k] *= factor;
            // The first control that binds on the route holds its rent.
            if (routeRule[k] < 0) routeRule[k] = c;
          }
        }
      }
      if (closed) {
        landed[k] = Number.POSITIVE_INFINITY;
        weight[k] = 0;
        continue;
      }
      const exportPrice = price[i] * route[k];
      let cost = exportPrice * (1 + tariff[k]) + price[i] * fee[k] + transport[k];
      for (const floor of input.floors) {
        if (floor.zoneMask[j] && !floor.zoneMask[i]) {
          const gap = floor.floor - cost;
          if (gap > levy[k]) levy[k] = gap;
        }
      }
      cost += levy[k];
      landed[k] = cost;
      out.reachable[i] = 1;
      weight[k] = input.preference[i] * armingtonWeight(cost, sigma);
      if (cost < out.bestLanded[j]) out.bestLanded[j] = cost;
    }
  }

  // Offtakes first, at their agreed price, shared among the buyer's nodes by their bids.
  for (const rule of input.offtakes) {
    const s = rule.seller;
    const available = rule.share * remaining[s];
    if (!(available > 0)) continue;
    let total = 0;
    for (let j = 0; j < N; j++)
      if (rule.buyerMask[j] && want[j] > 0 && landed[s * N + j] < Number.POSITIVE_INFINITY) total += want[j];
    if (!(total > 0)) continue;
    const volume = Math.min(available, total);
    for (let j = 0; j < N; j++) {
      if (!rule.buyerMask[j] || !(want[j] > 0) || landed[s * N + j] === Number.POSITIVE_INFINITY) continue;
      const x = (volume * want[j]) / total;
      ship(input, ws, out, s, j, x, rule.price, true);
      out.notionalDemand[s] += x;
      remaining[s] -= x;
      want[j] -= x;
    }
  }

  // Demand segments: a standard splits a buyer's demand into a compliant part and the rest.
  let segments = 0;
  for (let j = 0; j < N; j++) {
    if (!(want[j] > 0)) continue;
    let rule = -1;
    for (let r = 0; r < input.standards.length; r++) {
      if (input.standards[r].zoneMask[j]) {
        rule = r;
        break;
      }
    }
    if (rule >= 0) {
      const compliant = want[j] * input.standards[rule].share;
      segmentNode[segments] = j;
      segmentLeft[segments] = compliant;
      segmentRule[segments++] = rule;
      segmentNode[segments] = j;
      segmentLeft[segments] = want[j] - compliant;
      segmentRule[segments++] = -1;
    } else {
      segmentNode[segments] = j;
      segmentLeft[segments] = want[j];
      segmentRule[segments++] = -1;
    }
  }

  capped.fill(0, 0, originCount * segments);
  displaced.fill(0, 0, segments);
  for (let round = 0; round < ALLOCATION_ROUNDS; round++) {
    // Routes whose cap is used up take no more demand: it looks for other origins.
    if (round > 0) {
      // A round with no demand left, or no offer left, would ship nothing and change nothing.
      if (!anyPositive(segmentLeft, segments) || !anyOriginLeft(remaining, origins, originCount)) break;
      for (let c = 0; c < controls.length; c++) {
        const rule = controls[c];
        if (rule.kind === 'ban' || capLeft[c] > 1e-9) continue;
        let o = 0;
        while (o < originCount && origins[o] !== rule.exporter) o++;
        if (o === originCount) continue;
        for (let s = 0; s < segments; s++)
          if (rule.destinationMask[segmentNode[s]]) capped[o * segments + s] = 1;
      }
    }
    // Desired tonnes per (origin, segment) at current landed costs, weighted by remaining offers.
    for (let s = 0; s < segments; s++)
      shareAmongOrigins(input, ws, s, segmentLeft[s], originCount, segments, false);
    // Quotas and licences cap what an exporter may send to the controlled destinations together.
    for (let c = 0; c < controls.length; c++) {
      const rule = controls[c];
      if (rule.kind === 'ban') continue;
      let o = 0;
      while (o < originCount && origins[o] !== rule.exporter) o++;
      if (o === originCount) continue;
      let total = 0;
      for (let s = 0; s < segments; s++)
        if (rule.destinationMask[segmentNode[s]]) total += desired[o * segments + s];
      if (round === 0) {
        out.controlAsked[c] = total;
        // A licence processed within the month approves its share of this month's applications too.
        if (rule.kind === 'licence' && rule.delayMonths === 0) capLeft[c] += rule.approvalShare * total;
      }
      const allowed = capLeft[c] > 0 ? capLeft[c] : 0;
      if (total > allowed) {
        const scale = total > 0 ? allowed / total : 0;
        for (let s = 0; s < segments; s++) {
          if (!rule.destinationMask[segmentNode[s]]) continue;
          const d = o * segments + s;
          if (round === 0) displaced[s] += desired[d] * (1 - scale);
          desired[d] *= scale;
          capped[d] = 1;
        }
      }
    }
    // Buyers turned away by a binding cap ask their other origins for it in the same round.
    if (round === 0) {
      for (let s = 0; s < segments; s++) {
        const extra = displaced[s];
        if (!(extra > 0)) continue;
        displaced[s] = 0;
        shareAmongOrigins(input, ws, s, extra, originCount, segments, true);
      }
    }
    // Each origin serves what it can; the rest of the demand tries again next round.
    for (let o = 0; o < originCount; o++) {
      const i = origins[o];
      let asked = 0;
      for (let s = 0; s < segments; s++) asked += desired[o * segments + s];
      if (round === 0) out.notionalDemand[i] += asked;
      if (!(asked > 0)) continue;
      const fill = asked > remaining[i] ? remaining[i] / asked : 1;
      for (let s = 0; s < segments; s++) {
        const x = desired[o * segments + s] * fill;
        if (!(x > 0)) continue;
        ship(input, ws, out, i, segmentNode[s], x, price[i], false);
        segmentLeft[s] -= x;
      }
      remaining[i] -= asked * fill;
      if (remaining[i] < 0) remaining[i] = 0;
    }
  }
  // Ascending, the order the month's record lists flows in: sorted by the thread that cleared
  // the good (a block worker, when the goods are cleared on the workers), not in the
  // coordinator's serial record of the month.
  out.pairs.subarray(0, out.pairCount).sort();
}
