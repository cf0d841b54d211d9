/**
 * A run of the default scenario at *max*: the page shows few months while it runs (the engine
 * keeps the cores) and leaves the sections off screen for after the frame that says "Done", so
 * this checks that the run ends with every view on its last month and with the engine's own
 * figures: the results digest, every good's HHI in the concentration table, the charts below
 * the fold (read without scrolling to them), the map's arcs and the Sankey.
 */
import { describe, expect, it } from 'vitest';
import { concentration } from '../../src/engine/metrics.ts';
import { createSimulation } from '../../src/engine/simulation.ts';
import { monthLabel, whole } from '../../src/present/format.ts';
import { presetById } from '../../src/scenario/presets.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { calibratedWorld } from '../../src/scenario/world.ts';
import { resultsDigest } from '../../src/ui/runControls.ts';
import { openApp, readout, runToEnd, setSpeed } from './appDriver';
import { NO_PROBLEMS, useServedApp } from './harness';

describe('a run of the default scenario at max', () => {
  const app = useServedApp();

  it("ends with every view on the last month, showing the engine's figures", async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await setSpeed(page, 'Infinity');
    const digest = await runToEnd(page);

    // The same scenario on the single-thread engine, here in Node.
    const checked = validateScenario(structuredClone(presetById('status-quo')!.scenario));
    if (!checked.ok) throw new Error(checked.errors.join('; '));
    const results = createSimulation(calibratedWorld(), checked.scenario).run();
    expect(digest).toBe(resultsDigest(results));
    const last = results.meta.months - 1;
    const month = monthLabel(last);

    expect(await page.textContent('#run-progress-text')).toContain(
      `${results.meta.months} / ${results.meta.months} months`,
    );
    expect(await page.textContent('#view-month-text')).toBe(`${month} (month ${last}), latest`);

    // The concentration table (on screen): every good's HHI in the last month.
    const shown = await page
      .locator('.concentration-table tbody tr[data-good]')
      .evaluateAll((rows) =>
        rows.map((r) => [
          `${r.getAttribute('data-mineral')}|${r.getAttribute('data-stage')}`,
          r.querySelector('.hhi-value')?.textContent ?? '',
        ]),
      );
    expect(shown).toHaveLength(results.meta.goods.length);
    const expected = new Map(
      results.meta.goods.map((g, i) => [
        `${g.mineral}|${g.stage}`,
        whole(concentration(results, last, i).hhi),
      ]),
    );
    for (const [good, hhi] of shown) expect(hhi, good).toBe(expected.get(good));

    // The charts, below the fold: read where they are, without scrolling them into view.
    const rareEarthsRefining = results.meta.goods.findIndex(
      (g) => g.mineral === 'rare_earths' && g.stage === 'refine',
    );
    const hhi = await readout(page, 'hhi');
    expect(hhi.startsWith(`${month}:`), hhi).toBe(true);
    expect(hhi).toContain(`refining ${whole(concentration(results, last, rareEarthsRefining).hhi)}`);
    for (const chart of ['price', 'top', 'self', 'unmet', 'money'])
      expect((await readout(page, chart)).startsWith(`${month}:`), chart).toBe(true);
    for (const chart of ['price', 'hhi', 'top', 'self', 'unmet', 'money']) {
      const d = await page.getAttribute(`.chart[data-chart="${chart}"] path.series:not(.comparison)`, 'd');
      expect((d ?? '').split(/[ML]/).length - 1, chart).toBeGreaterThanOrEqual(results.meta.months);
    }

    // The map's arcs and the Sankey show the last month too.
    expect(await page.textContent('#map-arc-summary')).toContain(month);
    expect(await page.textContent('.panel-sankey')).toContain(month);
    expect(problems).toEqual(NO_PROBLEMS);
    await page.context().close();
  });
});
