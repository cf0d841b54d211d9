/**
 * Browser coordinator worker: runs the coordinator and starts the block workers, so the page's
 * main thread only sends control calls and receives month slices.
 */
import { expose } from 'comlink';
import { spawnBrowserBlockWorker } from '../src/parallel/browserHost.ts';
import { createCoordinatorService } from '../src/parallel/coordinatorService.ts';
import { calibratedWorld } from '../src/scenario/world.ts';

const service = createCoordinatorService(calibratedWorld, spawnBrowserBlockWorker);
expose(service);
// Every load needs the world: build it now, as the script has evaluated. The page's first
// messages (its warm and load calls) may wait a while before they reach this worker — Chromium
// hands them over once the page's own thread, busy building the app, has run a task — and the
// world is then ready for them.
service.warm();
