/**
 * Calibration episodes (shared data, episodes.md): reproduced in direction; the magnitudes the
 * model gives, beside the observed ones, are on the validation page (docs/validation.md, written
 * by `npm run episodes`).
 */
import { describe, expect, it } from 'vitest';
import { consumerPrice, goodIndexOf, worldPrice } from '../../../src/engine/metrics.ts';
import { EXPORT_TAX_WEDGE, INDONESIA_ORE_BAN, LITHIUM_BOOM } from '../../../src/research/episodes.ts';
import { run, sum, value } from './helpers.ts';

describe('V2: Indonesia bans nickel ore exports (month 12)', () => {
  // 20,000 agents: at 5,000, shared among 29 goods, Indonesia's refining greenfield is a handful
  // of large projects and the build-out comes in lumps.
  const resolution = 20_000;
  const base = run({ months: INDONESIA_ORE_BAN.months, resolution });
  const ban = run({ ...INDONESIA_ORE_BAN, resolution });
  const ore = goodIndexOf(ban, 'nickel', 'mine');
  const refined = goodIndexOf(ban, 'nickel', 'refine');
  const outside = ban.meta.nodes.filter((c) => c !== 'IDN');
  const ratio = (name: 'buyerPrice' | 'exports', m: number, g: number, node: string) =>
    value(ban, name, m, g, node) / value(base, name, m, g, node);

  it('raises the ore price at the importer (China) within two months', () => {
    expect(ratio('buyerPrice', 14, ore, 'CHN')).toBeGreaterThan(1.1);
  });

  it('raises the outside refined price within a year', () => {
    expect(
      consumerPrice(ban, 24, refined, outside) / consumerPrice(base, 24, refined, outside),
    ).toBeGreaterThan(1.1);
  });

  it('makes the substitute exporter (the Philippines) sell more ore within the year', () => {
    expect(ratio('exports', 24, ore, 'PHL')).toBeGreaterThan(1);
  });

  it("grows the banning country's refining capacity over four to five years", () => {
    expect(value(ban, 'capacity', 66, refined, 'IDN')).toBeGreaterThan(
      // Direction and a quarter more than the status quo (measured ×1.28 with 14 minerals); the
      // observed ×12 (from the far smaller base of 2014) is a miss on the validation page.
      1.25 * value(base, 'capacity', 66, refined, 'IDN'),
    );
  });
});

describe('V10: lithium boom and bust (a demand surge of 60%/yr for 18 months from month 6)', () => {
  const months = LITHIUM_BOOM.months;
  const boom = run(LITHIUM_BOOM);
  const refined = goodIndexOf(boom, 'lithium', 'refine');
  const mine = goodIndexOf(boom, 'lithium', 'mine');
  const prices = Array.from(
    { length: months },
    (_, m) => worldPrice(boom, m, refined) / worldPrice(boom, 0, refined),
  );
  const peak = prices.indexOf(Math.max(...prices));

  it('spikes the price (at least ×2) and supply answers after a lag with fast growth', () => {
    expect(prices[peak]).toBeGreaterThan(2);
    const mined = (m: number) => sum(boom, 'production', m, mine);
    // Supply growth in the two years after the peak outpaces the year before the surge.
    expect(mined(peak + 12) / mined(peak - 12)).toBeGreaterThan(1.4);
  });

  it('then falls at least 40% from its peak within two years, while demand keeps growing', () => {
    expect(prices[Math.min(months - 1, peak + 24)] / prices[peak]).toBeLessThan(0.6);
    expect(sum(boom, 'demand', peak + 24, refined)).toBeGreaterThan(sum(boom, 'demand', peak, refined));
  });
});

describe('V11: an export tax with no quota (China, separated rare earths, 15% tax and a lost 16% VAT rebate)', () => {
  const tax = run(EXPORT_TAX_WEDGE);
  const g = goodIndexOf(tax, 'rare_earths', 'refine');
  const outside = tax.meta.nodes.filter((c) => c !== 'CHN');

  it('settles the outside/inside price ratio at about (1 + tax)(1 + lost rebate): 1.15–1.45', () => {
    for (const m of [12, 24, 35]) {
      const wedge = consumerPrice(tax, m, g, outside) / value(tax, 'buyerPrice', m, g, 'CHN');
      expect(wedge).toBeGreaterThan(1.15);
      expect(wedge).toBeLessThan(1.45);
    }
  });
});
