/**
 * Golden results: two presets run with a fixed seed must give exactly the stored numbers. A
 * change to the engine that moves any number fails here; the test writes the new figures to
 * test-output/golden/<preset>-changed.json to compare. After an intended change, regenerate
 * with `UPDATE_GOLDEN=1 npx vitest run test/unit/engine/golden.test.ts` and say why in the commit.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultsHash } from '../../../src/engine/hash.ts';
import { concentration, worldPrice } from '../../../src/engine/metrics.ts';
import type { RunResults } from '../../../src/engine/results.ts';
import { presetById } from '../../../src/scenario/presets.ts';
import { run } from './helpers.ts';

const root = resolve(import.meta.dirname, '../../..');
const SETTINGS = { months: 36, resolution: 5000, seed: 1 };

interface Golden {
  preset: string;
  settings: typeof SETTINGS;
  hash: string;
  /** Per good: world price (USD/t) and HHI at months 12, 24, 35. */
  figures: Record<string, { price: number[]; hhi: number[] }>;
}

function figures(r: RunResults): Golden['figures'] {
  const out: Golden['figures'] = {};
  r.meta.goods.forEach((g, i) => {
    out[`${g.mineral}/${g.stage}`] = {
      price: [12, 24, 35].map((m) => worldPrice(r, m, i)),
      hhi: [12, 24, 35].map((m) => concentration(r, m, i).hhi),
    };
  });
  return out;
}

describe.each(['status-quo', 'china-ree-controls-2025'])('golden results of %s', (id) => {
  it('match the stored numbers exactly', () => {
    const preset = presetById(id);
    if (!preset) throw new Error(`no preset ${id}`);
    const results = run({ ...preset.scenario, ...SETTINGS });
    const current: Golden = {
      preset: id,
      settings: SETTINGS,
      hash: resultsHash(results),
      figures: figures(results),
    };
    const file = resolve(root, `test/golden/${id}.json`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
    if (!existsSync(file)) throw new Error(`no golden file ${file}: run with UPDATE_GOLDEN=1`);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Golden;
    if (stored.hash !== current.hash) {
      mkdirSync(resolve(root, 'test-output/golden'), { recursive: true });
      writeFileSync(
        resolve(root, `test-output/golden/${id}-changed.json`),
        `${JSON.stringify(current, null, 2)}\n`,
      );
    }
    expect(current.figures).toEqual(stored.figures);
    expect(current.hash).toBe(stored.hash);
  });
});
