/**
 * The coordinator service's preload: the page's first load of the same scenario (one thread,
 * same memory mode) takes the early load; any other scenario, or a call in between, loads afresh.
 */
import { describe, expect, it } from 'vitest';
import { SINGLE_THREAD_MAX_AGENTS } from '../../../src/parallel/client.ts';
import {
  createCoordinatorService,
  type ServiceLoadOptions,
} from '../../../src/parallel/coordinatorService.ts';
import { spawnNodeBlockWorker } from '../../../src/parallel/nodeHost.ts';
import { presetScenario, world } from './helpers.ts';

const options: ServiceLoadOptions = {
  workers: 1,
  preferSharedMemory: true,
  fault: null,
  singleThreadMaxAgents: SINGLE_THREAD_MAX_AGENTS,
};

/** A service whose world builds are counted: every load asks for the world once. */
function countingService() {
  let loads = 0;
  const service = createCoordinatorService(() => {
    loads++;
    return world;
  }, spawnNodeBlockWorker);
  return { service, loads: () => loads };
}

describe('preload', () => {
  it('is taken by the first load of an equal scenario, and that run gives the same months', async () => {
    const scenario = presetScenario('status-quo', 1000, 3);
    const { service, loads } = countingService();
    service.preload(structuredClone(scenario), options);
    const early = await service.load(structuredClone(scenario), { ...options, workers: 3 });
    expect(early.ok).toBe(true);
    expect(loads()).toBe(1);
    const first = await service.step();
    // The same scenario loaded afresh (a preload is taken once) gives the same month.
    const again = await service.load(structuredClone(scenario), options);
    expect(again.ok).toBe(true);
    expect(loads()).toBe(2);
    const second = await service.step();
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) expect(second.slice.series).toEqual(first.slice.series);
    await service.dispose();
  });

  it('is dropped for another scenario, another memory mode, or a step in between', async () => {
    const scenario = presetScenario('status-quo', 1000, 3);
    const other = presetScenario('status-quo', 1000, 3, 7);
    const cases: ((s: ReturnType<typeof countingService>['service']) => Promise<unknown>)[] = [
      (s) => s.load(other, options),
      (s) => s.load(scenario, { ...options, preferSharedMemory: false }),
      (s) => s.load(scenario, { ...options, singleThreadMaxAgents: 0, workers: 1 }),
      async (s) => {
        await s.step();
        return s.load(scenario, options);
      },
    ];
    for (const make of cases) {
      const { service, loads } = countingService();
      service.preload(scenario, options);
      await make(service);
      expect(loads()).toBe(2);
      await service.dispose();
    }
  });

  it('does nothing for a run on block workers', async () => {
    const { service, loads } = countingService();
    service.preload(presetScenario('status-quo', 1000, 3), { ...options, singleThreadMaxAgents: 0 });
    expect(loads()).toBe(0);
    await service.dispose();
  });
});
