/**
 * Registers the app's service worker (public/sw.js): it stores the app for offline use and,
 * on a host that sends no COOP/COEP headers (GitHub Pages), serves the app with them so the
 * page is cross-origin isolated and the engine can use shared memory.
 *
 * A page is only served by a service worker from the load after the worker takes control, so
 * on the first visit to a host without headers the page reloads once, as soon as the worker
 * controls it. It never reloads twice in a row (a flag in sessionStorage), never inside an
 * iframe (an embedded page cannot be isolated unless the page around it is), and not where
 * service workers are unavailable (plain http other than localhost, some private windows):
 * there the engine's transferred-buffer fallback runs, with the same numbers.
 */

const RELOADED = 'critical-minerals:isolation-reload';

export interface ServiceWorkerStart {
  /** True when the page is about to reload to become cross-origin isolated: start nothing. */
  reloading: boolean;
}

/** How long the first visit waits for the new service worker to take control, ms. */
export const CONTROL_WAIT_MS = 10_000;

/**
 * Registers the service worker. Resolves at once when the page is already isolated or no
 * reload is needed; otherwise waits (at most CONTROL_WAIT_MS, before the app starts, so no
 * work is lost) for the worker to control the page, and reloads.
 */
export async function startServiceWorker(win: Window = window): Promise<ServiceWorkerStart> {
  const container = win.navigator.serviceWorker;
  if (!container || !win.isSecureContext) return { reloading: false };
  let registration: ServiceWorkerRegistration;
  try {
    registration = await container.register(new URL('./sw.js', win.document.baseURI).href);
  } catch {
    // No worker (blocked by the browser, or the file is missing): the app runs without one.
    return { reloading: false };
  }
  const storage = safeSessionStorage(win);
  if (win.crossOriginIsolated || win.top !== win || !storage) {
    storage?.removeItem(RELOADED);
    return { reloading: false };
  }
  // Not isolated: once the worker controls this page, a reload comes back isolated. If this
  // page already is that reload, isolation failed for another reason: carry on without it.
  if (storage.getItem(RELOADED) === '1') return { reloading: false };
  // An active worker that does not control the page (a hard reload bypasses it) controls the
  // next ordinary load; a worker still installing claims the page when it activates.
  const controlled =
    container.controller !== null ||
    registration.active !== null ||
    (await new Promise<boolean>((done) => {
      const timer = setTimeout(() => done(false), CONTROL_WAIT_MS);
      container.addEventListener(
        'controllerchange',
        () => {
          clearTimeout(timer);
          done(true);
        },
        { once: true },
      );
    }));
  if (!controlled) return { reloading: false };
  storage.setItem(RELOADED, '1');
  win.location.reload();
  return { reloading: true };
}

function safeSessionStorage(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}
