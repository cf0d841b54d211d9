/**
 * The Content-Security-Policy, in the built app (dist/) and on Vite's dev server: the app
 * loads with no console error and no violation, and injected inline script, eval, new
 * Function, inline event handlers and javascript: URLs are all blocked.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../vite.config.ts';
import { HOOK_TIMEOUT_MS, scaled } from '../timeouts.ts';
import {
  freePort,
  launchBrowser,
  NO_PROBLEMS,
  openPage,
  type PageProblems,
  recordViolations,
  root,
  serveDist,
  violations,
} from './harness';

/** Tries every way of running injected code; returns what ran. */
async function injectionAttempts(page: Page): Promise<Record<string, unknown>> {
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = "ran"';
    document.head.append(script);
  });
  const addScriptTag = await page
    .addScriptTag({ content: 'window.__addScriptTag = "ran"' })
    .then(() => 'no error')
    .catch(() => 'refused');
  return page
    .evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const attempt = (f: () => unknown) => {
        try {
          return f();
        } catch (error) {
          return (error as Error).name;
        }
      };
      // DevTools (which runs this function) may always eval, like the console; code the page
      // runs later from its own event loop may not. So the attempts run in a timer callback.
      const tryEval = () =>
        // biome-ignore lint/security/noGlobalEval: the test proves the policy blocks eval.
        window.eval('"ran"');
      const tryFunction = () => new Function('return "ran"')();
      const [evalResult, functionResult] = await new Promise<unknown[]>((done) =>
        setTimeout(() => done([attempt(tryEval), attempt(tryFunction)]), 0),
      );
      const timerString = await new Promise((done) => {
        // A string passed to setTimeout is eval too.
        (setTimeout as unknown as (code: string, ms: number) => void)('window.__timer = "ran"', 0);
        setTimeout(() => done(w.__timer ?? 'blocked'), 50);
      });
      const handler = document.createElement('div');
      handler.setAttribute('onclick', 'window.__handler = "ran"');
      document.body.append(handler);
      handler.click();
      handler.remove();
      const link = document.createElement('a');
      link.href = 'javascript:window.__jsUrl="ran"';
      document.body.append(link);
      link.click();
      link.remove();
      await new Promise((done) => setTimeout(done, 50));
      return {
        inline: w.__inline ?? 'blocked',
        addScriptTag: w.__addScriptTag ?? 'blocked',
        eval: evalResult,
        newFunction: functionResult,
        timerString,
        handler: w.__handler ?? 'blocked',
        javascriptUrl: w.__jsUrl ?? 'blocked',
      };
    })
    .then((ran) => ({ ...ran, addScriptTagCall: addScriptTag }));
}

const BLOCKED = {
  inline: 'blocked',
  addScriptTag: 'blocked',
  eval: 'EvalError',
  newFunction: 'EvalError',
  timerString: 'blocked',
  handler: 'blocked',
  javascriptUrl: 'blocked',
};

describe('the Content-Security-Policy in the built app', () => {
  let server: Awaited<ReturnType<typeof serveDist>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveDist();
    browser = await launchBrowser();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, HOOK_TIMEOUT_MS);

  it('is in dist/index.html, before any script, exactly as in vite.config.ts', () => {
    const html = readFileSync(resolve(root, 'dist/index.html'), 'utf8');
    const meta = html.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(0);
    expect(meta).toBeLessThan(html.indexOf('<script'));
    expect(html).toContain(`content="${contentSecurityPolicy}"`);
  });

  it('lets the app load with no console error and no violation, then blocks every injection', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await recordViolations(page);
    const problems: PageProblems = { consoleErrors: [], failedRequests: [], pageErrors: [] };
    page.on('console', (m) => {
      if (m.type() === 'error') problems.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
    await page.goto(server.url);
    await page.waitForSelector('.node-marker');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(problems).toEqual(NO_PROBLEMS);
    expect(await violations(page)).toEqual([]);

    const ran = await injectionAttempts(page);
    expect(ran).toMatchObject(BLOCKED);
    const seen = await violations(page);
    const directives = new Set(seen.map((v) => v.directive));
    expect(directives).toContain('script-src-elem');
    expect(directives).toContain('script-src-attr');
    expect(seen.some((v) => v.blocked === 'inline')).toBe(true);
    expect(seen.some((v) => v.blocked === 'eval')).toBe(true);
    // The blocked attempts are reported as console errors too (that is how users would see them).
    expect(problems.consoleErrors.some((e) => /Content Security Policy/.test(e))).toBe(true);
    await context.close();
  });

  it('still works when the host sends no headers at all (the CSP from the meta tag; isolation from the service worker)', async () => {
    const plain = await serveDist({ isolated: false });
    try {
      const { page, problems } = await openPage(browser, plain.url);
      await recordViolations(page);
      await page.reload();
      await page.waitForSelector('.node-marker');
      expect(problems).toEqual(NO_PROBLEMS);
      expect(await violations(page)).toEqual([]);
      expect(await injectionAttempts(page)).toMatchObject(BLOCKED);
      await page.context().close();
    } finally {
      await plain.close();
    }
  });
});

describe('the Content-Security-Policy on the dev server', () => {
  let dev: ViteDevServer;
  let browser: Browser;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    dev = await createViteServer({
      configFile: resolve(root, 'vite.config.ts'),
      root,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port, strictPort: true },
    });
    await dev.listen();
    url = `http://127.0.0.1:${port}/`;
    browser = await launchBrowser();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await dev?.close();
  }, HOOK_TIMEOUT_MS);

  it('serves the policy as a header too, and the app runs under it with hot reload connected', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await recordViolations(page);
    const errors: string[] = [];
    const logs: string[] = [];
    page.on('console', (m) => {
      logs.push(m.text());
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    const response = await page.goto(url);
    expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy);
    await page.waitForSelector('.node-marker', { timeout: scaled(60_000) });
    // Vite's client logs this once its WebSocket (connect-src 'self') is open.
    await expect
      .poll(() => logs.some((l) => l.includes('[vite] connected')), { timeout: scaled(20_000) })
      .toBe(true);
    // Vite injects the app's CSS as <style> elements in development (style-src 'unsafe-inline').
    expect(
      await page.evaluate(() => document.querySelectorAll('style[data-vite-dev-id]').length),
    ).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(await injectionAttempts(page)).toMatchObject(BLOCKED);
    await context.close();
  });
});
