/**
 * Stories for teachers in the browser: the menu opens a story, the step card steps through it
 * (the address follows), the step's link opens exactly that step in a fresh page (scenario in
 * the editor, mineral and stage shown, what to look at marked, the run started), a link without
 * a scenario opens the step's own, and an unknown story says so.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOOK_TIMEOUT_MS, scaled } from '../timeouts.ts';
import { frame, openApp, openSection, setSpeed } from './appDriver';
import { launchBrowser, NO_PROBLEMS, screenshotPath, serveDist } from './harness';

async function hashOf(page: Page): Promise<URLSearchParams> {
  return new URLSearchParams(new URL(page.url()).hash.slice(1));
}

/** Waits until the run of the step has started (or finished): the step's scenario reached the engine. */
async function runStarted(page: Page) {
  await page.waitForFunction(() => {
    const s = document.querySelector<HTMLElement>('#run-status')?.dataset.status;
    return s === 'loading' || s === 'running' || s === 'done';
  });
}

describe('stories for teachers', () => {
  let server: Awaited<ReturnType<typeof serveDist>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await serveDist();
    browser = await launchBrowser();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  }, HOOK_TIMEOUT_MS);

  async function fresh(url: string, viewport = { width: 1280, height: 800 }) {
    const opened = await openApp(browser, url, viewport);
    const context = opened.page.context();
    contexts.push(context);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    return opened;
  }

  let stepLink = '';

  it('opens a story from the menu, steps through it, and copies the link of a step', async () => {
    const { page, problems } = await fresh(server.url);
    await setSpeed(page, 'Infinity');
    expect(await page.isHidden('#story-card')).toBe(true);
    await page.click('#stories-menu summary');
    const titles = await page.locator('.stories-list .story-open').allTextContents();
    expect(titles).toEqual([
      'What is market concentration?',
      'What does an export ban do?',
      'Can a price floor build new supply?',
      'Stockpiles against a shock',
    ]);
    await page.click('button[data-story="concentration"]');
    expect(await page.isVisible('#story-card')).toBe(true);
    expect(await page.textContent('#story-kicker')).toBe(
      'Story: What is market concentration? · step 1 of 4',
    );
    expect(await page.textContent('#story-step-title')).toBe('Who refines rare earths?');
    expect(await page.textContent('#story-look')).toContain(
      'Look at the concentration panel: Rare earths, refining.',
    );
    expect(await page.getAttribute('.panel-concentration', 'class')).toContain('story-look-target');
    expect(await page.isDisabled('#story-previous')).toBe(true);
    let hash = await hashOf(page);
    expect([hash.get('story'), hash.get('step')]).toEqual(['concentration', '1']);
    await runStarted(page);

    // Step 3: a shock to China's refiners; the prices chart is marked; the address follows.
    await page.click('#story-next');
    await page.click('#story-next');
    expect(await page.textContent('#story-kicker')).toContain('step 3 of 4');
    // The editor shows the step's scenario from the next frame (the store renders in frames; at
    // max the page's frames also carry months, so that frame may come after this line runs).
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLInputElement>('[data-path="name"]')?.value ===
        'Shock to the dominant refiner',
    );
    expect(await page.getAttribute('.chart[data-chart="price"]', 'class')).toContain('story-look-target');
    expect(await page.getAttribute('.panel-concentration', 'class')).not.toContain('story-look-target');
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('step') === '3');
    hash = await hashOf(page);
    expect(hash.get('story')).toBe('concentration');
    // The address holds the step's scenario too (written when the editor applied it).
    await page.waitForFunction(
      () => (new URLSearchParams(location.hash.slice(1)).get('s') ?? '').length > 20,
    );
    await page.screenshot({ path: screenshotPath('story-step-1280') });

    await page.click('#story-copy-link');
    await page.waitForFunction(() =>
      document.querySelector('#story-copy-status')?.textContent?.includes('copied'),
    );
    stepLink = await page.evaluate(() => navigator.clipboard.readText());
    expect(stepLink).toMatch(/#story=concentration&step=3&s=1\./);
    // The share bar's Copy link carries the open step too.
    await page.click('.share-controls [data-action="copy-link"]');
    await page.waitForFunction(() =>
      ((document.querySelector('.share-link-text') as HTMLInputElement | null)?.value ?? '').includes(
        'story=',
      ),
    );
    // The link carries the month the step shows (month=, docs/links.md).
    expect(await page.inputValue('.share-link-text')).toMatch(
      /#story=concentration&step=3&(month=\d+&)?s=1\./,
    );

    // "Show me" brings the chart to look at into view, with the keyboard focus on it.
    await page.click('#story-show');
    expect(
      await page.evaluate(() => document.activeElement?.closest('.chart')?.getAttribute('data-chart')),
    ).toBe('price');

    // Closing the story drops it from the address and the marks from the panels.
    await page.click('#story-close');
    expect(await page.isHidden('#story-card')).toBe(true);
    await page.waitForFunction(() => !location.hash.includes('story='));
    expect(await page.locator('.story-look-target').count()).toBe(0);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('opens the step’s link in a fresh page: the step, its scenario, what to look at, and a run', async () => {
    expect(stepLink).not.toBe('');
    const { page, problems } = await fresh(stepLink);
    await page.waitForSelector('#story-card:not([hidden])');
    expect(await page.textContent('#story-kicker')).toBe(
      'Story: What is market concentration? · step 3 of 4',
    );
    expect(await page.textContent('#story-step-title')).toBe('Why it matters: a shock at the top');
    expect(await page.textContent('#story-text')).toContain(
      'China loses 30% of its rare-earth separation capacity',
    );
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLInputElement>('[data-path="name"]')?.value ===
        'Shock to the dominant refiner',
    );
    expect(await page.inputValue('[data-path="shocks[0].node"]')).toBe('CHN');
    expect(await page.inputValue('[data-path="shocks[0].capacityLoss"]')).toBe('0.3');
    expect(await page.inputValue('#view-mineral')).toBe('rare_earths');
    expect(await page.inputValue('#view-stage')).toBe('refine');
    expect(await page.getAttribute('.chart[data-chart="price"]', 'class')).toContain('story-look-target');
    await runStarted(page);
    // The step points at month 12: the views show it once the run gets there.
    await page.waitForFunction(
      () => document.querySelector('#view-month-text')?.textContent?.startsWith('Jan 2027'),
      undefined,
      {
        timeout: scaled(60_000),
      },
    );
    // The link's scenario is the step's: no "differs" note.
    await frame(page);
    expect(await page.isHidden('#story-differs')).toBe(true);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('opens a step link without a scenario with the step’s own, and says when a story does not exist', async () => {
    const { page, problems } = await fresh(`${server.url}#story=stockpiles&step=2`, {
      width: 768,
      height: 1024,
    });
    await page.waitForSelector('#story-card:not([hidden])');
    expect(await page.textContent('#story-step-title')).toBe('A reserve in the United States');
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLInputElement>('[data-path="stockpiles[0].name"]')?.value ===
        'US cobalt reserve',
    );
    await runStarted(page);
    // The address gains the scenario and keeps the step.
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has('s'));
    const hash = await hashOf(page);
    expect([hash.get('story'), hash.get('step')]).toEqual(['stockpiles', '2']);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('story-step-768') });

    // An edit keeps the story in the address and offers the step's scenario back.
    await openSection(page, 'stockpiles');
    await page.fill('[data-path="stockpiles[0].initialTonnes"]', '6000');
    await page.waitForSelector('#story-differs:not([hidden])');
    const edited = await hashOf(page);
    expect([edited.get('story'), edited.get('step')]).toEqual(['stockpiles', '2']);
    await page.click('#story-reload');
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLInputElement>('[data-path="stockpiles[0].initialTonnes"]')?.value ===
        '5000',
    );
    await page.waitForSelector('#story-differs[hidden]', { state: 'attached' });

    // A link to a story that does not exist.
    await page.goto(`${server.url}#story=no-such-story&step=1`);
    await page.waitForFunction(() =>
      document.querySelector('#story-step-title')?.textContent?.includes('does not exist'),
    );
    expect(await page.textContent('#story-text')).toContain('What is market concentration?');
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
