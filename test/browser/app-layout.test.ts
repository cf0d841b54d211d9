/**
 * Layout and access: the app after a run at 1920×1080 and on a 768-px-wide tablet (no
 * sideways scrolling, every view on the page, screenshots to look at), every control reached
 * with Tab and showing a focus outline, the charts and zoom driven from the keyboard.
 */
import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { frame, loadPreset, openApp, readout, runToEnd, SMALL, setRunSettings, setSpeed } from './appDriver';
import { NO_PROBLEMS, root, screenshotPath, useServedApp } from './harness';

async function presetRun(page: Page) {
  await loadPreset(page, 'ministerial-zone');
  await setRunSettings(page, SMALL);
  await setSpeed(page, 'Infinity');
  await runToEnd(page);
  await page.waitForFunction(() =>
    document.querySelector('#charts-caption')?.textContent?.includes(`(24 of 24 months)`),
  );
  await frame(page);
}

describe('layout and keyboard', () => {
  const app = useServedApp();

  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 768, height: 1024 },
  ]) {
    it(`fits ${viewport.width}×${viewport.height} with every view, and writes screenshots`, async () => {
      const { page, problems } = await openApp(app.browser, app.url, viewport);
      await presetRun(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      for (const selector of [
        '.world-map-svg',
        '.concentration-table',
        '.chart-grid',
        '.sankey-svg',
        '.scenario-editor',
      ]) {
        const box = await page.locator(selector).first().boundingBox();
        expect(box, selector).not.toBeNull();
        expect(box?.width ?? 0, selector).toBeGreaterThan(200);
        expect((box?.x ?? 0) + (box?.width ?? 0), selector).toBeLessThanOrEqual(viewport.width + 1);
      }
      const name = `app-${viewport.width}`;
      await page.screenshot({ path: screenshotPath(`${name}-viewport`) });
      await page.screenshot({ path: screenshotPath(`${name}-full`), fullPage: true });
      // The README's screenshot: the wide layout after a preset run (UPDATE_DOCS=1).
      if (viewport.width === 1920 && process.env.UPDATE_DOCS === '1') {
        copyFileSync(screenshotPath(`${name}-viewport`), resolve(root, 'docs/app.png'));
      }
      expect(problems).toEqual(NO_PROBLEMS);
      await page.context().close();
    });
  }

  it('reaches every kind of control with Tab, each with a visible focus outline', async () => {
    const { page, problems } = await openApp(app.browser, app.url, { width: 1280, height: 800 });
    await presetRun(page);
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    const reached = new Set<string>();
    const unoutlined: string[] = [];
    for (let i = 0; i < 700; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | SVGElement | null;
        if (!a || a === document.body) return null;
        const style = getComputedStyle(a);
        const key =
          a.getAttribute('data-path') ||
          a.id ||
          (a.closest('.node-marker') ? 'node-marker' : '') ||
          (a.closest('.node-shape') ? 'node-shape' : '') ||
          (a.closest('.chart') ? 'chart' : '') ||
          (a.closest('.concentration-table') ? 'concentration-row' : '') ||
          (a.closest('.map-zoom') ? `zoom:${a.getAttribute('aria-label')}` : '') ||
          (a.dataset?.addLever ? 'add-lever' : '') ||
          (a.tagName === 'SUMMARY' ? 'section-summary' : '') ||
          a.tagName.toLowerCase();
        // Map shapes and markers show focus with their own dashed stroke (see style.css).
        const svgChild = a instanceof SVGElement && !(a instanceof SVGSVGElement);
        const outlined = svgChild || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0);
        return { key, outlined };
      });
      if (!info) continue;
      // Back at the first control: the whole page has been walked.
      if (info.key === 'run-toggle' && reached.size > 50) break;
      reached.add(info.key);
      if (!info.outlined) unoutlined.push(info.key);
    }
    // Step and "Latest" are disabled after a finished run (nothing to step, already latest).
    for (const key of [
      'run-toggle',
      'run-reset',
      'run-speed',
      'run-seed-mode',
      'run-workers',
      'run-auto',
      'view-mineral',
      'view-stage',
      'view-month',
      'section-summary',
      'preset-select',
      'preset-load',
      'months',
      'resolution',
      'zones[0].internalTariff',
      'add-lever',
      'map-colour',
      'map-click',
      'map-flows',
      'zoom:Zoom in',
      'zoom:Zoom out',
      'zoom:Reset zoom',
      'node-shape',
      'node-marker',
      'concentration-row',
      'chart',
      'sankey-period',
      'sankey-users',
    ]) {
      expect([...reached], key).toContain(key);
    }
    expect(unoutlined).toEqual([]);
    expect(problems).toEqual(NO_PROBLEMS);

    // A chart reads months from the arrow keys.
    const chart = page.locator('.chart[data-chart="hhi"] svg.chart-svg');
    await chart.focus();
    await page.keyboard.press('End');
    await frame(page);
    expect(await readout(page, 'hhi')).toMatch(/^Dec 2027/);
    await page.keyboard.press('ArrowLeft');
    await frame(page);
    expect(await readout(page, 'hhi')).toMatch(/^Nov 2027/);
    await page.keyboard.press('Enter');
    await frame(page);
    expect(await page.textContent('#view-month-text')).toContain('Nov 2027');

    // Zoom from the keyboard.
    await page.locator('.map-zoom button[aria-label="Zoom in"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    expect(Number(await page.getAttribute('.world-map-svg', 'data-zoom'))).toBeGreaterThan(2);
    await page.locator('.map-zoom button[aria-label="Reset zoom"]').focus();
    await page.keyboard.press('Enter');
    expect(Number(await page.getAttribute('.world-map-svg', 'data-zoom'))).toBe(1);
    await page.context().close();
  });
});
