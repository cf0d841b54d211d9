/**
 * The page's entry: a small chunk. It starts the engine's worker at once (src/engineStart.ts),
 * so the worker fetches its script and builds the world while the app's own code — a chunk of
 * its own (src/pageStart.ts), which index.html also loads as a module script after this one
 * (vite.config.ts, scriptDynamicEntry) — is still on its way and evaluating. In development
 * (no such script) this import loads the app.
 */
import './engineStart';
import './ui/style.css';
import './share/share.css';

import('./pageStart').catch((error: unknown) => {
  // The app's chunk did not arrive (the network dropped, a deployment replaced it): say so
  // where the app would be, rather than leaving a blank page.
  const message = document.createElement('p');
  message.className = 'app-starting';
  message.setAttribute('role', 'alert');
  message.textContent = `The app did not load (${(error as Error).message}); reload the page to try again.`;
  document.querySelector('#app')?.replaceChildren(message);
});
