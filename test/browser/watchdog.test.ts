/**
 * The watchdog in Chromium. A coordinator worker that stops answering without an error (here:
 * an endless loop evaluated inside it through the DevTools protocol, the app untouched) is
 * reported in the run bar with what was running, terminated, and replaced on the next run;
 * Reset and Run work again without a reload. A block worker that stops answering (the bench
 * page's debug fault `hang`) is named, and the next run starts new workers.
 */
import type { Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BenchParams, BenchReport } from '../../src/parallel/benchPage.ts';
import { scaled } from '../timeouts.ts';
import { openApp, SMALL, setRunSettings, setSpeed, waitForRun } from './appDriver';
import { openPage, screenshotPath, useServedApp } from './harness';

function runOn(page: Page, params: Partial<BenchParams>): Promise<BenchReport> {
  return page.evaluate((p) => window.bench.run(p), params);
}

/** The page's coordinator workers (the scenario's and the status quo's). */
function coordinatorsOf(page: Page): Worker[] {
  return page.workers().filter((w) => w.url().includes('coordinator.worker'));
}

describe('the watchdog', () => {
  const app = useServedApp();

  it('reports a coordinator that stops answering, with what it was doing, and runs again after Reset', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await setRunSettings(page, SMALL);
    await setSpeed(page, '3');
    await page.click('#run-toggle');
    await page.waitForFunction(
      () => Number(document.querySelector('#run-progress-text')?.textContent?.split(' ')[0]) >= 2,
      undefined,
      {
        timeout: scaled(120_000),
      },
    );
    // Every coordinator's thread loops forever: no error, no answer (never awaited: it never ends).
    const coordinators = coordinatorsOf(page);
    expect(coordinators.length).toBeGreaterThanOrEqual(1);
    for (const coordinator of coordinators) {
      coordinator
        .evaluate(() => {
          for (;;) {
            // stuck
          }
        })
        .catch(() => undefined);
    }
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#run-status')?.dataset.status === 'error',
      undefined,
      {
        timeout: scaled(120_000),
        polling: 250,
      },
    );
    const status = (await page.textContent('#run-status')) ?? '';
    expect(status).toMatch(
      /^The engine failed: the coordinator worker stopped answering during month \d+ \([\w ]+\) of “Status quo” \(2,000 agents, \d workers?\): no reply in \d+ s; it and its workers were stopped, and the next run starts new ones/,
    );
    await page.screenshot({ path: screenshotPath('watchdog-coordinator') });
    // The stopped worker is gone; Reset and Run start a new coordinator, and the run completes.
    await page.click('#run-reset');
    await setSpeed(page, 'Infinity');
    const before = Number((await page.getAttribute('#run-status', 'data-run')) ?? '0');
    await page.click('#run-toggle');
    await waitForRun(page, before, scaled(180_000));
    expect(await page.textContent('#run-status')).toMatch(/^Done: 24 months/);
    expect(problems.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('names a block worker that stops answering, stops it, and runs again (bench page)', async () => {
    const { page } = await openPage(app.browser, `${app.url}bench.html`);
    await page.waitForFunction(() => window.bench !== undefined);
    const params = { preset: 'status-quo', resolution: 3000, months: 12, workers: 2 };
    for (const memory of ['shared', 'transfer'] as const) {
      const limit = scaled(5000);
      const hung = await runOn(page, { ...params, memory, fault: '1:3:decide:hang', phaseTimeoutMs: limit });
      expect(hung.ok).toBe(false);
      expect(hung.error?.worker).toBe(1);
      expect(hung.error?.message).toBe(
        `worker 1 stopped answering during month 3 (decide): no reply in ${Math.round(limit / 1000)} s; the workers were stopped, and the next run starts new ones`,
      );
      const again = await runOn(page, { ...params, memory });
      expect(again.ok, memory).toBe(true);
      expect(again.monthsReceived).toBe(12);
    }
    await page.context().close();
  });
});
