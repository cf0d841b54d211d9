/**
 * fast-check arbitraries for valid scenario documents, built from the catalog (node codes,
 * minerals and their stages) and covering every lever of the schema. Fields with a default
 * are sometimes left out, so the validator's defaults are exercised too. Every document this
 * produces is valid: a test asserts it, so a schema change that breaks the generator shows up
 * as a failing test rather than as silently skipped cases.
 */
import fc from 'fast-check';
import { CATALOG } from '../../../src/scenario/catalog.ts';
import { SCENARIO_VERSION } from '../../../src/scenario/schema.ts';

export const NODE_CODES = CATALOG.nodes.map((n) => n.code);
export const EU_CODES = CATALOG.nodes.filter((n) => n.euMember).map((n) => n.code);
const NON_EU_CODES = NODE_CODES.filter((c) => !EU_CODES.includes(c));
const MINERALS = CATALOG.minerals;
const ALL_STAGES = [...new Set(MINERALS.flatMap((m) => m.stages.map((s) => s.id)))];

type Doc = Record<string, unknown>;

/** JSON has no negative zero: a link or a file stores -0 as 0 (see codec.test.ts). */
const noNegativeZero = (x: number) => (Object.is(x, -0) ? 0 : x);

/** A number in [min, max]: the bounds, round values and arbitrary doubles. */
export function num(min: number, max: number, options: { minExcluded?: boolean } = {}): fc.Arbitrary<number> {
  const ends = options.minExcluded ? [max] : [min, max];
  return fc
    .oneof(
      fc.constantFrom(...ends),
      fc
        .integer({ min: Math.ceil(Math.max(min, -1e6)), max: Math.floor(Math.min(max, 1e6)) })
        .filter((x) => !options.minExcluded || x > min),
      fc.double({ min, max, noNaN: true, minExcluded: options.minExcluded }),
    )
    .map(noNegativeZero);
}

const int = (min: number, max: number) => fc.integer({ min, max });
const share = num(0, 1);
const positive = num(0, 1e9, { minExcluded: true });

/** Text up to `max` UTF-16 units: plain words, any Unicode, markup, reserved words. */
export function text(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: max }),
    fc.string({ unit: 'binary', maxLength: Math.floor(max / 2) }),
    fc.string({
      unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      maxLength: 3,
    }),
    fc.constantFrom(
      '<img src=x onerror=alert(1)>',
      '"><script>alert(1)</script>',
      '__proto__',
      'constructor',
    ),
  );
}

const windowArb: fc.Arbitrary<Doc> = fc.oneof(
  fc.constant({}),
  fc.record({ start: int(0, 1200) }),
  int(0, 600).chain((start) =>
    fc.record({ start: fc.constant(start), end: fc.oneof(fc.constant(null), int(start + 1, 1200)) }),
  ),
);

/** A mineral and one of its own stages. */
const good = fc
  .constantFrom(...MINERALS)
  .chain((m) =>
    fc.record({ mineral: fc.constant(m.id), stage: fc.constantFrom(...m.stages.map((s) => s.id)) }),
  );
/** A mineral and one of its stages or "all" (the stage may be left out when it defaults). */
const goodOrAllStage = fc
  .constantFrom(...MINERALS)
  .chain((m) =>
    fc.record({ mineral: fc.constant(m.id), stage: fc.constantFrom('all', ...m.stages.map((s) => s.id)) }),
  );
/** "all" minerals with any stage, or a mineral with its own stage or "all". */
const mineralOrAll = fc.oneof(
  fc.record({ mineral: fc.constant('all'), stage: fc.constantFrom('all', ...ALL_STAGES) }),
  goodOrAllStage,
);

/** Put together a record and a window; `optional` keys may be left out. */
function lever(
  fields: Record<string, fc.Arbitrary<unknown>>,
  required: string[],
  ...parts: fc.Arbitrary<Doc>[]
) {
  return fc
    .tuple(fc.record(fields, { requiredKeys: required }), ...parts)
    .map(([head, ...rest]) => Object.assign({}, head, ...rest) as Doc);
}

const zoneArb = (id: string) =>
  fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...NON_EU_CODES), { minLength: 0, maxLength: 8 }),
      fc.boolean(),
      fc.record(
        {
          name: text(120),
          internalTariff: num(0, 10),
          externalTariff: fc.oneof(fc.constant(null), num(0, 10)),
        },
        { requiredKeys: ['name'] },
      ),
      windowArb,
    )
    .map(([picked, withEu, fields, window]) => {
      const members = withEu || picked.length === 0 ? [...picked, ...EU_CODES] : picked;
      return { id, members, ...fields, ...window } as Doc;
    });

function levers(zoneIds: string[]) {
  const node = fc.constantFrom(...NODE_CODES);
  const scope = fc.constantFrom(...NODE_CODES, ...zoneIds);
  const scopeOrWorld = fc.constantFrom('world', ...NODE_CODES, ...zoneIds);
  const zone = zoneIds.length ? fc.constantFrom(...zoneIds) : null;
  const list = <T>(arb: fc.Arbitrary<T>, max = 2) => fc.array(arb, { maxLength: max });
  const optionalNote = { note: text(500) };

  const tariff = lever(
    {
      importer: fc.constantFrom('EU', ...NON_EU_CODES),
      exporter: fc.constantFrom('all', ...NODE_CODES),
      rate: num(0, 10),
      ...optionalNote,
    },
    ['importer', 'rate'],
    mineralOrAll,
    windowArb,
  );
  const priceGapSubsidy = lever(
    { scope, referencePrice: positive, budgetUsd: fc.oneof(fc.constant(null), num(0, 1e12)) },
    ['scope', 'referencePrice'],
    good,
    windowArb,
  );
  const exportControl = lever(
    {
      exporter: node,
      kind: fc.constantFrom('ban', 'quota', 'licence'),
      destinations: fc.oneof(fc.constant('all'), fc.uniqueArray(scope, { minLength: 1, maxLength: 4 })),
      exempt: fc.uniqueArray(scope, { maxLength: 3 }),
      quotaTonnesPerMonth: num(0, 1e10),
      licenceDelayMonths: int(0, 24),
      licenceFee: num(0, 5),
      ...optionalNote,
    },
    ['exporter', 'kind'],
    goodOrAllStage,
    windowArb,
  );
  const offtake = lever(
    { buyer: scope, seller: node, share, priceUsdPerTonne: positive },
    ['buyer', 'seller', 'share', 'priceUsdPerTonne'],
    good,
    windowArb,
  );
  const stockpile = fc
    .tuple(num(1, 5e8), num(0, 1))
    .map(([buy, above]) => ({ buyBelowUsd: buy, releaseAboveUsd: Math.min(1e9, buy * (1.01 + above)) }))
    .chain((prices) =>
      lever(
        {
          name: text(120),
          holder: scope,
          budgetUsd: num(0, 1e13),
          initialTonnes: num(0, 1e10),
          maxBuyTonnesPerMonth: num(0, 1e10),
          maxReleaseTonnesPerMonth: num(0, 1e10),
          releaseOnDisruption: fc.boolean(),
        },
        ['name', 'holder', 'budgetUsd', 'maxBuyTonnesPerMonth', 'maxReleaseTonnesPerMonth'],
        good,
        windowArb,
        fc.constant(prices),
      ),
    );
  const disruption = lever({ ...optionalNote }, [], goodOrAllStage, windowArb);
  const shock = lever({ node, capacityLoss: share }, ['node', 'capacityLoss'], good, windowArb);
  const demandGrowth = lever(
    {
      scope: scopeOrWorld,
      mineral: fc.constantFrom('all', ...MINERALS.map((m) => m.id)),
      ratePerYear: num(-0.5, 2),
    },
    ['ratePerYear'],
    windowArb,
  );
  const permitting = lever(
    { scope: scopeOrWorld, buildLagMonths: int(1, 240) },
    ['scope', 'buildLagMonths'],
    mineralOrAll,
    windowArb,
  );
  const investmentSupport = lever(
    { scope: scopeOrWorld, hurdleReduction: share },
    ['scope', 'hurdleReduction'],
    mineralOrAll,
    windowArb,
  );
  const project = lever(
    {
      name: text(120),
      node,
      capacityTonnesPerYear: positive,
      unitCostUsdPerTonne: positive,
      startMonth: int(0, 1200),
    },
    ['name', 'node', 'capacityTonnesPerYear', 'unitCostUsdPerTonne', 'startMonth'],
    good,
  );
  const recycling = lever(
    {
      scope: scopeOrWorld,
      mineral: fc.constantFrom(...MINERALS.map((m) => m.id)),
      share,
      lagMonths: int(0, 240),
    },
    ['mineral', 'share'],
    windowArb,
  );

  const byMineral = (min: number, max: number) =>
    fc.dictionary(fc.constantFrom(...MINERALS.map((m) => m.id)), num(min, max), { maxKeys: 3 });

  return fc.record(
    {
      name: text(200),
      description: text(300),
      seed: int(0, 4294967295),
      months: int(1, 600),
      resolution: int(1000, 5_000_000),
      tariffs: list(tariff, 3),
      priceFloors: zone
        ? list(lever({ zone, floor: positive }, ['zone', 'floor'], good, windowArb))
        : fc.constant([]),
      priceGapSubsidies: list(priceGapSubsidy),
      exportControls: list(exportControl),
      offtakes: list(offtake),
      stockpiles: list(stockpile),
      disruptions: list(disruption),
      shocks: list(shock),
      demandGrowth: list(demandGrowth),
      permitting: list(permitting),
      investmentSupport: list(investmentSupport),
      projects: list(project),
      recycling: list(recycling),
      standards: zone
        ? list(
            lever(
              {
                zone,
                requiredShare: share,
                compliantOrigins: fc.uniqueArray(node, { maxLength: 4 }),
              },
              ['zone', 'requiredShare', 'compliantOrigins'],
              good,
              windowArb,
            ),
          )
        : fc.constant([]),
      elasticities: fc.record(
        {
          demand: num(-3, 0),
          demandByMineral: byMineral(-3, 0),
          substitution: num(0.1, 30),
          substitutionByMineral: byMineral(0.1, 30),
          priceAdjustment: num(0.005, 1),
        },
        { requiredKeys: [] },
      ),
      market: fc.record(
        {
          freightUsdPerTonneKm: num(0, 10),
          handlingUsdPerTonne: num(0, 1e5),
          hurdle: num(0, 5),
          mineBuildLagMonths: int(1, 240),
          processorBuildLagMonths: int(1, 240),
          expansionLagMonths: int(1, 240),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );
}

/** A valid scenario document (some defaults left out), every lever possible. */
export const scenarioDocument: fc.Arbitrary<Doc> = fc
  .uniqueArray(
    // "world" means the whole world wherever a scope is asked for, so it is no zone id here.
    fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/).filter((id) => id !== 'world'),
    { maxLength: 3 },
  )
  .chain((ids) =>
    fc
      .tuple(fc.tuple(...ids.map(zoneArb)), levers(ids))
      .map(([zones, rest]) => ({ version: SCENARIO_VERSION, ...(zones.length ? { zones } : {}), ...rest })),
  );
