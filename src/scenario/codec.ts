/**
 * Scenario ⇄ link payload. The payload is `<version>.<data>`:
 *
 * - `<version>`: the schema version the scenario was written with (SCENARIO_VERSION);
 * - `<data>`: base64url (no padding) of deflate-raw of the UTF-8 JSON of the scenario with every
 *   field that equals the schema's default left out (the defaults are the status quo, so ten
 *   edits stay short). `version` is in the prefix, not in the JSON; `seed` is always written,
 *   so a link pins its random numbers even if the default seed ever changes.
 *
 * Decoding checks, in order and each before the step it protects: the payload's length, its
 * shape and characters, its version (newer → refused; older → upgraded by migrate.ts), the
 * base64url, the decompressed size (a decompression bomb stops at MAX_LINK_JSON_BYTES), the
 * UTF-8, the JSON, then the one validator. Nothing throws: every failure is a message.
 *
 * Compression uses the platform's CompressionStream / DecompressionStream ('deflate-raw',
 * in every current browser and Node 20), so it is asynchronous and needs no dependency.
 */

import { scenarioSchema } from './catalog.ts';
import { jsonEqual, withoutDefaults } from './introspect.ts';
import {
  formatBytes,
  formatCount,
  MAX_LINK_CHARS,
  MAX_LINK_JSON_BYTES,
  MAX_SCENARIO_CHARS,
} from './limits.ts';
import { type MigrationOptions, oldestReadableVersion } from './migrate.ts';
import { SCENARIO_VERSION, type Scenario } from './schema.ts';
import { type Validation, validateScenario } from './validate.ts';

export type Encoding = { ok: true; payload: string } | { ok: false; errors: string[] };

const PAYLOAD_SHAPE = /^(\d{1,9})\.([A-Za-z0-9_-]*)$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The scenario as a link stores it: fields equal to the schema's defaults left out, `version`
 * left out (it is the payload's prefix), `seed` always kept. Validating it with
 * `version` added gives the scenario back.
 */
export function scenarioDiff(scenario: Scenario): Record<string, unknown> {
  const diff = withoutDefaults(scenarioSchema, scenario) as Record<string, unknown>;
  const { version: _version, seed: _seed, ...rest } = diff;
  return { seed: scenario.seed, ...rest };
}

/** Encodes a scenario as a link payload. Refuses an invalid scenario or one too big for a link. */
export async function encodeScenario(scenario: Scenario): Promise<Encoding> {
  const checked = validateScenario(scenario);
  if (!checked.ok) return checked;
  const full = checked.scenario;
  let diff = scenarioDiff(full);
  // The diff relies on reading defaults out of the schema; confirm it reads back, and store the
  // whole scenario if it ever does not (a longer link beats a wrong one).
  const back = validateScenario({ version: SCENARIO_VERSION, ...diff });
  if (!back.ok || !jsonEqual(back.scenario, full)) {
    const { version: _version, ...everything } = full;
    diff = everything;
  }
  const json = JSON.stringify(diff);
  const data = toBase64Url(await deflateRaw(new TextEncoder().encode(json)));
  const payload = `${SCENARIO_VERSION}.${data}`;
  if (payload.length > MAX_LINK_CHARS) {
    return {
      ok: false,
      errors: [
        `the scenario is too large for a link (${formatCount(payload.length)} characters; links hold at most ${formatCount(MAX_LINK_CHARS)}): save it as a file instead`,
      ],
    };
  }
  return { ok: true, payload };
}

/**
 * Decodes a link payload (`1.xxxx`) into a validated scenario, or messages. Never throws.
 * `options` replaces the migration registry (tests).
 */
export async function decodeScenario(payload: string, options: MigrationOptions = {}): Promise<Validation> {
  try {
    return await decode(payload, options);
  } catch (error) {
    return {
      ok: false,
      errors: [`the link could not be read: ${(error as Error)?.message ?? String(error)}`],
    };
  }
}

const DAMAGED = 'the link is damaged or incomplete (was it cut off when it was copied?)';

async function decode(payload: string, options: MigrationOptions): Promise<Validation> {
  if (typeof payload !== 'string' || payload.length === 0) {
    return { ok: false, errors: ['the link holds no scenario (expected s=<version>.<data> after "#")'] };
  }
  if (payload.length > MAX_LINK_CHARS) {
    return {
      ok: false,
      errors: [
        `the link is ${formatCount(payload.length)} characters long; scenario links are at most ${formatCount(MAX_LINK_CHARS)} (share a large scenario as a file)`,
      ],
    };
  }
  const shape = PAYLOAD_SHAPE.exec(payload);
  if (!shape) return { ok: false, errors: [shapeProblem(payload)] };
  const version = Number(shape[1]);
  const data = shape[2];
  // The version decides how to read the rest, so it is checked before anything is unpacked.
  const current = options.current ?? SCENARIO_VERSION;
  const oldest = oldestReadableVersion(options.migrations, current);
  const readable = oldest === current ? `${current}` : `${oldest} to ${current}`;
  if (version > current) {
    return {
      ok: false,
      errors: [
        `this link was made by a newer version of the simulator (schema version ${version}); this version reads schema version ${readable}. Open it with the newer simulator`,
      ],
    };
  }
  if (version < oldest) {
    return {
      ok: false,
      errors: [
        `this link uses schema version ${version}, from an older simulator, which this version cannot read (it reads schema version ${readable})`,
      ],
    };
  }
  const bytes = fromBase64Url(data);
  if (!bytes || bytes.length === 0)
    return { ok: false, errors: [`${DAMAGED}: its data is not valid base64url`] };
  const inflated = await inflateRaw(bytes, MAX_LINK_JSON_BYTES);
  if (inflated === 'too-large') {
    return {
      ok: false,
      errors: [
        `the link unpacks to more than ${formatBytes(MAX_LINK_JSON_BYTES)}; scenarios are at most ${formatCount(MAX_SCENARIO_CHARS)} characters`,
      ],
    };
  }
  if (inflated === 'corrupt') return { ok: false, errors: [`${DAMAGED}: its data does not decompress`] };
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(inflated);
  } catch {
    return { ok: false, errors: [`${DAMAGED}: its data is not UTF-8 text`] };
  }
  if (json.length > MAX_SCENARIO_CHARS) {
    return {
      ok: false,
      errors: [
        `the link's scenario is ${formatCount(json.length)} characters; the limit is ${formatCount(MAX_SCENARIO_CHARS)}`,
      ],
    };
  }
  let diff: unknown;
  try {
    diff = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [`${DAMAGED}: its data is not valid JSON (${(error as Error).message})`] };
  }
  if (diff === null || typeof diff !== 'object' || Array.isArray(diff)) {
    return { ok: false, errors: [`${DAMAGED}: its data is not a scenario object`] };
  }
  if (Object.hasOwn(diff, 'version')) {
    return {
      ok: false,
      errors: [`${DAMAGED}: its data names a version, which belongs in the prefix "${version}." only`],
    };
  }
  // Spreading copies own properties as data (a "__proto__" key stays an own key, which the
  // validator then reports); nothing is assigned through a setter.
  return validateScenario({ version, ...diff }, options);
}

function shapeProblem(payload: string): string {
  const dot = payload.indexOf('.');
  if (dot < 0 || !/^\d{1,9}$/.test(payload.slice(0, dot))) {
    return `${DAMAGED}: it must start with the schema version and a dot, like "${SCENARIO_VERSION}." (got ${JSON.stringify(payload.slice(0, 12))}${payload.length > 12 ? '...' : ''})`;
  }
  const rest = payload.slice(dot + 1);
  const bad = [...rest].findIndex((c) => !BASE64URL.test(c));
  const char = [...rest][bad];
  return `${DAMAGED}: character ${formatCount(dot + 2 + bad)} (${JSON.stringify(char)}) cannot be part of a scenario link; links use only letters, digits, "-" and "_" after the version`;
}

// --- bytes ⇄ base64url -----------------------------------------------------------------------

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // In chunks: String.fromCharCode(...hugeArray) overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Bytes of a base64url string (unpadded), or null when it is not one. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

// --- deflate-raw -----------------------------------------------------------------------------

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Inflates `bytes`, stopping as soon as the output passes `limit` bytes (a decompression bomb
 * never gets further). Blob.stream().pipeThrough keeps stream errors inside the read, so a
 * corrupt input rejects the read below and never becomes an unhandled rejection.
 */
export async function inflateRaw(
  bytes: Uint8Array,
  limit: number,
): Promise<Uint8Array | 'corrupt' | 'too-large'> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch {
    return 'corrupt';
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
