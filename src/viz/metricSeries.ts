/**
 * Monthly metric series for the charts (MODEL.md §6), computed from run results with the
 * engine's metric functions and kept per results object: each month is computed once, when it
 * arrives, so a frame during a run only adds the new months. Keys name the metric, the good and
 * (where it matters) the zone's members.
 */
import {
  concentration,
  consumerPrice,
  goodIndexOf,
  selfSufficiency,
  unmetShare,
  worldPrice,
} from '../engine/metrics.ts';
import type { RunResults, SeriesName } from '../engine/results.ts';

export interface MetricCache {
  /** Values of a metric for months [0, monthsDone); `compute(month)` fills the missing ones. */
  series(results: RunResults, key: string, compute: (month: number) => number): Float64Array;
}

export function createMetricCache(): MetricCache {
  const byResults = new WeakMap<RunResults, Map<string, { values: Float64Array; done: number }>>();
  return {
    series(results, key, compute) {
      let map = byResults.get(results);
      if (!map) {
        map = new Map();
        byResults.set(results, map);
      }
      let entry = map.get(key);
      if (!entry) {
        entry = { values: new Float64Array(results.meta.months), done: 0 };
        map.set(key, entry);
      }
      for (let m = entry.done; m < results.monthsDone; m++) entry.values[m] = compute(m);
      entry.done = Math.max(entry.done, results.monthsDone);
      return entry.values.subarray(0, results.monthsDone);
    },
  };
}

/** Sum over nodes of a series for one good in one month. */
function nodeSum(results: RunResults, name: SeriesName, month: number, good: number): number {
  const { nodes, goods } = results.meta;
  const base = (month * goods.length + good) * nodes.length;
  const values = results.series[name];
  let sum = 0;
  for (let n = 0; n < nodes.length; n++) sum += values[base + n];
  return sum;
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

/** Money series summed over all of the mineral's goods and every node, USD/month. */
const MONEY: Partial<Record<MetricId, SeriesName>> = {
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
  const good = stage ? goodIndexOf(results, mineral, stage) : -1;
  const money = MONEY[metric];
  if (money) {
    const goods = results.meta.goods.flatMap((g, i) => (g.mineral === mineral ? [i] : []));
    return cache.series(results, key, (m) => goods.reduce((a, g) => a + nodeSum(results, money, m, g), 0));
  }
  if (metric === 'unmetWorld') return cache.series(results, key, (m) => unmetShare(results, m, mineral));
  if (metric === 'unmetZone')
    return cache.series(results, key, (m) => unmetShare(results, m, mineral, members));
  if (good < 0) return new Float64Array(0);
  switch (metric) {
    case 'priceInside':
      return cache.series(results, key, (m) => consumerPrice(results, m, good, members, true));
    case 'priceOutside':
      return cache.series(results, key, (m) => consumerPrice(results, m, good, members, false));
    case 'priceWorld':
      return cache.series(results, key, (m) => worldPrice(results, m, good));
    case 'hhi':
      return cache.series(results, key, (m) => concentration(results, m, good).hhi);
    case 'top1':
      return cache.series(results, key, (m) => concentration(results, m, good).top1.share);
    case 'top3':
      return cache.series(results, key, (m) => concentration(results, m, good).top3.share);
    case 'selfSufficiency':
      return cache.series(results, key, (m) => selfSufficiency(results, m, good, members));
    default:
      return new Float64Array(0);
  }
}
