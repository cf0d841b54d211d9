/**
 * Starts the app in the page: the entry (src/main.ts) loads this chunk once it has started the
 * engine's worker (src/engineStart.ts), whose client the app takes as its first.
 */
import { takeStartedEngine } from './engineStart';
import { startServiceWorker } from './offline/serviceWorker';
import { createBrowserEngineClient } from './parallel/browserClient';
import { createBrowserResearchPool } from './parallel/researchPool';
import { createApp } from './ui/app';

// The engine runs in workers (src/parallel/): a coordinator worker and block workers, with shared
// memory when the page is cross-origin isolated and transferred buffers otherwise. Ensembles,
// sweeps and the benchmark run on research workers (src/parallel/researchPool.ts).
// In a production build the service worker (src/offline/) stores the app for offline use and
// makes the page cross-origin isolated on hosts that send no headers; the first visit to such
// a host reloads once before the app starts.
// Boot marks (performance.mark, read by `npm run bench -- table`): every module evaluated here.
performance.mark('boot:modules');
const root = document.querySelector<HTMLDivElement>('#app');
/** The app's engine clients: the first is the one started as the page loaded, if any. */
const engineClient = () => takeStartedEngine() ?? createBrowserEngineClient();
/** A turn of the event loop: the tasks already queued for this thread run first. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
async function start(app: HTMLDivElement) {
  // Chromium hands the engine's worker the messages the page posts it (the app's warm and load
  // calls) only after this thread has run a task that notes the worker's script evaluated; the
  // app's build below is one long task. A turn of the event loop first lets a worker that is
  // already evaluated receive the app's load call as it is made.
  await nextTask();
  if (import.meta.env.PROD && globalThis.crossOriginIsolated === true) {
    // Already isolated (the host sends the headers, or the service worker served this load):
    // nothing to reload for, so the app starts at once and the service worker registers (or
    // updates) for offline use once the page has settled: its first install fetches every file
    // of the build (workers, borders), which would compete with the first month on screen.
    createApp(app, {
      createClient: engineClient,
      createResearchPool: createBrowserResearchPool,
    }).whenSettled(() => void startServiceWorker());
    return;
  }
  if (import.meta.env.PROD) {
    const waiting = document.createElement('p');
    waiting.className = 'app-starting';
    waiting.textContent = 'Starting…';
    app.append(waiting);
    const { reloading } = await startServiceWorker();
    if (reloading) return;
    waiting.remove();
  }
  createApp(app, { createClient: engineClient, createResearchPool: createBrowserResearchPool });
}
if (root) void start(root);
