/**
 * A pool of workers for research jobs (ensemble members, sweep points, benchmarks): tasks wait
 * in a queue and each idle worker takes the next one, so N workers run N tasks at a time.
 * Workers start lazily, up to the pool's size.
 *
 * A simulation inside a worker is one synchronous call that cannot be interrupted, so
 * `cancel()` terminates the workers: every queued and running task rejects with
 * `CancelledError`, and the next task starts fresh workers. A task's answer never depends on
 * which worker ran it (each run depends only on its scenario and seed), so results are the same
 * however the tasks were spread.
 *
 * No DOM or worker API here: `spawn` makes a worker (src/parallel/researchPool.ts in the
 * browser, an in-process stand-in in tests).
 */

/** The rejection of every task a cancel stopped. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof CancelledError;
}

export interface PoolWorker<S> {
  /** What tasks call (a comlink proxy in the browser). */
  service: S;
  /** Rejects if the worker dies (a crash, an uncaught error, a script that fails to load). */
  lost: Promise<never>;
  terminate(): void;
}

export interface TaskPool<S> {
  /** Runs `task` on the next idle worker. */
  run<T>(task: (service: S) => Promise<T>): Promise<T>;
  /** Rejects every queued and running task with CancelledError and stops the workers. */
  cancel(): void;
  /** Tasks queued or running. */
  readonly pending: number;
  /** Workers started and alive. */
  readonly started: number;
  dispose(): void;
}

interface Job<S> {
  task: (service: S) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export function createTaskPool<S>(size: number, spawn: () => PoolWorker<S>): TaskPool<S> {
  const capacity = Math.max(1, Math.floor(size));
  const queue: Job<S>[] = [];
  const idle: PoolWorker<S>[] = [];
  const busy = new Map<PoolWorker<S>, Job<S>>();
  const dead = new WeakSet<PoolWorker<S>>();
  let disposed = false;

  function start(worker: PoolWorker<S>, job: Job<S>) {
    busy.set(worker, job);
    // A worker that dies fails its task (and leaves the pool); the others carry on.
    Promise.race([job.task(worker.service), worker.lost]).then(
      (value) => finish(worker, job, () => job.resolve(value)),
      (error: unknown) => finish(worker, job, () => job.reject(error)),
    );
  }

  function finish(worker: PoolWorker<S>, job: Job<S>, settle: () => void) {
    if (busy.get(worker) !== job) return; // cancelled meanwhile: already rejected
    busy.delete(worker);
    if (dead.has(worker)) worker.terminate();
    else idle.push(worker);
    settle();
    pump();
  }

  function pump() {
    while (queue.length > 0 && !disposed) {
      let worker = idle.pop();
      if (!worker) {
        if (busy.size + idle.length >= capacity) return;
        const spawned = spawn();
        // Registered before any task races `lost`, so a death is known when that task fails.
        spawned.lost.catch(() => {
          dead.add(spawned);
          const at = idle.indexOf(spawned);
          if (at >= 0) idle.splice(at, 1);
        });
        worker = spawned;
      }
      start(worker, queue.shift()!);
    }
  }

  function cancel() {
    const stopped = [...queue.splice(0), ...busy.values()];
    for (const worker of [...busy.keys(), ...idle]) worker.terminate();
    busy.clear();
    idle.length = 0;
    for (const job of stopped) job.reject(new CancelledError());
  }

  return {
    run<T>(task: (service: S) => Promise<T>): Promise<T> {
      if (disposed) return Promise.reject(new Error('the worker pool was disposed'));
      return new Promise<T>((resolve, reject) => {
        queue.push({ task, resolve: resolve as (value: unknown) => void, reject });
        pump();
      });
    },
    cancel,
    get pending() {
      return queue.length + busy.size;
    },
    get started() {
      return busy.size + idle.length;
    },
    dispose() {
      cancel();
      disposed = true;
    },
  };
}
