/**
 * Research workers in the browser: a pool (src/research/taskPool.ts) of module workers
 * (workers/research.worker.ts), each running one ensemble member, sweep point or benchmark at a
 * time through comlink. Cancelling terminates the workers, which is the only way to stop a
 * simulation in the middle.
 */
import { type Remote, wrap } from 'comlink';
import type { ResearchService } from '../research/service.ts';
import { createTaskPool, type TaskPool } from '../research/taskPool.ts';

/** What a task sees of a research worker: the service, every call asynchronous. */
export type ResearchWorkerApi = Remote<ResearchService>;

export type ResearchPool = TaskPool<ResearchWorkerApi>;

export function createBrowserResearchPool(size: number): ResearchPool {
  return createTaskPool<ResearchWorkerApi>(size, () => {
    const worker = new Worker(new URL('../../workers/research.worker.ts', import.meta.url), {
      type: 'module',
      name: 'research',
    });
    const lost = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (event) => {
        // Reported through the task that was running, not as an uncaught page error.
        event.preventDefault();
        reject(new Error(`a research worker failed: ${event.message || 'its script did not load'}`));
      });
      worker.addEventListener('messageerror', () =>
        reject(new Error('a research worker sent a message that could not be read')),
      );
    });
    return {
      service: wrap<ResearchService>(worker),
      lost,
      terminate: () => worker.terminate(),
    };
  });
}
