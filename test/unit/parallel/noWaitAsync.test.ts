/**
 * Without Atomics.waitAsync (Firefox before 145, for one), the coordinator waits for the
 * workers with Atomics.wait in short slices and yields between them, so it still hears of a
 * worker's death. Same numbers either way.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOOK_TIMEOUT_MS } from '../../timeouts.ts';
import { parallelHash, presetScenario, singleThreadHash, world } from './helpers.ts';

type EngineModule = typeof import('../../../src/parallel/parallelEngine.ts');

const atomics = Atomics as unknown as { waitAsync?: unknown };
const original = atomics.waitAsync;
let ParallelEngine: EngineModule['ParallelEngine'];
let spawn: typeof import('../../../src/parallel/nodeHost.ts').spawnNodeBlockWorker;
let EngineError: typeof import('../../../src/parallel/client.ts').EngineError;

beforeAll(async () => {
  atomics.waitAsync = undefined;
  vi.resetModules();
  ({ ParallelEngine } = await import('../../../src/parallel/parallelEngine.ts'));
  ({ spawnNodeBlockWorker: spawn } = await import('../../../src/parallel/nodeHost.ts'));
  // The fresh module graph has its own EngineError class.
  ({ EngineError } = await import('../../../src/parallel/client.ts'));
}, HOOK_TIMEOUT_MS);
afterAll(() => {
  atomics.waitAsync = original;
}, HOOK_TIMEOUT_MS);

describe('shared memory without Atomics.waitAsync', () => {
  const scenario = presetScenario('us-mexico-plan', 3000, 12);

  it('gives the single-thread numbers', async () => {
    const engine = new ParallelEngine(spawn);
    try {
      expect(await parallelHash(engine, scenario, { workers: 2, sharedMemory: true })).toBe(
        await singleThreadHash(scenario),
      );
    } finally {
      await engine.dispose();
    }
  });

  it('reports a worker that dies', async () => {
    const engine = new ParallelEngine(spawn);
    try {
      await engine.load(world, scenario, {
        workers: 2,
        sharedMemory: true,
        fault: { worker: 0, month: 2, phase: 'settle', kind: 'crash' },
      });
      const error = await (async () => {
        while (engine.month < engine.months) await engine.step();
      })().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EngineError);
      expect((error as Error).message).toMatch(/^worker 0 failed during month 2 \(settle\): injected crash/);
    } finally {
      await engine.dispose();
    }
  });
});
