/**
 * Scaling of the parallel engine in Node: 100,000 and 1,000,000 agents (status quo, 120
 * months) on 1, 2 and 4 worker threads, shared memory and transferred buffers. Reports the
 * months' wall time (median of repeats), speedup and parallel efficiency against one worker,
 * load time, coordinator time and barrier wait per month, and the single-thread engine's time
 * for comparison. Workers are started once per count (spawning is reported, not timed in).
 */
import { availableParallelism } from 'node:os';
import { calibratedWorld } from '../../src/data/world.ts';
import { createSimulation } from '../../src/engine/simulation.ts';
import { spawnNodeBlockWorker } from '../../src/parallel/nodeHost.ts';
import { ParallelEngine } from '../../src/parallel/parallelEngine.ts';
import type { BenchOptions } from './run.ts';
import { benchScenario, fixed, median, perMonth, printTable } from './shared.ts';

interface Row {
  agents: number;
  mode: 'shared' | 'transfer' | 'single-thread';
  workers: number;
  months: number;
  /** Months only, ms (median of repeats), and every repeat. */
  runMs: number;
  runsMs: number[];
  /** Population, buffers and initialisation (spawning excluded), ms. */
  loadMs: number;
  spawnMs: number;
  speedup: number;
  efficiency: number;
  /** Against the single-thread engine (createSimulation) on the same months. */
  speedupVsSingleThread: number;
  coordinatorMsPerMonth: number;
  barrierWaitMsPerMonth: number;
  imbalance: number;
}

export async function bench(options: BenchOptions) {
  const world = calibratedWorld();
  const sizes = options.quick ? [20_000] : [100_000, 1_000_000];
  const months = options.quick ? 12 : 120;
  const repeats = options.quick ? 1 : 3;
  const workerCounts = [1, 2, 4];
  const rows: Row[] = [];

  for (const agents of sizes) {
    const scenario = benchScenario(agents, months);
    const singleRuns: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const sim = createSimulation(world, scenario);
      const started = performance.now();
      sim.run();
      singleRuns.push(performance.now() - started);
    }
    const single = median(singleRuns);
    rows.push({
      agents,
      mode: 'single-thread',
      workers: 0,
      months,
      runMs: single,
      runsMs: singleRuns,
      loadMs: Number.NaN,
      spawnMs: 0,
      speedup: Number.NaN,
      efficiency: Number.NaN,
      speedupVsSingleThread: 1,
      coordinatorMsPerMonth: Number.NaN,
      barrierWaitMsPerMonth: Number.NaN,
      imbalance: Number.NaN,
    });
    for (const mode of ['shared', 'transfer'] as const) {
      let oneWorker = Number.NaN;
      for (const workers of workerCounts) {
        const engine = new ParallelEngine(spawnNodeBlockWorker);
        try {
          const runs: number[] = [];
          let last: Row | null = null;
          let spawnMs = 0;
          for (let r = 0; r < repeats; r++) {
            const loadStarted = performance.now();
            await engine.load(world, scenario, { workers, sharedMemory: mode === 'shared' });
            const loaded = performance.now();
            if (r === 0) spawnMs = engine.timings.spawnMs;
            while (engine.month < engine.months) await engine.step();
            const runMs = performance.now() - loaded;
            runs.push(runMs);
            const t = perMonth(engine.timings);
            last = {
              agents,
              mode,
              workers,
              months,
              runMs,
              runsMs: runs,
              loadMs: loaded - loadStarted - engine.timings.spawnMs,
              spawnMs,
              speedup: 0,
              efficiency: 0,
              speedupVsSingleThread: 0,
              coordinatorMsPerMonth: t.coordinatorMs,
              barrierWaitMsPerMonth: t.barrierWaitMs,
              imbalance: t.imbalance,
            };
          }
          const row = last!;
          row.runMs = median(runs);
          if (workers === 1) oneWorker = row.runMs;
          row.speedup = oneWorker / row.runMs;
          row.efficiency = row.speedup / workers;
          row.speedupVsSingleThread = single / row.runMs;
          rows.push(row);
          console.error(`  ${agents} agents, ${mode}, ${workers} workers: ${fixed(row.runMs / 1000)} s`);
        } finally {
          await engine.dispose();
        }
      }
    }
  }

  printTable(
    [
      'agents',
      'memory',
      'workers',
      'months, s',
      'load, s',
      'speedup',
      'efficiency',
      'vs 1 thread',
      'coord ms/mo',
      'barrier ms/mo',
      'imbalance',
    ],
    rows.map((r) => [
      r.agents.toLocaleString('en'),
      r.mode,
      r.workers || '–',
      fixed(r.runMs / 1000),
      fixed(r.loadMs / 1000),
      fixed(r.speedup),
      fixed(r.efficiency),
      fixed(r.speedupVsSingleThread),
      fixed(r.coordinatorMsPerMonth),
      fixed(r.barrierWaitMsPerMonth),
      fixed(r.imbalance),
    ]),
  );
  console.log(
    `\n${months} months, median of ${repeats}; speedup and efficiency against 1 worker in the same memory mode; machine: ${availableParallelism()} hardware threads.`,
  );
  return {
    machine: { hardwareThreads: availableParallelism(), node: process.version },
    months,
    repeats,
    rows,
  };
}
