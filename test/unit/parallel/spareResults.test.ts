/**
 * The spare results storage (src/parallel/spareResults.ts): made between runs, zeroed, of the
 * shape asked for, mapped only while the worker is idle, and a run recorded on it gives the same
 * results, bit for bit, as one on fresh storage.
 */
import { describe, expect, it } from 'vitest';
import { resultsHash } from '../../../src/engine/hash.ts';
import { SERIES } from '../../../src/engine/results.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import { SPARE_MAX_BYTES, SpareResults, storageBytes } from '../../../src/parallel/spareResults.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';
import { statusQuoScenario } from '../../statusQuo.ts';

/** The status quo at 1,000 agents. */
const scenario = (months: number) => statusQuoScenario(1000, months);

/** Runs the spare's mapping tasks (one series per task) until none is left. */
const drain = () => new Promise((done) => setTimeout(done, 50));

describe('spare results storage', () => {
  const world = calibratedWorld();

  it('is zeroed, of the shape asked for, and records a run bit-identical to fresh storage', async () => {
    const s = scenario(6);
    const first = createSimulation(world, s, true);
    first.run();
    const spare = new SpareResults(() => true);
    const shape = { months: s.months, goods: world.goods, nodes: world.nodes, stockpiles: s.stockpiles };
    spare.prepare(shape, first.results);
    await drain();
    expect(spare.take({ ...shape, months: 7 })).toBeNull();
    const storage = spare.take(shape);
    expect(storage).not.toBeNull();
    if (!storage) return;
    expect(spare.take(shape)).toBeNull(); // taken once
    for (const name of SERIES) {
      expect(storage.series[name].buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(storage.series[name].length).toBe(first.results.series[name].length);
      // Zeroed: +0 everywhere (a −0 would survive recordMonth's skip of +0).
      expect(storage.series[name].every((v) => Object.is(v, 0))).toBe(true);
    }
    const again = createSimulation(world, s, storage);
    again.run();
    expect(again.results.series.price).toBe(storage.series.price);
    expect(resultsHash(again.results)).toBe(resultsHash(first.results));
  });

  it('stays zeroed when made while the worker is busy and finished later', async () => {
    const s = scenario(3);
    const first = createSimulation(world, s, true);
    first.run();
    let idle = false;
    const spare = new SpareResults(() => idle);
    const shape = { months: s.months, goods: world.goods, nodes: world.nodes, stockpiles: s.stockpiles };
    spare.prepare(shape, first.results);
    await drain();
    idle = true;
    spare.prepare(shape, first.results);
    await drain();
    const storage = spare.take(shape);
    expect(storage?.series.price.every((v) => Object.is(v, 0))).toBe(true);
  });

  it('keeps no spare larger than SPARE_MAX_BYTES', () => {
    const shape = { months: 100_000, goods: world.goods, nodes: world.nodes, stockpiles: [] };
    expect(storageBytes(shape)).toBeGreaterThan(SPARE_MAX_BYTES);
    const spare = new SpareResults(() => true);
    // A storage this large is never made (it would not fit in memory twice).
    spare.prepare(shape, { series: {} as never, stockpileTonnes: new Float64Array(0) });
    expect(spare.take(shape)).toBeNull();
  });
});
