/**
 * The app's service worker (registered by src/offline/serviceWorker.ts). Two jobs:
 *
 * 1. Offline use. On install it stores every file of the build (the list comes from
 *    sw-precache.js, written by the build: see vite.config.ts), so the app, its workers and
 *    the map open with no network at all. Pages are fetched network-first (a new deployment is
 *    seen at once) and fall back to the stored copy; every other file is served from the store
 *    first (the build's file names carry a content hash, so a stored file never goes stale).
 *    A new build changes sw-precache.js, which makes the browser install this worker again
 *    with the new files and drop the old store.
 *
 * 2. Cross-origin isolation on hosts that send no headers (GitHub Pages and most static
 *    hosts). SharedArrayBuffer needs the page to be served with
 *    Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp.
 *    Responses this worker hands to the page are its own copies, so it adds those headers (and
 *    Cross-Origin-Resource-Policy, so each file may be loaded by an isolated page) to every
 *    same-origin response; once the page is controlled by this worker, the browser treats it as
 *    isolated. The page reloads once after the first install to be controlled (the technique of
 *    the coi-serviceworker project, written here for this app).
 *
 * Plain JavaScript, not bundled: a service worker must keep one address across builds.
 */
/* global self, caches, fetch, importScripts, Response, Headers, URL */

importScripts('./sw-precache.js');

/** @type {{ build: string, files: string[] }} */
const PRECACHE = self.PRECACHE;
const CACHE = `app-${PRECACHE.build}`;

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `cache: 'reload'` skips the HTTP cache, so the store holds exactly this build.
      await cache.addAll(PRECACHE.files.map((file) => new Request(file, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('app-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** A copy of `response` with the isolation headers; opaque and error responses unchanged. */
function isolated(response) {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) {
    return response;
  }
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function fromNetworkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const stored = (await cache.match(request, { ignoreSearch: true })) ?? (await cache.match('./'));
    if (stored) return stored;
    throw error;
  }
}

async function fromStoreFirst(request) {
  const cache = await caches.open(CACHE);
  const stored = await cache.match(request);
  if (stored) return stored;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // Range requests (media) are left to the network; the app makes none.
  if (request.headers.has('range')) return;
  const respond = request.mode === 'navigate' ? fromNetworkFirst(request) : fromStoreFirst(request);
  event.respondWith(respond.then(isolated));
});
