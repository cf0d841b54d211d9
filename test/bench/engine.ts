/**
 * Single-thread engine benchmark: agent-months per second at 10k, 100k and 1M agents, the
 * teaching scenario's 120 months, and a memory-bandwidth probe (a streaming loop over a large
 * Float64Array) with the ratio of the engine's bytes-per-agent throughput to it.
 */

import { BYTES_PER_AGENT, createColumns } from '../../src/engine/columns.ts';
import { Coordinator } from '../../src/engine/coordinator.ts';
import { PARTIAL_FIELDS } from '../../src/engine/exchange.ts';
import { planPopulation } from '../../src/engine/layout.ts';
import {
  type AgentPhase,
  clearEveryGood,
  initialisationPhases,
  localAgentContext,
  monthPhases,
  PHASE_MARKETS,
  runAgentPhase,
} from '../../src/engine/phases.ts';
import type { RunResults } from '../../src/engine/results.ts';
import { createSimulation } from '../../src/engine/simulation.ts';
import type { World } from '../../src/engine/world.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { calibratedWorld } from '../../src/scenario/world.ts';

export interface EngineBenchRow {
  agents: number;
  months: number;
  /** Wall time of the monthly loop, s (initialisation excluded). */
  seconds: number;
  /** Time in the agent phases (decide + settle), s. */
  agentSeconds: number;
  /** Time on the coordinator (markets, policies, metrics), s. */
  coordinatorSeconds: number;
  agentMonthsPerSecond: number;
  /** Agent-months per second of the agent phases alone. */
  agentPhaseMonthsPerSecond: number;
  initSeconds: number;
}

export interface EngineBench {
  rows: EngineBenchRow[];
  teaching: { months: number; agents: number; seconds: number };
  bandwidth: { bytes: number; readGBs: number; triadGBs: number };
  /**
   * Bytes of agent state the agent phases work through per agent-month: the columns once for
   * the settle and once for the decide (fused block by block, so memory sees about one pass).
   */
  bytesPerAgentMonth: number;
  /** Engine agent-phase throughput in GB/s at 1M agents, and its ratio to the read bandwidth. */
  engineGBs: number;
  bandwidthRatio: number;
}

function scenarioFor(resolution: number, months: number) {
  const checked = validateScenario({ version: 1, resolution, months });
  if (!checked.ok) throw new Error(checked.errors.join('; '));
  return checked.scenario;
}

/**
 * Runs `months` months at `agents` agents on this thread as the single-thread engine does
 * (src/engine/phases.ts: each month's settle fused with the next month's decide), timing the
 * agent phases and the coordinator separately.
 */
export function benchAgents(agents: number, months: number): EngineBenchRow {
  return timedMonthLoop(calibratedWorld(), scenarioFor(agents, months)).row;
}

/**
 * The bench's month loop over `scenario`, with the run's results (a unit test checks that they
 * equal the single-thread engine's, so the timings are of the engine's real work).
 */
export function timedMonthLoop(
  world: World,
  scenario: Scenario,
): { row: EngineBenchRow; results: RunResults } {
  const { months } = scenario;
  const t0 = performance.now();
  const plan = planPopulation(world, scenario);
  const coordinator = new Coordinator(world, scenario, plan);
  const ctx = localAgentContext(world, plan, scenario, coordinator);
  const cols = createColumns(0, plan.agentCount, plan.blockCount);
  const partials = new Float64Array(plan.blockCount * PARTIAL_FIELDS);
  const { views } = coordinator.views;
  const allBlocks = (phase: AgentPhase) =>
    runAgentPhase(ctx, cols, views, partials, phase, 0, plan.blockCount);
  for (const phase of initialisationPhases(coordinator, partials)) allBlocks(phase);
  const t1 = performance.now();
  let agentMs = 0;
  let coordinatorMs = 0;
  for (let m = 0; m < months; m++) {
    const phases = monthPhases(coordinator, m, months, partials);
    for (;;) {
      let a = performance.now();
      const next = phases.next();
      const b = performance.now();
      coordinatorMs += b - a;
      if (next.done) break;
      if (next.value.code === PHASE_MARKETS) {
        // The goods' markets, cleared on this thread as the single-thread engine does: serial
        // work of the month, so counted with the coordinator's.
        clearEveryGood(coordinator, next.value);
        coordinatorMs += performance.now() - b;
        continue;
      }
      allBlocks(next.value);
      a = performance.now();
      agentMs += a - b;
    }
  }
  const seconds = (agentMs + coordinatorMs) / 1000;
  const row = {
    agents: plan.agentCount,
    months,
    seconds,
    agentSeconds: agentMs / 1000,
    coordinatorSeconds: coordinatorMs / 1000,
    agentMonthsPerSecond: (plan.agentCount * months) / seconds,
    agentPhaseMonthsPerSecond: (plan.agentCount * months) / (agentMs / 1000),
    initSeconds: (t1 - t0) / 1000,
  };
  return { row, results: coordinator.results };
}

/** Elements a probe's call streams: 4 MB of Float64, so a pass is a few dozen calls. */
const PROBE_CHUNK = 1 << 19;

/** Sum of a[lo, hi). */
function sumRange(a: Float64Array, lo: number, hi: number): number {
  let s = 0;
  for (let i = lo; i < hi; i++) s += a[i];
  return s;
}

/** a[i] = b[i] + 0.5·c[i] over [lo, hi). */
function triadRange(a: Float64Array, b: Float64Array, c: Float64Array, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) a[i] = b[i] + 0.5 * c[i];
}

/**
 * Streaming read (sum) and triad (a = b + s·c) over arrays much larger than the caches, GB/s.
 * Each pass is a series of calls over chunks, as the engine's loops are block by block: the
 * loops are optimised at a call, not by on-stack replacement (off in a process that has
 * started block workers: src/parallel/nodeHost.ts).
 */
export function bandwidthProbe(megabytes = 256): EngineBench['bandwidth'] {
  const n = (megabytes * 1024 * 1024) / 8;
  const a = new Float64Array(n).fill(1);
  const b = new Float64Array(n).fill(2);
  const c = new Float64Array(n).fill(3);
  let best = Number.POSITIVE_INFINITY;
  let sink = 0;
  for (let rep = 0; rep < 5; rep++) {
    const t = performance.now();
    let s = 0;
    for (let lo = 0; lo < n; lo += PROBE_CHUNK) s += sumRange(a, lo, Math.min(n, lo + PROBE_CHUNK));
    sink += s;
    best = Math.min(best, performance.now() - t);
  }
  let bestTriad = Number.POSITIVE_INFINITY;
  for (let rep = 0; rep < 3; rep++) {
    const t = performance.now();
    for (let lo = 0; lo < n; lo += PROBE_CHUNK) triadRange(a, b, c, lo, Math.min(n, lo + PROBE_CHUNK));
    bestTriad = Math.min(bestTriad, performance.now() - t);
  }
  if (sink === 42) console.log('');
  return {
    bytes: n * 8,
    readGBs: (n * 8) / (best / 1000) / 1e9,
    triadGBs: (3 * n * 8) / (bestTriad / 1000) / 1e9,
  };
}

export function runEngineBench(options: { quick?: boolean } = {}): EngineBench {
  const sizes: [number, number][] = options.quick
    ? [
        [10_000, 24],
        [100_000, 6],
      ]
    : [
        [10_000, 120],
        [100_000, 24],
        [1_000_000, 12],
      ];
  // Warm the JIT so the first row is not charged for compilation.
  benchAgents(10_000, 12);
  const rows = sizes.map(([agents, months]) => benchAgents(agents, months));
  const teachingScenario = scenarioFor(5000, 120);
  const world = calibratedWorld();
  createSimulation(world, teachingScenario).run();
  const t = performance.now();
  const sim = createSimulation(world, teachingScenario);
  sim.run();
  const teaching = { months: 120, agents: sim.agentCount, seconds: (performance.now() - t) / 1000 };
  const bandwidth = bandwidthProbe(options.quick ? 64 : 256);
  // The yardstick of issue 14: every column streamed twice a month, a settle and a decide (the
  // agent loops now read and write each column once a month: agents.ts, monthBlock).
  const bytesPerAgentMonth = 2 * BYTES_PER_AGENT;
  const largest = rows[rows.length - 1];
  const engineGBs = (largest.agentPhaseMonthsPerSecond * bytesPerAgentMonth) / 1e9;
  return {
    rows,
    teaching,
    bandwidth,
    bytesPerAgentMonth,
    engineGBs,
    bandwidthRatio: engineGBs / bandwidth.readGBs,
  };
}

export function formatEngineBench(b: EngineBench): string {
  const m = (x: number) => `${(x / 1e6).toFixed(1)}M`;
  const lines = [
    'Engine, one thread (Node):',
    '  agents      months  loop s   agent s  coord s  agent-months/s  agent phases/s  init s',
    ...b.rows.map(
      (r) =>
        `  ${r.agents.toLocaleString('en').padStart(10)}  ${String(r.months).padStart(6)}  ${r.seconds.toFixed(3).padStart(6)}  ${r.agentSeconds.toFixed(3).padStart(7)}  ${r.coordinatorSeconds.toFixed(3).padStart(7)}  ${m(r.agentMonthsPerSecond).padStart(14)}  ${m(r.agentPhaseMonthsPerSecond).padStart(14)}  ${r.initSeconds.toFixed(2).padStart(6)}`,
    ),
    `  teaching scenario: ${b.teaching.months} months of ${b.teaching.agents.toLocaleString('en')} agents in ${b.teaching.seconds.toFixed(3)} s (with initialisation)`,
    `  memory bandwidth probe (${(b.bandwidth.bytes / 2 ** 20).toFixed(0)} MiB Float64Array): read ${b.bandwidth.readGBs.toFixed(1)} GB/s, triad ${b.bandwidth.triadGBs.toFixed(1)} GB/s`,
    `  engine agent phases at ${b.rows[b.rows.length - 1].agents.toLocaleString('en')} agents: ${b.bytesPerAgentMonth} B/agent-month → ${b.engineGBs.toFixed(2)} GB/s = ${b.bandwidthRatio.toFixed(2)} of the read bandwidth`,
  ];
  return lines.join('\n');
}

/** The benchmark runner's entry (test/bench/run.ts). */
export async function bench(options: { quick: boolean }): Promise<EngineBench> {
  const report = runEngineBench(options);
  console.log(formatEngineBench(report));
  return report;
}
