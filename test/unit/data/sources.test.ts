import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCalibration, readInputs, renderCalibration } from '../../../scripts/generate-calibration.mjs';
import { AGREEMENTS } from '../../../src/data/agreements';
import {
  CONSUMPTION,
  DEMAND_GROWTH,
  IMPORT_RELIANCE,
  MANUFACTURING_VALUE_ADDED,
  PRICES,
  PRODUCTION,
} from '../../../src/data/calibration';
import { hasSource, SOURCES, sourceByKey } from '../../../src/data/sources';

const root = resolve(import.meta.dirname, '../../..');

describe('sources', () => {
  it('has unique keys, each with a title, publisher, year, address and licence', () => {
    expect(new Set(SOURCES.map((s) => s.key)).size).toBe(SOURCES.length);
    for (const s of SOURCES) {
      expect(s.title.length, s.key).toBeGreaterThan(5);
      expect(s.publisher.length, s.key).toBeGreaterThan(2);
      expect(s.year, s.key).toBeGreaterThan(2000);
      expect(s.url.length, s.key).toBeGreaterThan(10);
      expect(s.licence, s.key).toMatch(/public domain|CC BY|©|ISC/);
    }
    expect(sourceByKey('USGS_MCS2025_LITHIUM').licence).toContain('public domain');
    expect(sourceByKey('IEA_CMDATA_2025').licence).toContain('CC BY 4.0');
    expect(() => sourceByKey('NO_SUCH_KEY')).toThrow();
  });

  it('knows every source key that a shipped figure names', () => {
    const keys = [
      ...PRODUCTION.flatMap((s) => [s.source, ...s.byNode.map((f) => f.source)]),
      ...CONSUMPTION.flatMap((s) => [s.source, ...s.byNode.map((f) => f.source)]),
      ...PRICES.map((p) => p.source),
      ...IMPORT_RELIANCE.map((r) => r.source),
      ...DEMAND_GROWTH.map((g) => g.source),
      ...AGREEMENTS.map((a) => a.source),
      MANUFACTURING_VALUE_ADDED.source,
    ];
    expect(keys.length).toBeGreaterThan(100);
    for (const key of new Set(keys)) expect(hasSource(key), key).toBe(true);
  });
});

describe('generated calibration', () => {
  it('is exactly what the generator makes from data/inputs/', () => {
    const committed = readFileSync(resolve(root, 'src/data/generated/calibration.json'), 'utf8');
    expect(renderCalibration(buildCalibration(readInputs()))).toBe(committed);
  });

  it('changes when an input changes (the comparison can fail)', () => {
    const inputs = readInputs();
    const row = inputs.production.find(
      (r) => r.mineral === 'lithium' && r.stage === 'mine' && r.country_iso3 === 'AUS' && r.year === '2024',
    );
    if (!row) throw new Error('no Australian lithium row');
    row.tonnes = String(Number(row.tonnes) + 1000);
    const committed = readFileSync(resolve(root, 'src/data/generated/calibration.json'), 'utf8');
    expect(renderCalibration(buildCalibration(inputs))).not.toBe(committed);
  });
});
