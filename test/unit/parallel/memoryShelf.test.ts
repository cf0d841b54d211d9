/**
 * The parallel engine's own shared memory kept from one run for the next (memoryShelf.ts): a
 * kept buffer comes back zeroed, once, only at its size; a rerun on reused memory gives the
 * single-thread results bit for bit; nothing is reused after a failure or a dispose.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { columnsMemory, fitsColumns } from '../../../src/engine/columns.ts';
import { marketStateByteLength } from '../../../src/engine/goodMarkets.ts';
import { planPopulation } from '../../../src/engine/layout.ts';
import { compilePolicy } from '../../../src/engine/policy.ts';
import { MemoryShelf } from '../../../src/parallel/memoryShelf.ts';
import { spawnNodeBlockWorker } from '../../../src/parallel/nodeHost.ts';
import { ParallelEngine } from '../../../src/parallel/parallelEngine.ts';
import { HOOK_TIMEOUT_MS } from '../../timeouts.ts';
import { parallelHash, presetScenario, singleThreadHash, world } from './helpers.ts';

describe('the memory shelf', () => {
  it('hands a kept buffer back zeroed, once, and only at its length', () => {
    const shelf = new MemoryShelf();
    // A length that is not a whole number of 8-byte words: the tail is zeroed too.
    const bytes = 4096 * 3 + 5;
    const kept = new SharedArrayBuffer(bytes);
    new Uint8Array(kept).fill(0xff);
    shelf.keep([kept], []);
    const other = shelf.buffer(4096);
    expect(other).not.toBe(kept);
    expect(shelf.reusedBytes).toBe(0);
    const again = shelf.buffer(bytes);
    expect(again).toBe(kept);
    expect(new Uint8Array(again).every((byte) => byte === 0)).toBe(true);
    expect(shelf.reusedBytes).toBe(bytes);
    expect(shelf.buffer(bytes)).not.toBe(kept); // handed out once
  });

  it('hands a kept columns memory back zeroed, for the agent and block counts it fits', () => {
    const shelf = new MemoryShelf();
    const memory = columnsMemory(5000, 40, true);
    new Uint8Array(memory.buffer).fill(7);
    expect(fitsColumns(memory, 5000, 40)).toBe(true);
    expect(fitsColumns(memory, 50_000, 400)).toBe(false);
    shelf.keep([], [memory]);
    const larger = shelf.columns(50_000, 400);
    expect(larger).not.toBe(memory);
    expect(fitsColumns(larger, 50_000, 400)).toBe(true);
    const same = shelf.columns(5000, 40);
    expect(same).toBe(memory);
    expect(new Uint8Array(same.buffer).every((byte) => byte === 0)).toBe(true);
    expect(shelf.reusedBytes).toBe(memory.buffer.byteLength);
    shelf.clear();
    expect(shelf.reusedBytes).toBe(0);
  });
});

describe('a rerun on the last run’s memory', () => {
  const engine = new ParallelEngine(spawnNodeBlockWorker);
  afterAll(() => engine.dispose(), HOOK_TIMEOUT_MS);
  const options = { workers: 2, sharedMemory: true, marketsOnWorkers: true } as const;

  it('reuses the columns and market state and gives the single-thread results', async () => {
    const controls = presetScenario('china-ree-controls-2025', 3000, 12);
    // The same sizes with another seed: other numbers in the memory the rerun gets back.
    const reseeded = presetScenario('china-ree-controls-2025', 3000, 12, controls.seed + 1);
    const reference = await singleThreadHash(controls);
    expect(await parallelHash(engine, controls, options)).toBe(reference);
    expect(engine.timings.reusedBytes).toBe(0); // the engine's first run
    const fresh = engine.timings;
    const other = await singleThreadHash(reseeded);
    expect(other).not.toBe(reference);
    expect(await parallelHash(engine, reseeded, options)).toBe(other);
    expect(await parallelHash(engine, controls, options)).toBe(reference);
    // At least the agent columns and the market state came back.
    const plan = planPopulation(world, controls, compilePolicy(world, controls));
    const columnsBytes = columnsMemory(plan.agentCount, plan.blockCount).buffer.byteLength;
    expect(engine.timings.reusedBytes).toBeGreaterThanOrEqual(
      columnsBytes + marketStateByteLength(world, controls),
    );
    expect(fresh.reusedBytes).toBe(0);
  });

  it('reuses nothing after a failed run or a dispose', async () => {
    const scenario = presetScenario('status-quo', 3000, 6);
    await expect(
      parallelHash(engine, scenario, {
        ...options,
        fault: { worker: 1, month: 2, phase: 'settle', kind: 'throw' },
      }),
    ).rejects.toThrow();
    expect(await parallelHash(engine, scenario, options)).toBe(await singleThreadHash(scenario));
    expect(engine.timings.reusedBytes).toBe(0);
    await parallelHash(engine, scenario, options);
    expect(engine.timings.reusedBytes).toBeGreaterThan(0);
    await engine.dispose();
    await parallelHash(engine, scenario, options);
    expect(engine.timings.reusedBytes).toBe(0);
  });
});
