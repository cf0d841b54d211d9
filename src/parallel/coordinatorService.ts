/**
 * What the coordinator worker offers the page (through comlink): load a scenario into block
 * workers, run month by month, pause, step. It owns the ParallelEngine, so the coordinator
 * and its barrier waits never touch the page's main thread. Each finished month goes to the
 * page as a MonthSlice whose buffers are transferred, not copied.
 *
 * Failures come back as values ({ ok: false, worker, message }) rather than exceptions, so
 * the page learns which worker failed (comlink carries only an error's message).
 */
import { transfer } from 'comlink';
import {
  type MonthSlice,
  type ResultsShape,
  type ResultsStorage,
  type RunResults,
  sharedResultsStorage,
  sliceMonth,
  writeMonth,
} from '../engine/results.ts';
import type { World } from '../engine/world.ts';
import { sameValue } from '../scenario/sameValue.ts';
import type { Scenario } from '../scenario/schema.ts';
import { EngineError, type LoadInfo } from './client.ts';
import { LocalEngine } from './localEngine.ts';
import { type EngineTimings, ParallelEngine, type SpawnBlockWorker } from './parallelEngine.ts';
import type { FaultPlan } from './protocol.ts';
import { SpareResults } from './spareResults.ts';

export interface ServiceLoadOptions {
  workers: number;
  /** Use shared memory when this worker can (cross-origin isolated); false forces transfer mode. */
  preferSharedMemory: boolean;
  fault: FaultPlan | null;
  /** Debug: the block-worker watchdog's limit per phase, ms (default phaseDeadlineMs). */
  phaseTimeoutMs?: number;
  /**
   * Scenarios of at most this many agents run in the coordinator worker's own thread, without
   * block workers (src/parallel/localEngine.ts); 0 (the default) always uses the workers.
   */
  singleThreadMaxAgents?: number;
}

export interface ServiceFailure {
  ok: false;
  worker: number | null;
  message: string;
}

/**
 * Receives finished months, in order, several at a time when they come fast (MONTH_BATCH_MS).
 * The page's sink returns nothing; in the worker it is a comlink proxy, whose every call
 * resolves when the page has read the months.
 */
export type MonthSink = (slices: MonthSlice[]) => void | Promise<void>;

export type LoadReply = { ok: true; info: LoadInfo } | ServiceFailure;
export type RunReply = { ok: true; status: 'done' | 'paused' } | ServiceFailure;
export type StepReply = { ok: true; slice: MonthSlice } | ServiceFailure;

export interface CoordinatorService {
  load(scenario: Scenario, options: ServiceLoadOptions): Promise<LoadReply>;
  /**
   * Runs until the last month or pause(); every month's slice goes to `onMonth` (a comlink
   * proxy from the page) before the reply.
   */
  run(onMonth: MonthSink): Promise<RunReply>;
  step(): Promise<StepReply>;
  pause(): void;
  timings(): EngineTimings;
  /**
   * Answers at once with what the engine is doing ("month 12 (decide)"): the page's watchdog
   * calls it every second while it waits for the coordinator. The coordinator's event loop is
   * free while its workers compute, so only a coordinator that has stopped fails to answer.
   */
  ping(): string;
  /** Builds the world now (it is built once per worker), so the first load does not wait for it. */
  warm(): void;
  /**
   * Simulates the loaded run's next month now, before the page asks for it: the page calls it
   * once it has painted, so a cold page's first month (the costliest: the engine's code not yet
   * optimised, about 250 ms at 5,000 agents in Chromium on this machine kind) is made while the
   * user reads the page, not after Run. Made earlier (at the load), it took the core the page
   * paints on and the page showed later. The next run or step takes it; a new load drops it.
   * The same steps in the same order: the numbers do not change. Only a run in this thread
   * (block workers are not held for a month the user may not want); nothing once it is running
   * or at its last month.
   */
  stepAhead(): void;
  /**
   * Loads `scenario` now, before the page asks (a run in this thread only: see
   * singleThreadMaxAgents); the page's first load() of a scenario equal to it in every value,
   * also run in this thread and with the same preferSharedMemory, takes that load instead of
   * building it again. Any other call first drops it.
   */
  preload(scenario: Scenario, options: ServiceLoadOptions): void;
  dispose(): Promise<void>;
}

/**
 * Bytes of months the page may have unread before the run waits for it (keeps memory bounded
 * on a page that has fallen far behind). A month is about 100 kB of flows when its series are
 * in shared storage (a default run's 120 months: 12 MB) and about 0.4 MB more when they travel
 * with it. A default run makes a month every few ms while a frame on the page (tens of ms,
 * more on a busy machine) leaves the page's replies waiting: with a limit of 12 months the
 * engine waited for the page; with this one it never does.
 */
const MAX_BYTES_IN_FLIGHT = 64 * 1024 * 1024;

/**
 * Months go to the page at most this often, ms: a month finished this long after the last
 * message goes at once (the first month, and every month of a large run), and the months a
 * small run makes in between go together in the next message (one task and one reply on the
 * page, and one turn of this worker's event loop, not one per month: a small run makes a month
 * in a few ms).
 */
const MONTH_BATCH_MS = 16;

/**
 * One turn of this worker's event loop (a message to itself: a timer would be clamped to 4 ms
 * when nested): the page's replies and a pause() are heard between months, which the
 * one-thread engine otherwise runs back to back in microtasks.
 */
function nextTask(): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  return new Promise<void>((ok) => {
    port1.onmessage = () => {
      port1.close();
      ok();
    };
    port2.postMessage(null);
  });
}

/** True when this realm can share memory with its workers. */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true;
}

/** Whether `values` spans a whole ArrayBuffer of its own (transferable without taking more with it). */
const ownBuffer = (values: Uint32Array | Float64Array) =>
  values.buffer instanceof ArrayBuffer &&
  values.byteOffset === 0 &&
  values.byteLength === values.buffer.byteLength;

/** Whether `values` are on shared memory (a shared flow store's month). */
const sharedFlows = (values: Uint32Array | Float64Array) =>
  typeof SharedArrayBuffer === 'function' && values.buffer instanceof SharedArrayBuffer;

/**
 * The slice of month `month`, with the buffers to transfer: with its own copies of the series,
 * or, when the page shares `storage` with this worker, with the series written there instead.
 */
function monthSlice(
  engine: ParallelEngine | LocalEngine,
  month: number,
  storage: ResultsStorage | null,
): { slice: MonthSlice; buffers: ArrayBuffer[] } {
  const results = engine.results;
  const slice = storage ? writeMonth(results, month, storage) : sliceMonth(results, month);
  const buffers: ArrayBuffer[] = [];
  // Flows in the parallel engine's shared flow store (results.ts: FlowStore) go as they are: the
  // page gets views of the same memory, which no later month writes.
  if (!sharedFlows(slice.flowKeys) || !sharedFlows(slice.flowTonnes)) {
    // Otherwise the month's flows go to the page as the arrays recordMonth made for them, not
    // copies: this worker reads no month's flows once they are sent, and a copy a month was
    // fresh memory to fault in and free (a default run's flows are 12 MB). The engine's record
    // keeps empty arrays.
    slice.flowKeys = ownBuffer(slice.flowKeys) ? slice.flowKeys : slice.flowKeys.slice();
    slice.flowTonnes = ownBuffer(slice.flowTonnes) ? slice.flowTonnes : slice.flowTonnes.slice();
    results.flowKeys[month] = new Uint32Array(0);
    results.flowTonnes[month] = new Float64Array(0);
    buffers.push(slice.flowKeys.buffer as ArrayBuffer, slice.flowTonnes.buffer as ArrayBuffer);
  }
  if (slice.series) for (const s of Object.values(slice.series)) buffers.push(s.buffer as ArrayBuffer);
  if (slice.stockpileTonnes) buffers.push(slice.stockpileTonnes.buffer as ArrayBuffer);
  return { slice, buffers };
}

/**
 * The load's info, with shared results storage for the page when this worker can share memory:
 * the engine's own results when it records on shared memory (one thread, or the parallel
 * engine sharing memory with its workers: nothing is copied), else new storage each month is
 * copied into.
 */
function withStorage(
  info: LoadInfo,
  results: RunResults,
): { info: LoadInfo; storage: ResultsStorage | null } {
  if (!canShareMemory()) return { info, storage: null };
  const storage =
    results.series.price.buffer instanceof SharedArrayBuffer
      ? { series: results.series, stockpileTonnes: results.stockpileTonnes }
      : sharedResultsStorage(info.meta);
  return { info: { ...info, storage }, storage };
}

function failure(error: unknown): ServiceFailure {
  if (error instanceof EngineError) return { ok: false, worker: error.worker, message: error.message };
  return { ok: false, worker: null, message: error instanceof Error ? error.message : String(error) };
}

export function createCoordinatorService(world: () => World, spawn: SpawnBlockWorker): CoordinatorService {
  const parallel = new ParallelEngine(spawn);
  const local = new LocalEngine();
  /** The engine holding the loaded run. */
  let engine: ParallelEngine | LocalEngine = parallel;
  let pauseRequested = false;
  let running: Promise<unknown> | null = null;
  /** The loaded run's results storage shared with the page, if any. */
  let storage: ResultsStorage | null = null;
  /** Storage for the next one-thread run on shared memory, mapped between runs (spareResults.ts). */
  const spare = new SpareResults(() => running === null);
  /** The last one-thread run on shared memory, its shape and storage: the next is likely the same. */
  let spareLike: { shape: ResultsShape; storage: ResultsStorage } | null = null;
  /** Once a one-thread run has recorded its last month: make (or go on making) the spare storage. */
  const prepareSpare = () => {
    if (spareLike && engine === local && engine.month >= engine.months)
      spare.prepare(spareLike.shape, spareLike.storage);
  };

  /**
   * The next month of a one-thread run, simulated ahead at the page's word (stepAhead): queued
   * (a token, until this worker's next task) or made (`monthAhead`), taken by the next run or
   * step, dropped by a load. Nothing here awaits: the one-thread step runs to its end within a
   * task, so a call from the page never finds it half done, and no call can slip in between
   * another call's checks and its work (an await there let two loads reach the engine at once).
   */
  let aheadToken: object | null = null;
  let monthAhead = false;
  /** The month stepped ahead failed: the next month asked for reports it. */
  let aheadFailure: unknown = null;
  const stepAhead = () => {
    if (aheadToken || monthAhead || running !== null || engine !== local || !local.isLoaded) return;
    if (local.month >= local.months) return;
    const token = {};
    aheadToken = token;
    void nextTask().then(() => {
      // A load, a run, a step or a dispose came first (each takes the token).
      if (aheadToken !== token) return;
      aheadToken = null;
      local.step().then(
        () => {
          monthAhead = true;
        },
        (error: unknown) => {
          aheadFailure = error ?? new Error('the month stepped ahead failed');
        },
      );
    });
  };
  /** Forgets a month queued or made ahead (a new load, a dispose). */
  const dropAhead = () => {
    aheadToken = null;
    monthAhead = false;
    aheadFailure = null;
  };
  /** Simulates the next month, or takes the one made ahead; returns its index. */
  const nextMonth = async (): Promise<number> => {
    aheadToken = null;
    if (aheadFailure !== null) {
      const failed = aheadFailure;
      aheadFailure = null;
      throw failed;
    }
    if (monthAhead) monthAhead = false;
    else await engine.step();
    return engine.month - 1;
  };

  /** Stops a run in progress (at the end of its month) before anything else happens. */
  const settle = async () => {
    pauseRequested = true;
    await running;
  };
  /** A load made by preload(), for the page's first load of the same scenario and options. */
  let preloaded: { scenario: Scenario; options: ServiceLoadOptions; reply: Promise<LoadReply> } | null = null;

  const service: CoordinatorService = {
    async load(scenario, options) {
      const early = preloaded;
      preloaded = null;
      // A run in this thread (all a preload makes) depends on the scenario and on shared memory only.
      if (
        early &&
        sameValue(scenario, early.scenario) &&
        scenario.resolution <= (options.singleThreadMaxAgents ?? 0) &&
        options.preferSharedMemory === early.options.preferSharedMemory
      )
        return early.reply;
      await settle();
      dropAhead();
      storage = null;
      try {
        let loaded: LoadInfo;
        if (scenario.resolution <= (options.singleThreadMaxAgents ?? 0)) {
          // The block workers' threads and buffers are let go while a small run needs none.
          await parallel.dispose();
          engine = local;
          const w = world();
          if (options.preferSharedMemory && canShareMemory()) {
            const shape = {
              months: scenario.months,
              goods: w.goods,
              nodes: w.nodes,
              stockpiles: scenario.stockpiles,
            };
            loaded = await local.load(w, scenario, spare.take(shape) ?? true);
            const { series, stockpileTonnes } = local.results;
            spareLike = { shape, storage: { series, stockpileTonnes } };
          } else {
            spareLike = null;
            loaded = await local.load(w, scenario, false);
          }
        } else {
          spareLike = null;
          spare.dispose();
          await local.dispose();
          engine = parallel;
          loaded = await parallel.load(world(), scenario, {
            workers: options.workers,
            sharedMemory: options.preferSharedMemory && canShareMemory(),
            fault: options.fault,
            phaseTimeoutMs: options.phaseTimeoutMs,
          });
        }
        // Shared results storage goes with shared agent memory: "transfer" keeps the copying path.
        const reply = options.preferSharedMemory
          ? withStorage(loaded, engine.results)
          : { info: loaded, storage: null };
        storage = reply.storage;
        return { ok: true, info: reply.info };
      } catch (error) {
        return failure(error);
      }
    },

    async run(onMonth) {
      preloaded = null;
      // A comlink proxy: each call posts months to the page and resolves when the page has them.
      await settle();
      pauseRequested = false;
      const body = async (): Promise<RunReply> => {
        /** Messages the page has not answered yet, with their bytes. */
        const inFlight: { bytes: number; read: Promise<void> }[] = [];
        let bytesInFlight = 0;
        let batch: MonthSlice[] = [];
        let buffers: ArrayBuffer[] = [];
        let batchBytes = 0;
        let lastSent = Number.NEGATIVE_INFINITY;
        const send = () => {
          if (batch.length === 0) return;
          const delivery = { bytes: batchBytes, read: Promise.resolve(onMonth(transfer(batch, buffers))) };
          batch = [];
          buffers = [];
          batchBytes = 0;
          inFlight.push(delivery);
          bytesInFlight += delivery.bytes;
          delivery.read.then(
            () => {
              inFlight.splice(inFlight.indexOf(delivery), 1);
              bytesInFlight -= delivery.bytes;
            },
            () => undefined,
          );
        };
        try {
          // A month stepped ahead is the run's next month, still to send.
          while (!pauseRequested && (monthAhead || aheadFailure !== null || engine.month < engine.months)) {
            const month = monthSlice(engine, await nextMonth(), storage);
            batch.push(month.slice);
            buffers.push(...month.buffers);
            for (const b of month.buffers) batchBytes += b.byteLength;
            if (performance.now() - lastSent >= MONTH_BATCH_MS) {
              send();
              lastSent = performance.now();
              // Hear the page's replies and a pause before the next month.
              await nextTask();
            }
            while (bytesInFlight + batchBytes > MAX_BYTES_IN_FLIGHT) {
              // The page is far behind: send what waits, and let it catch up before the next month.
              send();
              await inFlight[0].read;
            }
          }
        } catch (error) {
          // The page gets every finished month before it hears of the failure.
          send();
          await Promise.allSettled(inFlight.map((d) => d.read));
          return failure(error);
        }
        send();
        await Promise.all(inFlight.map((d) => d.read));
        return { ok: true, status: pauseRequested ? 'paused' : 'done' };
      };
      const run = body().catch(failure);
      running = run;
      try {
        return await run;
      } finally {
        running = null;
        prepareSpare();
      }
    },

    async step() {
      preloaded = null;
      await settle();
      try {
        const { slice, buffers } = monthSlice(engine, await nextMonth(), storage);
        return transfer({ ok: true, slice }, buffers);
      } catch (error) {
        return failure(error);
      } finally {
        // A paced run ends with a step.
        prepareSpare();
      }
    },

    pause() {
      pauseRequested = true;
    },

    timings() {
      return engine.timings;
    },

    ping() {
      return engine.activity;
    },

    warm() {
      world();
    },

    stepAhead,

    preload(scenario, options) {
      if (scenario.resolution > (options.singleThreadMaxAgents ?? 0)) return;
      const reply = service.load(scenario, options);
      preloaded = { scenario, options, reply };
    },

    async dispose() {
      preloaded = null;
      await settle();
      dropAhead();
      spare.dispose();
      await local.dispose();
      await parallel.dispose();
    },
  };
  return service;
}
