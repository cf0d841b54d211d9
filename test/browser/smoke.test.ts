import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshotPath, serveDist } from './harness';

describe('the built app', () => {
  let server: Awaited<ReturnType<typeof serveDist>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveDist();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads without console errors or failed requests, cross-origin isolated', async () => {
    const { page, problems } = await openPage(browser, server.url);
    await expect(page.locator('h1')).toBeTruthy();
    expect(await page.textContent('h1')).toContain('Critical-minerals');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.screenshot({ path: screenshotPath('smoke') });
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], pageErrors: [] });
  });
});
