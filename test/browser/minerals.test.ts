/**
 * Fourteen minerals in the app (issue 11): the mineral picker grouped by use, the
 * concentration panel's 29 rows under their use headings, the map's share colouring, the
 * Sankey and the antimony preset. Writes screenshots of the panel and the picker to look at
 * (test-output/screenshots/); with UPDATE_DOCS=1 also to docs/minerals-concentration.png and
 * docs/minerals-picker.png.
 */
import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frame, loadPreset, openApp, runToEnd, SMALL, setRunSettings, setSpeed, viewGood } from './appDriver';
import { NO_PROBLEMS, root, screenshotPath, useServedApp } from './harness';

describe('fourteen minerals', () => {
  const app = useServedApp();

  it('groups the picker by use, and the concentration panel, map and Sankey show the new minerals', async () => {
    const { page, problems } = await openApp(app.browser, app.url, { width: 1920, height: 1080 });

    // The picker: five groups, fourteen minerals, each once.
    const groups = await page.$$eval('#view-mineral optgroup', (list) =>
      list.map((g) => ({
        label: (g as HTMLOptGroupElement).label,
        minerals: [...g.querySelectorAll('option')].map((o) => o.value),
      })),
    );
    expect(groups).toEqual([
      { label: 'Batteries', minerals: ['lithium', 'nickel', 'cobalt', 'graphite', 'manganese'] },
      { label: 'Magnets', minerals: ['rare_earths'] },
      { label: 'Electronics and power', minerals: ['copper', 'silicon', 'gallium', 'germanium'] },
      { label: 'Alloys and hard metals', minerals: ['antimony', 'tungsten'] },
      { label: 'Catalysts', minerals: ['platinum', 'palladium'] },
    ]);

    await loadPreset(page, 'china-antimony-controls-2024');
    await setRunSettings(page, SMALL);
    await setSpeed(page, 'Infinity');
    await runToEnd(page);
    await viewGood(page, 'antimony', 'refine');

    // Concentration: 29 rows under five headings; China leads refined antimony and tungsten,
    // South Africa platinum.
    const table = page.locator('.concentration-table');
    expect(await table.locator('tbody tr[data-good]').count()).toBe(29);
    expect(await table.locator('tbody tr.use-group').count()).toBe(5);
    for (const [mineral, holder] of [
      ['antimony', 'China'],
      ['tungsten', 'China'],
      ['platinum', 'South Africa'],
    ]) {
      const row = table.locator(`tr[data-mineral="${mineral}"][data-stage="refine"]`);
      expect(await row.locator('.holders').textContent(), mineral).toContain(holder);
    }
    expect(await table.locator('tr.is-selected').getAttribute('data-mineral')).toBe('antimony');

    // Map coloured by share of refined antimony: Tajikistan (a new node, 16%) is coloured
    // apart from Norway (none), and China darker than both.
    await page.selectOption('#map-colour', 'share');
    await frame(page);
    const fill = (code: string) =>
      page.getAttribute(`.node-shape[data-node="${code}"] path.territory`, 'fill');
    const [tjk, nor, chn] = [await fill('TJK'), await fill('NOR'), await fill('CHN')];
    expect(tjk).toBeTruthy();
    expect(new Set([tjk, nor, chn]).size).toBe(3);

    // Sankey of antimony: mined in China and Tajikistan.
    await page.waitForSelector('.sankey-nodes g[data-node="0:CHN"]');
    expect(await page.locator('.sankey-nodes g[data-node="0:TJK"]').count()).toBe(1);

    // Screenshots: the concentration panel, and the picker drawn open (a native drop-down is
    // not in a page screenshot, so the select is shown as a list for the picture).
    await page.screenshot({ path: screenshotPath('minerals-1920-full'), fullPage: true });
    const panel = page.locator('.panel-concentration');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: screenshotPath('minerals-concentration') });
    await page.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>('#view-mineral');
      if (select) select.size = select.options.length + select.querySelectorAll('optgroup').length;
    });
    await frame(page);
    const picker = page.locator('.view-field', { has: page.locator('#view-mineral') });
    await picker.screenshot({ path: screenshotPath('minerals-picker') });
    await page.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>('#view-mineral');
      if (select) select.size = 0;
    });
    if (process.env.UPDATE_DOCS === '1') {
      copyFileSync(
        screenshotPath('minerals-concentration'),
        resolve(root, 'docs/minerals-concentration.png'),
      );
      copyFileSync(screenshotPath('minerals-picker'), resolve(root, 'docs/minerals-picker.png'));
    }
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });
});
