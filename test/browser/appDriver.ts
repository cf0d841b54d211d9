/**
 * Drives the app in the browser tests through its controls, as a user would: run settings,
 * presets, the run button, the map and the editor. Small runs (2,000 agents, 24 months) keep
 * the suite fast.
 */
import type { Browser, Page } from 'playwright-core';
import { scaled } from '../timeouts.ts';
import { openPage, type PageProblems } from './harness';

export const SMALL = { months: 24, resolution: 2000 };

export async function openApp(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; problems: PageProblems }> {
  const opened = await openPage(browser, url, viewport);
  await opened.page.waitForSelector('.node-marker[data-node="ROW"]');
  // The borders come after the first paint.
  await opened.page.waitForSelector('.world-map[data-borders="loaded"]');
  // So are the research tools (the embedded view hides them).
  await opened.page.waitForSelector('.research-tabs', { state: 'attached' });
  return opened;
}

/** Months and agents through the editor; waits until the app has applied them. */
export async function setRunSettings(page: Page, settings: { months: number; resolution: number }) {
  await openSection(page, 'settings');
  await page.fill('[data-path="months"]', String(settings.months));
  await page.fill('[data-path="resolution"]', String(settings.resolution));
  await page.waitForFunction(
    // "/ 1 month", "/ 24 months".
    (months) => document.querySelector('#run-progress-text')?.textContent?.includes(`/ ${months} month`),
    settings.months,
  );
}

export async function setSpeed(page: Page, speed: 'Infinity' | string) {
  await page.selectOption('#run-speed', speed);
}

export async function runId(page: Page): Promise<number> {
  return Number((await page.getAttribute('#run-status', 'data-run')) ?? '0');
}

/** Waits for a run newer than `after` to finish; returns its results digest. */
export async function waitForRun(page: Page, after: number, timeout = scaled(180_000)): Promise<string> {
  await page
    .waitForFunction(
      (previous) => {
        const status = document.querySelector<HTMLElement>('#run-status');
        return (
          status?.dataset.status === 'done' &&
          Number(status.dataset.run) > previous &&
          !!status.dataset.digest
        );
      },
      after,
      // Interval polling: the default polls every animation frame, which adds its own work to
      // the frames the frame-rate test counts.
      { timeout, polling: 100 },
    )
    .catch(async (error: Error) => {
      // Says where the run stood (paused by a stray click, failed, still running…).
      const status = await page
        .evaluate(() => {
          const s = document.querySelector<HTMLElement>('#run-status');
          return s ? `${JSON.stringify({ ...s.dataset })} “${s.textContent}”` : 'no run status';
        })
        .catch((e: Error) => `unreadable (${e.message})`);
      throw new Error(`no run after run ${after} finished: the run bar says ${status}; ${error.message}`);
    });
  // The views draw on the next frames (on a busy machine, a few): let them catch up.
  await frame(page);
  await frame(page);
  return (await page.getAttribute('#run-status', 'data-digest')) ?? '';
}

/** Presses Run and waits for the whole run. */
export async function runToEnd(page: Page): Promise<string> {
  const before = await runId(page);
  await page.click('#run-toggle');
  return waitForRun(page, before);
}

export async function openSection(page: Page, key: string) {
  const section = page.locator(`details[data-section="${key}"]`);
  if (!(await section.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await section.locator('summary').click();
  }
}

export async function loadPreset(page: Page, id: string) {
  await openSection(page, 'presets');
  await page.selectOption('#preset-select', id);
  await page.click('#preset-load');
}

/** The text under a chart: 'Dec 2027: label value (status quo value) · …'. */
export async function readout(page: Page, chart: string): Promise<string> {
  return (await page.textContent(`.chart[data-chart="${chart}"] .chart-readout`)) ?? '';
}

/** The value after `label` in a chart readout, as a number (percent signs and commas dropped). */
export function valueIn(text: string, label: string): number {
  const at = text.indexOf(`${label} `);
  if (at < 0) throw new Error(`no "${label}" in: ${text}`);
  const m = /^-?[\d,.]+/.exec(text.slice(at + label.length + 1));
  if (!m) throw new Error(`no number after "${label}" in: ${text}`);
  return Number(m[0].replace(/,/g, ''));
}

/** Waits until the app has drawn its state (it renders once per animation frame). */
export async function frame(page: Page) {
  await page.evaluate(
    () => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))),
  );
}

export async function viewGood(page: Page, mineral: string, stage: string) {
  await page.selectOption('#view-mineral', mineral);
  await page.selectOption('#view-stage', stage);
  await frame(page);
}

/** The id of the latest run once nothing is running and the page has drawn it. */
export async function settledRunId(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const status = document.querySelector<HTMLElement>('#run-status');
    const s = status?.dataset.status;
    // Until the address is read a link's run may not have started yet (status still idle).
    return status?.dataset.address === 'read' && (s === 'done' || s === 'idle' || s === 'error');
  });
  await frame(page);
  return runId(page);
}

/** Does an edit and waits for the re-run it causes; returns the new digest. */
export async function editAndRerun(page: Page, edit: () => Promise<unknown>): Promise<string> {
  const before = await settledRunId(page);
  await edit();
  return waitForRun(page, before);
}
