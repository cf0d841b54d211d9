import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODES } from '../../src/data/nodes';
import { HOOK_TIMEOUT_MS, scaled } from '../timeouts.ts';
import { openPage, type PageProblems, root, screenshotPath, useServedApp } from './harness';

describe('the world map', () => {
  const app = useServedApp();
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    ({ page, problems } = await openPage(app.browser, app.url, { width: 1280, height: 800 }));
    await page.waitForSelector('.node-marker[data-node="ROW"]');
  }, HOOK_TIMEOUT_MS);

  const detailsName = () => page.textContent('.panel-details .details-name');

  it('loads with no console errors, page errors or failed requests, and draws every node', async () => {
    expect(await page.locator('.node-marker').count()).toBe(NODES.length);
    const shapes = await page
      .locator('.node-shape')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
    expect(shapes.sort()).toEqual(
      NODES.filter((n) => n.territory.length > 0)
        .map((n) => n.code)
        .sort(),
    );
    // Every territory is a visible, non-empty path.
    const empty = await page
      .locator('.node-shape .territory')
      .evaluateAll((els) => els.filter((e) => (e as SVGGraphicsElement).getBBox().width === 0).length);
    expect(empty).toBe(0);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], pageErrors: [] });
  });

  it('selects every node by a click on its marker, and the details panel names it', async () => {
    for (const node of NODES) {
      await page.locator(`.node-marker[data-node="${node.code}"]`).click({ timeout: scaled(15_000) });
      expect(await detailsName(), node.code).toBe(node.name);
    }
  });

  it('selects a node by a click on its territory too', async () => {
    await page.mouse.move(0, 0);
    await page.locator('.node-shape[data-node="BRA"]').click({ position: await centreOf(page, 'BRA') });
    expect(await detailsName()).toBe('Brazil');
    expect(await page.textContent('.panel-details')).toContain('Agreements with the US');
  });

  it("shows China's share of the stage shown in a short tooltip on hover", async () => {
    await page.hover('.node-marker[data-node="CHN"]');
    const tooltip = page.locator('.map-tooltip');
    await tooltip.waitFor({ state: 'visible' });
    const text = await tooltip.textContent();
    expect(text).toContain('China');
    expect(text).toMatch(/2024: [\d.]+% of world rare earths refining \(/);
    // Short: the 2024 data with every source is in the details a click opens.
    expect(await tooltip.locator('.tooltip-line').count()).toBeLessThanOrEqual(3);
    expect(text).not.toContain('Sources:');
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: 'hidden' });
  });

  it('lets a click on the Cook Islands open their details, with their agreement and sources', async () => {
    await page.locator('.node-marker[data-node="COK"]').click();
    expect(await detailsName()).toBe('Cook Islands');
    const panel = await page.textContent('.panel-details');
    expect(panel).toContain('US–Cook Islands critical minerals framework');
    await page.locator('.node-marker[data-node="CHN"]').click();
    const rows = await page.locator('.details-output tbody tr').count();
    expect(rows).toBeGreaterThan(10);
    expect(await page.textContent('.details-output')).toContain('IEA_CMDATA_2025');
    expect(await page.textContent('.details-output')).toContain('70.2%');
  });

  it('works from the keyboard: focus shows the tooltip, Enter selects', async () => {
    await page.locator('.node-marker[data-node="SGP"]').focus();
    await page.locator('.map-tooltip').waitFor({ state: 'visible' });
    expect(await page.textContent('.map-tooltip')).toContain('Singapore');
    await page.keyboard.press('Enter');
    expect(await detailsName()).toBe('Singapore');
    const tabbable = await page.locator('[data-node][tabindex="0"][role="button"]').count();
    expect(tabbable).toBe(NODES.length + NODES.filter((n) => n.territory.length > 0).length);
  });

  it('writes a screenshot of the map', async () => {
    await page.locator('.node-marker[data-node="CHN"]').click();
    await page.mouse.move(0, 0);
    const file = screenshotPath('map');
    await page.screenshot({ path: file, fullPage: true });
    mkdirSync(resolve(root, 'test-output/screenshots'), { recursive: true });
    // Keep the README image current when asked to (UPDATE_DOCS=1 npm run test:browser).
    if (process.env.UPDATE_DOCS === '1') copyFileSync(file, resolve(root, 'docs/map.png'));
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], pageErrors: [] });
  });
});

/** A point inside a node's largest territory polygon, relative to its group's bounding box. */
async function centreOf(page: Page, code: string): Promise<{ x: number; y: number }> {
  return page.locator(`.node-shape[data-node="${code}"]`).evaluate((group) => {
    const path = group.querySelector('path.territory') as SVGPathElement;
    const svg = path.ownerSVGElement as SVGSVGElement;
    const box = group.getBoundingClientRect();
    const matrix = path.getScreenCTM() as DOMMatrix;
    // Scan a grid over the box for a point that hits this territory.
    for (let fy = 0.5; fy < 1; fy += 0.1) {
      for (const fx of [0.5, 0.4, 0.6, 0.3, 0.7]) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        const local = new DOMPoint(x, y).matrixTransform(matrix.inverse());
        const hit = document.elementFromPoint(x, y);
        if (path.isPointInFill(local) && hit && group.contains(hit))
          return { x: x - box.left, y: y - box.top };
      }
    }
    void svg;
    return { x: box.width / 2, y: box.height / 2 };
  });
}
