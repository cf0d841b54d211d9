import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSimCli, type SimIo } from '../../../src/cli/sim.ts';
import { scenarioSchema } from '../../../src/scenario/catalog.ts';
import { MAX_SCENARIO_CHARS } from '../../../src/scenario/schema.ts';
import { parseScenarioJson, type Validation, validateScenario } from '../../../src/scenario/validate.ts';
import { scaled } from '../../timeouts.ts';
import { NODE_CODES, scenarioDocument } from './codecArbitraries.ts';
import { EVERY_LEVER } from './codecExamples.ts';

function errors(result: Validation): string[] {
  expect(result.ok, 'expected the input to be refused').toBe(false);
  return result.ok ? [] : result.errors;
}

const only = (result: Validation) => {
  const list = errors(result);
  expect(list).toHaveLength(1);
  return list[0];
};

const stockpile = {
  name: 'Reserve',
  holder: 'USA',
  mineral: 'lithium',
  stage: 'refine',
  budgetUsd: 1e9,
  buyBelowUsd: 10000,
  releaseAboveUsd: 20000,
  maxBuyTonnesPerMonth: 10,
  maxReleaseTonnesPerMonth: 10,
};

describe('the validator: every message names the field, the value and what is allowed', () => {
  it('wrong types', () => {
    expect(only(validateScenario({ version: 1, months: '12' }))).toBe(
      'months: must be a whole number from 1 to 600 (got "12")',
    );
    expect(only(validateScenario({ version: 1, name: 5 }))).toBe(
      'name: must be text of at most 200 characters (got 5)',
    );
    expect(only(validateScenario({ version: 1, tariffs: {} }))).toBe(
      'tariffs: must be a list of at most 500 items (got an object)',
    );
    expect(
      only(validateScenario({ version: 1, stockpiles: [{ ...stockpile, releaseOnDisruption: 'yes' }] })),
    ).toBe('stockpiles[0].releaseOnDisruption: must be true or false (got "yes")');
    expect(
      only(
        validateScenario({
          version: 1,
          exportControls: [{ exporter: 'CHN', mineral: 'gallium', stage: 'all', kind: 'embargo' }],
        }),
      ),
    ).toBe('exportControls[0].kind: must be one of "ban", "quota", "licence" (got "embargo")');
    expect(
      only(
        validateScenario({
          version: 1,
          exportControls: [
            { exporter: 'CHN', mineral: 'gallium', stage: 'all', kind: 'ban', destinations: 'some' },
          ],
        }),
      ),
    ).toBe('exportControls[0].destinations: must be "all" or a list of 1 to 200 items (got "some")');
    expect(
      only(validateScenario({ version: 1, zones: [{ id: 'z', name: 'Z', members: ['USA'], end: 'never' }] })),
    ).toBe('zones[0].end: must be null or a whole number from 0 to 1,200 (got "never")');
  });

  it('missing fields', () => {
    const list = errors(validateScenario({ version: 1, stockpiles: [{ name: 'x', holder: 'USA' }] }));
    expect(list).toContain(
      'stockpiles[0].budgetUsd: missing; must be a number from 0 to 10,000,000,000,000 (got nothing)',
    );
    expect(
      list.some((e) =>
        e.startsWith('stockpiles[0].mineral: missing; must be text (mineral must be one of: lithium,'),
      ),
    ).toBe(true);
  });

  it('NaN, Infinity and -Infinity from JavaScript objects (the editor)', () => {
    expect(only(validateScenario({ version: 1, months: Number.NaN }))).toBe(
      'months: must be a whole number from 1 to 600 (got NaN)',
    );
    expect(
      only(validateScenario({ version: 1, tariffs: [{ importer: 'USA', rate: Number.POSITIVE_INFINITY }] })),
    ).toBe('tariffs[0].rate: must be a number from 0 to 10 (got Infinity)');
    expect(
      only(
        validateScenario({ version: 1, stockpiles: [{ ...stockpile, budgetUsd: Number.NEGATIVE_INFINITY }] }),
      ),
    ).toBe('stockpiles[0].budgetUsd: must be a number from 0 to 10,000,000,000,000 (got -Infinity)');
  });

  it('NaN and Infinity in JSON text: NaN is not JSON; 1e400 overflows to Infinity and is refused', () => {
    expect(only(parseScenarioJson('{"version":1,"months":NaN}'))).toMatch(
      /^the scenario is not valid JSON: .*\(JSON has no NaN or Infinity: write a number\)$/,
    );
    expect(only(parseScenarioJson('{"version":1,"months":Infinity}'))).toMatch(/JSON has no NaN or Infinity/);
    expect(only(parseScenarioJson('{"version":1,"elasticities":{"substitution":1e400}}'))).toBe(
      'elasticities.substitution: must be a number from 0.1 to 30 (got Infinity)',
    );
  });

  it('negative quantities', () => {
    expect(
      only(validateScenario({ version: 1, stockpiles: [{ ...stockpile, maxBuyTonnesPerMonth: -5 }] })),
    ).toBe('stockpiles[0].maxBuyTonnesPerMonth: must be a number from 0 to 10,000,000,000 (got -5)');
    expect(only(validateScenario({ version: 1, tariffs: [{ importer: 'USA', rate: -0.1 }] }))).toBe(
      'tariffs[0].rate: must be a number from 0 to 10 (got -0.1)',
    );
    expect(only(validateScenario({ version: 1, months: -1 }))).toBe(
      'months: must be a whole number from 1 to 600 (got -1)',
    );
    expect(
      only(
        validateScenario({
          version: 1,
          projects: [
            {
              name: 'p',
              node: 'USA',
              mineral: 'lithium',
              stage: 'refine',
              capacityTonnesPerYear: 0,
              unitCostUsdPerTonne: 1,
              startMonth: 0,
            },
          ],
        }),
      ),
    ).toBe('projects[0].capacityTonnesPerYear: must be a number above 0 and at most 1,000,000,000 (got 0)');
  });

  it('unknown country codes, with the codes that exist', () => {
    const message = only(
      validateScenario({
        version: 1,
        shocks: [{ node: 'XYZ', mineral: 'lithium', stage: 'mine', capacityLoss: 0.5 }],
      }),
    );
    expect(message).toMatch(
      /^shocks\[0\]\.node: unknown node code "XYZ"; the node codes are AGO, ARE, .*ZWE \(got "XYZ"\)$/,
    );
    for (const code of NODE_CODES) expect(message).toContain(code);
    expect(
      only(validateScenario({ version: 1, zones: [{ id: 'z', name: 'Z', members: ['USA', 'ATL'] }] })),
    ).toMatch(/^zones\[0\]\.members\[1\]: unknown node code "ATL"; the node codes are .* \(got "ATL"\)$/);
    expect(
      only(
        validateScenario({
          version: 1,
          zones: [{ id: 'club', name: 'Club', members: ['USA'] }],
          offtakes: [
            {
              buyer: 'Japan',
              seller: 'AUS',
              mineral: 'lithium',
              stage: 'mine',
              share: 0.1,
              priceUsdPerTonne: 1,
            },
          ],
        }),
      ),
    ).toMatch(
      /^offtakes\[0\]\.buyer: "Japan" is neither a node code nor the id of a zone in this scenario; allowed: the zone ids club or the node codes AGO, .* \(got "Japan"\)$/,
    );
    expect(
      only(
        validateScenario({
          version: 1,
          priceFloors: [{ zone: 'club', mineral: 'lithium', stage: 'refine', floor: 1 }],
        }),
      ),
    ).toBe('priceFloors[0].zone: no zone with id "club" in this scenario (it has no zones) (got "club")');
    expect(only(validateScenario({ version: 1, tariffs: [{ importer: 'DEU', rate: 0.1 }] }))).toMatch(
      /^tariffs\[0\]\.importer: "DEU" is in the EU customs union, which has one external tariff: use importer "EU"/,
    );
  });

  it('unknown fields, with the fields that exist', () => {
    expect(only(validateScenario({ version: 1, tariffs: [{ importer: 'USA', rate: 0.1, rte: 1 }] }))).toBe(
      'tariffs[0]: unknown field "rte" (allowed: importer, exporter, mineral, stage, rate, note, start, end, announced) (got "rte")',
    );
    expect(only(validateScenario({ version: 1, elasticities: { demandByMineral: { gold: -1 } } }))).toMatch(
      /^elasticities\.demandByMineral: unknown field "gold" \(allowed: lithium, nickel, .*germanium, antimony, tungsten, platinum, palladium\) \(got "gold"\)$/,
    );
  });

  it('oversized input: a 5 MB document is refused before it is parsed', () => {
    const fiveMb = `{"version":1,"description":"${'x'.repeat(5_000_000)}"}`;
    expect(only(parseScenarioJson(fiveMb))).toBe(
      'the scenario is 5,000,030 characters; the limit is 1,000,000',
    );
    expect(only(parseScenarioJson(' '.repeat(MAX_SCENARIO_CHARS + 1)))).toMatch(/the limit is 1,000,000$/);
    // Long strings inside the limit are still refused by the field's own limit.
    expect(only(validateScenario({ version: 1, description: 'x'.repeat(6000) }))).toBe(
      `description: must be text of at most 5,000 characters (got "${'x'.repeat(57)}...", 6,000 characters)`,
    );
  });

  it('a schema version from the future', () => {
    expect(only(validateScenario({ version: 7 }))).toMatch(
      /^version: this scenario was made by a newer version of the simulator \(schema version 7\); this version reads schema version 1\./,
    );
  });

  it('not an object at all', () => {
    for (const input of [null, [], 'scenario', 12, true, undefined]) {
      expect(only(validateScenario(input))).toMatch(
        /^the scenario must be a JSON object with the scenario's fields \(got /,
      );
    }
    expect(only(parseScenarioJson(''))).toMatch(/^the scenario is not valid JSON/);
  });

  it('HTML or script in names is text: accepted unchanged, never interpreted', () => {
    const name = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const checked = validateScenario({ version: 1, name, zones: [{ id: 'z', name, members: ['USA'] }] });
    expect(checked.ok && [checked.scenario.name, checked.scenario.zones[0].name]).toEqual([name, name]);
    // A field named with markup is quoted in the message (the app shows messages as text).
    expect(only(validateScenario({ version: 1, '<b>x</b>': 1 }))).toMatch(
      /^the scenario: unknown field "<b>x<\/b>"/,
    );
  });

  it('accepts a byte-order mark at the start of a file', () => {
    expect(parseScenarioJson('\ufeff{"version":1}').ok).toBe(true);
  });

  it('lists at most 20 problems and counts the rest', () => {
    const tariffs = Array.from({ length: 30 }, () => ({ importer: 'USA', rate: -1 }));
    const list = errors(validateScenario({ version: 1, tariffs }));
    expect(list).toHaveLength(20);
    expect(list[19]).toBe('...and 11 more problems');
  });
});

describe('the validator against prototype pollution', () => {
  it('refuses __proto__, constructor and prototype keys wherever they are, from JSON text', () => {
    const cases: [string, RegExp][] = [
      [
        '{"version":1,"__proto__":{"polluted":true}}',
        /^the scenario: field "__proto__" is not allowed: it is a reserved JavaScript name/,
      ],
      [
        '{"version":1,"constructor":{"prototype":{"polluted":true}}}',
        /^the scenario: field "constructor" is not allowed/,
      ],
      [
        '{"version":1,"tariffs":[{"importer":"USA","rate":0.1,"__proto__":{"rate":5}}]}',
        /^tariffs\[0\]: field "__proto__" is not allowed/,
      ],
      [
        '{"version":1,"elasticities":{"demandByMineral":{"__proto__":{"polluted":true}}}}',
        /^elasticities\.demandByMineral: field "__proto__" is not allowed.*\(allowed: lithium,/,
      ],
      ['{"version":1,"market":{"prototype":1}}', /^market: field "prototype" is not allowed/],
    ];
    for (const [json, pattern] of cases) {
      expect(only(parseScenarioJson(json)), json).toMatch(pattern);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('returns plain objects with the ordinary prototype', () => {
    const checked = validateScenario(EVERY_LEVER);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(Object.getPrototypeOf(checked.scenario)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(checked.scenario.elasticities.demandByMineral)).toBe(Object.prototype);
  });
});

describe('the validator never throws', () => {
  it('on hostile JavaScript objects: throwing getters, proxies, cycles, deep nesting', () => {
    const throwing = Object.defineProperty({ version: 1 }, 'name', {
      enumerable: true,
      get() {
        throw new Error('gotcha');
      },
    });
    const cyclic: Record<string, unknown> = { version: 1 };
    cyclic.zones = [cyclic];
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const hostile = [
      throwing,
      cyclic,
      proxy,
      new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('no keys');
          },
        },
      ),
      { version: 1, tariffs: deep },
      { version: 1, zones: [{ id: 'z', name: 'Z', members: deep }] },
      Object.create(null),
      new Map([['version', 1]]),
      { version: 1n },
      { version: 1, name: Symbol('x') },
    ];
    for (const input of hostile) {
      const result = validateScenario(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.every((e) => typeof e === 'string' && e.length > 0)).toBe(true);
    }
  });

  const prototypeSnapshot = () =>
    [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort());
  const dangerousKey = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'version',
      'toString',
      'valueOf',
      'hasOwnProperty',
    ),
    fc.constantFrom(...Object.keys(scenarioSchema().shape)),
  );
  const message = (result: Validation) => {
    if (result.ok) expect(validateScenario(result.scenario).ok).toBe(true);
    else {
      expect(result.errors.length).toBeGreaterThan(0);
      for (const e of result.errors) expect(typeof e === 'string' && e.length > 0).toBe(true);
    }
  };

  it(
    'on 10,000 random objects (dangerous keys, odd prototypes, boxed values, typed arrays)',
    () => {
      const before = prototypeSnapshot();
      fc.assert(
        fc.property(
          fc.oneof(
            fc.anything({
              key: dangerousKey,
              maxDepth: 4,
              withBoxedValues: true,
              withMap: true,
              withSet: true,
              withNullPrototype: true,
              withObjectString: true,
              withTypedArray: true,
              withSparseArray: true,
              withDate: true,
              withBigInt: true,
            }),
            fc
              .dictionary(dangerousKey, fc.anything({ key: dangerousKey, maxDepth: 3 }))
              .map((d) => ({ version: 1, ...d })),
          ),
          (input) => message(validateScenario(input)),
        ),
        { numRuns: 10_000 },
      );
      expect(prototypeSnapshot()).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    scaled(180_000),
  );

  it(
    'on 10,000 valid scenarios with one field replaced by something random',
    () => {
      const before = prototypeSnapshot();
      const mutated = fc
        .tuple(scenarioDocument, fc.nat(), fc.anything({ key: dangerousKey, maxDepth: 2 }))
        .map(([doc, pick, value]) => {
          // Walk to a random field of the document and replace it.
          const paths: (string | number)[][] = [];
          const collect = (node: unknown, path: (string | number)[]) => {
            paths.push(path);
            if (node && typeof node === 'object')
              for (const [k, v] of Object.entries(node))
                collect(v, [...path, Array.isArray(node) ? Number(k) : k]);
          };
          collect(doc, []);
          const path = paths[pick % paths.length];
          const copy = structuredClone(doc);
          if (path.length === 0) return value;
          let here = copy as Record<string | number, unknown>;
          for (const key of path.slice(0, -1)) here = here[key] as Record<string | number, unknown>;
          here[path[path.length - 1]] = value;
          return copy;
        });
      fc.assert(
        fc.property(mutated, (input) => message(validateScenario(input))),
        { numRuns: 10_000 },
      );
      expect(prototypeSnapshot()).toEqual(before);
    },
    scaled(180_000),
  );

  it(
    'on 10,000 random strings and JSON-like texts',
    () => {
      const before = prototypeSnapshot();
      const texts = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 100 }),
        fc.json({ maxDepth: 4 }),
        fc.json({ maxDepth: 2 }).map((j) => `{"version":1,"__proto__":${j}}`),
        scenarioDocument
          .map((doc) => JSON.stringify(doc))
          .chain((json) => fc.nat(json.length).map((cut) => json.slice(0, cut))),
      );
      fc.assert(
        fc.property(texts, (text) => message(parseScenarioJson(text))),
        { numRuns: 10_000 },
      );
      expect(prototypeSnapshot()).toEqual(before);
    },
    scaled(180_000),
  );
});

describe('the command line uses the same validator', () => {
  it('prints the messages and exits 1 on a bad scenario file', () => {
    let stderr = '';
    const io: SimIo = {
      stdout: () => undefined,
      stderr: (text) => {
        stderr += text;
      },
      readFile: () => '{"version":1,"months":-3,"__proto__":{}}',
      writeFile: () => undefined,
    };
    expect(runSimCli(['--scenario', 'bad.json'], io)).toBe(1);
    expect(stderr).toContain('the scenario: field "__proto__" is not allowed');
    let future = '';
    const io2 = {
      ...io,
      readFile: () => '{"version":9}',
      stderr: (t: string) => {
        future += t;
      },
    };
    expect(runSimCli(['--scenario', 'future.json'], io2)).toBe(1);
    expect(future).toContain('made by a newer version of the simulator (schema version 9)');
  });
});
