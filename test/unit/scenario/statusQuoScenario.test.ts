/**
 * The status quo the engine's coordinator worker loads before the page asks
 * (src/data/generated/statusQuoScenario.ts) is the scenario the app opens on, value for value:
 * otherwise the worker's early load is never taken (the page's load builds its own).
 */
import { describe, expect, it } from 'vitest';
import { STATUS_QUO_SCENARIO as statusQuo } from '../../../src/data/generated/statusQuoScenario.ts';
import { sameValue } from '../../../src/parallel/coordinatorService.ts';
import { initialState } from '../../../src/ui/app.ts';

describe('the generated status-quo scenario', () => {
  it('equals the scenario the app opens on (else: npx tsx scripts/generate-status-quo.ts)', () => {
    const opening = initialState().scenario;
    expect(sameValue(statusQuo, opening)).toBe(true);
    expect(statusQuo).toEqual(opening);
  });
});

describe('sameValue', () => {
  it('tells values apart by keys, their order, and leaves (0 and -0 too)', () => {
    expect(sameValue({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameValue({ a: 0 }, { a: -0 })).toBe(false);
    expect(sameValue({ a: undefined }, {})).toBe(false);
    expect(sameValue([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameValue({ a: 'x' }, { a: 'y' })).toBe(false);
  });
});
