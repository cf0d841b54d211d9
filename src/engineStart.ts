/**
 * Starts the engine's coordinator worker as the page's code begins to run: the page's entry
 * (src/main.ts, a small chunk) imports this module first, before the app's own chunk
 * (src/pageStart.ts) has arrived, so the worker fetches its script and builds the world while
 * the page fetches and builds itself; the app's first engine client (takeStartedEngine) is this
 * one. Only when the app will start at once: a production page that is not yet cross-origin
 * isolated may reload for its service worker first (src/pageStart.ts).
 */
import { type BrowserEngineClient, createBrowserEngineClient } from './parallel/browserClient.ts';

let started: BrowserEngineClient | null = null;
if (!import.meta.env.PROD || globalThis.crossOriginIsolated === true) {
  // With no address fragment (no link's scenario, no story) the page opens on the status quo,
  // which the worker then loads as soon as it has started.
  started = createBrowserEngineClient({ preloadStatusQuo: globalThis.location?.hash === '' });
  started.warm();
}

/** The client started as the page loaded, once (later calls get null). */
export function takeStartedEngine(): BrowserEngineClient | null {
  const client = started;
  started = null;
  return client;
}
