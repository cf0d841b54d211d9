/**
 * The app end to end: a preset run fills the charts, map arcs and Sankey; the map edits the
 * zone; an export control moves prices; the editor explains invalid values; screenshots at
 * 1280×800; the frame rate during a run of the default scenario.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOOK_TIMEOUT_MS } from '../timeouts.ts';
import {
  editAndRerun,
  frame,
  loadPreset,
  openApp,
  openSection,
  readout,
  runToEnd,
  SMALL,
  setRunSettings,
  setSpeed,
  settledRunId,
  valueIn,
  viewGood,
} from './appDriver';
import { NO_PROBLEMS, type PageProblems, root, screenshotPath, useServedApp } from './harness';

describe('the app', () => {
  const app = useServedApp();
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    ({ page, problems } = await openApp(app.browser, app.url));
  }, HOOK_TIMEOUT_MS);

  it('loads with the editor (every lever), run controls, views and no errors', async () => {
    expect(await page.locator('details.editor-section').count()).toBe(2 + 17 + 2);
    for (const id of [
      '#run-toggle',
      '#run-step',
      '#run-reset',
      '#run-speed',
      '#run-progress',
      '#run-seed-mode',
      '#run-workers',
    ])
      expect(await page.locator(id).count(), id).toBe(1);
    expect(await page.textContent('#run-status')).toContain('Ready');
    expect(await page.locator('.chart').count()).toBe(6);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('runs a preset for 24 months: the charts, map arcs, Sankey and concentration panel show data', async () => {
    await loadPreset(page, 'ministerial-zone');
    expect(await page.textContent('#preset-description')).toContain('preferential trade zone');
    await setRunSettings(page, SMALL);
    await setSpeed(page, 'Infinity');
    await runToEnd(page);
    expect(await page.textContent('#run-progress-text')).toContain('24 / 24 months');

    // Every chart has a scenario line with a point per month.
    for (const chart of ['price', 'hhi', 'top', 'self', 'unmet', 'money']) {
      const d = await page.getAttribute(`.chart[data-chart="${chart}"] path.series:not(.comparison)`, 'd');
      expect((d ?? '').split(/[ML]/).length - 1, chart).toBeGreaterThanOrEqual(24);
    }
    // The status quo is drawn behind, once its run is done.
    await page.waitForFunction(() =>
      document.querySelector('#charts-caption')?.textContent?.includes('(24 of 24 months)'),
    );
    expect(await page.locator('.chart[data-chart="hhi"] path.series.comparison').count()).toBeGreaterThan(0);
    const price = await readout(page, 'price');
    expect(valueIn(price, 'inside Ministerial zone')).toBeGreaterThan(1000);
    expect(price).toContain('status quo');
    expect(await readout(page, 'hhi')).toMatch(/refining [\d,]+/);

    // Map arcs: the 30 largest flows, each with a width and an arrowhead.
    const arcs = await page.locator('.flow-arc').count();
    expect(arcs).toBeGreaterThan(5);
    expect(arcs).toBeLessThanOrEqual(30);
    const widths = await page
      .locator('.flow-arc .arc-line')
      .evaluateAll((lines) => lines.map((l) => Number(l.getAttribute('stroke-width'))));
    expect(Math.max(...widths)).toBeGreaterThan(Math.min(...widths));
    expect(await page.locator('.flow-arc .arc-head').count()).toBe(arcs);
    expect(await page.textContent('#map-arc-summary')).toContain('largest of');

    // The tooltip, kept short: zone membership, the month's model figures, where the rest is.
    await page.hover('.node-marker[data-node="CHN"]');
    const tooltip = page.locator('.map-tooltip');
    await tooltip.waitFor({ state: 'visible' });
    const tip = (await tooltip.textContent()) ?? '';
    for (const part of [
      'Dec 2027, rare earths refining',
      'output',
      'imports',
      'exports',
      'sells at',
      'unmet demand',
      'Not in Ministerial zone',
      'Click (or Enter) for its details',
    ]) {
      expect(tip, part).toContain(part);
    }
    expect(await tooltip.locator('.tooltip-line').count()).toBeLessThanOrEqual(7);
    await page.mouse.move(0, 0);

    // The flows threshold: fewer arcs when the slider goes down.
    await page.locator('#map-flows').fill('0');
    await page.waitForFunction(() => document.querySelectorAll('.flow-arc').length === 5);
    await page.locator('#map-flows').fill('3');
    await page.waitForFunction(() => document.querySelectorAll('.flow-arc').length > 5);

    // Sankey: mine → refine → magnets → use for rare earths, with "Other" groups.
    const columns = await page.locator('.sankey-columns text').allTextContents();
    expect(columns).toEqual(['Mined in', 'Refined in', 'Magnets made in', 'Used in']);
    expect(await page.locator('.sankey-nodes g').count()).toBeGreaterThan(8);
    expect(await page.locator('.sankey-links path').count()).toBeGreaterThan(8);
    expect(await page.locator('.sankey-nodes g[data-node="0:CHN"]').count()).toBe(1);
    // Users as the zone and the rest.
    await page.selectOption('#sankey-users', 'zone');
    await page.waitForSelector('.sankey-nodes g[data-node="3:@inside"]');
    expect(await page.textContent('.sankey-nodes g[data-node="3:@outside"] text')).toBe(
      'Outside Ministerial zone',
    );
    await page.selectOption('#sankey-users', 'countries');

    // Concentration: 29 goods under five use headings; refined rare earths highly concentrated.
    expect(await page.locator('.concentration-table tbody tr[data-good]').count()).toBe(29);
    expect(await page.locator('.concentration-table tbody tr.use-group').allTextContents()).toEqual([
      'Batteries',
      'Magnets',
      'Electronics and power',
      'Alloys and hard metals',
      'Catalysts',
    ]);
    const reeRefine = page.locator(
      '.concentration-table tr[data-mineral="rare_earths"][data-stage="refine"]',
    );
    expect(Number((await reeRefine.locator('.hhi-value').textContent())?.replace(/,/g, ''))).toBeGreaterThan(
      1800,
    );
    expect(await reeRefine.textContent()).toContain('China');

    // A click on a chart shows that month everywhere.
    const hhiChart = page.locator('.chart[data-chart="hhi"] .overlay');
    await hhiChart.scrollIntoViewIfNeeded();
    const box = await hhiChart.boundingBox();
    if (!box) throw new Error('no chart overlay');
    await page.mouse.click(box.x + 2, box.y + box.height / 2);
    await page.waitForFunction(() =>
      document.querySelector('#view-month-text')?.textContent?.startsWith('Jan 2026'),
    );
    await page.mouse.move(0, 0);
    await page.click('#view-latest');

    await page.screenshot({ path: screenshotPath('app-1280-viewport') });
    await page.screenshot({ path: screenshotPath('app-1280-full'), fullPage: true });
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("adds China to the zone from the map, and the zone's self-sufficiency in refined rare earths rises", async () => {
    await viewGood(page, 'rare_earths', 'refine');
    const before = valueIn(await readout(page, 'self'), 'refining');
    await page.selectOption('#map-click', 'zone');
    await frame(page);
    expect(await page.getAttribute('.node-marker[data-node="CHN"]', 'aria-label')).toContain(
      'add to Ministerial zone',
    );
    await editAndRerun(page, () => page.click('.node-marker[data-node="CHN"]'));
    expect(await page.getAttribute('.node-marker[data-node="CHN"]', 'class')).toContain('is-member');
    const after = valueIn(await readout(page, 'self'), 'refining');
    expect(after).toBeGreaterThan(before + 40);
    // The editor shows the new member.
    expect(await page.locator('[data-field="zones[0].members"] button.chip[data-code="CHN"]').count()).toBe(
      1,
    );

    // Any EU member takes the whole customs union out, and back in.
    await editAndRerun(page, () => page.click('.node-marker[data-node="FRA"]'));
    for (const code of ['FRA', 'DEU', 'EUR']) {
      expect(await page.getAttribute(`.node-marker[data-node="${code}"]`, 'class'), code).not.toContain(
        'is-member',
      );
    }
    await editAndRerun(page, () => page.keyboard.press('Enter')); // the FRA marker keeps the focus
    expect(await page.getAttribute('.node-marker[data-node="EUR"]', 'class')).toContain('is-member');
    expect(await page.textContent('.editor-status')).toContain('Valid');

    await editAndRerun(page, () => page.click('.node-marker[data-node="CHN"]'));
    await page.selectOption('#map-click', 'details');
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('raises the outside price of nickel ore when Indonesia bans ore exports', async () => {
    await viewGood(page, 'nickel', 'mine');
    const before = valueIn(await readout(page, 'price'), 'outside');
    await openSection(page, 'exportControls');
    await editAndRerun(page, () => page.click('[data-add-lever="exportControls"]'));
    // A new control is about the good on view, by its largest producer: choose only what differs
    // (an unchanged value runs nothing new).
    for (const [field, value] of [
      ['exporter', 'IDN'],
      ['mineral', 'nickel'],
      ['stage', 'mine'],
    ] as const) {
      const path = `[data-path="exportControls[0].${field}"]`;
      if ((await page.inputValue(path)) !== value)
        await editAndRerun(page, () => page.selectOption(path, value));
    }
    expect(await page.inputValue('[data-path="exportControls[0].kind"]')).toBe('ban');
    const after = valueIn(await readout(page, 'price'), 'outside');
    expect(after).toBeGreaterThan(before * 1.2);
    // Indonesian ore leaves no more: no arc from IDN on the map.
    expect(await page.locator('.flow-arc[data-from="IDN"]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('app-1280-export-ban'), fullPage: false });
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('explains an invalid value beside its field, and runs keep the last valid scenario', async () => {
    const run = await settledRunId(page);
    await openSection(page, 'tariffs');
    const rate = '[data-path="tariffs[0].rate"]';
    await page.fill(rate, '20');
    const error = page.locator('[data-error-for="tariffs[0].rate"]');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toMatch(/10/);
    expect(await page.getAttribute(rate, 'aria-invalid')).toBe('true');
    expect(await page.textContent('.editor-status')).toContain('runs use the last valid scenario');
    expect(await page.textContent('[data-error-badge="tariffs"]')).toContain('1 to fix');
    await page.waitForTimeout(600);
    expect(await settledRunId(page)).toBe(run);
    await page.fill(rate, '0.1');
    await error.waitFor({ state: 'hidden' });
    expect(await page.textContent('.editor-status')).toContain('Valid');
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('steps one month at a time and resets', async () => {
    await page.click('#run-reset');
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#run-status')?.dataset.status === 'idle',
    );
    await page.click('#run-step');
    await page.waitForFunction(() =>
      document.querySelector('#run-progress-text')?.textContent?.startsWith('1 / 24'),
    );
    await page.click('#run-step');
    await page.waitForFunction(() =>
      document.querySelector('#run-progress-text')?.textContent?.startsWith('2 / 24'),
    );
    expect(await page.textContent('#run-toggle')).toContain('Resume');
    await page.click('#run-reset');
    await page.waitForFunction(() =>
      document.querySelector('#run-progress-text')?.textContent?.startsWith('0 / 24'),
    );
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('repeats a run with the same seed, and draws a new seed for each run when asked', async () => {
    const first = await runToEnd(page);
    expect(await runToEnd(page)).toBe(first);
    const seed = await page.textContent('#run-seed');
    await page.selectOption('#run-seed-mode', 'new');
    const other = await runToEnd(page);
    const drawn = await page.textContent('#run-seed');
    expect(drawn).not.toBe(seed);
    expect(other).not.toBe(first);
    // The editor shows the seed the run used, so the run can be repeated.
    expect(await page.inputValue('[data-path="seed"]')).toBe(drawn);
    await page.selectOption('#run-seed-mode', 'same');
    expect(await runToEnd(page)).toBe(other);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('measures the frame rate during runs of the default scenario (5,000 agents, 120 months)', async () => {
    const { page: fresh, problems: freshProblems } = await openApp(app.browser, app.url, {
      width: 1920,
      height: 1080,
    });
    /** Counts animation frames while the default scenario runs at `speed` months a second. */
    async function measure(speed: string) {
      await setSpeed(fresh, speed);
      await fresh.evaluate(() => {
        const w = window as unknown as { __frames: number; __counting: boolean };
        w.__frames = 0;
        w.__counting = true;
        const tick = () => {
          if (!w.__counting) return;
          w.__frames++;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const started = Date.now();
      await runToEnd(fresh);
      const seconds = (Date.now() - started) / 1000;
      const frames = await fresh.evaluate(() => {
        const w = window as unknown as { __frames: number; __counting: boolean };
        w.__counting = false;
        return w.__frames;
      });
      return {
        speed: speed === 'Infinity' ? 'max' : `${speed} months/s`,
        seconds,
        frames,
        fps: frames / seconds,
      };
    }
    const runs = [await measure('Infinity'), await measure('12')];
    const report = {
      scenario: 'Status quo (default)',
      agents: 5000,
      months: 120,
      viewport: '1920×1080',
      runs,
    };
    writeFileSync(resolve(root, 'test-output/fps.json'), `${JSON.stringify(report, null, 2)}\n`);
    for (const r of runs) {
      console.log(
        `frame rate during a default run at ${r.speed}: ${r.fps.toFixed(1)} fps (${r.frames} frames in ${r.seconds.toFixed(2)} s)`,
      );
      expect(r.frames).toBeGreaterThan(0);
    }
    expect(freshProblems).toEqual(NO_PROBLEMS);
    await fresh.context().close();
  });
});
