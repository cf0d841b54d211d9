/**
 * The Armington weight cost^(−σ): by multiplication and a square root for whole and half σ, by
 * the engine's exp and log otherwise. The two routes must agree to within exp(log)'s own rounding
 * (the error of σ·log cost, about σ·|log cost| units in the last place, is what exp magnifies), or
 * a scenario would jump when its elasticity crosses from 5 to 5.01.
 */
import { describe, expect, it } from 'vitest';
import { exp, log } from '../../../src/engine/math.ts';
import { armingtonWeight } from '../../../src/engine/preference.ts';

const costs = [0.37, 1, 2, 17.5, 189.25, 6_350, 41_974.8, 410_755.8, 21_459_952.6];

describe('armingtonWeight', () => {
  it.each([0.5, 1, 1.5, 2, 2.5, 3, 5, 7.5, 12, 30])('matches exp(−σ·log cost) for σ = %s', (sigma) => {
    for (const cost of costs) {
      const expected = exp(-sigma * log(cost));
      const got = armingtonWeight(cost, sigma);
      const tolerance = 4e-16 * (1 + sigma * Math.abs(Math.log(cost)));
      expect(Math.abs(got - expected) / expected, `cost ${cost}`).toBeLessThan(tolerance);
    }
  });

  it('is exactly 1/cost^σ built from products for a whole σ', () => {
    expect(armingtonWeight(10, 5)).toBe(1 / 100_000);
    expect(armingtonWeight(4, 2.5)).toBe(1 / 32);
    expect(armingtonWeight(2, 30)).toBe(2 ** -30);
  });

  it('takes exp and log for other σ, and where the power would overflow', () => {
    expect(armingtonWeight(189.25, 4.3)).toBe(exp(-4.3 * log(189.25)));
    // 1e11^30 overflows a double; the weight is still the (underflowing) exp(log) value.
    expect(armingtonWeight(1e11, 30)).toBe(exp(-30 * log(1e11)));
  });
});
