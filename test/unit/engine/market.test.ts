/**
 * Market clearing of one good on a three-node world, checked against the formulas of market.ts:
 * two sellers (A, B) and one buyer (C), with transport, tariffs, a price floor and export
 * controls. Each expectation is worked out by hand from the Armington shares
 * share(i|j) ∝ offer(i) × landed(i→j)^(−σ).
 */
import { describe, expect, it } from 'vitest';
import {
  clearGood,
  createOutcome,
  createWorkspace,
  type GoodMarketInput,
  type GoodMarketOutcome,
} from '../../../src/engine/market.ts';
import type { ControlRule } from '../../../src/engine/policy.ts';

const N = 3;
const [A, B, C] = [0, 1, 2];
const at = (i: number, j: number) => i * N + j;

/** A and B offer 100 t each at 1,000 USD/t; C bids `bid` t; transport A→C 50, B→C 100 USD/t. */
function market(bid: number, edit: (input: GoodMarketInput) => void = () => {}): GoodMarketOutcome {
  const transport = new Float64Array(N * N);
  transport[at(A, C)] = 50;
  transport[at(B, C)] = 100;
  const input: GoodMarketInput = {
    nodes: N,
    offer: Float64Array.of(100, 100, 0),
    bid: Float64Array.of(0, 0, bid),
    price: Float64Array.of(1000, 1000, 1000),
    tariff: new Float64Array(N * N),
    transport,
    traded: true,
    sigma: 4,
    preference: Float64Array.of(1, 1, 1),
    floors: [],
    controls: [],
    routeFactor: new Float64Array(0),
    allowed: new Float64Array(0),
    offtakes: [],
    standards: [],
  };
  edit(input);
  const out = createOutcome(N);
  clearGood(input, createWorkspace(N), out);
  return out;
}

function control(kind: ControlRule['kind'], over: Partial<ControlRule> = {}): ControlRule {
  return {
    index: 0,
    exporter: A,
    kind,
    destinationMask: Uint8Array.of(0, 0, 1),
    quotaPerMonth: 0,
    delayMonths: 0,
    approvalShare: 1,
    fee: 0,
    rentHolder: 'exporter-firms',
    end: null,
    ...over,
  };
}

function withControl(rule: ControlRule, factor: number, allowed: number) {
  return (input: GoodMarketInput) => {
    input.controls = [rule];
    input.routeFactor = Float64Array.of(factor);
    input.allowed = Float64Array.of(allowed);
  };
}

describe('clearing one good on three nodes', () => {
  it('shares demand by offer × landed cost^(−σ) and conserves tonnes and money', () => {
    const out = market(60);
    const ratio = (1050 / 1100) ** -4; // A's weight over B's, equal offers
    expect(out.flow[at(A, C)] / out.flow[at(B, C)]).toBeCloseTo(ratio, 10);
    expect(out.delivered[C]).toBeCloseTo(60, 10);
    expect(out.sold[A] + out.sold[B]).toBeCloseTo(60, 10);
    expect(out.notionalDemand[A] + out.notionalDemand[B]).toBeCloseTo(60, 10);
    const paid = out.flow[at(A, C)] * 1050 + out.flow[at(B, C)] * 1100;
    expect(out.payments[C]).toBeCloseTo(paid, 6);
    expect(out.receipts[A] + out.receipts[B] + out.transportCost[C]).toBeCloseTo(paid, 6);
    expect(out.bestLanded[C]).toBe(1050);
    expect(out.highestLanded[C]).toBe(1100);
  });

  it('rations a demand above the offer to the offer, every tonne sold', () => {
    const out = market(500);
    expect(out.sold[A]).toBeCloseTo(100, 8);
    expect(out.sold[B]).toBeCloseTo(100, 8);
    expect(out.delivered[C]).toBeCloseTo(200, 8);
  });

  it('adds an ad valorem tariff on the origin price to the landed cost and collects it at the importer', () => {
    const out = market(60, (input) => {
      input.tariff[at(A, C)] = 0.1;
    });
    const ratio = (1150 / 1100) ** -4;
    expect(out.flow[at(A, C)] / out.flow[at(B, C)]).toBeCloseTo(ratio, 10);
    expect(out.tariffRevenue[C]).toBeCloseTo(out.flow[at(A, C)] * 100, 6);
  });

  it('levies the gap to a price floor on imports from outside the floor zone', () => {
    const out = market(60, (input) => {
      input.floors = [{ zoneMask: Uint8Array.of(0, 1, 1), floor: 1200 }];
    });
    // A (outside) lands at 1,050 and pays 150 of levy; B (inside the zone) lands at 1,100.
    expect(out.levyRevenue[C]).toBeCloseTo(out.flow[at(A, C)] * 150, 6);
    expect(out.flow[at(A, C)] / out.flow[at(B, C)]).toBeCloseTo((1200 / 1100) ** -4, 10);
  });

  it('closes a banned route: the buyer turns to the other origin, whose notional demand carries it', () => {
    const out = market(60, withControl(control('ban'), 1, 0));
    expect(out.flow[at(A, C)]).toBe(0);
    expect(out.flow[at(B, C)]).toBeCloseTo(60, 10);
    expect(out.notionalDemand[B]).toBeCloseTo(60, 10);
    expect(out.reachable[A]).toBe(0);
  });

  it('caps a quota route at its tonnes and asks the other origin for the rest in the first round', () => {
    const free = market(60);
    const out = market(60, withControl(control('quota', { quotaPerMonth: 10 }), 1, 10));
    expect(out.flow[at(A, C)]).toBeCloseTo(10, 10);
    expect(out.flow[at(B, C)]).toBeCloseTo(50, 10);
    expect(out.controlAsked[0]).toBeCloseTo(free.flow[at(A, C)], 10);
    expect(out.controlShipped[0]).toBeCloseTo(10, 10);
    // B's notional demand counts what the quota turned away, not only its own first-round share.
    expect(out.notionalDemand[B]).toBeGreaterThan(free.notionalDemand[B] + 1);
  });

  it('prices a controlled route at origin price × route factor and gives the rent to its holder', () => {
    for (const rentHolder of ['exporter-firms', 'exporter-state', 'importers'] as const) {
      const out = market(60, withControl(control('quota', { quotaPerMonth: 10, rentHolder }), 1.5, 10));
      const tonnes = out.flow[at(A, C)];
      expect(tonnes).toBeCloseTo(10, 10);
      expect(out.controlRent[A]).toBeCloseTo(tonnes * 500, 6);
      expect(out.payments[C]).toBeCloseTo(tonnes * (1500 + 50) + out.flow[at(B, C)] * 1100, 6);
      if (rentHolder === 'exporter-firms') {
        expect(out.receipts[A]).toBeCloseTo(tonnes * 1500, 6);
        expect(out.firmRent[A]).toBeCloseTo(tonnes * 500, 6);
      } else {
        expect(out.receipts[A]).toBeCloseTo(tonnes * 1000, 6);
        const holder = rentHolder === 'exporter-state' ? A : C;
        expect(out.rentRevenue[holder]).toBeCloseTo(tonnes * 500, 6);
      }
    }
  });

  it('charges a licence fee on the origin price, collected by the exporter', () => {
    const out = market(60, withControl(control('licence', { fee: 0.2 }), 1, Number.POSITIVE_INFINITY));
    expect(out.feeRevenue[A]).toBeCloseTo(out.flow[at(A, C)] * 200, 6);
    expect(out.flow[at(A, C)] / out.flow[at(B, C)]).toBeCloseTo((1250 / 1100) ** -4, 10);
  });

  it('serves an offtake first at its agreed price', () => {
    const out = market(60, (input) => {
      input.offtakes = [{ buyerMask: Uint8Array.of(0, 0, 1), seller: B, share: 0.5, price: 900 }];
    });
    // Half of B's offer (50 t) goes to C at 900 first; the other 10 t are shared by weight.
    expect(out.flow[at(B, C)]).toBeGreaterThanOrEqual(50);
    expect(out.receipts[B]).toBeCloseTo(50 * 900 + (out.flow[at(B, C)] - 50) * 1000, 6);
    expect(out.delivered[C]).toBeCloseTo(60, 10);
  });

  it('lists the pairs that shipped in ascending order, whatever shipped first', () => {
    const out = market(60, (input) => {
      input.offtakes = [{ buyerMask: Uint8Array.of(0, 0, 1), seller: B, share: 0.5, price: 900 }];
    });
    // B → C shipped first (the offtake), A → C after; the month's record lists flows ascending.
    expect(Array.from(out.pairs.subarray(0, out.pairCount))).toEqual([at(A, C), at(B, C)]);
  });

  it('keeps an untraded good at home', () => {
    const out = market(60, (input) => {
      input.traded = false;
    });
    expect(out.delivered[C]).toBe(0);
    expect(out.sold[A] + out.sold[B]).toBe(0);
  });
});
