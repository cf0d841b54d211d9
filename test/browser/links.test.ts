/**
 * Scenario links, files and exports in Chromium, through the share controls mounted on the
 * test page (test-pages/links.html, under the app's Content-Security-Policy).
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioFromAddress } from '../../src/share/address.ts';
import { HOOK_TIMEOUT_MS } from '../timeouts.ts';
import { EVERY_LEVER } from '../unit/scenario/codecExamples.ts';
import { encode, rawPayload, valid } from '../unit/scenario/codecHelpers.ts';
import { launchBrowser } from './harness';
import { serveLinksPage } from './links-pages';

/** A small scenario with every lever: quick to run in the page. */
const EVERY_LEVER_SMALL = valid({
  ...EVERY_LEVER,
  name: 'Every lever, small',
  months: 8,
  resolution: 1000,
  seed: 5,
});

interface Opened {
  context: BrowserContext;
  page: Page;
  problems: string[];
  dialogs: string[];
}

describe('scenario links, files and exports in the browser', () => {
  let server: Awaited<ReturnType<typeof serveLinksPage>>;
  let browser: Browser;
  const opened: Opened[] = [];

  beforeAll(async () => {
    server = await serveLinksPage();
    browser = await launchBrowser();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    for (const o of opened) await o.context.close();
    await browser?.close();
    await server?.close();
  }, HOOK_TIMEOUT_MS);

  /** A fresh browser context (no shared storage), with clipboard access and a problem log. */
  async function open(url: string, options: { withoutClipboard?: boolean } = {}): Promise<Opened> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    const page = await context.newPage();
    if (options.withoutClipboard) {
      // As on plain http or in an iframe without permission: no Clipboard API at all.
      await page.addInitScript(() =>
        Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }),
      );
    }
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page: ${e}`));
    page.on('requestfailed', (r) => problems.push(`request: ${r.url()} ${r.failure()?.errorText}`));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]');
    const o = { context, page, problems, dialogs };
    opened.push(o);
    return o;
  }

  const scenarioOn = async (page: Page) => JSON.parse((await page.textContent('#scenario-json')) ?? 'null');

  async function runOn(page: Page): Promise<string> {
    await page.click('#run');
    await page.waitForFunction(
      () => (document.querySelector('#results-hash')?.textContent ?? '').length === 64,
    );
    return (await page.textContent('#results-hash')) ?? '';
  }

  async function download(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  }

  it('copies the link, opens it in a fresh page and gets identical results', async () => {
    const first = await open(`${server.url}#s=${await encode(EVERY_LEVER_SMALL)}`);
    expect(await scenarioOn(first.page)).toEqual(EVERY_LEVER_SMALL);

    // An edit: the address follows without a reload.
    const before = first.page.url();
    await first.page.click('#next-seed');
    await first.page.waitForFunction((old) => location.href !== old, before);
    const edited = await scenarioOn(first.page);
    expect(edited.seed).toBe(6);
    const results = await runOn(first.page);

    await first.page.click('button[data-action="copy-link"]');
    await first.page.waitForFunction(() =>
      /copied/.test(document.querySelector('.share-status')?.textContent ?? ''),
    );
    const link = await first.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(first.page.url());
    expect(link).toBe(await first.page.inputValue('.share-link-text'));
    expect(link).toMatch(/#s=1\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]+$/);
    expect(link.length).toBeLessThan(2000);
    // The browser's link opens the same scenario in Node too.
    expect(await scenarioFromAddress(new URL(link).hash)).toEqual({ ok: true, scenario: edited });

    const second = await open(link);
    expect(await scenarioOn(second.page)).toEqual(edited);
    expect(await runOn(second.page)).toBe(results);
    expect(second.page.url()).toBe(link);
    expect([...first.problems, ...second.problems]).toEqual([]);
  });

  it('falls back to a selected text field when there is no clipboard', async () => {
    const { page, problems } = await open(server.url, { withoutClipboard: true });
    expect(await page.evaluate(() => navigator.clipboard)).toBeUndefined();
    await page.click('button[data-action="copy-link"]');
    await page.waitForFunction(() =>
      /press Ctrl\+C/.test(document.querySelector('.share-status')?.textContent ?? ''),
    );
    expect(await page.inputValue('.share-link-text')).toBe(page.url());
    const selection = await page.evaluate(() => {
      const field = document.querySelector<HTMLInputElement>('.share-link-text')!;
      return (
        document.activeElement === field &&
        field.selectionStart === 0 &&
        field.selectionEnd === field.value.length
      );
    });
    expect(selection).toBe(true);
    expect(problems).toEqual([]);
  });

  it('shows a bad link’s problem and keeps the previous scenario, for every kind of bad link', async () => {
    const good = await encode(EVERY_LEVER_SMALL);
    const { page, problems } = await open(`${server.url}#s=${good}`);
    const kept = await scenarioOn(page);
    // The page's own encoding of the scenario: Chromium's deflate may choose other bytes than
    // Node's for the same scenario (both decode to it), so compare with what the page wrote.
    const home = page.url();
    expect(home).toMatch(/#s=1\./);
    const bad: [string, RegExp][] = [
      ['1.q1Yq<script>', /cannot be part of a scenario link/],
      [good.slice(0, 60), /damaged or incomplete/],
      [`1.${'A'.repeat(300_000)}`, /at most 200,000/],
      ['7.AAAA', /made by a newer version of the simulator \(schema version 7\)/],
      [await rawPayload(1, '{"seed":1,"__proto__":{"polluted":1}}'), /field "__proto__" is not allowed/],
      [
        await rawPayload(1, '{"seed":1,"constructor":{"prototype":{"x":1}}}'),
        /field "constructor" is not allowed/,
      ],
      [
        await rawPayload(1, '{"seed":"one"}'),
        /seed: must be a whole number from 0 to 4,294,967,295 \(got "one"\)/,
      ],
      [
        await rawPayload(
          1,
          '{"seed":1,"shocks":[{"node":"XYZ","mineral":"lithium","stage":"mine","capacityLoss":0.1}]}',
        ),
        /unknown node code "XYZ"/,
      ],
      [
        await rawPayload(1, '{"seed":1,"tariffs":[{"importer":"USA","rate":-1}]}'),
        /tariffs\[0\]\.rate: must be a number from 0 to 10 \(got -1\)/,
      ],
      [await rawPayload(1, `{"seed":1,"name":"x"${' '.repeat(4_000_000)}}`), /unpacks to more than 3\.0 MB/],
    ];
    for (const [payload, pattern] of bad) {
      await page.evaluate(() =>
        document.querySelector<HTMLButtonElement>('[data-action="dismiss-message"]')?.click(),
      );
      await page.evaluate((p) => {
        location.hash = `s=${p}`;
      }, payload);
      await page.waitForSelector('.share-message-error:not([hidden])');
      const text = (await page.textContent('.share-message-error')) ?? '';
      expect(text, payload.slice(0, 40)).toContain(
        'This link could not be opened. The scenario shown is unchanged.',
      );
      expect(text, payload.slice(0, 40)).toMatch(pattern);
      expect(await page.getAttribute('.share-message-error', 'role')).toBe('alert');
      expect(await scenarioOn(page)).toEqual(kept);
      // The address shows the scenario on screen again.
      await page.waitForFunction((h) => location.href === h, home);
    }
    expect(await page.evaluate(() => 'polluted' in {})).toBe(false);
    expect(problems).toEqual([]);
  });

  it('opens on a bad link with the message and the default scenario', async () => {
    const { page, problems } = await open(`${server.url}#s=1.%3Cbroken`);
    expect(await page.textContent('.share-message-error')).toMatch(
      /character 3 \("<"\) cannot be part of a scenario link/,
    );
    expect((await scenarioOn(page)).name).toBe('Test page default');
    expect(page.url()).toMatch(/#s=1\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]+$/);
    expect(problems).toEqual([]);
  });

  it('shows markup in a scenario name and in messages as text, never as elements', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const { page, problems, dialogs } = await open(
      `${server.url}#s=${await encode(valid({ version: 1, name, months: 6, resolution: 1000 }))}`,
    );
    expect(await page.textContent('#scenario-name')).toBe(name);
    const markupKey = await rawPayload(1, '{"seed":1,"<img src=x onerror=alert(2)>":1,"name":"<b>bold</b>"}');
    await page.evaluate((p) => {
      location.hash = `s=${p}`;
    }, markupKey);
    await page.waitForSelector('.share-message-error:not([hidden])');
    expect(await page.textContent('.share-message-error')).toContain(
      'unknown field "<img src=x onerror=alert(2)>"',
    );
    expect(await page.evaluate(() => document.querySelectorAll('img, b').length)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('saves the scenario as a file and loads it back; refuses bad and oversized files untouched', async () => {
    const { page, problems } = await open(`${server.url}#s=${await encode(EVERY_LEVER_SMALL)}`);
    const saved = await download(page, 'button[data-action="save-scenario"]');
    expect(saved.name).toBe('every-lever-small.scenario.json');
    expect(JSON.parse(saved.bytes.toString('utf8'))).toEqual(EVERY_LEVER_SMALL);

    const other = valid({ version: 1, name: 'From a file', months: 6, resolution: 1000, seed: 99 });
    const withFirst = page.url();
    await page.setInputFiles('.share-file-input', {
      name: 'other.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(other)),
    });
    await page.waitForFunction(() => document.querySelector('#scenario-name')?.textContent === 'From a file');
    expect(await scenarioOn(page)).toEqual(other);
    await page.waitForFunction(
      (before) => location.href !== before && /#s=1\./.test(location.href),
      withFirst,
    );
    expect(await scenarioFromAddress(new URL(page.url()).hash)).toEqual({ ok: true, scenario: other });

    const refusals: [string, Buffer, RegExp][] = [
      ['broken.json', Buffer.from('{"version":1,"months":'), /not valid JSON/],
      ['future.json', Buffer.from('{"version":3}'), /newer version of the simulator/],
      ['nan.json', Buffer.from('{"version":1,"months":NaN}'), /JSON has no NaN or Infinity/],
      [
        'huge.json',
        Buffer.alloc(5_000_000, 0x20),
        /"huge\.json" is 5\.0 MB; a scenario file is at most 3\.0 MB/,
      ],
    ];
    for (const [fileName, buffer, pattern] of refusals) {
      await page.setInputFiles('.share-file-input', { name: fileName, mimeType: 'application/json', buffer });
      await page.waitForFunction(
        (f) => (document.querySelector('.share-message-error')?.textContent ?? '').includes(f),
        fileName,
      );
      const text = (await page.textContent('.share-message-error')) ?? '';
      expect(text).toContain('could not be loaded. The scenario shown is unchanged.');
      expect(text).toMatch(pattern);
      expect(await scenarioOn(page)).toEqual(other);
    }
    expect(problems).toEqual([]);
  });

  it('exports results as JSON and CSV in the command line’s formats', async () => {
    const { page, problems } = await open(`${server.url}#s=${await encode(EVERY_LEVER_SMALL)}`);
    expect(await page.isDisabled('button[data-action="results-json"]')).toBe(true);
    await runOn(page);
    const json = await download(page, 'button[data-action="results-json"]');
    expect(json.name).toBe('every-lever-small.results.json');
    const doc = JSON.parse(json.bytes.toString('utf8'));
    expect(doc.format).toBe('critical-minerals-results');
    expect(doc.scenario).toEqual(EVERY_LEVER_SMALL);
    expect(doc.meta.monthsDone).toBe(8);
    expect(doc.summary.minerals.length).toBeGreaterThan(0);
    const csv = await download(page, 'button[data-action="results-csv"]');
    expect(csv.name).toBe('every-lever-small.results.csv');
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^month,mineral,stage,node,price,exportPrice,buyerPrice,production,/);
    expect(lines.length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it('exports a chart as standalone SVG and PNG, and the map as PNG', async () => {
    const { page, problems } = await open(server.url);
    await page.click('.share-charts summary');
    const svg = await download(page, 'button[aria-label="Test chart: SVG"]');
    expect(svg.name).toBe('test-page-default.test-chart.svg');
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
    );
    // Styles from the page's stylesheet are written into the file; text is escaped.
    expect(text).toMatch(/<rect [^>]*style="[^"]*fill: rgb\(0, 114, 178\)/);
    expect(text).toMatch(/<text [^>]*style="[^"]*fill: rgb\(213, 94, 0\)/);
    expect(text).toContain('Price &lt;USD/t&gt; &amp; share');

    const pngSize = (bytes: Buffer) => {
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    };
    const png = await download(page, 'button[aria-label="Test chart: PNG"]');
    expect(png.name).toBe('test-page-default.test-chart.png');
    expect(pngSize(png.bytes)).toEqual([400, 200]);
    const map = await download(page, 'button[data-action="map-png"]');
    expect(map.name).toBe('test-page-default.map.png');
    expect(pngSize(map.bytes)).toEqual([600, 300]);
    expect(problems).toEqual([]);
  });

  it('makes an embed snippet whose link opens the scenario in embed mode', async () => {
    const named = valid({ version: 1, name: 'Course "week 3" <b>', months: 6, resolution: 1000 });
    const { page, problems } = await open(`${server.url}#s=${await encode(named)}`);
    expect(await page.getAttribute('body', 'data-embed')).toBe('0');
    await page.click('button[data-action="embed"]');
    await page.waitForFunction(() =>
      /copied/.test(document.querySelector('.share-status')?.textContent ?? ''),
    );
    const snippet = await page.inputValue('.share-embed-text');
    expect(snippet).toBe(await page.evaluate(() => navigator.clipboard.readText()));
    expect(snippet).toMatch(
      /^<iframe src="[^"]+#embed=1&amp;s=1\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]+" title="Critical-minerals trade simulator: Course &quot;week 3&quot; &lt;b&gt;"/,
    );
    const src = /src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&');
    const embedded = await open(src);
    expect(await embedded.page.getAttribute('body', 'data-embed')).toBe('1');
    expect(await scenarioOn(embedded.page)).toEqual(named);
    // Edits keep the embed flag in the address.
    await embedded.page.click('#next-seed');
    await embedded.page.waitForFunction((old) => location.href !== old, src);
    expect(embedded.page.url()).toMatch(/#embed=1&s=1\./);
    expect([...problems, ...embedded.problems]).toEqual([]);
  });
});
