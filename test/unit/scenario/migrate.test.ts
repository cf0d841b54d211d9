import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScenario, deflateRaw, toBase64Url } from '../../../src/scenario/codec.ts';
import {
  MIGRATIONS,
  type Migration,
  migrateScenario,
  oldestReadableVersion,
  type ScenarioDocument,
} from '../../../src/scenario/migrate.ts';
import { SCENARIO_VERSION } from '../../../src/scenario/schema.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';

/**
 * A made-up schema version 0, to exercise the machinery before a real version 2 exists:
 * v0 called the run length `horizonMonths` and its default was 60 months (v1: `months`,
 * default 120), and wrote tariff rates in percent (`ratePercent: 10`, v1: `rate: 0.1`).
 * v0 also had `quotaShare` export controls, which v1 cannot express: those are refused.
 */
const V0_TO_V1: Migration = {
  from: 0,
  summary: 'horizonMonths is now months; tariff rates are fractions, not percentages.',
  migrate(doc) {
    const { horizonMonths, ...rest } = doc;
    const tariffs = Array.isArray(doc.tariffs) ? doc.tariffs : undefined;
    if (Array.isArray(doc.exportControls) && doc.exportControls.some((c) => c?.kind === 'quotaShare')) {
      return {
        ok: false,
        reason: 'exportControls: "quotaShare" controls no longer exist; use a quota in tonnes',
      };
    }
    return {
      ok: true,
      doc: {
        ...rest,
        // v0's default run length was 60 months: a v0 document that left it out meant 60.
        months: horizonMonths ?? 60,
        ...(tariffs
          ? {
              tariffs: tariffs.map((t: Record<string, unknown>) => {
                const { ratePercent, ...tariff } = t;
                return { ...tariff, rate: Number(ratePercent) / 100 };
              }),
            }
          : {}),
      },
    };
  },
};

const migrations = [V0_TO_V1];

const V0_DOC: ScenarioDocument = {
  version: 0,
  name: 'Old scenario',
  tariffs: [{ importer: 'USA', exporter: 'CHN', ratePercent: 25 }],
};

describe('scenario migrations', () => {
  it('has no migrations yet: version 1 is the first published schema', () => {
    expect(SCENARIO_VERSION).toBe(1);
    expect(MIGRATIONS).toEqual([]);
    expect(oldestReadableVersion()).toBe(1);
    expect(oldestReadableVersion(migrations)).toBe(0);
  });

  it('upgrades a v0 document to v1, filling in v0’s old default, without touching the input', () => {
    const before = structuredClone(V0_DOC);
    const migrated = migrateScenario(V0_DOC, { migrations });
    expect(V0_DOC).toEqual(before);
    expect(migrated).toEqual({
      ok: true,
      doc: {
        version: 1,
        name: 'Old scenario',
        months: 60,
        tariffs: [{ importer: 'USA', exporter: 'CHN', rate: 0.25 }],
      },
      notes: [
        'Upgraded from schema version 0 to 1: horizonMonths is now months; tariff rates are fractions, not percentages.',
      ],
    });
  });

  it('validates the upgraded document with the one validator, and says it was upgraded', () => {
    const checked = validateScenario({ ...V0_DOC, horizonMonths: 36 }, { migrations });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.scenario.months).toBe(36);
    expect(checked.scenario.tariffs).toEqual([
      {
        importer: 'USA',
        exporter: 'CHN',
        mineral: 'all',
        stage: 'all',
        rate: 0.25,
        start: 0,
        end: null,
        announced: null,
      },
    ]);
    expect(checked.notes).toHaveLength(1);
  });

  it('opens a v0 link through the same migration', async () => {
    const data = toBase64Url(await deflateRaw(new TextEncoder().encode('{"seed":3,"horizonMonths":24}')));
    const decoded = await decodeScenario(`0.${data}`, { migrations });
    // Two notes: this hand-made link has no checksum, and it was upgraded.
    expect(decoded.ok && [decoded.scenario.months, decoded.scenario.seed, decoded.notes?.length]).toEqual([
      24, 3, 2,
    ]);
    // Without the migration, the user is told why the link cannot be read.
    const refused = await decodeScenario(`0.${data}`);
    expect(refused.ok ? [] : refused.errors).toEqual([
      'this link uses schema version 0, from an older simulator, which this version cannot read (it reads schema version 1)',
    ]);
  });

  it('reports a document the migration cannot express, with its reason', () => {
    const doc = { version: 0, exportControls: [{ exporter: 'CHN', kind: 'quotaShare' }] };
    // The migration's message names the field itself: an issue of the document, with no path.
    expect(validateScenario(doc, { migrations })).toMatchObject({
      ok: false,
      issues: [{ path: null }],
      errors: [
        'version: this scenario uses schema version 0 and cannot be upgraded to version 1: exportControls: "quotaShare" controls no longer exist; use a quota in tonnes',
      ],
    });
  });

  it('turns a migration that throws into a message', () => {
    const broken: Migration = {
      from: 0,
      summary: 'broken',
      migrate: () => {
        throw new Error('boom');
      },
    };
    expect(validateScenario({ version: 0 }, { migrations: [broken] })).toMatchObject({
      ok: false,
      issues: [{ path: null }],
      errors: [
        'version: this scenario uses schema version 0 and cannot be upgraded to version 1: the upgrade failed (boom)',
      ],
    });
  });

  it('chains migrations in order (v0 → v1 → v2)', () => {
    const steps: string[] = [];
    const step = (from: number): Migration => ({
      from,
      summary: `step ${from}`,
      migrate: (doc) => {
        steps.push(`${from}:${doc.version}`);
        return { ok: true, doc: { ...doc, [`from${from}`]: true } };
      },
    });
    const migrated = migrateScenario({ version: 0 }, { migrations: [step(1), step(0)], current: 2 });
    expect(steps).toEqual(['0:0', '1:1']);
    expect(migrated).toEqual({
      ok: true,
      doc: { version: 2, from0: true, from1: true },
      notes: ['Upgraded from schema version 0 to 1: step 0', 'Upgraded from schema version 1 to 2: step 1'],
    });
  });

  it('names the version field, its value and what is allowed for every bad version', () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /^version: missing; .* reads version 0 to 1 \(got nothing\)$/],
      ['1', /^version: must be a whole number, the schema version; .* \(got "1"\)$/],
      [1.5, /^version: must be a whole number.* \(got 1\.5\)$/],
      [-1, /^version: must be a whole number.* \(got -1\)$/],
      [Number.NaN, /^version: must be a whole number.* \(got NaN\)$/],
      [
        2,
        /^version: this scenario was made by a newer version of the simulator \(schema version 2\); this version reads schema version 0 to 1\. .* \(got 2\)$/,
      ],
    ];
    for (const [version, pattern] of cases) {
      const doc = version === undefined ? {} : { version };
      const result = migrateScenario(doc, { migrations });
      expect(result.ok ? '' : result.errors[0], String(version)).toMatch(pattern);
    }
  });

  it('never throws, whatever the document', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), fc.anything(), (doc, version) => {
        const result = migrateScenario({ ...doc, version }, { migrations });
        expect(result.ok || result.errors.length > 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
