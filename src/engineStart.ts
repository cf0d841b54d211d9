/**
 * Starts the engine's coordinator worker as the page's code begins to run, before the rest of
 * the app's modules evaluate (main.ts imports this module first): the worker fetches its script
 * and builds the world while the page builds itself, and the app's first engine client
 * (takeStartedEngine) is this one. Only when the app will start at once: a production page
 * that is not yet cross-origin isolated may reload for its service worker first (main.ts).
 */
import { type BrowserEngineClient, createBrowserEngineClient } from './parallel/browserClient.ts';

let started: BrowserEngineClient | null = null;
if (!import.meta.env.PROD || globalThis.crossOriginIsolated === true) {
  started = createBrowserEngineClient();
  started.warm();
}

/** The client started as the page loaded, once (later calls get null). */
export function takeStartedEngine(): BrowserEngineClient | null {
  const client = started;
  started = null;
  return client;
}
