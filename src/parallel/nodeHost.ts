/**
 * Block workers in Node: worker threads started from workers/node-boot.mjs (which loads the
 * TypeScript entry through tsx), or, in the prebuilt command line (build/cli/, scripts/cli.mjs),
 * from the bundled worker beside the bundle; driven through comlink's Node adapter. Node only:
 * the browser bundle never imports this file.
 */
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { BlockWorkerHandle } from './parallelEngine.ts';
import type { BlockWorkerApi } from './protocol.ts';

/** Run from source (this module is a .ts file), or bundled into build/cli/<command>.mjs. */
const BOOT = import.meta.url.endsWith('.ts')
  ? new URL('../../workers/node-boot.mjs', import.meta.url)
  : new URL('./sim.node-worker.mjs', import.meta.url);

/**
 * Starts block worker `index` as a worker thread. `onThread` sees the thread (tests use it to
 * kill one from outside, as the system would).
 */
export function spawnNodeBlockWorker(index: number, onThread?: (thread: Worker) => void): BlockWorkerHandle {
  const worker = new Worker(BOOT, { name: `block worker ${index}` });
  onThread?.(worker);
  const api = wrap<BlockWorkerApi>(nodeEndpoint(worker));
  let terminating = false;
  const failed = new Promise<never>((_, reject) => {
    worker.on('error', (error) => reject(error));
    worker.on('messageerror', (error) => reject(new Error(`a message could not be read: ${error.message}`)));
    worker.on('exit', (code) => {
      if (!terminating) reject(new Error(`the worker thread exited (code ${code})`));
    });
  });
  failed.catch(() => {});
  return {
    api,
    failed,
    terminate() {
      terminating = true;
      void worker.terminate();
    },
  };
}
