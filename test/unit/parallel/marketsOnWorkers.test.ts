/**
 * Goods cleared on the block workers (the `marketsOnWorkers` load option, whatever the default
 * for the machine) give the single-thread results bit for bit, on 2 and 3 workers, for presets
 * with licences, a ban, floors and a stockpile reserve; and turning it off gives them too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnNodeBlockWorker } from '../../../src/parallel/nodeHost.ts';
import { ParallelEngine } from '../../../src/parallel/parallelEngine.ts';
import { HOOK_TIMEOUT_MS } from '../../timeouts.ts';
import { parallelHash, presetScenario, singleThreadHash, world } from './helpers.ts';

const PRESETS = [
  'china-ree-controls-2025',
  'us-mexico-plan',
  'us-eu-japan-floors',
  'indonesia-nickel-ore-ban',
];

describe('goods cleared on the workers', () => {
  const engine = new ParallelEngine(spawnNodeBlockWorker);
  afterAll(() => engine.dispose(), HOOK_TIMEOUT_MS);

  it.each([2, 3])('on %i workers give the single-thread results', async (workers) => {
    for (const id of PRESETS) {
      const scenario = presetScenario(id, 3000, 15);
      const reference = await singleThreadHash(scenario);
      for (const marketsOnWorkers of [true, false]) {
        const hash = await parallelHash(engine, scenario, { workers, sharedMemory: true, marketsOnWorkers });
        expect(hash, `${id}, markets on workers: ${marketsOnWorkers}`).toBe(reference);
      }
    }
  });

  it('counts the market phase as the workers’ time, not the coordinator’s', async () => {
    const scenario = presetScenario('status-quo', 3000, 6);
    await engine.load(world, scenario, { workers: 2, sharedMemory: true, marketsOnWorkers: true });
    while (engine.month < engine.months) await engine.step();
    expect(engine.timings.marketPhaseMs).toBeGreaterThan(0);
  });
});
