/**
 * The results file formats (docs/results.md): JSON with flat series arrays of shape
 * [months, goods, nodes], and CSV with one row per month, good and node that had any activity.
 * The command line and the app's export buttons write the same formats.
 */
import type { Scenario } from '../scenario/schema.ts';
import { type RunResults, SERIES, SERIES_UNITS } from './results.ts';

export const RESULTS_FORMAT = 'critical-minerals-results';
export const RESULTS_FORMAT_VERSION = 1;

/** `Summary`: the run summary the caller adds (src/analysis/summary.ts), written as it is. */
export interface ResultsDocument<Summary = unknown> {
  format: typeof RESULTS_FORMAT;
  formatVersion: number;
  meta: RunResults['meta'] & { monthsDone: number; shape: [number, number, number]; layout: string };
  scenario: Scenario;
  units: Record<string, string>;
  series: Record<string, number[]>;
  stockpileTonnes: number[];
  conservationError: number[];
  /** Present when flows were asked for: per month, [good, origin, destination, tonnes] rows. */
  flows?: [number, number, number, number][][];
  summary: Summary;
}

/** The results as a JSON-ready object. Only completed months are written. */
export function resultsDocument<Summary>(
  results: RunResults,
  scenario: Scenario,
  summary: Summary,
  options: { flows?: boolean } = {},
): ResultsDocument<Summary> {
  const { goods, nodes } = results.meta;
  const months = results.monthsDone;
  const stride = goods.length * nodes.length;
  const series: Record<string, number[]> = {};
  for (const name of SERIES) series[name] = Array.from(results.series[name].subarray(0, months * stride));
  const N = nodes.length;
  return {
    format: RESULTS_FORMAT,
    formatVersion: RESULTS_FORMAT_VERSION,
    meta: {
      ...results.meta,
      monthsDone: months,
      shape: [months, goods.length, nodes.length],
      layout: 'series[name][(month * goods + good) * nodes + node]',
    },
    scenario,
    units: { ...SERIES_UNITS },
    series,
    stockpileTonnes: Array.from(results.stockpileTonnes.subarray(0, months * results.meta.stockpiles.length)),
    conservationError: Array.from(results.conservationError.subarray(0, months)),
    flows: options.flows
      ? results.flowKeys.slice(0, months).map((keys, m) =>
          Array.from(keys, (k, f): [number, number, number, number] => {
            const good = Math.floor(k / (N * N));
            const pair = k - good * N * N;
            return [good, Math.floor(pair / N), pair % N, results.flowTonnes[m][f]];
          }),
        )
      : undefined,
    summary,
  };
}

const ACTIVITY: readonly (typeof SERIES)[number][] = [
  'production',
  'consumption',
  'demand',
  'imports',
  'exports',
  'stocks',
];

/** CSV: month,mineral,stage,node, then one column per series; rows with no activity are left out. */
export function resultsCsv(results: RunResults): string {
  const { goods, nodes } = results.meta;
  const lines = [['month', 'mineral', 'stage', 'node', ...SERIES].join(',')];
  const stride = goods.length * nodes.length;
  for (let m = 0; m < results.monthsDone; m++) {
    for (let g = 0; g < goods.length; g++) {
      for (let n = 0; n < nodes.length; n++) {
        const at = m * stride + g * nodes.length + n;
        if (!ACTIVITY.some((name) => results.series[name][at] !== 0)) continue;
        const values = SERIES.map((name) => String(results.series[name][at]));
        lines.push([String(m), goods[g].mineral, goods[g].stage, nodes[n], ...values].join(','));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
