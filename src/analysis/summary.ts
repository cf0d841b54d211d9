/**
 * The short per-mineral summary the command line prints and the results file carries: price
 * change, concentration per stage, the zone's self-sufficiency, import dependence and months of
 * cover, unmet demand and shortage duration (docs/results.md), and welfare against a baseline.
 */
import { type ZoneRef, zoneOf } from '../data/groups';
import { concentration, finalGoods, goodIndexOf, unmetShare, worldPrice } from '../engine/metrics.ts';
import type { RunResults } from '../engine/results.ts';
import { outcomeAt, outcomeRow } from './outcomes.ts';
import { type WelfareChange, welfareChange } from './welfare.ts';

export interface MineralSummary {
  mineral: string;
  /** World price of the last stage with final buyers: last month vs month 0, proportional. */
  priceChange: number;
  /** Same, against the baseline run's last month (NaN without a baseline). */
  priceVsBaseline: number;
  /** Consumer price inside the zone vs outside it, last month, USD/t of the main final good. */
  zonePrice: number;
  outsidePrice: number;
  /** HHI per stage, last month (0–10,000). */
  hhi: Record<string, number>;
  /** Largest producer and top-3 share per stage, last month. */
  top: Record<string, { top1: string; top1Share: number; top3Share: number }>;
  /** The zone's self-sufficiency in refined (processed) supply, last month, 0–1. */
  zoneSelfSufficiency: number;
  /** The zone's self-sufficiency in mined supply, last month, 0–1. */
  zoneMiningSelfSufficiency: number;
  /** The zone's import dependence in the refined good, last month, 0–1. */
  zoneImportDependence: number;
  /** The zone's stocks of the mineral's final goods in months of its consumption, last month. */
  zoneMonthsOfCover: number;
  /** Unmet final demand over the whole run, share 0–1, and its worst month. */
  unmetShare: number;
  worstUnmetShare: number;
  /** Shortage duration: months from month 0 until unmet demand last exceeded 1%. */
  shortageMonths: number;
}

export interface RunSummary {
  /** The zone the self-sufficiency figures are for: the scenario's first zone, or all Ministerial participants. */
  zone: ZoneRef;
  minerals: MineralSummary[];
  welfare: WelfareChange | null;
}

/** Summary of a run, for its first zone (or the Ministerial participants), with welfare against `baseline`. */
export function summarise(results: RunResults, baseline?: RunResults): RunSummary {
  const zone = zoneOf(results.meta.zones);
  const last = results.monthsDone - 1;
  const minerals = results.meta.minerals.map((mineral): MineralSummary => {
    const goods = results.meta.goods.map((g, i) => ({ ...g, index: i })).filter((g) => g.mineral === mineral);
    const finals = finalGoods(results, mineral);
    const main = goods.find((g) => g.stage === 'refine')?.index ?? finals[0] ?? goods[goods.length - 1].index;
    const hhi: Record<string, number> = {};
    const top: MineralSummary['top'] = {};
    for (const g of goods) {
      const c = concentration(results, last, g.index);
      hhi[g.stage] = c.hhi;
      top[g.stage] = { top1: c.top1.node, top1Share: c.top1.share, top3Share: c.top3.share };
    }
    let unmet = 0;
    let worst = 0;
    for (let m = 0; m <= last; m++) {
      const share = unmetShare(results, m, mineral);
      unmet += share;
      worst = Math.max(worst, share);
    }
    const mine = goodIndexOf(results, mineral, 'mine');
    // The outcome rows' values in the last month (src/analysis/outcomes.ts).
    const lastOf = (id: string, good: number) =>
      outcomeAt(results, outcomeRow(id), { mineral, good, members: zone.members }, last);
    return {
      mineral,
      priceChange: worldPrice(results, last, main) / worldPrice(results, 0, main) - 1,
      priceVsBaseline: baseline
        ? worldPrice(results, last, main) / worldPrice(baseline, last, main) - 1
        : Number.NaN,
      zonePrice: lastOf('price.zone', main),
      outsidePrice: lastOf('price.outside', main),
      hhi,
      top,
      zoneSelfSufficiency: lastOf('selfSufficiency', main),
      zoneMiningSelfSufficiency: lastOf('selfSufficiency', mine),
      zoneImportDependence: lastOf('importDependence', main),
      zoneMonthsOfCover: lastOf('cover.zone', main),
      unmetShare: unmet / (last + 1),
      worstUnmetShare: worst,
      shortageMonths: lastOf('shortage', main),
    };
  });
  return { zone, minerals, welfare: baseline ? welfareChange(baseline, results) : null };
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '–');
const signedPct = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%` : '–');

/** A plain-text table of the summary, one row per mineral. */
export function formatSummary(summary: RunSummary): string {
  const header = [
    'mineral',
    'price Δ',
    'vs base',
    'HHI mine',
    'HHI refine',
    'HHI magnet',
    'zone self-suff.',
    'unmet (avg/max)',
  ];
  const rows = summary.minerals.map((m) => [
    m.mineral,
    signedPct(m.priceChange),
    signedPct(m.priceVsBaseline),
    (m.hhi.mine ?? 0).toFixed(0),
    (m.hhi.refine ?? 0).toFixed(0),
    m.hhi.magnet === undefined ? '' : m.hhi.magnet.toFixed(0),
    pct(m.zoneSelfSufficiency),
    `${pct(m.unmetShare)} / ${pct(m.worstUnmetShare)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push(
    `zone: ${summary.zone.name} (${summary.zone.members.length} nodes); HHI ≥ 1,800 is "highly concentrated"`,
  );
  if (summary.welfare) {
    const bn = (x: number) => `${(x / 1e9).toFixed(2)} bn USD`;
    const w = summary.welfare;
    out.push(
      `welfare vs status quo: consumers ${bn(w.consumerSurplus)}, producers ${bn(w.producerSurplus)}, revenue ${bn(w.revenue)}, fiscal cost ${bn(w.fiscalCost)}, total ${bn(w.total)}`,
    );
  }
  return out.join('\n');
}
