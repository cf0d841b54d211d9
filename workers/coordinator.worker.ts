/**
 * Browser coordinator worker: runs the coordinator and starts the block workers, so the page's
 * main thread only sends control calls and receives month slices.
 */
import { expose } from 'comlink';
import { calibratedWorld } from '../src/data/world.ts';
import { spawnBrowserBlockWorker } from '../src/parallel/browserHost.ts';
import { createCoordinatorService } from '../src/parallel/coordinatorService.ts';

expose(createCoordinatorService(calibratedWorld, spawnBrowserBlockWorker));
