/**
 * The coordinator service's preload: the page's first load of the same scenario (one thread,
 * same memory mode) takes the early load, and its first month made ahead; any other scenario, or
 * a call in between, loads afresh.
 */
import { describe, expect, it } from 'vitest';
import type { MonthSlice } from '../../../src/engine/results.ts';
import { SINGLE_THREAD_MAX_AGENTS } from '../../../src/parallel/client.ts';
import {
  type CoordinatorService,
  createCoordinatorService,
  type ServiceLoadOptions,
} from '../../../src/parallel/coordinatorService.ts';
import { spawnNodeBlockWorker } from '../../../src/parallel/nodeHost.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';
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

/** Waits until `done()` holds (checked every 10 ms), at most `limitMs`. */
async function until(done: () => boolean, limitMs = 60_000): Promise<void> {
  const limit = performance.now() + limitMs;
  while (!done()) {
    if (performance.now() > limit) throw new Error('timed out');
    await new Promise((ok) => setTimeout(ok, 10));
  }
}

/** The months `service` sends when stepped `months` times. */
async function stepped(service: CoordinatorService, months: number): Promise<MonthSlice[]> {
  const slices: MonthSlice[] = [];
  for (let m = 0; m < months; m++) {
    const reply = await service.step();
    if (!reply.ok) throw new Error(reply.message);
    slices.push(reply.slice);
  }
  return slices;
}

/** The months a service that loads `scenario` afresh sends, stepped. */
async function freshMonths(scenario: Scenario, months: number): Promise<MonthSlice[]> {
  const service = createCoordinatorService(() => world, spawnNodeBlockWorker);
  const loaded = await service.load(structuredClone(scenario), options);
  if (!loaded.ok) throw new Error(loaded.message);
  const slices = await stepped(service, months);
  await service.dispose();
  return slices;
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

  it("makes the run's first month ahead, which the next step sends without making it again", async () => {
    const scenario = presetScenario('status-quo', 1000, 3);
    const { service } = countingService();
    service.preload(structuredClone(scenario), options);
    expect((await service.load(structuredClone(scenario), options)).ok).toBe(true);
    await until(() => service.timings().months === 1);
    const [first] = await stepped(service, 1);
    expect(service.timings().months).toBe(1);
    const rest = await stepped(service, 2);
    expect(service.timings().months).toBe(3);
    expect([first, ...rest]).toEqual(await freshMonths(scenario, 3));
    await service.dispose();
  });

  it('sends the month made ahead first in a run, then the others, as a fresh load would', async () => {
    const scenario = presetScenario('status-quo', 1000, 3);
    const { service } = countingService();
    service.preload(structuredClone(scenario), options);
    await until(() => service.timings().months === 1);
    expect((await service.load(structuredClone(scenario), options)).ok).toBe(true);
    const sent: MonthSlice[] = [];
    const reply = await service.run((slices) => {
      sent.push(...slices);
    });
    expect(reply).toEqual({ ok: true, status: 'done' });
    expect(service.timings().months).toBe(3);
    expect(sent).toEqual(await freshMonths(scenario, 3));
    await service.dispose();
  });

  it('drops the month made ahead when another scenario loads', async () => {
    const scenario = presetScenario('status-quo', 1000, 3);
    const other = presetScenario('status-quo', 1000, 3, 7);
    const { service } = countingService();
    service.preload(structuredClone(scenario), options);
    await until(() => service.timings().months === 1);
    expect((await service.load(structuredClone(other), options)).ok).toBe(true);
    expect(await stepped(service, 2)).toEqual(await freshMonths(other, 2));
    await service.dispose();
  });

  it('does nothing for a run on block workers', async () => {
    const { service, loads } = countingService();
    service.preload(presetScenario('status-quo', 1000, 3), { ...options, singleThreadMaxAgents: 0 });
    expect(loads()).toBe(0);
    await service.dispose();
  });
});
