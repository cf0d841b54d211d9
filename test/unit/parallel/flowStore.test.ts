/**
 * The flow store (src/engine/results.ts: FlowStore): the parallel engine on shared memory
 * records each month's flows one after another in one shared buffer, the single-thread engine's
 * flows bit for bit (the block workers prefault the next month's pages there); and a month that
 * does not fit the store gets arrays of its own, with the same flows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { resultsHash } from '../../../src/engine/hash.ts';
import type { FlowStore } from '../../../src/engine/results.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import { spawnNodeBlockWorker } from '../../../src/parallel/nodeHost.ts';
import { ParallelEngine } from '../../../src/parallel/parallelEngine.ts';
import { HOOK_TIMEOUT_MS } from '../../timeouts.ts';
import { presetScenario, world } from './helpers.ts';

describe('the flow store', () => {
  const engine = new ParallelEngine(spawnNodeBlockWorker);
  afterAll(() => engine.dispose(), HOOK_TIMEOUT_MS);

  it.each([true, false])(
    'holds the months’ flows one after another, as the single-thread engine records them (goods on the workers: %s)',
    async (marketsOnWorkers) => {
      const scenario = presetScenario('china-ree-controls-2025', 3000, 8);
      const reference = createSimulation(world, scenario).run();
      await engine.load(world, scenario, { workers: 2, sharedMemory: true, marketsOnWorkers });
      while (engine.month < engine.months) await engine.step();
      const { flowKeys, flowTonnes } = engine.results;
      const buffer = flowKeys[0].buffer;
      expect(buffer).toBeInstanceOf(SharedArrayBuffer);
      for (let m = 0; m < scenario.months; m++) {
        expect(flowKeys[m].buffer).toBe(buffer);
        expect(flowTonnes[m].buffer).toBe(buffer);
        if (m > 0) {
          expect(flowKeys[m].byteOffset).toBe(flowKeys[m - 1].byteOffset + flowKeys[m - 1].byteLength);
          expect(flowTonnes[m].byteOffset).toBe(flowTonnes[m - 1].byteOffset + flowTonnes[m - 1].byteLength);
        }
        expect(flowKeys[m].length).toBeGreaterThan(0);
        expect(Array.from(flowKeys[m])).toEqual(Array.from(reference.flowKeys[m]));
        // Bit for bit (−0 and +0 differ in the bytes).
        expect(new Uint8Array(flowTonnes[m].slice().buffer)).toEqual(
          new Uint8Array(reference.flowTonnes[m].slice().buffer),
        );
      }
    },
  );

  it('gives a month that does not fit arrays of its own, with the same flows', () => {
    const scenario = presetScenario('status-quo', 1000, 4);
    const reference = createSimulation(world, scenario).run();
    const counts = reference.flowKeys.map((keys) => keys.length);
    // Room for month 0, not for month 1 after it.
    const capacity = counts[0] + counts[1] - 1;
    const store: FlowStore = {
      keys: new Uint32Array(capacity),
      tonnes: new Float64Array(capacity),
      monthStart: new Int32Array(scenario.months + 1),
    };
    const results = createSimulation(world, scenario, false, store).run();
    expect(resultsHash(results)).toBe(resultsHash(reference));
    const inStore = results.flowKeys.map((keys) => keys.buffer === store.keys.buffer);
    expect(inStore.slice(0, 2)).toEqual([true, false]);
    // A later month goes after the last one stored, if there is room.
    let end = counts[0];
    for (let m = 2; m < scenario.months; m++) {
      expect(inStore[m]).toBe(end + counts[m] <= capacity);
      if (inStore[m]) end += counts[m];
    }
    expect(store.monthStart[2]).toBe(counts[0]);
  });
});
