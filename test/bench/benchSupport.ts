/** Helpers shared by the benchmark modules: scenarios, statistics and table printing. */
import type { EngineTimings } from '../../src/parallel/parallelEngine.ts';
import { statusQuoScenario } from '../statusQuo.ts';

/** The status quo at `resolution` agents for `months` months. */
export const benchScenario = statusQuoScenario;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** Per-month figures of a run's timings, ms. */
export function perMonth(t: EngineTimings) {
  const months = Math.max(1, t.months);
  const busy = mean(t.busyMs);
  return {
    coordinatorMs: t.coordinatorMs / months,
    agentPhaseMs: t.agentPhaseMs / months,
    /** Mean over workers of the time spent waiting at barriers. */
    barrierWaitMs: mean(t.barrierWaitMs) / months,
    /** Slowest worker's compute time over the mean (1 = perfectly balanced). */
    imbalance: busy > 0 ? Math.max(...t.busyMs) / busy : 1,
  };
}

/** Prints rows as an aligned text table. */
export function printTable(header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  for (const [i, row] of cells.entries()) {
    console.log(
      row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

export const fixed = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
