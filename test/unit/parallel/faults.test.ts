/**
 * A block worker that throws or dies is reported with its index and error; the engine stops
 * cleanly (no call hangs) and can be loaded again, with the right numbers.
 */
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/parallel/client.ts';
import { spawnNodeBlockWorker } from '../../../src/parallel/nodeHost.ts';
import { ParallelEngine } from '../../../src/parallel/parallelEngine.ts';
import type { FaultPlan } from '../../../src/parallel/protocol.ts';
import { parseFaultPlan } from '../../../src/parallel/protocol.ts';
import { HOOK_TIMEOUT_MS, scaled } from '../../timeouts.ts';
import { parallelHash, presetScenario, singleThreadHash, world } from './helpers.ts';

const scenario = presetScenario('status-quo', 3000, 6);
let expected: string;
beforeAll(async () => {
  expected = await singleThreadHash(scenario);
}, HOOK_TIMEOUT_MS);

/** Runs the scenario with `fault`; returns what the engine threw. */
async function failingRun(
  engine: ParallelEngine,
  sharedMemory: boolean,
  fault: FaultPlan,
  phaseTimeoutMs?: number,
): Promise<unknown> {
  try {
    await engine.load(world, scenario, { workers: 3, sharedMemory, fault, phaseTimeoutMs });
    while (engine.month < engine.months) await engine.step();
  } catch (error) {
    return error;
  }
  throw new Error('the run did not fail');
}

describe.each([
  { mode: 'shared memory', sharedMemory: true },
  { mode: 'transferred buffers', sharedMemory: false },
])('$mode', ({ sharedMemory }) => {
  const engine = new ParallelEngine(spawnNodeBlockWorker);
  afterAll(() => engine.dispose(), HOOK_TIMEOUT_MS);

  it.each([
    { fault: '1:2:settle:throw', where: 'month 2 \\(settle\\)' },
    { fault: '2:4:decide:throw', where: 'month 4 \\(decide\\)' },
    { fault: '1:3:decide:crash', where: 'month 3 \\(decide\\)' },
    { fault: '0:-1:draw:throw', where: 'initialisation \\(draw\\)' },
    { fault: '2:-1:scale:crash', where: 'initialisation \\(scale\\)' },
  ])('reports $fault with the worker and its error, then runs again', async ({ fault, where }) => {
    const plan = parseFaultPlan(fault);
    const error = await failingRun(engine, sharedMemory, plan);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).worker).toBe(plan.worker);
    expect((error as EngineError).message).toMatch(
      new RegExp(`^worker ${plan.worker} failed during ${where}: injected ${plan.kind}`),
    );
    // Nothing is left running: the run is gone, and the next load starts afresh.
    expect(() => engine.month).toThrow(/no scenario is loaded/);
    expect(await parallelHash(engine, scenario, { workers: 3, sharedMemory })).toBe(expected);
  });

  it.each([
    { fault: '1:2:decide:hang', where: 'month 2 \\(decide\\)' },
    { fault: '2:-1:draw:hang', where: 'initialisation \\(draw\\)' },
  ])(
    'stops a worker that stops answering ($fault) after the watchdog limit, then runs again',
    async ({ fault, where }) => {
      const plan = parseFaultPlan(fault);
      // A 5 s watchdog here (scaled); the engine's own limit is 30 s and more (phaseDeadlineMs).
      const limit = scaled(5000);
      const error = await failingRun(engine, sharedMemory, plan, limit);
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).worker).toBe(plan.worker);
      expect((error as EngineError).message).toMatch(
        new RegExp(
          `^worker ${plan.worker} stopped answering during ${where}: no reply in ${Math.round(limit / 1000)} s; the workers were stopped, and the next run starts new ones$`,
        ),
      );
      expect(() => engine.month).toThrow(/no scenario is loaded/);
      expect(await parallelHash(engine, scenario, { workers: 3, sharedMemory })).toBe(expected);
    },
  );

  it('reports a worker thread killed from outside', async () => {
    const threads: Worker[] = [];
    const killable = new ParallelEngine((index) =>
      spawnNodeBlockWorker(index, (thread) => threads.push(thread)),
    );
    try {
      await killable.load(world, scenario, { workers: 2, sharedMemory });
      await killable.step();
      await threads[1].terminate();
      const error = await killable.step().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).worker).toBe(1);
      expect((error as EngineError).message).toMatch(
        /^worker 1 failed during .*: the worker thread exited \(code 1\)/,
      );
      expect(await parallelHash(killable, scenario, { workers: 2, sharedMemory })).toBe(expected);
    } finally {
      await killable.dispose();
    }
  });
});

describe('fault plans', () => {
  it('read worker:month:phase[:kind] and refuse anything else', () => {
    expect(parseFaultPlan('1:3:settle')).toEqual({ worker: 1, month: 3, phase: 'settle', kind: 'throw' });
    expect(parseFaultPlan('0:-1:draw:crash')).toEqual({ worker: 0, month: -1, phase: 'draw', kind: 'crash' });
    for (const bad of ['', '1', 'x:3:settle', '1:3:clear', '1:3:settle:explode', '-1:0:decide']) {
      expect(() => parseFaultPlan(bad), bad).toThrow(/fault plan/);
    }
  });
});
