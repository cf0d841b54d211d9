import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../src/engine/simulation.ts';
import {
  checkedPayload,
  decodeScenario,
  deflateRaw,
  encodeScenario,
  fromBase64Url,
  inflateRaw,
  scenarioDiff,
  toBase64Url,
  UNCHECKED_LINK_NOTE,
} from '../../../src/scenario/codec.ts';
import { MAX_LINK_CHARS, MAX_LINK_JSON_BYTES } from '../../../src/scenario/limits.ts';
import { PRESETS } from '../../../src/scenario/presets.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';
import { scaled } from '../../timeouts.ts';
import { scenarioDocument } from './codecArbitraries.ts';
import { EVERY_LEVER, TEN_EDITS } from './codecExamples.ts';
import { encode, errorsOf, rawPayload, valid } from './codecHelpers.ts';

/** A representative address of a deployed app (GitHub Pages of an organisation). */
const DEPLOYED = 'https://example-organisation.github.io/critical-minerals-trade-simulator/';

describe('scenario links: encode and decode', () => {
  it('encodes the default scenario in a few characters: only the seed differs from nothing', async () => {
    const payload = await encode(valid({ version: 1 }));
    expect(payload).toMatch(/^1\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]+$/);
    expect(payload.length).toBeLessThan(30);
    expect(scenarioDiff(valid({ version: 1 }))).toEqual({ seed: 1 });
  });

  it('keeps the default scenario with ten edits within 2,000 characters, whole address included', async () => {
    const url = `${DEPLOYED}#s=${await encode(valid(TEN_EDITS))}`;
    expect(url.length).toBeLessThanOrEqual(2000);
    // The measured figure quoted in docs/links.md: 510 characters of payload.
    expect(url.length - DEPLOYED.length - 3).toBeLessThan(600);
  });

  it('keeps every preset within 2,000 characters', async () => {
    for (const preset of PRESETS) {
      const url = `${DEPLOYED}#s=${await encode(valid(preset.scenario))}`;
      expect(url.length, preset.id).toBeLessThanOrEqual(2000);
    }
  });

  it('keeps any ten editor edits of the default scenario within 2,000 characters', async () => {
    const codes = ['USA', 'CHN', 'AUS', 'JPN', 'IDN', 'COD', 'CHL', 'ZAF', 'BRA', 'CAN', 'IND', 'KOR'];
    const mineralGood = fc.constantFrom(
      ['lithium', 'refine'],
      ['nickel', 'mine'],
      ['cobalt', 'refine'],
      ['rare_earths', 'magnet'],
      ['gallium', 'refine'],
    );
    const pct = fc.integer({ min: 0, max: 100 }).map((x) => x / 100);
    const node = fc.constantFrom(...codes);
    // One edit = one control changed, or one lever added with the fields its form asks for.
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('seed'), value: fc.integer({ min: 0, max: 4294967295 }) }),
      fc.record({ kind: fc.constant('months'), value: fc.integer({ min: 1, max: 600 }) }),
      fc.record({ kind: fc.constant('name'), value: fc.string({ unit: 'grapheme', maxLength: 60 }) }),
      fc.record({ kind: fc.constant('tariff'), importer: node, exporter: node, rate: pct }),
      fc.record({ kind: fc.constant('shock'), node, good: mineralGood, loss: pct, start: fc.nat(120) }),
      fc.record({ kind: fc.constant('ban'), node, good: mineralGood, start: fc.nat(120) }),
      fc.record({ kind: fc.constant('growth'), rate: pct }),
      fc.record({
        kind: fc.constant('zone'),
        members: fc.uniqueArray(node, { minLength: 1, maxLength: 12 }),
      }),
      fc.record({
        kind: fc.constant('substitution'),
        value: fc.integer({ min: 1, max: 300 }).map((x) => x / 10),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 10, maxLength: 10 }), async (edits) => {
        const doc: Record<string, unknown[] | unknown> = { version: 1 };
        const push = (key: string, item: unknown) => {
          doc[key] = [...((doc[key] as unknown[] | undefined) ?? []), item];
        };
        edits.forEach((e, i) => {
          if (e.kind === 'seed' || e.kind === 'months' || e.kind === 'name') doc[e.kind] = e.value;
          else if (e.kind === 'tariff')
            push('tariffs', { importer: e.importer, exporter: e.exporter, rate: e.rate });
          else if (e.kind === 'shock') {
            const [mineral, stage] = e.good;
            push('shocks', { node: e.node, mineral, stage, capacityLoss: e.loss, start: e.start });
          } else if (e.kind === 'ban') {
            const [mineral, stage] = e.good;
            push('exportControls', { exporter: e.node, mineral, stage, kind: 'ban', start: e.start });
          } else if (e.kind === 'growth') push('demandGrowth', { ratePerYear: e.rate });
          else if (e.kind === 'zone')
            push('zones', { id: `zone-${i}`, name: `Zone ${i}`, members: e.members });
          else doc.elasticities = { substitution: e.value };
        });
        const payload = await encode(valid(doc));
        expect(`${DEPLOYED}#s=${payload}`.length).toBeLessThanOrEqual(2000);
      }),
      { numRuns: 300 },
    );
  });

  it('decode(encode(s)) is s, and encoding is stable, for every valid scenario (every lever)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioDocument, async (doc) => {
        const scenario = valid(doc);
        // The diff alone reads back: the codec's fallback to the whole scenario is not needed.
        expect(validateScenario({ version: 1, ...scenarioDiff(scenario) })).toStrictEqual({
          ok: true,
          scenario,
        });
        const payload = await encode(scenario);
        const decoded = await decodeScenario(payload);
        expect(decoded).toStrictEqual({ ok: true, scenario });
        expect(await encode((decoded as { scenario: Scenario }).scenario)).toBe(payload);
      }),
      { numRuns: 400 },
    );
  });

  it('reads back names with markup, lone surrogates and every Unicode plane unchanged', async () => {
    for (const name of [
      '<img src=x onerror=alert(1)>',
      '\ud800 lone',
      '😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
      '"quoted" \\ back\nline',
    ]) {
      const scenario = valid({ version: 1, name });
      expect(await decodeScenario(await encode(scenario))).toStrictEqual({ ok: true, scenario });
    }
  });

  it('stores -0 as 0 (JSON has no negative zero), which the engine treats alike', async () => {
    const scenario = valid({ version: 1, tariffs: [{ importer: 'USA', rate: -0 }] });
    const decoded = await decodeScenario(await encode(scenario));
    expect(decoded.ok && Object.is(decoded.scenario.tariffs[0].rate, 0)).toBe(true);
  });

  it('gives bit-identical simulation results for the decoded scenario', async () => {
    const scenario = valid({ ...EVERY_LEVER, months: 18, resolution: 1000, seed: 7 });
    const decoded = await decodeScenario(await encode(scenario));
    if (!decoded.ok) throw new Error(decoded.errors.join('\n'));
    const fingerprint = (s: Scenario) => {
      const results = createSimulation(calibratedWorld(), s).run();
      const hash = createHash('sha256');
      for (const series of Object.values(results.series)) hash.update(new Uint8Array(series.buffer));
      hash.update(new Uint8Array(results.stockpileTonnes.buffer));
      hash.update(new Uint8Array(results.conservationError.buffer));
      results.flowTonnes.forEach((f, m) => {
        hash.update(new Uint8Array(f.buffer));
        hash.update(new Uint8Array(results.flowKeys[m].buffer));
      });
      return hash.digest('hex');
    };
    expect(fingerprint(decoded.scenario)).toBe(fingerprint(scenario));
  });

  it('refuses to encode an invalid scenario, with the validator’s message', async () => {
    const broken = { ...valid({ version: 1 }), months: Number.NaN };
    const encoded = await encodeScenario(broken);
    expect(encoded).toEqual({
      ok: false,
      errors: ['months: must be a whole number from 1 to 600 (got NaN)'],
      issues: [{ path: ['months'], message: 'must be a whole number from 1 to 600 (got NaN)' }],
    });
  });

  it('refuses to encode a scenario too large for a link, and says to use a file', async () => {
    // 500 tariffs with 500-character notes of pseudo-random CJK text: valid, under the
    // 1,000,000-character limit, and nearly incompressible.
    let state = 12345;
    const cjk = () => {
      let out = '';
      for (let i = 0; i < 500; i++) {
        // xorshift32
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        out += String.fromCharCode(0x4e00 + ((state >>> 0) % 0x5000));
      }
      return out;
    };
    const tariffs = Array.from({ length: 500 }, () => ({ importer: 'USA', rate: 0.1, note: cjk() }));
    const scenario = valid({ version: 1, tariffs });
    expect(JSON.stringify(scenario).length).toBeLessThan(1_000_000);
    const encoded = await encodeScenario(scenario);
    expect(encoded.ok).toBe(false);
    if (!encoded.ok)
      expect(encoded.errors[0]).toMatch(
        /^the scenario is too large for a link \([\d,]+ characters; links hold at most 200,000\): save it as a file instead$/,
      );
  });
});

describe('scenario links made with schema version 1', () => {
  const fixture = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../fixtures/links-v1.json'), 'utf8'),
  ) as {
    links: { name: string; payload: string; scenario: Scenario }[];
  };

  it('always open as the same scenario (a changed default must bump the version, with a migration)', async () => {
    expect(fixture.links.length).toBeGreaterThanOrEqual(5);
    for (const link of fixture.links) {
      const decoded = await decodeScenario(link.payload);
      // These links predate checksums: they open, with a note that they could not be checked.
      expect(
        decoded,
        `${link.name}: this v1 link now opens differently. If a default changed, bump SCENARIO_VERSION and add a migration that fills in the old default (src/scenario/migrate.ts).`,
      ).toStrictEqual({ ok: true, scenario: link.scenario, notes: [UNCHECKED_LINK_NOTE] });
    }
  });

  it('open with the same scenario once a checksum is added, and without the note', async () => {
    for (const link of fixture.links) {
      const [version, data] = link.payload.split('.');
      const checked = checkedPayload(Number(version), data);
      expect(await decodeScenario(checked), link.name).toStrictEqual({ ok: true, scenario: link.scenario });
    }
  });

  it('match the defaults of the current schema (version 1 is current)', () => {
    expect(fixture.links[0].name).toBe('default');
    expect(valid({ version: 1 })).toStrictEqual(fixture.links[0].scenario);
  });
});

describe('bad links: a message, never an exception', () => {
  const good = () => encode(valid(TEN_EDITS));

  it('reports an empty payload', async () => {
    expect(errorsOf(await decodeScenario(''))[0]).toMatch(/holds no scenario/);
  });

  it('reports a payload without a version prefix', async () => {
    expect(errorsOf(await decodeScenario('q1YqTk1NUbIyrAUA'))[0]).toMatch(
      /must start with the schema version and a dot, like "1\."/,
    );
  });

  it('reports characters that are not base64url, with their position', async () => {
    const errors = errorsOf(await decodeScenario('1.q1Yq<script>'));
    expect(errors[0]).toMatch(/character 7 \("<"\) cannot be part of a scenario link/);
  });

  it('reports every truncation of a good link as damaged or incomplete', async () => {
    const payload = await good();
    for (let cut = 2; cut < payload.length; cut += 7) {
      const result = await decodeScenario(payload.slice(0, cut));
      expect(errorsOf(result)[0], `cut at ${cut}`).toMatch(/damaged or incomplete|holds no scenario/);
    }
  });

  it('reports flipped characters without throwing', async () => {
    const payload = await good();
    for (let at = 2; at < payload.length; at += 11) {
      const flipped = `${payload.slice(0, at)}${payload[at] === 'A' ? 'B' : 'A'}${payload.slice(at + 1)}`;
      const result = await decodeScenario(flipped);
      if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
    }
  });

  it('refuses a 5 MB link before decoding anything', async () => {
    const huge = `1.${'A'.repeat(5_000_000)}`;
    expect(errorsOf(await decodeScenario(huge))).toEqual([
      'the link is 5,000,002 characters long; scenario links are at most 200,000 (share a large scenario as a file)',
    ]);
  });

  it('stops a decompression bomb at the size limit', async () => {
    // 4 MB of spaces compress to about 4 kB: small link, huge scenario.
    const bomb = await rawPayload(1, `{"name":"x"${' '.repeat(4_000_000)}}`);
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(errorsOf(await decodeScenario(bomb))[0]).toMatch(/unpacks to more than 3\.0 MB/);
    const bytes = fromBase64Url(bomb.slice(2))!;
    expect(await inflateRaw(bytes, MAX_LINK_JSON_BYTES)).toBe('too-large');
  });

  it('reports data that is not JSON, not UTF-8 or not an object', async () => {
    expect(errorsOf(await decodeScenario(await rawPayload(1, '{"name": ')))[0]).toMatch(/not valid JSON/);
    expect(errorsOf(await decodeScenario(await rawPayload(1, '[1,2]')))[0]).toMatch(/not a scenario object/);
    const notUtf8 = `1.${toBase64Url(await deflateRaw(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))}`;
    expect(errorsOf(await decodeScenario(notUtf8))[0]).toMatch(/not UTF-8/);
  });

  it('reports a version inside the data', async () => {
    expect(errorsOf(await decodeScenario(await rawPayload(1, '{"version":1}')))[0]).toMatch(
      /names a version, which belongs in the prefix/,
    );
  });

  it('passes bad fields to the validator, which names field, value and what is allowed', async () => {
    const payload = await rawPayload(
      1,
      '{"seed":1,"months":-3,"shocks":[{"node":"XYZ","mineral":"lithium","stage":"mine","capacityLoss":2}]}',
    );
    const errors = errorsOf(await decodeScenario(payload));
    expect(errors).toContain('months: must be a whole number from 1 to 600 (got -3)');
    expect(errors).toContain('shocks[0].capacityLoss: must be a number from 0 to 1 (got 2)');
    expect(
      errors.find((e) => e.startsWith('shocks[0].node: unknown node code "XYZ"; the node codes are')),
    ).toBeTruthy();
  });

  it('reports __proto__ and constructor keys in link data, and Object.prototype stays clean', async () => {
    const payload = await rawPayload(
      1,
      '{"seed":1,"__proto__":{"polluted":1},"elasticities":{"demandByMineral":{"__proto__":{"x":1}}}}',
    );
    const errors = errorsOf(await decodeScenario(payload));
    expect(errors[0]).toMatch(/^the scenario: field "__proto__" is not allowed/);
    expect(errors[1]).toMatch(/^elasticities\.demandByMineral: field "__proto__" is not allowed/);
    const ctor = errorsOf(
      await decodeScenario(await rawPayload(1, '{"constructor":{"prototype":{"polluted":1}}}')),
    );
    expect(ctor[0]).toMatch(/^the scenario: field "constructor" is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a link from a newer version before unpacking it', async () => {
    expect(errorsOf(await decodeScenario('2.anything-at-all'))).toEqual([
      'this link was made by a newer version of the simulator (schema version 2); this version reads schema version 1. Open it with the newer simulator',
    ]);
  });

  it('says why an older version cannot be read when no migration exists', async () => {
    expect(errorsOf(await decodeScenario(await rawPayload(0, '{"seed":1}')))).toEqual([
      'this link uses schema version 0, from an older simulator, which this version cannot read (it reads schema version 1)',
    ]);
  });

  it(
    'survives 10,000 random strings, and link-shaped strings, with a message every time',
    async () => {
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      const linkish = fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc
          .tuple(fc.constantFrom('0', '1', '2'), fc.uint8Array({ maxLength: 60 }))
          .map(([version, bytes]) => `${version}.${toBase64Url(bytes)}`),
        fc.stringMatching(/^1\.[A-Za-z0-9_-]{0,60}$/),
        fc.json({ maxDepth: 3 }).map((json) => ({ json })),
        fc.constantFrom('1.', '.', '1..', '01.AA', '999999999.AA', '1.A', '1.AAAA'),
      );
      let counted = 0;
      await fc.assert(
        fc.asyncProperty(linkish, async (input) => {
          const payload = typeof input === 'string' ? input : await rawPayload(1, input.json);
          const result = await decodeScenario(payload);
          counted++;
          if (result.ok) expect(valid(result.scenario)).toStrictEqual(result.scenario);
          else {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const e of result.errors) expect(typeof e === 'string' && e.length > 0).toBe(true);
          }
        }),
        { numRuns: 10_000 },
      );
      expect(counted).toBe(10_000);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    },
    scaled(180_000),
  );
});

describe('base64url', () => {
  it('round-trips any bytes and rejects what is not base64url', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
    expect(fromBase64Url('A')).toBeNull();
    expect(fromBase64Url('AB+C')).toBeNull();
    expect(fromBase64Url('AB=C')).toBeNull();
  });
});
