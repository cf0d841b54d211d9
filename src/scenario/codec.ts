/**
 * Scenario ⇄ link payload. The payload is `<version>.<check>.<data>`:
 *
 * - `<version>`: the schema version the scenario was written with (SCENARIO_VERSION);
 * - `<check>`: six base64url characters, CRC-32 of the text `<version>.<data>` (checksum.ts),
 *   so a link changed by accident (a character lost, added or edited when it was pasted) is
 *   refused before anything is unpacked instead of opening another scenario;
 * - `<data>`: base64url (no padding) of deflate-raw of the UTF-8 JSON of the scenario with every
 *   field that equals the schema's default left out (the defaults are the status quo, so ten
 *   edits stay short). `version` is in the prefix, not in the JSON; `seed` is always written,
 *   so a link pins its random numbers even if the default seed ever changes.
 *
 * Links made before the check existed (`<version>.<data>`: base64url has no dot, so the two
 * forms cannot be confused) still open, with a note that they could not be checked.
 *
 * Decoding checks, in order and each before the step it protects: the payload's length, its
 * shape and characters, the check, its version (newer → refused; older → upgraded by
 * migrate.ts), the base64url, then while unpacking the size, nesting depth and number of JSON
 * values (a decompression bomb or a `[[[[…` stops there), bytes after the end of the
 * compressed data, the UTF-8, the JSON, then the one validator. Nothing throws: every failure
 * is a message. The app runs it in a worker (src/share/linkDecoder.ts), never on the page's
 * thread.
 *
 * Compression uses the platform's CompressionStream / DecompressionStream ('deflate-raw',
 * in every current browser and Node 20), so it is asynchronous and needs no dependency.
 */

import { LINK_CHECK_CHARS, linkCheck } from './checksum.ts';
import { jsonEqual, withoutDefaults } from './introspect.ts';
import { scenarioJsonSchema } from './jsonSchema.ts';
import {
  type ChunkCheck,
  formatBytes,
  formatCount,
  jsonShapeLimits,
  MAX_LINK_CHARS,
  MAX_LINK_JSON_BYTES,
  MAX_SCENARIO_CHARS,
  MAX_SCENARIO_DEPTH,
  MAX_SCENARIO_VALUES,
} from './limits.ts';
import { type MigrationOptions, oldestReadableVersion } from './migrate.ts';
import { SCENARIO_VERSION, type Scenario } from './schema.ts';
import { type Validation, validateScenario } from './validate.ts';

export type Encoding = { ok: true; payload: string } | { ok: false; errors: string[] };

/** `<version>.<check>.<data>` (checked) or `<version>.<data>` (made before checks existed). */
const PAYLOAD_SHAPE = /^(\d{1,9})\.(?:([A-Za-z0-9_-]*)\.)?([A-Za-z0-9_-]*)$/;

/** The note an old link without a check opens with. */
export const UNCHECKED_LINK_NOTE =
  'This link has no checksum (it was made before links carried one), so it could not be checked for damage: if the scenario is not what you expected, ask for the link again.';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The scenario as a link stores it: fields equal to the schema's defaults left out, `version`
 * left out (it is the payload's prefix), `seed` always kept. Validating it with
 * `version` added gives the scenario back.
 */
export function scenarioDiff(scenario: Scenario): Record<string, unknown> {
  const diff = withoutDefaults(scenarioJsonSchema(), scenario) as Record<string, unknown>;
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
  const payload = checkedPayload(SCENARIO_VERSION, data);
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

/** `<version>.<check>.<data>` for base64url data. */
export function checkedPayload(version: number, data: string): string {
  return `${version}.${linkCheck(`${version}.${data}`)}.${data}`;
}

/**
 * Decodes a link payload (`1.xxxxxx.xxxx`, or an unchecked `1.xxxx`) into a validated scenario, or messages. Never throws.
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
  const check = shape[2];
  const data = shape[3];
  // The check comes first: a damaged link must not be read as anything (not even its version).
  if (check !== undefined && check !== linkCheck(`${shape[1]}.${data}`)) {
    return {
      ok: false,
      errors: [
        check.length === LINK_CHECK_CHARS
          ? `${DAMAGED}: its checksum does not match its contents, so a character was changed, added or lost after it was made (an e-mail or chat window that wrapped the link can do this); ask for the link again`
          : `${DAMAGED}: its checksum "${check}" should be ${LINK_CHECK_CHARS} characters; ask for the link again`,
      ],
    };
  }
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
  const shapeCheck = jsonShapeLimits(MAX_SCENARIO_DEPTH, MAX_SCENARIO_VALUES);
  const inflated = await inflateRaw(bytes, MAX_LINK_JSON_BYTES, shapeCheck.feed);
  if (inflated === 'too-large') {
    return {
      ok: false,
      errors: [
        `the link unpacks to more than ${formatBytes(MAX_LINK_JSON_BYTES)}; scenarios are at most ${formatCount(MAX_SCENARIO_CHARS)} characters`,
      ],
    };
  }
  if (inflated === 'too-deep') {
    return {
      ok: false,
      errors: [
        `the link's data nests lists and objects more than ${MAX_SCENARIO_DEPTH} deep; a scenario nests at most 4 deep, so this is not a scenario`,
      ],
    };
  }
  if (inflated === 'too-many') {
    return {
      ok: false,
      errors: [
        `the link's data holds more than ${formatCount(MAX_SCENARIO_VALUES)} values; scenario links hold far fewer, so this is not a scenario`,
      ],
    };
  }
  if (inflated === 'corrupt') return { ok: false, errors: [`${DAMAGED}: its data does not decompress`] };
  if (inflated === 'trailing') {
    return { ok: false, errors: [`${DAMAGED}: it has extra data after the end of its compressed scenario`] };
  }
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
  const checked = validateScenario({ version, ...diff }, options);
  if (!checked.ok || check !== undefined) return checked;
  return { ...checked, notes: [UNCHECKED_LINK_NOTE, ...(checked.notes ?? [])] };
}

function shapeProblem(payload: string): string {
  const dot = payload.indexOf('.');
  if (dot < 0 || !/^\d{1,9}$/.test(payload.slice(0, dot))) {
    return `${DAMAGED}: it must start with the schema version and a dot, like "${SCENARIO_VERSION}." (got ${JSON.stringify(payload.slice(0, 12))}${payload.length > 12 ? '...' : ''})`;
  }
  const rest = payload.slice(dot + 1);
  const second = rest.indexOf('.');
  if (second >= 0 && rest.indexOf('.', second + 1) >= 0) {
    return `${DAMAGED}: it has more than two dots (a link is "${SCENARIO_VERSION}.", a ${LINK_CHECK_CHARS}-character checksum, "." and the data)`;
  }
  const bad = [...rest].findIndex((c) => c !== '.' && !BASE64URL.test(c));
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

/** Why inflating stopped short of a result. */
export type InflateProblem = 'corrupt' | 'too-large' | 'too-deep' | 'too-many' | 'trailing';

/** Looks at each unpacked chunk as it arrives; returns a problem to stop unpacking. */
export type { ChunkCheck } from './limits.ts';

/**
 * Inflates `bytes`, stopping as soon as the output passes `limit` bytes (a decompression bomb
 * never gets further) or `check` refuses a chunk. Blob.stream().pipeThrough keeps stream errors
 * inside the read, so a corrupt input rejects the read below and never becomes an unhandled
 * rejection.
 *
 * Bytes after the end of the compressed data are refused ('trailing') on every platform:
 * Chromium's DecompressionStream refuses them but Node's ignores them, so a link could open in
 * the tests and not in the app. DecompressionStream does not say where the data ended; but the
 * last byte of a complete deflate stream always holds some of its bits, so without its last
 * byte a stream that ends exactly at the end no longer inflates, and one followed by extra
 * bytes still does.
 */
export async function inflateRaw(
  bytes: Uint8Array,
  limit: number,
  check: ChunkCheck = () => null,
): Promise<Uint8Array | InflateProblem> {
  const whole = await inflateChunks(bytes, limit, check);
  if (typeof whole === 'string' || bytes.length < 2) return whole;
  const shorter = await inflateChunks(bytes.subarray(0, bytes.length - 1), limit, () => null);
  return typeof shorter === 'string' ? whole : 'trailing';
}

async function inflateChunks(
  bytes: Uint8Array,
  limit: number,
  check: ChunkCheck,
): Promise<Uint8Array | Exclude<InflateProblem, 'trailing'>> {
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
      const problem = total > limit ? 'too-large' : check(value);
      if (problem) {
        await reader.cancel().catch(() => undefined);
        return problem;
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
