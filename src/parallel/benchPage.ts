/**
 * The parallel engine's bench and test page (bench.html; not part of the app's UI). It runs a
 * scenario through the browser engine client, keeps the results on the page the way the app
 * does (one MonthSlice per month, redrawn at most once per animation frame) and measures
 * main-thread long tasks (over 50 ms) while the run is going. Browser tests and the browser
 * benchmark call `window.bench.run(...)`; `?run` starts a run from the URL parameters.
 */
import { wrap } from 'comlink';
import { hashResults } from '../engine/hash.ts';
import { appendMonth, createResults, type MonthSlice, type RunResults } from '../engine/results.ts';
import { presetById } from '../scenario/presets.ts';
import type { Scenario } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import { createBrowserEngineClient, defaultWorkerCount, pageIsIsolated } from './browserClient.ts';
import { EngineError, type LoadInfo } from './client.ts';
import type { EngineTimings } from './parallelEngine.ts';
import { parseFaultPlan } from './protocol.ts';

export interface BenchParams {
  preset: string;
  resolution: number;
  months: number;
  seed?: number;
  workers: number;
  /** 'transfer' forces transferred buffers on an isolated page. */
  memory?: 'shared' | 'transfer';
  /** Debug fault plan, worker:month:phase[:kind]. */
  fault?: string;
  /** Debug: the block-worker watchdog's limit per phase, ms. */
  phaseTimeoutMs?: number;
  /** Runs of at most this many agents go to the coordinator worker's own thread, as in the app (default 0: never). */
  singleThreadMaxAgents?: number;
}

export interface BenchReport {
  params: BenchParams;
  ok: boolean;
  error: { message: string; worker: number | null } | null;
  info: LoadInfo | null;
  monthsReceived: number;
  /** Load (workers, population, initialisation), ms. */
  loadMs: number;
  /** Months, from run() to its end, ms. */
  runMs: number;
  timings: EngineTimings | null;
  /** SHA-256 of the full results (src/engine/hash.ts), when the run completed. */
  hash: string | null;
  /** Main-thread long tasks (over 50 ms) from the start of load to the end of the run (hashing excluded). */
  longTasks: { count: number; longestMs: number };
  /** Redraws (at most one per animation frame). */
  redraws: number;
  /**
   * The page's own work: the longest month handler (append the slice) and redraw, ms. A long
   * task much longer than these was the thread waiting for a CPU (or collecting garbage).
   */
  longestHandlerMs: number;
  longestRedrawMs: number;
}

declare global {
  interface Window {
    bench: {
      run(params: Partial<BenchParams>): Promise<BenchReport>;
      /** Hash of the same scenario on the single-thread engine, run in a worker of this page. */
      singleThreadHash(params: Partial<BenchParams>): Promise<string>;
      isolated: boolean;
      defaultWorkers: number;
      last: BenchReport | null;
    };
  }
}

const status = document.querySelector<HTMLParagraphElement>('#status')!;
const progress = document.querySelector<HTMLProgressElement>('#progress')!;
const table = document.querySelector<HTMLTableElement>('#report')!;
// Block workers unless a run asks for the app's one-thread path (singleThreadMaxAgents).
const client = createBrowserEngineClient({ singleThreadMaxAgents: 0 });

/** Long tasks seen on this page, [start, end] in ms of performance.now(). */
const longTasks: [number, number][] = [];
const keepLongTasks = (entries: PerformanceEntryList) => {
  for (const entry of entries) longTasks.push([entry.startTime, entry.startTime + entry.duration]);
};
const longTaskObserver = PerformanceObserver.supportedEntryTypes?.includes('longtask')
  ? new PerformanceObserver((list) => keepLongTasks(list.getEntries()))
  : null;
longTaskObserver?.observe({ type: 'longtask', buffered: true });

function paramsFrom(search: URLSearchParams): Partial<BenchParams> {
  const number = (key: string) => (search.has(key) ? Number(search.get(key)) : undefined);
  const memory = search.get('memory');
  return {
    preset: search.get('preset') ?? undefined,
    resolution: number('resolution'),
    months: number('months'),
    seed: number('seed'),
    workers: number('workers'),
    memory: memory === 'transfer' || memory === 'shared' ? memory : undefined,
    fault: search.get('fault') ?? undefined,
    phaseTimeoutMs: number('phaseTimeout'),
    singleThreadMaxAgents: number('singleThreadMaxAgents'),
  };
}

function withDefaults(params: Partial<BenchParams>): BenchParams {
  const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
  return {
    preset: 'status-quo',
    resolution: 100_000,
    months: 120,
    workers: defaultWorkerCount(),
    memory: 'shared',
    ...defined,
  };
}

function show(report: BenchReport): void {
  const t = report.timings;
  const perMonth = (ms: number) => (t && t.months > 0 ? (ms / t.months).toFixed(2) : '–');
  const meanWait = t ? t.barrierWaitMs.reduce((a, b) => a + b, 0) / Math.max(1, t.barrierWaitMs.length) : 0;
  const rows: [string, string][] = [
    ['scenario', `${report.params.preset}, ${report.info?.agentCount.toLocaleString('en') ?? '?'} agents`],
    [
      'workers',
      `${report.info?.workers ?? '?'} (${report.info?.sharedMemory ? 'shared memory' : 'transferred buffers'})`,
    ],
    ['months received', String(report.monthsReceived)],
    ['load, ms', report.loadMs.toFixed(0)],
    ['run, ms', report.runMs.toFixed(0)],
    ['coordinator per month, ms', t ? perMonth(t.coordinatorMs) : '–'],
    ['barrier wait per month, ms (mean over workers)', perMonth(meanWait)],
    [
      'main-thread long tasks',
      `${report.longTasks.count} (longest ${report.longTasks.longestMs.toFixed(0)} ms)`,
    ],
    ['redraws', String(report.redraws)],
    [
      'longest month handler / redraw, ms',
      `${report.longestHandlerMs.toFixed(1)} / ${report.longestRedrawMs.toFixed(1)}`,
    ],
    ['results hash', report.hash ?? '–'],
  ];
  table.replaceChildren(
    ...rows.map(([label, value]) => {
      const row = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = label;
      const td = document.createElement('td');
      td.textContent = value;
      row.append(th, td);
      return row;
    }),
  );
}

function scenarioFor(params: BenchParams): Scenario {
  const preset = presetById(params.preset);
  if (!preset) throw new Error(`no preset ${JSON.stringify(params.preset)}`);
  const checked = validateScenario({
    ...structuredClone(preset.scenario),
    resolution: params.resolution,
    months: params.months,
    ...(params.seed === undefined ? {} : { seed: params.seed }),
  });
  if (!checked.ok) throw new Error(checked.errors.join('; '));
  return checked.scenario;
}

async function singleThreadHash(params: Partial<BenchParams>): Promise<string> {
  const worker = new Worker(new URL('../../workers/reference.worker.ts', import.meta.url), {
    type: 'module',
    name: 'reference',
  });
  try {
    const reference = wrap<{ singleThreadHash(scenario: Scenario): string }>(worker);
    return await reference.singleThreadHash(scenarioFor(withDefaults(params)));
  } finally {
    worker.terminate();
  }
}

let busy = false;

async function run(partial: Partial<BenchParams>): Promise<BenchReport> {
  if (busy) throw new Error('a run is already going');
  busy = true;
  const params = withDefaults(partial);
  const report: BenchReport = {
    params,
    ok: false,
    error: null,
    info: null,
    monthsReceived: 0,
    loadMs: 0,
    runMs: 0,
    timings: null,
    hash: null,
    longTasks: { count: 0, longestMs: 0 },
    redraws: 0,
    longestHandlerMs: 0,
    longestRedrawMs: 0,
  };
  status.classList.remove('error');
  const started = performance.now();
  /** End of the measured window: the run's end (before hashing), or the failure. */
  let ended = Number.NaN;
  /** The pending redraw, if any (requestAnimationFrame id). */
  let frame = 0;
  try {
    const scenario = scenarioFor(params);
    status.textContent = `Loading ${params.resolution.toLocaleString('en')} agents into ${params.workers} workers…`;
    const info = await client.load(scenario, {
      workers: params.workers,
      singleThreadMaxAgents: params.singleThreadMaxAgents ?? 0,
      debug: {
        sharedMemory: params.memory !== 'transfer',
        fault: params.fault ? parseFaultPlan(params.fault) : null,
        phaseTimeoutMs: params.phaseTimeoutMs,
      },
    });
    // The report goes back to the test as JSON: it keeps the load's facts, not its storage.
    const { storage, ...facts } = info;
    report.info = facts;
    report.loadMs = performance.now() - started;
    const { engineVersion: _, ...meta } = info.meta;
    const results: RunResults = createResults(meta, storage ?? null);
    let latest: MonthSlice | null = null;
    const redraw = () => {
      const drawStarted = performance.now();
      frame = 0;
      report.redraws++;
      if (!latest) return;
      progress.value = (latest.month + 1) / info.meta.months;
      status.textContent = `Month ${latest.month + 1} of ${info.meta.months} (${info.workers} workers, ${info.sharedMemory ? 'shared memory' : 'transferred buffers'}).`;
      report.longestRedrawMs = Math.max(report.longestRedrawMs, performance.now() - drawStarted);
    };
    const runStarted = performance.now();
    const outcome = await client.run((slice) => {
      const handlerStarted = performance.now();
      appendMonth(results, slice);
      report.monthsReceived++;
      latest = slice;
      frame ||= requestAnimationFrame(redraw);
      report.longestHandlerMs = Math.max(report.longestHandlerMs, performance.now() - handlerStarted);
    });
    ended = performance.now();
    report.runMs = ended - runStarted;
    report.timings = await client.timings();
    report.ok = outcome === 'done';
    report.hash = await hashResults(results);
    status.textContent = `Done: ${params.months} months in ${(report.runMs / 1000).toFixed(2)} s.`;
  } catch (error) {
    const worker = error instanceof EngineError ? error.worker : null;
    report.error = { message: (error as Error).message, worker };
    status.textContent = `Failed: ${(error as Error).message}`;
    status.classList.add('error');
  } finally {
    // The final status stands: no redraw after it.
    cancelAnimationFrame(frame);
    if (Number.isNaN(ended)) ended = performance.now();
    // Entries not delivered to the observer yet.
    if (longTaskObserver) keepLongTasks(longTaskObserver.takeRecords());
    const during = longTasks.filter(([from, to]) => to > started && from < ended);
    report.longTasks = {
      count: during.length,
      longestMs: Math.max(0, ...during.map(([from, to]) => to - from)),
    };
    busy = false;
  }
  window.bench.last = report;
  show(report);
  return report;
}

window.bench = {
  run,
  singleThreadHash,
  isolated: pageIsIsolated(),
  defaultWorkers: defaultWorkerCount(),
  last: null,
};

const search = new URLSearchParams(location.search);
if (search.has('run')) void run(paramsFrom(search));
else
  status.textContent = `Idle (${window.bench.isolated ? 'cross-origin isolated: shared memory' : 'not isolated: transferred buffers'}; default ${window.bench.defaultWorkers} workers).`;
