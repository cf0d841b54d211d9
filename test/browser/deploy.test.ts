/**
 * The built app on a static host that sends no headers at all (GitHub Pages): the service
 * worker makes the page cross-origin isolated (shared memory works), the CSP from the <meta>
 * tag holds, and once loaded the app reloads and runs with the host gone (offline).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SINGLE_THREAD_MAX_AGENTS } from '../../src/parallel/client.ts';
import { HOOK_TIMEOUT_MS, scaled } from '../timeouts.ts';
import { setRunSettings, setSpeed, settledRunId, waitForRun } from './appDriver';
import { launchBrowser, recordViolations, screenshotPath, violations } from './harness';
import { type StaticHost, serveStatic } from './staticHost';

/** Tries eval, a string timer and an inline script from the page's own event loop. */
const injections = (page: Page) =>
  page.evaluate(async () => {
    const w = window as unknown as Record<string, unknown>;
    const script = document.createElement('script');
    script.textContent = 'window.__inline = "ran"';
    document.head.append(script);
    const evalResult = await new Promise((done) =>
      setTimeout(() => {
        try {
          // biome-ignore lint/security/noGlobalEval: the test proves the policy blocks eval.
          done(window.eval('"ran"'));
        } catch (error) {
          done((error as Error).name);
        }
      }, 0),
    );
    await new Promise((done) => setTimeout(done, 50));
    return { inline: w.__inline ?? 'blocked', eval: evalResult };
  });

const BLOCKED = { inline: 'blocked', eval: 'EvalError' };

/** Runs a small scenario through the run bar; returns what the run bar says of the workers. */
/**
 * A short run just above the size the app runs in one thread, so it runs on block workers (in
 * shared memory when the page is isolated); returns the run bar's "(N in use, …)".
 */
async function runSmall(page: Page): Promise<string> {
  await setRunSettings(page, { months: 2, resolution: SINGLE_THREAD_MAX_AGENTS + 1 });
  await setSpeed(page, 'Infinity');
  // A page opened from a link runs at once, and edits re-run: wait until nothing runs.
  const before = await settledRunId(page);
  await page.click('#run-toggle');
  await waitForRun(page, before, scaled(120_000));
  return (await page.textContent('#run-workers-used')) ?? '';
}

describe('on a static host that sends no headers', () => {
  let host: StaticHost;
  let browser: Browser;
  beforeAll(async () => {
    host = await serveStatic();
    browser = await launchBrowser();
  }, scaled(120_000));
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  }, HOOK_TIMEOUT_MS);

  it('becomes cross-origin isolated through the service worker, keeps the CSP, and works offline', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await recordViolations(page);
    await page.goto(host.url);
    // The first visit reloads once, as soon as the service worker controls the page.
    await page.waitForSelector('.node-marker[data-node="ROW"]', { timeout: scaled(120_000) });
    expect(
      await page.evaluate(() => ({
        isolated: crossOriginIsolated,
        shared: typeof SharedArrayBuffer,
        controlled: navigator.serviceWorker.controller !== null,
      })),
    ).toEqual({ isolated: true, shared: 'function', controlled: true });
    expect(await runSmall(page)).toMatch(/shared memory/);
    expect(await violations(page)).toEqual([]);
    expect(await injections(page)).toEqual(BLOCKED);
    expect((await violations(page)).map((v) => v.directive)).toEqual(
      expect.arrayContaining(['script-src-elem', 'script-src']),
    );

    // Offline: the host is gone. The page reloads from the service worker's store, still
    // isolated, and runs (the workers' scripts come from the store too).
    await host.close();
    const requestsBefore = host.requests.length;
    await page.reload();
    await page.waitForSelector('.node-marker[data-node="ROW"]', { timeout: scaled(120_000) });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await runSmall(page)).toMatch(/shared memory/);
    expect(host.requests.length).toBe(requestsBefore);
    await page.screenshot({ path: screenshotPath('offline-headerless') });
    expect(await violations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('serves bench.html with the same CSP (eval and inline scripts blocked)', async () => {
    const again = await serveStatic();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await recordViolations(page);
      await page.goto(`${again.url}bench.html`);
      await page.waitForFunction(() => (window as unknown as { bench?: unknown }).bench !== undefined);
      expect(await injections(page)).toEqual(BLOCKED);
      await context.close();
    } finally {
      await again.close();
    }
  });
});
