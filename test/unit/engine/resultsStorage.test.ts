/**
 * Results on shared storage (src/engine/results.ts): months the engine's worker writes in place
 * (writeMonth) give results bit-identical to months copied from slices (appendMonth), and a
 * slice without its series is refused by results that are not on shared storage.
 */
import { describe, expect, it } from 'vitest';
import { resultsHash } from '../../../src/engine/hash.ts';
import {
  appendMonth,
  createResults,
  sharedResultsStorage,
  sliceMonth,
  writeMonth,
} from '../../../src/engine/results.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import { presetById } from '../../../src/scenario/presets.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';

function ranPreset(id: string) {
  const v = validateScenario({ ...structuredClone(presetById(id)!.scenario), months: 6, resolution: 1000 });
  if (!v.ok) throw new Error(v.errors.join('; '));
  const sim = createSimulation(calibratedWorld(), v.scenario);
  sim.run();
  return sim.results;
}

describe('results on shared storage', () => {
  it('hold the same bytes whether months are written in place or copied from slices', () => {
    const source = ranPreset('status-quo');
    const { engineVersion: _, ...meta } = source.meta;
    const copied = createResults(meta);
    const storage = sharedResultsStorage(meta);
    const shared = createResults(meta, storage);
    expect(shared.series.price.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (let month = 0; month < source.monthsDone; month++) {
      appendMonth(copied, sliceMonth(source, month));
      const slice = writeMonth(source, month, storage);
      expect(slice.series).toBeNull();
      appendMonth(shared, slice);
    }
    expect(shared.monthsDone).toBe(source.monthsDone);
    expect(resultsHash(shared)).toBe(resultsHash(source));
    expect(resultsHash(copied)).toBe(resultsHash(source));
  });

  it('refuses a month without its series for results off shared storage, and storage of the wrong size', () => {
    const source = ranPreset('status-quo');
    const { engineVersion: _, ...meta } = source.meta;
    const storage = sharedResultsStorage(meta);
    expect(() => appendMonth(createResults(meta), writeMonth(source, 0, storage))).toThrow(
      /not on shared storage/,
    );
    expect(() => createResults({ ...meta, months: meta.months + 1 }, storage)).toThrow(/series price holds/);
  });
});
