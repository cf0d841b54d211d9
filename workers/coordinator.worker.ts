/**
 * Browser coordinator worker: runs the coordinator and starts the block workers, so the page's
 * main thread only sends control calls and receives month slices.
 */
import { expose } from 'comlink';
import { spawnBrowserBlockWorker } from '../src/parallel/browserHost.ts';
import { createCoordinatorService } from '../src/parallel/coordinatorService.ts';
import { calibratedWorld } from '../src/scenario/world.ts';

expose(createCoordinatorService(calibratedWorld, spawnBrowserBlockWorker));
