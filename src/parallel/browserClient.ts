/**
 * The page's engine client: a coordinator worker (workers/coordinator.worker.ts) that starts N
 * block workers and runs the scenario there. The page's main thread never runs the engine; it
 * sends control calls (comlink) and receives one MonthSlice per month, buffers transferred.
 *
 * Shared memory (SharedArrayBuffer + Atomics) is used when the page is cross-origin isolated
 * (COOP/COEP headers); on a static host without those headers the engine transfers buffers
 * instead, with the same numbers.
 */
import { proxy, type Remote, releaseProxy, wrap } from 'comlink';
import type { MonthSlice } from '../engine/results.ts';
import type { Scenario } from '../scenario/schema.ts';
import { type EngineClient, EngineError, type LoadInfo } from './client.ts';
import type {
  CoordinatorService,
  LoadReply,
  RunReply,
  ServiceFailure,
  StepReply,
} from './coordinatorService.ts';
import type { EngineTimings } from './parallelEngine.ts';
import type { FaultPlan } from './protocol.ts';

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
  /** For tests and benchmarks only; the app never sets these. */
  debug?: {
    /** false: transfer buffers even on an isolated page. */
    sharedMemory?: boolean;
    /** Make a block worker fail on purpose. */
    fault?: FaultPlan | null;
  };
}

export class BrowserEngineClient implements EngineClient {
  private worker: Worker | null = null;
  private service: Remote<CoordinatorService> | null = null;
  /** Rejects when the coordinator worker itself fails. */
  private lost: Promise<never> = new Promise<never>(() => {});

  async load(scenario: Scenario, options: BrowserLoadOptions): Promise<LoadInfo> {
    const service = this.connect();
    const reply = await this.guard<LoadReply>(
      service.load(scenario, {
        workers: Math.max(1, Math.floor(options.workers)),
        preferSharedMemory: options.debug?.sharedMemory ?? true,
        fault: options.debug?.fault ?? null,
      }),
    );
    if (!reply.ok) throw engineError(reply);
    return reply.info;
  }

  async run(onMonth: (slice: MonthSlice) => void): Promise<'done' | 'paused'> {
    const service = this.connected();
    let pageError: unknown = null;
    const sink = proxy((slice: MonthSlice) => {
      if (pageError) return;
      try {
        onMonth(slice);
      } catch (error) {
        // The page's own handler failed: stop the run and report that error.
        pageError = error;
        void service.pause();
      }
    });
    const reply = await this.guard<RunReply>(service.run(sink));
    if (pageError) throw pageError;
    if (!reply.ok) throw engineError(reply);
    return reply.status;
  }

  async step(): Promise<MonthSlice> {
    const reply = await this.guard<StepReply>(this.connected().step());
    if (!reply.ok) throw engineError(reply);
    return reply.slice;
  }

  pause(): void {
    void this.service?.pause();
  }

  /** Where the time went in the loaded run (benchmarks). */
  async timings(): Promise<EngineTimings> {
    return this.guard(this.connected().timings());
  }

  dispose(): void {
    this.service?.[releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.service = null;
  }

  private connect(): Remote<CoordinatorService> {
    if (this.service) return this.service;
    const worker = new Worker(new URL('../../workers/coordinator.worker.ts', import.meta.url), {
      type: 'module',
      name: 'coordinator',
    });
    this.worker = worker;
    this.service = wrap<CoordinatorService>(worker);
    this.lost = new Promise<never>((_, reject) => {
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

  /** A call to the coordinator that fails, instead of hanging, if the coordinator dies. */
  private guard<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.lost]);
  }
}

function engineError(reply: ServiceFailure): EngineError {
  return new EngineError(reply.message, reply.worker);
}

/** The engine client for the app: N block workers behind a coordinator worker. */
export function createBrowserEngineClient(): BrowserEngineClient {
  return new BrowserEngineClient();
}
