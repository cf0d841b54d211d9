/**
 * Issue 15 in Chromium: links and embeds that open running (at `month=`, paused when asked),
 * scenario names with "(edited)", exports that stand alone, "Download data", the tables behind
 * the map and the charts, the country page, presentation mode, and the small errors. Screenshots
 * at 1280×800 and 1920×1080 go to test-output/screenshots (and docs/ with UPDATE_DOCS=1).
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { priceFor } from '../../src/data/calibration.ts';
import { PRESETS } from '../../src/scenario/presets.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { scenarioLink } from '../../src/share/address.ts';
import { scaled } from '../timeouts.ts';
import {
  frame,
  openApp,
  openSection,
  readout,
  runId,
  runToEnd,
  SMALL,
  setRunSettings,
  setSpeed,
  settledRunId,
  waitForRun,
} from './appDriver';
import { NO_PROBLEMS, root, screenshotPath, useServedApp } from './harness';

function preset(id: string, extra: Record<string, unknown> = {}): Scenario {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  const v = validateScenario({ ...structuredClone(p.scenario), ...SMALL, ...extra });
  if (!v.ok) throw new Error(v.errors.join('; '));
  return v.scenario;
}

async function linkTo(
  base: string,
  scenario: Scenario,
  view: { month: number | null; paused: boolean } | null,
  embed = false,
) {
  const link = await scenarioLink(scenario, base, { view, embed });
  if (!link.ok) throw new Error(link.errors.join('; '));
  return link.url;
}

async function downloaded(
  page: Page,
  selector: string,
): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return read(file);
}

async function read(file: Download) {
  const path = await file.path();
  const bytes = readFileSync(path);
  return { name: file.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

describe('classroom and slide: links, exports, tables, country page', () => {
  const app = useServedApp();

  it('opens a link running, at the month it names, with the scenario’s own name', async () => {
    const url = await linkTo(app.url, preset('club'), { month: 12, paused: false });
    const { page, problems } = await openApp(app.browser, url);
    // Nobody pressed Run: the link's run finishes by itself.
    await waitForRun(page, 0);
    expect(await page.textContent('#view-month-text')).toContain('Jan 2027');
    // The readouts show the month shown, not the last month.
    expect(await readout(page, 'hhi')).toMatch(/^Jan 2027:/);
    // The Presets box names the link's scenario, not the status quo.
    expect(await page.inputValue('#preset-select')).toBe('club');
    const club = PRESETS.find((p) => p.id === 'club');
    expect(await page.textContent('#preset-description')).toContain(club?.description.slice(0, 40) ?? '');
    const name = preset('club').name;
    expect(await page.textContent('#charts-caption')).toContain(`“${name}”`);

    // An edit makes it "(edited)" everywhere, the Presets box first.
    await openSection(page, 'tariffs');
    const before = await settledRunId(page);
    await page.click('[data-add-lever="tariffs"]');
    await waitForRun(page, before);
    await frame(page);
    expect(await page.textContent('#preset-description')).toContain('Edited:');
    expect(await page.textContent('#charts-caption')).toContain(`“${name} (edited)”`);

    // A preset chosen but not loaded stays chosen through an edit, its re-render and re-run.
    await page.selectOption('#preset-select', 'status-quo');
    expect(await page.textContent('#preset-description')).toContain('Not loaded:');
    const beforeEdit = await settledRunId(page);
    await page.click('[data-add-lever="tariffs"]');
    await waitForRun(page, beforeEdit);
    await frame(page);
    expect(await page.inputValue('#preset-select')).toBe('status-quo');
    expect(await page.textContent('#preset-description')).toContain('Not loaded:');
    // Loading it ends the choice: the box names the scenario on screen again.
    const beforeLoad = await settledRunId(page);
    await page.click('#preset-load');
    await waitForRun(page, beforeLoad);
    await frame(page);
    expect(await page.inputValue('#preset-select')).toBe('status-quo');
    expect(await page.textContent('#preset-description')).not.toContain('Not loaded:');
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });

  it('names an edited status quo "(edited)" in Compare, never "Status quo" against "Status quo"', async () => {
    const url = await linkTo(app.url, preset('status-quo', { tariffs: [] }), null);
    const { page, problems } = await openApp(app.browser, url);
    await waitForRun(page, 0);
    await page.waitForFunction(() =>
      /24 of 24/.test(document.querySelector('#charts-caption')?.textContent ?? ''),
    );
    await page
      .click('[role="tab"][data-tab="compare"]')
      .catch(async () => page.click('#research-tab-compare'));
    await page.waitForFunction(() =>
      (document.querySelector('#compare-status')?.textContent ?? '').includes('against'),
    );
    const text = (await page.textContent('#compare-status')) ?? '';
    expect(text).toContain('“Status quo (edited)” against “Status quo”');
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });

  it('opens an embed with a compact run bar, paused at the month its link names', async () => {
    const url = await linkTo(app.url, preset('ministerial-zone'), { month: 6, paused: true }, true);
    const { page, problems } = await openApp(app.browser, url);
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#run-status')?.dataset.status === 'paused',
      null,
      {
        timeout: scaled(60_000),
      },
    );
    await frame(page);
    // Paused after month 6 (July 2026): seven months done, and the message says the same.
    expect(await page.textContent('#run-progress-text')).toBe('7 / 24 months');
    expect(await page.textContent('#run-status')).toContain('Paused at 7 months');
    expect(await page.textContent('#view-month-text')).toContain('Jul 2026');
    for (const hidden of ['#run-speed', '#run-workers', '#run-seed-mode', '.panel-editor', '.share-bar'])
      expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
    for (const shown of ['#run-toggle', '#run-step', '#run-reset', '#run-progress'])
      expect(await page.locator(shown).isVisible(), shown).toBe(true);
    const header = await page.locator('.app-header').boundingBox();
    expect(header?.height ?? 999).toBeLessThan(130);
    await page.screenshot({ path: screenshotPath('embed-paused-1280') });
    // Run resumes from there.
    await page.click('#run-toggle');
    await waitForRun(page, 0);
    expect(await page.textContent('#run-progress-text')).toBe('24 / 24 months');
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });

  it('exports charts and the map that stand alone, and the data behind each view', async () => {
    const ctx = await app.browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    await ctx.close();
    const url = await linkTo(app.url, preset('ministerial-zone', { months: 12 }), null);
    const { page, problems } = await openApp(app.browser, url);
    await waitForRun(page, 0);
    await frame(page);
    const name = preset('ministerial-zone').name;

    // A chart's SVG: title, legend, unit, scenario, month range, "model results", sources.
    const svg = await downloaded(page, '#chart-price-svg');
    expect(svg.name).toMatch(/\.svg$/);
    for (const part of [
      'Prices paid: Rare earths, refining',
      `Model results for “${name}”, Jan 2026–Dec 2026`,
      'Unit: USD/t',
      'inside Ministerial zone',
      'status quo',
      'calibrated to 2024 data',
      'U.S. Geological Survey',
    ])
      expect(svg.text, part).toContain(part);
    expect(svg.text).not.toMatch(/arrow keys/);
    // A 12-month run's axis names its months, not just "2026".
    expect(svg.text).toContain('>2026<');
    const monthTicks = svg.text.match(/>(Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)</g) ?? [];
    expect(monthTicks.length).toBeGreaterThanOrEqual(3);

    // Download data: the chart's numbers as CSV, and a metadata JSON beside it.
    const [csvFile, metaFile] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.metadata.json')),
      page.click('#chart-price-data'),
    ]).then(async ([a, b]) => [await read(a), await read(b)]);
    expect(csvFile.name).toMatch(/\.csv$/);
    const lines = csvFile.text.trim().split('\n');
    expect(lines[0]).toMatch(/^month,date,inside Ministerial zone,outside,world \(producers\),status quo: /);
    expect(lines).toHaveLength(13);
    const meta = JSON.parse(metaFile.text);
    expect(meta.kind).toBe('model results');
    expect(meta.seed).toBe(1);
    expect(meta.scenarioName).toBe(name);
    expect(meta.scenarioLink).toMatch(/#s=1\./);
    expect(meta.version.app).toMatch(/^\d+\.\d+\.\d+$/);
    expect(meta.sources.length).toBeGreaterThan(3);

    // The map PNG has its arcs and markers: two months give two different pictures.
    const mapA = await downloaded(page, '.share-bar button[data-action="map-png"]');
    await page.locator('#view-month').fill('2');
    await frame(page);
    await page.waitForFunction(() =>
      (document.querySelector('#map-arc-summary')?.textContent ?? '').includes('Mar 2026'),
    );
    const mapB = await downloaded(page, '.share-bar button[data-action="map-png"]');
    expect(mapA.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(mapA.bytes.equals(mapB.bytes)).toBe(false);
    const mapSvg = await downloaded(page, '#map-svg');
    for (const part of [
      'Trade flows of Rare earths, refining, Mar 2026',
      'flow-arc',
      'node-marker',
      'flow: Into the zone',
      'U.S. Geological Survey',
    ])
      expect(mapSvg.text, part).toContain(part);
    const mapData = await Promise.all([
      page.waitForEvent('download'),
      page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.metadata.json')),
      page.click('#map-data'),
    ]).then(async ([a]) => read(a));
    expect(mapData.text.split('\n')[0]).toBe(
      'month,date,exporter,importer,tonnes,value_usd,exporter_in_zone,importer_in_zone',
    );
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });

  it('puts a sortable table behind the map and behind every chart', async () => {
    const url = await linkTo(app.url, preset('ministerial-zone'), { month: 12, paused: false });
    const { page, problems } = await openApp(app.browser, url);
    await waitForRun(page, 0);
    await page.click('#flow-table-box > summary');
    const rows = page.locator('#flow-table tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('#flow-table tbody tr').length > 3);
    expect(await page.textContent('#flow-table-caption')).toContain('Jan 2027, per exporter');
    // Largest first; China leads the exporters of refined rare earths.
    expect(await rows.first().locator('th').textContent()).toBe('China');
    expect(await page.getAttribute('#flow-table thead th:nth-child(2)', 'aria-sort')).toBe('descending');
    // Shares add up to 100%.
    const shares = await page.$$eval('#flow-table tbody tr td:nth-child(4)', (cells) =>
      cells.map((c) => Number.parseFloat(c.textContent ?? '0')),
    );
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    // A header sorts by its column; again, the other way.
    await page.click('#flow-table thead th:nth-child(1) button');
    const names = await page.$$eval('#flow-table tbody tr th', (cells) =>
      cells.map((c) => c.textContent ?? ''),
    );
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(await page.getAttribute('#flow-table thead th:nth-child(1)', 'aria-sort')).toBe('ascending');
    await page.selectOption('#flow-table-by', 'importer');
    await page.waitForFunction(() =>
      (document.querySelector('#flow-table-caption')?.textContent ?? '').includes('per importer'),
    );
    expect(await page.textContent('#flow-table thead')).toContain('Importer');

    // Every chart's numbers as a table, a row per month.
    const charts = await page.$$eval('.panel-charts [data-table-for]', (boxes) =>
      boxes.map((b) => b.getAttribute('data-table-for')),
    );
    expect(charts).toEqual(['price', 'hhi', 'top', 'self', 'unmet', 'money']);
    await page.click('[data-table-for="hhi"] > summary');
    const monthRows = page.locator('[data-table-for="hhi"] tbody tr');
    expect(await monthRows.count()).toBe(24);
    expect(await page.textContent('[data-table-for="hhi"] caption')).toContain('Concentration (HHI)');
    expect(await monthRows.nth(12).locator('th').textContent()).toBe('12');
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });

  it('shows a country page beside the map where the user clicked (1920×1080), and writes screenshots', async () => {
    const url = await linkTo(app.url, preset('ministerial-zone'), { month: 12, paused: false });
    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 1280, height: 800 },
    ]) {
      const { page, problems } = await openApp(app.browser, url, viewport);
      await waitForRun(page, 0);
      await page.waitForFunction(() =>
        /24 of 24/.test(document.querySelector('#charts-caption')?.textContent ?? ''),
      );
      // At 1280×800 a result is beside the map, not all below it.
      const conc = await page.locator('.panel-concentration').boundingBox();
      expect(conc?.y ?? 9999).toBeLessThan(viewport.height - 200);
      await page.screenshot({ path: screenshotPath(`classroom-link-${viewport.width}`) });
      await page.locator('.node-marker[data-node="CHN"]').click();
      await page.mouse.move(0, 0);
      await frame(page);
      const details = await page.locator('.panel-details').boundingBox();
      expect(details, 'details').not.toBeNull();
      // Where the user is looking: the details start inside the window.
      expect(details?.y ?? 9999).toBeLessThan(viewport.height - 150);
      expect((details?.y ?? 0) + 50).toBeGreaterThan(0);
      // Its own series beside the status quo.
      for (const id of ['output', 'trade', 'price', 'unmet', 'self'])
        expect(
          await page.locator(`[data-country-chart="${id}"] path.series:not(.comparison)`).count(),
          id,
        ).toBeGreaterThan(0);
      expect(
        await page.locator('[data-country-chart="output"] path.series.comparison').count(),
      ).toBeGreaterThan(0);
      expect(await page.textContent('#country-page-caption')).toContain('China, Rare earths');
      expect(await readout(page, 'hhi')).toMatch(/^Jan 2027:/);
      await page.screenshot({ path: screenshotPath(`classroom-country-${viewport.width}`) });
      if (process.env.UPDATE_DOCS === '1' && viewport.width === 1920)
        copyFileSync(screenshotPath('classroom-country-1920'), resolve(root, 'docs/country.png'));
      expect(problems).toEqual(NO_PROBLEMS);
      await page.context().close();
    }
  });

  it('presents on a projector: editor folded, large type, results above the fold at 1280×800', async () => {
    const url = await linkTo(app.url, preset('ministerial-zone'), { month: 12, paused: false });
    const { page, problems } = await openApp(app.browser, url, { width: 1280, height: 800 });
    await waitForRun(page, 0);
    const small = await page.evaluate(() =>
      Number.parseFloat(getComputedStyle(document.querySelector('.panel-concentration') as Element).fontSize),
    );
    await page.click('#present-toggle');
    await frame(page);
    expect(await page.getAttribute('#present-toggle', 'aria-pressed')).toBe('true');
    expect(await page.locator('.panel-editor').isVisible()).toBe(false);
    const large = await page.evaluate(() =>
      Number.parseFloat(getComputedStyle(document.querySelector('.panel-concentration') as Element).fontSize),
    );
    expect(large).toBeGreaterThan(small * 1.15);
    for (const selector of ['.world-map-svg', '.concentration-table']) {
      const box = await page.locator(selector).boundingBox();
      expect(box?.y ?? 9999, selector).toBeLessThan(800 - 150);
    }
    await page.screenshot({ path: screenshotPath('classroom-presenting-1280') });
    if (process.env.UPDATE_DOCS === '1')
      copyFileSync(screenshotPath('classroom-presenting-1280'), resolve(root, 'docs/presenting.png'));
    await page.click('#present-toggle');
    expect(await page.locator('.panel-editor').isVisible()).toBe(true);
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });
});

describe('small errors, each fixed', () => {
  const app = useServedApp();

  it('keeps a finished run when an edit comes with Re-run on edit off', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await setRunSettings(page, SMALL);
    await setSpeed(page, 'Infinity');
    const digest = await runToEnd(page);
    await page.uncheck('#run-auto');
    await openSection(page, 'tariffs');
    await page.click('[data-add-lever="tariffs"]');
    await page.waitForFunction(() =>
      (document.querySelector('#run-status')?.textContent ?? '').includes('Scenario edited'),
    );
    // The run is still on screen, with its numbers.
    expect(await page.textContent('#run-progress-text')).toBe('24 / 24 months');
    expect(await readout(page, 'hhi')).toMatch(/^Dec 2027:/);
    expect(await page.getAttribute('#run-status', 'data-digest')).toBe(digest);
    expect(await page.textContent('#charts-caption')).toContain('“Status quo”');
    // Run runs the edited scenario.
    expect(await page.textContent('#run-toggle')).toBe('▶ Run');
    const edited = await runToEnd(page);
    expect(edited).not.toBe(digest);
    expect(await page.textContent('#charts-caption')).toContain('“Status quo (edited)”');
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });

  it('says "Paused at N months" with the N the progress bar shows', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await setRunSettings(page, SMALL);
    // 3 months a second: the 24 months take 8 s, so the pause below comes well before the end
    // even on a loaded machine (at 24 a second the run could end first, and the click then
    // started a new run).
    await setSpeed(page, '3');
    await page.click('#run-toggle');
    await page.waitForFunction(
      () => Number((document.querySelector('#run-progress-text')?.textContent ?? '0').split(' ')[0]) >= 4,
    );
    await page.click('#run-toggle');
    // Until the run has stopped.
    await page.waitForFunction(() => document.querySelector('#run-status')?.textContent?.includes('Paused'));
    await frame(page);
    const done = ((await page.textContent('#run-progress-text')) ?? '').split(' ')[0];
    expect(await page.textContent('#run-status')).toContain(`Paused at ${done} months`);
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });

  it('gives a new lever item its own mineral’s reference price, writes counts and help texts for people', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    // "1 node" (a new zone has one member), and the floor gets that zone.
    await openSection(page, 'zones');
    await page.click('[data-add-lever="zones"]');
    await frame(page);
    expect(await page.textContent('[data-item="zones[0]"] .item-label')).toContain('(1 node)');
    await openSection(page, 'priceFloors');
    await page.click('[data-add-lever="priceFloors"]');
    await page.selectOption('[data-path="priceFloors[0].mineral"]', 'rare_earths');
    await frame(page);
    const floor = Number(await page.inputValue('[data-path="priceFloors[0].floor"]'));
    const reference = priceFor('rare_earths', 'refine')?.usdPerTonne ?? 0;
    expect(floor / reference).toBeCloseTo(1.2, 1);
    // Help texts speak the form's language.
    const help = (await page.$$eval('.field-help', (ps) => ps.map((p) => p.textContent ?? ''))).join('\n');
    expect(help).not.toMatch(/null =|rare_earths/);
    expect(help).toContain('empty = until the end of the run');
    // "1 month".
    await setRunSettings(page, { months: 1, resolution: 1000 });
    expect(await page.textContent('#run-progress-text')).toBe('0 / 1 month');
    const before = await runId(page);
    await page.click('#run-toggle');
    await waitForRun(page, before);
    expect(await page.textContent('#run-status')).toMatch(/^Done: 1 month in/);
    // The Money chart names its mineral.
    expect(await page.textContent('.chart[data-chart="money"] figcaption strong')).toBe('Money: Rare earths');
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });

  it('has a skip link past the editor, and a short map tooltip that follows a zone edit', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('skip-to-results');
    expect(await page.locator('#skip-to-results').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('panel-map'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.panel-map'))).toBe(true);

    // A zone, then the tooltip of China under the pointer.
    await openSection(page, 'zones');
    await page.click('[data-add-lever="zones"]');
    await frame(page);
    const marker = page.locator('.node-marker[data-node="CHN"]');
    await marker.hover();
    const tooltip = page.locator('.map-tooltip');
    await tooltip.waitFor({ state: 'visible' });
    expect(await tooltip.textContent()).toContain('Not in New zone');
    // A zone edit in the editor (the pointer stays on China): the tooltip follows at once.
    await page.fill('[data-path="zones[0].name"]', 'Pacific club');
    await page.waitForFunction(() =>
      (document.querySelector('.map-tooltip')?.textContent ?? '').includes('Not in Pacific club'),
    );
    expect(await tooltip.isVisible()).toBe(true);
    // A click in zone mode adds China; a tooltip still on screen says so.
    await page.selectOption('#map-click', 'zone');
    await marker.hover();
    await marker.click();
    await page.waitForFunction(() =>
      document.querySelector('[data-item="zones[0]"] .item-label')?.textContent?.includes('(2 nodes)'),
    );
    await frame(page);
    if (await tooltip.isVisible()) expect(await tooltip.textContent()).toContain('In Pacific club');
    expect(await tooltip.locator('.tooltip-line').count()).toBeLessThanOrEqual(4);
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });
});
