/**
 * Clearing one good's market for one month, on node aggregates. Buyers in node j choose among
 * origins i by landed cost with imperfect substitution (Armington/CES shares weighted by each
 * origin's offer), in a few rounds of rationing so unfilled demand looks elsewhere:
 *
 *   landed(i→j) = price(i) × (1 + tariff(i→j) + licenceFee(i→j)) + transport(i→j) + levy(i→j)
 *   levy(i→j)   = max(0, floor − landed before levy), for j inside a floor zone and i outside
 *   share(i|j)  ∝ offer(i) × landed(i→j)^(−σ)
 *
 * Export bans remove origins; quotas cap the tonnes to the controlled destinations; licences
 * delay shipments and charge a fee. Offtakes are served first at their agreed price; standards
 * split a buyer's demand into a compliant part (compliant origins only) and the rest.
 */
import { ALLOCATION_ROUNDS } from './constants.ts';
import { exp, log } from './math.ts';
import type { ControlRule, FloorRule, OfftakeRule, StandardRule } from './policy.ts';

/** Everything the market needs for one good this month. Arrays of length N or N×N (origin-major). */
export interface GoodMarketInput {
  nodes: number;
  /** Tonnes offered by sellers at each node. */
  offer: Float64Array;
  /** Tonnes bid for by buyers at each node. */
  bid: Float64Array;
  /** Origin price at each node, USD/t. */
  price: Float64Array;
  /** Ad valorem tariff, fraction, [origin * N + destination]. */
  tariff: Float64Array;
  /** Transport cost, USD/t, [origin * N + destination]. */
  transport: Float64Array;
  /** False: buyers only buy from their own node. */
  traded: boolean;
  /** Elasticity of substitution between origins. */
  sigma: number;
  floors: readonly FloorRule[];
  controls: readonly ControlRule[];
  offtakes: readonly OfftakeRule[];
  standards: readonly StandardRule[];
}

/** The month's outcome for one good. Filled into preallocated arrays. */
export interface GoodMarketOutcome {
  /** Tonnes shipped, [origin * N + destination] (delayed shipments included). */
  flow: Float64Array;
  /** Tonnes sold by sellers at each node. */
  sold: Float64Array;
  /** Tonnes delivered to buyers at each node this month (delayed shipments excluded). */
  delivered: Float64Array;
  /** Tonnes shipped under licence that arrive later: [delay * N + destination]. */
  delayed: Float64Array;
  /** Longest delay of this month's shipments, months (0 when nothing waits). */
  longestDelay: number;
  /** Tonnes the sellers at each node were asked for at current prices (before rationing). */
  notionalDemand: Float64Array;
  /** USD received by sellers at each node (market price or offtake price). */
  receipts: Float64Array;
  /** USD paid by buyers at each node (landed cost: price, tariff, levy, fee, transport). */
  payments: Float64Array;
  tariffRevenue: Float64Array;
  levyRevenue: Float64Array;
  /** Licence fees, collected by the exporting node. */
  feeRevenue: Float64Array;
  transportCost: Float64Array;
  /** Lowest landed cost a buyer at each node could see from an origin with an offer, USD/t (Infinity if none). */
  bestLanded: Float64Array;
  /** Tonnes shipped to other nodes, per origin; received from other nodes, per destination; all tonnes received (own node included). */
  exports: Float64Array;
  imports: Float64Array;
  inflow: Float64Array;
  /** Indices (origin * N + destination) of the pairs with a shipment this month, in first-shipment order. */
  pairs: Int32Array;
  pairCount: number;
}

export function createOutcome(nodes: number, maxDelay: number): GoodMarketOutcome {
  const n = () => new Float64Array(nodes);
  return {
    flow: new Float64Array(nodes * nodes),
    sold: n(),
    delivered: n(),
    delayed: new Float64Array((maxDelay + 1) * nodes),
    longestDelay: 0,
    notionalDemand: n(),
    receipts: n(),
    payments: n(),
    tariffRevenue: n(),
    levyRevenue: n(),
    feeRevenue: n(),
    transportCost: n(),
    bestLanded: n(),
    exports: n(),
    imports: n(),
    inflow: n(),
    pairs: new Int32Array(nodes * nodes),
    pairCount: 0,
  };
}

/** Scratch arrays reused every month (no allocation while clearing). */
export interface MarketWorkspace {
  landed: Float64Array;
  levy: Float64Array;
  fee: Float64Array;
  weight: Float64Array;
  delay: Int32Array;
  /** Remaining offer per origin. */
  remaining: Float64Array;
  /** Desired tonnes per (origin, segment). */
  desired: Float64Array;
  segmentNode: Int32Array;
  segmentLeft: Float64Array;
  /** Index into input.standards of the segment's origin restriction, or -1. */
  segmentRule: Int32Array;
  origins: Int32Array;
  quotaLeft: Float64Array;
  want: Float64Array;
}

export function createWorkspace(nodes: number): MarketWorkspace {
  return {
    landed: new Float64Array(nodes * nodes),
    levy: new Float64Array(nodes * nodes),
    fee: new Float64Array(nodes * nodes),
    weight: new Float64Array(nodes * nodes),
    delay: new Int32Array(nodes * nodes),
    remaining: new Float64Array(nodes),
    desired: new Float64Array(nodes * 2 * nodes),
    segmentNode: new Int32Array(2 * nodes),
    segmentLeft: new Float64Array(2 * nodes),
    segmentRule: new Int32Array(2 * nodes),
    origins: new Int32Array(nodes),
    quotaLeft: new Float64Array(64),
    want: new Float64Array(nodes),
  };
}

function resetOutcome(out: GoodMarketOutcome): void {
  // Only pairs that shipped last time are non-zero.
  for (let p = 0; p < out.pairCount; p++) out.flow[out.pairs[p]] = 0;
  out.pairCount = 0;
  out.exports.fill(0);
  out.imports.fill(0);
  out.inflow.fill(0);
  out.sold.fill(0);
  out.delivered.fill(0);
  if (out.longestDelay > 0) out.delayed.fill(0);
  out.longestDelay = 0;
  out.notionalDemand.fill(0);
  out.receipts.fill(0);
  out.payments.fill(0);
  out.tariffRevenue.fill(0);
  out.levyRevenue.fill(0);
  out.feeRevenue.fill(0);
  out.transportCost.fill(0);
  out.bestLanded.fill(Number.POSITIVE_INFINITY);
}

/** Records a shipment of `tonnes` from i to j paid at `unitPrice` (origin price or offtake price). */
function ship(
  input: GoodMarketInput,
  ws: MarketWorkspace,
  out: GoodMarketOutcome,
  i: number,
  j: number,
  tonnes: number,
  unitPrice: number,
): void {
  const N = input.nodes;
  const k = i * N + j;
  if (out.flow[k] === 0) out.pairs[out.pairCount++] = k;
  if (i !== j) {
    out.exports[i] += tonnes;
    out.imports[j] += tonnes;
  }
  out.inflow[j] += tonnes;
  const tariff = unitPrice * input.tariff[k];
  const fee = unitPrice * ws.fee[k];
  const levy = ws.levy[k];
  const transport = input.transport[k];
  out.flow[k] += tonnes;
  out.sold[i] += tonnes;
  out.receipts[i] += tonnes * unitPrice;
  out.payments[j] += tonnes * (unitPrice + tariff + fee + levy + transport);
  out.tariffRevenue[j] += tonnes * tariff;
  out.feeRevenue[i] += tonnes * fee;
  out.levyRevenue[j] += tonnes * levy;
  out.transportCost[j] += tonnes * transport;
  const d = ws.delay[k];
  if (d > 0) {
    out.delayed[d * N + j] += tonnes;
    if (d > out.longestDelay) out.longestDelay = d;
  } else out.delivered[j] += tonnes;
  for (let c = 0; c < input.controls.length; c++) {
    const rule = input.controls[c];
    if (rule.kind === 'quota' && rule.exporter === i && rule.destinationMask[j]) ws.quotaLeft[c] -= tonnes;
  }
}

/** Clears one good. `out` is overwritten. */
export function clearGood(input: GoodMarketInput, ws: MarketWorkspace, out: GoodMarketOutcome): void {
  const N = input.nodes;
  const { offer, bid, price, tariff, transport, controls } = input;
  const {
    landed,
    levy,
    fee,
    weight,
    delay,
    remaining,
    desired,
    segmentNode,
    segmentLeft,
    segmentRule,
    origins,
    want,
  } = ws;
  resetOutcome(out);
  if (ws.quotaLeft.length < controls.length) ws.quotaLeft = new Float64Array(controls.length * 2);
  for (let c = 0; c < controls.length; c++) ws.quotaLeft[c] = controls[c].quotaPerMonth;

  let originCount = 0;
  for (let i = 0; i < N; i++) {
    remaining[i] = offer[i];
    if (offer[i] > 0) origins[originCount++] = i;
  }
  for (let j = 0; j < N; j++) want[j] = bid[j];

  // Landed costs and weights for every pair that can trade (origins with an offer, buyers with
  // a bid). Infinity marks a closed route.
  const negSigma = -input.sigma;
  for (let o = 0; o < originCount; o++) {
    const i = origins[o];
    for (let j = 0; j < N; j++) {
      if (!(bid[j] > 0)) continue;
      const k = i * N + j;
      fee[k] = 0;
      delay[k] = 0;
      levy[k] = 0;
      if (i !== j && !input.traded) {
        landed[k] = Number.POSITIVE_INFINITY;
        weight[k] = 0;
        continue;
      }
      let closed = false;
      for (const rule of controls) {
        if (rule.exporter !== i || !rule.destinationMask[j]) continue;
        if (rule.kind === 'ban') closed = true;
        else if (rule.kind === 'licence') {
          fee[k] += rule.fee;
          if (rule.delayMonths > delay[k]) delay[k] = rule.delayMonths;
        }
      }
      if (closed) {
        landed[k] = Number.POSITIVE_INFINITY;
        weight[k] = 0;
        continue;
      }
      let cost = price[i] * (1 + tariff[k] + fee[k]) + transport[k];
      for (const floor of input.floors) {
        if (floor.zoneMask[j] && !floor.zoneMask[i]) {
          const gap = floor.floor - cost;
          if (gap > levy[k]) levy[k] = gap;
        }
      }
      cost += levy[k];
      landed[k] = cost;
      weight[k] = exp(negSigma * log(cost));
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
      ship(input, ws, out, s, j, x, rule.price);
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

  for (let round = 0; round < ALLOCATION_ROUNDS; round++) {
    // Desired tonnes per (origin, segment) at current landed costs, weighted by remaining offers.
    for (let s = 0; s < segments; s++) {
      const j = segmentNode[s];
      const rule = segmentRule[s];
      const mask = rule >= 0 ? input.standards[rule].compliantMask : null;
      let denominator = 0;
      for (let o = 0; o < originCount; o++) {
        const i = origins[o];
        if (mask && !mask[i]) continue;
        denominator += remaining[i] * weight[i * N + j];
      }
      const left = segmentLeft[s];
      for (let o = 0; o < originCount; o++) {
        const i = origins[o];
        const w = mask && !mask[i] ? 0 : remaining[i] * weight[i * N + j];
        desired[o * segments + s] = denominator > 0 && left > 0 ? (left * w) / denominator : 0;
      }
    }
    // Quotas cap what an exporter may send to the controlled destinations together.
    for (let c = 0; c < controls.length; c++) {
      const rule = controls[c];
      if (rule.kind !== 'quota') continue;
      let o = 0;
      while (o < originCount && origins[o] !== rule.exporter) o++;
      if (o === originCount) continue;
      let total = 0;
      for (let s = 0; s < segments; s++)
        if (rule.destinationMask[segmentNode[s]]) total += desired[o * segments + s];
      const allowed = Math.max(0, ws.quotaLeft[c]);
      if (total > allowed) {
        const scale = total > 0 ? allowed / total : 0;
        for (let s = 0; s < segments; s++)
          if (rule.destinationMask[segmentNode[s]]) desired[o * segments + s] *= scale;
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
        ship(input, ws, out, i, segmentNode[s], x, price[i]);
        segmentLeft[s] -= x;
      }
      remaining[i] -= asked * fill;
      if (remaining[i] < 0) remaining[i] = 0;
    }
  }
}
