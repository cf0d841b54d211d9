/**
 * Link integrity in the app (issue 12): a link damaged after it was made is refused with the
 * checksum message; an old link without a checksum opens with a note; a hostile link is read
 * in the link worker and refused; and the last link pasted wins, always with its message, even
 * when it arrives while an earlier one is still being read.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scaled } from '../timeouts.ts';
import { encode, valid } from '../unit/scenario/codecHelpers.ts';
import { hostileLink } from '../unit/scenario/linkEdits.ts';
import { openApp } from './appDriver';
import { useServedApp } from './harness';

/** One character of the data changed, as a chat window or a wrapped e-mail might. */
function damaged(payload: string): string {
  const at = payload.length - 10;
  return `${payload.slice(0, at)}${payload[at] === 'A' ? 'B' : 'A'}${payload.slice(at + 1)}`;
}

const nameOn = (page: Page) => page.inputValue('[data-path="name"]');

/** Waits until the editor shows the scenario named `name` (a link is read asynchronously). */
async function waitForName(page: Page, name: string) {
  await page.waitForFunction(
    (n) => document.querySelector<HTMLInputElement>('[data-path="name"]')?.value === n,
    name,
  );
}

async function paste(page: Page, payload: string) {
  await page.evaluate((p) => {
    location.hash = `s=${p}`;
  }, payload);
}

async function messageOf(page: Page, kind: 'error' | 'info'): Promise<string> {
  await page.waitForSelector(`.share-message-${kind}:not([hidden])`);
  return (await page.textContent(`.share-message-${kind}`)) ?? '';
}

/**
 * The message the page settles on: waits until it says `expected` (an earlier link's message may
 * still be on screen when the last link is pasted), then checks that nothing overwrites it.
 */
async function settledMessage(page: Page, kind: 'error' | 'info', expected: string): Promise<string> {
  const selector = `.share-message-${kind}`;
  await page
    .waitForFunction(
      ([sel, text]) => {
        const box = document.querySelector<HTMLElement>(sel);
        return !!box && !box.hidden && (box.textContent ?? '').includes(text);
      },
      [selector, expected] as const,
      { timeout: scaled(30_000) },
    )
    .catch(() => undefined);
  await page.waitForTimeout(500);
  return (await page.textContent(selector)) ?? '';
}

describe('scenario links in the app', () => {
  const app = useServedApp();

  it('refuses a link damaged after it was made, with the checksum message, and keeps the scenario', async () => {
    const good = await encode(valid({ version: 1, name: 'Checked link', months: 6, resolution: 1000 }));
    const { page, problems } = await openApp(app.browser, `${app.url}#s=${good}`);
    await waitForName(page, 'Checked link');
    await paste(
      page,
      damaged(await encode(valid({ version: 1, name: 'Other', months: 7, resolution: 1000 }))),
    );
    const text = await messageOf(page, 'error');
    expect(text).toContain('This link could not be opened. The scenario shown is unchanged.');
    expect(text).toContain(
      'its checksum does not match its contents, so a character was changed, added or lost after it was made',
    );
    expect(await nameOn(page)).toBe('Checked link');
    expect(problems.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('opens an old link without a checksum, with a note that it could not be checked', async () => {
    const [version, , data] = (await encode(valid({ version: 1, name: 'Old link', months: 6 }))).split('.');
    const { page } = await openApp(app.browser, `${app.url}#s=${version}.${data}`);
    await waitForName(page, 'Old link');
    const note = await messageOf(page, 'info');
    expect(note).toContain('This link was made by an older version of the simulator; the scenario is shown.');
    expect(note).toContain('it could not be checked for damage');
    // The address now holds the checked form.
    await page.waitForFunction(() => /#s=1\.[A-Za-z0-9_-]{6}\./.test(location.hash));
    await page.context().close();
  });

  it('reads a hostile link in the link worker and refuses it', async () => {
    const { page } = await openApp(app.browser, app.url);
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask' });
    });
    const workersBefore = page.workers().length;
    await paste(page, await hostileLink());
    expect(await messageOf(page, 'error')).toContain("the link's data holds more than 150,000 values");
    // The link was read by a worker of its own (terminated once it answered).
    expect(page.workers().length).toBeLessThanOrEqual(workersBefore);
    const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    console.info(
      `hostile link: longest main-thread task while it was read: ${longest.toFixed(0)} ms (0: none over 50 ms)`,
    );
    await page.context().close();
  });

  it('lets the last link win, with its message, when it arrives while another is being read', async () => {
    const { page } = await openApp(app.browser, app.url);
    const goodA = await encode(valid({ version: 1, name: 'Link A', months: 6, resolution: 1000 }));
    const goodB = await encode(valid({ version: 1, name: 'Link B', months: 8, resolution: 1000 }));
    const badB = damaged(goodB);
    const hostile = await hostileLink();
    // Bad after bad, bad after good, good after bad: 300 ms apart, and at once.
    for (const gap of [300, 0]) {
      await paste(page, hostile);
      await page.waitForTimeout(gap);
      await paste(page, badB);
      expect(await settledMessage(page, 'error', 'its checksum does not match its contents')).toContain(
        'its checksum does not match its contents',
      );
      await page.click('[data-action="dismiss-message"]');

      await paste(page, goodA);
      await page.waitForTimeout(gap);
      await paste(page, badB);
      expect(await settledMessage(page, 'error', 'its checksum does not match its contents')).toContain(
        'its checksum does not match its contents',
      );
      await page.click('[data-action="dismiss-message"]');

      await paste(page, hostile);
      await page.waitForTimeout(gap);
      await paste(page, goodB);
      await waitForName(page, 'Link B');
      // The hostile link's refusal never replaces the last link's outcome.
      await page.waitForTimeout(500);
      expect(await nameOn(page)).toBe('Link B');
      expect(await page.isVisible('.share-message-error')).toBe(false);
      await paste(page, goodA);
      await waitForName(page, 'Link A');
    }
    await page.context().close();
  });
});
