/**
 * The parallel engine in Chromium, through the built bench page (dist/bench.html): the same
 * numbers as the single-thread engine (run in a worker of the same page) with shared memory
 * (COOP/COEP), with transferred buffers, and on a static host without the headers; worker
 * faults reported and recovered from without a reload.
 *
 * The engine's elementary functions are its own (src/engine/math.ts), built from IEEE basic
 * operations, so Chromium and Node give bit-identical results even though their Math.exp, log,
 * cos and ** round differently in the last bit. The last test checks both.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchParams, BenchReport } from '../../src/parallel/benchPage.ts';
import { PRESETS } from '../../src/scenario/presets.ts';
import { HOOK_TIMEOUT_MS } from '../timeouts.ts';
import { presetScenario, singleThreadHash } from '../unit/parallel/helpers.ts';
import { launchBrowser, NO_PROBLEMS, openPage, type PageProblems, serveDist } from './harness';

const RESOLUTION = 3000;
const MONTHS = 24;
/** Every preset, at the test resolution. */
const ALL = PRESETS.map((p) => ({ preset: p.id, resolution: RESOLUTION, months: MONTHS }));
const RUNS = {
  statusQuo: { preset: 'status-quo', resolution: RESOLUTION, months: MONTHS },
  controls: { preset: 'china-ree-controls-2025', resolution: RESOLUTION, months: MONTHS },
};
const expected = new Map<string, string>();

function runOn(page: Page, params: Partial<BenchParams>): Promise<BenchReport> {
  return page.evaluate((p) => window.bench.run(p), params);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await browser?.close();
}, HOOK_TIMEOUT_MS);

describe('on a cross-origin isolated page', () => {
  let server: Awaited<ReturnType<typeof serveDist>>;
  let page: Page;
  let problems: PageProblems;
  beforeAll(async () => {
    server = await serveDist({ isolated: true });
    ({ page, problems } = await openPage(browser, `${server.url}bench.html`));
    await page.waitForFunction(() => window.bench !== undefined);
    for (const run of ALL) {
      expected.set(run.preset, await page.evaluate((p) => window.bench.singleThreadHash(p), run));
    }
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await page?.context().close();
    await server?.close();
  }, HOOK_TIMEOUT_MS);

  it('shares memory and matches the single-thread engine for every preset', async () => {
    expect(await page.evaluate(() => window.bench.isolated)).toBe(true);
    expect(new Set(expected.values()).size).toBe(PRESETS.length);
    for (const run of ALL) {
      const report = await runOn(page, { ...run, workers: 2 });
      expect(report.info).toMatchObject({ workers: 2, sharedMemory: true });
      expect(report.hash, run.preset).toBe(expected.get(run.preset));
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('matches it on 1, 3, 4 and 8 workers', async () => {
    for (const workers of [1, 3, 4, 8]) {
      for (const run of Object.values(RUNS)) {
        const report = await runOn(page, { ...run, workers });
        expect(report.error).toBeNull();
        expect(report.info).toMatchObject({ workers, sharedMemory: true });
        expect(report.monthsReceived).toBe(run.months);
        expect(report.hash, `${run.preset} on ${workers}`).toBe(expected.get(run.preset));
      }
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("matches it on the app's one-thread path (the coordinator worker alone), for every preset", async () => {
    for (const run of ALL) {
      const report = await runOn(page, { ...run, workers: 2, singleThreadMaxAgents: RESOLUTION });
      expect(report.error).toBeNull();
      expect(report.info).toMatchObject({ workers: 1, sharedMemory: false });
      expect(report.monthsReceived).toBe(run.months);
      expect(report.hash, run.preset).toBe(expected.get(run.preset));
    }
    // Back to block workers on the same client: the pool starts again.
    const again = await runOn(page, { ...RUNS.controls, workers: 2 });
    expect(again.info).toMatchObject({ workers: 2, sharedMemory: true });
    expect(again.hash).toBe(expected.get(RUNS.controls.preset));
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('matches them with transferred buffers too', async () => {
    const report = await runOn(page, { ...RUNS.controls, workers: 2, memory: 'transfer' });
    expect(report.info).toMatchObject({ workers: 2, sharedMemory: false });
    expect(report.hash).toBe(expected.get(RUNS.controls.preset));
  });

  it('redraws at most once per animation frame and never more often than months arrive', async () => {
    const report = await runOn(page, { ...RUNS.statusQuo, months: 36, workers: 2 });
    expect(report.monthsReceived).toBe(36);
    expect(report.redraws).toBeGreaterThan(0);
    expect(report.redraws).toBeLessThanOrEqual(report.monthsReceived);
    expect(report.timings?.months).toBe(36);
  });

  it('counts main-thread long tasks during a run (the bench measure works)', async () => {
    expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask'))).toBe(
      true,
    );
    // A 120 ms busy loop on the main thread while the workers load: one long task.
    const busy: BenchReport = await page.evaluate((p) => {
      const run = window.bench.run(p);
      setTimeout(() => {
        const start = performance.now();
        while (performance.now() - start < 120) {
          // busy
        }
      }, 0);
      return run;
    }, RUNS.statusQuo);
    expect(busy.ok).toBe(true);
    expect(busy.longTasks.count).toBeGreaterThanOrEqual(1);
    expect(busy.longTasks.longestMs).toBeGreaterThanOrEqual(100);
  });

  for (const kind of ['throw', 'crash'] as const) {
    it(`reports a worker that fails (${kind}) and runs again without a reload`, async () => {
      const failed = await runOn(page, { ...RUNS.statusQuo, workers: 2, fault: `1:4:settle:${kind}` });
      expect(failed.ok).toBe(false);
      expect(failed.error?.worker).toBe(1);
      expect(failed.error?.message).toMatch(
        new RegExp(`^worker 1 failed during month 4 \\(settle\\): .*injected ${kind}`),
      );
      expect(failed.monthsReceived).toBe(4);
      expect(await page.textContent('#status')).toMatch(/Failed: worker 1 failed/);
      const again = await runOn(page, { ...RUNS.statusQuo, workers: 2 });
      expect(again.ok).toBe(true);
      expect(again.hash).toBe(expected.get(RUNS.statusQuo.preset));
    });
  }
});

describe('on a static host without COOP/COEP', () => {
  let server: Awaited<ReturnType<typeof serveDist>>;
  let page: Page;
  let problems: PageProblems;
  beforeAll(async () => {
    server = await serveDist({ isolated: false });
    ({ page, problems } = await openPage(browser, `${server.url}bench.html`));
    await page.waitForFunction(() => window.bench !== undefined);
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await page?.context().close();
    await server?.close();
  }, HOOK_TIMEOUT_MS);

  it('falls back to transferred buffers with the same numbers, for every preset', async () => {
    expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('undefined');
    expect(await page.evaluate(() => window.bench.isolated)).toBe(false);
    for (const run of ALL) {
      const report = await runOn(page, { ...run, workers: 2 });
      expect(report.error).toBeNull();
      expect(report.info).toMatchObject({ workers: 2, sharedMemory: false });
      expect(report.hash, run.preset).toBe(expected.get(run.preset));
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });
});

describe('across JavaScript engines', () => {
  it('give Chromium and Node bit-identical results, although their Math functions round differently', async () => {
    const page = await (await browser.newContext()).newPage();
    try {
      // The same expressions, evaluated by each engine: some last bits differ (V8 11.3 vs current V8).
      const probe = () =>
        Array.from({ length: 2000 }, (_, i) => [
          Math.exp(i / 97),
          Math.log(1 + i / 13),
          Math.cos(i / 7),
          (1 + i / 1e4) ** (1 / 12),
        ]).flat();
      const inChromium: number[] = await page.evaluate(probe);
      const inNode = probe();
      let differ = 0;
      for (let i = 0; i < inNode.length; i++) if (!Object.is(inChromium[i], inNode[i])) differ++;
      console.info(`Math in Chromium vs Node: ${differ} of ${inNode.length} results differ in the last bit`);
      for (const run of [RUNS.statusQuo, RUNS.controls]) {
        const nodeHash = await singleThreadHash(presetScenario(run.preset, run.resolution, run.months));
        expect(nodeHash, run.preset).toBe(expected.get(run.preset));
      }
    } finally {
      await page.context().close();
    }
  });
});
