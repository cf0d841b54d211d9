/**
 * Every lever in the editor reaches the engine: adding an item (or changing a parameter or run
 * setting) through the editor re-runs the scenario, and the run's results differ from the run
 * before. The list of levers comes from the editor's own table, so a new lever is tested too.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEVERS, PARAMETER_GROUPS } from '../../src/ui/editor/levers';
import { HOOK_TIMEOUT_MS } from '../timeouts.ts';
import { editAndRerun, openApp, openSection, runToEnd, SMALL, setRunSettings, setSpeed } from './appDriver';
import { launchBrowser, NO_PROBLEMS, type PageProblems, serveDist } from './harness';

/** A value for each model parameter that differs from its default. */
const PARAMETER_VALUES: Record<string, string> = {
  'elasticities.demand': '-0.6',
  'elasticities.demandByMineral.lithium': '-1.2',
  'elasticities.substitution': '2',
  'elasticities.substitutionByMineral.cobalt': '1.5',
  'elasticities.priceAdjustment': '0.25',
  'market.freightUsdPerTonneKm': '0.05',
  'market.handlingUsdPerTonne': '300',
  'market.hurdle': '0.05',
  'market.mineBuildLagMonths': '6',
  'market.processorBuildLagMonths': '4',
  'market.expansionLagMonths': '3',
  'elasticities.demandLongRun': '-1.5',
  'market.precautionaryCoverMonths': '8',
};

/** Edits that make a parameter matter first: precaution needs an announced control. */
const PARAMETER_SETUP: Record<string, [section: string, path: string, value: string][]> = {
  'market.precautionaryCoverMonths': [
    ['exportControls', 'exportControls[0].start', '6'],
    ['exportControls', 'exportControls[0].announced', '1'],
  ],
};

describe('every lever in the editor reaches the engine', () => {
  let server: Awaited<ReturnType<typeof serveDist>>;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let last = '';

  beforeAll(async () => {
    server = await serveDist();
    browser = await launchBrowser();
    ({ page, problems } = await openApp(browser, server.url));
    await setRunSettings(page, SMALL);
    await setSpeed(page, 'Infinity');
    last = await runToEnd(page);
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, HOOK_TIMEOUT_MS);

  /** Asserts that an edit re-ran the scenario with different results. */
  async function changes(what: string, edit: () => Promise<unknown>) {
    const digest = await editAndRerun(page, edit);
    expect(digest, what).not.toBe(last);
    expect(await page.textContent('.editor-status'), what).toContain('Valid');
    last = digest;
  }

  it('a zone: its common external tariff changes the results', async () => {
    await openSection(page, 'zones');
    // A new zone holds only the US, which alone trades as before: the run repeats the last one.
    const same = await editAndRerun(page, () => page.click('[data-add-lever="zones"]'));
    expect(same).toBe(last);
    await changes('zones', () => page.fill('[data-path="zones[0].externalTariff"]', '0.25'));
  });

  /**
   * Edits after adding an item where the new item's defaults do nothing in this scenario: the
   * zone's 25% external tariff already lifts US lithium prices above a floor at 120% of the
   * reference, so the test raises the floor.
   */
  const FOLLOW_UP: Record<string, [string, string]> = {
    priceFloors: ['priceFloors[0].floor', '200000'],
  };

  for (const lever of LEVERS.filter((l) => l.key !== 'zones')) {
    it(`${lever.title}: a new item changes the results`, async () => {
      await openSection(page, lever.key);
      const before = last;
      last = await editAndRerun(page, () => page.click(`[data-add-lever="${lever.key}"]`));
      const followUp = FOLLOW_UP[lever.key];
      if (followUp)
        last = await editAndRerun(page, () => page.fill(`[data-path="${followUp[0]}"]`, followUp[1]));
      expect(last, lever.key).not.toBe(before);
      expect(await page.textContent('.editor-status'), lever.key).toContain('Valid');
      // The new item is in the editor.
      expect(await page.locator(`[data-item="${lever.key}[0]"]`).count()).toBe(1);
    });
  }

  it('covers every parameter of the elasticities and the market', () => {
    const fields = PARAMETER_GROUPS.flatMap((g) =>
      g.fields.filter((f) => f.kind !== 'byMineral').map((f) => `${g.key}.${f.key}`),
    );
    for (const field of fields) expect(Object.keys(PARAMETER_VALUES), field).toContain(field);
  });

  for (const [path, value] of Object.entries(PARAMETER_VALUES)) {
    it(`${path} changes the results`, async () => {
      for (const [section, field, setting] of PARAMETER_SETUP[path] ?? []) {
        await openSection(page, section);
        last = await editAndRerun(page, () => page.fill(`[data-path="${field}"]`, setting));
      }
      await openSection(page, path.split('.')[0]);
      await changes(path, () => page.fill(`[data-path="${path}"]`, value));
    });
  }

  for (const [path, value] of [
    ['seed', '7'],
    // Above the smallest population the world allows (one block of agents per group: about
    // 3,300 agents with 29 goods and 79 nodes), so the run really has more agents.
    ['resolution', '6000'],
    ['months', '18'],
  ] as const) {
    it(`the run setting ${path} changes the results`, async () => {
      await openSection(page, 'settings');
      await changes(path, () => page.fill(`[data-path="${path}"]`, value));
    });
  }

  it('the scenario name reaches the engine (the charts name the run)', async () => {
    await editAndRerun(page, () => page.fill('[data-path="name"]', 'Lever test'));
    expect(await page.textContent('#charts-caption')).toContain('“Lever test”');
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
