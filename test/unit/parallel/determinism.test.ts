/**
 * The parallel engine's numbers are the single-thread engine's numbers, bit for bit: for every
 * preset, on 1, 2, 3, 4 and 8 worker threads, with shared memory and with transferred
 * buffers. Each run is compared by a SHA-256 of its full results (every series, flow,
 * stockpile and conservation error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPopulation } from '../../../src/engine/layout.ts';
import { spawnNodeBlockWorker } from '../../../src/parallel/nodeHost.ts';
import { ParallelEngine } from '../../../src/parallel/parallelEngine.ts';
import { partitionBlocks } from '../../../src/parallel/partition.ts';
import { PRESETS } from '../../../src/scenario/presets.ts';
import { HOOK_TIMEOUT_MS } from '../../timeouts.ts';
import { parallelHash, presetScenario, singleThreadHash, world } from './helpers.ts';

const RESOLUTION = 3000;
const MONTHS = 24;
const WORKER_COUNTS = [1, 2, 3, 4, 8];
const MODES = [
  { name: 'shared memory', sharedMemory: true },
  { name: 'transferred buffers', sharedMemory: false },
];

const scenarios = PRESETS.map((p) => ({ id: p.id, scenario: presetScenario(p.id, RESOLUTION, MONTHS) }));
const reference = new Map<string, string>();

// Every preset run once on one thread: generous, for a busy 2-core machine.
beforeAll(async () => {
  for (const { id, scenario } of scenarios) reference.set(id, await singleThreadHash(scenario));
}, HOOK_TIMEOUT_MS);

describe('the reference hashes', () => {
  it('tell the presets apart (a hash that ignored the numbers would pass everything)', () => {
    expect(new Set(reference.values()).size).toBe(PRESETS.length);
  });
});

for (const workers of WORKER_COUNTS) {
  describe(`${workers} worker${workers > 1 ? 's' : ''}`, () => {
    // One pool per worker count, reloaded for every preset and both memory modes.
    const engine = new ParallelEngine(spawnNodeBlockWorker);
    afterAll(() => engine.dispose(), HOOK_TIMEOUT_MS);

    it.each(MODES)('with $name give the single-thread results for every preset', async ({ sharedMemory }) => {
      for (const { id, scenario } of scenarios) {
        const hash = await parallelHash(engine, scenario, { workers, sharedMemory });
        expect(hash, id).toBe(reference.get(id));
      }
      expect(engine.timings.busyMs).toHaveLength(workers);
    });
  });
}

describe('a group split between workers', () => {
  // At about 200,000 agents the big groups fill several 512-agent blocks, and with 4 or 8
  // workers a range boundary can fall inside a group: its blocks' partials then come from two
  // workers. Where the boundaries fall depends on the world's groups (more minerals, more
  // groups), so the first resolution from 200,000 up, in steps of 10,000, whose 4- and 8-worker
  // partitions both cut a group is used; the loop below still checks that they do.
  const cutsGroup = (plan: ReturnType<typeof planPopulation>, workers: number) =>
    partitionBlocks(plan, workers).some(
      (range) => range.lo > 0 && plan.blockGroup[range.lo] === plan.blockGroup[range.lo - 1],
    );
  const resolution =
    [...Array(20).keys()]
      .map((k) => 200_000 + 10_000 * k)
      .find((r) => {
        const plan = planPopulation(world, presetScenario('china-ree-controls-2025', r, 4));
        return cutsGroup(plan, 4) && cutsGroup(plan, 8);
      }) ?? 200_000;
  const scenario = presetScenario('china-ree-controls-2025', resolution, 4);
  const engine = new ParallelEngine(spawnNodeBlockWorker);
  afterAll(() => engine.dispose(), HOOK_TIMEOUT_MS);

  it('gives the same numbers', async () => {
    const plan = planPopulation(world, scenario);
    const expected = await singleThreadHash(scenario);
    for (const workers of [4, 8]) {
      const cuts = partitionBlocks(plan, workers).filter(
        (range) => range.lo > 0 && plan.blockGroup[range.lo] === plan.blockGroup[range.lo - 1],
      );
      expect(cuts.length, `${workers} workers cut a group`).toBeGreaterThan(0);
      for (const { name, sharedMemory } of MODES) {
        const hash = await parallelHash(engine, scenario, { workers, sharedMemory });
        expect(hash, `${workers} workers, ${name}`).toBe(expected);
      }
    }
  });
});

describe('the seed', () => {
  it('changes the numbers (the comparison can fail)', async () => {
    const engine = new ParallelEngine(spawnNodeBlockWorker);
    try {
      const other = presetScenario('status-quo', RESOLUTION, MONTHS, 2);
      const hash = await parallelHash(engine, other, { workers: 2, sharedMemory: true });
      expect(hash).not.toBe(reference.get('status-quo'));
      expect(hash).toBe(await singleThreadHash(other));
    } finally {
      await engine.dispose();
    }
  });
});
