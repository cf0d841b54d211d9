/** Node block worker (a worker thread): the block worker exposed through comlink over parentPort. */
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createBlockWorker } from '../src/parallel/blockWorker.ts';

if (!parentPort) throw new Error('sim.node-worker.ts runs in a worker thread');
expose(createBlockWorker(), nodeEndpoint(parentPort));
