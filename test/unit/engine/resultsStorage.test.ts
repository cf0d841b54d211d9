/**
 * Results on shared storage (src/engine/results.ts): months the engine's worker writes in place
 * (writeMonth) give results bit-identical to months copied from slices (appendMonth), and a
 * slice without its series is refused by results that are not on shared storage; a block
 * worker's prefault of a month writes +0 into that month alone, and only into series that were
 * not all +0 two months before.
 */
import { describe, expect, it } from 'vitest';
import { resultsHash } from '../../../src/engine/hash.ts';
import {
  appendMonth,
  createResults,
  prefaultFlows,
  prefaultMonth,
  prefaultMonths,
  SERIES,
  sharedFlowStore,
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

  it('prefaults one month: +0 written inside it alone, series all +0 two months before passed over', () => {
    const source = ranPreset('status-quo');
    const { engineVersion: _, ...meta } = source.meta;
    const storage = sharedResultsStorage(meta);
    for (let month = 0; month < 4; month++) writeMonth(source, month, storage);
    const stride = meta.goods.length * meta.nodes.length;
    // Months 4 and 5 not recorded yet: marked, so any write shows.
    for (const name of SERIES) storage.series[name].fill(Number.NaN, 4 * stride);
    const before = SERIES.map((name) => storage.series[name].slice());
    for (let part = 0; part < 2; part++) prefaultMonth(storage, stride, 5, part, 2);
    let touched = 0;
    let passed = 0;
    SERIES.forEach((name, i) => {
      const after = storage.series[name];
      // Recorded months and month 4 keep every bit.
      expect(Array.from(after.subarray(0, 5 * stride))).toEqual(
        Array.from(before[i].subarray(0, 5 * stride)),
      );
      const month = after.subarray(5 * stride, 6 * stride);
      const written = month.filter((v) => Object.is(v, 0)).length;
      expect(written + month.filter(Number.isNaN).length).toBe(stride);
      const zeroBefore = source.series[name].subarray(3 * stride, 4 * stride).every((v) => Object.is(v, 0));
      if (zeroBefore) {
        expect(written, name).toBe(0);
        passed++;
      } else {
        // One value a 4 KiB page (512 values) and the month's last.
        expect(written, name).toBeGreaterThanOrEqual(Math.ceil(stride / 512));
        expect(Object.is(month[0], 0) && Object.is(month[stride - 1], 0), name).toBe(true);
        touched++;
      }
    });
    expect(touched).toBeGreaterThan(0);
    expect(passed).toBeGreaterThan(0);
  });

  it('maps months ahead, and a call stopped part way leaves the rest to the next', () => {
    const source = ranPreset('status-quo');
    const { engineVersion: _, ...meta } = source.meta;
    const storage = sharedResultsStorage(meta);
    const stride = meta.goods.length * meta.nodes.length;
    // Months 0 and 1 recorded; 2 to 5 not (marked, so any write shows).
    for (let month = 0; month < 2; month++) writeMonth(source, month, storage);
    for (const name of SERIES) storage.series[name].fill(Number.NaN, 2 * stride);
    /** Months of series `name` with a value written by the prefault. */
    const touched = (name: (typeof SERIES)[number]) =>
      [2, 3, 4, 5].filter((m) =>
        storage.series[name].subarray(m * stride, (m + 1) * stride).some((v) => Object.is(v, 0)),
      );
    const zeroAtMonth0 = (name: (typeof SERIES)[number]) =>
      source.series[name].subarray(0, stride).every((v) => Object.is(v, 0));
    const live = SERIES.filter((name) => !zeroAtMonth0(name));
    // Stopped before the third series of month 3: month 2 done, month 3 begun.
    let asked = 0;
    const done = prefaultMonths(
      storage,
      stride,
      2,
      3,
      -1,
      0,
      1,
      () => ++asked > SERIES.length + 2,
      SERIES,
      2,
    );
    expect(done).toBe(2);
    for (const name of SERIES) {
      const begun = SERIES.indexOf(name) < 2 ? [2, 3] : [2];
      expect(touched(name), name).toEqual(zeroAtMonth0(name) ? [] : begun);
    }
    // The next call goes on with month 3 and maps up to month 4 (three months from month 2).
    expect(prefaultMonths(storage, stride, 2, 3, done, 0, 1, () => false, SERIES, 2)).toBe(4);
    for (const name of live) expect(touched(name), name).toEqual([2, 3, 4]);
    // It stops at the run's last month (`lag` 4: the month tested is still month 0); a series all
    // +0 in the month tested is never touched.
    expect(prefaultMonths(storage, stride, 4, 5, 4, 0, 1, () => false, SERIES, 4)).toBe(5);
    for (const name of SERIES) expect(touched(name), name).toEqual(zeroAtMonth0(name) ? [] : [2, 3, 4, 5]);
    // Months recorded keep every bit.
    for (const name of SERIES)
      expect(Array.from(storage.series[name].subarray(0, 2 * stride))).toEqual(
        Array.from(source.series[name].subarray(0, 2 * stride)),
      );
  });

  it('stops prefaulting when told, before the next series', () => {
    const source = ranPreset('status-quo');
    const { engineVersion: _, ...meta } = source.meta;
    const storage = sharedResultsStorage(meta);
    const stride = meta.goods.length * meta.nodes.length;
    for (const name of SERIES) storage.series[name].fill(Number.NaN);
    let asked = 0;
    prefaultMonth(storage, stride, 0, 0, 1, () => ++asked > 2);
    const written = SERIES.filter((name) =>
      storage.series[name].subarray(0, stride).some((v) => Object.is(v, 0)),
    );
    expect(written).toEqual(SERIES.slice(0, 2));
    expect(asked).toBe(3);
  });

  it('prefaults whole pages of flows from where the next month starts, and nothing before it', () => {
    const store = sharedFlowStore({ months: 2, goods: { length: 29 }, nodes: { length: 79 } });
    store.keys.fill(7);
    store.tonnes.fill(Number.NaN);
    const from = 1000;
    const count = 5000;
    prefaultFlows(store, from, count);
    // Untouched before `from` (the month being recorded) and from `from + count` on.
    expect(store.tonnes.subarray(0, from).every(Number.isNaN)).toBe(true);
    expect(store.keys.subarray(0, from).every((k) => k === 7)).toBe(true);
    expect(store.tonnes.subarray(from + count).every(Number.isNaN)).toBe(true);
    expect(store.keys.subarray(from + count).every((k) => k === 7)).toBe(true);
    // Between: one +0 at each 4 KiB page start (512 tonnes, 1,024 keys a page).
    const zeroed = (values: ArrayLike<number>) =>
      Array.from(values, (v, i) => (Object.is(v, 0) ? i : -1)).filter((i) => i >= 0);
    const tonnesAt = zeroed(store.tonnes);
    expect(tonnesAt.length).toBe(Math.ceil((from + count) / 512) - Math.ceil(from / 512));
    for (const i of tonnesAt) expect((store.tonnes.byteOffset + i * 8) % 4096).toBe(0);
    const keysAt = zeroed(store.keys);
    expect(keysAt.length).toBeGreaterThanOrEqual(4);
    for (const i of keysAt) {
      expect((store.keys.byteOffset + i * 4) % 4096).toBe(0);
      expect(i >= from && i < from + count).toBe(true);
    }
  });

  it('prefaults only the series named, passing over those all +0 `lag` months before', () => {
    const meta = { months: 6, goods: { length: 29 }, nodes: { length: 79 }, stockpiles: { length: 0 } };
    const storage = sharedResultsStorage(meta);
    const stride = 29 * 79;
    for (const name of SERIES) storage.series[name].fill(Number.NaN);
    // Month 1 of price all +0: with a lag of 3, month 4 of price is passed over.
    storage.series.price.fill(0, stride, 2 * stride);
    prefaultMonth(storage, stride, 4, 0, 1, undefined, ['price', 'exports'], 3);
    const zeroes = (name: (typeof SERIES)[number]) =>
      storage.series[name].subarray(4 * stride, 5 * stride).filter((v) => Object.is(v, 0)).length;
    expect(zeroes('price')).toBe(0);
    expect(zeroes('exports')).toBeGreaterThanOrEqual(Math.ceil(stride / 512));
    for (const name of SERIES) if (name !== 'price' && name !== 'exports') expect(zeroes(name), name).toBe(0);
    // Other months of exports untouched.
    expect(storage.series.exports.subarray(0, 4 * stride).every(Number.isNaN)).toBe(true);
  });
});
