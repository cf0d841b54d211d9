// First: the engine's worker starts before the other modules evaluate (src/engineStart.ts).
import { takeStartedEngine } from './engineStart';
import './ui/style.css';
import './share/share.css';
import { startServiceWorker } from './offline/serviceWorker';
import { createBrowserEngineClient } from './parallel/browserClient';
import { createBrowserResearchPool } from './parallel/researchPool';
import { afterFirstPaint } from './present/dom';
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
async function start(app: HTMLDivElement) {
  if (import.meta.env.PROD && globalThis.crossOriginIsolated === true) {
    // Already isolated (the host sends the headers, or the service worker served this load):
    // nothing to reload for, so the app starts at once and the service worker registers (or
    // updates) for offline use after the first paint.
    createApp(app, { createClient: engineClient, createResearchPool: createBrowserResearchPool });
    afterFirstPaint(() => void startServiceWorker());
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
