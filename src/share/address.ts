/**
 * The scenario in the page address. The fragment (after "#") holds URL-encoded parameters:
 *
 *   #s=<version>.<data>          the whole scenario and its seed (src/scenario/codec.ts)
 *   #embed=1&s=<version>.<data>  the same, shown without editing controls (an iframe on a
 *                                course page; the app reads isEmbedMode())
 *
 * The fragment, not the query: it never reaches the server (no logs, no "URI too long" from a
 * static host), and changing it does not reload the page. `embed` comes first so that a link
 * cut short loses scenario data (reported as damaged) rather than the flag.
 */
import { decodeScenario, type Encoding, encodeScenario } from '../scenario/codec.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Validation } from '../scenario/validate.ts';

export const SCENARIO_PARAM = 's';
export const EMBED_PARAM = 'embed';

export interface AddressState {
  /** The scenario payload (`1.xxxx`), or null when the address holds none. */
  payload: string | null;
  /** True when the page should show the scenario without editing controls. */
  embed: boolean;
}

function params(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

/** Reads a fragment ("#s=..." or "s=..."). */
export function readAddress(hash: string): AddressState {
  const p = params(hash);
  const payload = p.get(SCENARIO_PARAM);
  return { payload: payload === null ? null : payload.trim(), embed: p.get(EMBED_PARAM) === '1' };
}

/** The fragment for a payload, with "#". */
export function addressHash(state: AddressState): string {
  const parts: string[] = [];
  if (state.embed) parts.push(`${EMBED_PARAM}=1`);
  // The payload is base64url with a "1." prefix: no character needs escaping.
  if (state.payload !== null) parts.push(`${SCENARIO_PARAM}=${state.payload}`);
  return parts.length ? `#${parts.join('&')}` : '';
}

/** `base` (any URL of the app) with its fragment replaced by the scenario's. */
export function addressWith(base: string, state: AddressState): string {
  const url = new URL(base);
  url.hash = addressHash(state);
  return url.href;
}

/** True when the address asks for the embedded view (`#embed=1&s=...`). */
export function isEmbedMode(hash: string = globalThis.location?.hash ?? ''): boolean {
  return readAddress(hash).embed;
}

/** The link that opens `scenario`: `base` with `#s=...` (and `embed=1` when asked). */
export async function scenarioLink(
  scenario: Scenario,
  base: string,
  options: { embed?: boolean } = {},
): Promise<{ ok: true; url: string } | { ok: false; errors: string[] }> {
  const encoded: Encoding = await encodeScenario(scenario);
  if (!encoded.ok) return encoded;
  return { ok: true, url: addressWith(base, { payload: encoded.payload, embed: options.embed === true }) };
}

/** The scenario in an address fragment: null when there is none, else the validation. */
export async function scenarioFromAddress(hash: string): Promise<Validation | null> {
  const { payload } = readAddress(hash);
  if (payload === null) return null;
  return decodeScenario(payload);
}
