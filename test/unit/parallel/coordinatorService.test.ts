/**
 * The coordinator service's run (src/parallel/coordinatorService.ts): a run in the worker's own
 * thread does not wait for the page to read its months (a page busy drawing would hold up the
 * engine), delivers every month in order with the single-thread engine's figures, and replies
 * only once the page has read them all; asked to, it simulates the next month ahead, and the
 * months stay the same.
 */
import { describe, expect, it } from 'vitest';
import type { MonthSlice } from '../../../src/engine/results.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import { createCoordinatorService } from '../../../src/parallel/coordinatorService.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';
import { statusQuoScenario } from '../../statusQuo.ts';
import { scaled } from '../../timeouts.ts';

/** How long without a new month means the run is waiting for the page, ms (a month of 1,000 agents takes a few). */
const STALL_MS = scaled(2_000);

/** The status quo at 1,000 agents. */
const scenario = (months: number) => statusQuoScenario(1000, months);

describe('coordinator service run', () => {
  const world = calibratedWorld();

  it('sends every month before the page has read any, and replies once the page has read them all', async () => {
    const s = scenario(30);
    const service = createCoordinatorService(
      () => world,
      () => {
        throw new Error('a one-thread run starts no block workers');
      },
    );
    const loaded = await service.load(s, {
      workers: 1,
      preferSharedMemory: false,
      fault: null,
      singleThreadMaxAgents: s.resolution,
    });
    expect(loaded.ok).toBe(true);
    const received: MonthSlice[] = [];
    /** The page's replies, held back: a page busy drawing. */
    const unread: (() => void)[] = [];
    let replied = false;
    const run = service
      .run((slices) => {
        received.push(...slices);
        return new Promise<void>((read) => unread.push(read));
      })
      .then((reply) => {
        replied = true;
        return reply;
      });
    // Every month arrives while the page reads none of them (the months in flight were once
    // capped at 12, and the engine then waited for the page).
    // (Polled until all are in or none came for STALL_MS: a run waiting for the page.)
    let heard = performance.now();
    for (let count = 0; received.length < s.months && performance.now() - heard < STALL_MS; ) {
      await new Promise((next) => setTimeout(next, 5));
      if (received.length > count) heard = performance.now();
      count = received.length;
    }
    expect(received.map((slice) => slice.month)).toEqual([...Array(s.months).keys()]);
    await new Promise((next) => setTimeout(next, 20));
    expect(replied).toBe(false);
    for (const read of unread) read();
    expect(await run).toEqual({ ok: true, status: 'done' });

    // The single-thread engine's figures, month by month.
    const reference = createSimulation(world, s);
    reference.run();
    for (const slice of received) {
      const m = slice.month;
      expect(slice.conservationError).toBe(reference.results.conservationError[m]);
      expect(Array.from(slice.flowKeys)).toEqual(Array.from(reference.results.flowKeys[m]));
      expect(Array.from(slice.flowTonnes)).toEqual(Array.from(reference.results.flowTonnes[m]));
      expect(Array.from(slice.series?.price ?? [])).toEqual(
        Array.from(
          reference.results.series.price.subarray(
            m * slice.series!.price.length,
            (m + 1) * slice.series!.price.length,
          ),
        ),
      );
    }
    await service.dispose();
  });

  /** A one-thread service over `world` that never starts block workers. */
  const oneThread = () =>
    createCoordinatorService(
      () => world,
      () => {
        throw new Error('a one-thread run starts no block workers');
      },
    );
  const options = (s: ReturnType<typeof scenario>) => ({
    workers: 1,
    preferSharedMemory: false,
    fault: null,
    singleThreadMaxAgents: s.resolution,
  });
  /** Waits (polling, at most STALL_MS) until the service has simulated `months` months. */
  const simulated = async (service: ReturnType<typeof oneThread>, months: number) => {
    const limit = performance.now() + STALL_MS;
    while (service.timings().months < months && performance.now() < limit)
      await new Promise((next) => setTimeout(next, 2));
    return service.timings().months;
  };
  const prices = (slice: MonthSlice) => Array.from(slice.series?.price ?? []);
  /** Runs the loaded scenario to its end; the months the page received. */
  const runToEnd = async (service: ReturnType<typeof oneThread>) => {
    const received: MonthSlice[] = [];
    expect(await service.run((slices) => void received.push(...slices))).toEqual({
      ok: true,
      status: 'done',
    });
    return received;
  };

  it('simulates the next month when asked, before the page asks for it, with the same months', async () => {
    const s = scenario(3);
    const reference = createSimulation(world, s);
    reference.run();
    const stride = reference.results.meta.goods.length * reference.results.meta.nodes.length;
    const referencePrices = (m: number) =>
      Array.from(reference.results.series.price.subarray(m * stride, (m + 1) * stride));

    const service = oneThread();
    expect((await service.load(s, options(s))).ok).toBe(true);
    // A load alone simulates nothing.
    await new Promise((next) => setTimeout(next, 20));
    expect(service.timings().months).toBe(0);
    service.stepAhead();
    expect(await simulated(service, 1)).toBe(1);
    // Asked again, it does not go further.
    service.stepAhead();
    await new Promise((next) => setTimeout(next, 20));
    expect(service.timings().months).toBe(1);
    const first = await service.step();
    expect(first.ok && first.slice.month).toBe(0);
    if (first.ok) expect(prices(first.slice)).toEqual(referencePrices(0));
    expect(service.timings().months).toBe(1);
    // A run takes the month simulated ahead, then goes on: every month once, in order.
    service.stepAhead();
    expect(await simulated(service, 2)).toBe(2);
    const received = await runToEnd(service);
    expect(received.map((slice) => slice.month)).toEqual([1, 2]);
    for (const slice of received) expect(prices(slice)).toEqual(referencePrices(slice.month));
    // Nothing past the last month.
    service.stepAhead();
    await new Promise((next) => setTimeout(next, 20));
    expect(service.timings().months).toBe(3);
    await service.dispose();
  });

  it('drops a month simulated ahead when another scenario loads, and runs a one-month scenario whole', async () => {
    const service = oneThread();
    // Before any load: nothing to do.
    service.stepAhead();
    const long = scenario(5);
    expect((await service.load(long, options(long))).ok).toBe(true);
    service.stepAhead();
    expect(await simulated(service, 1)).toBe(1);
    // The new load starts from month 0: its one month is the run's only month.
    const short = scenario(1);
    expect((await service.load(short, options(short))).ok).toBe(true);
    expect(service.timings().months).toBe(0);
    service.stepAhead();
    expect(await simulated(service, 1)).toBe(1);
    const received = await runToEnd(service);
    expect(received.map((slice) => slice.month)).toEqual([0]);
    const reference = createSimulation(world, short);
    reference.run();
    expect(received[0].conservationError).toBe(reference.results.conservationError[0]);
    expect(Array.from(received[0].flowTonnes)).toEqual(Array.from(reference.results.flowTonnes[0]));
    await service.dispose();
  });
});
