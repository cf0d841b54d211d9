/**
 * The parallel engine's coordinator side: one Coordinator (src/engine/coordinator.ts) and a
 * pool of block workers, stepped through the engine's phase generators (src/engine/phases.ts:
 * one agent phase a month, this month's settle and the next month's decide). It runs on the
 * CLI's main thread in Node and in a dedicated coordinator worker in the browser, never on the
 * page's main thread.
 *
 * Per agent phase, shared-memory mode writes the phase into the control words, bumps the
 * generation and waits (Atomics.waitAsync, so worker deaths still arrive as events) until
 * every worker has added itself to the done count: one barrier crossing a month. With the goods
 * cleared on the workers (a load option) the month's market phase goes with it: each worker
 * first clears its share of the goods (goodMarkets.ts, over the shared market state), then runs
 * each of its blocks once the block's goods are cleared (blockWorker.ts). Otherwise the
 * coordinator clears the goods. Transfer mode sends each worker the settle and then the
 * decide, each with a copy of its month's market view, and copies the partial sums it sends back into place. Either way the
 * coordinator then adds the partials in block order, so results are bit-identical for any
 * worker count and either mode.
 */
import type { Remote } from 'comlink';
import { transfer } from 'comlink';
import { Coordinator } from '../engine/coordinator.ts';
import { marketViewsByteLength, PARTIAL_FIELDS } from '../engine/exchange.ts';
import { marketGroups, marketStateByteLength } from '../engine/goodMarkets.ts';
import { planPopulation } from '../engine/layout.ts';
import {
  type AgentPhase,
  type AgentPhaseCode,
  clearEveryGood,
  initialGrowth,
  initialisationPhases,
  monthPhases,
  PHASE_MARKETS,
  PHASE_NAMES,
  PHASE_SCALE,
  PHASE_SETTLE_DECIDE,
} from '../engine/phases.ts';
import { compilePolicy } from '../engine/policy.ts';
import { type RunResults, sharedFlowStore } from '../engine/results.ts';
import type { World } from '../engine/world.ts';
import type { Scenario } from '../scenario/schema.ts';
import { EngineError, type LoadInfo } from './client.ts';
import { MemoryShelf } from './memoryShelf.ts';
import {
  agentsByWorkerAndGood,
  type BlockRange,
  claimOrder,
  partitionBlocks,
  partitionGoods,
} from './partition.ts';
import type { BlockWorkerApi, FaultPlan, SharedMemory } from './protocol.ts';
import * as protocol from './protocol.ts';

/** A running block worker, as a host (Node or browser) starts it. */
export interface BlockWorkerHandle {
  readonly api: Remote<BlockWorkerApi>;
  /**
   * Never resolves; rejects with the reason when the worker dies or raises an uncaught error
   * (not after terminate()).
   */
  readonly failed: Promise<never>;
  terminate(): void;
}

/** Starts block worker `index` (Node: a worker thread; browser: a module worker). */
export type SpawnBlockWorker = (index: number) => BlockWorkerHandle;

export interface ParallelLoadOptions {
  /** Workers wanted (fewer are used when there are fewer blocks). */
  workers: number;
  /** Shared-memory mode (SharedArrayBuffer + Atomics) or transfer mode. */
  sharedMemory: boolean;
  /** Debug: make a worker fail on purpose. */
  fault?: FaultPlan | null;
  /** The watchdog's limit for one agent phase, ms (default phaseDeadlineMs of the largest share). */
  phaseTimeoutMs?: number;
  /**
   * Shared memory and two or more workers: clear the goods on the block workers, split by market
   * group, rather than in the coordinator (default: marketsOnWorkersByDefault). Ignored in
   * transfer mode.
   */
  marketsOnWorkers?: boolean;
}

/**
 * Whether two or more block workers sharing memory clear the goods between them unless the load
 * says otherwise: at every population. Clearing every good takes the coordinator about 2–3.5 ms
 * a month whatever the population, serial work while every worker waits; on the workers it
 * leaves about 0.8 ms of it, and each worker clears about half the goods before its blocks.
 * Measured on 2 vCPUs, 2 workers, setups alternated (a scratch script, load average 1–2): the
 * month took 0.66–0.83 of the time at 5,000 agents and 0.79 at 100,000 (2026-12-01, under load
 * 7–12), and 0.89 of it at 1,000,000 agents (2026-12-02: 15.4 against 17.3 ms a month, medians;
 * faster in 14 of 16 rounds) and 0.92–0.99 at 3,000,000 (faster in 3 of 4). On 2026-12-01, under
 * that load, 1,000,000 had come out anywhere from 0.78 to 1.41 in nine runs, and the goods stayed
 * on the coordinator above 200,000 agents a worker until the second measure.
 */
export function marketsOnWorkersByDefault(): boolean {
  return true;
}

/** Where the time went since load, ms. */
export interface EngineTimings {
  /** Months simulated. */
  months: number;
  /** Building the plan, the coordinator, the buffers and the workers' set-up (excludes spawning). */
  setupMs: number;
  /** Starting workers (spawn until the first answer). */
  spawnMs: number;
  /** Bytes of the last run's own shared memory this load took back (memoryShelf.ts); 0: all new. */
  reusedBytes: number;
  /** Initialisation phases (draw, scale), coordinator included. */
  initialisationMs: number;
  /**
   * Coordinator code during months (prepare and record, and the market phase when it clears the
   * goods itself), while the workers wait.
   */
  coordinatorMs: number;
  /**
   * Time of the months' market phases on the block workers: per month, the longest a worker
   * took to clear its goods; part of the phase's wall time, which agentPhaseMs excludes it from.
   */
  marketPhaseMs: number;
  /** Wall time of the months' agent phases, from release to the last worker's answer. */
  agentPhaseMs: number;
  /** Per worker: time spent computing its blocks during months. */
  busyMs: number[];
  /**
   * Per worker: agent-phase wall time (release to the coordinator seeing every worker done)
   * minus its busy time, i.e. time spent at barriers: waking up and waiting for slower
   * workers (months only).
   */
  barrierWaitMs: number[];
  /**
   * Per worker (shared memory): blocks of other workers' ranges it ran during months, having
   * finished its own range first (blockWorker.ts: takeBlocks).
   */
  blocksTaken: number[];
}

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeout?: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };

// ES2024's Atomics.waitAsync: absent from the ES2023 library this project compiles against, and
// from older engines (the fallback below polls).
const waitAsync: WaitAsync | undefined = Reflect.get(Atomics, 'waitAsync');

/** A macrotask turn, so worker error events can arrive (fallback when Atomics.waitAsync is missing). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Run {
  world: World;
  scenario: Scenario;
  coordinator: Coordinator;
  partials: Float64Array;
  ranges: BlockRange[];
  shared: SharedMemory | null;
  control: Int32Array | null;
  busy: Float64Array | null;
  groupScales: Float64Array | null;
  month: number;
  /** The agent phase the workers are running, if any. */
  phase: AgentPhase | null;
  /** Whether the block workers run the market phase (else the coordinator does). */
  marketsOnWorkers: boolean;
  /** The market state the block workers clear goods in (shared memory, goods split), else null. */
  marketBuffer: SharedArrayBuffer | null;
  /** Set when the run is dropped (dispose, failure): its waits end. */
  discarded: boolean;
  /** The watchdog's limit for one agent phase, ms. */
  phaseTimeoutMs: number;
  /** Debug: the worker failure planned for this run, if any. */
  fault: FaultPlan | null;
}

export class ParallelEngine {
  private readonly spawn: SpawnBlockWorker;
  private pool: BlockWorkerHandle[] = [];
  /** Rejects with an EngineError when any worker of the pool fails. */
  private poolFailure: Promise<never> = new Promise<never>(() => {});
  private failure: EngineError | null = null;
  private serving: Promise<void>[] = [];
  private run: Run | null = null;
  /** The last finished run's own shared memory, for the next load of the same sizes. */
  private readonly shelf = new MemoryShelf();
  private busyCall = false;
  /** What the engine is doing, for error messages. */
  private doing = 'starting workers';
  timings: EngineTimings = emptyTimings(0);

  constructor(spawn: SpawnBlockWorker) {
    this.spawn = spawn;
  }

  /** What the engine is doing, e.g. "month 12 (decide)" (for messages about failures). */
  get activity(): string {
    return this.doing;
  }

  /** Results of the loaded run (filled month by month). */
  get results(): RunResults {
    return this.loaded().coordinator.results;
  }

  /** Months simulated so far. */
  get month(): number {
    return this.loaded().month;
  }

  /** Months in the loaded scenario. */
  get months(): number {
    return this.loaded().scenario.months;
  }

  /** Builds the population for `scenario` across the workers and initialises it. */
  async load(world: World, scenario: Scenario, options: ParallelLoadOptions): Promise<LoadInfo> {
    return this.exclusive(async () => {
      const started = performance.now();
      await this.stopServing();
      this.shelveRun();
      this.dropRun();
      const policy = compilePolicy(world, scenario);
      const plan = planPopulation(world, scenario, policy);
      const ranges = partitionBlocks(plan, options.workers);
      const workers = ranges.length;
      const shared = options.sharedMemory
        ? allocateShared(world, plan.agentCount, plan.blockCount, plan.groups.length, workers, this.shelf)
        : null;
      // One worker would only move the work off the coordinator.
      const splitMarkets =
        shared !== null && workers >= 2 && (options.marketsOnWorkers ?? marketsOnWorkersByDefault());
      const marketBuffer = splitMarkets
        ? this.shelf.buffer(marketStateByteLength(world, scenario))
        : undefined;
      // What this run did not take back (other sizes) is let go rather than held through the run.
      const reusedBytes = this.shelf.reusedBytes;
      this.shelf.clear();
      const flows = shared
        ? sharedFlowStore({ months: scenario.months, goods: world.goods, nodes: world.nodes })
        : null;
      const coordinator = new Coordinator(
        world,
        scenario,
        plan,
        shared?.view,
        shared !== null,
        marketBuffer,
        flows,
        policy,
      );
      const marketGoods = marketBuffer
        ? partitionGoods(
            marketGroups(world, scenario, plan),
            workers,
            agentsByWorkerAndGood(plan, ranges, world.goods.length),
          )
        : null;
      if (shared) {
        shared.results = {
          series: coordinator.results.series,
          stockpileTonnes: coordinator.results.stockpileTonnes,
        };
        shared.flows = flows;
      }
      const run: Run = {
        world,
        scenario,
        coordinator,
        partials: shared
          ? new Float64Array(shared.partials)
          : new Float64Array(plan.blockCount * PARTIAL_FIELDS),
        ranges,
        shared,
        control: shared ? new Int32Array(shared.control) : null,
        busy: shared ? new Float64Array(shared.busy) : null,
        groupScales: shared ? new Float64Array(shared.groupScales) : null,
        month: 0,
        phase: null,
        marketsOnWorkers: splitMarkets,
        marketBuffer: marketBuffer ?? null,
        discarded: false,
        phaseTimeoutMs:
          options.phaseTimeoutMs ?? protocol.phaseDeadlineMs(Math.max(0, ...ranges.map((r) => r.agentCount))),
        fault: options.fault ?? null,
      };
      this.timings = emptyTimings(workers);
      this.timings.reusedBytes = reusedBytes;
      const spawnStarted = performance.now();
      this.doing = 'starting workers';
      await this.ensurePool(workers);
      this.timings.spawnMs = performance.now() - spawnStarted;
      this.doing = 'setting up workers';
      const growthPerYear = initialGrowth(world, coordinator);
      await this.guard(
        run,
        Promise.all(
          this.pool.map((worker, index) =>
            this.call(
              index,
              worker.api.setup({
                index,
                workers,
                world,
                plan,
                seed: scenario.seed,
                expansionLagMonths: scenario.market.expansionLagMonths,
                growthPerYear,
                groupCalibration: coordinator.groupCalibration,
                range: ranges[index],
                ranges,
                order: shared ? claimOrder(plan, ranges, marketGoods) : null,
                shared,
                markets:
                  marketBuffer && marketGoods
                    ? {
                        scenario,
                        buffer: marketBuffer,
                        groups: marketGoods[index],
                        constants: coordinator.markets.constants,
                      }
                    : null,
                fault: options.fault ?? null,
              }),
            ),
          ),
        ),
      );
      if (run.control) {
        const generation = Atomics.load(run.control, protocol.CONTROL_GENERATION);
        this.serving = this.pool.map((worker) => worker.api.serve(generation));
        this.serving.forEach((serving, index) => {
          serving.catch((error) => this.fail(index, error));
        });
      }
      this.timings.setupMs = performance.now() - started - this.timings.spawnMs;
      const initStarted = performance.now();
      this.run = run;
      await this.drive(run, initialisationPhases(coordinator, run.partials), false);
      this.timings.initialisationMs = performance.now() - initStarted;
      return {
        meta: coordinator.results.meta,
        agentCount: plan.agentCount,
        workers,
        sharedMemory: shared !== null,
      };
    });
  }

  /** Simulates one month. */
  async step(): Promise<void> {
    return this.exclusive(async () => {
      const run = this.loaded();
      if (run.month >= run.scenario.months)
        throw new Error(`the run is complete (${run.scenario.months} months)`);
      const { coordinator, month, scenario, partials } = run;
      await this.drive(run, monthPhases(coordinator, month, scenario.months, partials), true);
      run.month++;
      this.timings.months++;
    });
  }

  /** Terminates the workers (a phase in progress is abandoned). The engine can be loaded again. */
  async dispose(): Promise<void> {
    this.dropRun();
    this.terminatePool();
    this.shelf.clear();
  }

  /**
   * Shelves the loaded run's own shared memory (memoryShelf.ts) once no worker can write it: its
   * workers have left their serve loops and none failed. Not its results or flows, which the
   * reader of the run's results may still hold.
   */
  private shelveRun(): void {
    const shared = this.run?.shared;
    if (!shared || this.failure || this.pool.length === 0 || this.serving.length > 0) {
      this.shelf.clear();
      return;
    }
    const buffers = [shared.partials, shared.view];
    if (this.run?.marketBuffer) buffers.push(this.run.marketBuffer);
    this.shelf.keep(buffers, [shared.columns]);
  }

  private dropRun(): void {
    if (this.run) this.run.discarded = true;
    this.run = null;
  }

  private loaded(): Run {
    if (!this.run) throw new Error('no scenario is loaded');
    return this.run;
  }

  /** One call at a time; a failed engine tears its workers down so the next load starts afresh. */
  private async exclusive<T>(body: () => Promise<T>): Promise<T> {
    if (this.busyCall) throw new Error('the engine is busy (one call at a time)');
    this.busyCall = true;
    try {
      return await body();
    } catch (error) {
      const failure = this.failure ?? (error instanceof EngineError ? error : null);
      if (failure) {
        this.dropRun();
        this.terminatePool();
        throw failure;
      }
      throw error;
    } finally {
      this.busyCall = false;
    }
  }

  /**
   * Steps a phase generator: the coordinator's part runs in next(), the agents' part in the
   * workers (one release or one message per phase, a settle-and-decide included).
   */
  private async drive(run: Run, phases: Generator<AgentPhase, void, void>, inMonth: boolean): Promise<void> {
    for (;;) {
      let started = performance.now();
      let next = phases.next();
      let marketsFirst = false;
      if (!next.done && next.value.code === PHASE_MARKETS) {
        if (run.marketsOnWorkers) {
          // The workers run it and go on to the agent phase that follows it (monthPhases runs
          // nothing between the two): one release, and each block waits only for its goods.
          marketsFirst = true;
          next = phases.next();
        } else {
          // The coordinator clears every good itself (transfer mode, or one worker).
          clearEveryGood(run.coordinator, next.value);
          next = phases.next();
        }
      }
      if (inMonth) this.timings.coordinatorMs += performance.now() - started;
      if (next.done) {
        if (marketsFirst) throw new Error('the market phase is not followed by an agent phase');
        return;
      }
      const phase = next.value;
      run.phase = phase;
      this.doing = describePhase(phase);
      started = performance.now();
      const busy = await (run.control
        ? this.sharedPhase(run, phase, marketsFirst)
        : this.transferPhase(run, phase));
      run.phase = null;
      if (!inMonth) continue;
      const wall = performance.now() - started;
      const workers = run.ranges.length;
      let markets = 0;
      for (let w = 0; w < workers; w++) markets = Math.max(markets, busy[workers + w] ?? 0);
      this.timings.marketPhaseMs += markets;
      this.timings.agentPhaseMs += wall - markets;
      for (let w = 0; w < workers; w++) {
        this.timings.busyMs[w] += busy[w];
        this.timings.blocksTaken[w] += busy[2 * workers + w] ?? 0;
        this.timings.barrierWaitMs[w] += Math.max(0, wall - markets - busy[w]);
      }
    }
  }

  /**
   * What worker `index` was doing: in a settle-and-decide, the phase it last reported (shared
   * memory: the market phase before it) or the single phase an injected fault names; else the
   * phase the engine runs.
   */
  private where(index: number): string {
    const run = this.run;
    if (!run || index < 0 || run.phase?.code !== PHASE_SETTLE_DECIDE) return this.doing;
    // Transfer mode: no activity words; an injected fault's part is known from its plan.
    const planned = protocol.faultPart(run.fault, index, run.phase);
    if (!run.control) return planned ? describePhase(planned) : this.doing;
    const at = protocol.activityWord(run.ranges.length, index);
    const code = Atomics.load(run.control, at) as AgentPhaseCode;
    if (!(code in PHASE_NAMES) || code === PHASE_SETTLE_DECIDE) return this.doing;
    return describePhase({ code, month: Atomics.load(run.control, at + 1), groupScales: null });
  }

  /**
   * Releases a phase through the control words (`marketsFirst`: after the market phase of its
   * month), every range's blocks unclaimed, and waits until every worker is done. Per worker its
   * busy time, then its time in the market phase, then the blocks of other ranges it ran.
   */
  private async sharedPhase(run: Run, phase: AgentPhase, marketsFirst = false): Promise<ArrayLike<number>> {
    const control = run.control!;
    const workers = run.ranges.length;
    if (phase.code === PHASE_SCALE) run.groupScales!.set(phase.groupScales!);
    Atomics.store(control, protocol.CONTROL_DONE, 0);
    for (let w = 0; w < workers; w++) Atomics.store(control, protocol.claimWord(workers, w), 0);
    Atomics.store(control, protocol.CONTROL_MARKETS, marketsFirst ? 1 : 0);
    Atomics.store(control, protocol.CONTROL_PHASE, phase.code);
    Atomics.store(control, protocol.CONTROL_MONTH, phase.month);
    const generation = Atomics.add(control, protocol.CONTROL_GENERATION, 1) + 1;
    Atomics.notify(control, protocol.CONTROL_GENERATION);
    const deadline = performance.now() + run.phaseTimeoutMs;
    for (;;) {
      if (this.failure) throw this.failure;
      if (run.discarded) throw new Error('the run was discarded');
      const done = Atomics.load(control, protocol.CONTROL_DONE);
      if (done < workers && performance.now() > deadline) {
        const late = run.ranges
          .map((_, w) => w)
          .filter((w) => Atomics.load(control, protocol.CONTROL_WORDS + w) !== generation);
        throw this.stalled(late, run.phaseTimeoutMs);
      }
      if (Atomics.load(control, protocol.CONTROL_FAILED) !== 0) {
        // The worker's serve() rejects with its error right after it raised the flag.
        await this.guard(run, new Promise<never>(() => {}), 5000);
      }
      if (done >= workers) return Float64Array.from(run.busy!);
      if (waitAsync) {
        const wait = waitAsync(control, protocol.CONTROL_DONE, done, 1000);
        if (wait.async) await this.guard(run, wait.value);
      } else if (Atomics.wait(control, protocol.CONTROL_DONE, done, 20) === 'timed-out') await nextTask();
    }
  }

  /**
   * Sends each worker the phase with a copy of both market views (a settle-and-decide reads month
   * m's and m + 1's: one message a month, as in shared memory) and puts its partial sums in place.
   */
  private async transferPhase(run: Run, phase: AgentPhase): Promise<ArrayLike<number>> {
    const needsViews = phase.code !== PHASE_SCALE && phase.month >= 0;
    const views = run.coordinator.views.data;
    const answered = this.pool.map(() => false);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watchdog = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            this.stalled(
              answered.flatMap((ok, w) => (ok ? [] : [w])),
              run.phaseTimeoutMs,
            ),
          ),
        run.phaseTimeoutMs,
      );
    });
    watchdog.catch(() => {});
    const replies = await this.guard(
      run,
      Promise.race([
        watchdog,
        Promise.all(
          this.pool.map((worker, index) => {
            const copy = needsViews ? views.slice() : null;
            return this.call(
              index,
              worker.api.phase(
                phase.code,
                phase.month,
                copy ? transfer(copy, [copy.buffer]) : null,
                phase.groupScales,
              ),
            ).then((reply) => {
              answered[index] = true;
              return reply;
            });
          }),
        ),
      ]),
    ).finally(() => clearTimeout(timer));
    const busy = new Float64Array(replies.length);
    replies.forEach((reply, w) => {
      run.partials.set(reply.partials, run.ranges[w].lo * PARTIAL_FIELDS);
      busy[w] = reply.busyMs;
    });
    return busy;
  }

  /**
   * Waits for `work`, or fails with the first worker failure. A worker call that rejects
   * (its phase threw) is a failure of that worker. With `timeoutMs`, gives up waiting for the
   * failure's details after that long.
   */
  private async guard<T>(run: Run | null, work: Promise<T>, timeoutMs?: number): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout =
      timeoutMs === undefined
        ? null
        : new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              const index = run?.control ? Atomics.load(run.control, protocol.CONTROL_FAILED) - 1 : -1;
              reject(this.fail(index, new Error('it gave no details')));
            }, timeoutMs);
          });
    try {
      return await Promise.race(timeout ? [work, this.poolFailure, timeout] : [work, this.poolFailure]);
    } catch (error) {
      throw this.failure ?? this.fail(-1, error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A call to worker `index`: its rejection is that worker's failure. */
  private call<T>(index: number, work: Promise<T>): Promise<T> {
    return work.catch((error) => {
      throw this.fail(index, error);
    });
  }

  /** Records the first failure (worker `index`, or -1 when unknown) and wakes every waiter. */
  private fail(index: number, error: unknown): EngineError {
    if (!this.failure) {
      const detail = error instanceof Error ? error.message : String(error);
      const where = this.where(index);
      const who = index >= 0 ? `worker ${index}` : 'a worker';
      this.failure = new EngineError(`${who} failed during ${where}: ${detail}`, index >= 0 ? index : null);
      this.failPool?.(this.failure);
    }
    return this.failure;
  }

  private failPool: ((error: EngineError) => void) | null = null;

  /**
   * The watchdog's verdict: the workers in `late` (indexes) did not finish a phase within
   * `limitMs`. Recorded as the engine's failure, so the pool is terminated and the next load
   * starts new workers.
   */
  private stalled(late: number[], limitMs: number): EngineError {
    const who =
      late.length === 1 ? `worker ${late[0]}` : late.length > 1 ? `workers ${late.join(', ')}` : 'a worker';
    if (!this.failure) {
      this.failure = new EngineError(
        `${who} stopped answering during ${this.where(late[0] ?? -1)}: no reply in ${Math.round(limitMs / 1000)} s; the workers were stopped, and the next run starts new ones`,
        late.length === 1 ? late[0] : null,
      );
      this.failPool?.(this.failure);
    }
    return this.failure;
  }

  /** Keeps a healthy pool of `count` workers, or starts a new one. */
  private async ensurePool(count: number): Promise<void> {
    if (this.failure || this.pool.length !== count) this.terminatePool();
    if (this.pool.length === count) return;
    this.failure = null;
    this.poolFailure = new Promise<never>((_, reject) => {
      this.failPool = reject;
    });
    this.poolFailure.catch(() => {});
    for (let index = 0; index < count; index++) {
      const worker = this.spawn(index);
      this.pool.push(worker);
      worker.failed.catch((error) => this.fail(index, error));
    }
    await this.guard(
      null,
      Promise.all(this.pool.map((worker, index) => this.call(index, worker.api.ping()))),
    );
  }

  private terminatePool(): void {
    for (const worker of this.pool) worker.terminate();
    this.pool = [];
    this.serving = [];
  }

  /** Ends the workers' serve loops (shared-memory mode) so they answer messages again. */
  private async stopServing(): Promise<void> {
    const run = this.run;
    if (!run?.control || this.serving.length === 0 || this.failure) {
      this.serving = [];
      return;
    }
    Atomics.store(run.control, protocol.CONTROL_PHASE, protocol.PHASE_STOP);
    Atomics.add(run.control, protocol.CONTROL_GENERATION, 1);
    Atomics.notify(run.control, protocol.CONTROL_GENERATION);
    const serving = this.serving;
    this.serving = [];
    await this.guard(run, Promise.all(serving)).catch(() => this.terminatePool());
  }
}

/** A phase as the engine's messages name it, e.g. "month 12 (decide)". */
function describePhase(phase: AgentPhase): string {
  if (phase.code === PHASE_SETTLE_DECIDE)
    return `month ${phase.month} (settle) and ${phase.month + 1} (decide)`;
  const when = phase.month >= 0 ? `month ${phase.month}` : 'initialisation';
  return `${when} (${PHASE_NAMES[phase.code]})`;
}

/** Timings before any work, for `workers` workers. */
export function emptyTimings(workers: number): EngineTimings {
  return {
    months: 0,
    setupMs: 0,
    spawnMs: 0,
    reusedBytes: 0,
    initialisationMs: 0,
    coordinatorMs: 0,
    marketPhaseMs: 0,
    agentPhaseMs: 0,
    busyMs: new Array<number>(workers).fill(0),
    barrierWaitMs: new Array<number>(workers).fill(0),
    blocksTaken: new Array<number>(workers).fill(0),
  };
}

function allocateShared(
  world: World,
  agentCount: number,
  blockCount: number,
  groupCount: number,
  workers: number,
  shelf: MemoryShelf,
): SharedMemory {
  return {
    columns: shelf.columns(agentCount, blockCount),
    partials: shelf.buffer(blockCount * PARTIAL_FIELDS * 8),
    view: shelf.buffer(marketViewsByteLength(world.goods.length, world.nodes.length)),
    groupScales: new SharedArrayBuffer(Math.max(1, groupCount) * 8),
    control: new SharedArrayBuffer(protocol.controlLength(workers) * 4),
    busy: new SharedArrayBuffer(3 * workers * 8),
    results: null,
    flows: null,
  };
}
