/** Helpers of the scenario and link tests (unit and browser): a valid scenario, its link payload. */
import { expect } from 'vitest';
import { deflateRaw, encodeScenario, toBase64Url } from '../../../src/scenario/codec.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';
import { type Validation, validateScenario } from '../../../src/scenario/validate.ts';

/** The scenario a document describes; throws with the messages when it is not valid. */
export function valid(doc: unknown): Scenario {
  const checked = validateScenario(doc);
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  return checked.scenario;
}

/** A scenario's link payload (the part after `#s=`); throws with the messages when it cannot. */
export async function encode(scenario: Scenario): Promise<string> {
  const encoded = await encodeScenario(scenario);
  if (!encoded.ok) throw new Error(encoded.errors.join('\n'));
  return encoded.payload;
}

/** A payload made by hand, for links our encoder would never write: `<version>.` + base64url(deflate-raw(text)). */
export async function rawPayload(version: number | string, text: string): Promise<string> {
  return `${version}.${toBase64Url(await deflateRaw(new TextEncoder().encode(text)))}`;
}

/** The messages of a validation that must fail. */
export function errorsOf(result: Validation): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}
