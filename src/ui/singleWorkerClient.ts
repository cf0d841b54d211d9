/**
 * A temporary engine client: the whole simulation in one module worker
 * (workers/single.worker.ts). It implements the same EngineClient contract as the parallel
 * engine (src/parallel/), so the app can swap it out without other changes. Months arrive as
 * MonthSlice messages whose buffers are transferred, not copied.
 */
import type { MonthSlice } from '../engine/results.ts';
import { type EngineClient, EngineError, type LoadInfo } from '../parallel/client.ts';
import type { Scenario } from '../scenario/schema.ts';

/** Messages from the page to the worker. */
export type SingleWorkerRequest =
  | { kind: 'load'; id: number; scenario: Scenario }
  | { kind: 'run'; id: number }
  | { kind: 'step'; id: number }
  | { kind: 'pause' };

/** Messages from the worker to the page. */
export type SingleWorkerReply =
  | { kind: 'loaded'; id: number; info: LoadInfo }
  | { kind: 'month'; slice: MonthSlice }
  | { kind: 'stepped'; id: number; slice: MonthSlice }
  | { kind: 'ran'; id: number; outcome: 'done' | 'paused' }
  | { kind: 'failed'; id: number; message: string };

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
}

export function createSingleWorkerClient(): EngineClient {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let monthListener: ((slice: MonthSlice) => void) | null = null;

  function failAll(error: Error) {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function ensureWorker(): Worker {
    if (worker) return worker;
    const w = new Worker(new URL('../../workers/single.worker.ts', import.meta.url), {
      type: 'module',
      name: 'engine',
    });
    w.onmessage = (event: MessageEvent<SingleWorkerReply>) => {
      const reply = event.data;
      if (reply.kind === 'month') {
        monthListener?.(reply.slice);
        return;
      }
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.kind === 'failed') p.reject(new EngineError(reply.message, 0));
      else if (reply.kind === 'loaded') p.resolve(reply.info as never);
      else if (reply.kind === 'stepped') p.resolve(reply.slice as never);
      else p.resolve(reply.outcome as never);
    };
    // A crash inside the worker: reject what waits and start a fresh worker on the next load.
    w.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      failAll(new EngineError(event.message || 'the engine worker failed', 0));
      w.terminate();
      worker = null;
    };
    worker = w;
    return w;
  }

  function request<T>(message: SingleWorkerRequest & { id: number }): Promise<T> {
    const w = ensureWorker();
    return new Promise<T>((resolve, reject) => {
      pending.set(message.id, { resolve: resolve as (v: never) => void, reject });
      w.postMessage(message);
    });
  }

  return {
    load(scenario: Scenario, _options: { workers: number }): Promise<LoadInfo> {
      // Whatever was running belongs to the previous load.
      worker?.postMessage({ kind: 'pause' } satisfies SingleWorkerRequest);
      monthListener = null;
      return request<LoadInfo>({ kind: 'load', id: nextId++, scenario });
    },
    run(onMonth: (slice: MonthSlice) => void): Promise<'done' | 'paused'> {
      monthListener = onMonth;
      return request<'done' | 'paused'>({ kind: 'run', id: nextId++ });
    },
    step(): Promise<MonthSlice> {
      return request<MonthSlice>({ kind: 'step', id: nextId++ });
    },
    pause(): void {
      worker?.postMessage({ kind: 'pause' } satisfies SingleWorkerRequest);
    },
    dispose(): void {
      failAll(new EngineError('the engine was stopped', null));
      worker?.terminate();
      worker = null;
    },
  };
}
