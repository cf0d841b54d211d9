/**
 * Browser coordinator worker: runs the coordinator and starts the block workers, so the page's
 * main thread only sends control calls and receives month slices.
 */
import { expose } from 'comlink';
import { STATUS_QUO_SCENARIO } from '../src/data/generated/statusQuoScenario.ts';
import { spawnBrowserBlockWorker } from '../src/parallel/browserHost.ts';
import { COORDINATOR_PRELOADING_NAME, SINGLE_THREAD_MAX_AGENTS } from '../src/parallel/client.ts';
import { createCoordinatorService } from '../src/parallel/coordinatorService.ts';
import { calibratedWorld } from '../src/scenario/world.ts';

const service = createCoordinatorService(calibratedWorld, spawnBrowserBlockWorker);
expose(service);
// Every load needs the world: build it now, as the script has evaluated. The page's first
// messages (its warm and load calls) may wait a while before they reach this worker — Chromium
// hands them over once the page's own thread, busy building the app, has run a task — and the
// world is then ready for them.
service.warm();
// A page that opens on the status quo named this worker so (src/engineStart.ts): load it now, as
// the page would (its options for a run in this thread), while the page still builds itself. The
// page's load takes this one only if its scenario equals the file in every value
// (scripts/generate-status-quo.ts writes it; a unit test keeps it equal to the app's).
if (self.name === COORDINATOR_PRELOADING_NAME)
  service.preload(STATUS_QUO_SCENARIO, {
    workers: 1,
    preferSharedMemory: true,
    fault: null,
    singleThreadMaxAgents: SINGLE_THREAD_MAX_AGENTS,
  });
