/**
 * Block workers sharing memory claim blocks: each its own range first, then what is left of the
 * others' (blockWorker.ts: takeBlocks). The claim order keeps each range's blocks within its
 * span (own goods first with the goods split); a worker held up in a month (the `slow` fault)
 * has its blocks run by the others, and the results stay bit-identical to the single-thread
 * engine on 1, 2 and 3 workers, with the goods cleared on the workers and by the coordinator.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { marketGroups } from '../../../src/engine/goodMarkets.ts';
import { hashResults } from '../../../src/engine/hash.ts';
import { planPopulation } from '../../../src/engine/layout.ts';
import { spawnNodeBlockWorker } from '../../../src/parallel/nodeHost.ts';
import { ParallelEngine } from '../../../src/parallel/parallelEngine.ts';
import {
  agentsByWorkerAndGood,
  claimOrder,
  partitionBlocks,
  partitionGoods,
} from '../../../src/parallel/partition.ts';
import { parseFaultPlan } from '../../../src/parallel/protocol.ts';
import { HOOK_TIMEOUT_MS } from '../../timeouts.ts';
import { presetScenario, singleThreadHash, world } from './helpers.ts';

describe('claimOrder', () => {
  const scenario = presetScenario('china-ree-controls-2025', 3000, 2);
  const plan = planPopulation(world, scenario);
  const goodOf = (b: number) => plan.groups[plan.blockGroup[b]].good;

  it('is ascending without goods on the workers', () => {
    const ranges = partitionBlocks(plan, 3);
    expect(Array.from(claimOrder(plan, ranges, null))).toEqual(
      Array.from({ length: plan.blockCount }, (_, b) => b),
    );
  });

  it.each([2, 3])(
    'keeps each of %i ranges in its span, the blocks whose goods its worker clears first',
    (workers) => {
      const ranges = partitionBlocks(plan, workers);
      const goods = partitionGoods(
        marketGroups(world, scenario, plan),
        workers,
        agentsByWorkerAndGood(plan, ranges, world.goods.length),
      );
      const order = claimOrder(plan, ranges, goods);
      let reordered = 0;
      for (const { worker, lo, hi } of ranges) {
        const mine = new Set(goods[worker].flatMap((group) => Array.from(group)));
        const span = Array.from(order.subarray(lo, hi));
        expect([...span].sort((a, b) => a - b)).toEqual(Array.from({ length: hi - lo }, (_, i) => lo + i));
        const own = span.filter((b) => mine.has(goodOf(b)));
        const rest = span.filter((b) => !mine.has(goodOf(b)));
        expect(span).toEqual([...own, ...rest]);
        for (const part of [own, rest])
          for (let i = 1; i < part.length; i++) expect(part[i]).toBeGreaterThan(part[i - 1]);
        if (own.length > 0 && rest.length > 0) reordered++;
      }
      // The test means something: some range has both kinds of block.
      expect(reordered).toBeGreaterThan(0);
    },
  );
});

describe('blocks claimed across workers', () => {
  const engine = new ParallelEngine(spawnNodeBlockWorker);
  afterAll(() => engine.dispose(), HOOK_TIMEOUT_MS);

  it('reads a slow fault plan', () => {
    expect(parseFaultPlan('0:2:settle:slow')).toEqual({ worker: 0, month: 2, phase: 'settle', kind: 'slow' });
  });

  it.each([1, 2, 3])(
    'on %i workers, a worker held up in a month leaves its blocks to the others, same numbers',
    async (workers) => {
      const scenario = presetScenario('us-eu-japan-floors', 3000, 6);
      const reference = await singleThreadHash(scenario);
      for (const marketsOnWorkers of [true, false]) {
        // Worker 0 sleeps before month 2's settle (and month 3's decide).
        const fault = parseFaultPlan('0:2:settle:slow');
        await engine.load(world, scenario, { workers, sharedMemory: true, marketsOnWorkers, fault });
        const byOthers = () => engine.timings.blocksTaken.reduce((sum, n, w) => (w > 0 ? sum + n : sum), 0);
        let takenThen = 0;
        while (engine.month < engine.months) {
          const before = byOthers();
          await engine.step();
          if (engine.month === 3) takenThen = byOthers() - before;
        }
        const what = `markets on workers: ${marketsOnWorkers}`;
        expect(await hashResults(engine.results), what).toBe(reference);
        if (workers === 1) expect(byOthers(), what).toBe(0);
        else expect(takenThen, what).toBeGreaterThan(0);
      }
    },
  );
});
