/**
 * Scaling of the parallel engine in Node: 100,000 and 1,000,000 agents (status quo, 120
 * months) on 1, 2 and 4 worker threads, shared memory and transferred buffers. Reports the
 * months' wall time (median of repeats), speedup and parallel efficiency against one worker,
 * load time, coordinator time and barrier wait per month, and the single-thread engine's time
 * for comparison. Workers are started once per count (spawning is reported, not timed in).
 */
import { availableParallelism } from 'node:os';
import { createSimulation } from '../../src/engine/simulation.ts';
import { spawnNodeBlockWorker } from '../../src/parallel/nodeHost.ts';
import { ParallelEngine } from '../../src/parallel/parallelEngine.ts';
import { calibratedWorld } from '../../src/scenario/world.ts';
import { benchScenario, fixed, median, perMonth, printTable } from './benchSupport.ts';
import type { BenchOptions } from './run.ts';

interface Row {
  agents: number;
  mode: 'shared' | 'transfer' | 'single-thread';
  workers: number;
  months: number;
  /** Months the engine's timings counted in the last repeat (the single-thread row: `months`). */
  monthsTimed: number;
  /** Months only, ms (median of repeats), and every repeat. */
  runMs: number;
  runsMs: number[];
  /** Fastest repeat, ms. */
  bestMs: number;
  /** First repeat (workers' code not yet optimised by the JIT: what a single command gets), ms. */
  firstMs: number;
  /** Population, buffers and initialisation (spawning excluded), ms. */
  loadMs: number;
  spawnMs: number;
  speedup: number;
  efficiency: number;
  /** Efficiency from the fastest repeats (less sensitive to other load on the machine). */
  bestEfficiency: number;
  /** Against the single-thread engine (createSimulation) on the same months. */
  speedupVsSingleThread: number;
  coordinatorMsPerMonth: number;
  barrierWaitMsPerMonth: number;
  imbalance: number;
}

export async function bench(options: BenchOptions) {
  const world = calibratedWorld();
  const sizes = options.smoke ? [2000] : options.quick ? [20_000] : [100_000, 1_000_000];
  const months = options.smoke ? 2 : options.quick ? 12 : 120;
  const repeats = options.smoke || options.quick ? 1 : 5;
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
      monthsTimed: months,
      runMs: single,
      runsMs: singleRuns,
      bestMs: Math.min(...singleRuns),
      firstMs: singleRuns[0],
      loadMs: Number.NaN,
      spawnMs: 0,
      speedup: Number.NaN,
      efficiency: Number.NaN,
      bestEfficiency: Number.NaN,
      speedupVsSingleThread: 1,
      coordinatorMsPerMonth: Number.NaN,
      barrierWaitMsPerMonth: Number.NaN,
      imbalance: Number.NaN,
    });
    for (const mode of ['shared', 'transfer'] as const) {
      // One pool per worker count, kept for the repeats; repeats go round the counts, so a
      // burst of load on the machine touches every count alike.
      const engines = workerCounts.map(() => new ParallelEngine(spawnNodeBlockWorker));
      const runs = workerCounts.map(() => [] as number[]);
      const last = workerCounts.map(() => null as Row | null);
      try {
        for (let r = 0; r < repeats; r++) {
          for (const [i, workers] of workerCounts.entries()) {
            const engine = engines[i];
            const loadStarted = performance.now();
            await engine.load(world, scenario, { workers, sharedMemory: mode === 'shared' });
            const loaded = performance.now();
            while (engine.month < engine.months) await engine.step();
            const runMs = performance.now() - loaded;
            runs[i].push(runMs);
            const t = perMonth(engine.timings);
            last[i] = {
              agents,
              mode,
              workers,
              months,
              monthsTimed: engine.timings.months,
              runMs,
              runsMs: runs[i],
              bestMs: 0,
              firstMs: runs[i][0],
              loadMs: loaded - loadStarted - engine.timings.spawnMs,
              spawnMs: r === 0 ? engine.timings.spawnMs : last[i]!.spawnMs,
              speedup: 0,
              efficiency: 0,
              bestEfficiency: 0,
              speedupVsSingleThread: 0,
              coordinatorMsPerMonth: t.coordinatorMs,
              barrierWaitMsPerMonth: t.barrierWaitMs,
              imbalance: t.imbalance,
            };
          }
        }
      } finally {
        for (const engine of engines) await engine.dispose();
      }
      const oneWorker = median(runs[0]);
      const oneWorkerBest = Math.min(...runs[0]);
      for (const [i, workers] of workerCounts.entries()) {
        const row = last[i]!;
        row.runMs = median(runs[i]);
        row.bestMs = Math.min(...runs[i]);
        row.speedup = oneWorker / row.runMs;
        row.efficiency = row.speedup / workers;
        row.bestEfficiency = oneWorkerBest / row.bestMs / workers;
        row.speedupVsSingleThread = single / row.runMs;
        rows.push(row);
        console.error(`  ${agents} agents, ${mode}, ${workers} workers: ${fixed(row.runMs / 1000)} s`);
      }
    }
  }

  printTable(
    [
      'agents',
      'memory',
      'workers',
      'months, s',
      'best, s',
      'first, s',
      'load, s',
      'speedup',
      'efficiency',
      'best eff.',
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
      fixed(r.bestMs / 1000),
      fixed(r.firstMs / 1000),
      fixed(r.loadMs / 1000),
      fixed(r.speedup),
      fixed(r.efficiency),
      fixed(r.bestEfficiency),
      fixed(r.speedupVsSingleThread),
      fixed(r.coordinatorMsPerMonth),
      fixed(r.barrierWaitMsPerMonth),
      fixed(r.imbalance),
    ]),
  );
  console.log(
    `\n${months} months, median (and best) of ${repeats}; speedup and efficiency against 1 worker in the same memory mode; machine: ${availableParallelism()} hardware threads.`,
  );
  return {
    machine: { hardwareThreads: availableParallelism(), node: process.version },
    months,
    repeats,
    rows,
  };
}
