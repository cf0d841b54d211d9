/**
 * `npm run sim -- --scenario <file.json|preset> [--months N] [--seed S] [--resolution R]
 *                 [--workers N] [--out results.json] [--format json|csv] [--flows] [--no-baseline]`
 *
 * Runs a scenario headless and prints a per-mineral summary (price change, HHI per stage,
 * zone self-sufficiency, unmet demand). With --out, writes the results (docs/results.md).
 * With --workers, the agents run on N worker threads (src/parallel/), with the same numbers.
 * Exit status: 0 on success, 1 on a bad scenario or a failed run (a failed worker included),
 * 2 on bad arguments.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { formatSummary, summarise } from '../analysis/summary.ts';
import { resultsCsv, resultsDocument } from '../engine/export.ts';
import type { RunResults } from '../engine/results.ts';
import { createSimulation } from '../engine/simulation.ts';
import type { World } from '../engine/world.ts';
import { spawnNodeBlockWorker } from '../parallel/nodeHost.ts';
import { ParallelEngine } from '../parallel/parallelEngine.ts';
import { type FaultPlan, parseFaultPlan } from '../parallel/protocol.ts';
import { MAX_SCENARIO_FILE_BYTES } from '../scenario/limits.ts';
import { PRESETS } from '../scenario/presets.ts';
import type { Scenario } from '../scenario/schema.ts';
import { calibratedWorld } from '../scenario/world.ts';
import { readInputText } from './inputFile.ts';
import { loadScenario, statusQuoLike } from './load.ts';
import {
  isResearchCommand,
  optionsOrExit,
  parseOptions,
  SIM_OPTIONS,
  UsageError,
  wholeNumber,
} from './options.ts';
import { runResearchCli } from './research.ts';

export const USAGE = `Usage: npm run sim -- --scenario <file.json|preset> [options]

Runs the critical-minerals trade simulator headless.

  -s, --scenario <x>    a scenario JSON file, or a preset id:
                        ${PRESETS.map((p) => p.id).join(', ')}
  -m, --months <n>      months to simulate (default: the scenario's, 120)
      --seed <s>        random seed (default: the scenario's)
  -r, --resolution <n>  number of agents (default: the scenario's, 5000)
  -w, --workers <n>     run the agents on n worker threads (same numbers as without)
  -o, --out <file>      write the results there
  -f, --format <x>      json (default) or csv
      --flows           include monthly bilateral flows in the JSON
      --no-baseline     do not run the status quo for comparison
  -h, --help            print this help

Research (docs/research.md):
      --runs <n> [--range path=low:high ...]       Monte Carlo ensemble (median, 5–95% band)
      --sweep path=v1,v2,... [--sweep path2=...]   parameter sweep → CSV (--reduce last|mean)
      --shard <i/n>                                run only the points (runs) with index mod n = i
      --merge <shard files ...> [--shards n]       join shards into the one-machine file; names
                                                   the shards missing or broken, to run again
      --slurm --shards <n> <sweep or ensemble options> --out <file>
                                                   write a Slurm job array and its merge job
      --kubernetes --shards <n> --image <x> ...    the same as a Kubernetes indexed job

The summary compares the run with the status quo (same months, seed and resolution).
`;

export interface SimIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The text of an input file, at most `maxBytes` (default MAX_SCENARIO_FILE_BYTES). */
  readFile(path: string, maxBytes?: number): string;
  writeFile(path: string, text: string): void;
  /** Creates a directory and its parents (cluster jobs write into one). */
  makeDirectory?(path: string): void;
}

const nodeIo: SimIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path, maxBytes = MAX_SCENARIO_FILE_BYTES) => readInputText(path, { maxBytes }),
  writeFile: (path, text) => writeFileSync(path, text),
  makeDirectory: (path) => mkdirSync(path, { recursive: true }),
};

/** --workers above this many is capped unless the machine has more hardware threads. */
export const MIN_MAX_WORKERS = 16;

/** The most worker threads the command starts: MIN_MAX_WORKERS or the hardware threads. */
export function maxWorkers(): number {
  return Math.max(MIN_MAX_WORKERS, availableParallelism());
}

interface Options {
  scenario?: string;
  months?: number;
  seed?: number;
  resolution?: number;
  workers?: number;
  out?: string;
  format: 'json' | 'csv';
  flows: boolean;
  baseline: boolean;
  help: boolean;
}

function parseCommandLine(args: string[]): Options {
  const { values } = parseOptions(args, SIM_OPTIONS);
  const format = values.format as string;
  if (format !== 'json' && format !== 'csv')
    throw new UsageError(`--format must be json or csv (got ${JSON.stringify(format)})`);
  return {
    scenario: values.scenario as string | undefined,
    months: wholeNumber('months', values.months as string | undefined),
    seed: wholeNumber('seed', values.seed as string | undefined),
    resolution: wholeNumber('resolution', values.resolution as string | undefined),
    workers: wholeNumber('workers', values.workers as string | undefined),
    out: values.out as string | undefined,
    format,
    flows: values.flows === true,
    baseline: values['no-baseline'] !== true,
    help: values.help === true,
  };
}

/** Debug settings of the command line (not options: tests and the SIM_FAULT variable set them). */
export interface SimDebug {
  /** Make a worker fail on purpose (with --workers). */
  fault?: FaultPlan | null;
  /** Replaces maxWorkers() (tests: a cap that starts few threads). */
  maxWorkers?: number;
}

/** A finished run: its results, the status quo's when compared, and the run's wall time, ms. */
interface Outcome {
  results: RunResults;
  baseline: RunResults | undefined;
  elapsed: number;
  /** Describes the engine, e.g. ", 2 workers (shared memory)". */
  engine: string;
}

function runSingleThread(world: World, scenario: Scenario, compare: Scenario | null): Outcome {
  const started = performance.now();
  const results = createSimulation(world, scenario).run();
  const elapsed = performance.now() - started;
  const baseline = compare ? createSimulation(world, compare).run() : undefined;
  return { results, baseline, elapsed, engine: '' };
}

async function runInWorkers(
  world: World,
  scenario: Scenario,
  compare: Scenario | null,
  workers: number,
  fault: FaultPlan | null,
): Promise<Outcome> {
  const engine = new ParallelEngine(spawnNodeBlockWorker);
  try {
    const started = performance.now();
    const info = await engine.load(world, scenario, { workers, sharedMemory: true, fault });
    while (engine.month < engine.months) await engine.step();
    const results = engine.results;
    const elapsed = performance.now() - started;
    let baseline: RunResults | undefined;
    if (compare) {
      await engine.load(world, compare, { workers, sharedMemory: true });
      while (engine.month < engine.months) await engine.step();
      baseline = engine.results;
    }
    const memory = info.sharedMemory ? 'shared memory' : 'transferred buffers';
    return {
      results,
      baseline,
      elapsed,
      engine: `, ${info.workers} worker${info.workers === 1 ? '' : 's'} (${memory})`,
    };
  } finally {
    await engine.dispose();
  }
}

function report(scenario: Scenario, options: Options, outcome: Outcome, io: SimIo): number {
  const { results, baseline, elapsed } = outcome;
  const summary = summarise(results, baseline);
  io.stdout(
    `${scenario.name}: ${scenario.months} months, ${results.meta.agentCount.toLocaleString('en')} agents, seed ${scenario.seed}${outcome.engine}, ${(elapsed / 1000).toFixed(2)} s\n`,
  );
  io.stdout(`${formatSummary(summary)}\n`);
  if (options.out) {
    const text =
      options.format === 'csv'
        ? resultsCsv(results)
        : JSON.stringify(resultsDocument(results, scenario, summary, { flows: options.flows }));
    io.writeFile(options.out, text);
    io.stdout(`results written to ${options.out} (${options.format})\n`);
  }
  return 0;
}

function failed(error: unknown, io: SimIo): number {
  io.stderr(`error: ${(error as Error).message}\n`);
  return 1;
}

/**
 * Runs the CLI on `args`; returns the exit status: at once on the single-thread engine, as a
 * promise with --workers (the workers answer asynchronously).
 */
export function runSimCli(
  args: string[],
  io: SimIo = nodeIo,
  debug: SimDebug = {},
): number | Promise<number> {
  if (isResearchCommand(args)) return runResearchCli(args, io);
  const options = optionsOrExit(() => parseCommandLine(args), io, USAGE, 'error');
  if (typeof options === 'number') return options;
  if (!options.scenario) {
    io.stderr(`error: --scenario is required\n\n${USAGE}`);
    return 2;
  }
  if (options.workers !== undefined && options.workers < 1) {
    io.stderr(`error: --workers must be at least 1 (got ${options.workers})\n\n${USAGE}`);
    return 2;
  }
  const most = debug.maxWorkers ?? maxWorkers();
  if (options.workers !== undefined && options.workers > most) {
    // The numbers do not depend on the number of workers, so running on fewer loses nothing;
    // thousands of threads would only exhaust memory.
    io.stderr(
      `note: --workers ${options.workers} is more than this command starts; running on ${most} (it starts at most the larger of ${MIN_MAX_WORKERS} and this machine's ${availableParallelism()} hardware threads). The numbers are the same on any number of workers.\n`,
    );
    options.workers = most;
  }
  let scenario: Scenario;
  let compare: Scenario | null;
  const world = calibratedWorld();
  try {
    scenario = loadScenario(
      options.scenario,
      { months: options.months, seed: options.seed, resolution: options.resolution },
      io.readFile,
    );
    const isStatusQuo = JSON.stringify(scenario) === JSON.stringify(statusQuoLike(scenario));
    compare = options.baseline && !isStatusQuo ? statusQuoLike(scenario) : null;
  } catch (error) {
    return failed(error, io);
  }
  if (options.workers === undefined) {
    try {
      return report(scenario, options, runSingleThread(world, scenario, compare), io);
    } catch (error) {
      return failed(error, io);
    }
  }
  return runInWorkers(world, scenario, compare, options.workers, debug.fault ?? null).then(
    (outcome) => report(scenario, options, outcome, io),
    (error) => failed(error, io),
  );
}

function isMain(): boolean {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? '')).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  let debug: SimDebug = {};
  try {
    // SIM_FAULT=worker:month:phase[:kind] makes a worker fail on purpose (fault-handling tests).
    if (process.env.SIM_FAULT) debug = { fault: parseFaultPlan(process.env.SIM_FAULT) };
  } catch (error) {
    process.stderr.write(`error: SIM_FAULT: ${(error as Error).message}\n`);
    process.exit(2);
  }
  void Promise.resolve(runSimCli(process.argv.slice(2), nodeIo, debug)).then((status) => {
    process.exitCode = status;
  });
}
