/**
 * Block workers in the browser: module workers started by the coordinator worker (nested
 * workers), driven through comlink. A worker's uncaught error (its error event) or an
 * unreadable message counts as its failure.
 */
import { wrap } from 'comlink';
import type { BlockWorkerHandle } from './parallelEngine.ts';
import type { BlockWorkerApi } from './protocol.ts';

/** Starts block worker `index` as a module worker. */
export function spawnBrowserBlockWorker(index: number): BlockWorkerHandle {
  const worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), {
    type: 'module',
    name: `block worker ${index}`,
  });
  const api = wrap<BlockWorkerApi>(worker);
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      // Handled here: the coordinator reports it (the page shows it), so no console noise.
      event.preventDefault();
      reject(new Error(event.message || 'the worker script failed (it may not have loaded)'));
    });
    worker.addEventListener('messageerror', () =>
      reject(new Error('a message from the worker could not be read')),
    );
  });
  failed.catch(() => {});
  return { api, failed, terminate: () => worker.terminate() };
}
