/**
 * Link integrity and hard limits (issue 12): the checksum catches accidental edits before
 * anything is unpacked; unpacking stops at the size, depth and value-count limits; bytes after
 * the compressed data are refused in Node as in Chromium; a huge out-of-range number is
 * reported once.
 */
import { describe, expect, it } from 'vitest';
import { crc32, linkCheck } from '../../../src/scenario/checksum.ts';
import {
  checkedPayload,
  decodeScenario,
  deflateRaw,
  fromBase64Url,
  inflateRaw,
  toBase64Url,
  UNCHECKED_LINK_NOTE,
} from '../../../src/scenario/codec.ts';
import {
  jsonShapeLimits,
  MAX_LINK_JSON_BYTES,
  MAX_SCENARIO_DEPTH,
  MAX_SCENARIO_VALUES,
} from '../../../src/scenario/limits.ts';
import { parseScenarioJson } from '../../../src/scenario/validate.ts';
import { scaled } from '../../timeouts.ts';
import { TEN_EDITS } from './codecExamples.ts';
import { encode, errorsOf, valid } from './codecHelpers.ts';
import { classifyEdits, hostileLink } from './linkEdits.ts';

const data = async (text: string) => toBase64Url(await deflateRaw(new TextEncoder().encode(text)));

describe('link checksum', () => {
  it('is CRC-32 (IEEE): the published check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect(linkCheck('1.q1YqTk1NUbIyrAUA')).toMatch(/^[A-Za-z0-9_-]{5}[AQgw]$/);
  });

  it(
    'catches every one-character edit of the ten-edit link (replaced, deleted or inserted)',
    async () => {
      const scenario = valid(TEN_EDITS);
      const payload = await encode(scenario);
      const counts = await classifyEdits(payload, scenario);
      console.log(`one-character edits of the ten-edit link (${payload.length} characters):`, counts);
      expect(counts.edits).toBeGreaterThan(60_000);
      expect(counts.otherSilently).toBe(0);
      // The only edits that are not refused turn the checked link into an unchecked one (the
      // dot after the checksum replaced or deleted) and decode by chance: they open with the note.
      expect(counts.same + counts.otherWithNote).toBeLessThan(counts.edits / 1000);
    },
    scaled(300_000),
  );

  it('reports a damaged checksum before anything else, with what to do', async () => {
    const payload = await encode(valid(TEN_EDITS));
    const [version, check, rest] = payload.split('.');
    const wrongCheck = `${version}.${check.slice(0, 5)}${check[5] === 'A' ? 'Q' : 'A'}.${rest}`;
    expect(errorsOf(await decodeScenario(wrongCheck))).toEqual([
      'the link is damaged or incomplete (was it cut off when it was copied?): its checksum does not match its contents, so a character was changed, added or lost after it was made (an e-mail or chat window that wrapped the link can do this); ask for the link again',
    ]);
    // A version edit is caught too (the check covers "<version>.<data>").
    expect(errorsOf(await decodeScenario(`2.${check}.${rest}`))[0]).toMatch(/checksum does not match/);
    expect(errorsOf(await decodeScenario(`1.abc.${rest}`))[0]).toMatch(/checksum "abc" should be 6/);
    expect(errorsOf(await decodeScenario(`1.${check}.${rest}.x`))[0]).toMatch(/more than two dots/);
    // Every truncation is refused (the check comes first, so a cut can only shorten the data).
    for (let cut = 9; cut < payload.length; cut++) {
      expect(errorsOf(await decodeScenario(payload.slice(0, cut)))[0]).toMatch(/damaged or incomplete/);
    }
  });

  it('opens an old link without a checksum, with a note that it could not be checked', async () => {
    const scenario = valid(TEN_EDITS);
    const [version, , rest] = (await encode(scenario)).split('.');
    expect(await decodeScenario(`${version}.${rest}`)).toStrictEqual({
      ok: true,
      scenario,
      notes: [UNCHECKED_LINK_NOTE],
    });
  });
});

describe('hard limits while unpacking', () => {
  it('refuses the hostile link that unpacks to 333,333 values by counting them as it unpacks', async () => {
    const payload = await hostileLink();
    expect(payload.length).toBeLessThan(2_000);
    console.log(`hostile link: ${payload.length} characters`);
    expect(errorsOf(await decodeScenario(payload))).toEqual([
      `the link's data holds more than ${MAX_SCENARIO_VALUES.toLocaleString('en')} values; scenario links hold far fewer, so this is not a scenario`,
    ]);
    // Unpacking stopped early: the shape check refused a chunk long before the whole text.
    let seen = 0;
    const shape = jsonShapeLimits(MAX_SCENARIO_DEPTH, MAX_SCENARIO_VALUES);
    const result = await inflateRaw(fromBase64Url(payload.split('.')[2])!, MAX_LINK_JSON_BYTES, (chunk) => {
      seen += chunk.byteLength;
      return shape.feed(chunk);
    });
    expect(result).toBe('too-many');
    expect(seen).toBeLessThan(666_688);
  });

  it('refuses nesting deeper than the limit, and accepts brackets inside strings', async () => {
    const deep = checkedPayload(1, await data(`{"seed":1,"zones":${'['.repeat(40)}${']'.repeat(40)}}`));
    expect(errorsOf(await decodeScenario(deep))).toEqual([
      `the link's data nests lists and objects more than ${MAX_SCENARIO_DEPTH} deep; a scenario nests at most 4 deep, so this is not a scenario`,
    ]);
    const named = valid({ version: 1, name: `${'[{'.repeat(60)} "quoted\\" ,,, ` });
    expect(await decodeScenario(await encode(named))).toStrictEqual({ ok: true, scenario: named });
  });

  it('refuses bytes after the end of the compressed data (Chromium does; Node did not)', async () => {
    const scenario = valid(TEN_EDITS);
    const [, , rest] = (await encode(scenario)).split('.');
    const bytes = fromBase64Url(rest)!;
    for (const extra of [[0], [0x41], [1, 2, 3, 4, 5, 6, 7, 8]]) {
      const padded = new Uint8Array([...bytes, ...extra]);
      expect(await inflateRaw(padded, MAX_LINK_JSON_BYTES)).toBe('trailing');
      expect(errorsOf(await decodeScenario(checkedPayload(1, toBase64Url(padded))))).toEqual([
        'the link is damaged or incomplete (was it cut off when it was copied?): it has extra data after the end of its compressed scenario',
      ]);
    }
    // Without extra bytes, every length of stream inflates (the last byte always matters).
    for (const text of ['{}', '{"seed":1}', ' '.repeat(70_000), JSON.stringify(TEN_EDITS)]) {
      const packed = await deflateRaw(new TextEncoder().encode(text));
      expect(await inflateRaw(packed, MAX_LINK_JSON_BYTES)).toBeInstanceOf(Uint8Array);
    }
  });
});

describe('hard limits before JSON.parse: files and the command line', () => {
  it('refuses a scenario text with too many values or too deep, before parsing it', () => {
    const wide = `{"version":1,"zones":[${'0,'.repeat(200_000)}0]}`;
    // A refusal of the whole text: its issues have no path.
    expect(parseScenarioJson(wide)).toMatchObject({
      issues: [{ path: null }],
      ok: false,
      errors: [
        `the scenario holds more than ${MAX_SCENARIO_VALUES.toLocaleString('en')} values (lists, objects and their members); a scenario holds far fewer, so this is not one`,
      ],
    });
    expect(parseScenarioJson(`{"version":1,"zones":${'['.repeat(30)}${']'.repeat(30)}}`)).toMatchObject({
      ok: false,
      errors: [
        `the scenario nests lists and objects more than ${MAX_SCENARIO_DEPTH} deep; a scenario nests at most 4 deep, so this is not one`,
      ],
    });
  });
});

describe('messages', () => {
  it('reports a huge out-of-range whole number once', () => {
    expect(parseScenarioJson('{"version":1,"months":1e30,"seed":99999999999999999999}')).toMatchObject({
      ok: false,
      issues: [{ path: ['seed'] }, { path: ['months'] }],
      errors: [
        'seed: must be a whole number from 0 to 4,294,967,295 (got 100000000000000000000)',
        'months: must be a whole number from 1 to 600 (got 1e+30)',
      ],
    });
  });
});
