/**
 * The research panel end to end, on a small run (2,000 agents, 12 months) of the Ministerial
 * zone preset: compare with the status quo and with a pinned run; an ensemble with its band,
 * reproducible, and a cancelled one; a 2×2 sweep with its heatmap, table and CSV (byte for byte
 * the command line's); the GSIM benchmark beside the agents. Screenshots of each tab.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSimCli } from '../../src/cli/sim.ts';
import { HOOK_TIMEOUT_MS, scaled } from '../timeouts.ts';
import {
  frame,
  loadPreset,
  openApp,
  runToEnd,
  setRunSettings,
  setSpeed,
  settledRunId,
  waitForRun,
} from './appDriver';
import { NO_PROBLEMS, type PageProblems, root, screenshotPath, useServedApp } from './harness';

const RUN = { months: 12, resolution: 2000 };

/** Waits until a job's progress line reads exactly `text` (not "0 of 4 points done"). */
async function jobEnded(page: Page, prefix: string, text: string | RegExp) {
  const where = async () =>
    `${await page.textContent(`#${prefix}-progress-text`)} | ${await page.textContent(`#${prefix}-message`)}`;
  await page
    .waitForFunction(
      ({ prefix, source }) => {
        const line = document.querySelector(`#${prefix}-progress-text`)?.textContent ?? '';
        return (
          new RegExp(source).test(line) &&
          !document.querySelector<HTMLButtonElement>(`#${prefix}-run`)?.disabled
        );
      },
      { prefix, source: typeof text === 'string' ? `^${text}$` : text.source },
      { timeout: scaled(90_000), polling: 100 },
    )
    .catch(async (error: Error) => {
      throw new Error(`${error.message}: the job reads "${await where()}"`);
    });
  await frame(page);
}

async function showTab(page: Page, id: string) {
  await page.click(`#research-tab-${id}`);
  await page.locator('#research').scrollIntoViewIfNeeded();
  await frame(page);
}

describe('research in the app', () => {
  const app = useServedApp();
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    ({ page, problems } = await openApp(app.browser, app.url));
    await loadPreset(page, 'ministerial-zone');
    await setRunSettings(page, RUN);
    await setSpeed(page, 'Infinity');
    await runToEnd(page);
    await page.waitForFunction(() =>
      document.querySelector('#charts-caption')?.textContent?.includes('(12 of 12 months)'),
    );
  }, HOOK_TIMEOUT_MS);

  it('compares the run with the status quo, then with a pinned run: prices, trade, concentration and welfare', async () => {
    await showTab(page, 'compare');
    await page.waitForSelector('#compare-welfare');
    expect(await page.textContent('#compare-status')).toMatch(
      /“Ministerial preferential trade zone” against “Status quo” over 12 months; zone: Ministerial zone/,
    );
    // The zone's floor on refined rare earths lifts the price inside the zone.
    const inside = await page.locator('#compare-prices tbody tr').first().locator('td').allTextContents();
    expect(inside[2]).toMatch(/^\+[\d,]+$/);
    // Trade created among members, largest first, with the zone's total.
    expect(await page.locator('#compare-trade tbody tr').count()).toBeGreaterThan(5);
    expect(await page.textContent('#compare-trade tfoot')).toMatch(/Ministerial zone, total.*\+[\d.,]+ t/);
    // Welfare in USD bn: five rows, four columns (zone and world, the mineral and all).
    const welfare = await page
      .locator('#compare-welfare tbody tr, #compare-welfare tfoot tr')
      .allTextContents();
    expect(welfare.map((row) => row.split(/[+−±]/)[0])).toEqual([
      'consumer surplus',
      'producer surplus',
      'revenue',
      'fiscal cost',
      'total',
    ]);
    expect(await page.locator('#compare-welfare tfoot td').count()).toBe(4);
    // The floor's levy is revenue for the zone.
    expect(
      await page.locator('#compare-welfare tbody tr').nth(2).locator('td').first().textContent(),
    ).toMatch(/^\+\d+\.\d{3}$/);
    await page.locator('#research').screenshot({ path: screenshotPath('research-compare-status-quo') });

    // Pin this run, change the scenario (another preset), and compare the new run with the pinned one.
    await page.click('#compare-pin');
    await frame(page);
    expect(await page.inputValue('#compare-baseline')).toBe('pinned');
    expect(await page.textContent('#compare-pinned')).toContain(
      '“Ministerial preferential trade zone”, seed 1',
    );
    const before = await settledRunId(page);
    await loadPreset(page, 'club');
    await waitForRun(page, before);
    await showTab(page, 'compare');
    await page.waitForFunction(() =>
      document
        .querySelector('#compare-status')
        ?.textContent?.includes('against “Ministerial preferential trade zone”'),
    );
    await page.waitForSelector('#compare-welfare tfoot td');
    expect(await page.textContent('#compare-status')).toMatch(/^Model results: “[^”]+” against “Ministerial/);
    await page.locator('#research').screenshot({ path: screenshotPath('research-compare-pinned') });
    // Back to the status quo as the baseline, then unpinned.
    await page.selectOption('#compare-baseline', 'status-quo');
    await page.waitForFunction(() =>
      document.querySelector('#compare-status')?.textContent?.includes('against “Status quo”'),
    );
    await page.click('#compare-unpin');
    await frame(page);
    expect(await page.isDisabled('#compare-unpin')).toBe(true);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('runs a 3-member ensemble in workers and draws the median with its 5–95% band; the same settings give the same band; cancel stops a long one', async () => {
    await showTab(page, 'ensemble');
    await page.fill('#ensemble-runs', '3');
    await page.click('#ensemble-add-range');
    await page.fill('#ensemble-range-path-1', 'elasticities.demand');
    await page.locator('#ensemble-range-path-1').dispatchEvent('change');
    // Prefilled ±25% around the scenario's −0.2.
    expect(await page.inputValue('#ensemble-range-low-1')).toBe('-0.25');
    expect(await page.inputValue('#ensemble-range-high-1')).toBe('-0.15');
    await page.click('#ensemble-run');
    await jobEnded(page, 'ensemble', '3 runs done');
    const chart = page.locator('.ensemble-chart[data-chart="ensemble-rare_earths.price.world"]');
    const band = await chart.locator('path.band').getAttribute('d');
    expect((band ?? '').split(/[ML]/).length - 1).toBeGreaterThanOrEqual(2 * 12);
    expect(await chart.locator('path.series').count()).toBe(1);
    const readout = (await chart.locator('.chart-readout').textContent()) ?? '';
    expect(readout).toMatch(/^Dec 2026: median [\d,]+ · 5–95% [\d,]+–[\d,]+$/);
    expect(await page.textContent('#ensemble-caption')).toMatch(
      /3 of 3 runs .* seeds 1–3; ranges: elasticities\.demand -0\.25 to -0\.15/,
    );
    expect(await page.locator('#ensemble-members tbody tr').count()).toBe(3);
    await page.locator('#research').screenshot({ path: screenshotPath('research-ensemble') });
    // The README's picture of the research panel (UPDATE_DOCS=1).
    if (process.env.UPDATE_DOCS === '1')
      copyFileSync(screenshotPath('research-ensemble'), resolve(root, 'docs/research.png'));

    // The ensemble's charts export as figures that stand alone: title, scenario, sources.
    const title = ((await chart.locator('figcaption strong').textContent()) ?? '').trim();
    expect(title.length).toBeGreaterThan(0);
    const share = page.locator('details.share-charts');
    if ((await share.getAttribute('open')) === null) await share.locator('summary').click();
    const row = page.locator('.share-chart', { hasText: title }).first();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      row.locator('button', { hasText: 'SVG' }).click(),
    ]);
    const figure = readFileSync(await file.path(), 'utf8');
    expect(figure).toContain(title.replace(/&/g, '&amp;'));
    expect(figure).toMatch(/Model results for/);
    expect(figure).toMatch(/calibrated to 2024 data/);
    await share.locator('summary').click();

    // The same settings again: the same seeds and draws, so the same band.
    await page.click('#ensemble-run');
    await jobEnded(page, 'ensemble', '3 runs done');
    expect(await chart.locator('.chart-readout').textContent()).toBe(readout);

    // A long ensemble, cancelled at once: the workers stop and the run button is back.
    await page.fill('#ensemble-runs', '40');
    await page.click('#ensemble-run');
    expect(await page.isEnabled('#ensemble-cancel')).toBe(true);
    await page.click('#ensemble-cancel');
    await jobEnded(page, 'ensemble', /^Cancelled after \d+ of 40 runs$/);
    const done = Number(
      /after (\d+) of/.exec((await page.textContent('#ensemble-progress-text')) ?? '')?.[1],
    );
    expect(done).toBeLessThan(40);
    expect(await page.isDisabled('#ensemble-cancel')).toBe(true);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('runs a 2×2 sweep: heatmap, table, and the command line’s CSV', async () => {
    await loadPreset(page, 'ministerial-zone');
    await settledRunId(page);
    await showTab(page, 'sweep');
    await page.fill('#sweep-path-1', 'priceFloors[0].floor');
    await page.locator('#sweep-path-1').dispatchEvent('change');
    // The scenario's floor and ±20% are offered (as a placeholder and a button), never typed in.
    expect(await page.inputValue('#sweep-values-1')).toBe('');
    expect(await page.getAttribute('#sweep-values-1', 'placeholder')).toMatch(
      /^suggested: [\d.]+, [\d.]+, [\d.]+$/,
    );
    await page.click('#sweep-suggest-1');
    expect(await page.inputValue('#sweep-values-1')).toMatch(/^[\d.]+, [\d.]+, [\d.]+$/);
    // A repeated value, then a value the schema refuses, are named before anything runs.
    await page.fill('#sweep-values-1', '100000, 100000');
    await page.click('#sweep-run');
    await page.waitForSelector('text=repeats value 1');
    await page.fill('#sweep-values-1', '100000, -5');
    await page.click('#sweep-run');
    await page.waitForSelector('text=1 of 2 grid points are not valid scenarios');
    await page.fill('#sweep-values-1', '100000, 200000');
    await page.fill('#sweep-path-2', 'zones[0].members');
    await page.locator('#sweep-path-2').dispatchEvent('change');
    // Node sets are offered for a membership path.
    expect(await page.getAttribute('#sweep-values-2', 'placeholder')).toBe(
      'suggested: @participants, @us-eu-japan, @club',
    );
    await page.fill('#sweep-values-2', '@participants, @us-eu-japan');
    await page.click('#sweep-run');
    await jobEnded(page, 'sweep', '4 points done');
    const cells = page.locator('.heatmap-cell');
    expect(await cells.count()).toBe(4);
    const labels = await cells.evaluateAll((all) => all.map((c) => c.getAttribute('aria-label') ?? ''));
    expect(labels[1]).toMatch(/^priceFloors\[0\]\.floor 100000, zones\[0\]\.members @us-eu-japan: [\d,]+$/);
    // Colours differ with the values; every cell is labelled with its number.
    const fills = await cells.locator('rect').evaluateAll((all) => all.map((r) => r.getAttribute('fill')));
    expect(new Set(fills).size).toBeGreaterThan(1);
    expect(await cells.locator('text').allTextContents()).toEqual(labels.map((l) => l.split(': ')[1]));
    // One Tab stop; arrow keys walk the cells.
    await cells.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-index'))).toBe('2');
    expect(await page.locator('#sweep-table tbody tr').count()).toBe(4);
    await page.locator('#research').screenshot({ path: screenshotPath('research-sweep') });

    await page.selectOption('#sweep-reduce', 'mean');
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#sweep-csv')]);
    expect(file.suggestedFilename()).toBe('ministerial-preferential-trade-zone.sweep.csv');
    const csv = readFileSync((await file.path())!, 'utf8');
    // The command line, on the same scenario and grid, writes the same bytes.
    const files: Record<string, string> = {};
    const io = {
      stdout: () => {},
      stderr: () => {},
      readFile: (p: string) => files[p],
      writeFile: (p: string, text: string) => {
        files[p] = text;
      },
    };
    const args = ['--scenario', 'ministerial-zone', '--months', '12', '--resolution', '2000', '--seed', '1'];
    args.push(
      '--sweep',
      'priceFloors[0].floor=100000,200000',
      '--sweep',
      'zones[0].members=@participants,@us-eu-japan',
    );
    expect(runSimCli([...args, '--reduce', 'mean', '--out', 'sweep.csv'], io)).toBe(0);
    expect(csv).toBe(files['sweep.csv']);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('solves the GSIM benchmark in a worker and shows it beside the agents', async () => {
    await showTab(page, 'pe');
    await page.waitForSelector('#pe-table', { timeout: scaled(60_000) });
    expect(await page.textContent('#pe-status')).toMatch(
      /GSIM benchmark of “Ministerial preferential trade zone” for Rare earths, refining: \d+ regions/,
    );
    const sources = await page
      .locator('#pe-table thead tr')
      .nth(1)
      .locator('th')
      .evaluateAll((all) => all.map((th) => `${th.getAttribute('data-source') ?? ''}:${th.textContent}`));
    expect(sources).toEqual([
      ':Region',
      'pe:GSIM',
      'agents:agents',
      'pe:GSIM',
      'agents:agents',
      'pe:producers',
      'pe:consumers',
      'pe:tariffs',
      'pe:total',
      'agents:USD M',
    ]);
    // China, the largest trader, first; its GSIM and agents' price changes are numbers.
    const china = await page.locator('#pe-table tbody tr').first().locator('th, td').allTextContents();
    expect(china[0]).toBe('China');
    expect(china[1]).toMatch(/^[+−±]\d+\.\d%$/);
    expect(china[2]).toMatch(/^[+−±]\d+\.\d%$/);
    expect(await page.locator('#pe-summary dd[data-source="pe"]').count()).toBe(2);
    expect(await page.locator('#pe-summary dd[data-source="agents"]').count()).toBe(2);
    expect(await page.textContent('#pe-notes')).toContain('comparative static');
    await page.click('#pe-more');
    await page.waitForFunction(() => document.querySelectorAll('#pe-table tbody tr').length > 15);
    expect(await page.textContent('#pe-more')).toBe('Show the first 15');
    await page.click('#pe-more');
    await page.waitForFunction(() => document.querySelectorAll('#pe-table tbody tr').length === 15);
    await page.locator('#research').screenshot({ path: screenshotPath('research-pe') });
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('fits a 768-px tablet with the research panel open', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await frame(page);
    for (const tab of ['compare', 'sweep', 'pe']) {
      await showTab(page, tab);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, tab).toBeLessThanOrEqual(0);
    }
    await page.locator('#research').screenshot({ path: screenshotPath('research-pe-768') });
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
