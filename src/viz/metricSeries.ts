/**
 * Monthly metric series for the charts, computed with the outcome rows of
 * src/analysis/outcomes.ts and kept per results object: each month is computed once, when it
 * arrives, so a frame during a run only adds the new months. Keys name the metric, the good and
 * (where it matters) the zone's members.
 */
import { getOrMake } from '../analysis/memo.ts';
import { outcomeRow } from '../analysis/outcomes.ts';
import { goodIndexOf } from '../engine/metrics.ts';
import type { RunResults } from '../engine/results.ts';

export interface MetricCache {
  /**
   * Values of a metric for months [0, monthsDone); `compute(month, earlier)` fills the missing
   * ones in month order (`earlier` holds the months before).
   */
  series(
    results: RunResults,
    key: string,
    compute: (month: number, earlier: Float64Array) => number,
  ): Float64Array;
}
export function createMetricCache(): MetricCache {
  const byResults = new WeakMap<RunResults, Map<string, { values: Float64Array; done: number }>>();
  return {
    series(results, key, compute) {
      const map = getOrMake(
        byResults,
        results,
        () => new Map<string, { values: Float64Array; done: number }>(),
      );
      const entry = getOrMake(map, key, () => ({ values: new Float64Array(results.meta.months), done: 0 }));
      for (let m = entry.done; m < results.monthsDone; m++) entry.values[m] = compute(m, entry.values);
      entry.done = Math.max(entry.done, results.monthsDone);
      return entry.values.subarray(0, results.monthsDone);
    },
  };
}

export type MetricId =
  | 'priceInside'
  | 'priceOutside'
  | 'priceWorld'
  | 'hhi'
  | 'top1'
  | 'top3'
  | 'selfSufficiency'
  | 'unmetWorld'
  | 'unmetZone'
  | 'tariffRevenue'
  | 'levyRevenue'
  | 'subsidySpend'
  | 'stockpileSpend';

export interface MetricRequest {
  metric: MetricId;
  mineral: string;
  /** Stage, for the per-good metrics. */
  stage?: string;
  members?: readonly string[];
}

/** The outcome row each chart metric is. */
const ROW_OF: Record<MetricId, string> = {
  priceInside: 'price.zone',
  priceOutside: 'price.outside',
  priceWorld: 'price.world',
  hhi: 'hhi',
  top1: 'top1',
  top3: 'top3',
  selfSufficiency: 'selfSufficiency',
  unmetWorld: 'unmet',
  unmetZone: 'unmet.zone',
  tariffRevenue: 'tariffRevenue',
  levyRevenue: 'levyRevenue',
  subsidySpend: 'subsidySpend',
  stockpileSpend: 'stockpilePurchases',
};

/** One metric's monthly series (NaN where undefined, e.g. a zone that buys nothing). */
export function metricSeries(cache: MetricCache, results: RunResults, request: MetricRequest): Float64Array {
  const { metric, mineral, stage = '', members = [] } = request;
  const zoneKey = members.length ? `|${members.join(',')}` : '';
  const key = `${metric}|${mineral}|${stage}${zoneKey}`;
  const row = outcomeRow(ROW_OF[metric]);
  const good = stage ? goodIndexOf(results, mineral, stage) : -1;
  if (row.of === 'good' && good < 0) return new Float64Array(0);
  const at = { mineral, good, members };
  return cache.series(results, key, (m, earlier) => row.value(results, m, at, earlier));
}
