/**
 * The status quo validated at build time (src/data/generated/statusQuoScenario.ts) is the
 * status-quo preset as validateScenario makes it now, value for value: a page opening on it
 * validates it (its draft, its preset's name, its link, its run's twin) without building the zod
 * schema, and the engine's coordinator worker loads it before the page asks.
 */
import { describe, expect, it } from 'vitest';
import {
  STATUS_QUO_LINK_DOCUMENT as linkDocument,
  STATUS_QUO_SCENARIO as statusQuo,
  STATUS_QUO_TWIN_DOCUMENT as twinDocument,
} from '../../../src/data/generated/statusQuoScenario.ts';
import { scenarioDiff } from '../../../src/scenario/codec.ts';
import { presetById } from '../../../src/scenario/presets.ts';
import { sameValue } from '../../../src/scenario/sameValue.ts';
import { SCENARIO_VERSION } from '../../../src/scenario/schema.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { initialState } from '../../../src/ui/app.ts';
import { statusQuoDocument, statusQuoFor } from '../../../src/ui/runSession.ts';

const preset = presetById('status-quo')!.scenario;

describe('the generated status-quo scenario', () => {
  it('is the status-quo preset as the schema validates it now (else: npx tsx scripts/generate-status-quo.ts)', () => {
    const checked = validateScenario(structuredClone(preset), { prebuilt: false });
    if (!checked.ok) throw new Error(checked.errors.join('; '));
    expect(sameValue(statusQuo, checked.scenario)).toBe(true);
    expect(statusQuo).toEqual(checked.scenario);
    // Validated again, it is itself; its link's document (as encodeScenario makes it) and its
    // run's twin (as statusQuoFor asks for it) give it too.
    for (const input of [statusQuo, linkDocument, twinDocument])
      expect(validateScenario(structuredClone(input), { prebuilt: false })).toEqual({
        ok: true,
        scenario: statusQuo,
      });
    expect(sameValue(linkDocument, { version: SCENARIO_VERSION, ...scenarioDiff(statusQuo) })).toBe(true);
    expect(sameValue(twinDocument, statusQuoDocument(statusQuo))).toBe(true);
  });

  it('answers validation of those four documents, a copy each time, and of no other', () => {
    for (const input of [preset, statusQuo, linkDocument, twinDocument].map((d) => structuredClone(d))) {
      const answer = validateScenario(input);
      expect(answer).toEqual({ ok: true, scenario: statusQuo });
      if (answer.ok) expect(answer.scenario).not.toBe(statusQuo);
    }
    // One value changed, or -0 for 0: the schema runs (and says so where it must).
    const edited = { ...structuredClone(statusQuo), months: 0 };
    expect(validateScenario(edited).ok).toBe(false);
    const negativeZero = structuredClone(statusQuo);
    negativeZero.tariffs[0].start = -0;
    expect(sameValue(validateScenario(negativeZero), { ok: true, scenario: negativeZero })).toBe(true);
    // The twin of another length is the schema's.
    expect(statusQuoFor({ ...statusQuo, months: 24 }).months).toBe(24);
  });

  it('is what the app opens on, and its own status-quo twin', () => {
    expect(sameValue(initialState().scenario, statusQuo)).toBe(true);
    expect(sameValue(statusQuoFor(statusQuo), statusQuo)).toBe(true);
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
