/**
 * Scaling of the parallel engine in Chromium, through the built bench page (dist/bench.html):
 * 100,000 and 1,000,000 agents (status quo, 120 months) on 1, 2 and 4 block workers, on a
 * cross-origin isolated page (shared memory) and, for comparison, without the headers
 * (transferred buffers). Also counts main-thread long tasks (over 50 ms) during each run.
 * Builds dist/ first.
 */
import { build } from 'vite';
import type { BenchReport } from '../../src/parallel/benchPage.ts';
import { launchBrowser, openPage, root, serveDist } from '../browser/harness.ts';
import { fixed, median, perMonth, printTable } from './benchSupport.ts';
import type { BenchOptions } from './run.ts';

interface Row {
  agents: number;
  isolated: boolean;
  sharedMemory: boolean;
  workers: number;
  months: number;
  /** Months the engine's timings counted (last repeat). */
  monthsTimed: number;
  runMs: number;
  runsMs: number[];
  /** First repeat (fresh workers, code not yet optimised), ms. */
  firstMs: number;
  loadMs: number;
  speedup: number;
  efficiency: number;
  coordinatorMsPerMonth: number;
  barrierWaitMsPerMonth: number;
  imbalance: number;
  /** Main-thread long tasks during load and run (worst repeat), and the longest, ms. */
  longTasks: number;
  longestTaskMs: number;
  redraws: number;
  /** The page's own longest month handler and redraw (worst repeat), ms. */
  longestHandlerMs: number;
  longestRedrawMs: number;
}

export async function bench(options: BenchOptions) {
  if (!options.smoke) await build({ root, logLevel: 'warn' });
  const sizes = options.smoke ? [2000] : options.quick ? [20_000] : [100_000, 1_000_000];
  const months = options.smoke ? 2 : options.quick ? 12 : 120;
  const repeats = options.smoke || options.quick ? 1 : 3;
  const rows: Row[] = [];
  /** The bench page's errors (uncaught, or written to its console). */
  const pageProblems: string[] = [];
  const browser = await launchBrowser();
  let userAgent = '';
  try {
    for (const isolated of [true, false]) {
      const server = await serveDist({ isolated });
      const { page, problems } = await openPage(browser, `${server.url}bench.html`);
      userAgent = await page.evaluate(() => navigator.userAgent);
      try {
        await page.waitForFunction(() => window.bench !== undefined);
        const counts = isolated ? [1, 2, 4] : [1, 2];
        for (const agents of isolated ? sizes : sizes.slice(-1)) {
          let oneWorker = Number.NaN;
          for (const workers of counts) {
            const reports: BenchReport[] = [];
            for (let r = 0; r < repeats; r++) {
              const report: BenchReport = await page.evaluate((p) => window.bench.run(p), {
                preset: 'status-quo',
                resolution: agents,
                months,
                workers,
              });
              if (!report.ok) throw new Error(`bench run failed: ${report.error?.message}`);
              reports.push(report);
            }
            const runMs = median(reports.map((r) => r.runMs));
            if (workers === 1) oneWorker = runMs;
            const last = reports[reports.length - 1];
            const t = perMonth(last.timings!);
            const row: Row = {
              agents: last.info!.agentCount,
              isolated,
              sharedMemory: last.info!.sharedMemory,
              workers,
              months,
              monthsTimed: last.timings!.months,
              runMs,
              runsMs: reports.map((r) => r.runMs),
              firstMs: reports[0].runMs,
              loadMs: median(reports.map((r) => r.loadMs)),
              speedup: oneWorker / runMs,
              efficiency: oneWorker / runMs / workers,
              coordinatorMsPerMonth: t.coordinatorMs,
              barrierWaitMsPerMonth: t.barrierWaitMs,
              imbalance: t.imbalance,
              longTasks: Math.max(...reports.map((r) => r.longTasks.count)),
              longestTaskMs: Math.max(...reports.map((r) => r.longTasks.longestMs)),
              redraws: last.redraws,
              longestHandlerMs: Math.max(...reports.map((r) => r.longestHandlerMs)),
              longestRedrawMs: Math.max(...reports.map((r) => r.longestRedrawMs)),
            };
            rows.push(row);
            console.error(
              `  ${agents} agents, ${isolated ? 'isolated' : 'no headers'}, ${workers} workers: ${fixed(runMs / 1000)} s`,
            );
          }
        }
        const found = [...problems.pageErrors, ...problems.consoleErrors, ...problems.failedRequests];
        if (found.length > 0) {
          console.error('page problems:', problems);
          pageProblems.push(...found);
        }
      } finally {
        await page.context().close();
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }
  printTable(
    [
      'agents',
      'page',
      'workers',
      'months, s',
      'first, s',
      'load, s',
      'speedup',
      'efficiency',
      'coord ms/mo',
      'barrier ms/mo',
      'imbalance',
      'long tasks',
      'handler ms',
      'redraws',
    ],
    rows.map((r) => [
      r.agents.toLocaleString('en'),
      r.isolated ? 'isolated (shared)' : 'no headers (transfer)',
      r.workers,
      fixed(r.runMs / 1000),
      fixed(r.firstMs / 1000),
      fixed(r.loadMs / 1000),
      fixed(r.speedup),
      fixed(r.efficiency),
      fixed(r.coordinatorMsPerMonth),
      fixed(r.barrierWaitMsPerMonth),
      fixed(r.imbalance),
      r.longTasks === 0 ? '0' : `${r.longTasks} (≤${r.longestTaskMs.toFixed(0)} ms)`,
      `${fixed(r.longestHandlerMs, 1)}/${fixed(r.longestRedrawMs, 1)}`,
      r.redraws,
    ]),
  );
  console.log(`\n${months} months, median of ${repeats}; ${userAgent}`);
  return { userAgent, months, repeats, rows, pageProblems };
}
