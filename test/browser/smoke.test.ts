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

  it("marks its first month on screen in the task after the frame that draws it (the bench's clock)", async () => {
    const { page, problems } = await openPage(app.browser, app.url);
    await page.click('#run-toggle');
    await page.waitForFunction(
      () => Number.parseInt(document.querySelector('#run-progress-text')?.textContent ?? '', 10) >= 1,
    );
    await page.waitForFunction(() => performance.getEntriesByName('boot:first-month-shown').length > 0);
    const [frame, drawn, shown] = await page.evaluate(() =>
      ['boot:first-month-frame', 'boot:first-month-drawn', 'boot:first-month-shown'].map((name) => {
        const marks = performance.getEntriesByName(name);
        return marks.length === 1 ? marks[0].startTime : Number.NaN;
      }),
    );
    expect(frame).toBeGreaterThan(0);
    expect(drawn).toBeGreaterThanOrEqual(frame);
    expect(shown).toBeGreaterThanOrEqual(drawn);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], pageErrors: [] });
    await page.context().close();
  });
});
