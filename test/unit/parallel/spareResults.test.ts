/**
 * The spare results storage and flow store (src/parallel/spareResults.ts): made between runs,
 * zeroed, of the shape asked for, mapped only while the worker is idle, and a run recorded on
 * them gives the same results and flows, bit for bit, as one on fresh memory.
 */
import { describe, expect, it } from 'vitest';
import { resultsHash } from '../../../src/engine/hash.ts';
import { type FlowStore, SERIES, sharedFlowStore } from '../../../src/engine/results.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import { SPARE_MAX_BYTES, SpareResults, storageBytes } from '../../../src/parallel/spareResults.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';
import { statusQuoScenario } from '../../statusQuo.ts';

/** The status quo at 1,000 agents. */
const scenario = (months: number) => statusQuoScenario(1000, months);

/** Whether a flow store is all zeros: keys, tonnes (+0) and month starts. */
const zeroed = (flows: FlowStore) =>
  flows.keys.every((k) => k === 0) &&
  flows.tonnes.every((t) => Object.is(t, 0)) &&
  flows.monthStart.every((m) => m === 0);

/** Runs the spare's mapping tasks (one series per task) until none is left. */
const drain = () => new Promise((done) => setTimeout(done, 50));

describe('spare results storage', () => {
  const world = calibratedWorld();

  it('is zeroed, of the shape asked for, and records a run bit-identical to fresh memory', async () => {
    const s = scenario(6);
    const shape = { months: s.months, goods: world.goods, nodes: world.nodes, stockpiles: s.stockpiles };
    const firstFlows = sharedFlowStore(shape);
    const first = createSimulation(world, s, true, firstFlows);
    first.run();
    expect(firstFlows.monthStart[s.months]).toBeGreaterThan(0); // the run's flows are in its store
    const fresh = createSimulation(world, s).run();
    const spare = new SpareResults(() => true);
    spare.prepare(shape, { storage: first.results, flows: firstFlows });
    await drain();
    expect(spare.take({ ...shape, months: 7 })).toBeNull();
    const made = spare.take(shape);
    expect(made).not.toBeNull();
    if (!made) return;
    expect(spare.take(shape)).toBeNull(); // taken once
    const { storage, flows } = made;
    for (const name of SERIES) {
      expect(storage.series[name].buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(storage.series[name].length).toBe(first.results.series[name].length);
      // Zeroed: +0 everywhere (a −0 would survive recordMonth's skip of +0).
      expect(storage.series[name].every((v) => Object.is(v, 0))).toBe(true);
    }
    expect(flows.keys.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(flows.keys.length).toBe(firstFlows.keys.length);
    expect(zeroed(flows)).toBe(true);
    const again = createSimulation(world, s, storage, flows);
    again.run();
    expect(again.results.series.price).toBe(storage.series.price);
    expect(again.results.flowKeys[0].buffer).toBe(flows.keys.buffer);
    expect(resultsHash(again.results)).toBe(resultsHash(first.results));
    expect(resultsHash(again.results)).toBe(resultsHash(fresh));
    for (let m = 0; m < s.months; m++) {
      expect(again.results.flowKeys[m]).toEqual(fresh.flowKeys[m]);
      expect(again.results.flowTonnes[m]).toEqual(fresh.flowTonnes[m]);
    }
  });

  it('stays zeroed when made while the worker is busy and finished later', async () => {
    const s = scenario(3);
    const shape = { months: s.months, goods: world.goods, nodes: world.nodes, stockpiles: s.stockpiles };
    const firstFlows = sharedFlowStore(shape);
    const first = createSimulation(world, s, true, firstFlows);
    first.run();
    const last = { storage: first.results, flows: firstFlows };
    let idle = false;
    const spare = new SpareResults(() => idle);
    spare.prepare(shape, last);
    await drain();
    idle = true;
    spare.prepare(shape, last);
    await drain();
    const made = spare.take(shape);
    expect(made?.storage.series.price.every((v) => Object.is(v, 0))).toBe(true);
    expect(made && zeroed(made.flows)).toBe(true);
  });

  it('keeps no spare larger than SPARE_MAX_BYTES', () => {
    const shape = { months: 100_000, goods: world.goods, nodes: world.nodes, stockpiles: [] };
    expect(storageBytes(shape)).toBeGreaterThan(SPARE_MAX_BYTES);
    const spare = new SpareResults(() => true);
    // A storage this large is never made (it would not fit in memory twice).
    spare.prepare(shape, {
      storage: { series: {} as never, stockpileTonnes: new Float64Array(0) },
      flows: { keys: new Uint32Array(0), tonnes: new Float64Array(0), monthStart: new Int32Array(1) },
    });
    expect(spare.take(shape)).toBeNull();
  });
});
