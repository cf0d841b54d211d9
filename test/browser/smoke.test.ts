import { describe, expect, it } from 'vitest';
import { openPage, screenshotPath, useServedApp } from './harness';

describe('the built app', () => {
  const app = useServedApp();

  it('loads without console errors or failed requests, cross-origin isolated', async () => {
    const { page, problems } = await openPage(app.browser, app.url);
    expect(await page.textContent('h1')).toContain('Critical-minerals');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.screenshot({ path: screenshotPath('smoke') });
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], pageErrors: [] });
  });
});
