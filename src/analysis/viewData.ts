/**
 * The numbers behind the app's pictures, computed from a run's results with the engine's own
 * metric functions (src/engine/metrics.ts) and series (src/engine/results.ts): the month's
 * trade flows per exporter or importer, a node's monthly series (its country page), and the
 * metadata that travels with every data download. One home for them, so the map's table, the
 * downloads and the country page give the same numbers. Pure: results in, plain rows out.
 */
import { CALIBRATION_YEAR, PRODUCTION } from '../data/calibration';
import { sourceByKey } from '../data/sources';
import type { SourceKey } from '../data/types';
import { forEachFlow, goodIndexOf, selfSufficiency, unmetShare } from '../engine/metrics.ts';
import { type RunResults, type SeriesName, seriesIndex } from '../engine/results.ts';

// --- the month's flows -----------------------------------------------------------------------

/** One country's cross-border trade of a good in a month, as exporter or as importer. */
export interface FlowRow {
  node: string;
  /** t/month. */
  tonnes: number;
  /** USD/month at the exporter's origin price (the `price` series): what the goods fetched. */
  valueUsd: number;
  /** Share of the month's cross-border tonnes of the good, 0–1. */
  share: number;
  /** Trading partners with any tonnes. */
  partners: number;
}

/**
 * The month's cross-border flows of a good added up per exporter (`by: 'exporter'`) or per
 * importer, largest first. Flows within a node are not trade and are left out.
 */
export function flowTable(
  results: RunResults,
  month: number,
  good: number,
  by: 'exporter' | 'importer',
): { rows: FlowRow[]; totalTonnes: number; totalUsd: number } {
  const nodes = results.meta.nodes;
  const tonnes = new Float64Array(nodes.length);
  const value = new Float64Array(nodes.length);
  const partners = new Uint32Array(nodes.length);
  let totalTonnes = 0;
  let totalUsd = 0;
  if (good >= 0 && month < results.monthsDone) {
    const price = results.series.price;
    forEachFlow(results, month, good, (i, j, t) => {
      if (i === j || !(t > 0)) return;
      const usd = t * price[seriesIndex(results.meta, month, good, i)];
      const k = by === 'exporter' ? i : j;
      tonnes[k] += t;
      value[k] += usd;
      partners[k]++;
      totalTonnes += t;
      totalUsd += usd;
    });
  }
  const rows: FlowRow[] = [];
  nodes.forEach((node, k) => {
    if (tonnes[k] > 0)
      rows.push({
        node,
        tonnes: tonnes[k],
        valueUsd: value[k],
        share: tonnes[k] / totalTonnes,
        partners: partners[k],
      });
  });
  rows.sort((a, b) => b.tonnes - a.tonnes || a.node.localeCompare(b.node));
  return { rows, totalTonnes, totalUsd };
}

// --- a node's series (the country page) ------------------------------------------------------

export type NodeSeriesId =
  | 'production'
  | 'imports'
  | 'exports'
  | 'buyerPrice'
  | 'unmetShare'
  | 'selfSufficiency';

/** What each node series is, with its unit. */
export const NODE_SERIES: Record<NodeSeriesId, { label: string; unit: string }> = {
  production: { label: 'Output', unit: 't/month' },
  imports: { label: 'Imports', unit: 't/month' },
  exports: { label: 'Exports', unit: 't/month' },
  buyerPrice: { label: 'Price paid (landed)', unit: 'USD/t' },
  unmetShare: { label: 'Unmet demand', unit: '% of its final demand' },
  selfSufficiency: { label: 'Self-sufficiency', unit: '% of its purchases from its own producers' },
};

/**
 * A node's monthly series for a mineral and stage, months [0, monthsDone): NaN where undefined
 * (a price where nothing was bought). Read from the engine's series and metrics:
 *
 * - production, imports, exports: the engine's series of the good, t/month;
 * - buyerPrice: the average landed cost its buyers paid for the good, USD/t;
 * - unmetShare: `unmetShare` of the mineral with the node as the only member (final demand);
 * - selfSufficiency: `selfSufficiency` of the good with the node as a zone of one: the share of
 *   its purchases that came from its own producers.
 */
export function nodeSeries(
  results: RunResults,
  node: string,
  mineral: string,
  stage: string,
  id: NodeSeriesId,
): Float64Array {
  const n = results.meta.nodes.indexOf(node);
  const good = goodIndexOf(results, mineral, stage);
  const out = new Float64Array(results.monthsDone).fill(Number.NaN);
  if (n < 0) return out;
  if (id === 'unmetShare') {
    for (let m = 0; m < results.monthsDone; m++) out[m] = unmetShare(results, m, mineral, [node]);
    return out;
  }
  if (good < 0) return out;
  const at = (name: SeriesName, m: number) => results.series[name][seriesIndex(results.meta, m, good, n)];
  for (let m = 0; m < results.monthsDone; m++) {
    if (id === 'buyerPrice') {
      const p = at('buyerPrice', m);
      out[m] = p > 0 ? p : Number.NaN;
    } else if (id === 'selfSufficiency') out[m] = selfSufficiency(results, m, good, [node]);
    else out[m] = at(id, m);
  }
  return out;
}

// --- data downloads ---------------------------------------------------------------------------

/** The calibration's data sources: every source a 2024 production figure cites, in key order. */
export function dataSources(): { key: SourceKey; title: string; publisher: string; url: string }[] {
  const keys = [...new Set(PRODUCTION.flatMap((s) => s.byNode.map((f) => f.source)))].sort();
  return keys.map((key) => {
    const s = sourceByKey(key);
    return { key, title: s.title, publisher: s.publisher, url: s.url };
  });
}

/** One line for a figure's footer: the publishers of the calibration data. */
export function sourcesLine(): string {
  const publishers = [...new Set(dataSources().map((s) => s.publisher))];
  return `Model results, calibrated to ${CALIBRATION_YEAR} data: ${publishers.join('; ')}.`;
}

/** The metadata written beside every data download (OWID grapher style). */
export interface DownloadMetadata {
  title: string;
  description: string;
  /** The link that opens the scenario (and the month) again. */
  scenarioLink: string;
  scenarioName: string;
  seed: number;
  months: number;
  agents: number;
  monthRange: string;
  /** The simulator's package version and the results' engine version. */
  version: { app: string; engine: number };
  /** "model results": every number is the simulator's output, not an observation. */
  kind: 'model results';
  columns: { name: string; unit: string }[];
  sources: ReturnType<typeof dataSources>;
}

/** CSV text (RFC 4180 quoting) of a header and rows; numbers keep full precision. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number) => {
    const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
