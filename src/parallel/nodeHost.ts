/**
 * Block workers in Node: worker threads started from workers/node-boot.mjs (which loads the
 * TypeScript entry through tsx), or, in the prebuilt command line (build/cli/, scripts/cli.mjs),
 * from the bundled worker beside the bundle; driven through comlink's Node adapter. Node only:
 * the browser bundle never imports this file.
 */
import { setFlagsFromString } from 'node:v8';
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
 * Turns off V8's on-stack replacement for the whole process, once, before the first block
 * worker starts. Node 20's V8 (11.3) can leave a reused block worker's agent loop stuck in
 * baseline code: when a new run's set-up invalidates the loop's optimised code and its
 * on-stack-replaced copy, V8 never optimises the function again (%GetOptimizationStatus showed
 * producersMonth in baseline code for the rest of the worker's life). A worker's month at
 * 1,000,000 agents then took 35–70 ms against the single-thread engine's 17 (in 9 of 10
 * processes of 4–6 runs each); without OSR every run after the first two took 17–18 ms (five
 * processes; load average 0.6–1.6). The agent loops are called block by block, so they are
 * optimised at a call, not inside a loop: OSR buys them nothing. The single-thread engine's
 * default run took the same time with and without it (five processes each, 8 runs). Chromium's
 * V8 does not get stuck (its block workers reach 15–20 ms a month), and a page cannot set V8's
 * flags anyway. Since then the agent loops have become WebAssembly (src/engine/agentLoops.ts),
 * which OSR does not concern; the flag stays for the JavaScript the workers still run each month
 * (the goods' markets, the blocks' signals and sums), where it was not measured again.
 */
let osrOff = false;
function turnOffOsr(): void {
  if (osrOff) return;
  osrOff = true;
  setFlagsFromString('--no-use-osr');
}

/**
 * Starts block worker `index` as a worker thread. `onThread` sees the thread (tests use it to
 * kill one from outside, as the system would).
 */
export function spawnNodeBlockWorker(index: number, onThread?: (thread: Worker) => void): BlockWorkerHandle {
  turnOffOsr();
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
