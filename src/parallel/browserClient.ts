/**
 * The page's engine client: a coordinator worker (workers/coordinator.worker.ts) that starts N
 * block workers and runs the scenario there. The page's main thread never runs the engine; it
 * sends control calls (comlink) and receives every month's MonthSlice (several in one message
 * when they come fast), buffers transferred.
 *
 * Shared memory (SharedArrayBuffer + Atomics) is used when the page is cross-origin isolated
 * (COOP/COEP headers); on a static host without those headers the engine transfers buffers
 * instead, with the same numbers.
 *
 * The watchdog: while a call is outstanding, the client pings the coordinator every second
 * (its event loop is free while block workers compute, and the engine's own watchdog stops
 * block workers that stop answering). A coordinator silent for COORDINATOR_SILENCE_MS is
 * reported with what it was doing, terminated with its block workers, and replaced by a new
 * one on the next load, so Reset and Run work again without a reload.
 */
import { proxy, type Remote, releaseProxy, wrap } from 'comlink';
import type { MonthSlice } from '../engine/results.ts';
import type { Scenario } from '../scenario/schema.ts';
import {
  COORDINATOR_PRELOADING_NAME,
  type EngineClient,
  EngineError,
  type LoadInfo,
  SINGLE_THREAD_MAX_AGENTS,
} from './client.ts';
import type {
  CoordinatorService,
  LoadReply,
  RunReply,
  ServiceFailure,
  StepReply,
} from './coordinatorService.ts';
import type { EngineTimings } from './parallelEngine.ts';
import type { FaultPlan } from './protocol.ts';

/** How long the coordinator may go without answering a ping before it is stopped, ms. */
export const COORDINATOR_SILENCE_MS = 15_000;
const PING_EVERY_MS = 1_000;
/**
 * Before the verdict, one more ping gets this long, ms: a page that was itself busy (its
 * timers and messages held up) has then read the replies that were waiting.
 */
const LAST_CHANCE_MS = 2_000;

/** Worker count when the user has not chosen one: the hardware threads minus one for the page, at least one. */
export function defaultWorkerCount(): number {
  const threads = globalThis.navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, threads - 1);
}

/** True when this page can give the engine shared memory. */
export function pageIsIsolated(): boolean {
  return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true;
}

export interface BrowserLoadOptions {
  workers: number;
  /**
   * Scenarios of at most this many agents run in the coordinator worker's own thread, without
   * block workers (default: the client's option, else 0: always the workers).
   */
  singleThreadMaxAgents?: number;
  /** For tests and benchmarks only; the app never sets these. */
  debug?: {
    /** false: transfer buffers even on an isolated page. */
    sharedMemory?: boolean;
    /** Make a block worker fail on purpose. */
    fault?: FaultPlan | null;
    /** The block-worker watchdog's limit per phase, ms. */
    phaseTimeoutMs?: number;
  };
}

export interface BrowserClientOptions {
  /** The coordinator watchdog's limit, ms (default COORDINATOR_SILENCE_MS). */
  silenceMs?: number;
  /** Loads of at most this many agents run in one thread (default 0: never); see BrowserLoadOptions. */
  singleThreadMaxAgents?: number;
  /**
   * The page opens on the status quo: its coordinator worker loads it as soon as it has started
   * (COORDINATOR_PRELOADING_NAME), and the page's load of it takes that load (default false).
   */
  preloadStatusQuo?: boolean;
}

export class BrowserEngineClient implements EngineClient {
  private worker: Worker | null = null;
  private service: Remote<CoordinatorService> | null = null;
  /** Rejects when the coordinator worker itself fails or stops answering. */
  private lost: Promise<never> = new Promise<never>(() => {});
  private loseCoordinator: ((error: EngineError) => void) | null = null;
  private readonly silenceMs: number;
  private readonly singleThreadMaxAgents: number;
  /** Whether the first coordinator worker preloads the status quo (later ones never do). */
  private preloadStatusQuo: boolean;
  /** Calls waiting for the coordinator; the watchdog runs while there are any. */
  private waiting = 0;
  private watch: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;
  private judging = false;
  /** What the coordinator last said it was doing, and the run it was loaded with. */
  private activity = 'starting';
  private running = 'no scenario';
  /** A load started by warm(), which the next load() of the same scenario and options takes. */
  private prepared: { key: string; info: Promise<LoadInfo> } | null = null;

  constructor(options: BrowserClientOptions = {}) {
    this.silenceMs = options.silenceMs ?? COORDINATOR_SILENCE_MS;
    this.singleThreadMaxAgents = options.singleThreadMaxAgents ?? 0;
    this.preloadStatusQuo = options.preloadStatusQuo ?? false;
  }

  async load(scenario: Scenario, options: BrowserLoadOptions): Promise<LoadInfo> {
    const key = loadKey(scenario, options);
    const prepared = this.prepared;
    this.prepared = null;
    if (prepared?.key === key) {
      try {
        return await prepared.info;
      } catch {
        // The early load failed (or was overtaken): load afresh, and report that load's failure.
      }
    }
    return this.loadNow(scenario, options);
  }

  private async loadNow(scenario: Scenario, options: BrowserLoadOptions): Promise<LoadInfo> {
    const service = this.connect();
    const workers = Math.max(1, Math.floor(options.workers));
    this.running = `“${scenario.name}” (${scenario.resolution.toLocaleString('en-US')} agents, ${workers} worker${workers === 1 ? '' : 's'})`;
    this.activity = 'loading';
    const reply = await this.guard<LoadReply>(
      service.load(scenario, {
        workers,
        preferSharedMemory: options.debug?.sharedMemory ?? true,
        fault: options.debug?.fault ?? null,
        phaseTimeoutMs: options.debug?.phaseTimeoutMs,
        singleThreadMaxAgents: options.singleThreadMaxAgents ?? this.singleThreadMaxAgents,
      }),
    );
    if (!reply.ok) throw engineError(reply);
    return reply.info;
  }

  async run(onMonth: (slice: MonthSlice) => void): Promise<'done' | 'paused'> {
    this.prepared = null;
    const service = this.connected();
    let pageError: unknown = null;
    const sink = proxy((slices: MonthSlice[]) => {
      for (const slice of slices) {
        this.heardMonth(slice.month);
        if (pageError) return;
        try {
          onMonth(slice);
        } catch (error) {
          // The page's own handler failed: stop the run and report that error.
          pageError = error;
          void service.pause();
        }
      }
    });
    const reply = await this.guard<RunReply>(service.run(sink));
    if (pageError) throw pageError;
    if (!reply.ok) throw engineError(reply);
    return reply.status;
  }

  async step(): Promise<MonthSlice> {
    this.prepared = null;
    const reply = await this.guard<StepReply>(this.connected().step());
    if (!reply.ok) throw engineError(reply);
    this.heardMonth(reply.slice.month);
    return reply.slice;
  }

  pause(): void {
    void this.service?.pause();
  }

  warm(scenario?: Scenario, options?: { workers: number }): void {
    if (!scenario || !options || scenario.resolution > this.singleThreadMaxAgents) {
      // A failure to start shows in the next load (the worker's error event rejects it).
      this.connect()
        .warm()
        .catch(() => undefined);
      return;
    }
    // A run in one thread loads early (a run on block workers would hold their threads and
    // memory for a scenario the user may not run): Run then starts from a loaded population.
    const info = this.loadNow(scenario, options);
    // Read by `npm run bench -- table` (the cold load's breakdown).
    info.then(() => performance.mark('boot:engine-loaded')).catch(() => undefined);
    this.prepared = { key: loadKey(scenario, options), info };
  }

  stepAhead(): void {
    const prepared = this.prepared;
    if (!prepared) return;
    // Only while that early load is still the one Run will take (no load, run or step since).
    prepared.info.then(
      () => {
        if (this.prepared === prepared) this.service?.stepAhead().catch(() => undefined);
      },
      () => undefined,
    );
  }

  /** Where the time went in the loaded run (benchmarks). */
  async timings(): Promise<EngineTimings> {
    return this.guard(this.connected().timings());
  }

  dispose(): void {
    this.prepared = null;
    this.stopWatch();
    this.service?.[releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.service = null;
    this.loseCoordinator = null;
  }

  private connect(): Remote<CoordinatorService> {
    if (this.service) return this.service;
    const worker = new Worker(new URL('../../workers/coordinator.worker.ts', import.meta.url), {
      type: 'module',
      name: this.preloadStatusQuo ? COORDINATOR_PRELOADING_NAME : 'coordinator',
    });
    this.preloadStatusQuo = false;
    this.worker = worker;
    this.service = wrap<CoordinatorService>(worker);
    this.lost = new Promise<never>((_, reject) => {
      this.loseCoordinator = reject;
      const fail = (message: string) => {
        // A coordinator in an unknown state is replaced: the next load starts a new one.
        if (this.worker === worker) this.dispose();
        reject(new EngineError(`the coordinator worker failed: ${message}`, null));
      };
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        fail(event.message || 'its script did not load');
      });
      worker.addEventListener('messageerror', () => fail('a message could not be read'));
    });
    this.lost.catch(() => {});
    return this.service;
  }

  private connected(): Remote<CoordinatorService> {
    if (!this.service) throw new EngineError('no scenario is loaded (call load first)', null);
    return this.service;
  }

  /** A call to the coordinator that fails, instead of hanging, if the coordinator dies or stops answering. */
  private async guard<T>(work: Promise<T>): Promise<T> {
    if (this.waiting === 0) this.lastHeard = performance.now();
    this.waiting++;
    this.startWatch();
    try {
      return await Promise.race([work, this.lost]);
    } finally {
      this.waiting--;
    }
  }

  /** A month arrived: the coordinator is alive and goes on with the next one. */
  private heardMonth(month: number): void {
    this.lastHeard = performance.now();
    this.activity = `month ${month + 1} (next)`;
  }

  /** Runs from the first call until dispose; pings only while a call waits. */
  private startWatch(): void {
    if (this.watch) return;
    this.lastHeard = performance.now();
    this.watch = setInterval(() => {
      if (this.waiting > 0) void this.check();
    }, PING_EVERY_MS);
  }

  private stopWatch(): void {
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
  }

  /** Pings the coordinator; when it has been silent too long, gives it a last chance, then stops it. */
  private async check(): Promise<void> {
    const service = this.service;
    if (!service || this.judging) return;
    const heard = (activity: string) => {
      if (this.service !== service) return;
      this.lastHeard = performance.now();
      this.activity = activity;
    };
    service.ping().then(heard, () => undefined);
    if (performance.now() - this.lastHeard <= this.silenceMs) return;
    this.judging = true;
    const answered = await Promise.race([
      service.ping().then((activity) => {
        heard(activity);
        return true;
      }),
      new Promise<boolean>((done) => setTimeout(() => done(false), LAST_CHANCE_MS)),
    ]).catch(() => false);
    this.judging = false;
    if (answered || this.service !== service) return;
    const lose = this.loseCoordinator;
    const silent = Math.round((performance.now() - this.lastHeard) / 1000);
    this.dispose();
    lose?.(
      new EngineError(
        `the coordinator worker stopped answering during ${this.activity} of ${this.running}: no reply in ${silent} s; it and its workers were stopped, and the next run starts new ones`,
        null,
      ),
    );
  }
}

/** What makes two loads the same: the scenario and every option that reaches the worker. */
function loadKey(scenario: Scenario, options: BrowserLoadOptions): string {
  return JSON.stringify([
    scenario,
    Math.max(1, Math.floor(options.workers)),
    options.singleThreadMaxAgents ?? null,
    options.debug ?? null,
  ]);
}

function engineError(reply: ServiceFailure): EngineError {
  return new EngineError(reply.message, reply.worker);
}

/**
 * The engine client for the app: N block workers behind a coordinator worker, or, for a run of
 * at most SINGLE_THREAD_MAX_AGENTS agents, the coordinator worker alone.
 */
export function createBrowserEngineClient(options: BrowserClientOptions = {}): BrowserEngineClient {
  return new BrowserEngineClient({ singleThreadMaxAgents: SINGLE_THREAD_MAX_AGENTS, ...options });
}
