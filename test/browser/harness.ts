/**
 * Browser-test harness: serves the built app (dist/) with vite's preview server on a free
 * port and drives Debian's Chromium through playwright-core. Collects console errors and
 * failed requests so every test can assert that the page is clean.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { HOOK_TIMEOUT_MS, scaled } from '../timeouts.ts';

export const root = resolve(import.meta.dirname, '../..');
export const screenshotDir = resolve(root, 'test-output/screenshots');

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium 156 builds its omnibox pop-up pages (WebUI, ~150 files and a renderer's CPU for a
  // second or more) for every new window, so every new context, beside the page under test.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** A TCP port free on 127.0.0.1 now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}

/** Serves dist/; `isolated: false` drops COOP/COEP, as a plain static host would. */
export async function serveDist(options: { isolated?: boolean } = {}): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  if (!existsSync(resolve(root, 'dist/index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` before the browser tests');
  }
  const port = await freePort();
  const server: PreviewServer = await preview({
    configFile: false,
    root,
    base: './',
    logLevel: 'silent',
    preview: {
      host: '127.0.0.1',
      port,
      strictPort: true,
      headers: options.isolated === false ? {} : isolationHeaders,
    },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => server.close(),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  pageErrors: string[];
}

/** What a page without problems recorded (compare with toEqual). */
export const NO_PROBLEMS: Readonly<PageProblems> = { consoleErrors: [], failedRequests: [], pageErrors: [] };

/** Opens a page that records console errors, page errors and failed requests. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport });
  // Playwright's 30 s default for clicks and waits is short on a loaded 2-core machine.
  context.setDefaultTimeout(scaled(90_000));
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], pageErrors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('requestfailed', (request) =>
    problems.failedRequests.push(`${request.url()} ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()} ${response.status()}`);
  });
  await page.goto(url);
  return { page, problems };
}

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return resolve(screenshotDir, `${name}.png`);
}

/**
 * Serves dist/ and launches Chromium for the tests of the calling `describe` (beforeAll), and
 * stops both afterwards (afterAll). Read `url` and `browser` inside tests or hooks.
 */
export function useServedApp(options: { isolated?: boolean } = {}): {
  readonly url: string;
  readonly browser: Browser;
} {
  let server: Awaited<ReturnType<typeof serveDist>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serveDist(options);
    browser = await launchBrowser();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, HOOK_TIMEOUT_MS);
  return {
    get url() {
      if (!server) throw new Error('the app is not served yet (use url inside tests or hooks)');
      return server.url;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not started yet (use browser inside tests or hooks)');
      return browser;
    },
  };
}

/** A Content-Security-Policy violation a page reported. */
export interface Violation {
  directive: string;
  blocked: string;
}

/** Records securitypolicyviolation events from the very start of every document. */
export async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { directive: string; blocked: string }[] = [];
    (window as unknown as { __violations: typeof log }).__violations = log;
    document.addEventListener('securitypolicyviolation', (e) => {
      log.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
    });
  });
}

/** The violations recorded so far (recordViolations). */
export const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
