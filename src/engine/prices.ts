/**
 * Prices and expectations per good × node: origin prices that move with log excess demand, what
 * sellers receive and buyers pay, and the averages agents decide on (short-run, long-run "normal"
 * price, investment price, demand adaptation). All in USD/t, [good * N + node].
 */

import { Arena } from './arena.ts';
import {
  ADAPTATION_EXPECTATION,
  INVESTMENT_EXPECTATION,
  LONG_EXPECTATION,
  MAX_PRICE_STEP,
  PRICE_CEILING_MULTIPLE,
  PRICE_FLOOR_FRACTION,
  PRICE_STEP_KNEE,
  SHORT_EXPECTATION,
} from './constants.ts';
import type { GoodMarketOutcome } from './market.ts';
import { exp, log } from './math.ts';

export interface PriceState {
  /** Origin (domestic) quote each market clears at next month. */
  price: Float64Array;
  /** The origin prices this month's markets cleared at (before they moved for next month). */
  quoted: Float64Array;
  /** Sellers' short-run (about two months), long-run (three years) and investment (a year) prices. */
  expectedPrice: Float64Array;
  longPrice: Float64Array;
  investPrice: Float64Array;
  /** Buyers' price index this month: paid, plus a bid price for what they could not get. */
  buyerIndex: Float64Array;
  /** Buyers' short-run, long-run and investment averages of the index. */
  buyerPrice: Float64Array;
  buyerLongPrice: Float64Array;
  buyerInvestPrice: Float64Array;
  /** Long-run (about two years) average of the buyer price index: demand adapts to it. */
  adaptPrice: Float64Array;
  /** What buyers bid for the demand they could not get (rises while they go short). */
  bidPrice: Float64Array;
}

/**
 * Sellers' prices at their good's reference price; buyers' at what they pay in the status quo
 * (`landed`, [g * N + n], reference prices plus transport), so the first months start at rest.
 * The arrays come from `memory` (shared with the threads that clear goods, goodMarkets.ts); an
 * attached arena's arrays hold their prices already.
 */
export function createPriceState(
  referencePrice: Float64Array,
  landed: Float64Array,
  N: number,
  memory: Arena = new Arena(),
): PriceState {
  const size = referencePrice.length * N;
  const start = () => {
    const a = memory.f64(size);
    if (!memory.attached)
      for (let g = 0; g < referencePrice.length; g++) a.fill(referencePrice[g], g * N, (g + 1) * N);
    return a;
  };
  const buyers = () => {
    const a = memory.f64(size);
    if (!memory.attached) a.set(landed);
    return a;
  };
  return {
    price: start(),
    quoted: memory.f64(size),
    expectedPrice: start(),
    longPrice: start(),
    investPrice: start(),
    buyerIndex: buyers(),
    buyerPrice: buyers(),
    buyerLongPrice: buyers(),
    buyerInvestPrice: buyers(),
    adaptPrice: buyers(),
    bidPrice: buyers(),
  };
}

/**
 * The proportional move (log units, before the monthly cap) of a price with log excess demand
 * `gap`: κ·x·(1 + (x/knee)²), gentle for small imbalances and fast for large ones. Origin prices,
 * route factors and buyers' bid prices all move by it.
 */
export function excessDemandStep(gap: number, kappa: number): number {
  const relative = gap / PRICE_STEP_KNEE;
  return kappa * gap * (1 + relative * relative);
}

/**
 * After good `g` clears: what sellers received and buyers paid feed the expectations, and each
 * origin price moves with log excess demand (notional demand against the offer). `offer` and
 * `bid` are the good's market inputs, `subsidyPaid` the price-gap subsidies per node (USD).
 */
export function updatePrices(
  s: PriceState,
  g: number,
  N: number,
  referencePrice: number,
  out: GoodMarketOutcome,
  offer: Float64Array,
  bid: Float64Array,
  subsidyPaid: Float64Array,
  kappa: number,
): void {
  const low = referencePrice * PRICE_FLOOR_FRACTION;
  const high = referencePrice * PRICE_CEILING_MULTIPLE;
  let shipped = 0;
  for (let n = 0; n < N; n++) shipped += out.sold[n];
  for (let n = 0; n < N; n++) {
    const k = g * N + n;
    const sold = out.sold[n];
    // Firms plan on the price of their marginal tonne: a quota's rent comes on a fixed volume.
    const received = sold > 0 ? (out.receipts[n] - out.firmRent[n] + subsidyPaid[k]) / sold : s.price[k];
    s.expectedPrice[k] += SHORT_EXPECTATION * (received - s.expectedPrice[k]);
    s.longPrice[k] += LONG_EXPECTATION * (received - s.longPrice[k]);
    s.investPrice[k] += INVESTMENT_EXPECTATION * (received - s.investPrice[k]);

    // The price buyers face: what they paid for what arrived, and a bid price for what they
    // wanted and could not get, so unmet demand raises the price instead of hiding.
    const inflow = out.inflow[n];
    const wanted = bid[n];
    const short = wanted > inflow ? wanted - inflow : 0;
    const paid = inflow > 0 ? out.payments[n] / inflow : out.bestLanded[n];
    if (short > 1e-9 * wanted) {
      // Going short: bid above the dearest tonne on offer, more the larger the shortfall; with
      // nothing on offer at all, keep raising last month's bid.
      let base = out.highestLanded[n];
      if (out.bestLanded[n] < Number.POSITIVE_INFINITY && out.bestLanded[n] > base) base = out.bestLanded[n];
      if (!(base > 0)) base = s.bidPrice[k];
      const gap = log(wanted / (inflow + 1e-9 * wanted));
      let step = excessDemandStep(gap, kappa);
      if (step > MAX_PRICE_STEP) step = MAX_PRICE_STEP;
      const bidNow = base * exp(step);
      s.bidPrice[k] = bidNow < high ? bidNow : high;
    } else if (paid < Number.POSITIVE_INFINITY) s.bidPrice[k] = paid;
    let index: number;
    if (wanted > 0 && (inflow > 0 || short > 0))
      index = (out.payments[n] + short * s.bidPrice[k]) / (inflow + short);
    else if (paid < Number.POSITIVE_INFINITY) index = paid;
    else index = s.buyerIndex[k];
    s.buyerIndex[k] = index;
    s.buyerPrice[k] += SHORT_EXPECTATION * (index - s.buyerPrice[k]);
    s.buyerLongPrice[k] += LONG_EXPECTATION * (index - s.buyerLongPrice[k]);
    s.buyerInvestPrice[k] += INVESTMENT_EXPECTATION * (index - s.buyerInvestPrice[k]);
    s.adaptPrice[k] += ADAPTATION_EXPECTATION * (index - s.adaptPrice[k]);

    const asked = out.notionalDemand[n];
    const offered = offer[n];
    s.quoted[k] = s.price[k];
    let next = s.price[k];
    if (offered > 0 && !out.reachable[n]) {
      // No buyer can reach these sellers (every route closed): there is no market to discover a
      // price in, so the quote stays where it was and sellers store what they make.
    } else if (offered > 0 || asked > 0) {
      const tiny = 1e-9 * (shipped + 1e-9);
      const gap = log((asked + tiny) / (offered + tiny));
      // Small imbalances move prices gently (the status quo stays stable), large ones fast.
      let step = excessDemandStep(gap, kappa);
      if (step > MAX_PRICE_STEP) step = MAX_PRICE_STEP;
      else if (step < -MAX_PRICE_STEP) step = -MAX_PRICE_STEP;
      next *= exp(step);
    } else {
      // No seller here: the node's quote follows what its buyers pay (prices stockpile sales).
      next = index;
    }
    s.price[k] = next < low ? low : next > high ? high : next;
  }
}
